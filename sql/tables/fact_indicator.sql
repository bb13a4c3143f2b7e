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
    unit_name            varchar,
    scope                varchar not null,
    project_name         varchar,
    level1               varchar,
    level2               varchar,
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
    weight_text          varchar,
    completion_rate_text varchar,
    score_text           varchar
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
