-- delete_file_facts: removes every fact row of one source file (all its versions) from one fact
-- table, before the file's new version is inserted in the same transaction.
-- The table name is filled in from the fixed list in pipelines/warehouse.py; the file name is
-- bound as $source_file.
delete from {table} where source_file = $source_file;
