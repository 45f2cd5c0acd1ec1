"""The legal calendar of a tender, as one table of rules per procedure.

Each rule returns the Chinese message shown to staff when the schedule breaks it.
Periods are counted in China local dates; the starting day is not counted
(《民法典》第二百零一条). They start when documents can actually be obtained:
the 文件发出 date, but never before the notice is published. HARD rules come from law or regulation, CONFIG rules
from practice; the numbers live in `PARAMS` so a procedure can be tuned alone.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tender.db import CHINA
from tender.notices.procedures import Procedure, SaleMode
from tender.notices.workdays import add_workdays, has_holiday_data, is_workday, workdays_between


@dataclass(frozen=True)
class Params:
    min_docs_days: int | None          # 发售期 (条例第十六条: 不少于5日)
    min_bid_days: int | None           # 发出招标文件至投标截止 (招标投标法第二十四条: 不少于20日)
    min_bid_workdays: int | None       # the light procedure counts working days instead
    clarify_days: int | None           # 澄清或修改至截止 (招标投标法第二十三条: 至少15日)
    clarify_workdays: int | None
    question_gap_days: int | None      # questions close early enough for answers to respect clarify_days
    min_invitees: int | None           # 邀请招标 ≥3 (办法第八条); 三家比价 ≥3 quotes
    min_validity_days: int             # bid validity long enough to award in time
    award_before_validity_end: int     # 定标 ≥30 days before validity ends
    publicity_days: int | None         # 中标候选人公示 ≥3 days (条例第五十四条)
    opening_on_workday: bool


PARAMS: dict[Procedure, Params] = {
    Procedure.OPEN: Params(5, 20, None, 15, None, 15, None, 60, 30, 3, True),
    Procedure.INVITED: Params(5, 20, None, 15, None, 15, 3, 60, 30, 3, True),
    Procedure.QUOTES: Params(None, None, 3, None, 1, None, 3, 30, 0, None, True),
}


@dataclass(frozen=True)
class Schedule:
    procedure: Procedure
    docs_from: datetime | None = None
    docs_to: datetime | None = None
    question_deadline: datetime | None = None
    bid_deadline: datetime | None = None
    validity_days: int | None = None
    planned_award: date | None = None
    sale_mode: SaleMode = SaleMode.UNKNOWN
    sale_date: date | None = None
    presale_date: date | None = None
    delivery_date: date | None = None
    invitees: int = 0
    published_at: datetime | None = None  # documents cannot be obtained before the notice is published


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    basis: str
    hard: bool


@dataclass(frozen=True)
class Rule:
    code: str
    basis: str
    hard: bool
    check: Callable[[Schedule, Params], str | None]


def _d(value: datetime | None) -> date | None:
    return None if value is None else value.astimezone(CHINA).date()


def _days(start: datetime, end: datetime) -> int:
    return (_d(end) - _d(start)).days


def _fmt(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(CHINA).strftime("%Y年%m月%d日 %H:%M")
    return value.strftime("%Y年%m月%d日")


def _required(s: Schedule, p: Params) -> str | None:
    missing = [label for label, value in (
        ("招标文件发出开始时间", s.docs_from), ("招标文件发出截止时间", s.docs_to),
        ("提问截止时间", s.question_deadline), ("投标截止（开标）时间", s.bid_deadline),
        ("投标有效期", s.validity_days)) if value is None]
    return f"请填写：{'、'.join(missing)}。" if missing else None


def _order(s: Schedule, p: Params) -> str | None:
    if None in (s.docs_from, s.docs_to, s.question_deadline, s.bid_deadline):
        return None
    if s.docs_to <= s.docs_from:
        return "招标文件发出截止时间必须晚于开始时间。"
    if s.docs_to > s.bid_deadline:
        return "招标文件发出截止时间不得晚于投标截止时间。"
    if not s.docs_from <= s.question_deadline < s.bid_deadline:
        return "提问截止时间必须在招标文件发出之后、投标截止时间之前。"
    if s.validity_days is not None and s.validity_days <= 0:
        return "投标有效期必须为正数天数。"
    return None


def _opens(s: Schedule) -> datetime | None:
    """When documents can actually be obtained: the issue date, but never before publication."""
    if s.docs_from is None or s.published_at is None:
        return s.docs_from
    return max(s.docs_from, s.published_at)


def _counted_from(s: Schedule) -> str:
    if s.published_at is not None and s.docs_from is not None and _d(s.published_at) > _d(s.docs_from):
        return f"（招标文件发出开始时间早于发布时间，期限自发布之日 {_fmt(_d(s.published_at))} 起计算）"
    return ""


def _docs_period(s: Schedule, p: Params) -> str | None:
    if p.min_docs_days is None or None in (s.docs_from, s.docs_to):
        return None
    days = _days(_opens(s), s.docs_to)
    if days < p.min_docs_days:
        return f"招标文件发售期不得少于 {p.min_docs_days} 日，当前为 {days} 日{_counted_from(s)}。"
    return None


def _closed_at_publication(s: Schedule, p: Params) -> str | None:
    """A sign-up or question window that ended before publication was never open to anyone."""
    if s.published_at is None:
        return None
    closed = [f"{label}（{_fmt(value)}）" for label, value in (
        ("招标文件发出截止时间", s.docs_to), ("提问截止时间", s.question_deadline))
        if value is not None and value <= s.published_at]
    if not closed:
        return None
    return f"{'、'.join(closed)}不晚于发布时间（{_fmt(s.published_at)}），发布时已经截止，请改为发布之后的时间。"


def _bid_period(s: Schedule, p: Params) -> str | None:
    if None in (s.docs_from, s.bid_deadline):
        return None
    opens, why = _opens(s), _counted_from(s)
    if p.min_bid_days is not None:
        days = _days(opens, s.bid_deadline)
        if days < p.min_bid_days:
            return (f"{s.procedure.label}自招标文件开始发出之日起至投标截止之日止不得少于 {p.min_bid_days} 日，"
                    f"当前为 {days} 日；投标截止时间最早为 {_fmt(_d(opens) + timedelta(days=p.min_bid_days))}{why}。")
    if p.min_bid_workdays is not None:
        days = workdays_between(_d(opens), _d(s.bid_deadline))
        if days < p.min_bid_workdays:
            earliest = add_workdays(_d(opens), p.min_bid_workdays)
            return (f"{s.procedure.label}自发出询价文件至报价截止不得少于 {p.min_bid_workdays} 个工作日，"
                    f"当前为 {days} 个工作日；最早为 {_fmt(earliest)}{why}。")
    return None


def _question_deadline(s: Schedule, p: Params) -> str | None:
    if p.question_gap_days is None or None in (s.question_deadline, s.bid_deadline):
        return None
    days = _days(s.question_deadline, s.bid_deadline)
    if days < p.question_gap_days:
        return (f"提问截止时间须在投标截止前至少 {p.question_gap_days} 日，以便答疑澄清满足法定期限，"
                f"当前为 {days} 日。")
    return None


def _invitees(s: Schedule, p: Params) -> str | None:
    if p.min_invitees is None or s.invitees >= p.min_invitees:
        return None
    return f"{s.procedure.label}须邀请不少于 {p.min_invitees} 家单位，当前为 {s.invitees} 家。"


def _validity(s: Schedule, p: Params) -> str | None:
    if s.validity_days is None or s.validity_days <= 0:
        return None
    if s.validity_days < p.min_validity_days:
        return f"投标有效期不得少于 {p.min_validity_days} 日，当前为 {s.validity_days} 日。"
    if s.planned_award and s.bid_deadline:
        latest = _d(s.bid_deadline) + timedelta(days=s.validity_days - p.award_before_validity_end)
        if s.planned_award > latest:
            return (f"应在投标有效期结束前 {p.award_before_validity_end} 日确定中标人：计划定标日期最迟为 "
                    f"{_fmt(latest)}，请提前定标或延长投标有效期。")
    return None


def _award_after_publicity(s: Schedule, p: Params) -> str | None:
    if p.publicity_days is None or not (s.planned_award and s.bid_deadline):
        return None
    earliest = _d(s.bid_deadline) + timedelta(days=p.publicity_days)
    if s.planned_award < earliest:
        return (f"中标候选人公示期不得少于 {p.publicity_days} 日，计划定标日期最早为 {_fmt(earliest)}。")
    return None


def _before_sale(s: Schedule, p: Params) -> str | None:
    needs = {SaleMode.CURRENT: s.sale_date, SaleMode.PRESALE: s.presale_date,
             SaleMode.NOT_FOR_SALE: s.delivery_date}.get(s.sale_mode)
    if needs is None:
        return None
    if s.planned_award is None:
        return "已填写销售或交付日期，请填写计划定标日期，以核对招标须在销售前完成。"
    if s.sale_mode is SaleMode.CURRENT and s.planned_award > s.sale_date - timedelta(days=30):
        return (f"新建现售项目应在现售前 30 日完成招标：现售日期 {_fmt(s.sale_date)}，"
                f"计划定标日期最迟为 {_fmt(s.sale_date - timedelta(days=30))}。")
    if s.sale_mode is SaleMode.PRESALE and s.planned_award >= s.presale_date:
        return (f"预售项目应在取得《商品房预售许可证》之前完成招标：预售许可日期 {_fmt(s.presale_date)}，"
                f"计划定标日期须早于该日。")
    if s.sale_mode is SaleMode.NOT_FOR_SALE and s.planned_award > s.delivery_date - timedelta(days=90):
        return (f"非出售的新建物业应在交付使用前 90 日完成招标：交付日期 {_fmt(s.delivery_date)}，"
                f"计划定标日期最迟为 {_fmt(s.delivery_date - timedelta(days=90))}。")
    return None


def _opening_workday(s: Schedule, p: Params) -> str | None:
    if not p.opening_on_workday or s.bid_deadline is None:
        return None
    if not is_workday(_d(s.bid_deadline)):
        return f"投标截止（开标）时间 {_fmt(s.bid_deadline)} 为非工作日，请改在工作日开标。"
    return None


RULES: tuple[Rule, ...] = (
    Rule("required", "招标文件（办法第十条）", True, _required),
    Rule("order", "日期先后", True, _order),
    Rule("closed_at_publication", "招标文件自发布之日起方可获取", True, _closed_at_publication),
    Rule("docs_period", "《招标投标法实施条例》第十六条", True, _docs_period),
    Rule("bid_period", "《招标投标法》第二十四条；三家比价为公司规定", True, _bid_period),
    Rule("question_deadline", "《招标投标法》第二十三条（澄清至少15日前）", False, _question_deadline),
    Rule("invitees", "《前期物业管理招标投标管理暂行办法》第八条；三家比价为公司规定", True, _invitees),
    Rule("validity", "中标人应在投标有效期结束前30日确定", True, _validity),
    Rule("publicity", "《招标投标法实施条例》第五十四条", True, _award_after_publicity),
    Rule("before_sale", "《前期物业管理招标投标管理暂行办法》", True, _before_sale),
    Rule("opening_workday", "公司规定", False, _opening_workday),
)


def check_schedule(s: Schedule, params: Params | None = None, now: datetime | None = None) -> list[Violation]:
    """Every broken rule. `now` means "publishing now": a draft's periods then count from `now` at the earliest."""
    p = params or PARAMS[s.procedure]
    if now is not None and s.published_at is None:
        s = replace(s, published_at=now)
    found = [Violation(r.code, msg, r.basis, r.hard) for r in RULES if (msg := r.check(s, p))]
    if now is not None and s.bid_deadline is not None and s.bid_deadline <= now:
        found.append(Violation("future", "投标截止时间已过，请设置将来的时间。", "日期先后", True))
    return found


