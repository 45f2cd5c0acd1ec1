"""Pair-level and passage-level (PAN-style) accuracy of the detector on labelled cases.

Passage metrics are computed on the suspect side (B) in *normalised* characters, so
whitespace, punctuation and running headers inserted by PDF noise neither count for nor
against the detector: character precision, recall, granularity (detections per detected
true case) and plagdet = F1 / log2(1 + granularity).
"""

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from benchmarks.similarity.cases import Case
from benchmarks.similarity.peer_datasketch import containment_estimate, usable_hashes
from scoring.similarity import Boilerplate, compare, prepare, subtract


@dataclass
class ClassStats:
    pairs: int = 0
    flagged: int = 0
    scores: list = None
    tp: int = 0
    detected: int = 0
    truth: int = 0
    cases_detected: int = 0
    detections_on_cases: int = 0
    structure_flagged: int = 0
    prose_flagged: int = 0
    minhash: list = None  # the datasketch peer's containment estimates

    def __post_init__(self):
        self.scores = []
        self.minhash = []


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _cases(origin: np.ndarray, max_skip: int = 3) -> list[tuple[int, int]]:
    """True cases: runs of copied characters whose source offsets advance contiguously."""
    cases = []
    for start, end in _runs(origin >= 0):
        step = np.diff(origin[start:end])
        breaks = np.flatnonzero((step <= 0) | (step > max_skip)) + 1
        bounds = [start, *(start + breaks).tolist(), end]
        cases += list(zip(bounds[:-1], bounds[1:], strict=True))
    return cases


def evaluate(cases: list[Case], peer: bool = False) -> dict[str, ClassStats]:
    """Per class: pairs flagged (copied prose *or* a structure finding: the panel sees
    both), scores, and passage characters on B, structure passages included (a sold
    template's copied headings are shown, as structure); with ``peer`` also the
    datasketch MinHash containment estimate of every pair."""
    stats: dict[str, ClassStats] = defaultdict(ClassStats)
    for case in cases:
        a, b = prepare(case.a), prepare(case.b)
        bp = Boilerplate.from_texts(case.boilerplate)
        sub_a, sub_b = subtract(a, bp), subtract(b, bp)
        report = compare(a, b, sub_a, sub_b)
        s = stats[case.cls]
        s.pairs += 1
        s.flagged += report.flagged or report.structure_flagged
        s.prose_flagged += report.flagged
        s.structure_flagged += report.structure_flagged
        s.scores.append(report.score)
        if peer:
            s.minhash.append(containment_estimate(usable_hashes(a, sub_a), usable_hashes(b, sub_b)))
        if not case.copy:
            continue
        origin = np.asarray(case.origin_b)
        truth = origin[b.norm.starts] >= 0
        detected = np.zeros(len(b.norm), dtype=bool)
        shown = report.passages + report.structure
        for p in shown:
            detected[p.norm_b_start : p.norm_b_end] = True
        s.tp += int((truth & detected).sum())
        s.detected += int(detected.sum())
        s.truth += int(truth.sum())
        for start, end in _cases(origin[b.norm.starts]):
            hits = sum(1 for p in shown if p.norm_b_start < end and p.norm_b_end > start)
            if hits:
                s.cases_detected += 1
                s.detections_on_cases += hits
    return stats


def pooled_row(stats: dict[str, ClassStats], classes, label: str) -> dict:
    """All copy classes of one generator together (passage figures pooled by character)."""
    c = [stats[k] for k in classes]
    tp, det, truth = (sum(getattr(s, f) for s in c) for f in ("tp", "detected", "truth"))
    return {
        "class": label,
        "pairs": sum(s.pairs for s in c),
        "flag_rate": sum(s.flagged for s in c) / sum(s.pairs for s in c),
        "precision": tp / det if det else 1.0,
        "recall": tp / truth if truth else 1.0,
        "granularity": sum(s.detections_on_cases for s in c) / max(1, sum(s.cases_detected for s in c)),
    }


def summary_rows(stats: dict[str, ClassStats]) -> list[dict]:
    rows = []
    for cls, s in stats.items():
        row = {
            "class": cls,
            "pairs": s.pairs,
            "flag_rate": s.flagged / s.pairs,
            "prose_flags": s.prose_flagged,
            "structure_flags": s.structure_flagged,
            "score_min": min(s.scores),
            "score_mean": sum(s.scores) / s.pairs,
            "score_max": max(s.scores),
        }
        if s.truth:
            p = s.tp / s.detected if s.detected else 1.0
            r = s.tp / s.truth
            g = s.detections_on_cases / s.cases_detected if s.cases_detected else 1.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            row |= {"precision": p, "recall": r, "granularity": g, "plagdet": f1 / math.log2(1 + g)}
        rows.append(row)
    return rows
