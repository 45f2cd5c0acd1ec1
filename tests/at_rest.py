"""Every byte a thief with the disk would get: database rows and files, and the files under a folder.

Files are read by a child process, never by the test process. Closing any descriptor of
an SQLite file drops every POSIX lock this process holds on it (a POSIX rule, not an
SQLite choice); a worker opening the database next then believes it is alone, resets the
shared-memory index under our mapped pages, and the test process dies of SIGBUS.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from tender.extensions import db

MAX_FILE = 64 << 20
SEPARATOR = b"\x00\x00"
_READER = r"""
import json, sys
out = sys.stdout.buffer
for path in json.load(sys.stdin):
    try:
        with open(path, "rb") as f:
            out.write(f.read() + b"\x00\x00")
    except OSError:
        pass  # removed meanwhile by another process
"""


def read_elsewhere(paths: list[Path]) -> bytes:
    """The bytes of `paths`, each followed by SEPARATOR, read in a child process."""
    done = subprocess.run([sys.executable, "-c", _READER], input=json.dumps([str(p) for p in paths]).encode(),
                          capture_output=True, check=True)
    return done.stdout


def database_bytes() -> bytes:
    """Every value of every row (binary columns as they are), plus SQLite's own files."""
    parts = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(sa.select(table)):
            parts += [bytes(v) if isinstance(v, (bytes, memoryview)) else str(v).encode() for v in row]
    rows = b"\x00".join(parts)
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        return rows
    files = [Path(url.database + suffix) for suffix in ("", "-wal", "-journal")]
    return rows + SEPARATOR + read_elsewhere([p for p in files if p.exists()])


def folder_bytes(root: Path, since: float | None = None) -> bytes:
    """Every regular file under `root` (changed since `since`, if given) up to MAX_FILE bytes each."""
    paths = []
    for folder, _, names in os.walk(root):  # os.walk skips folders that vanish while it walks
        for name in names:
            path = Path(folder) / name
            try:
                info = path.lstat()
            except OSError:
                continue
            if path.is_symlink() or not path.is_file() or info.st_size > MAX_FILE:
                continue
            if since is None or info.st_mtime >= since:
                paths.append(path)
    return read_elsewhere(paths)
