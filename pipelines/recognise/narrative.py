"""Figures stated in the narrative of a 部门决算公开说明 (seed 004 has all of them).

The narrative is read section by section (一、收入支出决算总体情况说明 …). The paragraphs of a
section are joined (a PDF breaks paragraphs at page ends and odd line ends), cut into sentences at
``。``, the reason text after ``主要原因是`` is set aside, and each remaining clause that ends in a
number with a unit (``本年收入合计19,118.04万元``) becomes a figure with its printed label.
Clauses that only make sense with the one before (``占96.14%``, ``价值977.25万元``,
``比上年减少50.29万元``, ``增长13.28%``) are named after it.

Output: figures by section (fact_budget_total, fact_stated_figure), the 支出功能分类 lines
(fact_function_expenditure) and class shares (fact_function_class), and the 三公经费
(fact_three_public).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.model import Document, tidy_cjk

SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*(.+)$")
SUBSECTION = re.compile(r"^（([一二三四五六七八九十]{1,3})）\s*(.+)$")
PART = re.compile(r"^第[一二三四五六七八九十]+部分")

UNITS = "万元|元|%|％|平方米|辆|个|台（套）|台|人次|批次|人|项"
_CLAUSE_VALUE = re.compile(rf"^(?P<label>.*?)(?:为|是|达到|达)?(?P<value>-?\d[\d,]*(?:\.\d+)?)(?P<unit>{UNITS})$")
_CLAUSE_SPLIT = re.compile(r"[，；;、：:]|,(?!\d{3})")
_REASON = re.compile(r"[，,]?\s*主要原因(?:是|为)[：:]?.*$")
_YEAR_PREFIX = re.compile(r"^(本部门|本单位)?(截至)?\d{4}年(度|\d{1,2}月\d{1,2}日)?")
_DEPARTMENT_PREFIX = re.compile(r"^.*?(厅|局|委员会)部门")

# The narrative sections whose figures are department totals (fact_budget_total); the other
# figure-bearing sections go to fact_stated_figure.
BUDGET_SECTIONS = (
    "收入支出决算总体情况",
    "收入决算情况",
    "支出决算情况",
    "财政拨款收入支出决算总体情况",
    "一般公共预算财政拨款支出决算总体情况",
    "一般公共预算财政拨款基本支出决算情况",
)
STATED_SECTIONS = ("机关运行经费", "政府采购", "国有资产", "预算绩效")


@dataclass
class Located:
    text: str
    page: int | None
    line: int | None


@dataclass
class Figure:
    section: str
    item: str
    value: str  # as printed, with its sign applied ("-318.14" for 减少318.14)
    unit: str
    text: str  # the clause as printed
    source_page: int | None
    source_line: int | None


@dataclass
class FunctionLine:
    class_name: str
    section_name: str | None
    item_name: str | None
    subject_code: str | None
    amount: str
    change: str | None
    change_pct: str | None
    reason: str | None
    text: str
    source_page: int | None
    source_line: int | None


@dataclass
class FunctionClass:
    class_name: str
    amount: str
    share_pct: str | None
    source_page: int | None
    source_line: int | None


@dataclass
class ThreePublic:
    category: str  # total, overseas, vehicle_purchase, vehicle_operation, reception
    values: dict[str, str] = field(default_factory=dict)  # column → printed number
    source_page: int | None = None
    source_line: int | None = None


@dataclass
class Narrative:
    budget_totals: list[Figure] = field(default_factory=list)
    stated_figures: list[Figure] = field(default_factory=list)
    function_lines: list[FunctionLine] = field(default_factory=list)
    function_classes: list[FunctionClass] = field(default_factory=list)
    three_public: list[ThreePublic] = field(default_factory=list)
    empty_tables: list[str] = field(default_factory=list)  # "本部门本年度无…" statements
    units: list[Located] = field(default_factory=list)  # units the 决算 covers (机构设置 list)


def sections(doc: Document) -> list[tuple[str, list[Located]]]:
    """(heading, paragraphs) for every numbered heading of the narrative, in order. A
    subsection (（一）…) is its own section, named "section／subsection"."""
    found: list[tuple[str, list[Located]]] = []
    top = ""
    for paragraph in doc.paragraphs():
        text = paragraph.text.strip()
        match = SECTION.match(text)
        sub = SUBSECTION.match(text)
        if PART.match(text):
            top = ""
            found.append((text, []))
        elif match and len(text) <= 40:
            top = match.group(2)
            found.append((top, []))
        elif sub and len(text) <= 40:
            found.append((f"{top}／{sub.group(2)}" if top else sub.group(2), []))
        elif found:
            found[-1][1].append(Located(tidy_cjk(text), paragraph.page, paragraph.line))
    return found


def _sentences(paragraphs: list[Located]) -> list[Located]:
    """Join the section's paragraphs and cut at 。, each sentence keeping where it starts."""
    out: list[Located] = []
    buffer, where = "", None
    for paragraph in paragraphs:
        for piece in re.split(r"(?<=。)", paragraph.text):
            if not piece:
                continue
            if not buffer:
                where = paragraph
            buffer += piece
            if piece.endswith("。"):
                out.append(Located(buffer, where.page, where.line))
                buffer = ""
        # a paragraph that ends without 。 (a numbered line, a wrapped PDF line) goes on only if
        # the next one does not start a new numbered line
    if buffer:
        out.append(Located(buffer, where.page, where.line))
    return out


