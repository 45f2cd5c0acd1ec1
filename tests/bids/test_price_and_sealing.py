"""The price form is checked and sealed; before the opening no byte of a bid or price is anywhere in the clear."""
from __future__ import annotations

import os
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import current_app

from tender.bids import operations as ops
from tender.bids.models import Bid
from tender.db import utcnow
from tender.errors import DomainError
from tender.extensions import db
from tender.opening.keys import opened_private_key, record_opening
from tests.at_rest import database_bytes, folder_bytes
from tests.bids.helpers import padded_pdf, sha
from tests.factories import docx_bytes


@pytest.mark.parametrize("field, value, message", [
    ("annual_total", "-5", "年度投标总价须为大于 0"),
    ("annual_total", "NaN", "年度投标总价须为大于 0"),
    ("annual_total", "一百万", "年度投标总价须为数字"),
    ("fees", "住宅", "收费标准第 1 行应有 2 或 3 项"),
    ("fees", "住宅 | 0", "收费标准第 1 行的单价须为大于 0"),
    ("fees", "", "请至少填写一种物业类型的收费标准"),
    ("staffing", "保安 | 1.5 | 4000", "人员配置第 1 行的人数须为正整数"),
    ("staffing", "保安 | 2 | 1e20", "人员配置第 1 行的月工资须为大于 0"),
    ("annual_total", "2000000", "相差超过 1%"),
])
def test_the_price_form_refuses_what_it_cannot_accept(client, setup, field, value, message):
    sealed, _, _ = setup
    post = dict(annual_total="1083600", fees="住宅 | 2.50 | 30000\n商业 | 6.00 | 2550", staffing="保安 | 8 | 4200")
    post[field] = value
    page = client.post(f"/my/bids/{sealed.tender.id}/price", data=post, follow_redirects=True).get_data(as_text=True)
    assert message in page
    bid = db.session.scalar(sa.select(Bid))
    assert bid is None or bid.price_sealed is None


def test_the_deposit_is_recorded_in_the_clear(client, setup):
    sealed, _, _ = setup
    post = dict(amount="20000.00", method="transfer", paid_on=utcnow().date().isoformat(), reference="流水 123")
    page = client.post(f"/my/bids/{sealed.tender.id}/deposit", data=post, follow_redirects=True)
    assert "保证金信息已保存" in page.get_data(as_text=True)
    bid = db.session.scalar(sa.select(Bid))
    assert bid.deposit_amount == Decimal("20000.00") and bid.deposit_method.label == "基本账户转账"


def test_no_plaintext_of_a_file_or_a_price_anywhere_before_the_opening(client, setup):
    sealed, _, up = setup
    started = time.time() - 1
    marker = os.urandom(12).hex().encode()
    files, twins = _bid_files(marker), _bid_files(os.urandom(12).hex().encode())
    up.full_bid(files)
    post = f"特勤岗{marker.decode()[:6]}"
    price = dict(annual_total="7654321.98", fees="住宅 | 3.17\n车库 | 0.93", staffing=f"{post} | 3 | 13579.24")
    assert client.post(f"/my/bids/{sealed.tender.id}/price", data=price).status_code == 302
    assert client.post(f"/my/bids/{sealed.tender.id}/submit").status_code == 302
    secrets = [b"BUSINESS-" + marker, b"PRICE-" + marker, b"7654321.98", b"13579.24", post.encode()]
    for part, (_, data) in files.items():
        secrets += _own_windows(data, twins[part][1])
        secrets += [sha(data).encode(), bytes.fromhex(sha(data))]
    places = {"database": database_bytes(), "storage": folder_bytes(Path(current_app.config["STORAGE_PATH"])),
              "temporary folder": folder_bytes(Path(tempfile.gettempdir()), since=started)}
    assert len(places["storage"]) > 2_500_000  # the sealed bytes are there, only not readable
    leaks = [(where, secret[:24]) for where, blob in places.items() for secret in secrets if secret in blob]
    assert leaks == []
    bid = db.session.scalar(sa.select(Bid))
    with pytest.raises(DomainError, match="开标前"):
        opened_private_key(sealed.tender.seal)
    # The opening: the rebuilt key opens every file and the price form, and the hashes hold.
    record_opening(sealed.tender.seal, sealed.private_key, utcnow())
    key = opened_private_key(sealed.tender.seal)
    for bid_file in bid.current_files.values():
        assert ops.verify_at_opening(bid_file, key).ok
        assert b"".join(ops.open_bid_file(bid_file, key)) == files[bid_file.part.value][1]
    form = ops.open_price_form(bid, key)
    assert form["annual_total"] == "7654321.98" and form["staffing"][0]["wage"] == "13579.24"


def _bid_files(marker: bytes) -> dict[str, tuple[str, bytes]]:
    return {"business": ("商务标.pdf", padded_pdf(2_500_000, b"BUSINESS-" + marker)),
            "technical": ("技术标.docx", docx_bytes(*(f"技术方案{marker.decode()}第{i}段" for i in range(400)))),
            "price": ("报价文件.pdf", padded_pdf(50_000, b"PRICE-" + marker))}


def _own_windows(data: bytes, twin: bytes) -> list[bytes]:
    """48-byte windows of this upload that a file of the same kind with another marker does not share.

    Headers and padding (a zip's first bytes, a PDF's preamble) are in every such file: any other
    test's file in the shared temporary folder would match them without anything having leaked.
    """
    first = next(at for at, (a, b) in enumerate(zip(data, twin, strict=False)) if a != b)
    windows = [data[at:at + 48] for at in range(max(first - 24, 0), min(first + 48 * 32, len(data) - 48), 48)]
    own = [w for w in windows if w not in twin][:8]
    assert own  # at least the marker's own bytes are searched for
    return own


def test_a_damaged_sealed_file_fails_verification_at_the_opening(client, setup):
    sealed, _, up = setup
    up.full_bid()
    bid = db.session.scalar(sa.select(Bid))
    bid_file = next(iter(bid.current_files.values()))
    blob = bytearray(bid_file.path.read_bytes())
    blob[-5] ^= 0xFF
    bid_file.path.write_bytes(bytes(blob))
    check = ops.verify_at_opening(bid_file, sealed.private_key)
    assert not check.ok and "无法解密" in check.reason
