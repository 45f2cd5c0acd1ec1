"""The contract page: deviations shown before signing, the signature refused while they stand, who may see what."""
from __future__ import annotations

import io
from datetime import date

from tender.auth.roles import Role
from tender.contracts import operations as ops
from tender.contracts.context import FeeRegime
from tender.notices.lifecycle import TenderStatus
from tender.unit_of_work import perform
from tests.contracts.awarded import PROMISES, awarded
from tests.contracts.docx_read import annex_rows
from tests.factories import make_user


def draft(a, **kw):
    return perform(ops.draft_contract, a.tender, a.staff, fee_regime=FeeRegime.LUMP_SUM,
                   term_start=date(2027, 7, 1), term_months=36, **kw)


def test_a_fee_deviation_is_shown_before_signing_and_the_signature_refused(client, login):
    a = awarded()
    for promise in PROMISES:
        perform(ops.confirm_commitment, a.bid, a.staff, promise)
    changed = draft(a, fees=[{"type": "住宅", "fee": "2.30"}, {"type": "商业", "fee": "6.00"}])
    login(a.staff)
    assert f"/tenders/{a.tender.id}/contract" in client.get(f"/tenders/{a.tender.id}").get_data(as_text=True)
    page = client.get(f"/tenders/{a.tender.id}/contract").get_data(as_text=True)
    assert "id=\"deviations\"" in page
    assert "“住宅”收费标准：合同 2.30 元/月·㎡，与中标报价 2.50 元/月·㎡ 不一致。" in page
    assert "两年内≥ 95%" in page and "第 12 页" in page  # the confirmed commitments beside it
    response = client.post(f"/tenders/{a.tender.id}/contract/{changed.id}/sign", follow_redirects=True)
    assert "未能签订：合同与招标文件、中标投标文件存在实质性差异" in response.get_data(as_text=True)
    assert a.tender.status is TenderStatus.AWARDED

    faithful = draft(a)
    page = client.get(f"/tenders/{a.tender.id}/contract").get_data(as_text=True)
    assert "id=\"no-deviations\"" in page and "id=\"versions\"" in page
    download = client.get(f"/tenders/{a.tender.id}/contract/{faithful.id}/download")
    assert download.status_code == 200 and len(annex_rows(download.data)) == len(PROMISES)
    response = client.post(f"/tenders/{a.tender.id}/contract/{faithful.id}/sign", follow_redirects=True)
    assert "合同已签订。" in response.get_data(as_text=True)
    assert a.tender.status is TenderStatus.CONTRACTED


def test_the_supervisor_reads_and_nobody_else_outside_staff(client, login):
    a = awarded()
    contract = draft(a)
    login(make_user(Role.SUPERVISOR))
    assert client.get(f"/tenders/{a.tender.id}/contract").status_code == 200
    assert client.get(f"/tenders/{a.tender.id}/contract/{contract.id}/download").status_code == 200
    assert client.post(f"/tenders/{a.tender.id}/contract/{contract.id}/sign").status_code == 403
    for role in (Role.BIDDER, Role.EXPERT, Role.OPENER):
        login(make_user(role))
        assert client.get(f"/tenders/{a.tender.id}/contract").status_code == 403
        assert client.get(f"/tenders/{a.tender.id}/contract/{contract.id}/download").status_code == 403


def test_a_contract_is_found_only_under_its_own_tender(client, login):
    a, b = awarded(), awarded()
    contract = draft(a)
    login(a.staff)
    assert client.get(f"/tenders/{b.tender.id}/contract/{contract.id}/download").status_code == 404
    assert client.post(f"/tenders/{b.tender.id}/contract/{contract.id}/sign").status_code == 404
    assert "尚未生成合同" in client.get(f"/tenders/{b.tender.id}/contract").get_data(as_text=True)
    assert io.BytesIO(client.get(f"/tenders/{a.tender.id}/contract/{contract.id}/download").data).read(2) == b"PK"
