-- dim_department: one row per department (grain: department_key), rebuilt from the facts after
-- each load. Its aliases are the forms it is printed in; its units are the units that report in
-- its documents or that its 决算 lists.
create table if not exists dim_department (
    department_key varchar not null primary key,
    canonical_name varchar not null,
    short_name     varchar not null,
    aliases        varchar[],
    units          varchar[]
);

comment on table dim_department is 'Departments, with the forms their names are printed in and their units.';
comment on column dim_department.department_key is 'The short name (商务厅): the key every fact''s department_key refers to.';
comment on column dim_department.canonical_name is 'The full name: 新疆维吾尔自治区 and the short name for an autonomous-region department (新疆维吾尔自治区商务厅); for a department of another region, the longest name it is printed under (上海市普陀区规划和自然资源局).';
comment on column dim_department.short_name is 'The short name (商务厅).';
comment on column dim_department.aliases is 'Every printed form of the name (新疆维吾尔自治区商务厅, 自治区商务厅, 商务厅).';
comment on column dim_department.units is 'Units of the department (新疆国际博览事务局, 新疆商贸经济学校, …).';
