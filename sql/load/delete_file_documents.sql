-- delete_file_documents: removes the dim_document row of one source file ($source_file), before
-- the row of its new record is inserted in the same transaction (or when the file is removed).
delete from dim_document where source_file = $source_file;
