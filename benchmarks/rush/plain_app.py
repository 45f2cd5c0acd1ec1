"""The named peer: a bare WSGI app that writes each raw PUT body to a file at its offset, unsealed.

Served by the same gunicorn settings as the intake (2 sync workers, loopback). It fsyncs
each chunk as the sealed intake does, so the ratio is the cost of the application
(login, checks, database, sealing) and not of the disk. PLAIN_UPLOAD_DIR names the folder.
"""
from __future__ import annotations

import os
from pathlib import Path

FOLDER = Path(os.environ.get("PLAIN_UPLOAD_DIR", "/tmp/plain-uploads"))


def app(environ, start_response):
    parts = environ["PATH_INFO"].strip("/").split("/")
    query = dict(p.partition("=")[::2] for p in environ.get("QUERY_STRING", "").split("&") if p)
    if environ["REQUEST_METHOD"] != "PUT" or len(parts) != 2 or not all(p.isalnum() for p in parts):
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    data = environ["wsgi.input"].read(length)
    offset = int(query.get("offset", "0"))
    path = FOLDER / f"{parts[0]}-{parts[1]}.bin"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.pwrite(fd, data, offset)
        os.fsync(fd)
    finally:
        os.close(fd)
    body = b'{"offset": %d}' % (offset + len(data))
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
