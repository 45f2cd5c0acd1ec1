"""Tracking after the award (scope 4, acceptance 4 second half): measurements per confirmed commitment, met or
breached in the page (chart and breaches list tied to the 违约责任 article) and in the Excel export."""
from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from tender.auth.roles import Role
from tender.contracts import operations as ops
from tender.contracts.tracking import record_measurement
from tender.errors import DomainError
from tender.notices.lifecycle import Action
from tender.unit_of_work import perform
from tests.contracts.awarded import PROMISES, awarded
from tests.factories import make_user


def confirmed(a):
    return [perform(ops.confirm_commitment, a.bid, a.staff, p) for p in PROMISES]


def measure(client, a, row, value, unit, start, end, note=""):
    prefix = f"m{row.id}"
    return client.post(f"/tenders/{a.tender.id}/contract/tracking/{row.id}",
                       data={f"{prefix}-value": value, f"{prefix}-unit": unit, f"{prefix}-period_start": start,
                             f"{prefix}-period_end": end, f"{prefix}-note": note})


def test_a_breached_measurement_shows_in_the_page_and_in_the_export(client, login):
    a = awarded()
    satisfaction, arrival, *_ = confirmed(a)
    login(a.staff)
    assert measure(client, a, satisfaction, "96", "%", "2027-07-01", "2027-09-30", "第三季度调查").status_code == 302
    assert measure(client, a, satisfaction, "88.5", "%", "2027-10-01", "2027-12-31", "第四季度调查").status_code == 302
    assert measure(client, a, arrival, "0.2", "小时", "2027-07-01", "2027-07-31").status_code == 302  # 12 minutes

    page = client.get(f"/tenders/{a.tender.id}/contract/tracking").get_data(as_text=True)
    breaches = page.split('id="breaches"')[1].split("</table>")[0]
    assert breaches.count("<tr class=\"table-danger\">") == 1
    assert "业主综合满意率" in breaches and "88.5%" in breaches and "合同第二十条（违约责任）" in breaches
    section = page.split(f'id="commitment-{satisfaction.id}"')[1].split("</section>")[0]
    assert section.count("verdict\">违约") == 1 and section.count("verdict\">达标") == 1
    assert 'src="data:image/svg+xml;base64,' in section  # the chart over time
    assert "verdict\">达标" in page.split(f'id="commitment-{arrival.id}"')[1].split("</section>")[0]

    export = client.get(f"/tenders/{a.tender.id}/contract/tracking.xlsx")
    assert export.status_code == 200
    sheets = pd.read_excel(io.BytesIO(export.data), sheet_name=None)
    every, broken = sheets["履行记录"], sheets["违约清单"]
    assert sorted(every["结论"]) == ["达标", "达标", "违约"]
    assert broken[["指标", "测量值", "结论", "违约责任条款"]].values.tolist() == [
        ["业主综合满意率", 88.5, "违约", "第二十条"]]

    with pytest.raises(DomainError, match="已有履行记录"):
        perform(ops.withdraw_commitment, satisfaction, a.staff)


def test_bad_measurements_are_refused_with_chinese_messages(client, login, app):
    a = awarded()
    satisfaction, *_ = confirmed(a)
    login(a.staff)
    cases = [(("95", "分钟", "2027-07-01", "2027-07-31"), "计量单位“分钟”不能与承诺的单位“%”比较"),
             (("95", "%", "2027-08-01", "2027-07-01"), "开始日期不能晚于结束日期"),
             (("很好", "%", "2027-07-01", "2027-07-31"), "测量值"),
             (("1e12", "%", "2027-07-01", "2027-07-31"), "测量值须为 0 至 9,999,999,999.99 之间的数字")]
    for args, message in cases:
        response = measure(client, a, satisfaction, *args)
        assert response.status_code == 400 and message in response.get_data(as_text=True), message
    assert satisfaction.measurements == []
    login(make_user(Role.SUPERVISOR))  # reads, never records
    assert client.get(f"/tenders/{a.tender.id}/contract/tracking").status_code == 200
    assert measure(client, a, satisfaction, "95", "%", "2027-07-01", "2027-07-31").status_code == 403

    early = awarded(to=Action.PUBLICISE)
    row = perform(ops.confirm_commitment, early.bid, early.staff, PROMISES[0])
    with pytest.raises(DomainError, match="记录承诺履行情况"):
        perform(record_measurement, row, early.staff, value=Decimal("95"), unit="%", period_start=date(2027, 7, 1),
                period_end=date(2027, 7, 31))
