"""Another tender's project name, tenderer or reference left in a bid (一本标书打天下).

A bid copied from one written for another project often keeps that project's name, its
client or its 招标编号. The system knows every tender it has run, so each bid is searched
for all of them at once (`TermIndex`: one pass over the bid whatever the number of names).

What is searched, and why a short name does not fire on ordinary words:

* a project name only when its specific part has >= 4 Han characters once the generic
  words are taken out (物业服务、项目、采购、一期 …): 阳光花园物业服务项目 (specific part
  阳光花园) is searched, in full and as 阳光花园; a project called 花园 or 花园物业服务项目
  (specific part 花园) is never searched, as it would match every 花园. The shorter forms
  (generic words cut off the end, a part between separators as in 萧山·湖畔花苑, the name
  without a leading 杭州市/萧山区) are searched too when each keeps >= 4 specific characters;
* a tenderer by its full registered name (>= 6 characters) and without its legal form
  (…有限公司) when >= 4 Han characters remain;
* a reference (招标编号) of >= 6 characters with a digit, not inside a longer code.

This tender's own names (and any name contained in them) and the bidder's own company
name are never left-overs; where they overlap a known name the longer, earlier one wins.
A bid naming another project may also be listing it as past work (业绩), so a finding
is a question for the committee, which the basis says.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from scoring.collusion.bid_text import BidText, TermIndex, canon, is_han, page_list
from scoring.collusion.findings import NOT_RESPONSIVE, BidInput, CheckFinding, Evidence, KnownTender, label

MIN_SPECIFIC = 4
GENERIC_PROJECT = ("前期物业管理服务", "物业管理服务", "物业服务", "物业管理", "前期物业", "服务项目", "采购项目",
                   "招标项目", "竞争性磋商", "竞争性谈判", "公开招标", "邀请招标", "询价", "项目", "采购", "招标",
                   "服务", "年度", "标段", "一期", "二期", "三期", "四期", "物业", "小区", "外包")
GENERIC_CHARS = set("年第期号批次包标")
LEGAL_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团公司|分公司|公司)$")
FIELD_LABEL = {"reference": "招标编号", "tenderer": "招标人名称", "project": "项目名称"}
FIELD_STRENGTH = {"reference": 0.85, "tenderer": 0.7, "project": 0.7}


_GENERIC = "|".join(sorted(GENERIC_PROJECT, key=len, reverse=True))
_GENERIC_WORD = re.compile(_GENERIC)
_GENERIC_TAIL = re.compile(f"(?:{_GENERIC})+$")  # 阳光花园二期物业服务项目 -> 阳光花园
_NOT_SPECIFIC = re.compile("[^\u4e00-\u9fff\u3400-\u4dbf]|[" + "".join(sorted(GENERIC_CHARS)) + "]")


def specific_part(project: str) -> str:
    """The Han characters of a project name that are not generic words: what makes the name specific."""
    return _NOT_SPECIFIC.sub("", _GENERIC_WORD.sub(" ", canon(project)))


_SEPARATOR = re.compile(r"[·•・\-—_/|()（）\[\]【】]+")
_PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}?[省市区县])+")  # 杭州市, 萧山区


def _project_terms(project: str) -> list[str]:
    """The full name and the shorter forms a bid writes: 萧山·湖畔花苑前期物业管理服务 -> 湖畔花苑."""
    full = canon(project)
    if len(specific_part(full)) < MIN_SPECIFIC:
        return []
    head = _GENERIC_TAIL.sub("", full)
    forms = [head, *_SEPARATOR.split(head), _PLACE_PREFIX.sub("", head)]
    aliases = [f for f in dict.fromkeys(forms) if f != full and len(specific_part(f)) >= MIN_SPECIFIC]
    return [full, *aliases]


def _tenderer_terms(tenderer: str) -> list[str]:
    full = canon(tenderer)
    if len(full) < 6:
        return []
    head = LEGAL_FORM.sub("", full)
    return [full] + ([head] if head != full and sum(map(is_han, head)) >= MIN_SPECIFIC else [])


def _reference_terms(reference: str) -> list[str]:
    ref = canon(reference)
    return [ref] if len(ref) >= 6 and any(c.isdigit() for c in ref) else []


TERMS = {"project": _project_terms, "tenderer": _tenderer_terms, "reference": _reference_terms}


def known_names(tender: KnownTender, history: Sequence[KnownTender]) -> tuple[dict[str, list], set[str]]:
    """Canonical name -> [(field, shown value, tender id)] for other tenders; and this tender's own names."""
    own = {canon(n) for n in (tender.project, tender.tenderer, tender.reference) if canon(n)}
    own_terms = {t for f, fn in TERMS.items() for t in fn(getattr(tender, f))} | own
    own_blob = "\x00".join(own_terms)  # one `in` test for "contained in one of this tender's names"
    names: dict[str, list] = defaultdict(list)
    for other in sorted(history, key=lambda t: t.tender_id):
        if other.tender_id == tender.tender_id:
            continue
        for field, terms_of in TERMS.items():
            for term in terms_of(getattr(other, field)):
                if term not in own_blob:
                    names[term].append((field, getattr(other, field).strip(), other.tender_id))
    return names, own_terms


