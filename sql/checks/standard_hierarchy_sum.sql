-- standard_hierarchy_sum: in a standard table with 科目编码 (tables 2, 3, 5, 6, 7, 8), every 类 = the
-- sum of its 款 and every 款 = the sum of its 项 (经济分类: 类 = the sum of its 款), and each total
-- line = the sum of the 类 lines under it, column by column: 合计 = Σ 类; in table 6 printed in
-- blocks, 人员经费合计 = Σ 类 of 人员经费 and 公用经费合计 = Σ 类 of 公用经费, whichever block they are
-- printed in (grain: document × table × parent line × column).
with coded as (
    select table_no, subject_code, item_name, level, column_name, column_key, amount_wan
    from fact_standard_value
    where doc_id = $doc_id and table_no in (2, 3, 5, 6, 7, 8)
        and (subject_code is not null or level = '合计')
),

parents as (
    select * from coded where level in ('类', '款') or (level = '合计' and subject_code is null)
),

children as (
    select
        parents.table_no,
        parents.subject_code,
        parents.item_name,
        parents.column_name,
        any_value(parents.amount_wan) as expected,
        sum(child.amount_wan) as found,
        count(child.amount_wan) as terms
    from parents
    inner join coded as child
        on child.table_no = parents.table_no
        and child.column_key = parents.column_key
        and child.subject_code is not null
        and (
            (parents.subject_code is null and child.level = '类')
            or (parents.subject_code is not null
                and length(child.subject_code) = length(parents.subject_code) + 2
                and starts_with(child.subject_code, parents.subject_code))
        )
    group by parents.table_no, parents.subject_code, parents.item_name, parents.column_name
),

final as (
    select
        '表' || table_no || ' ' || coalesce(subject_code || ' ', '') || coalesce(item_name, '') || ' ' || column_name
            as subject,
        expected,
        found,
        terms
    from children
    where terms > 0
)

select * from final
