"""Every route that takes an uploaded file, set up with the user who may post to it.

Each route knows how to post one file, which table an accepted file lands in, and
whether accepting it starts a job (extraction, comparison). New upload routes belong
here: test_upload_routes_are_all_covered fails until they are added.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

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


ROUTES: dict[str, Callable] = {r.__name__: r for r in (company_file, qualification, tender_document,
                                                        amend_document, library, compare)}


# The form each route's view takes its file from.
ROUTE_FORMS = {"company_file": "CompanyFileForm", "qualification": "AnswerForm", "tender_document": "DocumentForm",
               "amend_document": "AmendForm", "library": "LibraryForm", "compare": "CompareForm"}


def set_up(name: str, staff) -> UploadRoute:
    route = ROUTES[name](staff)
    db.session.commit()
    return route
