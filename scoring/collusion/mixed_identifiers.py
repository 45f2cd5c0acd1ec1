"""Another bidder's identifiers inside a bid (第四十条（五）投标文件相互混装).

Every bidder's company name and staff names are searched in every other bid at once
(leftmost-longest, so a rival's name inside the bid's own longer name is the bid's own);
phones, e-mails and credit codes are matched on the original pages, where the spaces and
hyphens people type inside numbers still separate one number from the next. A value the
bid's own company also declares is its own, and generic words never count.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from scoring.collusion.bid_text import BidText, Match, TermIndex, canon, excerpt_of, is_han, page_list
from scoring.collusion.findings import MIXED, BidInput, CheckFinding, Evidence, label
from scoring.collusion.identifiers import CREDIT_CODE, EMAIL
from scoring.collusion.validators import is_valid_credit_code, normalise

GENERIC_COMPANY = frozenset(
    {"物业服务有限公司", "物业管理有限公司", "有限公司", "有限责任公司", "股份有限公司", "物业公司", "本公司",
     "我公司", "投标人", "某某物业服务有限公司", "物业服务企业"}
)
ROLE_WORDS = ("经理", "主管", "主任", "队长", "班长", "领班", "保安", "保洁", "秩序", "绿化", "客服", "工程", "维修",
              "电工", "物业", "公司", "项目", "员工", "人员", "管理", "服务", "负责", "部门", "先生", "女士", "本人")
# What may stand right before or after a person's name in a staff line (项目经理王建国，队长李强负责…).
LEFT_SLOT = ("姓名", "经理", "人", "主管", "主任", "队长", "班长", "领班", "员", "师", "长", "由", "派", "为", "与",
             "和", "及", "即", "是")
RIGHT_SLOT = ("先生", "女士", "同志", "身份证", "证书", "负责", "担任", "任", "为", "的", "同", "等", "具有", "持有",
              "联系", "电话", "手机", "现任", "主管", "经理", "工作", "年", "于", "在", "是", "和", "与", "及", "作为",
              "从事", "已", "曾")
# A two-character name (a surname and one given character: a few thousand common ones) turns up by
# chance in any long bid ("…。林芳担任保洁领班的主管人"); it counts only as a staff-line entry: a role
# or form label right before it, or an ID / certificate / phone field right after it.
ROLE_BEFORE = re.compile(r"(?:项目经理|项目负责人|负责人|联系人|经理|姓名|队长|主管|主任|班长|领班|工程师|"
                         r"法定代表人|授权代表|委托代理人|代理人)[:：]?$")
ID_AFTER = re.compile(r"^[,，:：(（]?(?:身份证|证件|证书|执业|注册|资格证|职称|电话|手机|联系电话|联系方式)")
BASE = {"credit_code": 0.95, "company": 0.9, "phone": 0.85, "email": 0.85, "staff": 0.5}
LABEL = {"company": "公司名称", "credit_code": "统一社会信用代码", "phone": "联系电话", "email": "电子邮箱",
         "staff": "人员姓名"}
_CODE = re.compile(CREDIT_CODE.pattern.removeprefix("(?<![0-9A-Z])"), re.I)  # look-behind checked in find
_SEP = r"[\s\-－—]?"


def is_real_name(name: str) -> bool:
    """A person's name worth searching: 2-4 Han characters and no role or generic word in it."""
    name = "".join(name.split())
    return 2 <= len(name) <= 4 and all(map(is_han, name)) and not any(w in name for w in ROLE_WORDS)


def is_specific_company(name: str) -> bool:
    name = canon(name)
    return len(name) >= 4 and name not in GENERIC_COMPANY


def in_name_slot(text: BidText, m: Match) -> bool:
    """A name counts only where a name can stand: a boundary or a staff-line word on each side.

    This keeps 王芳 from firing inside 王芳华 and 张伟 inside 扩张伟大.
    """
    lo, hi = text.page_bounds(m.start)
    left = text.boundary_before(m.start) or text.flat[max(lo, m.start - 2) : m.start].endswith(LEFT_SLOT)
    right = text.boundary_after(m.end) or text.flat[m.end : min(hi, m.end + 3)].startswith(RIGHT_SLOT)
    return left and right


def in_staff_entry(text: BidText, m: Match) -> bool:
    """For a two-character name: a role or form label right before it, or an ID field right after it."""
    lo, hi = text.page_bounds(m.start)
    return bool(ROLE_BEFORE.search(text.flat[max(lo, m.start - 6) : m.start])
                or ID_AFTER.match(text.flat[m.end : min(hi, m.end + 8)]))


def counts_as_name(text: BidText, m: Match) -> bool:
    """Where a rival's staff name counts: in a name slot, and for a two-character name in a staff entry."""
    return in_name_slot(text, m) and (len(m.term) > 2 or in_staff_entry(text, m))


