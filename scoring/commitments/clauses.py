"""The commitments of one sentence or table row: each value given to the indicator its clause names.

A rate goes to the 率 word before it, a time to its subject and action (`aliases.py`), a count
to the activity counted. A clause that starts with its value ("…1小时内响应,24小时内完成") keeps
the subject of the clause before it; a figure quoted as the national standard is no promise.
"""
from __future__ import annotations

import re
from decimal import Decimal

from scoring.commitments.aliases import TIMES, mentions
from scoring.commitments.schema import Commitment, Comparator, Indicator, Period, Unit
from scoring.commitments.values import (
    EVERY_RE,
    INTERVAL_RE,
    POST,
    PRE,
    Value,
    deadlines,
    find_values,
    mask_distractors,
    normalize,
    period_of,
)

CLAUSE = re.compile(r"[^,，]+")
TIME_UNITS = (Unit.MINUTE, Unit.HOUR, Unit.DAY, Unit.WORKDAY)
FILLER = re.compile("|".join(sorted([*map(re.escape, PRE), *POST, "要求", "确保", "保证", "均", "应", "须", "可",
                                     "能", "在", "其中", "并", "且", "做到", "我公司", "本公司", "我方",
                                     "承诺", "目标", "为", "可达", "能够",
                                     "均", "都", "全部", "以上", "将"], key=len, reverse=True)))
IMPLICIT = (Indicator.FINANCE_DISCLOSURE, Indicator.SURVEY_FREQUENCY)


def passage(text: str, page: int | None = None, source: str = "") -> list[Commitment]:
    """The commitments of one sentence or table row."""
    norm = mask_distractors(normalize(text))
    clauses = [(m.start(), m.end()) for m in CLAUSE.finditer(norm)]
    out = []
    for cs, ce in clauses:
        clause = norm[cs:ce]
        values = find_values(clause)
        for n, v in enumerate(values):
            nxt = values[n + 1].start if n + 1 < len(values) else len(clause)
            prev = values[n - 1].end if n else 0
            found = _commitment(norm, cs, clause, v, prev, nxt)
            if found:
                for indicator in [found[0], *_shared(clause, v, found[0])]:
                    out.append(Commitment(indicator, v.comparator, v.value, v.unit, found[1],
                                          _deadline(clause, prev, v), page, source or text.strip()))
        out.extend(_implicit(clause, values, page, source or text.strip()))
    return out


def _shared(clause: str, v: Value, first: Indicator) -> list[Indicator]:
    """"房屋完好率、绿化完好率均达到98%": the rates listed before the one nearest the value share it."""
    if v.unit is not Unit.PERCENT or not re.search(r"均|都|全部|分别", clause[:v.start]):
        return []
    rates = [r for r in mentions(clause[:v.start], "rate")]
    out = []
    for before, after in zip(reversed(rates[:-1]), reversed(rates[1:]), strict=True):
        if before[2] is None or not re.fullmatch(r"\s*[、和及与,]\s*", clause[before[1]:after[0]]):
            break
        out.append(before[2])
    return [i for i in reversed(out) if i is not first]


def _deadline(clause: str, prev: int, v: Value) -> str:
    before = [w for at, w in deadlines(clause) if prev <= at < v.start]
    return before[-1] if before else ""


def _inherits(clause: str, v: Value) -> bool:
    """The clause starts with its value (after phasing and comparator words), so its subject is the sentence's."""
    head = clause[:v.start]
    for _, w in deadlines(head):
        head = head.replace(w, "")
    return len(re.sub(r"\W|\s", "", FILLER.sub("", head))) <= 1


def _nearest(found, at: int, before: bool, lo: int = 0, hi: int | None = None):
    hits = [f for f in found if lo <= f[0] and (hi is None or f[1] <= hi)]
    if before:
        hits = [f for f in hits if f[1] <= at]
        return hits[-1] if hits else None
    hits = [f for f in hits if f[0] >= at]
    return hits[0] if hits else None


STANDARD = re.compile(r"国家标准|国标|国优|行业标准|标准为|标准要求|国家规定|内控|规范要求|合同要求|招标要求")


