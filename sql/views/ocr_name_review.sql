-- ocr_name_review: every 科目名称 read by OCR that disagrees with the name dim_subject gives its
-- 科目编码 (grain: document × fact table × page × code × printed name). Only a reference that does
-- not rest on one OCR reading alone is used: a name printed for the code by a document read
-- without OCR, or on two lines or more (tables 2, 3 and 5 of one document print the same codes). The name as read stays in its fact table; this is a
-- list for a person to review (a misread name, a misread code, or a 科目 renamed that year).
create or replace view ocr_name_review as
with read_names as (
    select
        doc_id,
        source_file,
        'fact_standard_value' as fact_table,
        source_page,
        case when table_no = 6 then '经济分类' else '功能分类' end as classification,
        subject_code,
        item_name as name_read,
        read_confidence
    from fact_standard_value
    where read_method = 'ocr' and subject_code is not null and item_name is not null
    union all
    select
        doc_id,
        source_file,
        'fact_function_expenditure' as fact_table,
        source_page,
        '功能分类' as classification,
        subject_code,
        case length(subject_code) when 3 then class_name when 5 then section_name else item_name end as name_read,
        read_confidence
    from fact_function_expenditure
    where read_method = 'ocr' and subject_code is not null
),

final as (
    select
        r.doc_id,
        r.source_file,
        r.fact_table,
        r.source_page,
        r.classification,
        r.subject_code,
        r.name_read,
        s.subject_name as expected_name,
        min(r.read_confidence) as read_confidence,
        s.name_documents,
        s.name_documents_not_ocr,
        s.name_lines
    from read_names as r
    inner join dim_subject as s on s.classification = r.classification and s.subject_code = r.subject_code
    where r.name_read is not null
        and r.name_read <> s.subject_name
        and (s.name_documents_not_ocr > 0 or s.name_lines >= 2)
    group by all
)

select * from final;

comment on view ocr_name_review is '科目名称 read by OCR that disagree with the name dim_subject gives their 科目编码, for a person to review.';
comment on column ocr_name_review.doc_id is 'sha256 of the document (dim_document.doc_id).';
comment on column ocr_name_review.source_file is 'File name of the document.';
comment on column ocr_name_review.fact_table is 'Where the name is: fact_standard_value or fact_function_expenditure.';
comment on column ocr_name_review.source_page is 'PDF page (from 1) of the line.';
comment on column ocr_name_review.classification is '''功能分类'' or ''经济分类'' (table 6), as in dim_subject.';
comment on column ocr_name_review.subject_code is '科目编码 of the line as read.';
comment on column ocr_name_review.name_read is '科目名称 as OCR read it (kept as read in the fact table).';
comment on column ocr_name_review.expected_name is 'The name the code stands for (dim_subject.subject_name).';
comment on column ocr_name_review.read_confidence is 'The least OCR confidence of the lines that print name_read with the code, 0–1.';
comment on column ocr_name_review.name_documents is 'Documents printing expected_name for the code (dim_subject.name_documents).';
comment on column ocr_name_review.name_documents_not_ocr is 'Of those, documents read without OCR (dim_subject.name_documents_not_ocr).';
comment on column ocr_name_review.name_lines is 'Lines printing expected_name for the code (dim_subject.name_lines).';
