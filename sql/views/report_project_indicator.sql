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
