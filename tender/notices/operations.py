"""Changes to tenders. Each checks its rule, flushes, writes the audit entry; the caller commits."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from tender.audit.operations import record
from tender.auth.models import User
from tender.auth.roles import STAFF_ROLES, Role
from tender.bidders.models import Company
from tender.db import CHINA, snapshot, utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.files import store_bytes
from tender.links import path_for
from tender.methods.operations import publication_problems
from tender.notices import lifecycle
from tender.notices.calendar import check_clarification, check_schedule
from tender.notices.lifecycle import Action
from tender.notices.models import (
    AUDITED_FIELDS,
    LOCKED_AFTER_PUBLISH,
    SCHEDULE_FIELDS,
    Clarification,
    Invitation,
    Question,
    Registration,
    Tender,
    TenderDocument,
)
from tender.notices.procedures import Procedure
from tender.notifications.operations import notify
from tender.opening.operations import seal_tender
from tender.similarity.operations import add_tender_document


def _stale_check(tender: Tender, expected_version: int | None) -> None:
    if expected_version is not None and tender.version != expected_version:
        raise DomainError("该招标项目已被他人修改，请刷新页面查看最新内容后再提交。")


def _hard_violations(schedule, now=None) -> list[str]:
    return [v.message for v in check_schedule(schedule, now=now) if v.hard]


def _raise_violations(messages: list[str]) -> None:
    if messages:
        raise DomainError("；".join(messages))


# Keys of PostgreSQL advisory locks taken while a number is allocated (any two distinct integers).
LOCKS = {"tender_reference": 8_081_001, "clarification": 8_081_002}


def _lock_numbers(name: str, key: int = 0) -> None:
    """Hold the lock on one number series until commit, so two requests cannot read the same "next" number.

    Without it two clarifications (or two new tenders) at once both read the same maximum
    and the second INSERT fails on the unique number. PostgreSQL: a transaction-level
    advisory lock. SQLite: any write takes the database's single writer lock until the
    commit, and the second writer waits for it (busy timeout); the statement changes no row.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(:series, :key)"),
                           {"series": LOCKS[name], "key": key})
    else:
        db.session.execute(sa.text("UPDATE tenders SET id = id WHERE 1 = 0"))


def _next_reference(procedure: Procedure) -> str:
    _lock_numbers("tender_reference")
    prefix = "BJ" if procedure is Procedure.QUOTES else "ZB"
    year = datetime.now(CHINA).year
    stem = f"{prefix}-{year}-"
    existing = db.session.scalars(sa.select(Tender.reference).where(Tender.reference.like(f"{stem}%"))).all()
    numbers = [int(r.rsplit("-", 1)[1]) for r in existing if r.rsplit("-", 1)[1].isdigit()]
    return f"{stem}{max(numbers, default=0) + 1:03d}"


def create_tender(actor: User, **fields) -> Tender:
    tender = Tender(reference=_next_reference(fields["procedure"]), created_by_id=actor.id, **fields)
    db.session.add(tender)
    db.session.flush()
    _raise_violations(_order_violations(tender))
    record(actor, "tender.create", tender, after=snapshot(tender, AUDITED_FIELDS),
           summary=f"新建招标项目：{tender.title}")
    return tender


def _order_violations(tender: Tender) -> list[str]:
    """Drafts may be incomplete, but never impossible: dates must at least follow each other."""
    problems = [v.message for v in check_schedule(tender.schedule()) if v.code == "order"]
    if tender.public_documents and tender.procedure.by_invitation:
        problems.append(f"{tender.procedure.label}的招标文件只提供给受邀单位，不能设为公开下载。")
    return problems


def update_tender(tender: Tender, actor: User, expected_version: int | None = None, **fields) -> Tender:
    _stale_check(tender, expected_version)
    tender.require(Action.EDIT, actor)
    if not tender.in_preparation:
        changed = {k for k, v in fields.items() if getattr(tender, k) != v} & LOCKED_AFTER_PUBLISH
        if changed:
            raise DomainError("已发布项目的招标方式、发出时间和投标截止时间只能通过发布澄清或修改通知变更。")
        _raise_violations(_hard_violations(tender.schedule(**_schedule_fields(fields))))
    before = snapshot(tender, AUDITED_FIELDS)
    for key, value in fields.items():
        setattr(tender, key, value)
    _raise_violations(_order_violations(tender))
    db.session.flush()
    record(actor, "tender.update", tender, before=before, after=snapshot(tender, AUDITED_FIELDS),
           summary=f"修改招标项目：{tender.title}")
    return tender


def _schedule_fields(fields: dict) -> dict:
    return {k: v for k, v in fields.items() if k in SCHEDULE_FIELDS}


