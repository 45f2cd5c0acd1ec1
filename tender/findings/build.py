"""Turn the figures of pairs, history and the non-prose checks into findings, and store them by key.

Only flagged pairs and bids become findings; every pair stays on the run as figures. A finding
found again keeps its staff status and committee decision; one no longer found is kept, marked
not present, so nothing decided disappears from the evaluation report.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import sqlalchemy as sa

from scoring.collusion.tender_checks import CheckFinding
from tender.extensions import db
from tender.findings.inputs import page_label
from tender.findings.models import Finding, FindingKind
from tender.notices.models import Tender

BASIS_COPY = "《招标投标法实施条例》第四十条（四）：不同投标人的投标文件异常一致"
BASIS_STRUCTURE = "《招标投标法实施条例》第四十条（四）：投标文件目录结构异常一致（疑用同一模板）"
BASIS_REUSE = "一本标书：与本公司其他项目投标文件雷同，对本项目招标文件的实质性响应存疑（条例第五十一条（六））"
BASIS_RELATED = ("《招标投标法实施条例》第三十四条：存在控股、管理关系或负责人为同一人的单位"
                 "参加同一项目投标的，相关投标均无效")
BASIS_HISTORY = "《招标投标法实施条例》第四十条（一）（四）：与他公司历史投标文件异常一致，疑由同一单位编制"


@dataclass(frozen=True)
class Spec:
    key: str
    kind: FindingKind
    basis: str
    bid_ids: tuple[int, ...]
    summary: str
    strength: float
    figures: dict = field(default_factory=dict)
    evidence: tuple[dict, ...] = ()
    comparison_id: int | None = None


def _passage_evidence(row: dict, bid_a: int, bid_b: int | None) -> tuple[dict, ...]:
    out = []
    for p in row["passages"]:
        out.append({"bid_id": bid_a, "page": p["page_a"], "label": p["label_a"], "excerpt": p["excerpt"],
                    "other_bid_id": bid_b, "other_page": p["page_b"], "other_label": p["label_b"] or (
                        f"第 {p['page_b']} 页" if p["page_b"] else "")})
    return tuple(out)


def _strength(row: dict) -> float:
    """On the checks' scale (a shared ID number ~0.92, a rival's company name 0.9, a price pattern 0.7):
    a flagged copy starts at 0.7 and reaches 1.0 once half of either bid is copied, so a bid written
    largely from another ranks first, and a short copied passage still above a price pattern."""
    containment = max(row["containment_a"], row["containment_b"])
    return round(0.7 + 0.3 * min(1.0, containment / 0.5), 4)


def _copied(row: dict) -> str:
    return (f" {row['n_passages']} 处相同段落，共 {row['shared_chars']:,} 字，最长一段 {row['longest_passage']:,} 字"
            f"（分别占两份文件的 {row['containment_a']:.0%}、{row['containment_b']:.0%}）")


def pair_specs(pairs: list[dict], names: dict[int, str]) -> list[Spec]:
    specs = []
    for row in pairs:
        a, b = row["a"], row["b"]
        fig = {k: v for k, v in row.items() if k != "passages"}
        if row["flagged"]:
            specs.append(Spec(f"copy_pair:{a}-{b}", FindingKind.COPY_PAIR, BASIS_COPY, (a, b),
                              f"{names[a]} 与 {names[b]} 的投标文件扣除招标文件、法规标准和通用文本后有" + _copied(row),
                              _strength(row), fig, _passage_evidence(row, a, b), row["comparison_id"]))
        if row.get("structure_flagged"):  # scoring.similarity's FlagRule.structure_flags, the CLI's rule too
            specs.append(Spec(f"structure:{a}-{b}", FindingKind.STRUCTURE, BASIS_STRUCTURE, (a, b),
                              f"{names[a]} 与 {names[b]} 的投标文件有 {row['n_structure']} 个相同的具体标题"
                              f"（共 {row['structure_chars']:,} 字），目录结构雷同",
                              round(0.5 + 0.3 * min(1.0, row["n_structure"] / 40), 4), fig, (), row["comparison_id"]))
    return specs


def history_specs(history: list[dict], names: dict[int, str], others: dict[int, tuple[str, str]]) -> list[Spec]:
    """`others`: each earlier bid's company and the tender it was for ("“项目”（编号）")."""
    specs = []
    for row in history:
        if not row["flagged"]:
            continue
        bid, other = row["bid_id"], row["other_doc_id"]
        kind, basis = ((FindingKind.REUSE_OWN, BASIS_REUSE) if row["same_company"]
                       else (FindingKind.HISTORY_OTHER, BASIS_HISTORY))
        company, tender = others.get(other, ("", f"历史投标 #{other}"))
        whose = "本公司" if row["same_company"] else f"他公司（{company}）"
        summary = f"{names[bid]} 的投标文件与{whose}为{tender}递交的投标文件有" + _copied(row)
        fig = {k: v for k, v in row.items() if k != "passages"}
        specs.append(Spec(f"{kind.value}:{bid}:{other}", kind, basis, (bid,), summary, _strength(row), fig,
                          _passage_evidence(row, bid, None), row["comparison_id"]))
    return specs


