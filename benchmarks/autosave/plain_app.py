"""The named peer: a bare WSGI app that saves one cell with the same optimistic version check, no framework.

Served by the same gunicorn settings (2 sync workers, loopback) on the same PostgreSQL
cluster: each POST of `{"cell", "score", "reason", "version"}` to /<expert> runs one
`UPDATE ... WHERE version = %s RETURNING version` in its own transaction on a connection
kept per worker. The ratio is then the cost of the application (session and login,
CSRF, the committee and lifecycle checks, the form, the ORM, the audit-free save) and
not of the database. PLAIN_DATABASE_URL names the database.
"""
from __future__ import annotations

import json
import os

import psycopg2

_connection = None

SCHEMA = ("CREATE TABLE IF NOT EXISTS plain_cells (expert integer, cell text, score numeric(6, 2), "
          "reason varchar(500) NOT NULL DEFAULT '', version integer NOT NULL DEFAULT 0, PRIMARY KEY (expert, cell))")


def connection():
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg2.connect(os.environ["PLAIN_DATABASE_URL"])
    return _connection


def app(environ, start_response):
    expert = environ["PATH_INFO"].strip("/")
    if environ["REQUEST_METHOD"] != "POST" or not expert.isdigit():
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    body = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
    conn = connection()
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE plain_cells SET score = %s, reason = %s, version = version + 1 "
                    "WHERE expert = %s AND cell = %s AND version = %s RETURNING version",
                    (body["score"], body["reason"], int(expert), body["cell"], body["version"]))
        row = cur.fetchone()
    status = "200 OK" if row else "409 Conflict"
    reply = json.dumps({"cell": {"score": body["score"], "reason": body["reason"], "version": row[0]}}
                       if row else {"error": "stale"}).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(reply)))])
    return [reply]
