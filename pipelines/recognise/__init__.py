"""Recognisers: find the known table kinds in a :class:`~pipelines.model.Document` and read
them into records. ``extract`` is the one entry point; a new table kind is one new module with a
:class:`~pipelines.recognise.base.Recogniser` added to ``RECOGNISERS``."""

from __future__ import annotations

from pipelines.model import Document, DocumentError, Paragraph, Row, UnreadPart, excerpt
from pipelines.recognise.base import Recogniser, Segment
from pipelines.recognise.department_2024 import Department2024
from pipelines.recognise.evaluation_score import EvaluationScore
from pipelines.recognise.indicator_4col import Indicator4Col
from pipelines.recognise.metadata import clean_project_name, document_meta, normalise_department
from pipelines.recognise.narrative import read_narrative
from pipelines.recognise.project_2018 import Project2018
from pipelines.recognise.project_2024 import Project2024
from pipelines.recognise.records import Extraction, RecognisedTable
from pipelines.recognise.standard_tables import read_standard_tables
from pipelines.text_patterns import TABLE_BREAK

# Order matters where two kinds share an anchor row (项目名称): the first that accepts wins.
RECOGNISERS: list[Recogniser] = [
    Project2024(),
    Project2018(),
    Department2024(),
    Indicator4Col(),
    EvaluationScore(),
]


def _items(doc: Document) -> list[Row | Paragraph]:
    items: list[Row | Paragraph] = []
    for block in doc.blocks():
        if isinstance(block, Paragraph):
            items.append(block)
        else:
            items.extend(block.rows)
    return items


def segments(items: list[Row | Paragraph], context) -> list[tuple[list[Recogniser], Segment]]:
    """Split the document's rows into table instances. A table starts at a row some recogniser
    starts with, and ends at the next such row, after a row its recogniser ends with (总分), at a
    heading of the narrative (项目名称：…, 一、…), or at the end of the document. Tables may span several grids (a
    PDF table continued on the next page is two grids)."""
    found: list[tuple[list[Recogniser], Segment]] = []
    current: tuple[list[Recogniser], Segment] | None = None
    for index, item in enumerate(items):
        if isinstance(item, Paragraph):
            context = context.updated_by(item)
            if current is not None and TABLE_BREAK.match(item.text):
                current = None
            continue
        starting = [r for r in RECOGNISERS if r.starts(item)]
        if starting:
            current = (starting, Segment(rows=[item], context=context, items=items, start=index))
            found.append(current)
        elif current is not None:
            current[1].rows.append(item)
        else:
            continue
        if any(r.ends_after(item) for r in current[0]):
            current = None
    return found


