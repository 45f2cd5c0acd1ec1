"""Issue 11, scope 1 and 2: the checks run by themselves once the last bid file is extracted, in a real worker.

One opened tender of three really sealed and extracted bids (tests/findings/opened.py). The
planted copied pair comes first with its basis and page numbers on both sides; the unflagged
pairs stay as figures in the matrix; C's reuse of its own earlier bid is reported apart from
in-tender copying, and the other project's name left in C is found through the system's own
tender records. The page is the staff's and the supervisor's; bidders and experts are refused.
"""
from __future__ import annotations

import re

import sqlalchemy as sa

from tender.auth.roles import Role
from tender.bidtext.models import BidDocument, ExtractionState
from tender.bidtext.operations import retry_extraction
from tender.extensions import db
from tender.findings.models import Finding, FindingKind, FindingsRun, RunState
from tender.findings.operations import after_extraction, ranked_findings
from tender.jobs.models import JobRecord, JobStatus
from tender.similarity.models import DocumentKind, SimilarityDocument
from tender.unit_of_work import perform
from tests.bidtext.opened import corrupt_pdf, default_files, extraction_jobs, submit_bids, unseal
from tests.factories import make_user
from tests.findings.opened import open_and_check
from tests.findings.texts import OTHER_PROJECT, OTHER_TENDERER
from tests.worker import wait_for_job, wait_until


def test_findings_run_by_themselves_after_extraction(app, client, login, worker, tmp_path):
    opened = open_and_check(client, login, worker, tmp_path)
    a, b, c = (opened.bids[k].id for k in "abc")
    assert opened.job.status is JobStatus.DONE, opened.job.message
    assert opened.run.state is RunState.DONE and opened.run.counts["bids"] == 3
    # one job per extraction outcome: the other eight files finishing started nothing more
    assert db.session.scalar(sa.select(sa.func.count()).select_from(JobRecord)
                             .where(JobRecord.kind == "findings")) == 1

    stored = db.session.scalars(sa.select(SimilarityDocument).where(
        SimilarityDocument.kind == DocumentKind.BID, SimilarityDocument.tender_id == opened.tender.id)).all()
    assert {d.company_id for d in stored} == {bid.company_id for bid in opened.bids.values()}
    assert all(len(d.page_starts) >= 5 for d in stored)  # business (2) + technical (3) + price pages kept

    pairs = {(p["a"], p["b"]): p for p in opened.run.pairs}
    assert set(pairs) == {(a, b), (a, c), (b, c)}
    assert pairs[(a, b)]["flagged"] and not pairs[(a, c)]["flagged"] and not pairs[(b, c)]["flagged"]
    assert pairs[(a, b)]["score"] > max(pairs[(a, c)]["score"], pairs[(b, c)]["score"])

    findings = [f for f in ranked_findings(opened.tender)
                if f.kind not in (FindingKind.REUSE_OWN, FindingKind.HISTORY_OTHER)]
    first = findings[0]
    assert first.kind is FindingKind.COPY_PAIR and sorted(first.bid_ids) == sorted([a, b])
    assert "第四十条（四）" in first.basis and first.comparison_id == pairs[(a, b)]["comparison_id"]
    assert not any(f.kind is FindingKind.COPY_PAIR and c in f.bid_ids for f in findings)
    evidence = first.evidence[0]
    assert evidence["label"] == "技术标第 2 页" and evidence["other_label"] == "技术标第 2 页"

    reuse = db.session.scalars(sa.select(Finding).where(Finding.kind == FindingKind.REUSE_OWN)).all()
    assert [(f.bid_ids, f.figures["other_doc_id"]) for f in reuse] == [([c], opened.earlier_doc_id)]
    assert [h["bid_id"] for h in opened.run.history if h["flagged"]] == [c]
    assert all(h["same_company"] for h in opened.run.history if h["flagged"])

    # found through the system's own tender records: the other tender's project and developer, on C's page 4
    leftovers = {f.figures["field"]: f for f in findings if f.kind is FindingKind.LEFTOVER}
    assert set(leftovers) == {"project", "tenderer"} and all(f.bid_ids == [c] for f in leftovers.values())
    assert OTHER_PROJECT in leftovers["project"].summary and OTHER_TENDERER in leftovers["tenderer"].summary
    assert leftovers["project"].figures["tender_ids"] == [opened.other.id]
    assert leftovers["project"].evidence[0]["label"] == "技术标第 2 页"
    assert not any(f.kind is FindingKind.PRICE_PATTERN for f in findings)  # the prices follow no pattern

    _the_page_shows_it(client, login, opened, first)


def _the_page_shows_it(client, login, opened, first):
    url = f"/findings/tenders/{opened.tender.id}"
    login(opened.staff)
    page = client.get(url).get_data(as_text=True)
    cards = re.findall(r'id="finding-(\d+)" data-kind="(\w+)"', page)
    assert cards[0] == (str(first.id), "copy_pair")
    assert "投标文件异常一致" in page and "一本标书" in page and 'id="pair-matrix"' in page
    reader = client.get(f"/similarity/comparisons/{first.comparison_id}").get_data(as_text=True)
    marks = {side: re.findall(r'data-page="(\d+)"', pane) for side, pane in
             zip("ab", reader.split('id="pane-b"'), strict=True)}
    assert "4" in marks["a"] and "4" in marks["b"]  # technical page 2 is the joined bid's page 4 on both sides

    login(make_user(Role.SUPERVISOR))
    assert client.get(url).status_code == 200
    for role in (Role.EXPERT, Role.BIDDER):
        login(make_user(role))
        assert client.get(url).status_code == 403


def test_a_failed_file_does_not_hold_up_the_checks_and_its_retry_runs_them_again(app, client, login, worker):

    tender, officers, _ = submit_bids(client, login, [default_files(), default_files(business=corrupt_pdf()),
                                                      default_files()])
    staff = make_user(Role.STAFF)
    db.session.commit()
    unseal(tender, officers)
    for job in extraction_jobs():
        wait_for_job(job.id, worker, timeout=300)

    def findings_jobs(n):
        return wait_until(lambda: (lambda jobs: jobs if len(jobs) >= n else None)(db.session.scalars(
            sa.select(JobRecord).where(JobRecord.kind == "findings").order_by(JobRecord.id)).all()), worker,
            what=f"{n} findings jobs")

    first = wait_for_job(findings_jobs(1)[0].id, worker, timeout=300)
    assert first.status is JobStatus.DONE, first.message
    assert after_extraction(tender.id) is None  # the same outcome again starts nothing
    run = db.session.scalar(sa.select(FindingsRun).where(FindingsRun.tender_id == tender.id))
    assert run.counts["bids"] == 3 and any("商务标未能提取文本" in note for note in run.notes)

    broken = db.session.scalar(sa.select(BidDocument).where(BidDocument.state == ExtractionState.FAILED))
    perform(retry_extraction, broken, staff)
    wait_for_job(extraction_jobs()[-1].id, worker, timeout=300)
    second = wait_for_job(findings_jobs(2)[1].id, worker, timeout=300)
    assert second.status is JobStatus.DONE, second.message
