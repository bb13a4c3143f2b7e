-- fact_three_public: one row per 三公经费 category stated in the narrative (grain: doc_id ×
-- category). 'total' is the 三公 合计; overseas, vehicle (公务用车购置及运行维护费) and reception
-- add up to it, and vehicle_purchase + vehicle_operation to vehicle.
create table if not exists fact_three_public (
    doc_id             varchar not null,
    source_file        varchar not null,
    source_page        integer,
    source_line        integer,
    fiscal_year        integer,
    department         varchar,
    department_key       varchar,
    category           varchar not null,
    budget_wan         decimal(18, 6),
    budget_kind        varchar,
    actual_wan         decimal(18, 6),
    completion_pct     decimal(18, 6),
    budget_variance_pct decimal(18, 6),
    change_wan         decimal(18, 6),
    change_pct         decimal(18, 6),
    share_pct          decimal(18, 6),
    groups             integer,
    person_trips       integer,
    batches            integer,
    vehicles_purchased integer,
    vehicles_held      integer,
    read_method  varchar,
    read_confidence double
);

comment on table fact_three_public is '财政拨款“三公”经费: budget, actual and the counts stated.';
comment on column fact_three_public.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_three_public.source_file is 'File name the figures were read from.';
comment on column fact_three_public.source_page is 'PDF page (from 1) of the first statement; null for text files.';
comment on column fact_three_public.source_line is 'Text files: line number of the first statement.';
comment on column fact_three_public.fiscal_year is 'Fiscal year of the document.';
comment on column fact_three_public.department is 'Publishing department, 自治区… form.';
comment on column fact_three_public.category is '''total'' (合计), ''overseas'' (因公出国（境）费), ''vehicle'' (公务用车购置及运行维护费, the subtotal), ''vehicle_purchase'' (公务用车购置费), ''vehicle_operation'' (公务用车运行维护费), ''reception'' (公务接待费).';
comment on column fact_three_public.budget_wan is 'The budget stated (全年预算数 or 年初预算), 万元; budget_kind says which.';
comment on column fact_three_public.budget_kind is 'Which budget budget_wan is: 全年预算, 年初预算, or 预算 when the document says neither.';
comment on column fact_three_public.completion_pct is '完成预算的 Z%: 决算 / 预算, percent, as printed.';
comment on column fact_three_public.budget_variance_pct is '预决算差异率, percent, as printed.';
comment on column fact_three_public.actual_wan is '决算数 (支出), 万元.';
comment on column fact_three_public.change_wan is 'Change against last year, 万元, signed.';
comment on column fact_three_public.change_pct is 'Change against last year, percent, signed.';
comment on column fact_three_public.share_pct is 'Share of the 三公 total, percent.';
comment on column fact_three_public.groups is 'overseas: 因公出国（境）团组 (number of delegations).';
comment on column fact_three_public.person_trips is 'overseas: 人次 abroad; reception: 人次 received.';
comment on column fact_three_public.batches is 'reception: 接待批次.';
comment on column fact_three_public.vehicles_purchased is 'vehicle_purchase: 公务用车购置数 (vehicles bought).';
comment on column fact_three_public.vehicles_held is 'vehicle_operation: 公务用车保有量 (vehicles held).';
comment on column fact_three_public.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_three_public.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_three_public.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the sentences of the category''s figures; below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
