"""The tracking record as an Excel workbook (pandas + openpyxl): every measurement with its verdict, and the breaches.

Two sheets: 履行记录 (all measurements) and 违约清单 (the breaches, each with its 违约责任 article).
No request here.
"""
from __future__ import annotations

import io

from tender.contracts.models import ConfirmedCommitment
from tender.contracts.tracking import breaches

MET, BREACHED = "达标", "违约"
COLUMNS = ["指标", "承诺", "统计期间自", "至", "测量值", "单位", "结论", "违约责任条款", "来源页码", "说明"]


def _row(c: ConfirmedCommitment, m) -> dict:
    return {"指标": c.indicator_label, "承诺": c.target, "统计期间自": m.period_start, "至": m.period_end,
            "测量值": float(m.value), "单位": m.unit, "结论": MET if m.met else BREACHED,
            "违约责任条款": c.penalty_clause, "来源页码": c.page, "说明": m.note}


def tracking_workbook(commitments: list[ConfirmedCommitment]) -> bytes:
    import pandas as pd

    every = pd.DataFrame([_row(c, m) for c in commitments for m in c.measurements], columns=COLUMNS)
    broken = pd.DataFrame([_row(b.commitment, b.measurement) for b in breaches(commitments)], columns=COLUMNS)
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        every.to_excel(writer, sheet_name="履行记录", index=False)
        broken.to_excel(writer, sheet_name="违约清单", index=False)
    return out.getvalue()
