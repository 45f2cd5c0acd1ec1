"""Resumable sealed uploads: start, append a chunk at an offset, ask where to resume, complete.

Each chunk arrives as a raw request body (never a multipart form, so the web framework
writes no temporary file), is checked against the SHA-256 the browser sent for it, and
is sealed at once as envelope records appended to a staging file. The database keeps the
next offset and record index, so a dropped connection resumes where the last accepted
chunk ended, from any worker, and the server holds no secret between requests. The
whole file's SHA-256 is computed by the browser; the server can check it only at the
opening, so it keeps it sealed to the tender key and as a keyed HMAC.

An upload is no part of the bid until it is completed; an abandoned one is deleted by
`clean_stale_uploads`.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import current_app

from tender.audit.operations import record
from tender.bids import content, keys
from tender.bids.eligibility import require_eligible, timing_refusal
from tender.bids.models import Bid, BidEvent, BidFile, BidPart, BidStatus, BidUpload
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.files import archive_limits, safe_filename, write_new
from tender.sealing import envelope
from tender.session_hooks import on_commit, on_rollback

if TYPE_CHECKING:
    from tender.auth.models import User
    from tender.notices.models import Tender

SHA256 = re.compile(r"^[0-9a-f]{64}$")
MB = 1024 * 1024


class OffsetMismatch(DomainError):
    """The chunk does not start where the server's copy ends; the client resumes from `expected`."""

    def __init__(self, expected: int):
        super().__init__(f"数据块位置不符：服务器已收到 {expected:,} 字节，请从该位置继续上传。")
        self.expected = expected


@dataclass(frozen=True)
class ChunkResult:
    received: int
    refused: str | None = None  # the content is not a bid file: the upload was discarded


def limits() -> tuple[int, int, int]:
    """(largest file, largest bid, largest chunk) in bytes, from the configuration."""
    config = current_app.config
    return config["BID_FILE_MAX_MB"] * MB, config["BID_TOTAL_MAX_MB"] * MB, config["BID_CHUNK_MAX_KB"] * 1024


def context_of(token: str) -> bytes:
    return b"bid-file:" + token.encode()


def hash_context(token: str) -> bytes:
    return b"bid-file-sha256:" + token.encode()


def start_upload(tender: Tender, actor: User, part: str, filename: str, size: int, sha256: str,
                 now: datetime | None = None) -> BidUpload:
    now = now or utcnow()
    require_eligible(tender, actor, now)
    part = _part(part)
    filename = safe_filename(filename or "", 200)
    problem = content.name_problem(filename) if filename else "请选择要上传的文件。"
    if problem:
        raise DomainError(problem)
    sha256 = (sha256 or "").lower()
    if not SHA256.match(sha256):
        raise DomainError("缺少文件的 SHA-256 校验值，请刷新页面后重新上传。")
    _check_size(tender, actor.company_id, part, filename, size)
    for earlier in _uploads_of(tender, actor.company_id, part):
        discard_upload(earlier)  # a new file for the same part replaces an unfinished one
    token = secrets.token_hex(16)
    public = tender.seal.public_key
    upload = BidUpload(
        token=token, tender_id=tender.id, company_id=actor.company_id, user_id=actor.id, part=part,
        filename=filename, size=size, kind=content.kind_of_name(filename), storage_key=write_new(b"", "staging"),
        sha256_hmac=keys.hash_hmac(sha256), sha256_sealed=envelope.seal(public, bytes.fromhex(sha256),
                                                                        hash_context(token)),
        sha256_wrapped=keys.wrap(bytes.fromhex(sha256)), started_at=now, touched_at=now)
    db.session.add(upload)
    db.session.flush()
    return upload


