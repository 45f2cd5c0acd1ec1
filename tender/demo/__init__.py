"""`flask --app tender demo load`: a believable demo written by the project.

It goes through the same operations as the UI, so the audit trail, the inbox
and the outbox are filled exactly as real use would fill them.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from tender.auth import operations as auth_ops
from tender.auth.models import User
from tender.auth.roles import Role
from tender.db import CHINA, utcnow
from tender.demo import bidders as demo_bidders
from tender.demo import texts as demo_texts
from tender.demo.clock import at, workday_on_or_after
from tender.demo.documents import cleaning_sections, residential_sections, tender_docx
from tender.extensions import db
from tender.methods import operations as method_ops
from tender.notices import operations as notice_ops
from tender.notices.procedures import Procedure, SaleMode
from tender.notices.workdays import add_workdays
from tender.opening.officer_keys import set_up_officer_key

demo_cli = AppGroup("demo", help="演示数据 (demo data)")
PASSWORD = "demo-password-2026"
PASSPHRASE = "yunqi-kaibiao-2026"  # the demo officers' 开标口令 (published on purpose, like the password)

STAFF_ACCOUNTS = [
    ("admin@yunqi-demo.cn", "周立新", Role.ADMIN),
    ("staff@yunqi-demo.cn", "王敏", Role.STAFF),
    ("supervisor@yunqi-demo.cn", "陈卫东", Role.SUPERVISOR),
    ("opener@yunqi-demo.cn", "刘晓燕", Role.OPENER),
    ("opener2@yunqi-demo.cn", "马俊", Role.OPENER),
    ("opener3@yunqi-demo.cn", "林雪梅", Role.OPENER),
    ("expert1@yunqi-demo.cn", "赵文博", Role.EXPERT),
    ("expert2@yunqi-demo.cn", "孙丽华", Role.EXPERT),
    ("expert3@yunqi-demo.cn", "李建国", Role.EXPERT),
    ("expert4@yunqi-demo.cn", "何静", Role.EXPERT),
    ("expert5@yunqi-demo.cn", "郑海涛", Role.EXPERT),
    ("expert6@yunqi-demo.cn", "钱志远", Role.EXPERT),
    ("expert7@yunqi-demo.cn", "冯雅琴", Role.EXPERT),
    ("expert8@yunqi-demo.cn", "许明辉", Role.EXPERT),
    ("expert9@yunqi-demo.cn", "蒋慧芳", Role.EXPERT),
]
BIDDERS = [
    ("bidder1@yunqi-demo.cn", "张宏", "13805710001", "杭州锦程物业服务有限公司"),
    ("bidder2@yunqi-demo.cn", "吴倩", "13905710002", "浙江恒安物业管理有限公司"),
    ("bidder3@yunqi-demo.cn", "黄志强", "13605710003", "宁波嘉和物业服务有限公司"),
]


def _accounts() -> tuple[User, list[User]]:
    admin = User(email="admin@yunqi-demo.cn", name="周立新", role=Role.ADMIN)
    admin.set_password(PASSWORD)
    db.session.add(admin)
    db.session.flush()
    for email, name, role in STAFF_ACCOUNTS[1:]:
        user = auth_ops.create_account(admin, name=name, email=email, phone="", role=role, password=PASSWORD)
        user.must_change_password = False  # demo accounts share one published password on purpose
    bidders = [auth_ops.register_bidder(company_name=company, name=name, email=email, phone=phone, password=PASSWORD)
               for email, name, phone, company in BIDDERS]
    demo_bidders.complete_companies(bidders)
    staff = db.session.scalar(sa.select(User).where(User.email == "staff@yunqi-demo.cn"))
    for officer in _officers(3):
        set_up_officer_key(officer, PASSPHRASE)
    return staff, bidders


def _officers(n: int) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.role == Role.OPENER).order_by(User.id).limit(n)))


def _residential(staff: User, bidders: list[User]) -> None:
    today = datetime.now(CHINA).date()
    docs_from = today - timedelta(days=2)
    deadline = workday_on_or_after(docs_from + timedelta(days=26))
    area, mix = "186,420.50", "高层住宅 78%，商业 9%，地下车库及配套 13%"
    tender = notice_ops.create_tender(
        staff, title="滨江·云栖苑前期物业管理服务", procedure=Procedure.OPEN, service_type="前期物业管理",
        tenderer="杭州云栖置业有限公司", tenderer_address="杭州市滨江区江汉路 188 号云栖中心 12 楼",
        contact="王敏 0571-8866 1200", location="浙江省杭州市滨江区江汉路与闻涛路交叉口东北角",
        floor_area=Decimal("186420.50"), property_mix=mix, sale_mode=SaleMode.PRESALE,
        sale_date=None, presale_date=deadline + timedelta(days=75), delivery_date=None,
        max_price=Decimal("9850000.00"),
        notice=("杭州云栖置业有限公司就滨江·云栖苑前期物业管理服务进行公开招标，欢迎符合条件的物业服务企业参加。\n"
                "一、项目概况：总建筑面积约 186,420.50 平方米，含高层住宅 1,326 户、沿街商业及地下车库。\n"
                "二、投标人资格：依法注册的独立法人，经营范围包含物业管理，拟派项目经理具有相应从业经历。\n"
                "三、招标文件获取：报名后在本平台下载。\n四、投标文件递交：在投标截止时间前通过本平台加密上传。"),
        docs_from=at(docs_from, 9), docs_to=at(docs_from + timedelta(days=7), 17),
        question_deadline=at(deadline - timedelta(days=17), 17), bid_deadline=at(deadline, 9, 30),
        validity_days=90, planned_award=deadline + timedelta(days=12),
    )
    notice_ops.add_document(tender, staff, "招标文件", "云栖苑前期物业管理招标文件.docx",
                            tender_docx("滨江·云栖苑前期物业管理服务招标文件",
                                        residential_sections("滨江·云栖苑", area, mix)))
    method_ops.choose_template(tender, staff, "comprehensive")
    notice_ops.publish_tender(tender, staff, now=at(docs_from, 8), officers=_officers(3), threshold=2)
    for bidder in bidders[:2]:
        notice_ops.register_company(tender, bidder, now=at(docs_from, 10))
    demo_bidders.qualification(staff, tender, bidders[:2], now=at(docs_from, 11))
    question = notice_ops.ask_question(
        tender, bidders[0], "招标文件第二章所述物业管理用房是否包含业主委员会办公用房？",
        now=at(docs_from + timedelta(days=1), 10))
    notice_ops.publish_clarification(
        tender, staff, title="关于物业管理用房的答复",
        body="物业管理用房 420 平方米中含业主委员会办公用房约 40 平方米，由物业服务企业代管。",
        question_ids=[question.id], now=at(docs_from + timedelta(days=1), 15))


def _cleaning(staff: User, bidders: list[User]) -> None:
    today = datetime.now(CHINA).date()
    start = workday_on_or_after(today)
    deadline = add_workdays(start, 6)
    tender = notice_ops.create_tender(
        staff, title="云栖苑售楼处及样板区保洁服务（三家比价）", procedure=Procedure.QUOTES, service_type="保洁服务",
        tenderer="杭州云栖置业有限公司", tenderer_address="杭州市滨江区江汉路 188 号云栖中心 12 楼",
        contact="王敏 0571-8866 1200", location="云栖苑售楼处及样板区", floor_area=Decimal("2860.00"),
        property_mix="售楼处 1,900 ㎡，样板间 4 套，室外广场约 960 ㎡", sale_mode=SaleMode.UNKNOWN,
        sale_date=None, presale_date=None, delivery_date=None, max_price=Decimal("360000.00"),
        notice="邀请三家保洁服务单位报价，服务期一年，报价截止后统一开启。",
        docs_from=at(start, 9), docs_to=at(deadline, 12), question_deadline=at(add_workdays(start, 3), 17),
        bid_deadline=at(deadline, 15), validity_days=60, planned_award=None,
    )
    notice_ops.set_invitees(tender, staff, [b.company_id for b in bidders])
    notice_ops.add_document(tender, staff, "询价文件", "售楼处保洁询价文件.docx",
                            tender_docx("云栖苑售楼处及样板区保洁服务询价文件",
                                        cleaning_sections("云栖苑售楼处及样板区")))
    method_ops.choose_template(tender, staff, "three_quotes_lowest")
    notice_ops.publish_tender(tender, staff, now=utcnow(), officers=_officers(1), threshold=1)


def demo_bids(staff: User, bidders: list[User]) -> list:
    """Two bidders' plans in the copy-detection store; they share one passage and a local standard."""
    from tender.similarity import operations as sim_ops
    from tender.similarity.models import DocumentKind

    plans = [(bidders[0], "锦程物业服务方案", demo_texts.BID_JINCHENG),
             (bidders[1], "恒安物业服务方案", demo_texts.BID_HENGAN)]
    return [sim_ops.add_document(staff, title=title, filename=f"{title}.txt", data=text.encode(), kind=DocumentKind.BID,
                                 company_id=bidder.company_id) for bidder, title, text in plans]


