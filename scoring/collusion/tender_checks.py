"""All non-prose checks of one tender's opened bids, behind one call (第四十条 signals and 一本标书 left-overs).

The application gathers what it knows (each bid's page texts, file metadata, opened price form,
the bidder's identity and key staff, and every other tender the system has run) into these frozen
inputs and stores the findings it gets back. Copied prose between bids is the similarity engine's
job (`scoring.similarity`); this module covers the signals that are not copied prose.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from scoring.collusion.identifiers import Identity
from scoring.collusion.key_people import KeyPerson


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


def check_tender(bids: Sequence[BidInput], tender: KnownTender, history: Sequence[KnownTender] = (),
                 fixed_unit_prices: Mapping[str, float] | None = None) -> tuple[CheckFinding, ...]:
    """Every non-prose check of one tender, strongest first; pure and deterministic."""
    raise NotImplementedError("filled in by the checks work of issue 11")
