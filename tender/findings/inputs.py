"""What the checks read, gathered from the database: each opened bid's text, identity, metadata and prices.

A bid's files (商务标, 技术标, 报价文件) are joined in that order into one text whose page
starts are kept, so a passage found anywhere in the bid has a page number; `parts` says which
file a page belongs to, so the page can be named as the bidder numbered it (技术标第 3 页).
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from scoring.collusion.identifiers import Identity
from scoring.collusion.key_people import KeyPerson, people_in_text
from scoring.collusion.tender_checks import BidInput, BidPriceForm, KnownTender
from tender.bids.models import Bid, BidPart
from tender.bidtext.models import BidDocument, BidPage, ExtractionState
from tender.extensions import db
from tender.notices.models import Tender


@dataclass(frozen=True)
class BidText:
    """One bid as the prose checks see it; `parts` is (part label, first page, page count) per file."""

    bid: Bid
    pages: tuple[str, ...]
    parts: tuple[tuple[str, int, int], ...]
    metadata: tuple[dict, ...]

    @property
    def text(self) -> str:
        return "".join(self.pages)

    @property
    def page_starts(self) -> list[int]:
        starts, at = [], 0
        for page in self.pages:
            starts.append(at)
            at += len(page)
        return starts


def bid_texts(tender: Tender) -> tuple[list[BidText], list[str]]:
    """Every submitted bid with at least one extracted file; the notes say which bids or files are left out."""
    from tender.bids.operations import submitted_bids

    texts, notes = [], []
    for bid in submitted_bids(tender):
        documents = {d.bid_file.part: d for d in db.session.scalars(
            sa.select(BidDocument).where(BidDocument.bid_id == bid.id))}
        pages, parts, meta = [], [], []
        for part in BidPart:
            document = documents.get(part)
            if document is None or document.state is not ExtractionState.READY:
                notes.append(f"{bid.company.name} 的{part.label}未能提取文本，未参与检查。")
                continue
            rows = db.session.scalars(sa.select(BidPage.text).where(BidPage.document_id == document.id)
                                      .order_by(BidPage.number)).all()
            parts.append((part.label, len(pages) + 1, len(rows)))
            pages += [text + "\n" for text in rows]
            meta.append(dict(document.meta or {}))
        if pages:
            texts.append(BidText(bid, tuple(pages), tuple(parts), tuple(meta)))
    return texts, notes


def page_label(parts, page: int | None) -> str:
    """Page `page` of the joined bid as the bidder numbered it: "技术标第 3 页"."""
    if page is None:
        return ""
    for label, first, count in parts:
        if first <= page < first + count:
            return f"{label}第 {page - first + 1} 页"
    return f"第 {page} 页"


def identity(bid: Bid) -> Identity:
    company = bid.company
    staff = tuple(dict.fromkeys(p.name for p in (*company.key_staff, *company.officers) if p.name))
    return Identity(company=company.name, credit_code=company.credit_code or "",
                    phones=tuple(p for p in (company.contact_phone,) if p),
                    emails=tuple(e for e in (company.contact_email,) if e), staff=staff)


def key_people(bid_text: BidText) -> tuple[KeyPerson, ...]:
    """The people the bid names (第四十条（三） is about 投标文件载明的 members): lines such as
    "项目经理：…，身份证号：…", and the company's registered key staff whose name the bid contains
    (with the ID and certificate numbers the registry holds for them)."""
    text = bid_text.text
    registry = [KeyPerson(k.name, k.role, k.id_number, k.certificates) for k in bid_text.bid.company.key_staff
                if len(k.name) >= 2 and k.name in text]
    return tuple(dict.fromkeys([*registry, *people_in_text(text)]))


def price_form(bid: Bid, private_key: bytes) -> BidPriceForm | None:
    from tender.bids.operations import open_price_form

    form = open_price_form(bid, private_key)
    if not form:
        return None
    return BidPriceForm(annual_total=float(form["annual_total"]),
                        fees={row["type"]: float(row["fee"]) for row in form.get("fees", [])},
                        staffing=tuple((row["post"], int(row["headcount"]), float(row["wage"]))
                                       for row in form.get("staffing", [])))


def bid_input(bid_text: BidText, private_key: bytes) -> BidInput:
    return BidInput(bid_id=bid_text.bid.id, identity=identity(bid_text.bid), pages=bid_text.pages,
                    key_people=key_people(bid_text), metadata=bid_text.metadata,
                    prices=price_form(bid_text.bid, private_key))


def known(tender: Tender) -> KnownTender:
    return KnownTender(tender_id=tender.id, reference=tender.reference, project=tender.title,
                       tenderer=tender.tenderer)


def other_tenders(tender: Tender) -> list[KnownTender]:
    """Every other tender the system has run: its project, tenderer and reference left in a bid are left-overs.

    Names this tender shares (one developer, two phases of one estate) are the checks' to set aside.
    """
    return [known(t) for t in db.session.scalars(sa.select(Tender).where(Tender.id != tender.id)
                                                 .order_by(Tender.id))]


def related_decisions(tender: Tender) -> list[tuple[int, int, str, str]]:
    """The registry's related-bidder findings for this tender that staff decided are related (第三十四条)."""
    from tender.bidders.models import RelatedDecision, RelatedFinding

    rows = db.session.scalars(sa.select(RelatedFinding).where(
        RelatedFinding.tender_id == tender.id, RelatedFinding.decision == RelatedDecision.RELATED.value,
        RelatedFinding.present.is_(True), RelatedFinding.company_b_id.is_not(None)))
    return [(r.company_a_id, r.company_b_id, r.label, r.evidence) for r in rows]
