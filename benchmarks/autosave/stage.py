"""Set-up for the autosave load, through operations in this process (never over HTTP).

`experts // 5` opened tenders, each with four really sealed bids unsealed by two officers and
a committee of five that declared no conflict and was shown the findings (the tests' own
`opened_for_scoring`). Each expert's sheet is opened here, so the load measures saving, and
every cell's allowed scores come from the tender's published method.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

COMMITTEE = 5


@dataclass
class ExpertSpec:
    number: int
    email: str
    user_id: int
    tender_id: int
    cells: dict[str, list[str]] = field(default_factory=dict)  # "bid:criterion" -> allowed scores (or counts)
    counted: list[str] = field(default_factory=list)  # the cells of counted items: they post a count


def make_app(url: str, storage: str, sealing_key: str, immediate: bool):
    from tender import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-autosave", "STORAGE_PATH": storage,
                       "SEALING_KEY": sealing_key, "JOBS_IMMEDIATE": immediate, "RATELIMIT_ENABLED": False,
                       "MAIL_SERVER": ""})


def allowed_scores(leaf) -> list[str]:
    """Every score the sheet accepts for `leaf`: its tiers, each step of its range, or the counts up to the cap."""
    from scoring.evaluation.method import Count, Tiers

    if isinstance(leaf.scale, Tiers):
        return [f"{t.points.normalize():f}" for t in leaf.scale.tiers]
    if isinstance(leaf.scale, Count):
        return [str(n) for n in range(int(-(-leaf.max_points // leaf.scale.points_each)) + 1)]
    step, out, value = leaf.scale.step, [], Decimal(0)
    while value <= leaf.max_points:
        out.append(f"{value.normalize():f}")
        value += step
    return out


def stage(app, experts: int) -> list[ExpertSpec]:
    import flask_migrate

    from scoring.evaluation.method import Range, Tiers
    from tender.evaluation import operations as ops
    from tender.extensions import db
    from tests.evaluation.panel import opened_for_scoring

    with app.app_context():
        flask_migrate.upgrade()
    specs = []
    with app.test_request_context():
        for _ in range(-(-experts // COMMITTEE)):
            panel = opened_for_scoring(bids=4, size=COMMITTEE)
            method = panel.method()
            for member in panel.members:
                sheet = ops.open_score_sheet(panel.tender, member)
                db.session.commit()
                spec = ExpertSpec(len(specs) + 1, member.email, member.id, panel.tender.id)
                spec.cells = {f"{c.bid_id}:{c.criterion}": allowed_scores(method.criterion(c.criterion))
                              for c in sheet.cells}
                spec.counted = [f"{c.bid_id}:{c.criterion}" for c in sheet.cells
                                if not isinstance(method.criterion(c.criterion).scale, (Tiers, Range))]
                specs.append(spec)
    return specs[:experts]


def read_back(app, specs: list[ExpertSpec]) -> dict[tuple[int, str], tuple[str | None, str, int]]:
    """Every cell of every staged sheet as stored: (user, "bid:criterion") -> (score, reason, version)."""
    import sqlalchemy as sa

    from tender.evaluation.models import ScoreCell, ScoreSheet
    from tender.extensions import db

    with app.app_context():
        rows = db.session.execute(sa.select(ScoreSheet.expert_id, ScoreCell.bid_id, ScoreCell.criterion,
                                            ScoreCell.score, ScoreCell.reason, ScoreCell.version)
                                  .join(ScoreCell, ScoreCell.sheet_id == ScoreSheet.id)
                                  .where(ScoreSheet.expert_id.in_([s.user_id for s in specs])))
        return {(user, f"{bid}:{crit}"): (None if score is None else f"{score.normalize():f}", reason, version)
                for user, bid, crit, score, reason, version in rows}
