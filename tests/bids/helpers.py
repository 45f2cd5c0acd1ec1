"""A tender that takes sealed bids, a qualified bidder, and the chunk protocol spoken as the browser speaks it."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from tender.auth.roles import Role
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.notices.models import Invitation, Registration
from tender.notices.procedures import Procedure
from tender.opening.models import TenderSeal
from tender.qualification.models import QualificationSubmission, SubmissionStatus
from tender.sealing import envelope
from tests import factories

PRICE = dict(annual_total="1083600", fees="住宅 | 2.50 | 30000\n商业 | 6.00 | 2550",
             staffing="项目经理 | 1 | 12000\n保安 | 8 | 4200")


@dataclass
class Sealed:
    tender: object
    private_key: bytes


def sealed_tender(staff=None, procedure: Procedure = Procedure.OPEN, **kw) -> Sealed:
    """A published tender with its seal; the test keeps the private key the officers would rebuild."""
    staff = staff or factories.make_user(Role.STAFF)
    tender = factories.make_tender(staff, procedure=procedure, status=TenderStatus.PUBLISHED, **kw)
    private, public = envelope.new_keypair()
    db.session.add(TenderSeal(tender=tender, public_key=public, threshold=1))
    db.session.flush()
    return Sealed(tender, private)


def qualified_bidder(tender, status: SubmissionStatus = SubmissionStatus.PASSED, invite: bool = False, **kw):
    """A bidder signed up to `tender` whose qualification ended with `status` (合格 by default)."""
    user = factories.make_user(Role.BIDDER, **kw)
    if invite:
        db.session.add(Invitation(tender=tender, company_id=user.company_id))
    db.session.add(Registration(tender=tender, company_id=user.company_id, user_id=user.id))
    if status is not None:
        db.session.add(QualificationSubmission(tender_id=tender.id, company_id=user.company_id, status=status))
    db.session.flush()
    db.session.expire(tender)
    return user


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def padded_pdf(size: int, marker: bytes = b"") -> bytes:
    """A valid one-page PDF of about `size` bytes: a long comment (with `marker`) before the objects."""
    base = len(factories.minimal_pdf())
    filler = (marker + b" ") * max(1, (size - base) // (len(marker) + 1)) if marker else b"x" * (size - base)
    return factories.minimal_pdf(filler)


class Uploader:
    """The upload protocol over the test client: start, PUT chunks at offsets, ask the offset, complete."""

    def __init__(self, client, tender_id: int):
        self.client, self.base = client, f"/my/bids/{tender_id}"

    def start(self, part: str, filename: str, data: bytes, **changes):
        body = dict(part=part, filename=filename, size=len(data), sha256=sha(data)) | changes
        return self.client.post(f"{self.base}/uploads", json=body)

    def put(self, url: str, offset: int, data: bytes, digest: str | None = None, length: int | None = None):
        """`length` longer than `data`: the connection dropped after `data` (the body ends early)."""
        headers = {"X-Chunk-SHA256": digest or sha(data), "Content-Type": "application/octet-stream"}
        if length is not None:
            return self.client.put(f"{url}?offset={offset}", input_stream=io.BytesIO(data), headers=headers,
                                   environ_overrides={"CONTENT_LENGTH": str(length)})
        return self.client.put(f"{url}?offset={offset}", data=data, headers=headers)

    def upload(self, part: str, filename: str, data: bytes, chunk: int = 1 << 20):
        started = self.start(part, filename, data)
        assert started.status_code == 200, started.get_json()
        url, offset = started.get_json()["url"], 0
        while offset < len(data):
            reply = self.put(url, offset, data[offset:offset + chunk])
            assert reply.status_code == 200, reply.get_json()
            offset = reply.get_json()["offset"]
        return self.client.post(started.get_json()["complete_url"])

    def full_bid(self, files: dict[str, tuple[str, bytes]] | None = None):
        from tests.factories import docx_bytes

        files = files or {"business": ("商务标.pdf", padded_pdf(4000, b"BUSINESS")),
                          "technical": ("技术标.docx", docx_bytes("技术方案", "保洁与绿化")),
                          "price": ("报价文件.pdf", padded_pdf(3000, b"PRICEFILE"))}
        for part, (name, data) in files.items():
            reply = self.upload(part, name, data)
            assert reply.status_code == 200, reply.get_json()
        assert self.client.post(f"{self.base}/price", data=PRICE).status_code == 302
        return files
