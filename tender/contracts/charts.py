"""A commitment's measurements over time as a small SVG: the target line, each period met (green) or breached (red).

matplotlib with the Agg backend (no display) and a CJK font, text turned into paths so the browser
needs no Chinese font of its own. No request here.
"""
from __future__ import annotations

import io

from tender.contracts.models import ConfirmedCommitment

CJK_FONTS = ["Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", "DejaVu Sans"]


def commitment_chart(commitment: ConfirmedCommitment) -> str:
    """The SVG document (a string) of one commitment's measurements against its target."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.figure import Figure

    from scoring.commitments.schema import Unit
    from scoring.contracts.tracking import convert

    rows = commitment.measurements
    target = float(commitment.value)
    with plt.rc_context({"font.sans-serif": CJK_FONTS, "font.family": "sans-serif", "svg.fonttype": "path",
                         "axes.unicode_minus": False}):
        figure = Figure(figsize=(5.6, 2.2), dpi=72)
        axes = figure.add_subplot()
        xs = [f"{m.period_end:%Y-%m}" for m in rows]
        ys = [float(convert(m.value, Unit(m.unit), Unit(commitment.unit))) for m in rows]
        colours = ["#198754" if m.met else "#dc3545" for m in rows]
        axes.plot(xs, ys, color="#6c757d", linewidth=1)
        axes.scatter(xs, ys, c=colours, zorder=3)
        axes.axhline(target, color="#0d6efd", linestyle="--", linewidth=1, label=f"承诺 {commitment.target}")
        axes.set_ylabel(commitment.unit)
        axes.legend(loc="best", fontsize=8)
        axes.tick_params(labelsize=8)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg")
    return out.getvalue()
