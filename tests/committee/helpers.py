"""A pool of experts with profiles and a tender with bidders, built through the operations."""
from __future__ import annotations

from tender.auth.roles import Role
from tender.committee import operations as ops
from tender.committee.models import SPECIALTIES
from tender.notices import operations as notice_ops
from tender.notices.lifecycle import TenderStatus
from tender.unit_of_work import perform
from tests.factories import make_tender, make_user


def make_pool(staff, n: int) -> list:
    experts = []
    for i in range(n):
        user = make_user(Role.EXPERT, name=f"专家{i + 1:02d}")
        perform(ops.save_expert_profile, user, staff, SPECIALTIES[i % 4], f"外部单位{i + 1}")
        experts.append(user)
    return experts


def tender_with_bidders(staff, n: int = 3, **kw):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED, **kw)
    bidders = [make_user(Role.BIDDER) for _ in range(n)]
    for bidder in bidders:
        perform(notice_ops.register_company, tender, bidder)
    return tender, bidders
