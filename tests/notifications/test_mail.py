"""The outbox is delivered over SMTP after the commit, and failures are kept for a retry."""
from __future__ import annotations

import socket

import sqlalchemy as sa

from tender.auth.roles import Role
from tender.extensions import db
from tender.notifications.mailer import deliver_pending
from tender.notifications.models import Message, OutboxMail
from tender.notifications.operations import notify
from tender.unit_of_work import perform
from tests.factories import make_user
from tests.notifications.smtp_server import SMTPServer


def test_mail_goes_out_after_the_commit(app):
    user = make_user(Role.BIDDER, email="bidder@mail.cn")
    db.session.commit()
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        try:
            perform(notify, [user], "澄清通知（第 1 号）", "物业管理用房含业委会办公用房。", link="/notices/1")
        finally:
            app.config.update(MAIL_SERVER="")
    assert len(server.received) == 1
    sender, recipients, message = server.received[0]
    assert recipients == ["bidder@mail.cn"] and message["Subject"] == "澄清通知（第 1 号）"
    assert "业委会办公用房" in message.get_content()
    mail = db.session.scalar(sa.select(OutboxMail))
    assert mail.sent_at is not None and mail.attempts == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(app):
    user = make_user(Role.BIDDER)
    db.session.commit()
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        try:
            notify([user], "不会发送")
            db.session.rollback()
        finally:
            app.config.update(MAIL_SERVER="")
    assert server.received == []
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 0


def test_an_unreachable_server_keeps_the_mail_for_later(app):
    user = make_user(Role.BIDDER)
    notify([user], "稍后重试")
    db.session.commit()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port)
    try:
        assert deliver_pending() == 0
    finally:
        app.config.update(MAIL_SERVER="")
    mail = db.session.scalar(sa.select(OutboxMail))
    assert mail.sent_at is None and mail.attempts == 1 and mail.last_error


def test_without_smtp_mail_stays_in_the_outbox_for_staff(client, login, staff):
    notify([make_user(Role.BIDDER, email="x@mail.cn")], "发件箱中的邮件")
    db.session.commit()
    login(staff)
    page = client.get("/inbox/outbox").get_data(as_text=True)
    assert "发件箱中的邮件" in page and "x@mail.cn" in page and "待发送" in page
