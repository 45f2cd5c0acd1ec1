"""Who may see a tender's committee, and whether an expert may go on to the bids.

Named predicates, so views, templates and the later score-sheet work ask the same question.
"""
from __future__ import annotations

from tender.auth.roles import OVERSEERS, Role
from tender.committee.operations import declaration_of, draw_of


def committee_visible_to(tender, user) -> bool:
    """Names are secret until the result is published (招标投标法第三十七条); there is no published result yet,
    so only staff, the supervisor and the sitting members see them, never a bidder."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role in OVERSEERS:
        return True
    if user.role is Role.EXPERT:
        draw = draw_of(tender)
        return draw is not None and user.id in draw.member_ids()
    return False


def expert_cleared(tender, user) -> bool:
    """Drawn, still sitting, and declared no conflict: the condition for seeing any bid."""
    if not getattr(user, "is_authenticated", False) or user.role is not Role.EXPERT:
        return False
    draw = draw_of(tender)
    if draw is None or user.id not in draw.member_ids():
        return False
    declaration = declaration_of(tender, user)
    return declaration is not None and not declaration.conflict

