"""The review page (scope 1): extracted commitments beside their source pages; staff edit, add, drop and confirm;
only confirmed rows reach the generated contract, which is the awarded winner's."""
from __future__ import annotations

import sqlalchemy as sa

from tender.auth.roles import Role
from tender.contracts.models import ConfirmedCommitment, Contract
from tender.extensions import db
from tender.result.operations import winner_of
from tests.contracts.awarded import PROMISES, awarded
from tests.contracts.docx_read import annex_rows, paragraphs
from tests.factories import make_user


def proposal(n: int, promise, **changes) -> dict:
    fields = {"indicator": promise.indicator.value, "comparator": promise.comparator.value,
              "value": str(promise.value), "unit": promise.unit.value,
              "period": promise.period.value if promise.period else "", "deadline": promise.deadline,
              "method": "", "penalty": "", "page": str(promise.page), "source": promise.source, **changes}
    return {f"p{n}-{k}": v for k, v in fields.items()}


def test_review_confirm_edit_add_drop_then_generate(client, login):
    a = awarded(pages=True)
    url = f"/tenders/{a.tender.id}/contract/commitments"
    login(a.staff)
    page = client.get(url).get_data(as_text=True)
    assert page.count('class="row border rounded p-2 mb-3 proposal"') == len(PROMISES)
    assert "<mark>业主综合满意率两年内达到95%以上</mark>" in page and "第 12 页" in page  # the source page beside it
    assert "尚无已确认的承诺" in page

    bad = client.post(f"{url}/confirm?form=p1", data=proposal(1, PROMISES[0], value="九十六"))
    assert bad.status_code == 400 and "目标值" in bad.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ConfirmedCommitment.id))) == 0  # nothing unconfirmed stored

    edited = client.post(f"{url}/confirm?form=p1", data=proposal(1, PROMISES[0], value="96"))
    assert edited.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert page.count('mb-3 proposal"') == len(PROMISES) - 1 and "两年内≥ 96%" in page
    for n, promise in enumerate(PROMISES[1:], 1):  # the page renumbers what is left
        assert client.post(f"{url}/confirm?form=p1", data=proposal(1, promise)).status_code == 302, n
    assert "没有待确认的提取结果" in client.get(url).get_data(as_text=True)

    typed = {"add-indicator": "staff_total", "add-comparator": "≥", "add-value": "19", "add-unit": "人",
             "add-period": "", "add-deadline": "", "add-method": "现场点名", "add-penalty": "", "add-page": ""}
    assert client.post(f"{url}/confirm?form=add", data=typed).status_code == 302
    rows = db.session.scalars(sa.select(ConfirmedCommitment).order_by(ConfirmedCommitment.id)).all()
    assert [r.page for r in rows] == [12, 14, 14, 20, None] and rows[-1].penalty_clause == "第二十二条"
    drill = rows[3]
    assert client.post(f"{url}/{drill.id}/withdraw").status_code == 302  # dropped: back among the proposals
    assert "每年组织消防演练不少于2次" in client.get(url).get_data(as_text=True)

    generated = client.post(f"/tenders/{a.tender.id}/contract/draft",
                            data={"fee_regime": "lump_sum", "term_start": "2027-07-01", "term_months": "36"})
    assert generated.status_code == 302
    contract = db.session.scalar(sa.select(Contract))
    assert contract.bid_id == winner_of(a.tender).id == a.bid.id
    data = contract.path.read_bytes()
    assert [row[1] for row in annex_rows(data)] == ["业主综合满意率", "急修到场时间", "零修、急修及时率",
                                                    "项目定员人数"]
    assert f"乙方（物业服务企业）：{a.company.name}" in paragraphs(data)


def test_refusals_are_shown_in_chinese_and_the_supervisor_only_reads(client, login):
    a = awarded(pages=True)
    url = f"/tenders/{a.tender.id}/contract/commitments"
    login(a.staff)
    response = client.post(f"/tenders/{a.tender.id}/contract/draft",
                           data={"fee_regime": "lump_sum", "term_start": "2027-07-01", "term_months": "0"})
    assert response.status_code == 400 and "服务期限须为 1–240 个月" in response.get_data(as_text=True)
    response = client.post(f"{url}/confirm?form=add", data={"add-indicator": "satisfaction", "add-comparator": "≥",
                                                    "add-value": "1e12", "add-unit": "%"})
    assert response.status_code == 400
    assert "目标值须为 0 至 9,999,999,999.99 之间的数字" in response.get_data(as_text=True)
    assert client.post(f"{url}/confirm?form=../x", data={}).status_code == 404

    dropped = client.post(f"{url}/confirm?form=p4", data={**proposal(4, PROMISES[3]), "p4-drop": "不采用"})
    assert dropped.status_code == 302  # judged no commitment: off the list, and never confirmed
    page = client.get(url).get_data(as_text=True)
    assert page.count('mb-3 proposal"') == 3 and "<mark>每年组织消防演练不少于2次</mark>" not in page
    assert db.session.scalar(sa.select(sa.func.count(ConfirmedCommitment.id))) == 0

    login(make_user(Role.SUPERVISOR))
    page = client.get(url).get_data(as_text=True)
    assert "<mark>接到急修请求后15分钟内到达现场</mark>" in page and "确认此承诺" not in page
    assert client.post(f"{url}/confirm?form=p1", data=proposal(1, PROMISES[0])).status_code == 403

    before = awarded(to=None, pages=True)  # not opened: no winner, nothing to review
    login(before.staff)
    assert "本项目尚未定标" in client.get(f"/tenders/{before.tender.id}/contract/commitments").get_data(as_text=True)
    assert client.post(f"/tenders/{before.tender.id}/contract/commitments/confirm?form=p1", data={}).status_code == 404
