"""The evaluation report and score sheets for a 20-bid, 7-expert tender: time and peak memory.

Issue 13, acceptance 4. The report .docx is rendered with docxtpl from the report's template
(`tender/result/report.py`) and, as the peer in the same run, built straight with python-docx
from the same blocks and context (`PlainWriter`); the Excel workbook is pandas + openpyxl
(`tender/result/sheets.py`). Charts are drawn once (matplotlib, PNG) and handed to both
builds, and timed on their own. Peak memory is tracemalloc's peak of Python allocations
during one build, measured in a separate pass so tracing does not slow the timed runs.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
import tracemalloc
from decimal import Decimal

import docx
import docxtpl
import openpyxl
import pandas as pd

from benchmarks.results import markers, write_section
from scoring.evaluation.aggregate import BidTotal, Mark, average_marks, rank_bids
from scoring.evaluation.method import PriceScale
from scoring.evaluation.price import score_prices
from scoring.evaluation.templates import comprehensive
from tender.evaluation.results import PriceItem, Results
from tender.result.charts import chart_set
from tender.result.report import _expert_rows, chart_pngs, render_report_docx, render_report_plain
from tender.result.sheets import score_tables, workbook

BIDS, EXPERTS = 20, 7


def bench_results(bids: int = BIDS, experts: int = EXPERTS, seed: int = 13) -> Results:
    """A panel aggregate as `panel_results` returns it, from random marks within each item's points."""
    rnd = random.Random(seed)
    method = comprehensive()
    items = [leaf for leaf in method.leaves() if leaf.by_experts]
    names = [f"评委{n + 1:02d}" for n in range(experts)]
    bidders = [f"第{n + 1:02d}号物业服务有限公司" for n in range(bids)]
    marks = [Mark(e, b, leaf.code, Decimal(rnd.randint(int(leaf.max_points) * 5, int(leaf.max_points) * 10)) / 10)
             for e in names for b in bidders for leaf in items]
    prices = {b: Decimal(rnd.randint(900_000, 1_300_000)) for b in bidders}
    price_leaf = next(leaf for leaf in method.leaves() if isinstance(leaf.scale, PriceScale))
    priced = score_prices(price_leaf.scale.formula, prices)
    per_bid = {b: {} for b in bidders}
    averaged = average_marks(marks, method.trim, method.rounding)
    for a in averaged:
        per_bid[a.bidder][a.criterion] = a.mean
    for s in priced.scores:
        per_bid[s.bidder][price_leaf.code] = s.score
    totals = {b: BidTotal(b, method.section_totals(per_bid[b]), prices[b]) for b in bidders}
    ranking = rank_bids(totals.values(), method.tie_breaks, lot_seed="bench")
    return Results(names, bidders, items, {(m.expert, m.bidder, m.criterion): m.score for m in marks}, {},
                   {(a.bidder, a.criterion): a for a in averaged}, [PriceItem(price_leaf, priced)], totals,
                   list(dict.fromkeys(k for t in totals.values() for k in t.parts)), ranking, (),
                   method.trim.note, ranking.rules, "")


def bench_context(results: Results) -> tuple[dict, dict]:
    """The report's context as `report_context` makes it, for the synthetic tender, and the frozen snapshot."""
    rows = results.ranking.rows
    candidates = [{"rank": str(r.rank), "company": r.bidder, "total": str(r.total),
                   "price": f"{results.totals[r.bidder].price:,.2f}"} for r in rows[:3]]
    rejected = [{"company": r.bidder, "reason": "技术方案文字高度雷同，投标人未能合理说明 & 合伙人 <联合体>",
                 "basis": "条例第四十条第（四）项"} for r in rows[-2:]]
    members = [{"name": e, "kind": "评标专家", "specialty": "物业管理", "organisation": f"单位{n}",
                "role": "负责人" if n == 0 else "委员"} for n, e in enumerate(results.experts)]
    price = results.prices[0]
    context = {
        "t": {"title": "湖畔花园一期前期物业管理服务", "reference": "ZB-2026-088", "procedure": "公开招标",
              "tenderer": "湖畔置业发展有限公司", "method": "前期物业综合评分法", "opened_at": "2026-12-01 09:30",
              "finished_at": "2026-12-02 16:00"},
        "generated": "2026-12-02 16:05", "opened_count": len(rows), "valid_count": len(rows) - 2,
        "failed_reason": "", "recommendation": "建议按排序确定第一名为中标人", "candidates": candidates,
        "committee": {"formed": "评标委员会由招标人依法组建，共 7 人，评标专家从专家库随机抽取。", "members": members},
        "opened": [{"position": str(n + 1), "company": b, "submitted": "2026-12-01 09:00:00", "files": "一致",
                    "price": f"{results.totals[b].price:,.2f}"} for n, b in enumerate(results.bidders)],
        "method_note": f"前期物业综合评分法，满分 100 分。{results.trim_note}。",
        "rejected": rejected, "rejected_note": "评标委员会否决以下投标：",
        "findings": [{"kind": "投标文件雷同", "bidders": f"{rejected[0]['company']}、{rejected[1]['company']}",
                      "summary": "技术方案文字高度雷同", "basis": "条例第四十条第（四）项",
                      "decision": "否决投标：投标人未能合理说明"}],
        "findings_note": "提交评标委员会的发现及其决定如下：",
        "lowprice": [{"company": rows[5].bidder, "grounds": "900,000.00 元；低于有效报价平均值的 85%",
                      "answer": "人员配置充足，见附件。", "decision": "说明合理：成本测算可信"}],
        "lowprice_note": "以下投标报价明显偏低，评标委员会要求其书面说明：",
        "trim_note": results.trim_note, "expert_scores": _expert_rows(score_tables(results)),
        "price_note": price.result.base_note,
        "price_rows": [{"item": price.leaf.title, "bidder": s.bidder, "price": f"{s.price:,.2f}",
                        "score": str(s.score), "working": s.working} for s in price.result.scores],
        "ranking": [{"rank": str(r.rank), "bidder": r.bidder, "total": str(r.total), "decided_by": r.decided_by,
                     "parts": "；".join(f"{k} {v}" for k, v in results.totals[r.bidder].parts.items())} for r in rows],
        "tie_notes": "；".join(results.tie_notes),
        "signoffs": [{"name": e, "opinion": "同意", "dissent": "", "signed_at": "2026-12-02 16:10"}
                     for e in results.experts],
    }
    return context, {"candidates": candidates, "rejected": rejected}


