"""Shared fixtures: one app per session on SQLite or PostgreSQL (TEST_DB), tables emptied after each test.

TEST_DB=sqlite (default) uses a temporary file; TEST_DB=postgres uses DATABASE_URL
if set, else starts a throwaway cluster for the session.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import g
from flask.testing import FlaskClient

from tests import factories
from tests.pg import Cluster, create_database

BACKEND = os.environ.get("TEST_DB", "sqlite")


@pytest.fixture(scope="session")
def server_url():
    """The database server for this session: None for SQLite."""
    if BACKEND != "postgres":
        yield None
        return
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"]
        return
    cluster = Cluster().start()
    yield cluster.url
    cluster.stop()


@pytest.fixture(scope="session")
def database_url(server_url, tmp_path_factory):
    if server_url is None:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return create_database(server_url, "tender_test")


def app_config(database_url: str, root: Path) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "STORAGE_PATH": str(root / "files"),
        "JOBS_IMMEDIATE": True,
        "RATELIMIT_ENABLED": False,
        "WTF_CSRF_ENABLED": False,
        "MAIL_SERVER": "",
        # Officer keys and password hashes at argon2-cffi's cheapest cost (tests/auth/test_kdf.py keeps production's).
        "ARGON2_PROFILE": "CHEAPEST",
    }


class Client(FlaskClient):
    """Requests reuse the test's app context, so forget the user Flask-Login cached in `g` last time."""

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def _app(database_url, tmp_path_factory):
    import flask_migrate

    from tender import create_app

    root = tmp_path_factory.mktemp("instance")
    os.environ.setdefault("JOBS_DB", str(root / "jobs.db"))
    app = create_app(app_config(database_url, root))
    app.instance_path = str(root)
    app.test_client_class = Client
    with app.app_context():
        flask_migrate.upgrade()
    return app


def _empty_tables(db) -> None:
    db.session.rollback()
    tables = [t for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app(_app):
    from tender.extensions import db

    with _app.app_context():
        yield _app
        _empty_tables(db)
        db.session.remove()
    storage = Path(_app.config["STORAGE_PATH"])
    shutil.rmtree(storage, ignore_errors=True)
    storage.mkdir(parents=True)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(client):
    """Log a user in on the test client without a password round trip."""
    def do(user):
        from flask import g

        # Requests reuse the test's app context, so Flask-Login's cached user must go too.
        g.pop("_login_user", None)
        with client.session_transaction() as session:
            session["_user_id"] = session_user_id(user)
            session["_fresh"] = True
        return client

    return do


def session_user_id(user) -> str:
    """What Flask-Login keeps in the cookie for `user`: a new server-side session, as a real login makes."""
    from tender.auth.sessions import start_session
    from tender.extensions import db

    start_session(user)
    db.session.commit()  # a request that rolls back must not take the login with it
    return user.get_id()


@pytest.fixture
def staff(app):
    from tender.auth.roles import Role

    return factories.make_user(Role.STAFF)


@pytest.fixture
def db_session(app):
    from tender.extensions import db

    return db.session


@pytest.fixture(scope="session")
def tmp_root():
    return Path(tempfile.mkdtemp(prefix="tender-test-"))


from tests.worker import start_worker, worker  # noqa: E402,F401  (real job worker fixtures)
