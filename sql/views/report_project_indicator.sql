-- report_project_indicator: every indicator of a project, by year, with target, actual and
-- whether it was met (grain: one fact_indicator row of scope project with a project_key).
create or replace view report_project_indicator as
with indicators as (
    select * from fact_indicator where project_key is not null
),

final as (
    select
        project_key,
        fiscal_year,
        project_name,
        level1_std,
        level2_std,
        indicator_name,
        weight,
        target_text,
        actual_text,
        completion_rate,
        score,
        target_met,
        target_met_reason,
        deviation_reason,
        source_file,
        source_page,
        source_line,
        table_no
    from indicators
)

select * from final
;

comment on view report_project_indicator is 'Every indicator of a project by year: target, actual, met / missed / unknown with the reason (report: project page).';
comment on column report_project_indicator.project_key is 'The project (dim_project.project_key).';
comment on column report_project_indicator.fiscal_year is 'The fiscal year of the self-evaluation.';
comment on column report_project_indicator.project_name is '项目名称 as printed in that year''s document.';
comment on column report_project_indicator.level1_std is 'The indicator''s 一级指标 as a standard category (产出, 成本, 效益, 满意度, …).';
comment on column report_project_indicator.level2_std is 'The indicator''s 二级指标 as a standard category (数量, 质量, 时效, …).';
comment on column report_project_indicator.indicator_name is '三级指标: the indicator, as printed.';
comment on column report_project_indicator.weight is '权重 / 分值权重, in points.';
comment on column report_project_indicator.target_text is '目标值 / 预期指标值 as printed.';
comment on column report_project_indicator.actual_text is '业绩值 / 实际完成指标值 as printed.';
comment on column report_project_indicator.completion_rate is '完成率, in percent (100 means 100%).';
comment on column report_project_indicator.score is '指标得分 / 得分, in points.';
comment on column report_project_indicator.target_met is '''met'', ''missed'' or ''unknown'' (fact_indicator.target_met).';
comment on column report_project_indicator.target_met_reason is 'Why target_met is unknown; null otherwise.';
comment on column report_project_indicator.deviation_reason is '偏差原因分析及改进措施 as printed.';
comment on column report_project_indicator.source_file is 'File the indicator row was read from.';
comment on column report_project_indicator.source_page is 'PDF page (from 1) of the indicator row; null for text files.';
comment on column report_project_indicator.source_line is 'Text files: line number of the indicator row.';
comment on column report_project_indicator.table_no is 'Ordinal of the indicator''s table within its document, from 1.';