def _commitment(norm, cs, clause, v, prev, nxt) -> tuple[Indicator, Period | None] | None:
    if STANDARD.search(clause[prev:v.start]):
        return None  # the national standard quoted beside the promise is not the promise
    inherits = _inherits(clause, v)
    sentence_before = norm[:cs]
    if v.unit is Unit.PERCENT:
        return _drop_none((_rate(clause, v, nxt, sentence_before if inherits else ""), v.period))
    if v.unit in TIME_UNITS:
        return _drop_none((_time(clause, v, prev, nxt, sentence_before if inherits else ""), v.period))
    if v.unit is Unit.TIMES:
        return _frequency(clause, v, sentence_before if inherits else "")
    if v.unit is Unit.PERSON and not re.search(r"抽调|突发|应急|其中", clause[:v.start]):
        staff = mentions(clause[:v.start], "staff") or (mentions(sentence_before, "staff") if inherits else [])
        return (Indicator.STAFF_TOTAL, None) if staff else None
    return None


def _drop_none(pair):
    return pair if pair and pair[0] else None


def _rate(clause, v, nxt, sentence) -> Indicator | None:
    rates = mentions(clause, "rate")
    hit = _nearest(rates, v.start, True) or _nearest(rates, v.end, False, hi=nxt)
    if hit is None and sentence:
        hit = _nearest(mentions(sentence, "rate"), len(sentence), True)
    return hit[2] if hit else None


def _time(clause, v, prev, nxt, sentence) -> Indicator | None:
    if INTERVAL_RE.match(clause, max(0, v.start - 1)) or clause[max(0, v.start - 1):v.start] == "每":
        return Indicator.PATROL if mentions(clause[v.end:nxt], "freq") and "巡" in clause else None
    topics = mentions(clause, "topic")
    topic = _nearest(topics, v.start, True)
    if topic is None and sentence:
        topic = _nearest(mentions(sentence, "topic"), len(sentence), True)
    if topic is None and v.comparator is not Comparator.EQUAL:
        topic = _nearest(topics, v.end, False, hi=nxt)
    if topic is None:
        return None
    actions = mentions(clause, "action")
    action = _nearest(actions, v.end, False, hi=nxt)
    if action is None:
        between = [a for a in actions if a[1] <= v.start and a[0] >= (topic[1] if topic[1] <= v.start else 0)]
        action = between[-1] if between else None
    if action is None and v.comparator is Comparator.EQUAL:
        return None  # "24小时值班": a bare time with no action promises no response
    key = (topic[2], action[2] if action else None)
    found = TIMES.get(key) or (TIMES.get((topic[2], None)) if action is None else None)
    if found is None and topic[2] == "complaint" and action is None and v.unit in (Unit.DAY, Unit.WORKDAY):
        found = Indicator.COMPLAINT_REPLY
    if found in (Indicator.PATROL,) or (found is Indicator.CCTV_RETENTION and v.unit not in (Unit.DAY, Unit.HOUR)):
        return None
    return found


def _period(clause, v) -> Period | None:
    if v.period:
        return v.period
    every = [m for m in EVERY_RE.finditer(clause) if m.end() <= v.start]
    return period_of(every[-1]) if every else None


def _frequency(clause, v, sentence) -> tuple[Indicator, Period | None] | None:
    if any(m.end() <= v.start and not find_values(clause[m.end():v.start]) for m in INTERVAL_RE.finditer(clause)):
        return None  # "每1小时巡查1次": the interval is the promise
    freqs = mentions(clause, "freq")
    if freqs:
        hit = min(freqs, key=lambda f: min(abs(f[0] - v.end), abs(v.start - f[1])))
    else:
        hit = _nearest(mentions(sentence, "freq"), len(sentence), True) if sentence else None
    if hit is None:
        return None
    return hit[2], _period(clause, v) or (_period(sentence, Value(len(sentence), len(sentence), v.comparator,
                                                                   v.value, v.unit)) if sentence else None)


def _implicit(clause, values, page, source) -> list[Commitment]:
    """"每半年公布财务状况": once a period, with no count written."""
    if any(v.unit is Unit.TIMES for v in values):
        return []
    out = []
    for m in EVERY_RE.finditer(clause):
        if not m.group().startswith("每"):
            continue
        after = clause[m.end():m.end() + 10]
        hits = [k for _, _, k in mentions(after, "freq") if k in IMPLICIT]
        if hits:
            out.append(Commitment(hits[0], Comparator.EQUAL, Decimal(1), Unit.TIMES, period_of(m), "",
                                  page, source))
    return out
