"""The scoring pages over HTTP: grants and denials by who is asking, the JSON autosave with its stale-cell
answer, the reader without the price part, and the panel page that shows marks and prices only once every
sheet is in, and then only to the chair and staff."""
from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal

import sqlalchemy as sa

from tender.auth.roles import Role
from tender.bids.models import BidPart
from tender.bidtext.models import BidDocument
from tender.evaluation import operations as ops
from tender.extensions import db
from tender.unit_of_work import perform
from tests.evaluation.panel import fill, opened_for_scoring, top
from tests.factories import make_user

AUTOSAVE_STATEMENTS = 10  # SQLite and PostgreSQL alike; the request ran 18 before it was trimmed


@contextmanager
def counted_statements():
    """Every SQL statement sent while the block runs (the app and the test share one engine)."""
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split())[:90])

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def money(value: Decimal) -> str:
    return f"{value:f}"


def test_sheet_page_autosave_and_denials(client, login):
    panel = opened_for_scoring(show=False)
    tender, expert = panel.tender, panel.members[1]
    url = f"/evaluation/tenders/{tender.id}/sheet"
    login(expert)
    refused = client.get(url)
    assert refused.status_code == 403 and "开标后检查结果尚未向评标委员会展示" in refused.get_data(as_text=True)
    from tests.evaluation.panel import show_findings

    show_findings(tender, panel.staff)
    page = client.get(url)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "score_sheet.js" in text
    assert all(e.company_name in text for e in panel.bidders)
    assert not any(money(e.annual_total) in text for e in panel.bidders)  # no price while scoring
    assert f"/evaluation/tenders/{tender.id}/findings" in text
    sheet = ops.sheet_of(tender, expert)
    cell = sheet.cells[0]
    leaf = panel.method().criterion(cell.criterion)
    save = f"/evaluation/tenders/{tender.id}/sheet/cells"
    body = {"bid_id": cell.bid_id, "criterion": cell.criterion, "score": str(top(leaf)), "reason": "", "version": 0}
    db.session.expire_all()  # as in a fresh request: nothing of the tender, sheet or method already loaded
    with counted_statements() as statements:
        ok = client.post(save, json=body)
    assert ok.status_code == 200 and ok.json["cell"]["version"] == 1
    # The autosave reads the seat and the method once: the signed-in session and user, the tender, the sheet,
    # the draw and the declaration, the findings shown, the sheet locked, the method, the write (RETURNING).
    assert len(statements) <= AUTOSAVE_STATEMENTS, statements
    stale = client.post(save, json=body | {"score": "0"})
    assert stale.status_code == 409 and "已在其他窗口" in stale.json["error"]
    assert stale.json["cell"] == {"score": f"{top(leaf).normalize():f}", "count": None, "reason": "", "version": 1}
    bad = client.post(save, json=body | {"score": "0.7", "version": 1})
    assert bad.status_code == 400 and "须按档次打分" in bad.json["error"]
    assert client.post(save, json=body | {"score": "abc", "version": 1}).status_code == 400
    assert client.post(save, data="not json").status_code == 400
    # A counted item: the page asks for the count; the answer carries the points the method gives (capped).
    assert 'data-kind="count"' in text and "每个项目 2 分，最多 6 分" in text
    counted = body | {"bid_id": panel.bidders[1].bid_id, "criterion": "B1", "score": None, "count": "4", "version": 0}
    got = client.post(save, json=counted)
    assert got.status_code == 200 and (got.json["cell"]["count"], got.json["cell"]["score"]) == (4, "6")
    assert "不是有效的整数" in client.post(save, json=counted | {"count": "2.5", "version": 1}).json["error"]
    typed = client.post(save, json=counted | {"score": "6", "count": None, "version": 1})
    assert typed.status_code == 400 and "请填写数量" in typed.json["error"]
    assert "得分 <span class=\"js-points\">6</span>" in client.get(url).get_data(as_text=True)
    db.session.expire_all()
    assert (cell.score, cell.version) == (top(leaf), 1)
    # Submitting an incomplete sheet is refused with the reason; the page says what is missing.
    assert client.post(f"/evaluation/tenders/{tender.id}/sheet/submit").status_code == 302
    assert "尚未评分" in client.get(url).get_data(as_text=True) and not sheet.submitted
    # Denials: another tender's outsider expert, a bidder, staff posting a cell, anonymous.
    login(make_user(Role.EXPERT))
    assert client.get(url).status_code == 404 and client.post(save, json=body).status_code == 404
    login(make_user(Role.BIDDER))
    assert client.get(url).status_code == 403 and client.post(save, json=body).status_code == 403
    login(panel.staff)
    assert client.post(save, json=body).status_code == 403