def _signed(word: str, value: str) -> str:
    return f"-{value}" if word in ("减少", "下降", "降低") else value


def clause_figures(sentence: Located, section: str, context: str = "") -> list[Figure]:
    """The figures of one sentence, named by their labels (see the module docstring).
    ``context`` is the subject of the sentence before, for a sentence that starts with
    与上年相比 / 与年初预算相比."""
    text = _REASON.sub("", sentence.text.rstrip("。"))
    figures: list[Figure] = []
    subject = ""  # what 与上年相比 / 比上年 refers to
    for raw in _CLAUSE_SPLIT.split(text):
        clause = raw.strip()
        if not clause:
            continue
        if clause.endswith("与上年相比") or clause.endswith("与上年比"):
            subject = clause[: clause.rfind("与上年")] or subject or (figures[0].item if figures else context)
            continue
        if "无变化" in clause and (subject or figures):
            base = subject or figures[-1].item
            figures.append(Figure(section, f"{base}比上年增减", "0", "万元", clause, sentence.page, sentence.line))
            continue
        match = _CLAUSE_VALUE.match(clause)
        if not match:
            continue
        label, value, unit = match.group("label"), match.group("value").replace(",", ""), match.group("unit")
        unit = "%" if unit == "％" else unit
        label = _DEPARTMENT_PREFIX.sub("", _YEAR_PREFIX.sub("", label)).strip()
        previous = figures[-1].item if figures else ""
        change = re.match(r"^(比上年(?:决算)?)?(增加|减少|增长|下降|降低)$", label)
        if change:
            base = subject or (figures[0].item if figures else "")
            word = change.group(2)
            item = f"{base}比上年增减率" if unit == "%" else f"{base}比上年增减"
            figures.append(Figure(section, item, _signed(word, value), unit, clause, sentence.page, sentence.line))
            continue
        if label.startswith("占"):
            label = f"{previous}占比" if label == "占" else f"{previous}{label}"
        elif label in ("价值", "") and previous:
            label = f"{previous}{label or unit}"
        if not subject and not figures:
            subject = label
        figures.append(Figure(section, label, value, unit, clause, sentence.page, sentence.line))
    return figures


_FUNCTION_LINE = re.compile(
    r"^\d+[.．、]\s*(?P<cls>[^（]+)（类）(?:(?P<sec>[^（]+)（款）)?(?:(?P<item>[^（]+)（项）)?"
    r"(?P<code>\d{3,7})?[：:]?\s*支出决算数?为?(?P<amount>[\d,]+(?:\.\d+)?)万元[，,]?(?P<rest>.*)$"
)
_FUNCTION_CLASS = re.compile(
    r"^\d+[.．、]\s*(?P<cls>[^（]+)（类）(?P<amount>[\d,]+(?:\.\d+)?)万元[，,]占(?P<share>[\d.]+)%"
)
_CHANGE_AMOUNT = re.compile(r"(增加|减少)(?P<value>[\d,]+(?:\.\d+)?)万元")
_CHANGE_PCT = re.compile(r"(增长|下降|降低)(?P<value>[\d.]+)%")


def function_lines(sentences: list[Located]) -> list[FunctionLine]:
    lines: list[FunctionLine] = []
    for sentence in sentences:
        text = sentence.text.strip()
        match = _FUNCTION_LINE.match(text)
        if not match:
            if lines and lines[-1].reason is not None:
                lines[-1].reason += text  # a reason that itself has a 。 goes on
            continue
        rest = match.group("rest")
        head, _, reason = rest.partition("主要原因")
        reason = re.sub(r"^[是为][：:]?", "", reason).strip() or None
        amount_change = _CHANGE_AMOUNT.search(head)
        pct_change = _CHANGE_PCT.search(head)
        unchanged = "无变化" in head
        lines.append(
            FunctionLine(
                class_name=match.group("cls").strip(),
                section_name=(match.group("sec") or "").strip() or None,
                item_name=(match.group("item") or "").strip() or None,
                subject_code=match.group("code"),
                amount=match.group("amount").replace(",", ""),
                change=_signed(amount_change.group(1), amount_change.group("value").replace(",", ""))
                if amount_change
                else ("0" if unchanged else None),
                change_pct=_signed(pct_change.group(1), pct_change.group("value"))
                if pct_change
                else ("0" if unchanged else None),
                reason=reason,
                text=text,
                source_page=sentence.page,
                source_line=sentence.line,
            )
        )
    return lines


