"""The expert pool, a tender's committee draw and replay, and the conflict declarations that may recuse.

The arithmetic of the draw lives in `scoring.evaluation.draw` (pure, replayable); these
operations read the pool and the tender's companies from the database, store what the
engine returns, and write the audit trail.
"""
from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa

from scoring.evaluation.draw import (
    Committee,
    DrawError,
    DrawEvent,
    DrawRequest,
    Expert,
    draw_committee,
    new_seed,
    recuse,
    verify_draw,
)
from tender.audit.operations import record
from tender.auth.models import User
from tender.auth.roles import STAFF_ROLES, Role
from tender.bidders.models import Company
from tender.bids.models import Bid, BidStatus
from tender.committee.models import CommitteeDraw, ConflictDeclaration, ExpertProfile, ExpertRelation
from tender.db import snapshot, utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices.models import Tender
from tender.notices.procedures import Procedure

PROFILE_FIELDS = ("specialty", "organisation", "external", "in_pool")
NO_CONFLICT = ("本人承诺：与本项目招标人及各投标人均无利害关系，"
               "不存在《评标委员会和评标方法暂行规定》第十二条规定的应当回避的情形。")
CONFLICT = "本人声明：与{company}存在利害关系（{reason}），申请回避。"


def rule_name(tender) -> str:
    """三家比价 has its own light rule; open and invited 前期物业 tenders follow 办法."""
    return "三家比价" if tender.procedure is Procedure.QUOTES else "前期物业"


def profile_of(user: User) -> ExpertProfile | None:
    return db.session.scalar(sa.select(ExpertProfile).where(ExpertProfile.user_id == user.id))


def save_expert_profile(user: User, actor, specialty: str, organisation: str = "", external: bool = True,
                        in_pool: bool = True) -> ExpertProfile:
    """Staff keep the pool; only expert accounts have a profile."""
    if user.role is not Role.EXPERT:
        raise DomainError("只有评标专家账号可以加入专家库")
    profile = profile_of(user)
    before = snapshot(profile, PROFILE_FIELDS) if profile else None
    if profile is None:
        profile = ExpertProfile(user_id=user.id, user=user)
        db.session.add(profile)
    profile.specialty, profile.organisation = specialty, organisation
    profile.external, profile.in_pool = external, in_pool
    profile.updated_by_id, profile.updated_at = getattr(actor, "id", None), utcnow()
    db.session.flush()
    record(actor, "committee.profile", profile, before=before, after=snapshot(profile, PROFILE_FIELDS),
           summary=f"专家库：{user.name}（{specialty}）")
    return profile


def _may_edit_relations(profile: ExpertProfile, actor) -> None:
    if actor is not None and actor.role not in STAFF_ROLES and actor.id != profile.user_id:
        raise NotAllowed("只能维护本人申报的关联关系")


def add_expert_relation(profile: ExpertProfile, actor, company_name: str, relation: str) -> ExpertRelation:
    """A declared relation keeps the expert out of every draw that company takes part in (评标规定第十二条)."""
    _may_edit_relations(profile, actor)
    company_name, relation = company_name.strip(), relation.strip()
    if not company_name or not relation:
        raise DomainError("请填写单位名称和关系说明")
    company = db.session.scalar(sa.select(Company).where(Company.name == company_name))
    item = ExpertRelation(profile=profile, company_id=company.id if company else None, company_name=company_name,
                          relation=relation, created_by_id=getattr(actor, "id", None))
    db.session.add(item)
    db.session.flush()
    record(actor, "committee.relation.add", item,
           after=snapshot(item, ("profile_id", "company_id", "company_name", "relation")),
           summary=f"{profile.user.name}申报与{company_name}的关系：{relation}")
    return item


def remove_expert_relation(item: ExpertRelation, actor) -> None:
    _may_edit_relations(item.profile, actor)
    record(actor, "committee.relation.remove", object_type="expert_relations", object_id=item.id,
           before=snapshot(item, ("company_name", "relation")), summary=f"删除关联关系：{item.company_name}")
    db.session.delete(item)
    db.session.flush()


def tender_companies(tender) -> list[str]:
    """Everyone who may bid or did: invited, registered, or with a bid on file."""
    names = {i.company.name for i in tender.invitations} | {r.company.name for r in tender.registrations}
    bids = db.session.scalars(sa.select(Company.name).join(Bid, Bid.company_id == Company.id)
                              .where(Bid.tender_id == tender.id, Bid.status != BidStatus.DRAFT)).all()
    return sorted(names | set(bids))


def pool_snapshot() -> list[dict]:
    """The drawable pool now: active external expert accounts with a profile in the pool."""
    profiles = db.session.scalars(sa.select(ExpertProfile).join(User, User.id == ExpertProfile.user_id)
                                  .where(ExpertProfile.in_pool, ExpertProfile.external, User.active,
                                         User.role == Role.EXPERT).order_by(ExpertProfile.user_id)).all()
    return [{"id": str(p.user_id), "name": p.user.name, "specialty": p.specialty, "organisation": p.organisation,
             "related_to": sorted({r.company_name for r in p.relations})} for p in profiles]


def _experts(pool: list[dict]) -> list[Expert]:
    return [Expert(e["id"], e["name"], e["specialty"], e["organisation"], frozenset(e["related_to"])) for e in pool]


def _request(draw: CommitteeDraw) -> DrawRequest:
    return DrawRequest(draw.procedure, draw.size, tuple(draw.bidders), draw.tenderer, draw.seed,
                       draw.representatives, draw.reserve_count)


