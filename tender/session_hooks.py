"""Run work after a transaction ends: mail and jobs only after a commit, file clean-up after a rollback.

Callbacks live in `session.info`; two listeners installed once on every
Session run them when the outermost transaction ends, never mid-dispatch.
"""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tender.extensions import db

_COMMIT, _ROLLBACK, _COMMITTED = "on_commit", "on_rollback", "committed"


def on_commit(callback: Callable[[], None], key: str | None = None) -> None:
    """Call after the current transaction commits; `key` deduplicates."""
    _add(_COMMIT, callback, key)


def on_rollback(callback: Callable[[], None]) -> None:
    _add(_ROLLBACK, callback, None)


def _add(slot: str, callback, key) -> None:
    callbacks = db.session().info.setdefault(slot, {})
    callbacks[key or id(callback)] = callback


def _after_commit(session: Session) -> None:
    session.info[_COMMITTED] = True


def _after_transaction_end(session: Session, transaction) -> None:
    if transaction.parent is not None:
        return
    committed = session.info.pop(_COMMITTED, False)
    run = session.info.pop(_COMMIT if committed else _ROLLBACK, {})
    session.info.pop(_ROLLBACK if committed else _COMMIT, None)
    for callback in run.values():
        callback()


def install() -> None:
    if not sa.event.contains(Session, "after_commit", _after_commit):
        sa.event.listen(Session, "after_commit", _after_commit)
        sa.event.listen(Session, "after_transaction_end", _after_transaction_end)