def test_reader_shows_technical_pages_never_the_price_part(client, login):
    panel = opened_for_scoring()
    tender, expert = panel.tender, panel.members[0]
    docs = db.session.scalars(sa.select(BidDocument).where(BidDocument.bid_id == panel.bidders[0].bid_id)).all()
    by_part = {d.bid_file.part: d for d in docs}
    login(expert)
    assert client.get(f"/evaluation/tenders/{tender.id}/documents/{by_part[BidPart.TECHNICAL].id}").status_code == 200
    price = client.get(f"/evaluation/tenders/{tender.id}/documents/{by_part[BidPart.PRICE].id}")
    assert price.status_code == 403 and "不显示报价文件" in price.get_data(as_text=True)
    sheet_page = client.get(f"/evaluation/tenders/{tender.id}/sheet").get_data(as_text=True)
    assert f"/documents/{by_part[BidPart.TECHNICAL].id}" in sheet_page
    assert f"/documents/{by_part[BidPart.PRICE].id}" not in sheet_page
    assert client.get(f"/evaluation/tenders/{tender.id}/findings").status_code == 200
    login(make_user(Role.EXPERT))  # not on this committee
    assert client.get(f"/evaluation/tenders/{tender.id}/documents/{by_part[BidPart.TECHNICAL].id}").status_code == 404
    assert client.get(f"/evaluation/tenders/{tender.id}/findings").status_code == 404


def test_panel_hides_marks_until_all_submit_then_chair_and_staff_see_the_aggregate(client, login):
    panel = opened_for_scoring()
    tender = panel.tender
    url = f"/evaluation/tenders/{tender.id}/panel"
    sheets = {}
    for expert in panel.members:
        sheets[expert.id] = perform(ops.open_score_sheet, tender, expert)
        fill(sheets[expert.id], expert)
    for expert in panel.members[:-1]:
        perform(ops.submit_score_sheet, sheets[expert.id], expert)
    lowest = min(panel.bidders, key=lambda e: e.annual_total)
    # Before the last sheet: the chair and staff see who submitted, never a mark or a price.
    for who in (panel.chair, panel.staff):
        login(who)
        text = client.get(url).get_data(as_text=True)
        assert "全部委员提交评分表后显示汇总结果" in text and money(lowest.annual_total) not in text
        assert 'id="ranking"' not in text
    for who, status in ((panel.members[1], 404), (make_user(Role.EXPERT), 404), (make_user(Role.BIDDER), 403)):
        login(who)
        assert client.get(url).status_code == status
    # An ordinary member cannot return another's sheet; the chair can, with a reason.
    other = panel.members[2]
    login(panel.members[1])
    back = f"/evaluation/tenders/{tender.id}/sheets/{other.id}/return"
    assert client.post(back, data={"reason": "复核"}).status_code == 404
    login(panel.chair)
    assert client.post(back, data={"reason": ""}).status_code == 302
    db.session.expire_all()
    assert sheets[other.id].submitted  # an empty reason returns nothing
    assert client.post(back, data={"reason": "请复核第二家的评分理由"}).status_code == 302
    db.session.expire_all()
    assert not sheets[other.id].submitted
    perform(ops.submit_score_sheet, sheets[other.id], other)
    perform(ops.submit_score_sheet, sheets[panel.members[-1].id], panel.members[-1])
    for who in (panel.chair, panel.staff, make_user(Role.SUPERVISOR)):
        login(who)
        text = client.get(url).get_data(as_text=True)
        assert 'id="ranking"' in text and money(lowest.annual_total) in text and "保留2位小数" in text
    login(panel.members[1])
    assert client.get(url).status_code == 404  # a member who is not the chair never gets the panel page


def test_staff_name_the_chair_from_the_sitting_members(client, login):
    panel = opened_for_scoring(chair=False)
    url = f"/evaluation/tenders/{panel.tender.id}/chair"
    login(panel.members[0])
    assert client.post(url, data={"expert": panel.members[1].id}).status_code == 403
    login(panel.staff)
    assert client.post(url, data={"expert": make_user(Role.EXPERT).id}).status_code == 302
    assert ops.chair_of(panel.tender) is None  # not a member: not a choice
    assert client.post(url, data={"expert": panel.members[1].id}).status_code == 302
    assert ops.chair_of(panel.tender).expert_id == panel.members[1].id
