-- standard_table_agreement: the same figure agrees between the standard tables of one document:
-- table 2's 合计 本年收入合计 = table 1's 本年收入合计; table 3's 合计 本年支出合计 = table 1's 本年支出合计;
-- each 类 of table 1 (支出) = that 类's 本年支出合计 in table 3; each 类 of table 4 (支出,
-- 一般公共预算财政拨款) = that 类's 合计 in table 5, and table 4's 本年支出合计 一般公共预算财政拨款 = table 5's
-- 合计; table 6's total (合计, or 人员经费合计 + 公用经费合计) = table 5's 合计 基本支出 (grain: document ×
-- figure). expected is the first table's figure, found the other's.
with figures as (
    select table_no, side, level, subject_code, item_name, parent_item, column_key, amount_wan
    from fact_standard_value
    where doc_id = $doc_id
),

totals(subject, table_a, side_a, item_a, key_a, table_b, item_b, key_b) as (
    values
        ('表2 合计 本年收入合计 = 表1 本年收入合计', 1, '收入', '本年收入合计', '金额', 2, '合计', '本年收入合计'),
        ('表3 合计 本年支出合计 = 表1 本年支出合计', 1, '支出', '本年支出合计', '金额', 3, '合计', '本年支出合计'),
        ('表5 合计 = 表4 本年支出合计 一般公共预算财政拨款', 4, '支出', '本年支出合计', '一般公共预算财政拨款', 5, '合计', '合计')
),

total_pairs as (
    select
        totals.subject,
        max(a.amount_wan) as expected,
        max(b.amount_wan) as found,
        1 as terms
    from totals
    inner join figures as a
        on a.table_no = totals.table_a and a.side = totals.side_a and a.item_name = totals.item_a
        and a.column_key = totals.key_a and a.parent_item is null
    inner join figures as b
        on b.table_no = totals.table_b and b.item_name = totals.item_b and b.column_key = totals.key_b
        and b.subject_code is null
    group by totals.subject
),

class_pairs as (
    select
        '表' || b.table_no || ' ' || b.subject_code || ' ' || b.item_name || ' ' || b.column_key
            || ' = 表' || a.table_no || ' ' || a.item_name || ' ' || a.column_key as subject,
        a.amount_wan as expected,
        b.amount_wan as found,
        1 as terms
    from figures as a
    inner join figures as b
        on (a.table_no = 1 and a.column_key = '金额' and b.table_no = 3 and b.column_key = '本年支出合计'
            or a.table_no = 4 and a.column_key = '一般公共预算财政拨款' and b.table_no = 5 and b.column_key = '合计')
        and b.level = '类' and b.subject_code is not null and b.item_name = a.item_name
    where a.table_no in (1, 4) and a.side = '支出' and a.level = '类'
),

basic as (
    select
        '表6 合计 = 表5 合计 基本支出' as subject,
        (select max(amount_wan) from figures
            where table_no = 5 and subject_code is null and item_name = '合计' and column_key = '基本支出') as expected,
        coalesce(
            (select max(amount_wan) from figures
                where table_no = 6 and subject_code is null and item_name = '合计' and column_key = '合计'),
            (select sum(amount_wan) from figures
                where table_no = 6 and subject_code is null and item_name in ('人员经费合计', '公用经费合计'))
        ) as found,
        1 as terms
),

final as (
    select * from total_pairs
    union all
    select * from class_pairs
    union all
    select * from basic where expected is not null and found is not null
)

select * from final
