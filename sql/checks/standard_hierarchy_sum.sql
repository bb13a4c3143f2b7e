-- standard_hierarchy_sum: in a standard table with 科目编码, every 类 = the sum of its 款 and every
-- 款 = the sum of its 项 (economic codes: 类 = the sum of its 款), and the 合计 row = the sum of
-- the 类 rows, column by column (grain: document × table × parent line × column).
with coded as (
    select table_no, subject_code, item_name, level, column_name, amount_wan
    from fact_standard_value
    where doc_id = $doc_id and (subject_code is not null or level = '合计')
),

parents as (
    select * from coded where level in ('类', '款', '合计')
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
        and child.column_name = parents.column_name
        and (
            (parents.level = '合计' and child.level = '类')
            or (parents.level <> '合计'
                and length(child.subject_code) = length(parents.subject_code) + 2
                and starts_with(child.subject_code, parents.subject_code))
        )
    group by parents.table_no, parents.subject_code, parents.item_name, parents.column_name
),

final as (
    select
        '表' || table_no || ' ' || coalesce(subject_code || ' ', '') || item_name || ' ' || column_name
            as subject,
        expected,
        found,
        terms
    from children
    where terms > 0
)

select * from final