def put_chunk(upload: BidUpload, actor, offset: int, data: bytes, chunk_sha256: str,
              now: datetime | None = None) -> ChunkResult:
    """Seal one chunk onto the staging file, or refuse it and leave the upload as it was."""
    now = now or utcnow()
    _own(upload, actor)
    late = timing_refusal(upload.tender, now)
    if late:
        raise DomainError(late)
    upload = _locked(upload)
    if offset != upload.received:
        raise OffsetMismatch(upload.received)
    _check_chunk(upload, data, chunk_sha256)
    problem = _content_problem(upload, offset, data)
    if problem:
        discard_upload(upload)
        return ChunkResult(0, problem)
    with open(upload.path, "r+b") as out:
        out.truncate(upload.stored)  # bytes a failed request wrote after the last commit
        out.seek(upload.stored)
        count = envelope.write_records(out, upload.tender.seal.public_key, context_of(upload.token),
                                       upload.next_index, [data])
        out.flush()
        os.fsync(out.fileno())
        upload.stored = out.tell()
    upload.received, upload.next_index, upload.touched_at = offset + len(data), upload.next_index + count, now
    db.session.flush()
    return ChunkResult(upload.received)


def complete_upload(upload: BidUpload, actor, now: datetime | None = None) -> BidFile:
    """The whole file is in: it becomes the bid's part, replacing the earlier file of that part."""
    from tender.bids.operations import reissue_receipt

    now = now or utcnow()
    _own(upload, actor)
    tender = upload.tender
    require_eligible(tender, actor, now)
    upload = _locked(upload)
    if upload.received != upload.size:
        raise DomainError(f"文件“{upload.filename}”尚未传完（已收到 {upload.received:,} / {upload.size:,} 字节），"
                          "请继续上传。")
    _check_size(tender, actor.company_id, upload.part, upload.filename, upload.size)
    bid = bid_for(tender, actor.company_id, create=True)
    if bid.status is BidStatus.WITHDRAWN:
        bid.status, bid.withdrawn_at = BidStatus.DRAFT, None
    earlier = bid.current_files.get(upload.part)
    if earlier is not None:
        drop_file(earlier, now)
    new = BidFile(bid=bid, part=upload.part, token=upload.token, filename=upload.filename, kind=upload.kind,
                  size=upload.size, storage_key=upload.storage_key, record_count=upload.next_index,
                  sha256_hmac=upload.sha256_hmac, sha256_sealed=upload.sha256_sealed,
                  sha256_wrapped=upload.sha256_wrapped, uploaded_at=now, uploaded_by_id=actor.id)
    db.session.add(new)
    db.session.delete(upload)
    verb = "更换" if earlier is not None else "上传"
    summary = f"{verb}{upload.part.label}：{upload.filename}（{upload.size:,} 字节）"
    db.session.add(BidEvent(bid=bid, at=now, kind="replace" if earlier else "upload", summary=summary,
                            user_id=actor.id))
    db.session.flush()
    record(actor, "bid.file", new, after={"part": new.part.value, "filename": new.filename, "size": new.size,
                                          "replaces": earlier.id if earlier else None},
           summary=f"{summary}（{tender.title}）")
    if bid.submitted:
        reissue_receipt(bid, actor, now)
    return new


def upload_of(tender: Tender, actor: User, upload_id: int) -> BidUpload | None:
    upload = db.session.get(BidUpload, upload_id)
    if upload is None or upload.tender_id != tender.id or upload.company_id != actor.company_id:
        return None
    return upload


def bid_for(tender, company_id: int, create: bool = False) -> Bid | None:
    bid = db.session.scalar(sa.select(Bid).where(Bid.tender_id == tender.id, Bid.company_id == company_id))
    if bid is None and create:
        bid = Bid(tender_id=tender.id, company_id=company_id, status=BidStatus.DRAFT)
        db.session.add(bid)
        db.session.flush()
    return bid


def drop_file(bid_file: BidFile, now: datetime) -> None:
    """Superseded or withdrawn: the row stays as history, the sealed bytes go once the change commits."""
    path = bid_file.path
    bid_file.superseded_at, bid_file.storage_key = now, None
    on_commit(lambda: path.unlink(missing_ok=True))


def discard_upload(upload: BidUpload) -> None:
    path = upload.path
    db.session.delete(upload)
    on_commit(lambda: path.unlink(missing_ok=True))


