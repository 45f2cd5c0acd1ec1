"""The demo's expert pool and the committee drawn for the opened tender, made through the operations.

A fixed seed keeps the demo the same on every load, so a walkthrough can name who sits;
a real draw takes `new_seed()`. One expert declared a relation with a bidder and is left
out of the draw; the first member has declared no conflict, the others have not yet.
"""
from __future__ import annotations

import sqlalchemy as sa

from tender.auth.models import User
from tender.auth.roles import Role
from tender.committee import operations as committee_ops
from tender.extensions import db
from tender.notices.models import Tender

DEMO_SEED = "yunqi-demo-committee-2026"
# email -> (specialty, organisation); the order follows the accounts in tender.demo.
PROFILES = {
    "expert1@yunqi-demo.cn": ("物业管理", "杭州市物业管理协会"),
    "expert2@yunqi-demo.cn": ("经济/造价", "浙江求是工程造价咨询有限公司"),
    "expert3@yunqi-demo.cn": ("工程", "杭州市建筑设计研究院"),
    "expert4@yunqi-demo.cn": ("法律", "浙江天册律师事务所"),
    "expert5@yunqi-demo.cn": ("物业管理", "浙江省物业管理研究会"),
    "expert6@yunqi-demo.cn": ("物业管理", "宁波市物业管理协会"),
    "expert7@yunqi-demo.cn": ("财务", "浙江天健会计师事务所"),
    "expert8@yunqi-demo.cn": ("工程", "浙江大学建筑工程学院"),
    "expert9@yunqi-demo.cn": ("物业管理", "绍兴市物业管理协会"),
}
RELATED = ("expert6@yunqi-demo.cn", "宁波嘉和物业服务有限公司", "曾任该公司项目经理（2019—2022年）")


def _expert(email: str) -> User:
    return db.session.scalar(sa.select(User).where(User.email == email))


def demo_committee(staff: User, tender: Tender) -> None:
    for email, (specialty, organisation) in PROFILES.items():
        committee_ops.save_expert_profile(_expert(email), staff, specialty, organisation)
    email, company, relation = RELATED
    related = _expert(email)
    committee_ops.add_expert_relation(committee_ops.profile_of(related), related, company, relation)
    draw = committee_ops.draw_tender_committee(tender, staff, 5, reserves=2, seed=DEMO_SEED)
    first = db.session.get(User, int(draw.members[0]))
    assert first.role is Role.EXPERT
    committee_ops.declare_conflict(tender, first, False)