def _copy_detection(staff: User, bidders: list[User]) -> None:
    from tender.similarity import operations as sim_ops
    from tender.similarity.models import DocumentKind

    sim_ops.add_document(staff, title=demo_texts.STANDARD_TITLE, filename="示例标准.txt",
                         data=demo_texts.STANDARD.encode(), kind=DocumentKind.LIBRARY)
    first, second = demo_bids(staff, bidders)
    sim_ops.request_comparison(staff, first, second)


def _opened(staff: User, bidders: list[User]) -> None:
    from tender.demo.committee import demo_committee
    from tender.demo.opened import history_tender, opened_tender

    today = datetime.now(CHINA).date()
    history_tender(staff, _officers(3), today)
    demo_committee(staff, opened_tender(staff, bidders, _officers(3), PASSPHRASE, today))


def load_demo() -> bool:
    if db.session.scalar(sa.select(sa.func.count(User.id))):
        return False
    staff, bidders = _accounts()
    _residential(staff, bidders)
    _cleaning(staff, bidders)
    _copy_detection(staff, bidders)
    _opened(staff, bidders)
    db.session.commit()
    return True


@demo_cli.command("load")
def load_command():
    """Load the demo unless the database already has accounts."""
    if not load_demo():
        click.echo("Database already has data; demo not loaded.")
    click.echo(f"Demo logins (password for all: {PASSWORD}; 开标口令 of the three 开标人: {PASSPHRASE}):")
    for email, name, role in STAFF_ACCOUNTS:
        click.echo(f"  {role.label:<6} {name:<4} {email}")
    for email, name, _, company in BIDDERS:
        click.echo(f"  投标人   {name:<4} {email}  ({company})")
