"""Who sees and who acts in the low-price procedure; named predicates for views, templates and operations.

A request shows a bidder's price and the committee's doubts about it: the bidder concerned
sees its own, no other bidder ever sees one. Staff, the supervisor and the committee's
cleared members see all. The check and the request are run by staff or the chair; the
decision is the committee's (条例第五十一条: 评标委员会应当否决), recorded by its chair.
"""
from __future__ import annotations

from tender.auth.roles import OVERSEERS, STAFF_ROLES, Role
from tender.committee.permissions import expert_cleared
from tender.evaluation.operations import is_chair


def sees_all(tender, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in OVERSEERS or expert_cleared(tender, user)


def runs_check(tender, user) -> bool:
    """Run the check and open a request: staff, or the committee's chair."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in STAFF_ROLES or is_chair(tender, user)


def decides(tender, user) -> bool:
    return getattr(user, "is_authenticated", False) and is_chair(tender, user)


def concerns(request, user) -> bool:
    """The bidder the request is addressed to (any of its company's users)."""
    return (getattr(user, "is_authenticated", False) and user.role is Role.BIDDER
            and user.company_id is not None and user.company_id == request.company_id)


def may_read_request(request, user) -> bool:
    return concerns(request, user) or sees_all(request.tender, user)


def may_read_evidence(request, user) -> bool:
    """The bidder's own files always; the panel's once the answer is sent (a draft is not yet the answer)."""
    return concerns(request, user) or (request.answered and sees_all(request.tender, user))
