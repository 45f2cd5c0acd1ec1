"""The evaluation report (评标报告) as .docx and PDF: what the committee hands the tenderer (条例第五十三条).

Sections as the rules list them (docs/domain-rules.md §6): basic data and the summary, the
committee and how it was formed, the opened bids, the evaluation method, rejected bids with
reason and basis, the copy and collusion findings with the committee's decisions, the
abnormally-low-price clarifications, each expert's marks, the price-score computation, the
totals with the charts, the ranking and recommendation, and each member's confirmation or
written dissent. `report_context` reads the database into plain strings and lists;
`REPORT` is the document as blocks (tender/contracts/blocks.py), written once per process
into a docxtpl template and rendered by the contracts' sandboxed renderer.
"""
from __future__ import annotations

import io
from functools import cache

from tender.committee.models import ExpertProfile
from tender.committee.operations import draw_of
from tender.contracts.blocks import Heading, If, Image, PageBreak, Para, PlainWriter, Table, TemplateWriter, Title
from tender.contracts.render import docx_to_pdf, render_docx
from tender.db import to_local, utcnow
from tender.evaluation.operations import chair_of
from tender.evaluation.results import panel_results
from tender.extensions import db
from tender.findings.models import Finding, FindingStatus
from tender.lowprice.queries import low_price_outcomes
from tender.methods.operations import method_of
from tender.result import charts as chart_drawing
from tender.result.models import EvaluationResult
from tender.result.sheets import ScoreTables, rejected_companies, score_tables

CHART_WIDTH = 150  # mm; the text width is 156 (A4 less the margins), as every table's columns add up to


def _when(value) -> str:
    return "—" if value is None else f"{to_local(value):%Y-%m-%d %H:%M}"


def _money(value) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _marks(pairs) -> str:
    return "；".join(f"{title} {value}" for title, value in pairs)


SECTIONS = ("一、基本情况", "二、评标委员会的组成", "三、开标情况", "四、评标办法", "五、否决投标情况",
            "六、雷同及串通投标核查与评标委员会决定", "七、异常低价澄清情况", "八、各评委评分",
            "九、报价得分计算", "十、评分汇总与图表", "十一、排序及推荐意见", "十二、评标委员会成员确认")

RECOMMENDED = (  # on the summary page and again in its own section
    Table(("排序", "中标候选人", "综合得分", "年度投标总价（元）"), "c in candidates",
          ("c.rank", "c.company", "c.total", "c.price"), (16, 70, 30, 40)),
    Para("推荐意见：{{ recommendation }}"),
)

REPORT = (
    Title("评标报告"),
    Para("项目名称：{{ t.title }}", indent=False, align="center"),
    Para("项目编号：{{ t.reference }}    采购方式：{{ t.procedure }}", indent=False, align="center"),
    Heading("评标结论摘要"),
    Para("本项目于 {{ t.opened_at }} 开标，共开标 {{ opened_count }} 家，经评审有效投标 {{ valid_count }} 家，"
         "否决投标 {{ rejected | length }} 家。评标委员会于 {{ t.finished_at }} 完成评标。"),
    If("failed_reason", (Para("评标结论：{{ failed_reason }}"),)),
    *RECOMMENDED,
    PageBreak(),
    Heading(SECTIONS[0]),
    Para("招标人：{{ t.tenderer }}。评标办法：{{ t.method }}。评标报告生成时间：{{ generated }}。"),
    Heading(SECTIONS[1]),
    Para("{{ committee.formed }}"),
    Table(("委员", "类别", "专业", "工作单位", "职责"), "m in committee.members",
          ("m.name", "m.kind", "m.specialty", "m.organisation", "m.role"), (24, 26, 28, 54, 24)),
    Heading(SECTIONS[2]),
    Table(("序号", "投标人", "递交时间", "文件校验", "年度投标总价（元）"), "b in opened",
          ("b.position", "b.company", "b.submitted", "b.files", "b.price"), (12, 58, 32, 20, 34)),
    Heading(SECTIONS[3]),
    Para("{{ method_note }}"),
    Heading(SECTIONS[4]),
    Para("{{ rejected_note }}"),
    Table(("投标人", "否决理由", "依据"), "r in rejected", ("r.company", "r.reason", "r.basis"), (34, 74, 48)),
    Heading(SECTIONS[5]),
    Para("{{ findings_note }}"),
    Table(("类别", "涉及投标人", "发现", "依据", "评标委员会决定"), "f in findings",
          ("f.kind", "f.bidders", "f.summary", "f.basis", "f.decision"), (22, 32, 40, 28, 34)),
    Heading(SECTIONS[6]),
    Para("{{ lowprice_note }}"),
    Table(("投标人", "报价及触发原因", "投标人书面说明", "评标委员会决定"), "o in lowprice",
          ("o.company", "o.grounds", "o.answer", "o.decision"), (28, 46, 46, 36)),
    Heading(SECTIONS[7]),
    Para("{{ trim_note }}"),
    Table(("评委", "投标人", "各评分项得分", "合计"), "s in expert_scores",
          ("s.expert", "s.bidder", "s.marks", "s.total"), (22, 36, 80, 18)),
    Heading(SECTIONS[8]),
    Para("{{ price_note }}"),
    Table(("评分项", "投标人", "报价（元）", "得分", "计算过程"), "p in price_rows",
          ("p.item", "p.bidder", "p.price", "p.score", "p.working"), (22, 32, 28, 16, 58)),
    Heading(SECTIONS[9]),
    Table(("名次", "投标人", "分项得分", "总分", "说明"), "r in ranking",
          ("r.rank", "r.bidder", "r.parts", "r.total", "r.decided_by"), (12, 40, 56, 16, 32)),
    Para("同分时：{{ tie_notes }}。"),
    Image("breakdown", CHART_WIDTH),
    Image("dispersion", CHART_WIDTH),
    Image("prices", CHART_WIDTH),
    Heading(SECTIONS[10]),
    *RECOMMENDED,
    Heading(SECTIONS[11]),
    Para("评标委员会成员对评标结果有不同意见的，以书面形式说明其不同意见和理由；拒绝签字又不书面说明的，视为同意评标结果"
         "（《招标投标法实施条例》第五十三条）。"),
    Table(("委员", "意见", "不同意见及理由", "确认时间"), "s in signoffs",
          ("s.name", "s.opinion", "s.dissent", "s.signed_at"), (24, 20, 80, 32)),
)


