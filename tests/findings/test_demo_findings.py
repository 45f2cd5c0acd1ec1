"""The demo's opened tender shows a new user real findings (issue 11, scope 4): the planted copied pair
first, the same-company reuse apart with the other project's name left in, the shared 项目经理 and the
price pattern, each with its basis. Jobs run in place here; the worker path is test_findings_job.py.
One demo load (~25 s here: three bids sealed, uploaded and unsealed with the officers' keys) is the reason
this test is long; its findings job itself takes about a second.
"""
from __future__ import annotations

import sqlalchemy as sa

from tender.demo import load_demo
from tender.extensions import db
from tender.findings.models import FindingKind, FindingsRun, RunState
from tender.findings.operations import ranked_findings
from tender.findings.queries import findings_page
from tender.notices.models import Tender


def test_the_demo_tender_has_each_planted_finding(app):
    assert load_demo()
    run = db.session.scalar(sa.select(FindingsRun))
    assert run is not None and run.state is RunState.DONE
    tender = db.session.get(Tender, run.tender_id)
    page = findings_page(tender)
    first = page.findings[0]
    assert first.kind is FindingKind.COPY_PAIR and "第四十条（四）" in first.basis and first.comparison_id
    kinds = {f.kind for f in ranked_findings(tender)}
    assert {FindingKind.REUSE_OWN, FindingKind.KEY_PERSON, FindingKind.PRICE_PATTERN, FindingKind.LEFTOVER} <= kinds
    assert [f.kind for f in page.history_findings] == [FindingKind.REUSE_OWN]
    assert any(f.kind is FindingKind.LEFTOVER and f.figures["field"] == "project" for f in page.findings)
