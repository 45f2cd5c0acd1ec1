"""Related-bidder rules (条例第三十四条, with 第四十条(二)(三) hints). Pure: frozen dataclasses in, findings out.

条例第三十四条: "单位负责人为同一人或者存在控股、管理关系的不同单位，不得参加同一
标段投标"; and a party with an interest in the 招标人 may not bid at all. Tenders
commonly add cross-held officer posts (董事、监事、总经理、副总经理、财务负责人相互兼职).
A finding is evidence for staff to decide on, never a verdict by itself.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from scoring.collusion.key_people import KeyPerson, canon, same_key_people

DEFAULT_CONTROL = Decimal("50")

RULES = {
    "same_legal_rep": "法定代表人（单位负责人）为同一人（条例第三十四条）",
    "control": "存在控股关系（条例第三十四条）",
    "common_control": "受同一股东控股（条例第三十四条，投资参股关联）",
    "officer_overlap": "董事、监事、高级管理人员相互兼职",
    "key_staff_overlap": "项目经理/关键人员为同一人（条例第四十条（三）线索）",
    "same_contact": "联系电话、电子邮箱或注册地址相同（条例第四十条（二）线索）",
    "developer_interest": "与招标人存在利害关系（条例第三十四条第一款）",
}


@dataclass(frozen=True)
class Holding:
    """One shareholder of a company: `key` is its credit code or ID number (name when neither is known)."""

    key: str
    name: str
    share: Decimal


@dataclass(frozen=True)
class Person:
    id_number: str
    name: str
    post: str


@dataclass(frozen=True)
class Party:
    company_id: int
    name: str
    credit_code: str = ""
    legal_rep_name: str = ""
    legal_rep_id: str = ""
    shareholders: tuple[Holding, ...] = ()
    officers: tuple[Person, ...] = ()
    key_staff: tuple[Person, ...] = ()
    phone: str = ""
    email: str = ""
    address: str = ""

    @property
    def key(self) -> str:
        return self.credit_code or f"name:{self.name}"


@dataclass(frozen=True)
class Affiliate:
    """A company related to the developer (招标人), registered by staff."""

    name: str
    credit_code: str = ""
    legal_rep_id: str = ""


@dataclass(frozen=True)
class Finding:
    rule: str
    company_ids: tuple[int, ...]
    evidence: str
    key: str

    @property
    def label(self) -> str:
        return RULES[self.rule]


def find_related(bidders: Sequence[Party], *, registry: Iterable[Party] = (), affiliates: Iterable[Affiliate] = (),
                 control_threshold: Decimal = DEFAULT_CONTROL) -> list[Finding]:
    """Every finding among the companies signed up to one tender.

    `registry` adds companies that did not sign up but may sit inside a
    shareholding chain (甲 holds 60% of 丙, 丙 holds 55% of 乙).
    """
    graph = _ownership({p.key: p for p in (*registry, *bidders)}.values(), control_threshold)
    findings: list[Finding] = []
    for a, b in combinations(sorted(bidders, key=lambda p: p.company_id), 2):
        findings += _same_legal_rep(a, b)
        findings += _control(a, b, graph)
        findings += _people_overlap(a, b, "officer_overlap", _officers)
        findings += _people_overlap(a, b, "key_staff_overlap", lambda p: p.key_staff)
        findings += _same_contact(a, b)
    for party in bidders:
        for affiliate in affiliates:
            findings += _developer_interest(party, affiliate, graph)
    return _merge(findings)


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per key: staff decide each key once, and the store keeps keys unique per tender."""
    merged: dict[str, Finding] = {}
    for finding in findings:
        same = merged.get(finding.key)
        if same is None:
            merged[finding.key] = finding
        elif finding.evidence not in same.evidence:
            merged[finding.key] = Finding(same.rule, same.company_ids, f"{same.evidence}；{finding.evidence}", same.key)
    return list(merged.values())


def _finding(rule: str, parties: Sequence[Party], evidence: str, detail: str = "") -> Finding:
    ids = tuple(sorted(p.company_id for p in parties))
    return Finding(rule, ids, evidence, f"{rule}:{'-'.join(map(str, ids))}:{detail}")


def _same_legal_rep(a: Party, b: Party) -> list[Finding]:
    if a.legal_rep_id and a.legal_rep_id == b.legal_rep_id:
        return [_finding("same_legal_rep", (a, b), f"{a.name} 与 {b.name} 的法定代表人均为 {a.legal_rep_name}"
                         f"（身份证号 {_mask(a.legal_rep_id)}）", a.legal_rep_id)]
    return []


def _officers(party: Party) -> tuple[Person, ...]:
    rep = (Person(party.legal_rep_id, party.legal_rep_name, "法定代表人"),) if party.legal_rep_id else ()
    return rep + party.officers


