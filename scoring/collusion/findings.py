"""The inputs and findings of the tender's non-prose checks (see `scoring.collusion.tender_checks`).

Kept apart from the checks so each check module can build findings without importing the
orchestrator; `tender_checks` re-exports every name, which is the application's contract.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from scoring.collusion.identifiers import Identity
from scoring.collusion.key_people import KeyPerson
from scoring.collusion.validators import normalise


@dataclass(frozen=True)
class KnownTender:
    """A tender the system has run: a name or reference of it found in a bid for another tender is a left-over."""

    tender_id: int
    reference: str  # 招标编号
    project: str  # 项目名称
    tenderer: str  # 招标人 / 建设单位


@dataclass(frozen=True)
class BidPriceForm:
    """The opened 报价一览表: annual total, unit fee per property type, staffing rows (post, headcount, wage)."""

    annual_total: float
    fees: Mapping[str, float] = field(default_factory=dict)
    staffing: tuple[tuple[str, int, float], ...] = ()


@dataclass(frozen=True)
class BidInput:
    """One opened bid as the checks see it. Page texts are 1-based by position (pages[0] is page 1)."""

    bid_id: int
    identity: Identity  # the bidder's own name, credit code, phones, e-mails, staff names
    pages: tuple[str, ...]
    key_people: tuple[KeyPerson, ...] = ()  # 项目经理 and key staff as declared or found in the bid
    metadata: tuple[Mapping[str, str], ...] = ()  # one mapping per file (author, last_modified_by, company, ...)
    prices: BidPriceForm | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a finding shows: a bid, its page (None when not page-bound, e.g. metadata) and a short excerpt."""

    bid_id: int
    page: int | None
    excerpt: str


@dataclass(frozen=True)
class CheckFinding:
    """One finding with its legal basis; `kind` is a FindingKind value, `strength` in [0, 1] ranks findings."""

    kind: str  # identifier | key_person | metadata | price_pattern | leftover
    basis: str  # e.g. "《招标投标法实施条例》第四十条（五）"
    bid_ids: tuple[int, ...]  # the bids it concerns: one for a left-over, two for a pair, more for a price pattern
    summary: str  # one line in Chinese for the findings page
    strength: float
    figures: Mapping[str, object] = field(default_factory=dict)  # JSON-able
    evidence: tuple[Evidence, ...] = ()


MIXED = "《招标投标法实施条例》第四十条（五）"
SAME_PEOPLE = "《招标投标法实施条例》第四十条（三）"
SAME_AUTHOR = "《招标投标法实施条例》第四十条（一）"
PRICE_PATTERN = "《招标投标法实施条例》第四十条（四）"
NOT_RESPONSIVE = (
    "《招标投标法》第二十七条（投标文件应当对招标文件提出的实质性要求和条件作出响应）；"
    "是否属于未针对本项目编制的投标文件（一本标书），由评标委员会判断"
)


def company_groups(bids: Sequence[BidInput]) -> list[int]:
    """One group number per bid; two bids of one company (same credit code or same name) share it.

    Signals between a company's own files are normal, so every pair check skips same-group pairs.
    """
    parent = list(range(len(bids)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for i, bid in enumerate(bids):
        for key in _company_keys(bid.identity):
            if key in seen:
                parent[root(i)] = root(seen[key])
            else:
                seen[key] = i
    return [root(i) for i in range(len(bids))]


def _company_keys(identity: Identity) -> tuple[str, ...]:
    code = normalise(identity.credit_code)
    name = "".join(identity.company.split())
    return tuple(k for k in (f"code:{code}" if code else "", f"name:{name}" if name else "") if k)


def label(bid: BidInput) -> str:
    return f"「{bid.identity.company or f'投标{bid.bid_id}'}」"
