"""A throwaway PostgreSQL cluster for the test session (initdb refuses root, so run as `postgres`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(args: list[str]) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + args, check=True, capture_output=True, text=True)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, port: int | None = None):
        self.port = port or int(os.environ.get("TEST_PG_PORT", 0)) or free_port()
        self.root = Path(tempfile.mkdtemp(prefix="tender-pg-"))
        self.data = self.root / "data"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> Cluster:
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError("PostgreSQL 15 binaries not found; `make test` installs the postgresql package")
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        _as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                      "-E", "UTF8", "--locale=C.UTF-8"])
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-w",
                      "-o", options, "start"])
        return self

    def stop(self) -> None:
        try:
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    import psycopg2

    conn = psycopg2.connect(server_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@contextmanager
def throwaway_database(name: str) -> Iterator[str | None]:
    """A fresh cluster with one database for a benchmark: its SQLAlchemy URL, or None without PostgreSQL."""
    if not (PG_BIN / "initdb").exists():
        yield None
        return
    cluster = Cluster()
    try:
        cluster.start()
        yield create_database(cluster.url, name).replace("postgresql://", "postgresql+psycopg2://")
    finally:
        cluster.stop()
