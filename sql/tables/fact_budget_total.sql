-- fact_budget_total: one row per department total stated in the narrative of a 决算公开说明
-- (grain: doc_id × section × item). Amounts in 万元 (amount_wan) or a percent (percent).
create table if not exists fact_budget_total (
    doc_id       varchar not null,
    source_file  varchar not null,
    source_page  integer,
    source_line  integer,
    fiscal_year  integer,
    department   varchar,
    department_key       varchar,
    section      varchar not null,
    item         varchar not null,
    amount_wan   decimal(18, 6),
    percent      decimal(18, 6),
    unit         varchar not null,
    printed_text varchar
);

comment on table fact_budget_total is 'Department totals stated in the narrative (收入总计, 本年支出合计, 年初预算数, …).';
comment on column fact_budget_total.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_budget_total.source_file is 'File name the figure was read from.';
comment on column fact_budget_total.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_budget_total.source_line is 'Text files: line number of the paragraph.';
comment on column fact_budget_total.fiscal_year is 'Fiscal year of the document.';
comment on column fact_budget_total.department is 'Publishing department, 自治区… form.';
comment on column fact_budget_total.section is 'Narrative section heading, without its number (e.g. 收入支出决算总体情况说明); tells apart items printed in several sections, such as 年初预算数.';
comment on column fact_budget_total.item is 'The printed label (收入总计, 本年收入合计, 财政拨款收入, 基本支出, …); 占比 for a share, 比上年增减 / 比上年增减率 for the change against last year (signed: 减少 is negative).';
comment on column fact_budget_total.amount_wan is 'The amount in 万元 when unit is 万元, else null.';
comment on column fact_budget_total.percent is 'The percent (96.14 for 96.14%) when unit is %, else null.';
comment on column fact_budget_total.unit is '万元 or %.';
comment on column fact_budget_total.printed_text is 'The clause as printed.';
comment on column fact_budget_total.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
