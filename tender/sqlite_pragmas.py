"""SQLite settings on every connection: WAL, a busy timeout, and synchronous=NORMAL.

In SQLite's default rollback journal a long write locks readers out once its page cache
spills, and any other connection waits only 5 s (pysqlite's default) before "database is
locked". WAL lets readers go on while one writer writes; the busy timeout lets a second
writer wait for the current batch to commit instead of failing. The listener sits on the
app's engine, so the web processes and the job worker (which builds the same app) share it.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import Flask


def install(app: Flask, engine: sa.Engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    timeout_ms = int(app.config["SQLITE_BUSY_TIMEOUT_MS"])

    def on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            cursor.execute("PRAGMA journal_mode = WAL")  # a no-op ("memory") for in-memory databases
            cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed data
        finally:
            cursor.close()

    sa.event.listen(engine, "connect", on_connect)