def peak_mb(fn, *args) -> float:
    tracemalloc.start()
    try:
        fn(*args)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def report(times: dict[str, list[float]], memory: dict[str, float], runs: int) -> str:
    med = {k: statistics.median(v) for k, v in times.items()}
    rows = [("docxtpl + report template (`render_report_docx`)", "docxtpl"),
            ("plain python-docx, same blocks and context (`render_report_plain`)", "python-docx"),
            ("Excel: pandas + openpyxl, summary + 7 expert sheets (`workbook`)", "excel"),
            ("the three charts as PNG, matplotlib Agg (`chart_pngs`; both report builds embed them)", "charts")]
    return "\n".join([
        f"## Evaluation report and score sheets: {BIDS} bids, {EXPERTS} experts (issue 13, acceptance 4)", "",
        f"`python -m benchmarks.report` (also `make bench`) on CPython {platform.python_version()}, docxtpl "
        f"{docxtpl.__version__}, python-docx {docx.__version__}, pandas {pd.__version__}, openpyxl "
        f"{openpyxl.__version__}; 2 cores shared with other jobs, so the ratios matter more than the seconds. "
        f"{runs} runs each after one warm-up, alternating in one process. The report: twelve sections, "
        f"{BIDS * EXPERTS} expert × bid rows, {BIDS} opened, price and ranking rows, three chart images "
        "(drawn once and handed to both builds; their drawing is its own row). Peak memory: tracemalloc's "
        "peak of Python allocations during one build, in a separate pass.", "",
        "| build | median | min | max | peak memory |", "|---|---|---|---|---|",
        *[f"| {label} | {med[k]:.3f} s | {min(times[k]):.3f} s | {max(times[k]):.3f} s | {memory[k]:.1f} MB |"
          for label, k in rows],
        "", f"Ratio docxtpl / python-docx: time **{med['docxtpl'] / med['python-docx']:.2f}**, peak memory "
        f"**{memory['docxtpl'] / memory['python-docx']:.2f}** (below 1: the template is cheaper). "
        f"Load average at the end of the run: {os.getloadavg()[0]:.1f} on 2 cores.",
    ])


def main(argv=None) -> tuple[dict, dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    args = parser.parse_args(argv)
    results = bench_results()
    context, snapshot = bench_context(results)
    charts = chart_set(results, snapshot)
    images = chart_pngs(charts)
    tables = score_tables(results)
    builds = {"charts": (chart_pngs, charts), "docxtpl": (render_report_docx, context, images),
              "python-docx": (render_report_plain, context, images),
              "excel": (workbook, tables, context["t"]["title"], "ZB-2026-088")}
    for fn, *rest in builds.values():
        fn(*rest)  # warm every build before any timing
    times = {k: [] for k in builds}
    for _ in range(args.runs):  # alternate, so a burst of load on the shared cores hits all
        for key, (fn, *rest) in builds.items():
            times[key].append(timed(fn, *rest))
    memory = {key: peak_mb(fn, *rest) for key, (fn, *rest) in builds.items()}
    text = report(times, memory, args.runs)
    print(text, flush=True)
    if not args.no_write:
        start_marker, end_marker = markers("report")
        write_section("report", f"{start_marker}\n{text}\n{end_marker}")
    return times, memory


if __name__ == "__main__":
    main()
