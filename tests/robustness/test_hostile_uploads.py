"""Issue 8: 200+ hostile files through every upload route and the jobs they start.

For each route every file must give a page (no 500) that either shows a clear Chinese
refusal with nothing saved, or accepts the file. Afterwards no job is left queued or
running, every failed job says why in Chinese (no exception class, no server path),
and the storage folder and the rows agree: no orphan file, no row without its file.
"""
from __future__ import annotations

import hashlib
from collections import Counter

import pytest
import sqlalchemy as sa
from flask import current_app

from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tests.robustness import job_runner
from tests.robustness.hostile_files import good_docx, good_pdf
from tests.robustness.outcome import HAN, TECHNICAL, judge
from tests.robustness.routes import ROUTE_FORMS, ROUTES, set_up
from tests.storage_check import check_storage, files_on_disk, stored_keys

pytestmark = pytest.mark.robustness


def test_corpus_has_200_hostile_files_of_every_kind(hostile_corpus):
    categories = {f.category for f in hostile_corpus}
    assert len(hostile_corpus) >= 200
    assert {"zero-byte", "truncated-pdf", "truncated-docx", "pdf-garbage", "encrypted", "docx-structure",
            "docx-corrupt-xml", "bomb", "nested-zip", "zip-traversal", "mislabelled", "odd-name"} <= categories
    assert max(f.path.stat().st_size for f in hostile_corpus if f.bomb) < 8 * 1024 * 1024
    contents = [hashlib.sha256(f.read()).hexdigest() for f in hostile_corpus if f.category != "zero-byte"]
    assert len(set(contents)) == len(contents)  # each file is judged on its own, never as a double submit


def test_upload_routes_are_all_covered(app):
    """Every form with a file field has its route in ROUTES, so a new upload route cannot be missed."""
    assert _upload_forms() == set(ROUTE_FORMS.values()), "add the new upload route to tests/robustness/routes.py"


def _upload_forms() -> set[str]:
    from wtforms.fields.core import UnboundField

    from tender.forms import Form, UploadField

    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    return {form.__name__ for form in walk(Form)
            if any(isinstance(v, UnboundField) and issubclass(v.field_class, UploadField) for v in vars(form).values())}


@pytest.mark.parametrize("route_name", list(ROUTES))
def test_hostile_files_through_upload_route(route_name, app, client, login, staff, hostile_corpus, capsys, request):
    with app.test_request_context():  # set up in place (jobs immediate), then every upload's job in a real worker
        route = set_up(route_name, staff)
    runner = job_runner.start(app, request)
    placeholders = stored_keys(db.session, db.metadata) - files_on_disk(_root())  # factory rows with no file
    login(route.user)
    files = [f for f in hostile_corpus if runner.may_run(f) or not route.starts_jobs]
    outcomes = [_post(client, route, "good.pdf", good_pdf()), _post(client, route, "good.docx", good_docx())]
    assert [o.verdict for o in outcomes] == ["accepted", "accepted"], outcomes  # the route really takes files
    hostile = [_post(client, route, f.name, f.read()) for f in files]
    runner.wait_until_idle()
    failures = [o for o in outcomes + hostile if o.failed]
    failures += _job_problems() + _storage_problems(placeholders)
    with capsys.disabled():
        accepted = Counter(f.category for f, o in zip(files, hostile, strict=True) if o.verdict == "accepted")
        print(f"\n[robustness] {route.name}: {len(files)} hostile files tried, {sum(accepted.values())} accepted "
              f"({dict(sorted(accepted.items()))}), {len(failures)} failures; {runner.memory_note()}")
    assert not failures, "\n".join(map(str, failures[:60])) + f"\n({len(failures)} failures in all)"
    runner.check_memory()


def _root():
    from pathlib import Path

    return Path(current_app.config["STORAGE_PATH"])


def _post(client, route, name: str, data: bytes):
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(route.model))
    response = route.post(client, name, data)
    db.session.expire_all()
    return judge(route, name, data, response, rows)


def _job_problems() -> list[str]:
    db.session.expire_all()
    problems = []
    root = str(_root())
    for job in db.session.scalars(sa.select(JobRecord)):
        if job.status in (JobStatus.QUEUED, JobStatus.RUNNING):
            problems.append(f"job #{job.id} {job.kind} left {job.status.value}: {job.title}")
        elif job.status is JobStatus.FAILED and (not HAN.search(job.message) or TECHNICAL.search(job.message)
                                                 or root in job.message or "/tmp/" in job.message):
            problems.append(f"job #{job.id} {job.kind} failed without a clear message: {job.message!r}")
    return problems


def _storage_problems(placeholders: set[str]) -> list[str]:
    report = check_storage(db.session, db.metadata, _root(), ignore_keys=placeholders)
    return ([f"orphan file without a row: {key}" for key in report.orphans]
            + [f"row without its file: {key}" for key in report.missing])