def holiday_notes(s: Schedule) -> list[str]:
    """Tell staff when working days were counted without the official holiday schedule."""
    days = {_d(v) for v in (s.docs_from, s.bid_deadline) if v is not None}
    years = sorted({d.year for d in days if not has_holiday_data(d)})
    return [f"系统尚无 {y} 年法定节假日安排，{y} 年的工作日按周一至周五计算，请人工核对。" for y in years]


def clarification_deadline(s: Schedule, issued_at: datetime, params: Params | None = None) -> datetime | None:
    """The earliest legal bid deadline after a clarification or amendment issued at `issued_at`.

    None when the current deadline already leaves the legal period (招标投标法第二十三条).
    """
    p = params or PARAMS[s.procedure]
    local_deadline = s.bid_deadline.astimezone(CHINA)
    if p.clarify_days is not None:
        earliest_day = _d(issued_at) + timedelta(days=p.clarify_days)
    elif p.clarify_workdays is not None:
        earliest_day = add_workdays(_d(issued_at), p.clarify_workdays)
    else:
        return None
    if local_deadline.date() >= earliest_day:
        return None
    return datetime.combine(earliest_day, local_deadline.timetz())


def check_clarification(s: Schedule, issued_at: datetime, new_deadline: datetime | None,
                        params: Params | None = None) -> list[Violation]:
    """A clarification less than the legal period before the deadline forces the deadline to move."""
    earliest = clarification_deadline(s, issued_at, params)
    if earliest is None:
        return []
    if new_deadline is None or new_deadline < earliest:
        return [Violation(
            "clarify_period",
            f"澄清或修改距投标截止不足法定期限，须将投标截止时间顺延至 {_fmt(earliest)} 或之后。",
            "《招标投标法》第二十三条", True)]
    return check_schedule(replace(s, bid_deadline=new_deadline), params)
