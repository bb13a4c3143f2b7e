-- dim_department_member: one row per name that belongs to a department, an alias of it or one of
-- its units (grain: name × kind), for joining any printed name to its department.
create table if not exists dim_department_member (
    name           varchar not null,
    name_key       varchar not null,
    kind           varchar not null,
    department_key varchar not null
);

comment on table dim_department_member is 'Every alias and unit name of each department, one a row.';
comment on column dim_department_member.name is 'The name as printed.';
comment on column dim_department_member.name_key is 'name without white space: join a printed name on it when the spacing may differ.';
comment on column dim_department_member.kind is '''alias'' (a form of the department''s own name) or ''unit'' (one of its units).';
comment on column dim_department_member.department_key is 'The department (dim_department.department_key).';