@cache
def template() -> bytes:
    """The report's docxtpl template, written from `REPORT` once per process (no binary kept in the repo)."""
    writer = TemplateWriter()
    writer.write(REPORT)
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()


def report_context(result: EvaluationResult) -> tuple[dict, chart_drawing.ChartSet]:
    """Everything the report prints, as strings and lists of dicts, and the charts' numbers."""
    from tender.opening.record_export import when  # the opening record's own time format

    tender, snapshot = result.tender, result.snapshot
    results, method, rec = panel_results(tender), method_of(tender), tender.opening_record
    signed = {s.expert_id: s for s in result.signoffs}
    names = {b.bid_id: b.company_name for b in rec.entries}
    outcomes = low_price_outcomes(tender)
    findings = [f for f in db.session.scalars(db.select(Finding).where(Finding.tender_id == tender.id)
                                              .order_by(Finding.id)) if f.status is FindingStatus.REFERRED]
    context = {
        "t": {"title": tender.title, "reference": tender.reference, "procedure": tender.procedure.label,
              "tenderer": tender.tenderer, "method": method.name, "opened_at": _when(rec.opened_at),
              "finished_at": _when(result.finished_at)},
        "generated": _when(utcnow()),
        "opened_count": snapshot.get("opened", len(rec.entries)), "valid_count": snapshot.get("valid", 0),
        "failed_reason": result.failed_reason, "recommendation": result.recommendation,
        "candidates": [{"rank": str(c["rank"]), "company": c["company"], "total": c["total"],
                        "price": _money(None if c["price"] is None else float(c["price"]))}
                       for c in snapshot.get("candidates", [])],
        "committee": _committee(tender, signed),
        "opened": [{"position": str(e.position), "company": e.company_name, "submitted": when(e.submitted_at),
                    "files": "一致" if e.files_ok else "不一致", "price": _money(e.annual_total)} for e in rec.entries],
        "method_note": f"{method.name}，满分 {method.total} 分。{results.trim_note}。" + (method.note or ""),
        "rejected": [{"company": r["company"], "reason": r["reason"], "basis": r["basis"]}
                     for r in snapshot.get("rejected", [])],
        "rejected_note": "评标委员会否决以下投标：" if snapshot.get("rejected") else "评标委员会未否决任何投标。",
        "findings": [{"kind": f.kind.label, "bidders": "、".join(names.get(int(b), str(b)) for b in f.bid_ids),
                      "summary": f.summary, "basis": f.basis,
                      "decision": f"{f.decision_label}：{f.decision_note}" if f.decision else "尚未决定"}
                     for f in findings],
        "findings_note": "开标后系统核查的结果中，提交评标委员会的发现及其决定如下：" if findings
        else "开标后的核查未有提交评标委员会决定的发现。",
        "lowprice": [{"company": o.company_name, "grounds": f"{_money(o.price)} 元；{o.grounds}",
                      "answer": o.answer or "未在期限内答复", "decision": f"{o.decision_label}：{o.decision_note}"}
                     for o in outcomes],
        "lowprice_note": "以下投标报价明显低于其他投标报价，评标委员会要求其书面说明并提供证明材料（条例第五十一条）："
        if outcomes else "未发现须澄清的异常低价。",
        "trim_note": f"各评委对每家投标逐项评分如下。{results.trim_note}。",
        "expert_scores": _expert_rows(score_tables(results, rejected_companies(result))),
        "price_note": "；".join(f"{p.leaf.title}（{p.leaf.max_points} 分）：{p.result.base_note}"
                               for p in results.prices) or "本项目评标办法不含报价得分。",
        "price_rows": [{"item": p.leaf.title, "bidder": s.bidder, "price": _money(s.price), "score": str(s.score),
                        "working": f"{s.working}（{s.rounding_note}）"}
                       for p in results.prices for s in p.result.scores],
        "ranking": [{"rank": str(r.rank), "bidder": r.bidder, "total": str(r.total), "decided_by": r.decided_by,
                     "parts": _marks(results.totals[r.bidder].parts.items())} for r in results.ranking.rows],
        "tie_notes": "；".join(snapshot.get("tie_notes", [])),
        "signoffs": [{"name": m.name, "opinion": "尚未确认" if s is None else "同意" if s.agrees else "不同意",
                      "dissent": "" if s is None else s.dissent, "signed_at": "—" if s is None else _when(s.signed_at)}
                     for m in _members(tender) for s in [signed.get(m.id)]],
    }
    return context, chart_drawing.chart_set(results, snapshot)


