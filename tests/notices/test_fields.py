"""A tender's fields are listed once in the model module; the form and the audit follow that list."""
from __future__ import annotations

from tender.notices.models import Tender


def test_tender_fields_are_listed_once_and_agree_with_the_form_and_the_table():
    from tender.notices.forms import TenderForm
    from tender.notices.models import AUDITED_FIELDS, EDITABLE_FIELDS, LOCKED_AFTER_PUBLISH, SCHEDULE_FIELDS

    columns = set(Tender.__table__.columns.keys())
    form_fields = {name for name, value in vars(TenderForm).items() if hasattr(value, "field_class")}
    assert set(EDITABLE_FIELDS) == form_fields - {"version", "submit"}
    assert set(AUDITED_FIELDS) <= columns
    assert set(SCHEDULE_FIELDS) | set(LOCKED_AFTER_PUBLISH) <= set(EDITABLE_FIELDS)
