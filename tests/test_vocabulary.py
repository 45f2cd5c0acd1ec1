"""Decisions and role sets are declared once; forms, models and audit summaries read the same labels."""
from __future__ import annotations

import pytest

from tender.auth.roles import OPENERS, OVERSEERS, STAFF_ROLES, Role
from tender.bidders.forms import DecisionForm
from tender.bidders.models import RelatedDecision, RelatedFinding
from tender.qualification.forms import ReviewForm
from tender.qualification.models import QualificationAnswer, ReviewDecision


@pytest.mark.parametrize("decisions", [ReviewDecision, RelatedDecision])
def test_each_decision_has_one_distinct_label(decisions):
    labels = [d.label for d in decisions]
    assert len(set(labels)) == len(labels) and all(labels)


def test_forms_offer_exactly_the_declared_decisions(app):
    with app.test_request_context(method="POST"):
        assert [(c.value, c.label) for c in ReviewForm().decision.choices] == [(d.value, d.label)
                                                                              for d in ReviewDecision]
        assert [c.value for c in DecisionForm().decision.choices] == [d.value for d in RelatedDecision]


def test_stored_values_read_back_as_their_labels():
    assert QualificationAnswer(decision="fail").decision_label == "不合格"
    assert QualificationAnswer(decision=None).decision_label == "未审查"
    assert RelatedFinding(decision="cleared").decision_label == "排除（不构成关联）"
    assert RelatedFinding(decision="unknown").decision_label == "待决定"
    assert QualificationAnswer(decision="fail").failed and not QualificationAnswer(decision="pass").failed
    assert RelatedFinding(decision="related").found_related and not RelatedFinding(decision=None).found_related


def test_role_sets():
    assert STAFF_ROLES == {Role.ADMIN, Role.STAFF}
    assert OVERSEERS - STAFF_ROLES == {Role.SUPERVISOR}
    assert OPENERS - STAFF_ROLES == {Role.OPENER}
