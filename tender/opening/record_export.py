"""The published opening record as PDF (Chromium, in a job) and as DOCX (python-docx, fast enough for a request).

Both show what the page shows: per bidder its submission time, file checks, annual total
and deposit; the full record adds every file's SHA-256 and the objections with answers.
The one-page 比价记录 keeps bidder, time, check and price only.
"""
from __future__ import annotations

import io

from tender.db import to_local, utcnow
from tender.docx_page import BODY_FONT, a4_document
from tender.opening.record_models import OpeningRecord, RecordKind


def money(value) -> str:
    return "—" if value is None else f"{value:,.2f}"


def when(value) -> str:
    return "—" if value is None else f"{to_local(value):%Y-%m-%d %H:%M:%S}"


def rows(rec: OpeningRecord) -> tuple[list[str], list[list[str]]]:
    """The table of the record, the same in both formats."""
    if rec.kind is RecordKind.QUOTES:
        head = ["序号", "报价单位", "递交时间", "文件校验", "年度报价（元）"]
        body = [[str(e.position), e.company_name, when(e.submitted_at), "一致" if e.files_ok else "不一致",
                 money(e.annual_total)] for e in rec.entries]
        return head, body
    head = ["序号", "投标人", "递交时间", "文件及 SHA-256 校验", "年度投标总价（元）", "保证金", "备注"]
    body = []
    for e in rec.entries:
        files = "\n".join(f"{f['label']} {f['filename']}：{'一致' if f['ok'] else '不一致'} {f['sha256']}"
                          for f in e.files)
        deposit = (f"{money(e.deposit_amount)} 元，{e.deposit_method}，{e.deposit_paid_on:%Y-%m-%d}"
                   if e.deposit_amount is not None else "未登记")
        body.append([str(e.position), e.company_name, when(e.submitted_at), files, money(e.annual_total), deposit,
                     e.remark or ""])
    return head, body


def render_pdf(rec: OpeningRecord) -> bytes:
    from flask import render_template

    from tender.pdf import html_to_pdf

    head, body = rows(rec)
    return html_to_pdf(render_template("opening/record_pdf.html", rec=rec, head=head, body=body, generated=utcnow(),
                                       when=when))


def render_docx(rec: OpeningRecord) -> bytes:
    # Narrow margins for the seven-column table; headings in 宋体 like the body, as the paper record.
    document = a4_document(body_pt=10, margins_mm=(25, 25, 18, 18), heading_font=BODY_FONT)
    tender = rec.tender
    document.add_heading(f"{tender.title}{rec.kind.label}", level=1)
    document.add_paragraph(f"项目编号：{tender.reference}    开标时间：{when(rec.opened_at)}    "
                           f"公布时间：{when(rec.published_at)}")
    head, body = rows(rec)
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    for values in body:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    if rec.kind is RecordKind.FULL:
        document.add_heading("开标现场异议及答复", level=2)
        if not rec.objections:
            document.add_paragraph("开标现场无投标人提出异议。")
        for r in rec.objections:
            document.add_paragraph(f"{r.company.name}（{when(r.raised_at)}）：{r.text}")
            document.add_paragraph(f"答复（{when(r.answered_at)}）：{r.answer or '未答复'}")
        confirmed = [r.company.name for r in rec.responses if r.kind.value == "confirm"]
        document.add_paragraph(f"确认开标记录的投标人：{'、'.join(confirmed) if confirmed else '无'}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