class _Numbers:
    """Every bidder's phones, e-mails and credit codes, found in one pass over a page."""

    def __init__(self, bids: Sequence[BidInput]):
        self.owners: dict[tuple[str, str], set[int]] = defaultdict(set)
        phones = set()
        for i, bid in enumerate(bids):
            for phone in bid.identity.phones:
                digits = re.sub(r"\D", "", phone)
                if len(digits) >= 7:
                    self.owners[("phone", digits)].add(i)
                    phones.add(digits)
            for email in bid.identity.emails:
                if "@" in email:
                    self.owners[("email", email.strip().lower())].add(i)
            if code := normalise(bid.identity.credit_code):
                self.owners[("credit_code", code)].add(i)
        alternatives = sorted(phones, key=lambda d: (-len(d), d))
        # No look-behind in front: it would stop the regex engine from skipping to the first digit.
        self.phone = re.compile("(?:" + "|".join(_SEP.join(d) for d in alternatives) + r")(?!\d)") \
            if alternatives else None

    def find(self, page: str):
        if self.phone:
            for m in self.phone.finditer(page):
                if m.start() == 0 or not page[m.start() - 1].isdigit():  # not the tail of a longer number
                    yield "phone", re.sub(r"\D", "", m.group()), m.start(), m.end()
        if "@" in page:
            for m in EMAIL.finditer(page):
                yield "email", m.group().lower(), m.start(), m.end()
        for m in _CODE.finditer(page):
            if m.start() == 0 or not page[m.start() - 1].isalnum() or not page[m.start() - 1].isascii():
                yield "credit_code", normalise(m.group()), m.start(), m.end()


def identifier_findings(bids: Sequence[BidInput], texts: Sequence[BidText],
                        groups: Sequence[int]) -> list[CheckFinding]:
    names: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, bid in enumerate(bids):
        if is_specific_company(bid.identity.company):
            names[canon(bid.identity.company)].append((i, "company"))
        staff = set(bid.identity.staff) | {p.name for p in bid.key_people}
        for person in sorted(staff):
            if is_real_name(person):
                names[canon(person)].append((i, "staff"))
    index, numbers = TermIndex(names), _Numbers(bids)
    found = []
    for a, bid in enumerate(bids):
        hits: dict[int, list[tuple[str, str, int, str]]] = defaultdict(list)
        for m in index.search(texts[a]):
            owners = names[m.term]
            if any(groups[o] == groups[a] for o, _ in owners):
                continue  # the bid's own name, or a namesake on its own staff
            for o, kind in owners:
                if kind == "company" or counts_as_name(texts[a], m):
                    value = texts[a].raw[m.start : m.end]
                    hits[o].append((kind, value, texts[a].page_of(m.start), texts[a].excerpt(m.start, m.end)))
        for page_no, page in enumerate(bid.pages, 1):
            for kind, value, start, end in numbers.find(page):
                owners = numbers.owners.get((kind, value), set())
                if not any(groups[o] == groups[a] for o in owners):
                    for o in owners:
                        hits[o].append((kind, page[start:end], page_no, excerpt_of(page, start, end)))
        found += [_finding(bid, bids[o], items) for o, items in sorted(hits.items())]
    return found


def _finding(bid: BidInput, owner: BidInput, items: list[tuple[str, str, int, str]]) -> CheckFinding:
    kinds = sorted({k for k, *_ in items}, key=list(BASE).index)
    pages = sorted({p for _, _, p, _ in items})
    evidence, seen = [], set()
    for kind, _value, page, excerpt in sorted(items, key=lambda t: (t[2], list(BASE).index(t[0]))):
        if (kind, page) not in seen and len(evidence) < 12:
            seen.add((kind, page))
            evidence.append(Evidence(bid.bid_id, page, excerpt))
    values = {k: sorted({v for kk, v, _, _ in items if kk == k}) for k in kinds}
    strength = max(BASE[k] for k in kinds) + 0.03 * (len(kinds) - 1) + 0.01 * min(len(pages) - 1, 5)
    if kinds == ["credit_code"] and not all(is_valid_credit_code(v) for v in values["credit_code"]):
        strength -= 0.1  # a code failing its check character may be a typo that happens to match
    summary = (f"投标人{label(bid)}的投标文件中出现投标人{label(owner)}的"
               f"{'、'.join(LABEL[k] for k in kinds)}（{page_list(pages)}）")
    return CheckFinding(
        kind="identifier",
        basis=MIXED,
        bid_ids=(bid.bid_id, owner.bid_id),
        summary=summary,
        strength=round(min(strength, 1.0), 3),
        figures={"kinds": kinds, "values": values, "pages": pages, "occurrences": len(items)},
        evidence=tuple(evidence),
    )
