"""The tender lifecycle: every state, every action, who may take it and when, in one table.

Operations, views and templates ask the predicates here (through `Tender.can` and its
named shortcuts) instead of comparing statuses, so a new state or rule changes one place.

A published tender whose bid deadline has passed *is* closed, whether or not the periodic
job has written that yet: `current_status` decides on read, so a late or stopped worker
changes nothing a user can do.

The procedure selects its rule set: 三家比价 is not a statutory tender, so it has no
candidate publicity (候选人公示) and may award straight after evaluation.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tender.auth.roles import OPENERS, STAFF_ROLES, Role
from tender.db import to_local, utcnow
from tender.errors import DomainError, NotAllowed
from tender.notices.procedures import Procedure
from tender.vocabulary import Labelled

if TYPE_CHECKING:
    from tender.auth.models import User
    from tender.notices.models import Tender


class TenderStatus(Labelled):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    CLOSED = "closed", "已截标"
    OPENED = "opened", "已开标"
    EVALUATING = "evaluating", "评标中"
    EVALUATED = "evaluated", "已评标"
    PUBLICISED = "publicised", "候选人公示中"
    AWARDED = "awarded", "已定标"
    CONTRACTED = "contracted", "已签约"
    FAILED = "failed", "已流标"
    CANCELLED = "cancelled", "已终止"


class Action(Labelled):
    EDIT = "edit", "修改项目"  # change the tender's fields (after publication: within amendment rules)
    PREPARE = "prepare", "准备招标文件和邀请名单"  # documents and invitees, before publication only
    PUBLISH = "publish", "发布"
    SIGN_UP = "sign_up", "报名"
    ASK = "ask", "提问"
    CLARIFY = "clarify", "发布澄清或修改"  # clarifications, amended documents, a new deadline
    QUALIFY = "qualify", "提交资格审查材料"  # a bidder submits its qualification
    BID = "bid", "递交投标文件"  # a bidder submits, replaces or withdraws its sealed bid
    CLOSE = "close", "截标"  # the bid deadline passed: only the system takes this one
    OPEN = "open", "开标"
    START_EVALUATION = "start_evaluation", "开始评标"
    FINISH_EVALUATION = "finish_evaluation", "完成评标"
    # 条例第五十一条（五）: the check, the clarification request and the answer, while the bids are evaluated
    REVIEW_LOW_PRICES = "review_low_prices", "审查异常低价"
    PUBLICISE = "publicise", "公示中标候选人"
    OBJECT = "object", "对中标候选人提出异议"  # a bidder of the tender, while the candidates are publicised
    ANSWER_OBJECTION = "answer_objection", "答复异议"
    AWARD = "award", "定标"
    CONTRACT = "contract", "签订合同"
    CONFIRM_COMMITMENTS = "confirm_commitments", "确认投标承诺"  # the winning bid's promises, for the contract
    TRACK_COMMITMENTS = "track_commitments", "记录承诺履行情况"  # measurements after the award
    FAIL = "fail", "宣布流标"  # 流标: too few valid bids; the tender is re-run as a new one
    LAPSE = "lapse", "投标不足流标"  # fewer than three valid bids at the deadline: the system fails it, no opening
    CANCEL = "cancel", "终止招标"


Guard = Callable[["Tender", datetime], "str | None"]


def _always(tender: Tender, now: datetime) -> str | None:
    return None


def _documents_on_sale(tender: Tender, now: datetime) -> str | None:
    return "报名已截止（招标文件发出期已结束）。" if tender.docs_to and now > tender.docs_to else None


def _questions_open(tender: Tender, now: datetime) -> str | None:
    return "提问已截止。" if tender.question_deadline and now > tender.question_deadline else None


def _deadline_passed(tender: Tender, now: datetime) -> str | None:
    return None if tender.bid_deadline and now >= tender.bid_deadline else "投标截止时间未到。"


def _publicity_running(tender: Tender, now: datetime) -> str | None:
    ends = tender.publicity_ends_at
    return "中标候选人公示期已结束，不能再提出异议。" if ends is not None and now >= ends else None


def _publicity_over_and_objections_answered(tender: Tender, now: datetime) -> str | None:
    """条例第五十四条: no award before the publicity period ends, nor while an objection is unanswered.

    The two facts are fields of the tender, kept by `tender.result` (the period when it is
    published, the count recomputed from the objections at each lodging and answer), so the
    table can ask them without importing the package above it.
    """
    ends = tender.publicity_ends_at
    if ends is None:
        return "中标候选人尚未公示，不能定标。"
    if now < ends:
        return f"中标候选人公示期至{to_local(ends):%Y-%m-%d %H:%M}结束，公示期满前不能定标。"
    if tender.objections_pending:
        return f"尚有 {tender.objections_pending} 件异议未答复，答复前暂停定标（条例第五十四条）。"
    return None


@dataclass(frozen=True)
class Rule:
    """One action: from which states, to which state (None: the state stays), by whom, on what condition."""

    action: Action
    sources: frozenset[TenderStatus]
    target: TenderStatus | None
    roles: frozenset[Role]  # empty: only the system takes this action
    guard: Guard = _always


S = TenderStatus
INITIAL = S.DRAFT
BIDDER = frozenset({Role.BIDDER})
LIVE = frozenset({S.DRAFT, S.PUBLISHED, S.CLOSED, S.OPENED, S.EVALUATING, S.EVALUATED, S.PUBLICISED})

BASE_RULES = (
    Rule(Action.EDIT, frozenset({S.DRAFT, S.PUBLISHED}), None, STAFF_ROLES),
    Rule(Action.PREPARE, frozenset({S.DRAFT}), None, STAFF_ROLES),
    Rule(Action.PUBLISH, frozenset({S.DRAFT}), S.PUBLISHED, STAFF_ROLES),
    Rule(Action.SIGN_UP, frozenset({S.PUBLISHED}), None, BIDDER, _documents_on_sale),
    Rule(Action.ASK, frozenset({S.PUBLISHED}), None, BIDDER, _questions_open),
    Rule(Action.CLARIFY, frozenset({S.PUBLISHED}), None, STAFF_ROLES),
    Rule(Action.QUALIFY, frozenset({S.PUBLISHED}), None, BIDDER),
    Rule(Action.BID, frozenset({S.PUBLISHED}), None, BIDDER),
    Rule(Action.CLOSE, frozenset({S.PUBLISHED}), S.CLOSED, frozenset(), _deadline_passed),
    Rule(Action.OPEN, frozenset({S.CLOSED}), S.OPENED, OPENERS),
    Rule(Action.START_EVALUATION, frozenset({S.OPENED}), S.EVALUATING, STAFF_ROLES),
    # Scoring needs no explicit start: the committee finishes from opened too. The chair (an expert) may
    # finish; the operation checks that an expert is the chair of this committee.
    Rule(Action.FINISH_EVALUATION, frozenset({S.OPENED, S.EVALUATING}), S.EVALUATED, STAFF_ROLES | {Role.EXPERT}),
    Rule(Action.REVIEW_LOW_PRICES, frozenset({S.OPENED, S.EVALUATING}), None,
         STAFF_ROLES | {Role.EXPERT, Role.BIDDER}),
    Rule(Action.PUBLICISE, frozenset({S.EVALUATED}), S.PUBLICISED, STAFF_ROLES),
    Rule(Action.OBJECT, frozenset({S.PUBLICISED}), None, BIDDER, _publicity_running),
    Rule(Action.ANSWER_OBJECTION, frozenset({S.PUBLICISED}), None, STAFF_ROLES),
    Rule(Action.AWARD, frozenset({S.PUBLICISED}), S.AWARDED, STAFF_ROLES, _publicity_over_and_objections_answered),
    Rule(Action.CONTRACT, frozenset({S.AWARDED}), S.CONTRACTED, STAFF_ROLES),
    # From the opening (the bids can be read) until the contract is signed.
    Rule(Action.CONFIRM_COMMITMENTS, frozenset({S.OPENED, S.EVALUATING, S.EVALUATED, S.PUBLICISED, S.AWARDED}),
         None, STAFF_ROLES),
    # From the award on: the winner serves (a contract being drafted or signed) and its promises are measured.
    Rule(Action.TRACK_COMMITMENTS, frozenset({S.AWARDED, S.CONTRACTED}), None, STAFF_ROLES),
    Rule(Action.FAIL, frozenset({S.CLOSED, S.OPENED, S.EVALUATING, S.EVALUATED}), S.FAILED, STAFF_ROLES),
    # The count of valid bids belongs to the intake: tender.opening.record.lapse_short_tenders checks it first.
    Rule(Action.LAPSE, frozenset({S.CLOSED}), S.FAILED, frozenset(), _deadline_passed),
    Rule(Action.CANCEL, LIVE, S.CANCELLED, STAFF_ROLES),
)


def _rule_set(overrides: tuple[Rule, ...] = ()) -> dict[Action, Rule]:
    rules = {rule.action: rule for rule in BASE_RULES}
    rules.update({rule.action: rule for rule in overrides})
    return rules


RULES: dict[Procedure, dict[Action, Rule]] = {
    Procedure.OPEN: _rule_set(),
    Procedure.INVITED: _rule_set(),
    # Price comparison among three quotes: no statutory candidate publicity before the award.
    Procedure.QUOTES: _rule_set((
        Rule(Action.PUBLICISE, frozenset(), S.PUBLICISED, STAFF_ROLES),
        Rule(Action.OBJECT, frozenset(), None, BIDDER),
        Rule(Action.ANSWER_OBJECTION, frozenset(), None, STAFF_ROLES),
        Rule(Action.AWARD, frozenset({S.EVALUATED}), S.AWARDED, STAFF_ROLES),
    )),
}


def rule_for(tender: Tender, action: Action | str) -> Rule:
    return RULES[tender.procedure][Action(action)]


def sources(action: Action | str) -> frozenset[TenderStatus]:
    """Every state from which `action` applies under some procedure (for queries over many tenders)."""
    return frozenset().union(*(rules[Action(action)].sources for rules in RULES.values()))


def current_status(tender: Tender, now: datetime | None = None) -> TenderStatus:
    """The status as of `now`: past its deadline a published tender is closed, written or not."""
    if tender.status is S.PUBLISHED and _deadline_passed(tender, now or utcnow()) is None:
        return S.CLOSED
    return tender.status


def refusal(tender: Tender, action: Action | str, user=None, now: datetime | None = None) -> str | None:
    """Why `user` may not take `action` now, in Chinese; None when allowed.

    With `user` None only the state and the time are checked: "does the tender accept bids?"
    """
    rule, now = rule_for(tender, action), now or utcnow()
    # The close is what `current_status` anticipates, so it alone is judged on the stored state.
    status = tender.status if rule.action is Action.CLOSE else current_status(tender, now)
    if user is not None and getattr(user, "role", None) not in rule.roles:
        return f"您的角色不能{rule.action.label}。"
    if status not in rule.sources:
        return f"项目当前状态为“{status.label}”，不能{rule.action.label}。"
    return rule.guard(tender, now)


def allows(tender: Tender, action: Action | str, user=None, now: datetime | None = None) -> bool:
    return refusal(tender, action, user, now) is None


def require(tender: Tender, action: Action | str, user=None, now: datetime | None = None) -> None:
    """Raise the refusal: NotAllowed for the wrong role (a 403), DomainError for the wrong time."""
    reason = refusal(tender, action, user, now)
    if reason is None:
        return
    rule = rule_for(tender, action)
    if user is not None and getattr(user, "role", None) not in rule.roles:
        raise NotAllowed(reason)
    raise DomainError(reason)


def target(tender: Tender, action: Action | str) -> TenderStatus:
    """The state an action leads to, for operations that audit the move in their own words."""
    return rule_for(tender, action).target


def move(tender: Tender, actor: User | None, action: Action | str, now: datetime | None = None) -> TenderStatus:
    """Take a state-changing action and audit it; `actor` None is the system (the periodic close)."""
    from tender.audit.operations import record

    rule = rule_for(tender, action)
    if rule.target is None:
        raise ValueError(f"{rule.action} does not change the state")
    if actor is None and rule.roles:
        raise NotAllowed(f"{rule.action.label}须由有权限的用户操作。")
    require(tender, rule.action, actor, now)
    before = tender.status
    tender.status = rule.target
    record(actor, f"tender.{rule.action.value}", tender, before={"status": before.value},
           after={"status": rule.target.value}, summary=f"{rule.action.label}：{tender.title}")
    return rule.target
