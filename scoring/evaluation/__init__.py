"""The evaluation engine behind the committee's panel (issue 12): pure, typed, fast.

Frozen dataclasses in, results out; no web, no database. The app stores methods as JSON
(`serial`), computes prices once (`price`) and a count's points (`method.count_score`), checks each
expert's marks against the method (`method.check_mark`), combines them (`aggregate`),
flags outlying experts (`outliers`) and abnormally low prices (`low_price`), and draws
the committee (`draw`).
"""

from .aggregate import (
    Averaged,
    BidTotal,
    Mark,
    Ranked,
    Ranking,
    TieBreak,
    TrimRule,
    average_marks,
    rank_bids,
    subjective_totals,
    trimmed,
)
from .draw import (
    RULES,
    Committee,
    CompositionRule,
    DrawError,
    DrawEvent,
    DrawRequest,
    Expert,
    check_composition,
    draw_committee,
    new_seed,
    recuse,
    replay_draw,
    verify_draw,
)
from .low_price import LowPriceRule, LowPriceTrigger, PricedBid, StaffPost, low_price_triggers, staffing_cost
from .method import (
    SECTIONS,
    Count,
    Criterion,
    GateItem,
    Group,
    MethodError,
    PriceScale,
    Range,
    ScoringMethod,
    Tier,
    Tiers,
    check_mark,
    check_method,
    count_score,
    method_problems,
    method_warnings,
    needs_reason,
)
from .outliers import ExpertWarning, OutlierRule, expert_warnings
from .price import BaseRule, DeviationFormula, PriceResult, PriceScore, RatioFormula, lowest_price, score_prices
from .rounding import Rounding
from .serial import dumps, loads
from .templates import TEMPLATES

__all__ = [
    "RULES", "SECTIONS", "TEMPLATES", "Averaged", "BaseRule", "BidTotal", "Committee", "CompositionRule", "Count",
    "Criterion", "DeviationFormula", "DrawError", "DrawEvent", "DrawRequest", "Expert", "ExpertWarning", "GateItem",
    "Group", "LowPriceRule", "LowPriceTrigger", "Mark", "MethodError", "OutlierRule", "PriceResult", "PriceScale",
    "PriceScore", "PricedBid", "Range", "Ranked", "Ranking", "RatioFormula", "Rounding", "ScoringMethod", "StaffPost",
    "TieBreak", "Tier", "Tiers", "TrimRule", "average_marks", "check_composition", "check_mark", "check_method",
    "count_score", "draw_committee", "dumps", "expert_warnings", "loads", "low_price_triggers", "lowest_price",
    "method_problems", "method_warnings", "needs_reason", "new_seed", "rank_bids", "recuse", "replay_draw",
    "score_prices", "staffing_cost", "subjective_totals", "trimmed", "verify_draw",
]
