-- delete_file_documents: removes the dim_document rows of one source file (all its versions),
-- before the row of its newly loaded version is inserted in the same transaction.
delete from dim_document where source_file = $source_file;
