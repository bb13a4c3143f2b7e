-- dim_subject: the 科目编码 → 科目名称 reference built from the documents loaded (grain:
-- classification × subject_code), rebuilt after each load. A code fixes its name: the name is the
-- one most documents print for it, documents read without OCR first; the other names printed for
-- the same code are kept in other_names (a renamed 科目 across years, a typo, or an OCR misread).
-- ocr_name_review uses it to check the names OCR read against their codes.
create table if not exists dim_subject (
    classification        varchar not null,
    subject_code          varchar not null,
    level                 varchar not null,
    subject_name          varchar not null,
    parent_code           varchar,
    documents             integer not null,
    name_documents        integer not null,
    name_documents_not_ocr integer not null,
    name_lines            integer not null,
    other_names           varchar[] not null,
    first_year            integer,
    last_year             integer
);

comment on table dim_subject is '科目编码 → 科目名称 reference, from the standard tables and 支出功能分类 lines of the loaded documents.';
comment on column dim_subject.classification is '''功能分类'' (支出功能分类科目: tables 2, 3, 5, 7, 8 and the narrative''s 功能分类 lines) or ''经济分类'' (部门预算支出经济分类: table 6).';
comment on column dim_subject.subject_code is '科目编码, all parts joined: 类 3 digits (201), 款 5 (20113), 项 7 (2011301).';
comment on column dim_subject.level is '类, 款 or 项, from the code''s length.';
comment on column dim_subject.subject_name is 'The 科目名称 the code stands for: the name printed for it by the most documents read without OCR (then by the most documents, the latest year, the shortest name).';
comment on column dim_subject.parent_code is 'The code of the 类 (for a 款) or 款 (for a 项) it belongs to; null for a 类.';
comment on column dim_subject.documents is 'Loaded documents that print the code.';
comment on column dim_subject.name_documents is 'Loaded documents that print subject_name for the code.';
comment on column dim_subject.name_documents_not_ocr is 'Of those, documents whose line was read without OCR (text layer, workbook, text file): 0 means the name rests on OCR alone.';
comment on column dim_subject.name_lines is 'Lines (table rows, narrative lines) that print subject_name for the code, in all loaded documents.';
comment on column dim_subject.other_names is 'Other names printed for the same code, most documents first; empty when every document agrees.';
comment on column dim_subject.first_year is 'Earliest fiscal year of a document that prints the code.';
comment on column dim_subject.last_year is 'Latest fiscal year of a document that prints the code.';
