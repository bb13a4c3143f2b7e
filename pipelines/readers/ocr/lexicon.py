"""The fixed wording of the documents' titles and headings, and the names of the first level
of the national classifications of expenditure, to read an unsure line against.

The recognisers find the tables by these words (a title names one of the nine standard tables,
a heading row maps columns), so one misread character in them costs a whole table. When the
model is unsure of a line that is one or two characters away from one of these terms, the term
is scored under the model's own output (the CTC probability of that exact text, summed over
its alignments) against what the model read: the term is taken when the image supports it,
with a confidence that says how much better than the reading it fits (see :func:`correct`).
Anything else, figures above all, is never replaced.
"""

from __future__ import annotations

import math

from pipelines.recognise.base import INDICATOR_HEADERS
from pipelines.recognise.standard_tables import TITLES
from pipelines.text_patterns import CLASS_NAMES

HEADINGS = [
    # the standard tables' column headings and labels
    "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
    "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "科目编码",
    "科目名称", "栏次", "合计", "小计", "人员经费", "公用经费", "预算数", "决算数", "年初结转和结余",
    "年末结转和结余", "本年收入", "本年支出", "使用非财政拨款结余", "结余分配", "总计", "行次", "金额",
    "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "因公出国（境）费",
    "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "公务接待费", "经济分类科目",
    # the performance tables' labels
    "项目支出绩效自评表", "部门（单位）整体支出绩效自评表", "自治区财政项目支出绩效自评表", "项目名称", "主管部门",
    "实施单位", "预算单位", "项目资金（万元）", "年度资金总额", "其中：当年财政拨款", "其他资金", "年初预算数",
    "全年预算数", "全年执行数", "分值", "执行率", "得分", "年度总体目标", "预期目标", "实际完成情况", "总分",
    "年度绩效指标完成情况", "产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标",
    "经济成本指标", "社会效益指标", "经济效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
    "预期指标值（包含数字及文字描述）", "实际完成指标值（包含数字及文字描述）",
]  # fmt: skip

# The names of the 类 (first level) of the national classifications of expenditure, as the
# standard tables print them beside their 3-digit codes: 功能分类 (CLASS_NAMES, and the names used
# before the 2018 and 2019 renamings) and 经济分类 (301–399). A line name misread by one character
# costs the line's figures their name (``孜育支出`` for 205 教育支出).
SUBJECT_CLASSES = [
    *CLASS_NAMES,
    "文化体育与传媒支出", "医疗卫生与计划生育支出", "资源勘探信息等支出", "国土海洋气象等支出",
    "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "债务利息及费用支出",
    "资本性支出（基本建设）", "资本性支出", "对企业补助（基本建设）", "对企业补助",
    "对社会保障基金补助",
]  # fmt: skip

TERMS = sorted({*TITLES.values(), *INDICATOR_HEADERS, *HEADINGS, *SUBJECT_CLASSES})
# how much likelier a term is than any other text where a term is expected: a line read one
# character away from a heading is far more often that heading than a new word
PRIOR_ODDS = 100.0


def candidates(text: str) -> list[str]:
    """Terms within one character of ``text`` (two for terms of eight characters or more)."""
    out = []
    for term in TERMS:
        if term == text or abs(len(term) - len(text)) > 2:
            continue
        limit = 2 if len(term) >= 8 else 1
        if _distance(text, term, limit) <= limit:
            out.append(term)
    return out


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance of a and b, or limit + 1 when it is larger."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def ctc_log_likelihood(probabilities, labels: list[int]) -> float:
    """log P(labels | frames) under CTC (blank = 0): the sum over all alignments."""
    import numpy as np

    frames = len(probabilities)
    extended = [0]
    for label in labels:
        extended += [label, 0]
    states = len(extended)
    log_p = np.log(np.maximum(probabilities[:, extended], 1e-30))
    alpha = np.full(states, -np.inf)
    alpha[0] = log_p[0, 0]
    if states > 1:
        alpha[1] = log_p[0, 1]
    # a label may follow the label two states back unless it repeats it (or is a blank)
    skip = np.array([s >= 2 and extended[s] != 0 and extended[s] != extended[s - 2] for s in range(states)])
    for t in range(1, frames):
        shifted1 = np.concatenate(([-np.inf], alpha[:-1]))
        shifted2 = np.where(skip, np.concatenate(([-np.inf, -np.inf], alpha[:-2])), -np.inf)
        alpha = np.logaddexp(np.logaddexp(alpha, shifted1), shifted2) + log_p[t]
    tail = alpha[-1] if states == 1 else np.logaddexp(alpha[-1], alpha[-2])
    return float(tail)


def correct(read: str, probabilities, index: dict[str, int]) -> tuple[str, float] | None:
    """The term that the image supports better than ``read`` once the prior is counted, with its
    confidence (the posterior of the term against the reading), or None."""
    if not read or read in TERMS:
        return None  # a term read as such is never read as another one
    terms = candidates(read)
    if not terms:
        return None
    labels = [index[ch] for ch in read if ch in index]
    if len(labels) != len(read):
        return None
    read_ll = ctc_log_likelihood(probabilities, labels)
    best: tuple[str, float] | None = None
    for term in terms:
        term_labels = [index[ch] for ch in term if ch in index]
        if len(term_labels) != len(term):
            continue
        ratio = math.exp(max(-50.0, min(50.0, ctc_log_likelihood(probabilities, term_labels) - read_ll)))
        posterior = PRIOR_ODDS * ratio / (1 + PRIOR_ODDS * ratio)
        if posterior > 0.5 and (best is None or posterior > best[1]):
            best = (term, posterior)
    return best
