-- indicators_missed: every indicator whose actual value missed its target (grain: one indicator
-- row), with where it is printed.
create or replace view indicators_missed as
with indicators as (
    select * from fact_indicator where target_met = 'missed'
),

final as (
    select
        department_key,
        fiscal_year,
        scope,
        project_key,
        project_name,
        unit_name,
        level1_std,
        level2_std,
        indicator_name,
        target_text,
        actual_text,
        target_op,
        target_value,
        actual_value,
        coalesce(target_unit, actual_unit) as unit,
        completion_rate,
        score,
        deviation_reason,
        source_file,
        source_page,
        source_line
    from indicators
)

select * from final
;

comment on view indicators_missed is 'Every indicator whose actual value missed its target.';
comment on column indicators_missed.unit is 'Unit of the target (or of the actual value when the target prints none).';
comment on column indicators_missed.department_key is 'The department (dim_department.department_key).';
comment on column indicators_missed.fiscal_year is 'The fiscal year the indicator reports on.';
comment on column indicators_missed.scope is '''project'' (a project''s indicator) or ''department'' (the department''s own, 部门整体).';
comment on column indicators_missed.project_key is 'The project''s key (dim_project.project_key); null for scope ''department''.';
comment on column indicators_missed.project_name is '项目名称 as printed; null for scope ''department''.';
comment on column indicators_missed.unit_name is 'The implementing unit as printed.';
comment on column indicators_missed.level1_std is 'The indicator''s 一级指标 as a standard category (产出, 成本, 效益, 满意度, …).';
comment on column indicators_missed.level2_std is 'The indicator''s 二级指标 as a standard category (数量, 质量, 时效, …).';
comment on column indicators_missed.indicator_name is '三级指标: the indicator that missed its target.';
comment on column indicators_missed.target_text is '目标值 / 预期指标值 as printed.';
comment on column indicators_missed.actual_text is '业绩值 / 实际完成指标值 as printed.';
comment on column indicators_missed.target_op is 'Operator of the target (>=, <=, >, <, =).';
comment on column indicators_missed.target_value is 'Number of the target, in unit.';
comment on column indicators_missed.actual_value is 'Number of the actual value, in unit.';
comment on column indicators_missed.completion_rate is '完成率 as printed, in percent.';
comment on column indicators_missed.score is '指标得分, in points.';
comment on column indicators_missed.deviation_reason is '偏差原因分析及改进措施 as printed: why the target was missed.';
comment on column indicators_missed.source_file is 'File the indicator was read from.';
comment on column indicators_missed.source_page is 'PDF page (from 1) of the indicator''s row; null for text files.';
comment on column indicators_missed.source_line is 'Text files: line number of the indicator''s row.';
