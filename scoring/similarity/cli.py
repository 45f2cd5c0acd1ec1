"""Command line: ``python -m scoring.similarity compare A B [--boilerplate F ...] [--json]``.

Offsets in the output are character offsets into the *extracted* text of A and B (end
exclusive); for .txt that is the UTF-8 file content unchanged. With ``--json`` exactly one
JSON object is printed: ``score``, ``flagged`` and ``passages`` (a_start, a_end, b_start,
b_end) are the contract; the other keys are extras. A file that cannot be read gives a
message on stderr and exit status 2.
"""

import argparse
import json
import sys
from collections.abc import Sequence

from scoring.extraction import Extracted, ExtractionError, extract
from scoring.similarity.document import prepare
from scoring.similarity.report import PairReport, Passage, compare
from scoring.similarity.subtract import Boilerplate, SubtractionKind, subtract

EXIT_BAD_FILE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scoring.similarity", description="投标文件雷同检测")
    sub = parser.add_subparsers(dest="command", required=True)
    cmp = sub.add_parser("compare", help="比较两份文件 (.txt/.pdf/.docx)")
    cmp.add_argument("a")
    cmp.add_argument("b")
    cmp.add_argument(
        "--boilerplate",
        action="extend",
        nargs="+",
        default=[],
        metavar="F",
        help="合法共用文本（招标文件、法规等），从比对中扣除",
    )
    cmp.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    return parser


def _passage_json(p: Passage, a: Extracted, b: Extracted) -> dict:
    return {
        "a_start": p.a_start,
        "a_end": p.a_end,
        "b_start": p.b_start,
        "b_end": p.b_end,
        "length": p.length,
        "fingerprints": p.fingerprints,
        "a_page": a.page_of(p.a_start),
        "b_page": b.page_of(p.b_start),
    }


def report_json(report: PairReport, a: Extracted, b: Extracted) -> dict:
    """The JSON object of the command-line contract (plus extra keys).

    A structure finding (many identical headings) adds ``structure_chars`` and
    ``structure_flagged`` at the end, only when there is one: output for every other pair
    stays byte for byte what it was.
    """
    out = {
        "score": round(report.score, 6),
        "flagged": report.flagged,
        "passages": [_passage_json(p, a, b) for p in report.passages],
        "containment_a": round(report.containment_a, 6),
        "containment_b": round(report.containment_b, 6),
        "shared_chars": report.shared_chars,
        "longest_passage": report.longest_passage,
        "structure_passages": [_passage_json(p, a, b) for p in report.structure],
        "subtracted": [
            {"side": s.side, "start": s.start, "end": s.end, "reason": s.reason, "kind": s.kind.value}
            for s in report.subtracted
        ],
    }
    if report.structure_flagged:
        out |= {"structure_chars": report.structure_chars, "structure_flagged": True}
    return out


def _snippet(text: str, start: int, end: int, width: int = 40) -> str:
    s = " ".join(text[start:end].split())
    return s if len(s) <= width else s[: width - 1] + "…"


def report_text(report: PairReport, a: Extracted, b: Extracted, name_a: str, name_b: str) -> str:
    lines = [
        f"A：{name_a}",
        f"B：{name_b}",
        f"雷同度（较大包含率）：{report.score:.3f}"
        f"（A 在 B 中 {report.containment_a:.3f}，B 在 A 中 {report.containment_b:.3f}）",
        f"共有字符：{report.shared_chars}；最长段落：{report.longest_passage}",
        f"结论：{'疑似雷同，提请评委会关注' if report.flagged else '未达到提示阈值'}",
        f"雷同段落：{len(report.passages)}；仅目录/标题相同：{len(report.structure)}；已扣除合法文本片段：{len(report.subtracted)}",
    ]
    if report.structure_flagged:  # only then, so other pairs print exactly as before
        lines.append(f"结构雷同：目录/标题相同 {report.structure_chars} 字，疑似套用同一模板（与正文雷同分开报告）")
    for i, p in enumerate(report.passages, 1):
        lines.append(
            f"  {i}. A[{p.a_start}:{p.a_end}] 第{a.page_of(p.a_start)}页 ↔ B[{p.b_start}:{p.b_end}] "
            f"第{b.page_of(p.b_start)}页，{p.length}字：{_snippet(a.text, p.a_start, p.a_end)}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        a, b = extract(args.a), extract(args.b)
        boiler = [(f, extract(f).text) for f in args.boilerplate]
    except ExtractionError as exc:
        where = f"{exc.path}：" if exc.path else ""
        print(f"错误：{where}{exc.message}", file=sys.stderr)
        return EXIT_BAD_FILE
    doc_a, doc_b = prepare(a.text), prepare(b.text)
    bp = Boilerplate.from_texts((name, SubtractionKind.TENDER, text) for name, text in boiler)
    report = compare(doc_a, doc_b, subtract(doc_a, bp), subtract(doc_b, bp))
    if args.json:
        print(json.dumps(report_json(report, a, b), ensure_ascii=False))
    else:
        print(report_text(report, a, b, args.a, args.b))
    return 0
