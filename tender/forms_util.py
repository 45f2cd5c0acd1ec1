"""Running an operation from a view and showing what went wrong where the user will look.

Every view that changes something goes through `attempt`: one commit, and a broken
rule shown on the form's field (or at the top of the form, or as a flash message when
the page has no form), so no view writes its own `except DomainError` block.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import flash

from tender.errors import DomainError
from tender.unit_of_work import perform


@dataclass(frozen=True)
class Outcome:
    ok: bool
    value: Any = None
    error: DomainError | None = None


def attempt(operation, *args, form=None, success: str | None = None, failed: str = "", **kwargs) -> Outcome:
    """Run `operation` in one transaction; say `success` when it held, show the broken rule when not.

    `failed` prefixes the rule's message when it is flashed ("未能发布：…").
    """
    try:
        value = perform(operation, *args, **kwargs)
    except DomainError as e:
        if form is not None:
            attach_error(form, e)
        else:
            flash(f"{failed}{e.message}", "danger")
        return Outcome(False)
    if success:
        flash(success, "success")
    return Outcome(True, value)


def try_operation(operation, *args, **kwargs) -> Outcome:
    """`attempt` for JSON endpoints: the broken rule comes back in the outcome instead of a flash message."""
    try:
        return Outcome(True, perform(operation, *args, **kwargs))
    except DomainError as e:
        return Outcome(False, error=e)


def attach_error(form, error: DomainError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def posted(form) -> bool:
    """For forms posted from another page: valid, or False with its errors flashed for the page the view returns to."""
    if form.validate_on_submit():
        return True
    flash_form_errors(form)
    return False


def flash_form_errors(form) -> None:
    """For forms posted from another page: their field errors come back as messages."""
    for message in (m for errors in form.errors.values() for m in errors):
        flash(message, "danger")