_THREE_PUBLIC_CATEGORY = (
    ("三公", "total"),
    ("因公出国（境）", "overseas"),
    ("公务用车购置及运行", None),  # the vehicle subtotal: the two categories below are stored
    ("公务用车购置", "vehicle_purchase"),
    ("公务用车运行", "vehicle_operation"),
    ("公务接待", "reception"),
)


def _category(label: str) -> str | None | bool:
    for key, category in _THREE_PUBLIC_CATEGORY:
        if key in label:
            return category
    return False


def three_public(sentences: list[Located]) -> list[ThreePublic]:
    rows: dict[str, ThreePublic] = {}

    def put(category: str, column: str, value: str, sentence: Located) -> None:
        row = rows.setdefault(category, ThreePublic(category, {}, sentence.page, sentence.line))
        row.values.setdefault(column, value)

    # Each category's figures and its reason run up to the next ；, so the reason is cut there.
    parts = [
        (Located(part, sentence.page, sentence.line), "全年预算数" in sentence.text)
        for sentence in sentences
        for part in sentence.text.rstrip("。").split("；")
    ]
    for part, budget_context in parts:
        text = _REASON.sub("", part.text)
        sentence = part
        current: str | None = None
        for raw in _CLAUSE_SPLIT.split(text):
            clause = raw.strip()
            category = _category(clause)
            if category is not False:
                current = category
            if current is None:
                continue
            if "无变化" in clause:
                put(current, "change_wan", "0", sentence)
                put(current, "change_pct", "0", sentence)
                continue
            match = _CLAUSE_VALUE.match(clause)
            if not match:
                continue
            label, value, unit = match.group("label"), match.group("value").replace(",", ""), match.group("unit")
            if unit == "万元":
                if budget_context and "全年预算数" in label:
                    put(current, "budget_wan", value, sentence)
                elif budget_context and label.endswith("决算数"):
                    put(current, "actual_wan", value, sentence)
                elif re.search(r"(增加|减少)$", label):
                    put(current, "change_wan", _signed(label[-2:], value), sentence)
                elif not budget_context:
                    put(current, "actual_wan", value, sentence)
            elif unit == "%":
                if re.search(r"(增长|下降)$", label):
                    put(current, "change_pct", _signed(label[-2:], value), sentence)
                elif label.startswith("占"):
                    put(current, "share_pct", value, sentence)
            elif unit == "个" and "团组" in label:
                put(current, "groups", value, sentence)
            elif unit == "人次":
                put(current, "person_trips", value, sentence)
            elif unit == "批次":
                put(current, "batches", value, sentence)
            elif unit == "辆" and "购置数" in label:
                put("vehicle_purchase", "vehicles_purchased", value, sentence)
            elif unit == "辆" and "保有量" in label:
                put("vehicle_operation", "vehicles_held", value, sentence)
    order = [c for _, c in _THREE_PUBLIC_CATEGORY if c]
    return [rows[c] for c in order if c in rows]


def _section_figures(sentences: list[Located], heading: str) -> list[Figure]:
    figures: list[Figure] = []
    context = ""
    for sentence in sentences:
        found = clause_figures(sentence, heading, context)
        if found and "比上年" not in found[0].item:
            context = found[0].item
        figures.extend(found)
    return figures


def read_narrative(doc: Document) -> Narrative:
    out = Narrative()
    for heading, paragraphs in sections(doc):
        sentences = _sentences(paragraphs)
        if "机构设置" in heading:
            out.units.extend(
                Located(m.group(1), p.page, p.line)
                for p in paragraphs
                if (m := re.match(r"^\d+[.．、]\s*(\S{4,40}?)[。；;]?$", p.text))
            )
        elif "三公" in heading:
            out.three_public.extend(three_public(sentences))
        elif any(key in heading for key in BUDGET_SECTIONS) and "结构" not in heading and "具体" not in heading:
            out.budget_totals.extend(_section_figures(sentences, heading))
        elif "结构情况" in heading:
            for paragraph in paragraphs:
                match = _FUNCTION_CLASS.match(paragraph.text)
                if match:
                    out.function_classes.append(
                        FunctionClass(
                            match.group("cls"),
                            match.group("amount").replace(",", ""),
                            match.group("share"),
                            paragraph.page,
                            paragraph.line,
                        )
                    )
        elif "具体情况" in heading and "支出决算" in heading:
            out.function_lines.extend(function_lines(sentences))
        elif "预算绩效" in heading:  # the counts and totals, not the achievements told after them
            kept = [s for s in sentences if "绩效自评表" in s.text or "评价项目" in s.text]
            out.stated_figures.extend(_section_figures(kept, heading))
        elif any(key in heading for key in STATED_SECTIONS):
            out.stated_figures.extend(_section_figures(sentences, heading))
        if "政府性基金" in heading or "国有资本经营" in heading:
            out.empty_tables.extend(s.text for s in sentences if "无" in s.text and "空表" in s.text)
    return out
