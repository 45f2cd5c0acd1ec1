"""The hostile corpus through the sealed bid upload (chunk protocol, not a multipart form).

The bid upload does not fit `routes.py` (raw chunked bodies, no plaintext hash to find
the row by), so it has this test of its own: every hostile file is started, sent in
chunks and completed like the browser does. None may give a 500; each is accepted as a
bid part or refused with a clear Chinese message leaving no part, no upload and no file.
The checks on the way are the ones a stream allows (signature, end of file, zip
directory); the opening's extraction judges the rest.
"""
from __future__ import annotations

from itertools import cycle
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import current_app

from tender.bids.models import BidFile, BidUpload
from tender.extensions import db
from tests.bids.helpers import Uploader, qualified_bidder, sealed_tender
from tests.robustness.hostile_files import good_docx, good_pdf
from tests.robustness.outcome import HAN, TECHNICAL
from tests.storage_check import check_storage, stored_keys

pytestmark = pytest.mark.robustness
CHUNK = 1 << 20


def send(client, up: Uploader, part: str, name: str, data: bytes) -> tuple[str, str]:
    """('accepted' | 'refused' | a failure, message), following the browser's protocol."""
    started = up.start(part, name, data)
    if started.status_code >= 500:
        return f"HTTP {started.status_code} at start", ""
    body = started.get_json()
    if not body["ok"]:
        return "refused", body["message"]
    offset = 0
    while offset < len(data):
        end = len(data) if len(data) - offset <= CHUNK + CHUNK // 4 else offset + CHUNK
        reply = up.put(body["url"], offset, data[offset:end])
        if reply.status_code >= 500:
            return f"HTTP {reply.status_code} at offset {offset}", ""
        chunk = reply.get_json()
        if not chunk["ok"]:
            return "refused", chunk["message"]
        offset = chunk["offset"]
    done = client.post(body["complete_url"])
    if done.status_code >= 500:
        return f"HTTP {done.status_code} at completion", ""
    return ("accepted" if done.get_json()["ok"] else "refused"), done.get_json().get("message", "")


def _counts() -> tuple[int, int]:
    return (db.session.scalar(sa.select(sa.func.count()).select_from(BidFile)),
            db.session.scalar(sa.select(sa.func.count()).select_from(BidUpload)))


def test_hostile_files_through_the_bid_upload(app, client, login, hostile_corpus, capsys):
    sealed = sealed_tender()
    bidder = qualified_bidder(sealed.tender)
    db.session.commit()
    login(bidder)
    up = Uploader(client, sealed.tender.id)
    assert send(client, up, "business", "good.pdf", good_pdf())[0] == "accepted"
    assert send(client, up, "technical", "good.docx", good_docx())[0] == "accepted"
    failures, verdicts = [], {}
    for part, hostile in zip(cycle(("business", "technical", "price")), hostile_corpus, strict=False):
        before = _counts()
        verdict, message = send(client, up, part, hostile.name, hostile.read())
        db.session.expire_all()
        verdicts[hostile.name] = verdict
        if verdict == "refused":
            if _counts() != (before[0], 0):
                failures.append(f"{hostile.name!r}: refused but a part or an upload was left behind")
            if not HAN.search(message) or TECHNICAL.search(message):
                failures.append(f"{hostile.name!r}: refusal is not a clear Chinese message: {message!r}")
        elif verdict != "accepted":
            failures.append(f"{hostile.name!r}: {verdict}")
    placeholders = {k for k in stored_keys(db.session, db.metadata) if k.startswith("test/")}
    report = check_storage(db.session, db.metadata, Path(current_app.config["STORAGE_PATH"]), placeholders)
    failures += [f"orphan {k}" for k in report.orphans] + [f"missing {k}" for k in report.missing]
    with capsys.disabled():
        accepted = sum(v == "accepted" for v in verdicts.values())
        print(f"\n[robustness] bid upload: {len(verdicts)} hostile files, {accepted} accepted, "
              f"{len(failures)} failures")
    assert not failures, "\n".join(failures[:60])
    # The cases the issue names are refused outright.
    for name in ("empty.pdf", "plan.exe", "is-exe.pdf", "标书-bomb.docx", "bomb-one-paragraph.docx",
                 "truncated-000064.pdf", "no-document-xml.docx"):
        assert verdicts.get(name) == "refused", (name, verdicts.get(name))
