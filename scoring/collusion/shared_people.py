"""The same 项目经理 or key staff in the bids of two companies (第四十条（三）项目管理成员为同一人).

People come from the bid's declared key staff and from the staff lines of its pages
(`people_in_text`, read page by page so each person keeps the page it is on). A match on
the ID number or certificate number is strong, whatever the names say (a borrowed
certificate shows as one number under two names); the same name in the same role without
numbers is reported weaker, because common names collide.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from scoring.collusion.bid_text import BidText, canon
from scoring.collusion.findings import SAME_PEOPLE, BidInput, CheckFinding, Evidence, label
from scoring.collusion.key_people import KeyPerson, people_in_text, same_key_people
from scoring.collusion.key_people import canon as number
from scoring.collusion.validators import is_valid_id_number

_LONG_NUMBER = re.compile(r"\d{17}[\dXx]")
ROLE_SYNONYMS = {"项目负责人": "项目经理", "物业经理": "项目经理", "管理处主任": "项目经理"}


@dataclass(frozen=True)
class Placed:
    person: KeyPerson
    page: int | None
    excerpt: str


def people_of(bid: BidInput, text: BidText) -> list[Placed]:
    """Declared people (placed on the first page naming their number or name) and people read from pages."""
    placed = [_place(p, text) for p in bid.key_people]
    for page_no, page in enumerate(bid.pages, 1):
        if "证" not in page and not _LONG_NUMBER.search(page):  # a staff line needs 身份证/证书 or an ID number
            continue
        for person in people_in_text(page):
            line = next((ln for ln in page.splitlines() if person.name in ln), person.name)
            placed.append(Placed(person, page_no, " ".join(line.split())[:80]))
    return placed


def _place(person: KeyPerson, text: BidText) -> Placed:
    for value in (person.id_number, person.certificate, person.name):
        if value and (at := text.flat.find(canon(value))) >= 0:
            return Placed(person, text.page_of(at), text.excerpt(at, at + len(canon(value))))
    return Placed(person, None, f"{person.role or '人员'}：{person.name}")


def _role(person: KeyPerson) -> str:
    role = "".join(person.role.split())
    return ROLE_SYNONYMS.get(role, role)


def _conflict(pa: KeyPerson, pb: KeyPerson) -> bool:
    """Both give an ID number (or both a certificate) and they differ: two people of one name."""
    return any(getattr(pa, f) and getattr(pb, f) and number(getattr(pa, f)) != number(getattr(pb, f))
               for f in ("id_number", "certificate"))


def _match(pa: KeyPerson, pb: KeyPerson) -> tuple[str, ...]:
    if shared := same_key_people([pa], [pb]):
        return shared[0].matched_on
    same_name = pa.name.strip() and pa.name.strip() == pb.name.strip()
    same_role = _role(pa) and _role(pa) == _role(pb)
    return ("name_role",) if same_name and same_role and not _conflict(pa, pb) else ()


def _keys(person: KeyPerson) -> set[tuple[str, ...]]:
    keys = {(f, number(v)) for f, v in
            (("id_number", person.id_number), ("certificate", person.certificate)) if number(v)}
    if person.name.strip() and _role(person):
        keys.add(("name_role", person.name.strip(), _role(person)))
    return keys


def key_person_findings(bids: Sequence[BidInput], texts: Sequence[BidText],
                        groups: Sequence[int]) -> list[CheckFinding]:
    keyed = []
    for bid, text in zip(bids, texts, strict=True):
        index: dict[tuple[str, ...], list[Placed]] = defaultdict(list)
        for placed in people_of(bid, text):
            for key in _keys(placed.person):
                index[key].append(placed)
        keyed.append(index)
    found = []
    for a, b in combinations(range(len(bids)), 2):
        if groups[a] == groups[b]:
            continue
        matches = {}
        for key in sorted(keyed[a].keys() & keyed[b].keys()):
            for pa in keyed[a][key]:
                for pb in keyed[b][key]:
                    if on := _match(pa.person, pb.person):
                        matches.setdefault((pa.person.name, pb.person.name, on), (pa, pb, on))
        if matches:
            found.append(_finding(bids[a], bids[b], list(matches.values())))
    return found


def _finding(bid_a: BidInput, bid_b: BidInput, matches: list[tuple[Placed, Placed, tuple[str, ...]]]) -> CheckFinding:
    def strength(pa: Placed, on: tuple[str, ...]) -> float:
        if on == ("name_role",):
            return 0.5
        valid = bool(pa.person.id_number) and is_valid_id_number(pa.person.id_number)
        return 0.9 + 0.03 * (len(on) - 1) + (0.02 if valid else 0.0)

    matches.sort(key=lambda m: (-strength(m[0], m[2]), m[0].person.name, m[1].person.name))
    best = strength(matches[0][0], matches[0][2])
    names = []
    for pa, pb, _ in matches:
        shown = pa.person.name if pa.person.name == pb.person.name else f"{pa.person.name}/{pb.person.name}"
        if shown not in names:
            names.append(shown)
    evidence = []
    for pa, pb, _ in matches[:4]:
        evidence += [Evidence(bid_a.bid_id, pa.page, pa.excerpt), Evidence(bid_b.bid_id, pb.page, pb.excerpt)]
    people = [
        {"name_a": pa.person.name, "name_b": pb.person.name, "role": pa.person.role or pb.person.role,
         "matched_on": list(on), "page_a": pa.page, "page_b": pb.page}
        for pa, pb, on in matches
    ]
    basis_words = "身份证号或证书编号相同" if best > 0.5 else "姓名及岗位相同（未核对证件）"
    return CheckFinding(
        kind="key_person",
        basis=SAME_PEOPLE,
        bid_ids=(bid_a.bid_id, bid_b.bid_id),
        summary=f"投标人{label(bid_a)}与{label(bid_b)}的项目管理人员为同一人：{'、'.join(names)}（{basis_words}）",
        strength=round(min(best + 0.02 * (len(names) - 1), 1.0), 3),
        figures={"people": people},
        evidence=tuple(dict.fromkeys(evidence)),
    )
