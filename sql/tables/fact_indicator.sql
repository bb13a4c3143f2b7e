-- fact_indicator: one row per indicator row (三级指标) of a performance table
-- (grain: doc_id × table_no × source row). scope 'project' rows come from 项目支出绩效自评表 and
-- the indicator tables of project reports; scope 'department' rows from 部门整体支出绩效自评表.
create table if not exists fact_indicator (
    doc_id               varchar not null,
    source_file          varchar not null,
    source_page          integer,
    source_line          integer,
    table_no             integer not null,
    table_kind           varchar not null,
    fiscal_year          integer,
    department           varchar,
    department_key       varchar,
    unit_name            varchar,
    scope                varchar not null,
    project_name         varchar,
    project_key          varchar,
    level1               varchar,
    level2               varchar,
    level1_std           varchar,
    level2_std           varchar,
    indicator_name       varchar not null,
    weight               decimal(18, 6),
    target_text          varchar,
    actual_text          varchar,
    completion_rate      decimal(18, 6),
    score                decimal(18, 6),
    basis                varchar,
    prior_year_text      varchar,
    scoring_rule         varchar,
    evidence             varchar,
    deviation_reason     varchar,
    target_op            varchar,
    target_value         decimal(18, 6),
    target_unit          varchar,
    target_category      varchar,
    actual_op            varchar,
    actual_value         decimal(18, 6),
    actual_unit          varchar,
    actual_category      varchar,
    target_met           varchar,
    target_met_reason    varchar,
    weight_text          varchar,
    completion_rate_text varchar,
    score_text           varchar,
    read_method  varchar,
    read_confidence double
);

comment on table fact_indicator is 'One row per indicator row (三级指标) of a performance table.';
comment on column fact_indicator.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_indicator.source_file is 'File name the row was read from.';
comment on column fact_indicator.source_page is 'PDF page (from 1) the row is printed on; null for text files.';
comment on column fact_indicator.source_line is 'Text files: line number where the row starts.';
comment on column fact_indicator.table_no is 'Ordinal of the table within its document, from 1.';
comment on column fact_indicator.table_kind is 'Layout read: project_2024 (14 columns), project_2018 (6), department_2024 (8), indicator_4col (4).';
comment on column fact_indicator.fiscal_year is 'Fiscal year printed on the table (e.g. (2024年度)), else the document''s.';
comment on column fact_indicator.department is 'Publishing department, 自治区… form.';
comment on column fact_indicator.unit_name is 'Implementing / budget unit as printed (实施单位, 预算单位, 部门（单位）名称).';
comment on column fact_indicator.scope is '''project'' or ''department''.';
comment on column fact_indicator.project_name is '项目名称 as printed; null for scope ''department''.';
comment on column fact_indicator.level1 is '一级指标 (carried down over merged cells).';
comment on column fact_indicator.level2 is '二级指标 (carried down over merged cells).';
comment on column fact_indicator.indicator_name is '三级指标: the indicator.';
comment on column fact_indicator.weight is '权重 / 分值权重, in points.';
comment on column fact_indicator.target_text is '目标值 / 预期指标值 as printed, white space removed.';
comment on column fact_indicator.actual_text is '业绩值 / 实际完成指标值 as printed, white space removed.';
comment on column fact_indicator.completion_rate is '完成率, in percent (100 means 100%).';
comment on column fact_indicator.score is '指标得分 / 得分, in points.';
comment on column fact_indicator.basis is '指标值设定依据.';
comment on column fact_indicator.prior_year_text is '上年完成情况 as printed.';
comment on column fact_indicator.scoring_rule is '赋分规则.';
comment on column fact_indicator.evidence is '佐证资料.';
comment on column fact_indicator.deviation_reason is '偏差原因分析及改进措施.';
comment on column fact_indicator.weight_text is '权重 as printed.';
comment on column fact_indicator.completion_rate_text is '完成率 as printed.';
comment on column fact_indicator.score_text is '得分 as printed.';
comment on column fact_indicator.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_indicator.project_key is 'The project across years (dim_project.project_key); filled when the dimensions are rebuilt after a load.';
comment on column fact_indicator.level1_std is 'Standard 一级 category of level1: 产出, 成本, 效益, 满意度, 履职效能, 管理效率 or 其他 (2018 项目完成指标 → 产出, 项目效果指标 → 效益, 满意度指 → 满意度).';
comment on column fact_indicator.level2_std is 'Standard 二级 category of level2: 数量, 质量, 时效, 经济成本, 社会成本, 生态环境成本, 成本, 经济效益, 社会效益, 生态效益, 可持续影响, 满意度 or 其他.';
comment on column fact_indicator.target_op is 'Operator of the target: >=, <=, >, <, = (from >=, ≥, 不低于, 以上, 不超过, 以内, 前 …); null when none is printed.';
comment on column fact_indicator.target_value is 'Number of the target (Chinese numerals and full-width digits read; dates as YYYYMMDD with 00 for a day or month not printed); null for a qualitative target.';
comment on column fact_indicator.target_unit is 'Unit of the target as printed after the number (%, 万元, 个, 个工作日, 万亩, …; date for dates); 百分比 is %.';
comment on column fact_indicator.target_category is 'For a target without a number: achieved, improved, reduced, duration, relative, none or other.';
comment on column fact_indicator.actual_op is 'Operator printed with the actual value (业绩值 =43场 has =).';
comment on column fact_indicator.actual_value is 'Number of the actual value, read like target_value.';
comment on column fact_indicator.actual_unit is 'Unit of the actual value.';
comment on column fact_indicator.actual_category is 'For an actual value without a number: its category, as for the target.';
comment on column fact_indicator.target_met is '''met'', ''missed'' or ''unknown'': the actual value compared with the target by its operator (>= when none is printed).';
comment on column fact_indicator.target_met_reason is 'Why target_met is unknown (a qualitative target, different units, no actual value, …); null otherwise.';
comment on column fact_indicator.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_indicator.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the row''s cells (name, target, actual, weight, score …); below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
