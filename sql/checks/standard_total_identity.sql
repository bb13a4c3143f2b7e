-- standard_total_identity: tables 1 and 4, each half and each column: 本年收入合计 = the sum of the
-- income lines above it (一般公共预算财政拨款收入 … 其他收入; table 4: the three fund kinds), 本年支出合计
-- = the sum of the 类 lines, 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 (收入) and 总计 =
-- 本年支出合计 + 结余分配 + 年末结转和结余 (支出) — in table 4 with its 财政拨款 结转和结余 lines — a
-- 结转和结余 line = the sum of its sub-lines (年初财政拨款结转和结余 = its three fund kinds), and the
-- two halves' 总计 agree (grain: document × table × half × column × total).
with figures as (
    select table_no, side, row_no, item_name, level, parent_item, column_key, amount_wan
    from fact_standard_value
    where doc_id = $doc_id and table_no in (1, 4) and side is not null
),

current_totals as (
    select table_no, side, column_key, item_name, row_no, amount_wan
    from figures
    where item_name in ('本年收入合计', '本年支出合计') and parent_item is null
),

current_sums as (
    select
        t.table_no,
        t.side,
        t.column_key,
        t.item_name,
        any_value(t.amount_wan) as expected,
        sum(f.amount_wan) as found,
        count(f.amount_wan) as terms
    from current_totals as t
    inner join figures as f
        on f.table_no = t.table_no and f.side = t.side and f.column_key = t.column_key
        and f.row_no < t.row_no and f.parent_item is null
        and (t.side = '支出' and f.level = '类' or t.side = '收入')
    group by t.table_no, t.side, t.column_key, t.item_name
),

grand_totals as (
    select
        table_no,
        side,
        column_key,
        '总计' as item_name,
        max(amount_wan) filter (where item_name = '总计') as expected,
        sum(amount_wan) filter (
            where parent_item is null and (
                item_name in ('本年收入合计', '本年支出合计', '结余分配', '年初结转和结余', '年末结转和结余',
                              '年初财政拨款结转和结余', '年末财政拨款结转和结余')
                or item_name like '使用非财政拨款结余%')
        ) as found,
        count(amount_wan) filter (
            where parent_item is null and (
                item_name in ('本年收入合计', '本年支出合计', '结余分配', '年初结转和结余', '年末结转和结余',
                              '年初财政拨款结转和结余', '年末财政拨款结转和结余')
                or item_name like '使用非财政拨款结余%')
        ) as terms
    from figures
    group by table_no, side, column_key
),

sub_lines as (
    select
        parent.table_no,
        parent.side,
        parent.column_key,
        parent.item_name,
        any_value(parent.amount_wan) as expected,
        sum(child.amount_wan) as found,
        count(child.amount_wan) as terms
    from figures as parent
    inner join figures as child
        on child.table_no = parent.table_no and child.side = parent.side
        and child.column_key = parent.column_key and child.parent_item = parent.item_name
        and child.row_no > parent.row_no
    where parent.parent_item is null
    group by parent.table_no, parent.side, parent.column_key, parent.item_name
),

balance as (
    select
        table_no,
        '收入总计 = 支出总计' as side,
        '' as column_key,
        '' as item_name,
        max(amount_wan) filter (where side = '收入' and item_name = '总计' and column_key = '金额') as expected,
        max(amount_wan) filter (where side = '支出' and item_name = '总计' and column_key in ('金额', '合计'))
            as found,
        1 as terms
    from figures
    group by table_no
),

checked as (
    select * from current_sums
    union all
    select * from grand_totals where expected is not null and terms > 0
    union all
    select * from sub_lines
    union all
    select * from balance where expected is not null and found is not null
),

final as (
    select
        '表' || table_no || ' ' || side || ' ' || trim(item_name || ' ' || column_key) as subject,
        expected,
        found,
        terms
    from checked
)

select * from final
