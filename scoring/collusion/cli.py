"""`python -m scoring.collusion check tender.json [--json]`: the tender's non-prose checks from a file.

For a person looking into one tender by hand (or a benchmark) without the application: the
file holds the same inputs `check_tender` takes, as plain JSON, e.g.::

    {"tender": {"tender_id": 1, "reference": "ZB-2026-0101", "project": "…", "tenderer": "…"},
     "history": [{"tender_id": 7, "reference": "…", "project": "…", "tenderer": "…"}],
     "fixed_unit_prices": {"电梯年检": 3.47},
     "bids": [{"bid_id": 1, "identity": {"company": "…", "credit_code": "…", "phones": [], "emails": [],
                                         "staff": []},
               "pages": ["第 1 页的文字", "…"],
               "key_people": [{"name": "张伟", "role": "项目经理", "id_number": "…", "certificate": "…"}],
               "metadata": [{"author": "…", "last_modified_by": "…", "company": "…", "template": "…"}],
               "prices": {"annual_total": 1000000, "fees": {"住宅": 2.8}, "staffing": [["秩序维护员", 6, 3800]]}}]}
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from scoring.collusion.identifiers import Identity
from scoring.collusion.key_people import KeyPerson
from scoring.collusion.tender_checks import BidInput, BidPriceForm, CheckFinding, KnownTender, check_tender


def load(data: dict) -> dict:
    """The keyword arguments of `check_tender` from the JSON form; KeyError/TypeError/ValueError when malformed."""
    def tender(t: dict) -> KnownTender:
        return KnownTender(int(t["tender_id"]), t.get("reference", ""), t.get("project", ""), t.get("tenderer", ""))

    def bid(b: dict) -> BidInput:
        ident = b.get("identity", {})
        prices = b.get("prices")
        return BidInput(
            int(b["bid_id"]),
            Identity(ident.get("company", ""), ident.get("credit_code", ""), tuple(ident.get("phones", ())),
                     tuple(ident.get("emails", ())), tuple(ident.get("staff", ()))),
            tuple(str(p) for p in b["pages"]),
            tuple(KeyPerson(**p) for p in b.get("key_people", ())),
            tuple(dict(m) for m in b.get("metadata", ())),
            BidPriceForm(float(prices["annual_total"]), {k: float(v) for k, v in prices.get("fees", {}).items()},
                         tuple((str(p), int(n), float(w)) for p, n, w in prices.get("staffing", ())))
            if prices else None,
        )

    return {
        "bids": [bid(b) for b in data["bids"]],
        "tender": tender(data["tender"]),
        "history": [tender(t) for t in data.get("history", ())],
        "fixed_unit_prices": {k: float(v) for k, v in (data.get("fixed_unit_prices") or {}).items()},
        "tender_metadata_values": tuple(data.get("tender_metadata_values", ())),
    }


def render(findings: tuple[CheckFinding, ...]) -> str:
    if not findings:
        return "未发现异常（以上检查不含投标文件正文雷同，正文比对见相似度检查）。"
    lines = []
    for n, f in enumerate(findings, 1):
        lines.append(f"{n}. [{f.strength:.2f}] {f.summary}")
        lines.append(f"   依据：{f.basis}")
        for e in f.evidence:
            where = f" 第{e.page}页" if e.page else ""
            lines.append(f"   投标{e.bid_id}{where}：{e.excerpt}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring.collusion", description="投标文件非正文类检查")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查一个招标项目的全部投标文件")
    check.add_argument("file", type=Path, help="JSON 文件（格式见模块说明）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    args = parser.parse_args(argv)
    try:
        kwargs = load(json.loads(args.file.read_text(encoding="utf-8")))
    except OSError as exc:
        print(f"无法读取文件：{exc}", file=sys.stderr)
        return 2
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        print(f"文件格式不正确（{type(exc).__name__}: {exc}），请对照格式说明检查。", file=sys.stderr)
        return 2
    findings = check_tender(**kwargs)
    print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=1) if args.json else render(findings))
    return 0
