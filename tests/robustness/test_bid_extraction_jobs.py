"""The hostile files the bid intake accepts, extracted after the opening by a real worker.

Intake can only check what a stream allows (signature, end of file, zip directory), so
the opening's extraction meets the rest. Every accepted hostile file becomes a bid part
(three to a bid, each bid submitted), the tender is unsealed, and the real worker runs one
extraction job per file. Each must end: extracted, or failed with a clear Chinese reason
on both the job and the document; the worker must survive (no hang, no death) and stay
within its memory limits (the job runner samples its process tree).
"""
from __future__ import annotations

from itertools import cycle

import pytest
import sqlalchemy as sa

from tender.bidtext.models import BidDocument, ExtractionState
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tests.bids.helpers import PRICE, Uploader, qualified_bidder
from tests.bidtext.opened import extraction_jobs, unseal
from tests.opening.sealed import publish
from tests.robustness import job_runner
from tests.robustness.outcome import HAN, TECHNICAL
from tests.robustness.test_bid_uploads import send
from tests.worker import wait_until

pytestmark = pytest.mark.robustness
PARTS = ("business", "technical", "price")


def _accepted_bids(client, login, tender, corpus) -> int:
    """Upload the corpus three files to a bidder; every bid whose three parts were accepted is submitted."""
    files, bids = iter(corpus), 0
    while True:
        bidder = qualified_bidder(tender)
        db.session.commit()
        login(bidder)
        up, filled = Uploader(client, tender.id), set()
        for part in cycle(PARTS):
            if filled == set(PARTS):
                break
            if part in filled:
                continue
            hostile = next(files, None)
            if hostile is None:
                return bids
            if send(client, up, part, hostile.name, hostile.read())[0] == "accepted":
                filled.add(part)
        assert client.post(f"/my/bids/{tender.id}/price", data=PRICE).status_code == 302
        assert client.post(f"/my/bids/{tender.id}/submit").status_code == 302
        bids += 1


def test_accepted_hostile_files_end_as_documents_or_failed_jobs(app, client, login, request, hostile_corpus, capsys):
    tender, officers = publish(bids=0)
    db.session.commit()
    bids = _accepted_bids(client, login, tender, [f for f in hostile_corpus if not f.name.endswith(".exe")])
    assert bids >= 3
    jobs = job_runner.start(app, request)
    unseal(tender, officers)
    jobs.wait_until_idle()
    # The last extraction starts the findings job after its own commit, so "idle" can be seen just before it.
    wait_until(lambda: db.session.scalar(sa.select(JobRecord.status).where(JobRecord.kind == "findings"))
               in (JobStatus.DONE, JobStatus.FAILED), getattr(jobs, "worker", None), what="the findings job")
    assert jobs.worker.running
    records = extraction_jobs()
    assert len(records) == 3 * bids
    documents = db.session.scalars(sa.select(BidDocument)).all()
    failures = []
    for record in records:
        if record.status not in (JobStatus.DONE, JobStatus.FAILED):
            failures.append(f"job {record.id} ended {record.status}")
        elif record.status is JobStatus.FAILED and (not HAN.search(record.message)
                                                     or TECHNICAL.search(record.message) or "/" in record.message):
            failures.append(f"job {record.id}: not a clear Chinese reason: {record.message!r}")
    for document in documents:
        if document.state is ExtractionState.FAILED and not HAN.search(document.error):
            failures.append(f"document {document.id}: {document.error!r}")
        if document.state is ExtractionState.PENDING:
            failures.append(f"document {document.id} still pending")
    jobs.check_memory()
    with capsys.disabled():
        failed = sum(d.state is ExtractionState.FAILED for d in documents)
        print(f"\n[robustness] bid extraction: {len(documents)} accepted hostile files in {bids} bids, "
              f"{failed} failed with a reason, {len(failures)} problems; {jobs.memory_note()}")
    assert not failures, "\n".join(failures[:60])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(JobRecord)
                             .where(JobRecord.status.in_((JobStatus.QUEUED, JobStatus.RUNNING)))) == 0
