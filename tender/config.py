"""Settings read from the environment, with safe defaults for a local demo.

Everything a deployment changes (database, secret, mail, storage) comes from
environment variables so the same code runs the demo, the tests and production.
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def _secret_key(instance_path: str) -> str:
    """A persistent random key in instance/ so sessions survive restarts of the demo."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    return default if raw is None else raw.lower() in {"1", "true", "yes", "on"}


def database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{Path(instance_path) / 'tender.db'}")
    return normalise_url(url)


def normalise_url(url: str) -> str:
    """One PostgreSQL driver for the app and the job queue: psycopg2 (SQLAlchemy 2.1 would pick psycopg 3)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix):]
    return url


def _number(name: str, kind: type, default=None):
    """A numeric setting from the environment: `default` when the variable is unset or empty."""
    raw = os.environ.get(name, "").strip()
    return kind(raw) if raw else default


class _Config:
    def numbers(self, kind: type, **defaults) -> None:
        """Numeric settings, each read from the environment variable of its own name (`_number`)."""
        for name, default in defaults.items():
            setattr(self, name, _number(name, kind, default))


def from_environment(instance_path: str) -> _Config:
    c = _Config()
    c.SECRET_KEY = _secret_key(instance_path)
    c.SQLALCHEMY_DATABASE_URI = database_url(instance_path)
    c.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    c.STORAGE_PATH = os.environ.get("STORAGE_PATH", str(Path(instance_path) / "files"))
    c.MAX_UPLOAD_MB = _number("MAX_UPLOAD_MB", int, 50)
    # Werkzeug rejects larger bodies before any view runs; the 413 page explains why in Chinese.
    c.MAX_CONTENT_LENGTH = (c.MAX_UPLOAD_MB + 1) * 1024 * 1024
    # Posts without a file (urlencoded forms) get a much smaller limit: no form needs more than a few hundred KB.
    c.MAX_FORM_MEMORY_SIZE = _number("MAX_FORM_KB", int, 2048) * 1024
    # Decompression-bomb limits for .docx and other zip-based files (scoring/extraction/archive.py).
    c.numbers(int, ZIP_MAX_MEMBER_MB=512, ZIP_MAX_TOTAL_MB=1024)
    c.numbers(float, ZIP_MAX_RATIO=100)
    c.numbers(int,
              # Copy detection reads at most this many characters of a document and says so (about 1,600 pages).
              EXTRACT_MAX_CHARS=2000000,
              # Fingerprint rows written per transaction: other requests get the database between batches.
              FINGERPRINT_BATCH=20000,
              # SQLite only: how long a connection waits for another writer before "database is locked".
              SQLITE_BUSY_TIMEOUT_MS=30000)
    # Sealed bids: per file, per bid, per chunk of the resumable upload (a chunk must stay under MAX_FORM_KB),
    # and how long an upload nobody touches is kept before it is deleted.
    c.numbers(int, BID_FILE_MAX_MB=100, BID_TOTAL_MAX_MB=300, BID_CHUNK_KB=1024, BID_CHUNK_MAX_KB=1536,
              BID_UPLOAD_STALE_HOURS=24)
    c.numbers(int, COMPANY_STORAGE_QUOTA_MB=200)
    c.MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    c.MAIL_PORT = _number("MAIL_PORT", int, 25)
    c.MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    c.MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    c.MAIL_USE_TLS = _flag("MAIL_USE_TLS", False)
    c.MAIL_SENDER = os.environ.get("MAIL_SENDER", "noreply@tender.local")
    c.JOBS_DB = os.environ.get("JOBS_DB", str(Path(instance_path) / "jobs.db"))
    c.JOBS_IMMEDIATE = _flag("JOBS_IMMEDIATE", False)
    # Each job type declares its time limit, retries and parsing limits (tender/jobs/types.py). These
    # are unset by default; set, one replaces that value for every job type (an operator, a test).
    c.JOBS_TIME_LIMIT = _number("JOBS_TIME_LIMIT", float)  # seconds a job runs before it is stopped, retried
    c.JOBS_MAX_RETRIES = _number("JOBS_MAX_RETRIES", int)  # after a timeout or a dead worker
    c.JOBS_MEMORY_LIMIT_MB = _number("JOBS_MEMORY_LIMIT_MB", int)  # a parsing child's head-room beyond the worker
    c.JOBS_EXTRACT_TIME_LIMIT = _number("JOBS_EXTRACT_TIME_LIMIT", float)  # a parsing child's seconds
    # More task modules for the worker to import, comma-separated (the tests' probe tasks).
    c.JOBS_EXTRA_TASK_MODULES = os.environ.get("JOBS_EXTRA_TASK_MODULES", "")
    c.RATELIMIT_ENABLED = _flag("RATELIMIT_ENABLED", True)
    c.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    c.LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")
    # 开标口令 attempts (opening page, passphrase change): each costs an Argon2id derivation and is audited.
    c.PASSPHRASE_RATE_LIMIT = os.environ.get("PASSPHRASE_RATE_LIMIT", "10 per minute")
    c.SESSION_COOKIE_HTTPONLY = True
    c.SESSION_COOKIE_SAMESITE = "Lax"
    c.SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", False)
    c.REMEMBER_COOKIE_HTTPONLY = True
    c.REMEMBER_COOKIE_SECURE = c.SESSION_COOKIE_SECURE
    # A login lasts a working day, not Flask's 31 days: the cookie's signature and the server-side
    # session row (tender/auth/sessions.py) both expire after it.
    c.PERMANENT_SESSION_LIFETIME = timedelta(hours=_number("SESSION_LIFETIME_HOURS", float, 12))
    c.REMEMBER_COOKIE_DURATION = c.PERMANENT_SESSION_LIFETIME
    c.REGISTER_RATE_LIMIT = os.environ.get("REGISTER_RATE_LIMIT", "5 per hour")
    c.PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")  # links in mail, e.g. https://tender.example.cn
    c.WTF_CSRF_ENABLED = True
    c.WTF_I18N_ENABLED = False
    c.BOOTSTRAP_SERVE_LOCAL = True
    c.BOOTSTRAP_BTN_STYLE = "primary"
    c.TIMEZONE = os.environ.get("TENDER_TIMEZONE", "Asia/Shanghai")
    return c


def ensure_folders(app) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    Path(app.config["STORAGE_PATH"]).mkdir(parents=True, exist_ok=True)
