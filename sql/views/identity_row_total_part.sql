-- identity_row_total_part: the terms of the row-total identity of the standard tables, one place
-- for the check standard_row_total and the view ocr_figure_review (grain: table × part column).
-- On every line of a standard table, its total column = the sum of its part columns: table 2
-- 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入; table 3
-- 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出; table 4 (支出) 合计 =
-- 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款; table 5 合计 = 基本支出 + 项目支出; table 6 合计 =
-- 人员经费 + 公用经费; tables 7 and 8 本年支出 合计 = 基本支出 + 项目支出. Keys are column_key of
-- fact_standard_value.
create or replace view identity_row_total_part as
with terms(table_no, total_key, part_key) as (
    values
        (2, '本年收入合计', '财政拨款收入'), (2, '本年收入合计', '上级补助收入'), (2, '本年收入合计', '事业收入'),
        (2, '本年收入合计', '经营收入'), (2, '本年收入合计', '附属单位上缴收入'), (2, '本年收入合计', '其他收入'),
        (3, '本年支出合计', '基本支出'), (3, '本年支出合计', '项目支出'), (3, '本年支出合计', '上缴上级支出'),
        (3, '本年支出合计', '经营支出'), (3, '本年支出合计', '对附属单位补助支出'),
        (4, '合计', '一般公共预算财政拨款'), (4, '合计', '政府性基金预算财政拨款'),
        (4, '合计', '国有资本经营预算财政拨款'),
        (5, '合计', '基本支出'), (5, '合计', '项目支出'),
        (6, '合计', '人员经费'), (6, '合计', '公用经费'),
        (7, '本年支出/合计', '本年支出/基本支出'), (7, '本年支出/合计', '本年支出/项目支出'),
        (8, '本年支出/合计', '本年支出/基本支出'), (8, '本年支出/合计', '本年支出/项目支出')
),

final as (
    select cast(table_no as integer) as table_no, total_key, part_key from terms
)

select * from final;

comment on view identity_row_total_part is 'The terms of the row-total identity of the standard tables (check standard_row_total): on every line, total_key = the sum of its part_key columns.';
comment on column identity_row_total_part.table_no is 'Standard table number 2–8 (fact_standard_value.table_no).';
comment on column identity_row_total_part.total_key is 'The total column (fact_standard_value.column_key), e.g. 本年收入合计.';
comment on column identity_row_total_part.part_key is 'One of its part columns (fact_standard_value.column_key), e.g. 财政拨款收入.';
