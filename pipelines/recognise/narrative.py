"""Figures stated in the narrative of a 部门决算公开说明 (the 情况说明), in the Xinjiang phrasing of
seed 004 and in the national template's phrasing (the 上海市普陀区 documents of tests/fixtures/real).

The narrative is read section by section (一、收入支出决算总体情况说明 …). A section's paragraphs
are joined (a PDF breaks paragraphs at page ends and at odd line ends, so a sentence, a figure or
a 项 name split over two lines or two pages is whole again), then cut into sentences at ``。``.
The text after ``主要原因`` is the reason and holds no figure of the section. Each remaining
clause that ends in a number with a unit (``本年收入合计19,118.04万元``) becomes a figure.

Every figure has its printed label (``item``, the department's name and the year removed), and our
key for what it is about (``key``: 收入支出总计, 本年收入合计, 财政拨款收入 …, see ``BUDGET_KEYS``
and ``STATED_KEYS``; None for a label outside those lists) and what it measures about it
(``measure``: the amount itself, its share, its change against last year, its budget …, see
``MEASURES``). Clauses that only make sense with the one before (``占96.14%``,
``价值977.25万元``, ``增长13.28%``, ``完成年初预算的95.89%``) are about the figure before, or
about the subject of the sentence (``与上年相比，增加…``); a clause may name its subject itself
(``收入支出总计增加1062.85万元``, ``一般公共预算财政拨款支出年初预算为0万元``).

The 支出功能分类 lines are read in both phrasings:
``1.一般公共服务支出（类）商贸事务（款）行政运行（项）：支出决算数为3,275.10万元，比上年决算减少
318.14万元，下降8.85%，主要原因是：…`` and ``1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。
主要用于：…。全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%。决算数小于全年预算数
的主要原因：…`` (several sentences; a line may also begin inside the paragraph of the one before).

A figure that is printed but cannot be read (a 功能分类 line without its 支出决算 amount, a rate
printed without its unit) is not guessed: it is recorded as an unread part with where and why.

Output: figures by section (fact_budget_total, fact_stated_figure), the 支出功能分类 lines
(fact_function_expenditure) and class shares (fact_function_class), and the 三公经费
(fact_three_public).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pipelines.model import Document, Table, UnreadPart, excerpt, tidy_cjk

SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*(.+)$")
SUBSECTION = re.compile(r"^（([一二三四五六七八九十]{1,3})）\s*(.+)$")
PART = re.compile(r"^第[一二三四五六七八九十]+部分")
# A heading a PDF reader glued to the end of the paragraph before it
# ("…其他商品和服务支出。七、财政拨款“三公”经费支出决算情况说明").
_GLUED_HEADING = re.compile(
    r"^(?P<body>.+?[。）)])(?P<heading>[一二三四五六七八九十]{1,3}、[^，。；：:、]{4,38}?"
    r"(?:情况说明|说明|情况|名词解释|事项))$"
)

UNITS = "万元|元|%|％|平方米|辆|个|台（套）|台|人次|批次|人|项|分"
_NUMBER = r"-?\d[\d,]*(?:\.\d+)?"
_CLAUSE_VALUE = re.compile(rf"^(?P<label>.*?)(?:为|是|达到|达)?(?P<value>{_NUMBER})(?P<unit>{UNITS})$")
_CLAUSE_SPLIT = re.compile(r"[，；;、：:]|,(?!\d{3})")
# The reason given for a figure ("主要原因是：…", "主要原因：…", "…的主要原因："): the rest of the
# sentence explains, it does not state the section's figures.
_REASON = re.compile(r"[，,]?\s*(?:[^，。；]*?的)?主要原因(?:是|为)?[：:]?.*$")
_BARE_RATE = re.compile(r"^(?:比上年|较上年)?(?P<word>增长|下降|降低)(?P<value>\d+(?:\.\d+)?)$")
_PLACEHOLDER = re.compile(r"X{2,}|Ｘ{2,}")
# A figure drawn apart from its sentence (one producer draws the digits in another font, and text
# extraction gives "年初预算为 万元，支出决算为 万1560.05 1511.89元"): a unit with no number before it
# after a figure's label, a label that ends in a number (two numbers run together), or 万 cut from its
# 元. Such a clause is not read as a figure: it is recorded as an unread part.
_FIGURE_WORD = r"(?:预算|决算|支出|收入|总计|合计|结余|经费|金额|费)"
_UNIT_WITHOUT_NUMBER = re.compile(rf"{_FIGURE_WORD}(?:数)?(?:为|是)?\s*(?:万元|元|%|％)$")

# The department's name and the year in front of a label: "上海市普陀区规划和自然资源局2024年度收入支出
# 总计", "2024年度本部门面向中小企业…", "截至2024年12月31日", "新疆维吾尔自治区商务厅部门（…）机关运行经费".
_ORG = r"[\u4e00-\u9fff（）]{2,40}?(?:厅|局|部|委员会|委|办公室|中心|学校|院|所)"
_OWNER_PREFIX = re.compile(
    rf"^(?:本部门|本单位|{_ORG})?(?:部门)?(?:（单位）)?(?:截至)?\d{{4}}年(?:度|\d{{1,2}}月\d{{1,2}}日)?(?:本部门|本单位)?"
)
_OWNER_BEFORE = re.compile(rf"^{_ORG}(?:(?:部门)?(?:（单位）)?(?=共有)|部门(?=（))")
_DEPARTMENT_PREFIX = re.compile(r"^.*?(厅|局|委员会)部门")

# Our keys for the department totals (fact_budget_total.item_key): key → the labels printed for it
# (matched whole, after the department's name, the year, quotes and 其中 are removed).
BUDGET_KEYS: tuple[tuple[str, str], ...] = (
    ("财政拨款收入支出总计", r"财政拨款收入支出(?:总计|总体)"),
    ("财政拨款收入总计", r"财政拨款收入总计"),
    ("财政拨款支出总计", r"财政拨款支出总计"),
    ("年初财政拨款结转和结余", r"年初财政拨款结转和?结余"),
    ("年末财政拨款结转和结余", r"年末财政拨款结转和?结余"),
    ("本年财政拨款收入", r"本年财政拨款收入(?:合计)?"),
    ("本年财政拨款支出", r"本年财政拨款支出(?:合计)?"),
    ("收入支出总计", r"收入支出(?:总计|总体)"),
    ("收入总计", r"收入总计"),
    ("支出总计", r"支出总计"),
    ("本年收入合计", r"本年收入(?:合计)?"),
    ("本年支出合计", r"本年支出(?:合计)?"),
    ("使用非财政拨款结余", r"使用非财政拨款结余(?:（含专用结余）)?"),
    ("年初结转和结余", r"年初结转和?结余"),
    ("年末结转和结余", r"年末结转和?结余"),
    ("结余分配", r"结余分配"),
    ("财政拨款收入", r"财政拨款收入"),
    ("上级补助收入", r"上级补助收入"),
    ("事业收入", r"事业收入"),
    ("经营收入", r"经营收入"),
    ("附属单位上缴收入", r"附属单位上缴收入"),
    ("其他收入", r"其他收入"),
    ("一般公共预算财政拨款基本支出", r"一般公共预算财政拨款基本支出"),
    ("一般公共预算财政拨款项目支出", r"一般公共预算财政拨款项目支出"),
    ("一般公共预算财政拨款支出", r"一般公共预算财政拨款支出"),
    ("基本支出", r"基本支出"),
    ("项目支出", r"项目支出"),
    ("上缴上级支出", r"上缴上级支出"),
    ("经营支出", r"经营支出"),
    ("对附属单位补助支出", r"对附属单位补助支出"),
    ("人员经费", r"人员经费(?:支出)?"),
    ("公用经费", r"公用经费(?:支出)?"),
)
# Our keys for the other stated figures (fact_stated_figure.item_key).
STATED_KEYS: tuple[tuple[str, str], ...] = (
    ("机关运行经费", r"(?:（[^）]*）)?机关运行经费(?:支出)?"),
    ("事业单位公用经费", r"（事业单位）公用经费(?:支出)?"),
    ("政府采购金额", r"政府采购(?:支出总额|总额|金额(?:（以合同签订为准）)?)"),
    ("政府采购货物", r"(?:政府采购)?货物(?:采购金额|采购支出|支出)"),
    ("政府采购工程", r"(?:政府采购)?工程(?:采购金额|采购支出|支出)"),
    ("政府采购服务", r"(?:政府采购)?服务(?:采购金额|采购支出|支出)"),
    ("授予中小企业合同金额", r"授予中小企业合同金额"),
    ("授予小微企业合同金额", r"授予小微企业合同金额"),
    ("面向中小企业预留项目预算金额", r"面向中小企业预留政府采购项目预算金额"),
    ("面向小微企业预留项目预算金额", r"面向小微企业预留政府采购项目预算金额"),
    ("房屋", r"房屋(?:面积)?"),
    ("车辆", r"(?:共有)?车辆"),
    ("单价100万元以上设备", r"单价100万元（含）以上设备(?:（不含车辆）)?"),
    ("整体支出绩效自评表", r"(?:预算绩效管理形成)?(?:部门)?整体支出绩效自评表"),
    ("预算绩效评价项目", r"预算绩效评价项目"),
    ("编报绩效目标项目", r"编报绩效目标的(?:\d{4}年度)?项目"),
    ("绩效跟踪评价项目", r"绩效跟踪评价的(?:\d{4}年度)?项目"),
    ("绩效自评项目", r"绩效自评的(?:\d{4}年度)?项目"),
    ("绩效自评平均得分", r"平均得分"),
)
_BUDGET_KEY_PATTERNS = [(key, re.compile(pattern)) for key, pattern in BUDGET_KEYS]
_STATED_KEY_PATTERNS = [(key, re.compile(pattern)) for key, pattern in STATED_KEYS]

# What a figure measures about its subject (fact_budget_total.measure, fact_stated_figure.measure).
MEASURES = {
    "amount": "the figure itself (收入总计19,191.97万元, 车辆40辆)",
    "share": "its share of a whole, percent (占96.14%, 占本年支出合计的96.41%)",
    "change": "its change against last year, in the unit of the figure, signed (增加/减少)",
    "change_rate": "its change against last year, percent, signed (增长/下降)",
    "budget_initial": "its 年初预算 (年初预算数, 年初预算为)",
    "budget_full_year": "its 全年预算 (全年预算数, 全年预算为)",
    "budget": "its budget, printed without 年初 or 全年 (预算数, 涉及预算金额)",
    "completion_rate": "决算 / 预算, percent (完成年初预算的95.89%)",
    "budget_variance_rate": "预决算差异率, percent",
    "executed": "its 执行数 (全年执行数)",
    "value": "the value of a counted or measured item (车辆40辆，价值977.25万元)",
}

_AGAINST = re.compile(r"^(?P<subject>.*?)与(?:上年|上一年度?|\d{4}年度?|年初预算|全年预算)(?:相)?比$")
_UNCHANGED = re.compile(r"无变化|与上(?:一)?年度?持平")
_CHANGE = re.compile(
    r"^(?P<subject>.*?)(?:比|较)?(?:上年|上一年度?|\d{4}年度?)?(?:决算数?)?"
    r"(?P<word>增加|减少|增长|下降|降低)(?:（[^）]*）)?$"
)
_COMPLETION = re.compile(r"^完成(?:年初|全年)?预算(?:数)?的?$")
_BUDGET = re.compile(r"^(?P<subject>.*?)(?P<kind>年初预算|全年预算|预算)(?:数)?$")
_ACTUAL = re.compile(r"^(?P<subject>.*?)决算(?:数)?$")
_EXECUTED = re.compile(r"^(?P<subject>.*?)(?:全年)?执行数$")
_VALUE_OF = {"价值": "value", "涉及预算金额": "budget"}  # about the figure before


@dataclass
class Located:
    text: str
    page: int | None
    line: int | None
    confidence: float | None = None  # OCR: the least confidence of the paragraphs it comes from


def _least(*confidences: float | None) -> float | None:
    known = [c for c in confidences if c is not None]
    return min(known) if known else None


@dataclass
class Figure:
    section: str
    item: str  # the printed label, without the department's name and the year
    value: str  # as printed, with its sign applied ("-318.14" for 减少318.14)
    unit: str
    text: str  # the clause as printed
    source_page: int | None
    source_line: int | None
    key: str | None = None  # our key for what the figure is about (BUDGET_KEYS, STATED_KEYS)
    measure: str = "amount"  # what it measures about it (MEASURES)
    sentence: str = ""  # the whole sentence it was printed in
    confidence: float | None = None  # OCR: the least confidence of the text it was read from


@dataclass
class FunctionLine:
    class_name: str
    section_name: str | None
    item_name: str | None
    subject_code: str | None
    amount: str  # 支出决算
    change: str | None
    change_pct: str | None
    reason: str | None
    text: str
    source_page: int | None
    source_line: int | None
    budget: str | None = None  # the budget printed beside it
    budget_kind: str | None = None  # which budget: 年初预算 or 全年预算 (预算 when neither is said)
    completion_pct: str | None = None  # 完成…预算的 Z%
    purpose: str | None = None  # 主要用于：…
    line_no: str | None = None  # its printed number
    confidence: float | None = None  # as Figure.confidence


@dataclass
class FunctionClass:
    class_name: str
    amount: str
    share_pct: str | None
    source_page: int | None
    source_line: int | None
    confidence: float | None = None  # as Figure.confidence


@dataclass
class ThreePublic:
    category: str  # total, overseas, vehicle, vehicle_purchase, vehicle_operation, reception
    values: dict[str, str] = field(default_factory=dict)  # column → printed number (or word)
    source_page: int | None = None
    source_line: int | None = None
    confidence: float | None = None  # as Figure.confidence, over all its sentences


@dataclass
class Narrative:
    budget_totals: list[Figure] = field(default_factory=list)
    stated_figures: list[Figure] = field(default_factory=list)
    function_lines: list[FunctionLine] = field(default_factory=list)
    function_classes: list[FunctionClass] = field(default_factory=list)
    three_public: list[ThreePublic] = field(default_factory=list)
    empty_tables: list[str] = field(default_factory=list)  # "本部门本年度无…" statements
    units: list[Located] = field(default_factory=list)  # units the 决算 covers (机构设置 list)


def _split_glued_heading(text: str) -> list[str]:
    match = _GLUED_HEADING.match(text)
    return [match.group("body"), match.group("heading")] if match else [text]


def sections(doc: Document) -> list[tuple[str, list[Located]]]:
    """(heading, paragraphs) for every numbered heading of the narrative, in order. A
    subsection (（一）…) is its own section, named "section／subsection"."""
    found: list[tuple[str, list[Located]]] = []
    top = ""
    for paragraph in doc.paragraphs():
        for text in _split_glued_heading(paragraph.text.strip()):
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
                found[-1][1].append(Located(tidy_cjk(text), paragraph.page, paragraph.line, paragraph.confidence))
    return found


def _sentences(paragraphs: list[Located]) -> list[Located]:
    """Join the section's paragraphs and cut at 。, each sentence keeping where it starts. A
    sentence broken over two paragraphs (a page end, a PDF line end) is one sentence again."""
    out: list[Located] = []
    buffer, where, confidence = "", None, None
    for paragraph in paragraphs:
        for piece in re.split(r"(?<=。)", paragraph.text.replace("\n", "")):
            if not piece:
                continue
            if not buffer or where is None:
                where, confidence = paragraph, None
            buffer += piece
            confidence = _least(confidence, paragraph.confidence)
            if piece.endswith("。"):
                out.append(Located(buffer, where.page, where.line, confidence))
                buffer = ""
    if buffer and where is not None:
        out.append(Located(buffer, where.page, where.line, confidence))
    return out


@dataclass
class _Joined:
    """A section's paragraphs as one text, with where each paragraph starts in it."""

    text: str
    starts: list[int]
    paragraphs: list[Located]

    @classmethod
    def of(cls, paragraphs: list[Located]) -> _Joined:
        text, starts = "", []
        for paragraph in paragraphs:
            starts.append(len(text))
            text += paragraph.text.replace("\n", "")
        return cls(text, starts, paragraphs)

    def at(self, offset: int) -> Located:
        """The paragraph the text at ``offset`` comes from."""
        return self.paragraphs[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


def garbled(clause: str) -> str | None:
    """Why ``clause`` holds a figure that cannot be read (see _UNIT_WITHOUT_NUMBER), or None."""
    clause = clause.strip()
    if _PLACEHOLDER.search(clause):
        return None  # a template's XXX, not a figure
    if _UNIT_WITHOUT_NUMBER.search(clause):
        return "its unit is printed without its number"
    match = _CLAUSE_VALUE.match(clause)
    if match:
        label = match.group("label").rstrip()
        if re.search(r"[\d.,]$", label):
            return "two numbers are run together"
        if label.endswith("万") and match.group("unit") == "元":
            return "万 and 元 are printed apart around the number"
    return None


def _unread_figure(unread: list[UnreadPart] | None, where: str, clause: str, why: str, sentence: Located) -> None:
    if unread is not None:
        unread.append(
            UnreadPart(
                part="value",
                reason=f"the narrative's {where}: {clause!r}: {why} (the PDF may draw the digits apart from their "
                "sentence); not loaded",
                source_page=sentence.page,
                source_line=sentence.line,
                text=excerpt(sentence.text),
            )
        )


def _signed(word: str, value: str) -> str:
    return f"-{value}" if word in ("减少", "下降", "降低") else value


def _normal(label: str) -> str:
    """A label ready to be matched against the keys: no quotes, no 其中, no trailing 为."""
    label = re.sub(r"[“”\"‘’]", "", label)
    label = re.sub(r"^(?:其中|包括)", "", label)
    return re.sub(r"(?:为|是)$", "", label)


def item_key(label: str, keys=_BUDGET_KEY_PATTERNS) -> str | None:
    """Our key for a printed label (see BUDGET_KEYS and STATED_KEYS), or None."""
    normal = _normal(label)
    return next((key for key, pattern in keys if pattern.fullmatch(normal)), None)


def clean_label(label: str) -> str:
    """The printed label without the department's name, the year and a trailing 为/是."""
    label = _OWNER_PREFIX.sub("", label.strip())
    label = _OWNER_BEFORE.sub("", label)
    label = _DEPARTMENT_PREFIX.sub("", label)
    return re.sub(r"(?:为|是)$", "", label).strip()


class _FigureReader:
    """Reads the figures of one section's sentences, keeping track of what they are about: the
    subject of the sentence (for 与上年相比，增加…) and the figure before (for 占…, 价值…)."""

    def __init__(self, section: str, keys, unread: list[UnreadPart] | None) -> None:
        self.section = section
        self.keys = keys
        self.unread = unread
        self.head: tuple[str, str | None] = ("", None)  # the subject of the sentence
        self.last: tuple[str, str | None] = ("", None)  # the subject of the figure before

    def _subject(self, label: str) -> tuple[str, str | None]:
        return label, item_key(label, self.keys)

    def sentence(self, sentence: Located) -> list[Figure]:
        text = _REASON.sub("", sentence.text.rstrip("。"))
        figures: list[Figure] = []
        head_set = False

        def add(item: str, value: str, unit: str, clause: str, subject, measure: str) -> None:
            figures.append(
                Figure(
                    self.section,
                    item,
                    value,
                    unit,
                    clause,
                    sentence.page,
                    sentence.line,
                    key=subject[1],
                    measure=measure,
                    sentence=sentence.text,
                    confidence=sentence.confidence,
                )
            )

        for raw in _CLAUSE_SPLIT.split(text):
            clause = raw.strip()
            if not clause:
                continue
            against = _AGAINST.match(clause)
            if against:
                named = clean_label(against.group("subject"))
                if named:
                    self.head = self.last = self._subject(named)
                    head_set = True
                continue
            if _UNCHANGED.search(clause) and self.head[0]:
                add(f"{self.head[0]}比上年增减", "0", "万元", clause, self.head, "change")
                continue
            why = garbled(clause)
            if why:
                _unread_figure(self.unread, self.section, clause, why, sentence)
                continue
            match = _CLAUSE_VALUE.match(clause)
            if not match:
                bare = _BARE_RATE.match(clause)
                if bare and self.unread is not None:
                    self.unread.append(
                        UnreadPart(
                            part="value",
                            reason=f"the narrative's {self.section}: {clause!r} is a rate printed without its "
                            "unit (% expected); not loaded",
                            source_page=sentence.page,
                            source_line=sentence.line,
                            column_name="percent",
                            text=excerpt(sentence.text),
                        )
                    )
                continue
            label, value, unit = match.group("label"), match.group("value").replace(",", ""), match.group("unit")
            unit = "%" if unit == "％" else unit
            label = clean_label(label)
            change = _CHANGE.match(label)
            budget = _BUDGET.match(label) if unit != "%" else None
            actual = _ACTUAL.match(label) if unit != "%" else None
            executed = _EXECUTED.match(label) if unit != "%" else None
            if change:
                named = clean_label(change.group("subject"))
                if named:
                    self.head = self.last = self._subject(named)
                    head_set = True
                subject = self.head
                measure = "change_rate" if unit == "%" else "change"
                item = f"{subject[0]}比上年增减率" if unit == "%" else f"{subject[0]}比上年增减"
                add(item, _signed(change.group("word"), value), unit, clause, subject, measure)
            elif label.startswith("占"):
                item = f"{self.last[0]}占比" if label == "占" else f"{self.last[0]}{label}"
                add(item, value, unit, clause, self.last, "share")
            elif unit == "%" and _COMPLETION.match(label):
                add(label, value, unit, clause, self.last, "completion_rate")
            elif unit == "%" and label.endswith("预决算差异率"):
                add(label, value, unit, clause, self.last, "budget_variance_rate")
            elif budget and "决算" not in label:
                subject = self._named_or_last(budget.group("subject"))
                measure = (
                    {"年初预算": "budget_initial", "全年预算": "budget_full_year"}[budget.group("kind")]
                    if (budget.group("kind") != "预算")
                    else "budget"
                )
                add(label, value, unit, clause, subject, measure)
            elif actual and "预决算" not in label:
                add(label, value, unit, clause, self._named_or_last(actual.group("subject")), "amount")
            elif executed:
                add(label, value, unit, clause, self._named_or_last(executed.group("subject")), "executed")
            elif label in _VALUE_OF or (not label and self.last[0]):
                add(f"{self.last[0]}{label or unit}", value, unit, clause, self.last, _VALUE_OF.get(label, "value"))
            else:
                subject = self._subject(label)
                self.last = subject
                if not head_set:
                    self.head, head_set = subject, True
                add(label, value, unit, clause, subject, "amount")
        return figures

    def _named_or_last(self, named: str) -> tuple[str, str | None]:
        """The subject a clause names itself ("一般公共预算财政拨款支出年初预算"), else the one before."""
        named = clean_label(named)
        if named and named not in ("支出", "其中"):
            subject = self._subject(named)
            self.head = self.last = subject
            return subject
        return self.last


def _section_figures(
    sentences: list[Located], heading: str, keys=_BUDGET_KEY_PATTERNS, unread: list[UnreadPart] | None = None
) -> list[Figure]:
    reader = _FigureReader(heading, keys, unread)
    figures: list[Figure] = []
    for sentence in sentences:
        figures.extend(reader.sentence(sentence))
    return figures


# ---------------------------------------------------------------------------------------------
# 支出功能分类 lines

# Where a numbered line starts: at the start of the section's text or after 。；：, a number, and a
# 类 name within reach ("1、一般公共服务支出（类）…", "12.社会保障和就业支出（类）…").
_LINE_START = re.compile(r"(?:^|(?<=[。；;：:]))\s*\d{1,3}[、.．]\s*(?=[^（）。；]{1,40}（类）)")
_LINE_HEAD = re.compile(
    r"^\s*(?P<no>\d{1,3})[、.．]\s*(?P<cls>[^（）。；]+?)（类）(?:(?P<sec>[^（）。；]+?)（款）)?"
    r"(?:(?P<item>[^（）。；]+?)（项）)?(?P<code>\d{3,7})?(?P<body>.*)$",
    re.S,
)
_PURPOSE = re.compile(r"主要用于[：:]?\s*(?P<purpose>[^。]*)。?")
# Where a line's figures end: its reason, or the sentence comparing 决算 with 预算.
_FIGURES_END = re.compile(r"主要原因|(?:支出)?决算数?(?:大于|小于|高于|低于|与|同|等于|略)")
_AMOUNT = r"(?P<value>-?[\d,]+(?:\.\d+)?)\s*万元"
_LINE_ACTUAL = re.compile(rf"(?:支出)?决算(?:数)?(?:为|是)?{_AMOUNT}")
_LINE_BUDGET = re.compile(rf"(?P<kind>年初预算|全年预算|预算)(?:数)?(?:为|是)?{_AMOUNT}")
_LINE_COMPLETION = re.compile(r"完成(?:年初|全年)?预算(?:数)?的?(?P<value>\d+(?:\.\d+)?)\s*[%％]")
_CHANGE_AMOUNT = re.compile(r"(?P<word>增加|减少)(?P<value>[\d,]+(?:\.\d+)?)万元")
_CHANGE_PCT = re.compile(r"(?P<word>增长|下降|降低)(?P<value>\d+(?:\.\d+)?)\s*[%％]")
_REASON_TEXT = re.compile(r"主要原因(?:是|为)?[：:]?\s*(?P<reason>.*)$", re.S)


def _line_texts(joined: _Joined) -> tuple[str, list[tuple[str, Located]]]:
    """The section's text before its first numbered line, and each numbered line with where it
    starts."""
    starts = [m.start() for m in _LINE_START.finditer(joined.text)]
    if not starts:
        return joined.text, []
    bounds = [*starts, len(joined.text)]
    lines = [(joined.text[a:b].strip(), joined.at(a)) for a, b in zip(bounds, bounds[1:], strict=False)]
    return joined.text[: starts[0]], lines


def function_line(text: str, where: Located, unread: list[UnreadPart] | None = None) -> FunctionLine | None:
    """One 支出功能分类 line in either phrasing (see the module docstring); None when it prints no
    figure (a template's XXX) or its 支出决算 amount cannot be read (then recorded in ``unread``)."""
    head = _LINE_HEAD.match(text)
    if not head:
        return None
    body = head.group("body")
    purpose_match = _PURPOSE.search(body)
    purpose = purpose_match.group("purpose").strip() or None if purpose_match else None
    figures_text = _PURPOSE.sub("", body, count=1) if purpose_match else body
    cut = _FIGURES_END.search(figures_text)
    figures_text = figures_text[: cut.start()] if cut else figures_text
    reason_match = _REASON_TEXT.search(body)
    reason = reason_match.group("reason").strip() or None if reason_match else None
    names = f"{head.group('cls')}（类）{head.group('sec') or ''}（款）{head.group('item') or ''}（项）"
    if _PLACEHOLDER.search(figures_text):
        return None  # a template: "年初预算为XXX万元"
    actual = _LINE_ACTUAL.search(figures_text)
    if not actual:
        if unread is not None:
            unread.append(
                UnreadPart(
                    part="paragraph",
                    reason=f"支出功能分类 line {head.group('no')} ({names}): its 支出决算 amount "
                    "(支出决算为…万元) could not be read; the line is not loaded",
                    source_page=where.page,
                    source_line=where.line,
                    column_name="amount_wan",
                    text=excerpt(text),
                )
            )
        return None
    budget = _LINE_BUDGET.search(figures_text)
    completion = _LINE_COMPLETION.search(figures_text)
    amount_change = _CHANGE_AMOUNT.search(figures_text)
    pct_change = _CHANGE_PCT.search(figures_text)
    unchanged = "无变化" in figures_text or re.search(r"与上(?:一)?年度?持平", figures_text) is not None
    return FunctionLine(
        class_name=head.group("cls").strip(),
        section_name=(head.group("sec") or "").strip() or None,
        item_name=(head.group("item") or "").strip() or None,
        subject_code=head.group("code"),
        amount=actual.group("value").replace(",", ""),
        change=_signed(amount_change.group("word"), amount_change.group("value").replace(",", ""))
        if amount_change
        else ("0" if unchanged else None),
        change_pct=_signed(pct_change.group("word"), pct_change.group("value"))
        if pct_change
        else ("0" if unchanged else None),
        reason=reason,
        text=text,
        source_page=where.page,
        source_line=where.line,
        budget=budget.group("value").replace(",", "") if budget else None,
        budget_kind=budget.group("kind") if budget else None,
        completion_pct=completion.group("value") if completion else None,
        purpose=purpose,
        line_no=head.group("no"),
        confidence=where.confidence,
    )


def function_lines(paragraphs: list[Located], unread: list[UnreadPart] | None = None) -> list[FunctionLine]:
    """The 支出功能分类 lines of a 具体情况 section, in order."""
    _, texts = _line_texts(_Joined.of(paragraphs))
    return [line for text, where in texts if (line := function_line(text, where, unread)) is not None]


_FUNCTION_CLASS = re.compile(
    r"(?P<cls>[^：:；;。，,、（）\d.．]+?)（类）(?:支出)?(?:决算)?(?:为)?(?P<amount>[\d,]+(?:\.\d+)?)万元"
    r"[，,]?(?:占(?:比)?(?P<share>\d+(?:\.\d+)?)\s*[%％])?"
)


def function_classes(paragraphs: list[Located]) -> list[FunctionClass]:
    """The 类 of the structure section, one a line ("1.一般公共服务支出（类）12,634.73万元，占69.89%。")
    or several in a sentence ("主要用于以下方面：一般公共服务支出（类）264.87万元，占86.05%；…")."""
    joined = _Joined.of(paragraphs)
    out = []
    for match in _FUNCTION_CLASS.finditer(joined.text):
        where = joined.at(match.start())
        out.append(
            FunctionClass(
                match.group("cls").strip(),
                match.group("amount").replace(",", ""),
                match.group("share"),
                where.page,
                where.line,
                where.confidence,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# 三公经费

_THREE_PUBLIC_CATEGORY = (
    ("三公", "total"),
    ("因公出国（境）", "overseas"),
    ("公务用车购置及运行", "vehicle"),  # the vehicle subtotal (公务用车购置及运行维护费)
    ("公务用车购置", "vehicle_purchase"),
    ("公务用车运行", "vehicle_operation"),
    ("公务接待", "reception"),
)
THREE_PUBLIC_CATEGORIES = tuple(category for _, category in _THREE_PUBLIC_CATEGORY)
# Labels that state a category's 决算 without naming the category (it was named before).
_GENERIC_ACTUAL = re.compile(r"^(?:其中)?(?:支出)?(?:决算)?(?:数)?(?:为)?$|^(?:支出)?决算(?:数)?中?$")


def _category(label: str) -> str | None:
    for key, category in _THREE_PUBLIC_CATEGORY:
        if key in label:
            return category
    return None


def _budget_kind(label: str) -> str:
    return "年初预算" if "年初" in label else "全年预算" if "全年" in label else "预算"


def three_public(sentences: list[Located], unread: list[UnreadPart] | None = None) -> list[ThreePublic]:
    """The 三公经费 of all the 三公 sections, one row a category."""
    rows: dict[str, ThreePublic] = {}

    def put(category: str, column: str, value: str, sentence: Located) -> None:
        row = rows.setdefault(category, ThreePublic(category, {}, sentence.page, sentence.line))
        if column not in row.values:
            row.values[column] = value
            row.confidence = _least(row.confidence, sentence.confidence)

    # Each category's figures and its reason run up to the next ；, so the reason is cut there.
    parts = [
        Located(part, sentence.page, sentence.line, sentence.confidence)
        for sentence in sentences
        for part in sentence.text.rstrip("。").split("；")
    ]
    for part in parts:
        text = _REASON.sub("", part.text)
        current: str | None = None
        for raw in _CLAUSE_SPLIT.split(text):
            clause = raw.strip()
            named = _category(clause)
            if named is not None:
                current = named
            why = garbled(clause)
            if why:
                _unread_figure(unread, "三公经费", clause, why, part)
                continue
            match = _CLAUSE_VALUE.match(clause)
            if match and match.group("unit") == "辆":  # stated with or without a category before
                if "购置数" in clause or "购置数量" in clause:
                    put("vehicle_purchase", "vehicles_purchased", match.group("value"), part)
                elif "保有量" in clause:
                    put("vehicle_operation", "vehicles_held", match.group("value"), part)
                continue
            if current is None:
                continue
            if _UNCHANGED.search(clause):
                put(current, "change_wan", "0", part)
                put(current, "change_pct", "0", part)
                continue
            if not match:
                continue
            label = clean_label(match.group("label"))
            value, unit = match.group("value").replace(",", ""), match.group("unit")
            unit = "%" if unit == "％" else unit
            change = _CHANGE.match(label)
            if unit in ("万元", "元"):
                if unit == "元":
                    continue  # the narrative states 三公 in 万元; a 元 figure is a detail of one trip
                if change:
                    put(current, "change_wan", _signed(change.group("word"), value), part)
                elif "预算" in label and "决算" not in label:
                    put(current, "budget_wan", value, part)
                    put(current, "budget_kind", _budget_kind(label), part)
                elif named is not None or _GENERIC_ACTUAL.match(label):
                    put(current, "actual_wan", value, part)
            elif unit == "%":
                if change:
                    put(current, "change_pct", _signed(change.group("word"), value), part)
                elif label.startswith("占"):
                    put(current, "share_pct", value, part)
                elif _COMPLETION.match(label):
                    put(current, "completion_pct", value, part)
                elif label.endswith("预决算差异率"):
                    put(current, "budget_variance_pct", value, part)
            elif unit == "个" and "团组" in label:
                put(current, "groups", value, part)
            elif unit == "人次":
                put(current, "person_trips", value, part)
            elif unit == "批次":
                put(current, "batches", value, part)
    return [rows[c] for c in THREE_PUBLIC_CATEGORIES if c in rows]


# ---------------------------------------------------------------------------------------------

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


def unit_tables(doc: Document) -> list[Located]:
    """The units a 决算 covers when the national template lists them in a table (序号 | 单位名称 |
    备注, under 部门决算单位构成), as printed; a template's placeholders (上海市XX局, 。。。) are not
    units."""
    units: list[Located] = []
    for block in doc.blocks():
        if not isinstance(block, Table) or not block.rows or block.rows[0].values[:2] != ["序号", "单位名称"]:
            continue
        for row in block.rows[1:]:
            name = row.values[1] if len(row) > 1 else ""
            if re.search(r"[\u4e00-\u9fff]{4}", name) and not _PLACEHOLDER.search(name):
                units.append(Located(name, row.page, row.line))
    return units


def read_narrative(doc: Document, unread: list[UnreadPart] | None = None) -> Narrative:
    """The narrative's figures. What is printed but cannot be read is added to ``unread``."""
    out = Narrative()
    three_public_sentences: list[Located] = []
    for heading, paragraphs in sections(doc):
        sentences = _sentences(paragraphs)
        if "机构设置" in heading:
            out.units.extend(
                Located(m.group(1), p.page, p.line)
                for p in paragraphs
                if (m := re.match(r"^\d+[.．、]\s*(\S{4,40}?)[。；;]?$", p.text))
            )
        elif "三公" in heading:
            three_public_sentences.extend(sentences)
        elif "具体情况" in heading and "支出决算" in heading:
            # The national phrasing opens with the totals of 一般公共预算财政拨款支出 (年初预算,
            # 全年预算, 支出决算, 完成率) before the lines; the Xinjiang phrasing goes straight to them.
            preamble, _ = _line_texts(_Joined.of(paragraphs))
            if preamble.strip() and paragraphs:
                where = paragraphs[0]
                least = _least(*(p.confidence for p in paragraphs))
                located = [Located(preamble, where.page, where.line, least)]
                out.budget_totals.extend(_section_figures(_sentences(located), heading, unread=unread))
            out.function_lines.extend(function_lines(paragraphs, unread))
        elif "结构情况" in heading:
            out.function_classes.extend(function_classes(paragraphs))
        elif any(key in heading for key in BUDGET_SECTIONS) and "结构" not in heading:
            out.budget_totals.extend(_section_figures(sentences, heading, unread=unread))
        elif "预算绩效" in heading:  # the counts and totals, not the achievements told after them
            kept = [
                s
                for s in sentences
                if any(word in s.text for word in ("绩效自评表", "评价项目", "绩效目标的", "绩效自评的"))
            ]
            out.stated_figures.extend(_section_figures(kept, heading, _STATED_KEY_PATTERNS, unread))
        elif any(key in heading for key in STATED_SECTIONS):
            out.stated_figures.extend(_section_figures(sentences, heading, _STATED_KEY_PATTERNS, unread))
        if "政府性基金" in heading or "国有资本经营" in heading:
            out.empty_tables.extend(s.text for s in sentences if "无" in s.text and "空表" in s.text)
    out.three_public = three_public(three_public_sentences, unread)
    out.units.extend(unit_tables(doc))
    return out