def related_specs(bids: dict[int, tuple[int, str]], related: list[tuple[int, int, str, str]]) -> list[Spec]:
    """Bids of companies the tenderer decided are related (第三十四条): both bids, whichever came first.

    `bids`: bid id -> (company id, name); `related`: (company a, company b, rule label, evidence) per decision.
    The intake refuses the second company once the decision is taken; a decision taken after both
    bid, or a bid kept from before it, is caught here so the committee voids both.
    """
    by_company = {company: bid for bid, (company, _) in bids.items()}
    specs = []
    for a, b, label, evidence in related:
        if a not in by_company or b not in by_company:
            continue
        pair = tuple(sorted((by_company[a], by_company[b])))
        first, second = (bids[i][1] for i in pair)
        specs.append(Spec(f"related:{pair[0]}-{pair[1]}", FindingKind.RELATED, BASIS_RELATED, pair,
                          f"{first} 与 {second} 经招标人认定存在关联关系（{label}），均递交了投标文件：{evidence}",
                          0.95, {"rule": label}))
    return specs


def check_specs(found: tuple[CheckFinding, ...], parts: dict[int, tuple]) -> list[Spec]:
    """`parts`: each bid's files and their pages, so a page is named as the bidder numbered it."""
    specs = []
    for f in found:
        digest = hashlib.sha1(f"{f.summary}|{f.basis}".encode()).hexdigest()[:16]
        ids = tuple(f.bid_ids)
        evidence = tuple({"bid_id": e.bid_id, "page": e.page, "label": page_label(parts.get(e.bid_id, ()), e.page),
                          "excerpt": e.excerpt} for e in f.evidence)
        specs.append(Spec(f"{f.kind}:{'-'.join(map(str, ids))}:{digest}", FindingKind(f.kind), f.basis, ids,
                          f.summary, float(f.strength), dict(f.figures), evidence))
    return specs


def store_findings(tender: Tender, specs: list[Spec]) -> list[Finding]:
    """Upsert by key; the present ones, strongest first."""
    existing = {f.key: f for f in db.session.scalars(sa.select(Finding).where(Finding.tender_id == tender.id))}
    rows = []
    for spec in specs:
        row = existing.pop(spec.key[:200], None)
        if row is None:
            row = Finding(tender_id=tender.id, key=spec.key[:200], kind=spec.kind)
            db.session.add(row)
        row.basis, row.bid_ids, row.summary = spec.basis[:200], list(spec.bid_ids), spec.summary[:500]
        row.strength, row.figures, row.evidence = spec.strength, spec.figures, list(spec.evidence)
        row.comparison_id, row.present = spec.comparison_id, True
        rows.append(row)
    for gone in existing.values():
        gone.present = False
    db.session.flush()
    return sorted(rows, key=lambda r: -r.strength)
