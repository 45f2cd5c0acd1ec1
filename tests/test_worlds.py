"""The session's world cache gives later tests the very rows and files the first one built."""
from __future__ import annotations

from pathlib import Path

from tender.auth.models import User
from tender.auth.roles import Role
from tender.extensions import db
from tender.files import storage_root, write_new
from tests import worlds
from tests.factories import make_user
from tests.worlds import _rows


def _build():
    user = make_user(Role.STAFF)
    db.session.commit()
    key = write_new(b"stored file", ".txt")
    return user.id, key


def _world(app):
    return worlds.cached(("test_worlds",), _build, lambda v: v, lambda v: v)


def test_a_restored_world_has_the_same_rows_files_and_fresh_ids_after_them(app):
    built = _world(app)
    rows, files = _rows(), sorted(p.relative_to(storage_root()) for p in storage_root().rglob("*"))
    worlds_empty_again(app)
    restored = _world(app)
    assert restored == built
    assert _rows() == rows
    assert sorted(p.relative_to(storage_root()) for p in storage_root().rglob("*")) == files
    newcomer = make_user(Role.EXPERT)
    db.session.commit()
    assert newcomer.id > built[0] and db.session.get(User, built[0]).role is Role.STAFF


def test_a_world_asked_for_in_a_database_that_is_not_empty_is_built_for_that_test(app):
    first = make_user(Role.STAFF)
    db.session.commit()
    user_id, _ = _world(app)
    assert user_id != first.id and db.session.get(User, user_id) is not None


def worlds_empty_again(app):
    from tests.conftest import _empty_tables

    _empty_tables(db)
    for path in sorted(storage_root().rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert not list(Path(storage_root()).iterdir())