def _expert_rows(tables: ScoreTables) -> list[dict]:
    """Each expert's marks per bid from the score sheets' own tables (the Excel file holds the same)."""
    rows = []
    for expert, frame in tables.experts.items():
        titles = [c for c in frame.columns if c not in ("投标人", "合计")]
        for record in frame.to_dict("records"):
            rows.append({"expert": expert, "bidder": record["投标人"], "total": f"{record['合计']:.2f}",
                         "marks": _marks((t, f"{record[t]:.2f}") for t in titles)})
    return rows


def _members(tender):
    from tender.result.operations import members_of

    return members_of(tender)


def _committee(tender, signed) -> dict:
    draw, chair = draw_of(tender), chair_of(tender)
    members = _members(tender)
    profiles = {p.user_id: p for p in db.session.scalars(db.select(ExpertProfile).where(
        ExpertProfile.user_id.in_([m.id for m in members])))}
    rows = []
    for m in members:
        p = profiles.get(m.id)
        rows.append({"name": m.name, "kind": "招标人代表" if p is not None and not p.external else "评标专家",
                     "specialty": p.specialty if p else "—", "organisation": (p.organisation if p else "") or "—",
                     "role": "负责人" if chair is not None and chair.expert_id == m.id else "委员"})
    formed = "评标委员会未经本系统组建。" if draw is None else (
        f"评标委员会由招标人依法组建，共 {draw.size} 人（其中招标人代表 {draw.representatives} 人），"
        f"评标专家从专家库 {len(draw.pool)} 名专家中随机抽取，回避与投标人有利害关系者（抽取种子 {draw.seed}，"
        f"按种子与专家编号的 SHA-256 排序，可复核），另抽备选 {draw.reserve_count} 人。")
    return {"formed": formed, "members": rows}


def chart_pngs(charts) -> dict[str, bytes]:
    return {name: chart_drawing.draw(name, charts, "png") for name in chart_drawing.NAMES}


def render_report(result: EvaluationResult) -> bytes:
    context, charts = report_context(result)
    return render_report_docx(context, chart_pngs(charts))


def render_report_docx(context: dict, images: dict[str, bytes]) -> bytes:
    """The template rendered with docxtpl: no database, so the benchmark times it alone."""
    return render_docx(io.BytesIO(template()), context,
                       images={name: (data, CHART_WIDTH) for name, data in images.items()}, what="评标报告模板")


def render_report_plain(context: dict, images: dict[str, bytes]) -> bytes:
    """The same document built straight with python-docx: the benchmark's peer."""
    writer = PlainWriter(context, images)
    writer.write(REPORT)
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()


def report_pdf(result: EvaluationResult) -> bytes:
    return docx_to_pdf(render_report(result), what="评标报告")
