"""Every route that takes an uploaded file, set up with the user who may post to it.

Each route knows how to post one file, which table an accepted file lands in, and
whether accepting it starts a job (extraction, comparison). New upload routes belong
here: test_upload_routes_are_all_covered fails until they are added.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import url_for

from tender.auth.roles import Role
from tender.bidders.models import CompanyFile
from tender.extensions import db
from tender.notices import operations as notice_ops
from tender.notices.lifecycle import TenderStatus
from tender.notices.models import TenderDocument
from tender.qualification import operations as qualification_ops
from tender.similarity import operations as similarity_ops
from tender.similarity.models import DocumentKind, SimilarityDocument
from tender.unit_of_work import perform
from tests import factories
from tests.robustness.hostile_files import good_docx


@dataclass
class UploadRoute:
    name: str
    endpoint: str  # the view the test posts to, for the coverage check
    model: type  # where an accepted file's row is
    starts_jobs: bool
    user: object = None
    url: Callable[[], str] = None
    fields: Callable[[], dict] = None
    file_field: str = "file"
    after_accept: Callable[[object], None] = field(default=lambda row: None)

    def post(self, client, name: str, data: bytes):
        form = {**self.fields(), self.file_field: (io.BytesIO(data), browser_name(name))}
        with client.application.test_request_context():
            url = self.url()
        return client.post(url, data=form, content_type="multipart/form-data", follow_redirects=True)


def browser_name(name: str) -> str:
    """The file name as a browser sends it: the HTML standard percent-encodes '"', CR and LF in multipart names.

    Werkzeug's test client writes names raw, and a raw quote or line break would turn the
    file part into a text field. A NUL stays raw: only a crafted client sends one.
    """
    return name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def company_file(staff) -> UploadRoute:
    bidder = factories.make_user(Role.BIDDER)
    return UploadRoute("company_file", "bidders.upload", CompanyFile, False, bidder,
                       lambda: url_for("bidders.upload"), lambda: {"kind": "other", "title": "其他材料"})


def qualification(staff) -> UploadRoute:
    tender = factories.make_tender(staff, status=TenderStatus.PUBLISHED)
    bidder = factories.make_user(Role.BIDDER)
    perform(notice_ops.register_company, tender, bidder)
    item = perform(qualification_ops.add_item, tender, staff, title="营业执照", kind="document", min_value=None,
                   evidence="副本")
    tender_id, item_id = tender.id, item.id
    return UploadRoute("qualification", "qualification.answer", CompanyFile, False, bidder,
                       lambda: url_for("qualification.answer", tender_id=tender_id, item_id=item_id),
                       lambda: {"value": "有"})


def tender_document(staff) -> UploadRoute:
    tender_id = factories.make_tender(staff).id
    return UploadRoute("tender_document", "notices.add_document", TenderDocument, True, staff,
                       lambda: url_for("notices.add_document", tender_id=tender_id), lambda: {"title": "招标文件"})


def amend_document(staff) -> UploadRoute:
    """Each accepted amendment becomes the version the next file amends."""
    tender = factories.make_tender(staff, status=TenderStatus.PUBLISHED)
    latest = {"id": factories.add_document(tender, staff).id}
    tender_id = tender.id

    def moved_on(row):
        latest["id"] = row.id

    return UploadRoute("amend_document", "notices.amend", TenderDocument, True, staff,
                       lambda: url_for("notices.amend", tender_id=tender_id, document_id=latest["id"]),
                       lambda: {"note": "更正第三章服务标准"}, after_accept=moved_on)


def library(staff) -> UploadRoute:
    return UploadRoute("library", "similarity.library", SimilarityDocument, True, staff,
                       lambda: url_for("similarity.library"), lambda: {"title": "物业管理条例"})


def compare(staff) -> UploadRoute:
    """The hostile file is side A; side B is an ordinary document already in the store."""
    other = perform(similarity_ops.add_document, staff, title="对照投标文件", filename="对照.docx",
                    data=good_docx(), kind=DocumentKind.UPLOAD)
    other_id = other.id
    return UploadRoute("compare", "similarity.compare", SimilarityDocument, True, staff,
                       lambda: url_for("similarity.compare"),
                       lambda: {"doc_a": "0", "doc_b": str(other_id), "tender": "0", "use_library": "y"},
                       file_field="file_a")


def low_price_evidence(staff) -> UploadRoute:
    """The bidder asked about its low price uploads evidence; each accepted file is removed again, as the
    bidder may before answering, so the five-file limit never turns a good file away."""
    from tender.auth.models import User
    from tender.lowprice import operations as lowprice_ops
    from tender.lowprice.models import LowPriceEvidence
    from tests.lowprice.helpers import in_a_day, opened_with_low_bid

    low = opened_with_low_bid()
    check = perform(lowprice_ops.run_low_price_check, low.tender, low.staff)
    req = perform(lowprice_ops.open_clarification, check, low.staff, low.bids["C"].id, "请说明人工成本。", in_a_day())
    request_id, bidder_id = req.id, low.bidders["C"].id

    def removed(row):
        perform(lowprice_ops.remove_evidence, row, db.session.get(User, bidder_id))

    return UploadRoute("low_price_evidence", "lowprice.upload", LowPriceEvidence, False, low.bidders["C"],
                       lambda: url_for("lowprice.upload", request_id=request_id), lambda: {}, after_accept=removed)


def objection(staff) -> UploadRoute:
    """A bidder objects to the publicised candidates with its evidence file (one objection per file)."""
    from tender.auth.models import User
    from tender.result import operations as result_ops
    from tender.result.models import Objection
    from tests.result.helpers import finished, scored

    panel = scored()
    finished(panel)
    perform(result_ops.publicise_candidates, panel.tender, panel.staff, 3)
    entry = panel.bidders[1]
    bidder = db.session.scalar(sa.select(User).where(User.company_id == entry.company_id))
    tender_id = panel.tender.id
    return UploadRoute("objection", "result.object_", Objection, False, bidder,
                       lambda: url_for("result.object_", tender_id=tender_id),
                       lambda: {"text": "第一中标候选人的项目经理业绩不实。"})


ROUTES: dict[str, Callable] = {r.__name__: r for r in (company_file, qualification, tender_document,
                                                        amend_document, library, compare, low_price_evidence,
                                                        objection)}


# The form each route's view takes its file from.
ROUTE_FORMS = {"company_file": "CompanyFileForm", "qualification": "AnswerForm", "tender_document": "DocumentForm",
               "amend_document": "AmendForm", "library": "LibraryForm", "compare": "CompareForm",
               "low_price_evidence": "EvidenceForm", "objection": "ObjectionForm"}


def set_up(name: str, staff) -> UploadRoute:
    route = ROUTES[name](staff)
    db.session.commit()
    return route
