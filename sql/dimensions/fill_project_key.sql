-- fill_project_key: sets project_key on the rows of one project fact table from dim_project,
-- matching department, year and printed name (grain: the fact table's own). The table name is
-- filled in from the fixed list in pipelines/warehouse.py.
update {table} as fact
set project_key = dim.project_key
from dim_project as dim
where dim.printed_name = fact.project_name
    and dim.fiscal_year is not distinct from fact.fiscal_year
    and dim.department_key is not distinct from fact.department_key
