-- fact_budget_total: one row per department figure stated in the narrative of a 决算公开说明
-- (grain: doc_id × section × printed clause; the key of what it states is item_key × measure).
-- Amounts in 万元 (amount_wan) or a percent (percent).
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
    item_key     varchar,
    measure      varchar not null,
    amount_wan   decimal(18, 6),
    percent      decimal(18, 6),
    unit         varchar not null,
    printed_text varchar,
    printed_sentence varchar,
    read_method  varchar,
    read_confidence double
);

comment on table fact_budget_total is 'Department totals stated in the narrative (收入总计, 本年支出合计, 年初预算数, …).';
comment on column fact_budget_total.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_budget_total.source_file is 'File name the figure was read from.';
comment on column fact_budget_total.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_budget_total.source_line is 'Text files: line number of the paragraph.';
comment on column fact_budget_total.fiscal_year is 'Fiscal year of the document.';
comment on column fact_budget_total.department is 'Publishing department, 自治区… form.';
comment on column fact_budget_total.section is 'Narrative section heading, without its number (e.g. 收入支出决算总体情况说明); tells apart items printed in several sections, such as 年初预算数.';
comment on column fact_budget_total.item is 'The printed label without the department''s name and the year (收入总计, 本年收入合计, 财政拨款收入, 年初预算数, …); for a clause that does not name its subject, the subject and 占比 (a share) or 比上年增减 / 比上年增减率 (the change against last year).';
comment on column fact_budget_total.item_key is 'Our key for what the figure is about, the same for every department and phrasing: 收入支出总计 (printed as one figure), 收入总计, 支出总计, 本年收入合计, 本年支出合计, 使用非财政拨款结余, 年初结转和结余, 年末结转和结余, 结余分配, 财政拨款收入, 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入, 其他收入, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出, 财政拨款收入支出总计, 财政拨款收入总计, 财政拨款支出总计, 年初财政拨款结转和结余, 本年财政拨款收入, 本年财政拨款支出, 年末财政拨款结转和结余, 一般公共预算财政拨款支出, 一般公共预算财政拨款基本支出, 一般公共预算财政拨款项目支出, 人员经费, 公用经费; null for a label outside this list (see item).';
comment on column fact_budget_total.measure is 'What the number measures about item_key: amount (the figure itself), share (占…, percent), change (比上年增加/减少, 万元, signed), change_rate (增长/下降, percent, signed), budget_initial (年初预算), budget_full_year (全年预算), budget (预算, neither said), completion_rate (完成…预算的, percent), budget_variance_rate (预决算差异率, percent).';
comment on column fact_budget_total.amount_wan is 'The amount in 万元 when unit is 万元 (or 元, divided by 10,000), else null.';
comment on column fact_budget_total.percent is 'The percent (96.14 for 96.14%) when unit is %, else null.';
comment on column fact_budget_total.unit is '万元 or %.';
comment on column fact_budget_total.printed_text is 'The clause as printed.';
comment on column fact_budget_total.printed_sentence is 'The whole sentence the clause was printed in (joined again when a page or line break cut it).';
comment on column fact_budget_total.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_budget_total.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_budget_total.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the sentence the figure is printed in; below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
