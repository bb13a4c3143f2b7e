-- delete_file_facts: removes every fact row of one source file (all its versions) from one fact
-- table, before the file's new version is inserted in the same transaction.
-- {table} is one of the fact tables named in pipelines/warehouse.py; the file name is bound.
delete from {table} where source_file = $source_file;
