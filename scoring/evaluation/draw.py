"""Drawing the evaluation committee from an expert pool, with reserves, recusal and replay.

Rules (domain-rules.md §1.12, §5, §8): 前期物业 committees have at least 5 members, an odd
number, and experts other than the tenderer's representatives make up at least two
thirds, drawn at random (办法; 招标投标法第三十七条); 三家比价 uses at least 3. People
related to a bidder or to the tenderer may not sit (评标规定第十二条), so they are left
out before the draw and the log says why.

Why SHA-256 ordering instead of `random.Random(seed).sample`: each expert's place is
sha256(seed, expert id), so anyone can recompute it with any SHA-256 tool and no Python;
the order does not depend on the order the pool was listed in, nor on the Python
version (`random`'s sampling algorithms have changed between versions); and adding an
expert to the pool does not reshuffle everyone else. The seed is drawn with `secrets`
at draw time and recorded, so the same seed and pool replay the same committee and log.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction


class DrawError(ValueError):
    """A broken composition rule or an impossible draw; the message is shown to staff as is."""


@dataclass(frozen=True)
class Expert:
    id: str
    name: str
    specialty: str = ""
    organisation: str = ""
    related_to: frozenset[str] = frozenset()  # companies the expert declared a relation with


@dataclass(frozen=True)
class CompositionRule:
    minimum: int
    odd: bool
    external_share: Fraction | None
    source: str


RULES = {
    "前期物业": CompositionRule(5, True, Fraction(2, 3),
                            "《前期物业管理招标投标管理暂行办法》：5人以上单数，专家不少于三分之二"),
    "三家比价": CompositionRule(3, False, None, "公司三家比价规定：评审小组不少于3人"),
}


@dataclass(frozen=True)
class DrawRequest:
    procedure: str
    size: int  # all members, the tenderer's representatives included
    bidders: tuple[str, ...]
    tenderer: str
    seed: str
    representatives: int = 0  # appointed by the tenderer, not drawn
    reserves: int = 2
    rule: CompositionRule | None = None  # a stricter local rule (e.g. experts >= 4/5); None: RULES[procedure]


@dataclass(frozen=True)
class DrawEvent:
    step: int
    expert: str
    action: str  # excluded | drawn | reserve | recused | called
    reason: str


@dataclass(frozen=True)
class Committee:
    request: DrawRequest
    members: tuple[str, ...]  # drawn experts' ids, in draw order
    reserves: tuple[str, ...]
    log: tuple[DrawEvent, ...] = field(default=())


def new_seed() -> str:
    return secrets.token_hex(16)


def check_composition(procedure: str, size: int, representatives: int = 0,
                      rule: CompositionRule | None = None) -> CompositionRule:
    """The rule for the procedure (or the given stricter one), or a DrawError naming the broken requirement."""
    rule = rule or RULES.get(procedure)
    if rule is None:
        raise DrawError(f"未知的招标方式：{procedure}")
    if size < rule.minimum:
        raise DrawError(f"评标委员会至少{rule.minimum}人，当前{size}人（{rule.source}）")
    if rule.odd and size % 2 == 0:
        raise DrawError(f"评标委员会人数须为单数，当前{size}人（{rule.source}）")
    if not 0 <= representatives < size:
        raise DrawError("招标人代表人数须少于委员会总人数")
    if rule.external_share is not None and Fraction(size - representatives, size) < rule.external_share:
        share = rule.external_share
        raise DrawError(f"专家人数{size - representatives}人，不足委员会{size}人的"
                        f"{share.denominator}分之{share.numerator}（{rule.source}）")
    return rule


def relation(expert: Expert, request: DrawRequest) -> str | None:
    """Why the expert may not sit (评标规定第十二条), or None."""
    for company in (request.tenderer, *sorted(request.bidders)):
        role = "招标人" if company == request.tenderer else "投标人"
        if expert.organisation == company:
            return f"任职于{role}{company}"
        if company in expert.related_to:
            return f"申报与{role}{company}存在利害关系"
    return None


def _place(seed: str, expert_id: str) -> str:
    return hashlib.sha256(f"{seed}\x00{expert_id}".encode()).hexdigest()


def draw_committee(pool: Iterable[Expert], request: DrawRequest) -> Committee:
    """Members then reserves in SHA-256 order of (seed, id), related experts left out and logged."""
    check_composition(request.procedure, request.size, request.representatives, request.rule)
    experts = sorted(pool, key=lambda e: e.id)
    if len({e.id for e in experts}) != len(experts):
        raise DrawError("专家库中有重复的专家编号")
    log, eligible = [], []
    for e in experts:
        reason = relation(e, request)
        if reason:
            log.append(DrawEvent(len(log) + 1, e.id, "excluded", f"回避：{reason}"))
        else:
            eligible.append(e)
    drawn_count = request.size - request.representatives
    if len(eligible) < drawn_count + request.reserves:
        raise DrawError(f"专家库可抽取专家{len(eligible)}人，"
                        f"不足所需的{drawn_count}名专家和{request.reserves}名备选专家")
    order = sorted(eligible, key=lambda e: _place(request.seed, e.id))[: drawn_count + request.reserves]
    for i, e in enumerate(order):
        action, what = ("drawn", "抽中为评标专家") if i < drawn_count else ("reserve", f"第{i - drawn_count + 1}备选")
        log.append(DrawEvent(len(log) + 1, e.id, action, f"{what}（{e.specialty or '未注明专业'}）"))
    ids = tuple(e.id for e in order)
    return Committee(request, ids[:drawn_count], ids[drawn_count:], tuple(log))


def recuse(committee: Committee, expert_id: str, reason: str) -> Committee:
    """A declared conflict removes the expert; a member is replaced by the first reserve in order."""
    if not reason.strip():
        raise DrawError("回避须说明理由")
    log = list(committee.log)
    log.append(DrawEvent(len(log) + 1, expert_id, "recused", reason))
    if expert_id in committee.reserves:
        return replace(committee, reserves=tuple(r for r in committee.reserves if r != expert_id), log=tuple(log))
    if expert_id not in committee.members:
        raise DrawError(f"专家{expert_id}不在本次评标委员会中")
    if not committee.reserves:
        raise DrawError("备选专家已用完，须从专家库补充抽取")
    called, rest = committee.reserves[0], committee.reserves[1:]
    log.append(DrawEvent(len(log) + 1, called, "called", f"递补专家{expert_id}"))
    members = tuple(called if m == expert_id else m for m in committee.members)
    return replace(committee, members=members, reserves=rest, log=tuple(log))


def replay_draw(pool: Iterable[Expert], request: DrawRequest, recusals: Sequence[tuple[str, str]] = ()) -> Committee:
    """Redo the draw from the recorded seed, then the recorded recusals in order."""
    committee = draw_committee(pool, request)
    for expert_id, reason in recusals:
        committee = recuse(committee, expert_id, reason)
    return committee


def verify_draw(pool: Iterable[Expert], committee: Committee) -> bool:
    """True when the pool and the recorded seed and recusals give exactly this committee and log."""
    recusals = [(e.expert, e.reason) for e in committee.log if e.action == "recused"]
    try:
        return replay_draw(pool, committee.request, recusals) == committee
    except DrawError:
        return False
