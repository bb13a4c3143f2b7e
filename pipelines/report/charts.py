"""The report's charts, drawn by plotly (static HTML: a div and the call that draws it). The pages
load ``plotly.min.js`` from the report folder, written once per build, so they render offline.

The figures are written as plotly's JSON (data traces and layout) and rendered by
``plotly.io.to_html`` without its per-property validation, which costs far more than the page:
what they use is the small, stable part of plotly's schema (bar and scatter traces, axis titles)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import plotly.io as pio

PLOTLY_JS = "plotly.min.js"
FONT = "Noto Sans CJK SC, WenQuanYi Zen Hei, Microsoft YaHei, PingFang SC, sans-serif"
CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def plotly_js() -> str:
    """The plotly.js bundle shipped inside the plotly package (no download)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _number(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _html(figure: dict, div_id: str, height: int) -> str:
    layout = figure.setdefault("layout", {})
    for axis in ("xaxis", "yaxis"):  # room for the tick labels and titles (plotly's templates do this)
        layout.setdefault(axis, {}).setdefault("automargin", True)
    layout.update(
        height=height,
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 20, "t": 40, "b": 40},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return pio.to_html(
        figure,
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config=CONFIG,
        default_height=f"{height}px",
        validate=False,
    )


def function_class_bars(names: Sequence[str], amounts: Sequence[Decimal | None], div_id: str) -> str:
    """Horizontal bars: 一般公共预算财政拨款支出 by 功能分类 类, largest on top, 万元."""
    pairs = sorted(zip(names, amounts), key=lambda p: _number(p[1]) or 0.0)
    bars = {
        "type": "bar",
        "orientation": "h",
        "x": [_number(a) for _, a in pairs],
        "y": [n for n, _ in pairs],
        "marker": {"color": "#2f6f9f"},
        "text": [f"{_number(a):,.2f}" if a is not None else "" for _, a in pairs],
        "textposition": "auto",
        "hovertemplate": "%{y}: %{x:,.2f} 万元<extra></extra>",
    }
    layout = {
        "title": {"text": "支出功能分类（类），万元", "x": 0},
        "xaxis": {"title": {"text": "万元"}, "gridcolor": "#e5e5e5", "tickformat": ",.0f"},
        "yaxis": {"automargin": True},
    }
    return _html({"data": [bars], "layout": layout}, div_id, height=max(260, 60 + 36 * len(pairs)))


def three_public_lines(series: dict[str, list[tuple[int, Decimal | None]]], div_id: str) -> str:
    """One line per 三公 category across years (决算数, 万元)."""
    traces = []
    years: set[int] = set()
    for label, points in series.items():
        years.update(year for year, _ in points)
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": label,
                "x": [year for year, _ in points],
                "y": [_number(amount) for _, amount in points],
                "hovertemplate": f"{label} %{{x}}年: %{{y:,.2f}} 万元<extra></extra>",
            }
        )
    layout = {
        "title": {"text": "“三公”经费决算数，按年度，万元", "x": 0},
        "xaxis": {"title": {"text": "年度"}, "tickmode": "array", "tickvals": sorted(years), "gridcolor": "#e5e5e5"},
        "yaxis": {"title": {"text": "万元"}, "gridcolor": "#e5e5e5", "rangemode": "tozero"},
        "legend": {"orientation": "h", "y": -0.2},
    }
    return _html({"data": traces, "layout": layout}, div_id, height=380)


def project_fund_bars(
    years: Sequence[int], budget: Sequence[Decimal | None], executed: Sequence[Decimal | None], div_id: str
) -> str:
    """Grouped bars: a project's 全年预算数 and 全年执行数 by year, 万元."""
    labels = [f"{year}年" for year in years]
    traces = [
        {
            "type": "bar",
            "name": "全年预算数",
            "x": labels,
            "y": [_number(v) for v in budget],
            "marker": {"color": "#9fb8cf"},
        },
        {
            "type": "bar",
            "name": "全年执行数",
            "x": labels,
            "y": [_number(v) for v in executed],
            "marker": {"color": "#2f6f9f"},
        },
    ]
    layout = {
        "barmode": "group",
        "title": {"text": "项目资金，按年度，万元", "x": 0},
        "yaxis": {"title": {"text": "万元"}, "gridcolor": "#e5e5e5", "rangemode": "tozero"},
        "legend": {"orientation": "h", "y": -0.2},
    }
    return _html({"data": traces, "layout": layout}, div_id, height=340)
