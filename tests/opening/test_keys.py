"""The tender's key after the opening: refused before, the right key after, a wrong key never recorded."""
from __future__ import annotations

import pytest

from tender.db import utcnow
from tender.errors import DomainError
from tender.extensions import db
from tender.opening.keys import opened_private_key, record_opening
from tender.opening.models import TenderSeal
from tender.sealing.envelope import new_keypair
from tests.factories import make_tender, make_user


def _sealed_tender():
    private, public = new_keypair()
    tender = make_tender(make_user())
    tender_seal = TenderSeal(tender=tender, public_key=public, threshold=2)
    db.session.add(tender_seal)
    db.session.commit()
    return tender_seal, private


def test_before_the_opening_nobody_gets_the_key(app):
    tender_seal, _ = _sealed_tender()
    with pytest.raises(DomainError, match="密封"):
        opened_private_key(tender_seal)


def test_after_the_opening_the_key_comes_back_and_is_not_stored_in_the_clear(app):
    tender_seal, private = _sealed_tender()
    record_opening(tender_seal, private, utcnow())
    db.session.commit()
    db.session.expire_all()
    assert opened_private_key(tender_seal) == private
    assert private not in tender_seal.opened_key


def test_a_key_that_does_not_match_the_seal_is_refused(app):
    tender_seal, _ = _sealed_tender()
    other, _ = new_keypair()
    with pytest.raises(DomainError, match="不符"):
        record_opening(tender_seal, other, utcnow())
    assert tender_seal.opened_key is None
