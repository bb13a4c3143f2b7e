-- subject_reference: the rows of dim_subject, from every 科目编码 printed with a name in the loaded
-- facts: the lines of the standard tables (table 6: 经济分类; 2, 3, 5, 7, 8: 功能分类) and the
-- narrative's 功能分类 lines (grain: classification × subject_code).
with printed as (
    select
        case when table_no = 6 then '经济分类' else '功能分类' end as classification,
        subject_code,
        item_name as subject_name,
        doc_id,
        fiscal_year,
        read_method,
        'table ' || table_no || ' row ' || row_no || ' block ' || block_no as line
    from fact_standard_value
    where subject_code is not null and item_name is not null and length(subject_code) in (3, 5, 7)
    union all
    select
        '功能分类' as classification,
        subject_code,
        case length(subject_code) when 3 then class_name when 5 then section_name else item_name end
            as subject_name,
        doc_id,
        fiscal_year,
        read_method,
        'narrative line ' || coalesce(source_page, 0) || ' ' || coalesce(source_line, 0) || ' ' || coalesce(line_no, '')
            as line
    from fact_function_expenditure
    where subject_code is not null and length(subject_code) in (3, 5, 7)
),

names as (
    select
        classification,
        subject_code,
        subject_name,
        count(distinct doc_id) as name_documents,
        count(distinct doc_id) filter (where read_method <> 'ocr') as name_documents_not_ocr,
        count(distinct (doc_id, line)) as name_lines,
        max(fiscal_year) as last_year
    from printed
    where subject_name is not null and subject_name <> ''
    group by classification, subject_code, subject_name
),

ranked as (
    select
        *,
        row_number() over (
            partition by classification, subject_code
            order by name_documents_not_ocr desc, name_documents desc, name_lines desc, last_year desc nulls last,
                length(subject_name), subject_name
        ) as rank
    from names
),

codes as (
    select
        classification,
        subject_code,
        count(distinct doc_id) as documents,
        min(fiscal_year) as first_year,
        max(fiscal_year) as last_year
    from printed
    group by classification, subject_code
),

final as (
    select
        codes.classification,
        codes.subject_code,
        case length(codes.subject_code) when 3 then '类' when 5 then '款' else '项' end as level,
        chosen.subject_name,
        case when length(codes.subject_code) > 3 then left(codes.subject_code, length(codes.subject_code) - 2) end
            as parent_code,
        codes.documents::integer as documents,
        chosen.name_documents::integer as name_documents,
        chosen.name_documents_not_ocr::integer as name_documents_not_ocr,
        chosen.name_lines::integer as name_lines,
        coalesce(
            (
                select list(other.subject_name order by other.rank)
                from ranked as other
                where other.classification = codes.classification
                    and other.subject_code = codes.subject_code
                    and other.rank > 1
            ),
            []::varchar[]
        ) as other_names,
        codes.first_year,
        codes.last_year
    from codes
    inner join ranked as chosen
        on chosen.classification = codes.classification and chosen.subject_code = codes.subject_code
        and chosen.rank = 1
)

select * from final order by classification, subject_code
