-- dim_project: one row per project key, fiscal year and printed name (grain: project_key ×
-- fiscal_year × printed_name), rebuilt from the facts after each load. The same project in
-- different years shares its project_key; match_score says how sure the match is. Names are
-- matched on name_key (the printed name without white space) and kept as printed.
create table if not exists dim_project (
    project_key    varchar not null,
    canonical_name varchar not null,
    department_key varchar,
    fiscal_year    integer,
    printed_name   varchar not null,
    name_key       varchar not null,
    match_score    double,
    match_method   varchar not null
);

comment on table dim_project is 'Projects across years: one key per project, one row per year and printed name.';
comment on column dim_project.project_key is 'The project''s key (P + 10 hex digits), shared by its names in every year.';
comment on column dim_project.canonical_name is 'The name the project was first printed with (its earliest year).';
comment on column dim_project.department_key is 'The department (dim_department.department_key).';
comment on column dim_project.fiscal_year is 'Fiscal year of this printed name.';
comment on column dim_project.printed_name is '项目名称 as printed that year.';
comment on column dim_project.name_key is 'printed_name without white space: spellings that differ only in white space are one name of one project.';
comment on column dim_project.match_score is 'Similarity (0–1, Jaccard of jieba tokens without generic words) with the project''s names in other years; 1 for an identical name or a first name.';
comment on column dim_project.match_method is '''first'' (the project''s first name), ''exact'', ''similar'' (score >= 0.6) or ''override'' (data/reference/project_overrides.csv).';
