"""The parsing child of a bid extraction: its progress relayed to the job, page images, the private temp file."""
from __future__ import annotations

import io
import re
import stat

import sqlalchemy as sa
from PIL import Image

from tender.bids.models import BidFile
from tender.bidtext.processing import IMAGE_DPI, decrypted, extract_in_child, relayed_progress
from tender.extensions import db
from tender.jobs.limits import limited
from tender.jobs.models import JobRecord, JobStatus
from tests.bids.helpers import Uploader, qualified_bidder, sealed_tender, sha
from tests.bidtext.opened import TEXT_PAGES
from tests.robustness.pdf_bytes import build_pdf


def test_the_child_sends_progress_up_a_pipe_to_the_job_and_renders_each_page(app, tmp_path):
    job = JobRecord(kind="probe", title="进度", status=JobStatus.QUEUED)
    db.session.add(job)
    db.session.commit()
    path = tmp_path / "bid.pdf"
    path.write_bytes(build_pdf(TEXT_PAGES))
    with relayed_progress(job.id) as progress_fd:
        result = limited(extract_in_child, path, "pdf", progress_fd)
    db.session.rollback()
    job = db.session.get(JobRecord, job.id, populate_existing=True)
    assert job.status is JobStatus.RUNNING and job.progress >= 5 and re.search(r"第 [12]/2 页", job.message)
    assert result.document.page_count == 2 and sorted(result.images) == [1, 2]
    with Image.open(io.BytesIO((tmp_path / result.images[2]).read_bytes())) as png:
        # The build_pdf page is US Letter (612 x 792 pt): IMAGE_DPI / 72 pixels per point.
        assert png.format == "PNG" and abs(png.height - 792 * IMAGE_DPI / 72) <= 2


def test_the_plaintext_lives_in_a_private_folder_that_is_removed(app, client, login):
    sealed = sealed_tender()
    bidder = qualified_bidder(sealed.tender)
    db.session.commit()
    login(bidder)
    data = build_pdf(TEXT_PAGES)
    assert Uploader(client, sealed.tender.id).upload("business", "商务标.pdf", data).status_code == 200
    bid_file = db.session.scalar(sa.select(BidFile))
    with decrypted(bid_file, sealed.private_key) as plain:
        modes = stat.S_IMODE(plain.path.stat().st_mode), stat.S_IMODE(plain.path.parent.stat().st_mode)
        assert plain.path.read_bytes() == data and plain.matches and plain.sha256 == sha(data)
    assert modes == (0o600, 0o700)
    assert not plain.path.parent.exists()
