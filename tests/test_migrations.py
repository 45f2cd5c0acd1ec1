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


def test_job_links_and_exported_pdfs_are_carried_over_to_subjects_and_report_rows(server_url, tmp_path):
    """The comparison's job columns and PDF key become job subjects and a stored-file row, and back."""
    import sqlalchemy as sa

    from tender import create_app
    from tender.extensions import db

    url = f"sqlite:///{tmp_path / 'carry.db'}" if server_url is None else create_database(server_url, "tender_carry")
    app = create_app(app_config(url, tmp_path))
    with app.app_context():
        flask_migrate.upgrade(revision="jobs_retries")
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO users (id, email, name, phone, role, password_hash, active, created_at, "
                "must_change_password, email_confirmed) VALUES (1, 's@x.cn', 's', '', 'staff', 'x', true, "
                "CURRENT_TIMESTAMP, false, true)"))
            for job_id, kind in ((1, "similarity.prepare"), (2, "similarity.compare"), (3, "similarity.pdf")):
                conn.execute(sa.text("INSERT INTO job_records (id, kind, title, status, progress, message, "
                                     "result_url, created_at) VALUES (:id, :kind, 't', 'done', 100, '', '', "
                                     "CURRENT_TIMESTAMP)"), {"id": job_id, "kind": kind})
            for doc_id in (1, 2):
                conn.execute(sa.text(
                    "INSERT INTO sim_documents (id, title, kind, state, storage_key, filename, size, content_type, "
                    "sha256, stored_at, created_at, n_chars, n_fingerprints, error) VALUES (:id, 'd', 'upload', "
                    "'ready', 'k', 'f.txt', 1, 'text/plain', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 0, '')"),
                    {"id": doc_id})
            conn.execute(sa.text(
                "INSERT INTO sim_comparisons (id, doc_a_id, doc_b_id, job_id, pdf_job_id, pdf_storage_key, "
                "use_library, created_at) VALUES (7, 1, 2, 2, 3, 'ab/old.pdf', true, CURRENT_TIMESTAMP)"))
        flask_migrate.upgrade()
        with db.engine.connect() as conn:
            subjects = conn.execute(sa.text("SELECT id, subject_type, subject_id FROM job_records ORDER BY id")).all()
            reports = conn.execute(sa.text("SELECT comparison_id, storage_key FROM sim_comparison_reports")).all()
        flask_migrate.downgrade(revision="jobs_retries")
        with db.engine.connect() as conn:
            back = conn.execute(sa.text("SELECT job_id, pdf_job_id, pdf_storage_key FROM sim_comparisons")).one()
        db.engine.dispose()
    assert [tuple(r) for r in subjects] == [(1, "", None), (2, "sim_comparisons", 7), (3, "sim_comparisons", 7)]
    assert [tuple(r) for r in reports] == [(7, "ab/old.pdf")]
    assert tuple(back) == (2, 3, "ab/old.pdf")