def clean_stale_uploads(now: datetime | None = None) -> int:
    """Delete uploads nobody touched for BID_UPLOAD_STALE_HOURS, and every upload of a closed tender."""
    from tender.notices.models import Tender

    now = now or utcnow()
    cutoff = now - timedelta(hours=current_app.config["BID_UPLOAD_STALE_HOURS"])
    stale = db.session.scalars(sa.select(BidUpload).join(Tender, Tender.id == BidUpload.tender_id).where(
        sa.or_(BidUpload.touched_at < cutoff, Tender.bid_deadline <= now))).all()
    for upload in stale:
        discard_upload(upload)
    db.session.flush()
    return len(stale)


def _uploads_of(tender, company_id: int, part: BidPart) -> list[BidUpload]:
    return db.session.scalars(sa.select(BidUpload).where(
        BidUpload.tender_id == tender.id, BidUpload.company_id == company_id, BidUpload.part == part)).all()


def _part(value: str) -> BidPart:
    try:
        return BidPart(value)
    except ValueError:
        raise DomainError("请选择投标文件的组成部分（商务标、技术标或报价文件）。") from None


def _check_size(tender, company_id: int, part: BidPart, filename: str, size) -> None:
    file_max, bid_max, _ = limits()
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise DomainError("文件大小无效，请刷新页面后重新上传。")
    if size == 0:
        raise DomainError(f"文件“{filename}”是空文件，请重新选择。")
    if size > file_max:
        raise DomainError(f"文件“{filename}”超过单个投标文件 {file_max // MB} MB 的大小限制。")
    bid = bid_for(tender, company_id)
    others = sum(f.size for p, f in (bid.current_files.items() if bid else ()) if p is not part)
    if others + size > bid_max:
        raise DomainError(f"投标文件合计将达 {(others + size) / MB:,.1f} MB，超过每份投标 {bid_max // MB} MB 的限制。")


def _check_chunk(upload: BidUpload, data: bytes, chunk_sha256: str) -> None:
    _, _, chunk_max = limits()
    if not data:
        raise DomainError("数据块为空，请重新发送。")
    if len(data) > chunk_max:
        raise DomainError(f"数据块超过 {chunk_max // 1024} KB 的上限。")
    if upload.received + len(data) > upload.size:
        raise DomainError("收到的数据超过了开始上传时声明的文件大小，请重新上传该文件。")
    if not keys.same(hashlib.sha256(data).hexdigest(), (chunk_sha256 or "").lower()):
        raise DomainError("数据块校验失败（SHA-256 不符），未被接收，请重新发送。")


def _content_problem(upload: BidUpload, offset: int, data: bytes) -> str | None:
    problem = content.head_problem(upload.filename, data, upload.size) if offset == 0 else None
    if problem is None and offset + len(data) == upload.size:
        problem = content.tail_problem(upload.filename, upload.kind, data, offset, archive_limits())
    return problem


def _own(upload: BidUpload, actor) -> None:
    if actor.company_id is None or upload.company_id != actor.company_id:
        raise NotAllowed("这不是贵公司的上传。")


GONE = "该上传已结束（已完成或已被新的上传取代），请重新选择文件上传。"


def _locked(upload: BidUpload) -> BidUpload:
    """The upload as it is now, locked: one request at a time per upload until its transaction ends."""
    _lock(upload)
    fresh = db.session.get(BidUpload, upload.id, populate_existing=True, with_for_update=True)
    if fresh is None:
        raise DomainError(GONE)
    return fresh


def _lock(upload: BidUpload) -> None:
    """An exclusive lock on the staging file, across threads and worker processes."""
    try:
        fd = os.open(upload.path, os.O_RDWR)
    except FileNotFoundError:
        raise DomainError(GONE) from None
    fcntl.flock(fd, fcntl.LOCK_EX)
    released = []

    def release():
        if not released:
            released.append(True)
            os.close(fd)

    on_commit(release, key=f"bid-upload-lock-{upload.id}")
    on_rollback(release)
