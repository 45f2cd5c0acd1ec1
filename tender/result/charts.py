"""The result's three charts drawn with matplotlib (Agg, no display): SVG for the page, PNG for the report.

The numbers come from the pure `scoring.evaluation.charts`; this module only draws. Text is
set in Noto Sans CJK SC (Debian's fonts-noto-cjk; matplotlib's default font has no Chinese
glyphs and would draw boxes) and SVG text is drawn as paths, so the picture needs no font
in the browser and nothing is fetched from elsewhere.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from scoring.evaluation.charts import (
    STATUS_LABELS,
    Breakdown,
    PricePoint,
    Spread,
    breakdown,
    dispersion,
    price_vs_score,
)

CJK_FAMILY = "Noto Sans CJK SC"
TITLES = {"breakdown": "各投标人得分构成", "dispersion": "各评委对每家投标的评分离散度",
          "prices": "投标报价与综合得分"}
NAMES = tuple(TITLES)
COLORS = {"candidate": "#2e7d32", "valid": "#1565c0", "rejected": "#c62828"}


@dataclass(frozen=True)
class ChartSet:
    breakdown: Breakdown
    dispersion: list[Spread]
    prices: list[PricePoint]


def chart_set(results, snapshot: dict) -> ChartSet:
    """From the panel's aggregate (`panel_results`) and the frozen result's candidates and rejections."""
    order = [row.bidder for row in results.ranking.rows]
    totals = {b: t.total for b, t in results.totals.items()}
    prices = {b: t.price if t.price else None for b, t in results.totals.items()}
    return ChartSet(
        breakdown({b: t.parts for b, t in results.totals.items()}, results.parts, order),
        dispersion(results.raw, order),
        price_vs_score(prices, totals, [c["company"] for c in snapshot.get("candidates", [])],
                       [r["company"] for r in snapshot.get("rejected", [])]))


@cache
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    for path in font_manager.findSystemFonts():
        if "NotoSansCJK-Regular" in path:
            font_manager.fontManager.addfont(path)
    matplotlib.rcParams.update({"font.family": "sans-serif", "font.sans-serif": [CJK_FAMILY, "DejaVu Sans"],
                                "axes.unicode_minus": False, "svg.fonttype": "path", "svg.hashsalt": "tender"})
    return pyplot


def draw(name: str, charts: ChartSet, fmt: str = "svg") -> bytes:
    """One chart as SVG or PNG bytes; `name` is one of NAMES."""
    plt = _pyplot()
    rows = max(len(charts.breakdown.bidders), 1)
    fig, ax = plt.subplots(figsize=(7.5, max(3.0, 0.9 + 0.32 * rows)), dpi=150)
    try:
        {"breakdown": _breakdown, "dispersion": _dispersion, "prices": _prices}[name](ax, charts)
        ax.set_title(TITLES[name], fontsize=11)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
        return out.getvalue()
    finally:
        plt.close(fig)


def _breakdown(ax, charts: ChartSet) -> None:
    chart = charts.breakdown
    positions = range(len(chart.bidders))
    left = [0.0] * len(chart.bidders)
    for part, values in zip(chart.parts, chart.values, strict=True):
        ax.barh(positions, values, left=left, label=part)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(list(positions), chart.bidders, fontsize=8)
    ax.invert_yaxis()  # the first ranked on top
    ax.set_xlabel("得分")
    if chart.parts:
        ax.legend(fontsize=8, loc="lower right")


def _dispersion(ax, charts: ChartSet) -> None:
    for i, spread in enumerate(charts.dispersion):
        ax.hlines(i, spread.low, spread.high, color="#90a4ae", linewidth=3)
        ax.scatter([v for _, v in spread.scores], [i] * len(spread.scores), s=14, color="#1565c0", zorder=3)
        ax.scatter([spread.middle], [i], marker="|", s=160, color="#c62828", zorder=4)
    ax.set_yticks(range(len(charts.dispersion)), [s.bidder for s in charts.dispersion], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("各评委对该投标的评分合计（红线为中位数）")


def _prices(ax, charts: ChartSet) -> None:
    for status, label in STATUS_LABELS.items():
        points = [p for p in charts.prices if p.status == status]
        if points:
            ax.scatter([p.price / 10000 for p in points], [p.score for p in points], color=COLORS[status],
                       label=label, s=28)
    for p in charts.prices:
        ax.annotate(p.bidder, (p.price / 10000, p.score), fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax.set_xlabel("年度投标总价（万元）")
    ax.set_ylabel("综合得分")
    if charts.prices:
        ax.legend(fontsize=8)