def set_invitees(tender: Tender, actor: User, company_ids: list[int]) -> None:
    if not tender.procedure.by_invitation:
        raise DomainError("公开招标不需要邀请投标人。")
    if not tender.in_preparation:
        raise DomainError("项目发布后不能再修改邀请名单。")
    before = sorted(i.company_id for i in tender.invitations)
    wanted = set(company_ids)
    tender.invitations[:] = [i for i in tender.invitations if i.company_id in wanted]
    have = {i.company_id for i in tender.invitations}
    for company_id in sorted(wanted - have):
        if db.session.get(Company, company_id) is None:
            raise DomainError("所选公司不存在。")
        tender.invitations.append(Invitation(company_id=company_id))
    db.session.flush()
    record(actor, "tender.invitees", tender, before={"companies": before},
           after={"companies": sorted(wanted)}, summary=f"设置邀请名单（{len(wanted)} 家）")


def add_document(tender: Tender, actor: User, title: str, filename: str, data: bytes) -> TenderDocument:
    if not tender.in_preparation:
        raise DomainError("项目已发布，新增或修改招标文件请使用“发布修改文件”，以便通知所有投标人。")
    saved = store_bytes(filename, data)
    document = TenderDocument(tender=tender, title=title.strip(), uploaded_by_id=actor.id, **saved.columns())
    db.session.add(document)
    db.session.flush()
    record(actor, "tender.document.add", document, after=snapshot(document, ("title", "filename", "size", "sha256")),
           summary=f"上传招标文件：{document.title}")
    add_tender_document(tender, actor, document.title, document)
    return document


def remove_document(document: TenderDocument, actor: User) -> None:
    if not document.tender.in_preparation:
        raise DomainError("项目已发布，招标文件不能删除，只能以新版本替代。")
    before = snapshot(document, ("title", "filename", "sha256"))
    db.session.delete(document)
    db.session.flush()
    record(actor, "tender.document.remove", object_type="tender_documents", object_id=document.id,
           before=before, summary=f"删除招标文件草稿：{before['title']}")


def publish_tender(tender: Tender, actor: User, expected_version: int | None = None,
                   now: datetime | None = None, *, officers: Sequence[User], threshold: int | None = None) -> list[str]:
    """Publish after every hard calendar rule holds; returns the soft warnings to show.

    Publication seals the tender: `officers` (开标人) get shares of its key, `threshold` of
    them open it (None: the procedure's default). Bids can only be sealed to a published key.
    """
    _stale_check(tender, expected_version)
    if tender.published_at is not None:
        raise DomainError("该项目已经发布，无需重复发布。")
    tender.require(Action.PUBLISH, actor)
    problems = []
    if not tender.notice.strip():
        problems.append("请填写招标公告正文")
    if not tender.current_documents:
        problems.append("请至少上传一份招标文件")
    problems += publication_problems(tender)
    found = check_schedule(tender.schedule(), now=now or utcnow())
    problems += [v.message for v in found if v.hard]
    _raise_violations(problems)
    seal_tender(tender, actor, officers, threshold)
    before = snapshot(tender, ("status", "published_at"))
    tender.status, tender.published_at = lifecycle.target(tender, Action.PUBLISH), utcnow()
    db.session.flush()
    record(actor, "tender.publish", tender, before=before, after=snapshot(tender, ("status", "published_at")),
           summary=f"发布招标项目：{tender.title}")
    _notify_invitees(tender)
    return [v.message for v in found if not v.hard]


def _notify_invitees(tender: Tender) -> None:
    if not tender.invitations:
        return
    users = [u for i in tender.invitations for u in i.company.users]
    notify(users, f"投标邀请：{tender.title}", f"贵公司受邀参加“{tender.title}”（{tender.procedure.label}），"
           f"请在招标文件发出截止前报名。", link=path_for("public.tender", tender_id=tender.id),
           topic="tender", topic_id=tender.id)


def register_company(tender: Tender, actor: User, now: datetime | None = None) -> Registration:
    now = now or utcnow()
    if actor.role is not Role.BIDDER or actor.company_id is None:
        raise NotAllowed("只有投标人账号可以报名。")
    tender.require(Action.SIGN_UP, actor, now)
    if tender.procedure.by_invitation and not tender.is_invited(actor.company_id):
        raise NotAllowed(f"本项目为{tender.procedure.label}，仅受邀单位可以报名。")
    if tender.is_registered(actor.company_id):
        raise DomainError("贵公司已报名本项目，无需重复报名。")
    # A complete registry record (valid credit code, legal representative, licence, scope) comes first.
    _raise_violations(db.session.get(Company, actor.company_id).signup_problems(tender.service_type))
    registration = Registration(tender=tender, company_id=actor.company_id, user_id=actor.id)
    db.session.add(registration)
    db.session.flush()
    record(actor, "tender.register", registration, after={"tender_id": tender.id, "company_id": actor.company_id},
           summary=f"报名：{tender.title}")
    return registration


