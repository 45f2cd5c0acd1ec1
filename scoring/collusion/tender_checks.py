"""All non-prose checks of one tender's opened bids, behind one call (第四十条 signals and 一本标书 left-overs).

The application gathers what it knows (each bid's page texts, file metadata, opened price form,
the bidder's identity and key staff, and every other tender the system has run) into these frozen
inputs and stores the findings it gets back. Copied prose between bids is the similarity engine's
job (`scoring.similarity`); this module covers the signals that are not copied prose. A finding is
a flag for the evaluation committee with its legal basis and evidence, never a verdict.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.collusion.bid_text import BidText
from scoring.collusion.findings import (
    BidInput,
    BidPriceForm,
    CheckFinding,
    Evidence,
    KnownTender,
    company_groups,
)
from scoring.collusion.leftovers import leftover_findings
from scoring.collusion.mixed_identifiers import identifier_findings
from scoring.collusion.shared_people import key_person_findings
from scoring.collusion.tender_signals import metadata_findings, price_pattern_findings

__all__ = ["BidInput", "BidPriceForm", "CheckFinding", "Evidence", "KnownTender", "check_tender", "KINDS"]

KINDS = ("identifier", "key_person", "metadata", "price_pattern", "leftover")


def check_tender(bids: Sequence[BidInput], tender: KnownTender, history: Sequence[KnownTender] = (),
                 fixed_unit_prices: Mapping[str, float] | None = None,
                 tender_metadata_values: Sequence[str] = ()) -> tuple[CheckFinding, ...]:
    """Every non-prose check of one tender, strongest first; pure and deterministic.

    ``history`` is every tender the system knows (this one is skipped by id); ``fixed_unit_prices``
    are the prices the tender itself sets (not a sign of agreement when equal); metadata values in
    ``tender_metadata_values`` (the tender documents' own author, company, …) are ignored.
    """
    bids = sorted(bids, key=lambda b: b.bid_id)
    texts = [BidText(b.pages) for b in bids]
    groups = company_groups(bids)
    ignore = frozenset(v for v in (*tender_metadata_values, tender.tenderer) if v)
    found = [
        *identifier_findings(bids, texts, groups),
        *key_person_findings(bids, texts, groups),
        *metadata_findings(bids, groups, ignore),
        *price_pattern_findings(bids, groups, fixed_unit_prices),
        *leftover_findings(bids, texts, tender, history),
    ]
    return tuple(sorted(found, key=_rank))


def _rank(finding: CheckFinding) -> tuple:
    return (-finding.strength, KINDS.index(finding.kind), finding.bid_ids, finding.summary)
