"""The score sheets as tables (pandas) and as the Excel workbook experts know from paper (openpyxl).

`score_tables` is the one source: the result page prints these frames and the workbook holds
them, so what the members read on screen is what they download. One sheet per expert (every
bid × every criterion the experts mark, with the expert's total) and a summary (rank, the
method's sections, total, price). The workbook is laid out like the paper forms: a merged
title, the project line, bold bordered headers, two-decimal numbers, the header row frozen,
the print area set, landscape fitted to one page wide.
"""
from __future__ import annotations

import io
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

SUMMARY = "汇总"
HEADER_ROW = 3  # 1: title, 2: project line, 3: column headers, data from 4
NUMBER_FORMAT = "0.00"
FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class ScoreTables:
    summary: pd.DataFrame
    experts: dict[str, pd.DataFrame]  # expert name → that expert's sheet

    def sheets(self) -> dict[str, pd.DataFrame]:
        return {SUMMARY: self.summary, **self.experts}


def score_tables(results, rejected: Collection[str] = ()) -> ScoreTables:
    """From `tender.evaluation.results.panel_results`: the summary in score order, each expert's marks.

    `rejected` names the bids the committee rejected: they keep their scores, marked 否决投标, and the
    candidates' own ranking (among the valid bids) is the frozen result's, not this order.
    """
    rows = []
    for row in results.ranking.rows:
        total = results.totals[row.bidder]
        rows.append({"得分排序": row.rank, "投标人": row.bidder,
                     **{part: float(total.parts.get(part, 0)) for part in results.parts},
                     "总分": float(total.total), "年度投标总价（元）": float(total.price),
                     "评审结论": "否决投标" if row.bidder in rejected else "有效投标"})
    columns = ["得分排序", "投标人", *results.parts, "总分", "年度投标总价（元）", "评审结论"]
    summary = pd.DataFrame(rows, columns=columns)
    titles = [leaf.title for leaf in results.items]
    experts = {}
    for expert in results.experts:
        marks = []
        for bidder in results.bidders:
            values = [float(results.raw.get((expert, bidder, leaf.code), 0)) for leaf in results.items]
            marks.append({"投标人": bidder, **dict(zip(titles, values, strict=True)), "合计": round(sum(values), 2)})
        experts[expert] = pd.DataFrame(marks, columns=["投标人", *titles, "合计"])
    return ScoreTables(summary, experts)


def rejected_companies(result) -> set[str]:
    return {r["company"] for r in result.rejected}


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name; two experts must not collide."""
    base = name.translate(FORBIDDEN)[:31] or "评委"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base[:28]}_{n}"
        n += 1
    taken.add(candidate)
    return candidate


def workbook(tables: ScoreTables, title: str, reference: str) -> bytes:
    out = io.BytesIO()
    taken: set[str] = set()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in tables.sheets().items():
            sheet = sheet_name(name, taken)
            frame.to_excel(writer, sheet_name=sheet, index=False, startrow=HEADER_ROW - 1)
            heading = "评标汇总表" if name == SUMMARY else f"评委评分表（{name}）"
            _paper_layout(writer.sheets[sheet], frame, f"{title} {heading}", f"项目编号：{reference}")
    return out.getvalue()


def _paper_layout(ws, frame: pd.DataFrame, title: str, subtitle: str) -> None:
    columns, last_row = len(frame.columns), HEADER_ROW + len(frame)
    last = get_column_letter(columns)
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    ws["A1"], ws["A2"] = title, subtitle
    ws["A1"].font = Font(name="宋体", size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row in ws.iter_rows(min_row=HEADER_ROW, max_row=last_row, max_col=columns):
        for cell in row:
            cell.border = box
            if cell.row == HEADER_ROW:
                cell.font = Font(name="宋体", bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            elif isinstance(cell.value, float):
                cell.number_format = NUMBER_FORMAT
    for index, column in enumerate(frame.columns, start=1):
        width = max([len(str(column))] + [len(str(v)) for v in frame[column]]) * 2 + 2
        ws.column_dimensions[get_column_letter(index)].width = min(max(width, 10), 40)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2 if columns > 1 else 1)  # headers and bidder stay
    ws.print_area = f"A1:{last}{last_row}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