def leftover_findings(bids: Sequence[BidInput], texts: Sequence[BidText], tender: KnownTender,
                      history: Sequence[KnownTender]) -> list[CheckFinding]:
    names, own = known_names(tender, history)
    if not names:
        return []
    companies = {canon(b.identity.company) for b in bids} - {""}  # a bidder's own name is never a left-over
    index = TermIndex([*names, *own, *companies])
    found = []
    for bid, text in zip(bids, texts, strict=True):
        hits: dict[tuple[str, str], list] = defaultdict(list)
        for m in index.search(text):
            if m.term in own or m.term in companies or m.term not in names:
                continue
            if names[m.term][0][0] == "reference" and not _alone(text, m.start, m.end):
                continue
            place = (text.page_of(m.start), text.excerpt(m.start, m.end), text.raw[m.start : m.end])
            for field, entries in _by_field(names[m.term]).items():
                values = {value for value, _ in entries}
                # one name of several known tenders (阳光花园 of 阳光花园一期… and 阳光花园二期…): shown as found
                shown = values.pop() if len(values) == 1 else text.raw[m.start : m.end]
                hits[(field, shown)] += [(tender_id, *place) for _, tender_id in entries]
        fields_by_tender = defaultdict(set)
        for (field, _), items in hits.items():
            for tender_id, *_ in items:
                fields_by_tender[tender_id].add(field)
        found += [_finding(bid, field, value, items, fields_by_tender)
                  for (field, value), items in sorted(hits.items())]
    return found


def _by_field(entries: list) -> dict[str, list[tuple[str, int]]]:
    grouped: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for field, value, tender_id in entries:
        grouped[field].append((value, tender_id))
    return grouped


def _alone(text: BidText, start: int, end: int) -> bool:
    """A reference is not part of a longer code (ZB-2025-001 inside ZB-2025-0012)."""
    before = text.flat[start - 1] if start > 0 else " "
    after = text.flat[end] if end < len(text.flat) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def _finding(bid: BidInput, field: str, value: str, items: list, fields_by_tender: dict) -> CheckFinding:
    tender_ids = sorted({t for t, *_ in items})
    pages = sorted({p for _, p, _, _ in items})
    evidence, seen = [], set()
    for _, page, excerpt, _ in sorted(items, key=lambda i: i[1]):
        if page not in seen and len(evidence) < 10:
            seen.add(page)
            evidence.append(Evidence(bid.bid_id, page, excerpt))
    companions = max(len(fields_by_tender[t]) for t in tender_ids) - 1  # other names of the same tender also left
    strength = FIELD_STRENGTH[field] + 0.08 * companions + 0.02 * min(len(pages) - 1, 5)
    return CheckFinding(
        kind="leftover",
        basis=NOT_RESPONSIVE,
        bid_ids=(bid.bid_id,),
        summary=f"投标人{label(bid)}的投标文件中出现其他项目的{FIELD_LABEL[field]}“{value}”"
                f"（{page_list(pages)}），可能未针对本项目编制，请评标委员会判断",
        strength=round(min(strength, 1.0), 3),
        figures={"field": field, "value": value, "tender_ids": tender_ids, "pages": pages,
                 "found": sorted({f for *_, f in items}), "occurrences": len({(p, e) for _, p, e, _ in items})},
        evidence=tuple(evidence),
    )
