-- fact_stated_figure: one row per other figure stated in the narrative: 机关运行经费, 政府采购,
-- 国有资产, 预算绩效 (grain: doc_id × topic × item).
create table if not exists fact_stated_figure (
    doc_id       varchar not null,
    source_file  varchar not null,
    source_page  integer,
    source_line  integer,
    fiscal_year  integer,
    department   varchar,
    department_key       varchar,
    topic        varchar not null,
    item         varchar not null,
    value        decimal(18, 6),
    unit         varchar not null,
    printed_text varchar
);

comment on table fact_stated_figure is 'Other stated figures: 机关运行经费, 政府采购 (货物/工程/服务, 中小企业), 国有资产 (房屋, 车辆), 预算绩效.';
comment on column fact_stated_figure.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_stated_figure.source_file is 'File name the figure was read from.';
comment on column fact_stated_figure.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_stated_figure.source_line is 'Text files: line number of the paragraph.';
comment on column fact_stated_figure.fiscal_year is 'Fiscal year of the document.';
comment on column fact_stated_figure.department is 'Publishing department, 自治区… form.';
comment on column fact_stated_figure.topic is 'Narrative section heading (e.g. 其他重要事项的情况说明／政府采购情况).';
comment on column fact_stated_figure.item is 'The printed label (政府采购货物支出, 房屋价值, 授予中小企业合同金额占政府采购支出总额的, …).';
comment on column fact_stated_figure.value is 'The number as printed, signed for decreases.';
comment on column fact_stated_figure.unit is 'Its unit: 万元, %, 平方米, 辆, 个, 台（套）, …';
comment on column fact_stated_figure.printed_text is 'The clause as printed.';
comment on column fact_stated_figure.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
