"""Document metadata read from running text: fiscal year, department, unit, kind, project."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from pipelines.model import Document, Paragraph, squash

_ORG_SUFFIX = re.compile(r"(厅|局|委员会|办公室|中心|学校|委|院|所)$")
_LABELLED = {
    "project": re.compile(r"^项目名称[：:](.+)$"),
    "department": re.compile(r"^自治区主管部门(?:（公章）)?[：:](.+)$"),
    "unit": re.compile(r"^(?:实施单位|部门单位名称|被评价单位)(?:（公章）)?[：:](.+)$"),
}
_TITLE_YEAR = (
    re.compile(r"^(20\d{2})\s*年度?部门决算"),
    re.compile(r"^[（(]\s*(20\d{2})\s*年度\s*[)）]$"),
    re.compile(r"^(20\d{2})\s*年"),
)
_ANY_YEAR = re.compile(r"(20\d{2})\s*年度")
# A title that names the department before the year: "中共上海市普陀区委社会工作部2024年度部门决算".
_TITLE_DEPT = re.compile(r"^(?P<name>[\u4e00-\u9fff（）]{2,40}?)\s*20\d{2}\s*年度?部门决算")
_PLACEHOLDER_NAME = re.compile(r"X{2,}|Ｘ{2,}")
_SELF_DESCRIBED_DEPT = re.compile(r"((?:新疆维吾尔)?自治区[\u4e00-\u9fff]{2,12}?厅)是")
_PROJECT_IN_TEXT = re.compile(r"((?:自治区|新疆)[\u4e00-\u9fff]{2,24}?专项)(?:由|是|资金|经费|包括|主要)")
_SCORE_TABLE_TITLE = re.compile(r"^[“\"]?(.+?)[”\"]?(?:项目)?(?:评分表|得分表)")


def normalise_department(name: str | None) -> str | None:
    """One printed form per department: drop codes like 【501】 and use the 自治区… form."""
    if not name:
        return None
    name = re.sub(r"【\d+】", "", squash(name))
    name = re.sub(r"^新疆维吾尔自治区", "自治区", name)
    return name or None


_CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’《》、]")
_BLANKS = " \t\u3000\u00a0"


def printed(text: str | None) -> str | None:
    """A name as printed: its lines joined (a line break next to CJK text is a wrap, not a space),
    a run of white space inside it as one space, none at either end. The warehouse keeps names
    so; ``squash`` gives the key that joins spellings differing only in white space."""
    if not text:
        return None
    out = ""
    for line in (line.strip(_BLANKS) for line in text.splitlines()):
        if not line:
            continue
        if out and not (_CJK_CHAR.match(out[-1]) or _CJK_CHAR.match(line[0])):
            out += " "
        out += line
    return re.sub(f"[{_BLANKS}]+", " ", out) or None


def clean_project_name(name: str | None) -> str | None:
    name = printed(name)
    if not name:
        return None
    name = re.sub(r"（以下简称.*$", "", name)
    name = name.strip('“”"《》')
    return name or None


@dataclass(frozen=True)
class Context:
    """What is known about the document at one point of its reading order."""

    fiscal_year: int | None = None
    department: str | None = None
    unit_name: str | None = None
    project_name: str | None = None

    def updated_by(self, paragraph: Paragraph) -> Context:
        text = squash(paragraph.text)
        for key, pattern in _LABELLED.items():
            match = pattern.match(text)
            if not match:
                continue
            value = printed(re.split(r"[：:]", paragraph.text, maxsplit=1)[-1])  # as printed
            if key == "project":
                return replace(self, project_name=clean_project_name(value))
            if key == "unit":
                return replace(self, unit_name=value)
        return self


@dataclass(frozen=True)
class DocumentMeta:
    fiscal_year: int | None
    department: str | None
    doc_kind: str
    context: Context  # the starting context for reading the document in order


def _first(values):
    return next((v for v in values if v), None)


def document_meta(doc: Document) -> DocumentMeta:
    paragraphs = [squash(p.text) for p in doc.paragraphs()]
    head = paragraphs[:8]

    year = None
    for pattern in _TITLE_YEAR:
        year = _first(int(m.group(1)) for p in head if (m := pattern.match(p)))
        if year:
            break
    if year is None:
        counts = Counter(int(y) for y in _ANY_YEAR.findall(doc.text()))
        year = counts.most_common(1)[0][0] if counts else None

    def labelled(regex: str) -> str | None:
        pattern = re.compile(regex)
        return _first(m.group(1) for p in paragraphs if (m := pattern.match(p)))

    title_org = _first(p for p in head[:2] if _ORG_SUFFIX.search(p) and len(p) <= 30)
    title_dept = _first(m.group("name") for p in head[:2] if (m := _TITLE_DEPT.match(p)))
    self_described = _first(m.group(1) for p in paragraphs if (m := _SELF_DESCRIBED_DEPT.search(p)))
    department = normalise_department(
        labelled(r"^自治区主管部门(?:（公章）)?[：:](.+)$")
        or labelled(
            r"^(?:公开\d+表|表[一二三四五六七八九])?(?:编制)?部门[：:](.+?)(?:（?\d{4}年度?）?)?(?:(?:金额)?单位[：:].*)?$"
        )
        or title_org
        or title_dept
        or labelled(r"^被评价单位[：:](.+)$")
        or labelled(r"^实施单位(?:（公章）)?[：:](.+)$")
        or self_described
    )

    if department and _PLACEHOLDER_NAME.search(department):
        department = None  # a blank template ("上海市XX局") names no department

    joined_head = "".join(head)
    if "部门决算公开" in joined_head or "部门决算" in joined_head or re.search(r"决算(总)?表", joined_head):
        kind = "final_accounts"
    elif "绩效评价报告" in joined_head:
        kind = "evaluation_report"
    elif any("自评" in p for p in paragraphs) or "绩效自评" in doc.text():
        kind = "self_evaluation"
    else:
        kind = "unknown"

    project = None
    if kind != "final_accounts":
        # A report about one project names it in its title ("2024年自治区区域协同创新专项") or,
        # failing that, in its text ("自治区区域协同创新专项由…组成").
        title = _first(re.sub(r"^20\d{2}年度?", "", p) for p in head[:2] if re.match(r"^20\d{2}年", p))
        project = clean_project_name(title) or _first(
            m.group(1) for p in paragraphs if (m := _PROJECT_IN_TEXT.search(p))
        )
    return DocumentMeta(
        fiscal_year=year,
        department=department,
        doc_kind=kind,
        context=Context(fiscal_year=year, department=department, project_name=project),
    )


def score_table_project(title: str) -> str | None:
    """The project a 评分表 / 得分表 belongs to, from the title printed above it."""
    match = _SCORE_TABLE_TITLE.match(squash(title))
    return clean_project_name(match.group(1)) if match else None