def extract(doc: Document) -> Extraction:
    """Recognise and read every known table of ``doc``. One table that cannot be read (cut short,
    or of a layout that breaks its recogniser) costs that table only: its records are dropped and
    it is recorded in ``unread`` with where and why, and the rest of the document is read. Raises
    DocumentError when nothing in the document can be read: no table at all, none of a known kind,
    or every known table unreadable (a truncated file)."""
    meta = document_meta(doc)
    items = _items(doc)
    department = meta.department or normalise_department(
        next(
            (r.values[1] for r in items if isinstance(r, Row) and len(r) > 1 and r.values[0] == "主管部门"),
            None,
        )
    )
    out = Extraction(
        doc_id=doc.doc_id,
        source_file=doc.source_file,
        file_type=doc.file_type,
        pages=doc.page_count,
        encoding=doc.encoding,
        fiscal_year=meta.fiscal_year,
        department=department,
        doc_kind=meta.doc_kind,
        warnings=list(doc.warnings),
        unread=list(doc.unread),
    )
    try:
        narrative = read_narrative(doc, out.unread)
    except Exception as exc:  # the narrative's figures are lost, not the document
        narrative = None
        out.unread.append(
            UnreadPart(part="paragraph", reason=f"the narrative's figures could not be read: {_reason(exc)}")
        )
    has_narrative = narrative is not None and any(
        (
            narrative.budget_totals,
            narrative.function_lines,
            narrative.three_public,
            narrative.stated_figures,
            narrative.units,
        )
    )
    out.narrative = narrative if has_narrative else None
    out.standard_tables = read_standard_tables(doc, out.unread)
    has_figures = has_narrative or bool(out.standard_tables)  # a 说明 or standard tables alone load
    tables = list(doc.tables())
    if not tables and not has_figures:
        paragraphs = sum(1 for _ in doc.paragraphs())
        what = "no ruled table" if doc.file_type == "pdf" else "no table rows (lines starting with a TAB)"
        raise DocumentError(f"{doc.source_file}: no tables found: {paragraphs} paragraphs of text, {what}")
    claimed = 0
    unreadable: list[str] = []
    for table_no, (candidates, segment) in enumerate(segments(items, meta.context), start=1):
        recogniser = next((r for r in candidates if r.accepts(segment)), None)
        if recogniser is None:
            out.warnings.append(
                f"{doc.source_file}: {segment.anchor.where}: a table starting "
                f"{' | '.join(segment.anchor.nonempty())[:60]!r} matched no known layout"
            )
            continue
        mark = _Mark(out)
        try:
            read = recogniser.read(segment, table_no, out)
        except Exception as exc:
            mark.rewind(out)
            reason = _reason(exc)
            unreadable.append(reason)
            out.unread.append(
                UnreadPart(
                    part="table",
                    reason=reason,
                    source_page=segment.anchor.page,
                    source_line=segment.anchor.line,
                    table_kind=recogniser.kind,
                    project_name=_project_named(segment),
                    table_no=table_no,
                    text=excerpt(" | ".join(segment.anchor.nonempty())),
                )
            )
            continue
        claimed += 1
        out.tables.append(
            RecognisedTable(
                table_no=table_no,
                kind=recogniser.kind,
                project_name=_project_of(out, table_no),
                source_page=segment.anchor.page,
                source_line=segment.anchor.line,
                rows=read,
            )
        )
    if claimed == 0 and not has_figures:
        if unreadable:
            raise DocumentError(
                f"{doc.source_file}: nothing in it can be read: " + "; ".join(dict.fromkeys(unreadable))
            )
        rows = sum(len(t.rows) for t in tables)
        raise DocumentError(
            f"{doc.source_file}: none of its {len(tables)} tables ({rows} rows) is of a known "
            "kind (项目支出绩效自评表, 部门整体支出绩效自评表, 指标表, 评分表)"
        )
    return out


class _Mark:
    """How many records ``out`` held before a table was read, to drop that table's records should
    reading it fail half-way."""

    LISTS = ("indicators", "funds", "project_scores", "evaluation_scores", "warnings", "unread")

    def __init__(self, out: Extraction) -> None:
        self.lengths = {name: len(getattr(out, name)) for name in self.LISTS}

    def rewind(self, out: Extraction) -> None:
        for name, length in self.lengths.items():
            del getattr(out, name)[length:]


def _reason(exc: Exception) -> str:
    """The reason of a failed table, for a person: a DocumentError's own words (without the file
    name, which the unread part carries), else the exception, named as a reader error."""
    if isinstance(exc, DocumentError):
        text = str(exc)
        return text.split(": ", 1)[1] if ": " in text else text
    return f"unexpected error while reading it: {type(exc).__name__}: {exc}"


def _project_named(segment: Segment) -> str | None:
    return clean_project_name(segment.value_after("项目名称")) or segment.context.project_name


def _project_of(out: Extraction, table_no: int) -> str | None:
    for records in (out.funds, out.indicators, out.evaluation_scores):
        for record in records:
            if record.table_no == table_no:
                return record.project_name
    return None


__all__ = ["extract", "segments", "RECOGNISERS"]