def committee_of(draw: CommitteeDraw) -> Committee:
    """The stored committee as the engine's value, to compare with a replay."""
    log = tuple(DrawEvent(**e) for e in draw.log)
    return Committee(_request(draw), tuple(draw.members), tuple(draw.reserves), log)


def _store(draw: CommitteeDraw, committee: Committee) -> None:
    draw.members, draw.reserves = list(committee.members), list(committee.reserves)
    draw.log = [asdict(e) for e in committee.log]


def draw_tender_committee(tender: Tender, actor: User, size: int, representatives: int = 0, reserves: int = 2,
                          seed: str | None = None) -> CommitteeDraw:
    """Draw once per tender; the seed and the pool as it is now are kept so anyone entitled can replay it."""
    if db.session.scalar(sa.select(CommitteeDraw.id).where(CommitteeDraw.tender_id == tender.id)):
        raise DomainError("本项目已抽取评标委员会，不能重新抽取")
    pool, bidders = pool_snapshot(), tender_companies(tender)
    request = DrawRequest(rule_name(tender), size, tuple(bidders), tender.tenderer, seed or new_seed(),
                          representatives, reserves)
    try:
        committee = draw_committee(_experts(pool), request)
    except DrawError as e:
        raise DomainError(str(e), field="size") from e
    draw = CommitteeDraw(tender_id=tender.id, procedure=request.procedure, size=size, representatives=representatives,
                         reserve_count=reserves, seed=request.seed, tenderer=tender.tenderer, bidders=bidders,
                         pool=pool, created_by_id=getattr(actor, "id", None))
    _store(draw, committee)
    db.session.add(draw)
    db.session.flush()
    record(actor, "committee.draw", draw, after={**snapshot(draw, ("procedure", "size", "representatives", "seed")),
                                                 "drawn": list(committee.members), "reserve": list(committee.reserves)},
           summary=f"抽取评标委员会：{len(committee.members)}名专家，{len(committee.reserves)}名备选")
    return draw


def verify_tender_committee(draw: CommitteeDraw, actor) -> bool:
    """Replay from the stored seed and pool snapshot; the check itself is audited, whatever it finds."""
    same = verify_draw(_experts(draw.pool), committee_of(draw))
    record(actor, "committee.verify", draw, summary="复核抽取结果：" + ("一致" if same else "不一致"))
    return same


def declaration_of(tender, user) -> ConflictDeclaration | None:
    return db.session.scalar(sa.select(ConflictDeclaration).where(ConflictDeclaration.tender_id == tender.id,
                                                                  ConflictDeclaration.expert_id == user.id))


def draw_of(tender) -> CommitteeDraw | None:
    return db.session.scalar(sa.select(CommitteeDraw).where(CommitteeDraw.tender_id == tender.id))


def declare_conflict(tender: Tender, actor: User, conflict: bool, company_name: str = "",
                     reason: str = "") -> ConflictDeclaration:
    """Each sitting member declares once, before seeing any bid; a conflict recuses and calls the next reserve."""
    draw = draw_of(tender)
    if draw is None or actor.id not in draw.member_ids():
        raise NotAllowed("您不是本项目评标委员会成员")
    if declaration_of(tender, actor) is not None:
        raise DomainError("您已提交利害关系声明")
    company_name, reason = company_name.strip(), reason.strip()
    if conflict and (not company_name or not reason):
        raise DomainError("申报有利害关系时须填写相关单位和理由", field="reason")
    statement = CONFLICT.format(company=company_name, reason=reason) if conflict else NO_CONFLICT
    item = ConflictDeclaration(tender_id=tender.id, expert_id=actor.id, conflict=conflict, statement=statement,
                               company_name=company_name if conflict else "", reason=reason if conflict else "",
                               declared_at=utcnow())
    db.session.add(item)
    if conflict:
        _recuse(draw, actor, f"申报与{company_name}有利害关系：{reason}")
    db.session.flush()
    record(actor, "committee.declare", item, after=snapshot(item, ("expert_id", "conflict", "company_name", "reason")),
           summary=f"{actor.name}：{statement}")
    return item


def appoint_chair(draw: CommitteeDraw, actor: User, expert_id: int) -> CommitteeDraw:
    """The committee's chair (评标委员会负责人), named by the tenderer among the members (评标规定: 成员推举或者由
    招标人确定); only a member who declared no conflict, since the chair acts on the bids for the committee."""
    if actor.role not in STAFF_ROLES:
        raise NotAllowed("只有招标专员可以确定评标委员会负责人")
    expert = db.session.get(User, expert_id)
    declaration = declaration_of(draw.tender, expert) if expert is not None else None
    if expert is None or expert.id not in draw.member_ids():
        raise DomainError("负责人须为本项目评标委员会成员", field="expert")
    if declaration is None or declaration.conflict:
        raise DomainError("该专家尚未声明无利害关系，不能担任负责人", field="expert")
    before = {"chair_id": draw.chair_id}
    draw.chair_id = expert.id
    db.session.flush()
    record(actor, "committee.chair", draw, before=before, after={"chair_id": expert.id},
           summary=f"确定评标委员会负责人：{expert.name}")
    return draw


def _recuse(draw: CommitteeDraw, actor, reason: str) -> None:
    try:
        committee = recuse(committee_of(draw), str(actor.id), reason)
    except DrawError as e:
        raise DomainError(str(e)) from e
    _store(draw, committee)
    called = committee.log[-1].expert
    record(actor, "committee.recuse", draw, after={"committee": list(committee.members), "called": called},
           summary=f"{actor.name}回避，递补{draw.name_of(called)}")
