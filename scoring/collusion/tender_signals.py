"""File metadata (第四十条（一）) and price patterns (第四十条（四）) of one tender's bids as findings.

Both compare companies, not files: a company's two files or two bids sharing an author or
a price is normal, so values are grouped by company (`company_groups`) before comparing.
Values the tender's own documents carry (bidders fill in the tender's forms, which keep
the agent's author) and the tenderer's name are ignored like generic values.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields

from scoring.collusion.findings import PRICE_PATTERN, SAME_AUTHOR, BidInput, CheckFinding, Evidence, label
from scoring.collusion.metadata import GENERIC, shared_metadata
from scoring.collusion.price_patterns import BidPrices, price_findings
from scoring.extraction.document import Metadata

FIELD_LABEL = {"author": "作者", "last_modified_by": "最后修改者", "company": "单位", "template": "模板"}
FIELD_STRENGTH = {"author": 0.75, "last_modified_by": 0.75, "company": 0.65, "template": 0.55}
_TEXT = {f.name for f in fields(Metadata) if f.type == "str"}


def _metadata(mapping: Mapping[str, str]) -> Metadata:
    return Metadata(**{k: str(v) for k, v in mapping.items() if k in _TEXT and v is not None})


def _canon(value: str) -> str:
    return " ".join(value.split()).lower()


def metadata_findings(bids: Sequence[BidInput], groups: Sequence[int], ignore: frozenset[str] = frozenset()
                      ) -> list[CheckFinding]:
    files: dict[str, list[Metadata]] = {}
    for bid, group in zip(bids, groups, strict=True):
        files.setdefault(str(group), []).extend(_metadata(m) for m in bid.metadata)
    generic = GENERIC | {_canon(v) for v in ignore}
    found = []
    for shared in shared_metadata(files, generic=generic):
        value = _canon(shared.value)
        holders = [b for b in bids if any(_canon(m.get(shared.field) or "") == value for m in b.metadata)]
        evidence = tuple(Evidence(b.bid_id, None, f"文件属性 {FIELD_LABEL[shared.field]}：{shared.value}")
                         for b in holders)
        found.append(CheckFinding(
            kind="metadata",
            basis=SAME_AUTHOR,
            bid_ids=tuple(b.bid_id for b in holders),
            summary=f"{'、'.join(label(b) for b in holders)}的投标文件{FIELD_LABEL[shared.field]}相同："
                    f"“{shared.value}”",
            strength=round(min(FIELD_STRENGTH[shared.field] + 0.05 * (len(shared.companies) - 2), 1.0), 3),
            figures={"field": shared.field, "value": shared.value, "companies": len(shared.companies)},
            evidence=evidence,
        ))
    return found


PRICE_STRENGTH = {"identical_total": 0.8, "constant_difference": 0.7, "constant_ratio": 0.7,
                  "identical_unit_price": 0.6, "identical_wage": 0.5}
TOTALS = ("identical_total", "constant_difference", "constant_ratio")


def _price_summary(kind: str, values: Sequence[float], detail: str) -> str:
    if kind == "identical_total":
        return f"投标总价相同：{values[0]:,.2f} 元"
    if kind == "constant_difference":
        return f"投标总价呈等差排列，相邻差额 {values[1] - values[0]:,.2f} 元"
    if kind == "constant_ratio":
        return f"投标总价呈等比排列，相邻比率 {values[1] / values[0]:.4f}"
    return detail


def price_pattern_findings(bids: Sequence[BidInput], groups: Sequence[int],
                           fixed_unit_prices: Mapping[str, float] | None) -> list[CheckFinding]:
    priced = {str(i): b for i, b in enumerate(bids) if b.prices is not None}
    forms = [
        BidPrices(key, b.prices.annual_total, dict(b.prices.fees),
                  {post: wage for post, _count, wage in b.prices.staffing})
        for key, b in priced.items()
    ]
    found = []
    for f in price_findings(forms, unusual_step=0.1, fixed_unit_prices=fixed_unit_prices):
        if len({groups[int(k)] for k in f.bidders}) < 2:
            continue  # one company's own bids
        these = [priced[k] for k in f.bidders]
        extra = 0.05 * (len(these) - (2 if f.kind.startswith("identical") else 3))
        summary = _price_summary(f.kind, f.values, f.detail)
        shown = (f"报价一览表 年度总价：{v:,.2f} 元" if f.kind in TOTALS else f"报价一览表：{f.detail}"
                 for v in f.values)
        found.append(CheckFinding(
            kind="price_pattern",
            basis=PRICE_PATTERN,
            bid_ids=tuple(b.bid_id for b in these),
            summary=f"{'、'.join(label(b) for b in these)}的{summary}",
            strength=round(min(PRICE_STRENGTH[f.kind] + extra, 1.0), 3),
            figures={"pattern": f.kind, "values": list(f.values), "detail": f.detail},
            evidence=tuple(Evidence(b.bid_id, None, text) for b, text in zip(these, shown, strict=True)),
        ))
    return found
