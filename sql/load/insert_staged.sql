-- insert_staged: appends the staged frame of one file to one table, matching columns by name.
-- The table name is filled in from the fixed list in pipelines/warehouse.py; `staged` is a
-- registered frame.
insert into {table} by name select * from staged;
