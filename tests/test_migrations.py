"""`flask db upgrade` on an empty database gives exactly the schema the models describe."""
from __future__ import annotations

import flask_migrate
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tests.conftest import app_config
from tests.pg import create_database


def test_upgrade_on_an_empty_database_matches_the_models(server_url, tmp_path):
    from tender import create_app
    from tender.extensions import db

    url = f"sqlite:///{tmp_path / 'empty.db'}" if server_url is None else create_database(server_url, "tender_migr")
    app = create_app(app_config(url, tmp_path))
    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert diff == []