def _people_overlap(a: Party, b: Party, rule: str, people) -> list[Finding]:
    """One finding per person, listing every post held in each company (法定代表人 and 董事 is common).

    Who is the same person is decided by the one matcher the bid checks use too.
    """
    shared = same_key_people(_key_people(people(a)), _key_people(people(b)))
    by_number: dict[str, tuple[str, list[str], list[str]]] = {}
    for pair in shared:
        name, in_a, in_b = by_number.setdefault(canon(pair.person_a.id_number), (pair.person_a.name, [], []))
        _add_once(in_a, pair.person_a.role)
        _add_once(in_b, pair.person_b.role)
    out = []
    for id_number, (name, in_a, in_b) in by_number.items():
        if rule == "officer_overlap" and "法定代表人" in in_a and "法定代表人" in in_b:
            continue  # the same legal representative is its own rule
        out.append(_finding(rule, (a, b), f"{name}（身份证号 {_mask(id_number)}）在 {a.name} 任"
                            f"{'、'.join(in_a)}，在 {b.name} 任{'、'.join(in_b)}", id_number))
    return out


def _key_people(people: Iterable[Person]) -> list[KeyPerson]:
    return [KeyPerson(p.name, p.post, p.id_number) for p in people if p.id_number]


def _add_once(posts: list[str], post: str) -> None:
    if post not in posts:
        posts.append(post)


def _same_contact(a: Party, b: Party) -> list[Finding]:
    out = []
    for field, label in (("phone", "联系电话"), ("email", "电子邮箱"), ("address", "注册地址")):
        value_a, value_b = _plain(getattr(a, field)), _plain(getattr(b, field))
        if value_a and value_a == value_b:
            out.append(_finding("same_contact", (a, b), f"{a.name} 与 {b.name} 的{label}相同：{getattr(a, field)}",
                                field))
    return out


def _plain(value: str) -> str:
    return "".join(value.split()).lower().replace("-", "")


def _mask(id_number: str) -> str:
    return id_number[:6] + "********" + id_number[-4:] if len(id_number) == 18 else id_number


# Ownership: who controls whom, directly or through a chain of controlling stakes.

@dataclass(frozen=True)
class _Graph:
    names: dict[str, str]
    controlling: dict[str, list[Holding]]  # company key -> holders above the threshold
    holdings: dict[str, list[Holding]]  # company key -> every holder

    def controllers(self, key: str) -> dict[str, list[str]]:
        """Every key controlling `key`, with the chain of stakes that shows it."""
        found: dict[str, list[str]] = {}
        frontier = [(key, [])]
        while frontier:
            current, path = frontier.pop()
            for holding in self.controlling.get(current, ()):
                if holding.key in found or holding.key == key:
                    continue
                step = f"{holding.name} 持有 {self.names.get(current, current)} {holding.share.normalize():f}%"
                found[holding.key] = [step, *path]
                frontier.append((holding.key, [step, *path]))
        return found


def _ownership(parties: Iterable[Party], threshold: Decimal) -> _Graph:
    names, controlling, holdings = {}, {}, {}
    for party in parties:
        names[party.key] = party.name
        holdings[party.key] = list(party.shareholders)
        controlling[party.key] = [h for h in party.shareholders if h.share > threshold]
    return _Graph(names, controlling, holdings)


def _control(a: Party, b: Party, graph: _Graph) -> list[Finding]:
    above_a, above_b = graph.controllers(a.key), graph.controllers(b.key)
    if b.key in above_a or a.key in above_b:
        chain = above_a.get(b.key) or above_b[a.key]
        return [_finding("control", (a, b), "；".join(chain), "direct" if len(chain) == 1 else "chain")]
    out = []
    for common in sorted(set(above_a) & set(above_b)):
        evidence = "；".join([*above_a[common], *above_b[common]])
        out.append(_finding("common_control", (a, b), evidence, common))
    return out


def _developer_interest(party: Party, affiliate: Affiliate, graph: _Graph) -> list[Finding]:
    reasons = []
    if affiliate.credit_code and affiliate.credit_code == party.credit_code or affiliate.name == party.name:
        reasons.append(f"{party.name} 即招标人关联单位 {affiliate.name}")
    akey = affiliate.credit_code or f"name:{affiliate.name}"
    for holding in graph.holdings.get(party.key, ()):
        if holding.key == akey or holding.name == affiliate.name:
            reasons.append(f"招标人关联单位 {affiliate.name} 持有 {party.name} {holding.share.normalize():f}%")
    chain = graph.controllers(party.key).get(akey)
    if chain and len(chain) > 1:
        reasons.append("；".join(chain))
    if affiliate.legal_rep_id and affiliate.legal_rep_id == party.legal_rep_id:
        reasons.append(f"{party.name} 与招标人关联单位 {affiliate.name} 的法定代表人为同一人")
    if not reasons:
        return []
    return [_finding("developer_interest", (party,), "；".join(reasons), akey)]
