"""One contract .docx: docxtpl with the project's template against the same document built with plain python-docx.

Issue 14, acceptance 5: the median time to produce one contract (template loaded, rendered in the
sandbox with autoescape, saved to bytes) must be <= 0.5 s. The peer builds the identical document
(same blocks, same page set-up, same text; `tests/contracts/test_render.py` checks they match)
with python-docx calls alone, in the same run, so the ratio is independent of the machine's load.
The contract is a full-size one: 30 commitments in 附件五, 5 fee rows, 24 staffing rows.
"""
from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import time

import docx
import docxtpl

from benchmarks.results import markers, write_section
from scoring.commitments.schema import Indicator, Unit
from tender.contracts.authoring import build_plain
from tender.contracts.context import (
    CommitmentRow,
    ContractContext,
    FeeRow,
    Party,
    PropertyFacts,
    StaffRow,
    Term,
    default_method,
)
from tender.contracts.render import render_contract
from tender.contracts.text import penalty_clause

GOAL = 0.5  # seconds, median


def bench_context(commitments: int = 30, staff: int = 24) -> ContractContext:
    indicators = list(Indicator)
    rows = []
    for n in range(commitments):
        indicator = indicators[n % len(indicators)]
        unit = Unit.MINUTE if "time" in indicator.value or "arrival" in indicator.value else Unit.PERCENT
        rows.append(CommitmentRow(n + 1, indicator.label, f"≥ {90 + n % 10}{unit.value}",
                                  default_method(indicator, unit), f"第 {20 + n} 页", penalty_clause(indicator, unit)))
    posts = ("项目经理", "客服主管", "客服专员", "工程主管", "电工", "水暖工", "秩序维护领班", "秩序维护员",
             "保洁领班", "保洁员", "绿化工", "车管员")
    return ContractContext(
        reference="HT-BENCH-001", version=1, tender_reference="ZB-2026-088",
        tenderer=Party("湖畔置业发展有限公司", "湖滨市滨江大道 88 号", "陈建国", "91330100MA2BENCH01", "0571-88886666"),
        winner=Party("云栖物业服务有限公司 & 合伙人", "湖滨市文三路 12 号", "李明", "91330100MA2BENCH02",
                     "0571-66668888"),
        property=PropertyFacts("湖畔花园一期", "湖滨市滨江区湖畔路 1 号", "186,400.00",
                               "高层住宅、多层住宅、商业、车库", "2027年06月30日"),
        fee_regime="包干制", remuneration="",
        fees=tuple(FeeRow(t, r, a) for t, r, a in (
            ("高层住宅", "2.80", "120,000.00"), ("多层住宅", "2.20", "30,000.00"), ("商业", "6.50", "12,400.00"),
            ("办公", "4.00", "8,000.00"), ("车库", "1.00", "16,000.00"))),
        annual_total="6,226,080.00", term=Term(36, "2027年07月01日", "2030年06月30日"), commitments=tuple(rows),
        staffing=tuple(StaffRow(posts[n % len(posts)], 1 + n % 6, f"{4000 + 150 * n:,}.00") for n in range(staff)),
        staffing_total=sum(1 + n % 6 for n in range(staff)),
    )


def with_docxtpl(context: ContractContext) -> bytes:
    return render_contract(context)


def with_python_docx(context: ContractContext) -> bytes:
    out = io.BytesIO()
    build_plain(context.as_dict()).save(out)
    return out.getvalue()


def report(ours: list[float], peer: list[float], runs: int) -> str:
    mine, theirs = statistics.median(ours), statistics.median(peer)
    return "\n".join([
        "## Contract generation: one 前期物业服务合同 .docx (issue 14, acceptance 5)", "",
        f"`python -m benchmarks.contracts` (also `make bench`) on CPython {platform.python_version()}, "
        f"docxtpl {docxtpl.__version__}, python-docx {docx.__version__}; 2 cores shared with other jobs, so the "
        f"ratio matters more than the seconds. {runs} runs each after one warm-up, alternating in one process. "
        "The contract: nine chapters and 30 articles, 30 commitments in 附件五, 5 fee rows, 24 staffing rows, "
        "rendered in the sandbox with autoescape and StrictUndefined. The peer builds the identical document "
        "(same blocks and text, checked by `tests/contracts/test_render.py`) with python-docx calls alone.", "",
        "| build | median | min | max | goal |",
        "|---|---|---|---|---|",
        f"| docxtpl + project template (`tender/contracts/render.py`) | {mine:.3f} s | {min(ours):.3f} s | "
        f"{max(ours):.3f} s | <= {GOAL} s: {'met' if mine <= GOAL else 'NOT met'} |",
        f"| plain python-docx, same document (`tender/contracts/blocks.py` PlainWriter) | {theirs:.3f} s | "
        f"{min(peer):.3f} s | {max(peer):.3f} s | (peer) |",
        "", f"Ratio docxtpl / python-docx: **{mine / theirs:.2f}** (below 1: the template is faster). "
        f"Load average at the end of the run: {os.getloadavg()[0]:.1f} on 2 cores.", "",
        "Where the time goes (cProfile): the peer spends it in python-docx building elements one by one (xpath "
        "child lookups and `OxmlElement` for every run, cell and width of ~250 table cells); docxtpl renders the "
        "body XML as one Jinja template (compiled once per process and reused, `templating._Sandbox`; compiling "
        "it on every call cost about a third of the render time) and parses the result once.",
    ])


def main(argv=None) -> tuple[list[float], list[float]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    args = parser.parse_args(argv)
    context = bench_context()
    ours, peer = [], []
    for fn in (with_docxtpl, with_python_docx):
        fn(context)  # warm both before any timing
    for _ in range(args.runs):  # alternate, so a burst of load on the shared cores hits both
        ours += timed_once(with_docxtpl, context)
        peer += timed_once(with_python_docx, context)
    text = report(ours, peer, args.runs)
    print(text, flush=True)
    if not args.no_write:
        start, end = markers("contracts")
        write_section("contracts", f"{start}\n{text}\n{end}")
    return ours, peer


def timed_once(fn, context) -> list[float]:
    start = time.perf_counter()
    fn(context)
    return [time.perf_counter() - start]


if __name__ == "__main__":
    main()
