-- fact_stated_figure: one row per other figure stated in the narrative: 机关运行经费, 政府采购,
-- 国有资产, 预算绩效 (grain: doc_id × topic × printed clause; the key of what it states is
-- item_key × measure).
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
    item_key     varchar,
    measure      varchar not null,
    value        decimal(18, 6),
    unit         varchar not null,
    printed_text varchar,
    printed_sentence varchar,
    read_method  varchar,
    read_confidence double
);

comment on table fact_stated_figure is 'Other stated figures: 机关运行经费, 政府采购 (货物/工程/服务, 中小企业), 国有资产 (房屋, 车辆), 预算绩效.';
comment on column fact_stated_figure.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_stated_figure.source_file is 'File name the figure was read from.';
comment on column fact_stated_figure.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_stated_figure.source_line is 'Text files: line number of the paragraph.';
comment on column fact_stated_figure.fiscal_year is 'Fiscal year of the document.';
comment on column fact_stated_figure.department is 'Publishing department, 自治区… form.';
comment on column fact_stated_figure.topic is 'Narrative section heading (e.g. 其他重要事项的情况说明／政府采购情况).';
comment on column fact_stated_figure.item is 'The printed label without the department''s name and the year (政府采购货物支出, 房屋价值, 授予中小企业合同金额占政府采购支出总额的, …).';
comment on column fact_stated_figure.item_key is 'Our key for what the figure is about: 机关运行经费, 事业单位公用经费, 政府采购金额, 政府采购货物, 政府采购工程, 政府采购服务, 授予中小企业合同金额, 授予小微企业合同金额, 面向中小企业预留项目预算金额, 面向小微企业预留项目预算金额, 房屋, 车辆, 单价100万元以上设备, 整体支出绩效自评表, 预算绩效评价项目, 编报绩效目标项目, 绩效跟踪评价项目, 绩效自评项目, 绩效自评平均得分; null for a label outside this list (see item).';
comment on column fact_stated_figure.measure is 'What the number measures about item_key: amount (the figure itself, in unit), value (价值 of counted or measured items, 万元), share, change, change_rate, budget, budget_full_year, executed (全年执行数); as in fact_budget_total.measure.';
comment on column fact_stated_figure.value is 'The number as printed, signed for decreases.';
comment on column fact_stated_figure.unit is 'Its unit: 万元, %, 平方米, 辆, 个, 台（套）, …';
comment on column fact_stated_figure.printed_text is 'The clause as printed.';
comment on column fact_stated_figure.printed_sentence is 'The whole sentence the clause was printed in.';
comment on column fact_stated_figure.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_stated_figure.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_stated_figure.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the sentence the figure is printed in; below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