def ask_question(tender: Tender, actor: User, body: str, now: datetime | None = None) -> Question:
    now = now or utcnow()
    if not tender.is_registered(actor.company_id):
        raise NotAllowed("报名后才能提问。")
    if not tender.accepts_questions(now):
        raise DomainError("提问已截止。")
    body = body.strip()
    if not body:
        raise DomainError("请填写问题内容。", field="body")
    question = Question(tender=tender, company_id=actor.company_id, user_id=actor.id, body=body)
    db.session.add(question)
    db.session.flush()
    record(actor, "tender.question", question, after={"tender_id": tender.id, "body": body},
           summary=f"提出问题：{tender.title}")
    staff = db.session.scalars(sa.select(User).where(User.role.in_(STAFF_ROLES))).all()
    notify(staff, f"新的投标人提问：{tender.title}", body[:200],
           link=path_for("notices.questions", tender_id=tender.id), topic="question", topic_id=question.id)
    return question


def publish_clarification(tender: Tender, actor: User, *, title: str, body: str, question_ids: list[int] = (),
                          new_deadline: datetime | None = None, now: datetime | None = None) -> Clarification:
    """Answers go to every registered bidder without naming who asked (条例第二十一条 practice)."""
    now = now or utcnow()
    if not tender.can(Action.CLARIFY, now=now):
        raise DomainError("只有已发布、未截标的项目可以发布澄清。")
    deadline_change = new_deadline if new_deadline and new_deadline != tender.bid_deadline else None
    violations = check_clarification(tender.schedule(), now, deadline_change or tender.bid_deadline)
    _raise_violations([v.message for v in violations if v.hard])
    _lock_numbers("clarification", tender.id)
    number = (db.session.scalar(sa.select(sa.func.max(Clarification.number))
                                .where(Clarification.tender_id == tender.id)) or 0) + 1
    clarification = Clarification(tender_id=tender.id, number=number, title=title.strip(), body=body.strip(),
                                  published_by_id=actor.id)
    if deadline_change:
        before = snapshot(tender, ("bid_deadline",))
        clarification.old_deadline, clarification.new_deadline = tender.bid_deadline, deadline_change
        tender.bid_deadline = deadline_change
        # Audited on the tender itself, so `audit verify --rows` knows the tender's current deadline.
        record(actor, "tender.deadline", tender, before=before, after=snapshot(tender, ("bid_deadline",)),
               summary=f"澄清变更截标时间：{tender.title}")
    db.session.add(clarification)
    for question in _questions(tender, question_ids):
        question.clarification = clarification
    db.session.flush()
    record(actor, "tender.clarify", clarification,
           after={"number": number, "title": clarification.title, "questions": sorted(question_ids),
                  "new_deadline": deadline_change.isoformat() if deadline_change else None},
           summary=f"发布第 {number} 号澄清：{tender.title}")
    _notify_registered(tender, f"澄清通知（第 {number} 号）：{tender.title}", clarification.title)
    return clarification


def _questions(tender: Tender, ids) -> list[Question]:
    if not ids:
        return []
    found = db.session.scalars(sa.select(Question).where(Question.id.in_(ids), Question.tender_id == tender.id)).all()
    if len(found) != len(set(ids)):
        raise DomainError("所选问题不属于本项目。")
    return found


def _notify_registered(tender: Tender, subject: str, body: str) -> None:
    users = [u for r in tender.registrations for u in r.company.users]
    notify(users, subject, body, link=path_for("public.tender", tender_id=tender.id),
           topic="clarification", topic_id=tender.id)


def amend_document(document: TenderDocument, actor: User, filename: str, data: bytes, note: str,
                   new_deadline: datetime | None = None, now: datetime | None = None) -> TenderDocument:
    """A new version replaces the old one, which stays downloadable and marked superseded."""
    tender, now = document.tender, now or utcnow()
    if not tender.can(Action.CLARIFY, now=now):
        raise DomainError("只有已发布、未截标的项目可以发布修改文件。")
    if document.superseded_at is not None:
        raise DomainError("该文件已被新版本替代，请在最新版本上修改。")
    saved = store_bytes(filename, data)
    newer = TenderDocument(tender=tender, title=document.title, revision=document.revision + 1,
                           supersedes_id=document.id, uploaded_by_id=actor.id, note=note.strip(), **saved.columns())
    document.superseded_at = now
    db.session.add(newer)
    db.session.flush()
    add_tender_document(tender, actor, f"{newer.title}（第 {newer.revision} 版）", newer)
    record(actor, "tender.document.amend", newer, before={"document_id": document.id, "revision": document.revision},
           after={"document_id": newer.id, "revision": newer.revision, "sha256": newer.sha256},
           summary=f"修改招标文件：{newer.title}（第 {newer.revision} 版）")
    publish_clarification(tender, actor, title=f"招标文件修改：{newer.title}（第 {newer.revision} 版）",
                          body=note or "招标文件已更新，请下载最新版本。", new_deadline=new_deadline, now=now)
    return newer


def close_due_tenders(now: datetime | None = None) -> list[Tender]:
    """Write the close of every published tender past its deadline (reads already treat them as closed)."""
    now = now or utcnow()
    due = db.session.scalars(sa.select(Tender).where(
        Tender.status.in_(lifecycle.sources(Action.CLOSE)), Tender.bid_deadline <= now)
        .order_by(Tender.id).with_for_update()).all()
    for tender in due:
        lifecycle.move(tender, None, Action.CLOSE, now)
    return due
