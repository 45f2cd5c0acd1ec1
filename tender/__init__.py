"""Tendering system for 前期物业管理 and outsourced property services.

`create_app` binds the unbound extensions and registers blueprints from an
explicit list, so nothing happens at import and tests can build apps freely.
"""
from __future__ import annotations

from flask import Flask

from tender import config as config_module


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder="../templates", static_folder="../static",
                instance_relative_config=True)
    app.config.from_object(config_module.from_environment(app.instance_path))
    if config:
        app.config.update(config)
    app.config["SQLALCHEMY_DATABASE_URI"] = config_module.normalise_url(app.config["SQLALCHEMY_DATABASE_URI"])
    config_module.ensure_folders(app)

    from tender import (
        models,  # noqa: F401  (registers every table)
        session_hooks,
    )
    from tender.extensions import bootstrap, csrf, db, limiter, login_manager, migrate

    session_hooks.install()
    db.init_app(app)
    from tender import sqlite_pragmas

    with app.app_context():
        sqlite_pragmas.install(app, db.engine)
    migrate.init_app(app, db, directory=config_module.MIGRATIONS_DIR)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    bootstrap.init_app(app)

    from tender import jobs
    jobs.configure(app)

    from tender import web

    app.url_map.converters["int"] = web.IdConverter  # before any route is added
    _register_blueprints(app)
    _register_cli(app)

    web.install(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from tender.audit.views import bp as audit_bp
    from tender.auth.views import bp as auth_bp
    from tender.bidders.views import bp as bidders_bp
    from tender.bids.views import bp as bids_bp
    from tender.bidtext.views import bp as bidtext_bp
    from tender.committee.views import bp as committee_bp
    from tender.contracts.views import bp as contracts_bp
    from tender.evaluation.views import bp as evaluation_bp
    from tender.findings.views import bp as findings_bp
    from tender.jobs.views import bp as jobs_bp
    from tender.lowprice.views import bp as lowprice_bp
    from tender.methods.views import bp as methods_bp
    from tender.notices.views import bp as notices_bp
    from tender.notifications.views import bp as notifications_bp
    from tender.opening.views import bp as opening_bp
    from tender.public.views import bp as public_bp
    from tender.qualification.views import bp as qualification_bp
    from tender.result.views import bp as result_bp
    from tender.similarity.views import bp as similarity_bp

    for bp in (public_bp, auth_bp, audit_bp, notices_bp, notifications_bp, jobs_bp, similarity_bp, bidders_bp,
               qualification_bp, opening_bp, bids_bp, bidtext_bp, findings_bp,
               committee_bp, methods_bp, contracts_bp, evaluation_bp,
               result_bp, lowprice_bp):
        app.register_blueprint(bp)


def _register_cli(app: Flask) -> None:
    from tender.audit.cli import audit_cli
    from tender.contracts.cli import contracts_cli
    from tender.demo import demo_cli

    app.cli.add_command(audit_cli)
    app.cli.add_command(contracts_cli)
    app.cli.add_command(demo_cli)
