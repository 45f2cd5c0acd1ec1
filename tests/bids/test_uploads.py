"""The resumable chunk protocol: chunks checked by SHA-256, a resume after a dropped connection, late chunks refused."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import current_app

from tender.bids import operations as ops
from tender.bids.models import Bid, BidFile, BidUpload
from tender.bids.uploads import clean_stale_uploads, put_chunk
from tender.db import utcnow
from tender.errors import DomainError
from tender.extensions import db
from tender.opening.keys import record_opening
from tender.unit_of_work import perform
from tests.bids.helpers import padded_pdf, qualified_bidder, sha
from tests.storage_check import check_storage, stored_keys

MB = 1 << 20


def _consistent() -> bool:
    placeholders = {key for key in stored_keys(db.session, db.metadata) if key.startswith("test/")}  # factories
    report = check_storage(db.session, db.metadata, Path(current_app.config["STORAGE_PATH"]), placeholders)
    assert report.consistent, report
    return True


def test_upload_in_chunks_resumes_after_a_dropped_connection(client, setup):
    sealed, bidder, up = setup
    data = padded_pdf(int(2.5 * MB), b"RESUME-MARKER")
    started = up.start("business", "商务标.pdf", data).get_json()
    url = started["url"]
    assert up.put(url, 0, data[:MB]).get_json()["offset"] == MB
    second = data[MB:2 * MB]
    dropped = up.put(url, MB, second[:len(second) // 2], digest=sha(second), length=len(second))
    assert dropped.status_code == 400 and "连接中断" in dropped.get_json()["message"]
    assert client.get(url).get_json()["offset"] == MB  # the half chunk left nothing behind
    assert up.put(url, MB, second).get_json()["offset"] == 2 * MB
    assert up.put(url, 2 * MB, data[2 * MB:]).get_json()["offset"] == len(data)
    done = client.post(started["complete_url"])
    assert done.status_code == 200 and "已密封保存" in done.get_json()["message"]
    bid_file = db.session.scalar(sa.select(BidFile))
    assert bid_file.size == len(data) and bid_file.record_count == 3 and bid_file.kind == "pdf"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BidUpload)) == 0 and _consistent()
    record_opening(sealed.tender.seal, sealed.private_key, utcnow())
    assert b"".join(ops.open_bid_file(bid_file, sealed.private_key)) == data
    check = ops.verify_at_opening(bid_file, sealed.private_key)
    assert check.ok and check.sha256 == sha(data) and check.size == len(data)


def test_a_chunk_with_a_wrong_hash_is_refused(client, setup):
    _, _, up = setup
    data = padded_pdf(3000)
    url = up.start("business", "商务标.pdf", data).get_json()["url"]
    reply = up.put(url, 0, data, digest=sha(data + b"x"))
    assert reply.status_code == 422 and "校验失败" in reply.get_json()["message"]
    assert client.get(url).get_json()["offset"] == 0
    damaged = bytearray(data)
    damaged[100] ^= 1
    assert up.put(url, 0, bytes(damaged), digest=sha(data)).status_code == 422
    assert up.put(url, 0, data).status_code == 200


def test_a_chunk_at_the_wrong_offset_is_told_where_to_resume(setup):
    _, _, up = setup
    data = padded_pdf(3 * MB)
    url = up.start("business", "商务标.pdf", data).get_json()["url"]
    up.put(url, 0, data[:MB])
    reply = up.put(url, 2 * MB, data[2 * MB:])
    assert reply.status_code == 409 and reply.get_json()["offset"] == MB
    assert up.put(url, 0, data[:MB]).status_code == 409  # a chunk sent twice is not appended twice


def test_completing_an_unfinished_upload_is_refused(client, setup):
    _, _, up = setup
    data = padded_pdf(2 * MB)
    started = up.start("business", "商务标.pdf", data).get_json()
    up.put(started["url"], 0, data[:MB])
    reply = client.post(started["complete_url"])
    assert reply.status_code == 422 and "尚未传完" in reply.get_json()["message"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BidFile)) == 0


def test_a_late_chunk_and_a_late_completion_are_refused_and_the_bid_stays(client, setup):
    sealed, _, up = setup
    first = padded_pdf(5000, b"FIRST")
    assert up.upload("business", "商务标.pdf", first).status_code == 200
    data = padded_pdf(2 * MB, b"SECOND")
    started = up.start("business", "商务标-新.pdf", data).get_json()
    up.put(started["url"], 0, data[:MB])
    sealed.tender.bid_deadline = utcnow() - timedelta(seconds=1)
    db.session.commit()
    late = up.put(started["url"], MB, data[MB:])
    assert late.status_code == 422 and "已过" in late.get_json()["message"]
    late = client.post(started["complete_url"])
    assert late.status_code == 422 and "不再接收投标文件" in late.get_json()["message"]
    current = db.session.scalar(sa.select(Bid)).current_files
    assert [f.filename for f in current.values()] == ["商务标.pdf"]
    record_opening(sealed.tender.seal, sealed.private_key, utcnow())
    assert b"".join(ops.open_bid_file(next(iter(current.values())), sealed.private_key)) == first
    assert up.start("technical", "技术标.pdf", padded_pdf(3000)).status_code == 422


def test_one_upload_at_a_time_per_part_and_stale_uploads_are_cleaned(client, setup):
    _, _, up = setup
    data = padded_pdf(2 * MB)
    first = up.start("business", "a.pdf", data).get_json()
    up.put(first["url"], 0, data[:MB])
    second = up.start("business", "b.pdf", data).get_json()
    assert client.get(first["url"]).status_code == 404  # the newer upload of the part replaced it
    assert _consistent()
    up.put(second["url"], 0, data[:MB])
    assert perform(clean_stale_uploads, utcnow() + timedelta(hours=23)) == 0
    assert perform(clean_stale_uploads, utcnow() + timedelta(hours=25)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BidUpload)) == 0 and _consistent()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Bid)) == 0  # nothing partial became a bid


def test_size_limits_come_from_the_configuration(app, setup):
    _, _, up = setup
    app.config["BID_FILE_MAX_MB"], app.config["BID_TOTAL_MAX_MB"] = 1, 2
    try:
        reply = up.start("business", "大.pdf", padded_pdf(MB + 10))
        assert reply.status_code == 422 and "1 MB" in reply.get_json()["message"]
        for part in ("business", "technical"):
            assert up.upload(part, f"{part}.pdf", padded_pdf(MB - 100)).status_code == 200
        reply = up.start("price", "报价.pdf", padded_pdf(MB - 100))
        assert reply.status_code == 422 and "每份投标 2 MB" in reply.get_json()["message"]
    finally:
        app.config["BID_FILE_MAX_MB"], app.config["BID_TOTAL_MAX_MB"] = 100, 300


def test_another_company_cannot_touch_an_upload(client, login, setup):
    sealed, _, up = setup
    data = padded_pdf(3000)
    url = up.start("business", "a.pdf", data).get_json()["url"]
    login(qualified_bidder(sealed.tender))
    db.session.commit()
    assert client.get(url).status_code == 404
    assert up.put(url, 0, data).status_code == 404


def test_a_chunk_sent_as_a_multipart_form_is_refused_before_anything_parses_it(client, setup):
    """Werkzeug would spool a multipart file part above 500 KB to a temporary file: such a body is never read."""
    import io

    _, _, up = setup
    data = padded_pdf(2 * MB)
    url = up.start("business", "商务标.pdf", data).get_json()["url"]
    reply = client.put(f"{url}?offset=0", data={"file": (io.BytesIO(data[:MB]), "chunk.bin")},
                       content_type="multipart/form-data", headers={"X-Chunk-SHA256": sha(data[:MB])})
    assert reply.status_code == 415 and "分块上传" in reply.get_data(as_text=True)
    assert client.get(url).get_json()["offset"] == 0


def test_an_oversized_chunk_is_refused(app, client, setup):
    _, _, up = setup
    data = padded_pdf(3 * MB)
    url = up.start("business", "商务标.pdf", data).get_json()["url"]
    reply = up.put(url, 0, data[:1536 * 1024 + 1])
    assert reply.status_code == 413 and "1536 KB" in reply.get_json()["message"]
    assert client.get(url).get_json()["offset"] == 0


def test_completing_twice_or_writing_to_a_replaced_upload_gets_a_message(client, setup):
    _, _, up = setup
    data = padded_pdf(3000)
    started = up.start("business", "商务标.pdf", data).get_json()
    up.put(started["url"], 0, data)
    assert client.post(started["complete_url"]).status_code == 200
    assert client.post(started["complete_url"]).status_code == 404  # the upload became the bid's part
    first = up.start("technical", "a.pdf", data).get_json()
    upload = db.session.get(BidUpload, first["upload_id"])  # loaded, as the view loads it
    db.session.execute(sa.delete(BidUpload).where(BidUpload.id == upload.id),  # another request replaced it
                       execution_options={"synchronize_session": False})
    with pytest.raises(DomainError, match="该上传已结束"):
        put_chunk(upload, setup[1], 0, data, sha(data))
