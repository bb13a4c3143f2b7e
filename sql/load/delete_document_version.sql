-- delete_document_version: removes the dim_document row of one file version, so that a
-- failure of that version can be recorded again without touching earlier versions.
delete from dim_document where source_file = $source_file and doc_id = $doc_id;
