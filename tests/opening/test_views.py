"""The 开标密钥 page, the publish form's officer choice and the opening page, through HTTP."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.db import utcnow
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.opening.models import OfficerKey
from tests.factories import PASSPHRASE, PASSWORD, add_document, make_officers, make_tender, make_user
from tests.opening.sealed import publish


def test_an_officer_sets_up_a_key_and_bad_passphrases_get_chinese_messages(client, login):
    officer = make_user(Role.OPENER)
    db.session.commit()
    login(officer)
    assert "设置开标密钥" in client.get("/opening/key").get_data(as_text=True)
    for passphrase, confirm, message in [("short", "short", "开标口令长度须为"),
                                         ("good-passphrase-2026", "other-passphrase-2026", "两次输入的口令不一致"),
                                         (PASSWORD, PASSWORD, "开标口令不能与登录密码相同")]:
        page = client.post("/opening/key", data={"passphrase": passphrase, "confirm": confirm}).get_data(as_text=True)
        assert message in page
    assert db.session.scalar(sa.select(sa.func.count(OfficerKey.id))) == 0
    done = client.post("/opening/key", data={"passphrase": "good-passphrase-2026", "confirm": "good-passphrase-2026"},
                       follow_redirects=True).get_data(as_text=True)
    assert "开标密钥已设置" in done and "修改口令" in done
    assert db.session.scalar(sa.select(sa.func.count(OfficerKey.id))) == 1


def test_a_reset_needs_the_confirmation_word_and_names_what_it_loses(client, login):
    tender, (officer, _, _) = publish()
    login(officer)
    page = client.get("/opening/key").get_data(as_text=True)
    assert tender.title in page and "将作废" in page
    data = {"passphrase": "reset-passphrase-2026", "confirm": "reset-passphrase-2026", "acknowledge": "好的"}
    assert "请输入“确认重置”以确认" in client.post("/opening/key/reset", data=data).get_data(as_text=True)
    done = client.post("/opening/key/reset", data=data | {"acknowledge": "确认重置"}, follow_redirects=True)
    assert "原密钥持有的未开标项目份额已失效" in done.get_data(as_text=True)
    assert db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "officer_key.reset")) is not None


def test_publishing_with_an_officer_without_a_key_is_refused_on_the_page(client, login, staff):
    tender = make_tender(staff)
    add_document(tender, staff)
    a, b = make_officers(2)
    keyless = make_user(Role.OPENER, name="未设密钥的开标人")
    db.session.commit()
    login(staff)
    page = client.get(f"/tenders/{tender.id}").get_data(as_text=True)
    assert "未设密钥的开标人（开标人）（未设置开标密钥）" in page
    data = {"version": str(tender.version), "officers": [a.id, b.id, keyless.id], "threshold": "2"}
    page = client.post(f"/tenders/{tender.id}/publish", data=data, follow_redirects=True).get_data(as_text=True)
    assert "未能发布：以下人员尚未设置开标密钥或不能担任开标人：未设密钥的开标人" in page
    assert tender.status is TenderStatus.DRAFT


def test_the_opening_page_shows_the_count_and_takes_a_passphrase(client, login):
    tender, (a, b, c) = publish()
    login(a)
    page = client.get(f"/opening/tenders/{tender.id}").get_data(as_text=True)
    assert "投标截止时间未到" in page and 'id="passphrase"' not in page
    tender.bid_deadline = utcnow() - timedelta(minutes=1)  # the deadline has passed
    db.session.commit()
    page = client.get(f"/opening/tenders/{tender.id}").get_data(as_text=True)
    assert 'id="needed">2<' in page and 'id="presented">0<' in page and 'id="passphrase"' in page
    page = client.post(f"/opening/tenders/{tender.id}", data={"passphrase": PASSPHRASE},
                       follow_redirects=True).get_data(as_text=True)
    assert "您的密钥份额已提交（1/2）" in page and 'id="presented">1<' in page and "您已提交密钥份额" in page
    outsider = make_officers(1)[0]
    db.session.commit()
    login(outsider)
    page = client.post(f"/opening/tenders/{tender.id}", data={"passphrase": PASSPHRASE},
                       follow_redirects=True).get_data(as_text=True)
    assert "不是本项目的开标人" in page
    login(b)
    page = client.post(f"/opening/tenders/{tender.id}", data={"passphrase": PASSPHRASE},
                       follow_redirects=True).get_data(as_text=True)
    assert "投标文件已解封，开标完成" in page and 'id="unsealed"' in page
    db.session.expire_all()
    assert tender.status is TenderStatus.OPENED


def test_the_supervisor_watches_but_cannot_present(client, login):
    tender, _ = publish()
    supervisor = make_user(Role.SUPERVISOR)
    db.session.commit()
    login(supervisor)
    assert client.get(f"/opening/tenders/{tender.id}").status_code == 200
    assert client.post(f"/opening/tenders/{tender.id}", data={"passphrase": PASSPHRASE}).status_code == 403
    login(make_user(Role.BIDDER))
    assert client.get(f"/opening/tenders/{tender.id}").status_code == 403
    assert client.get("/opening/key").status_code == 403
