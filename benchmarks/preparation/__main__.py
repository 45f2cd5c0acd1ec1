"""Preparing a 300-page .docx bid while 20 readers load reader pages from a served app (issue 8, acceptance 5).

A throwaway SQLite file database; gunicorn (4 sync workers, as ``make run`` serves) in its
own process; 20 reader threads, each logged in, loading the side-by-side reader's parts
(``/similarity/comparisons/<id>/parts/<a|b>/<n>``) and the comparison page in turn. The
bid (``bid.py``, generated) is uploaded and prepared in a child process as a job worker
would (JOBS_IMMEDIATE), so its peak RSS is its own. Named peer: the same readers with no
preparation running. Prints failures, p50/p95 latency and the ratios, and rewrites the
preparation section of RESULTS.md.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.results import markers, write_section

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EMAIL, PASSWORD = "bench@prepare.local", "Bench-Prepare-2026!"
READERS, WEB_WORKERS = 20, 4


def setup(root: Path) -> tuple[str, int, int]:
    """Database, staff account and one finished comparison of two generated bids; (db url, comparison, parts)."""
    import flask_migrate

    from benchmarks.preparation.bid import bid_text
    from tender import create_app
    from tender.auth.models import User
    from tender.auth.roles import Role
    from tender.extensions import db
    from tender.similarity import operations as ops
    from tender.similarity import reader
    from tender.similarity.models import DocumentKind
    from tender.unit_of_work import perform

    url = f"sqlite:///{root / 'bench.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "STORAGE_PATH": str(root / "files"),
                      "JOBS_IMMEDIATE": True, "RATELIMIT_ENABLED": False, "MAIL_SERVER": ""})
    with app.app_context():
        flask_migrate.upgrade()
    with app.test_request_context():
        staff = User(email=EMAIL, name="基准测试", role=Role.STAFF)
        staff.set_password(PASSWORD)
        db.session.add(staff)
        db.session.commit()
        a, b = bid_text(1), bid_text(2)
        b = a[: len(a) // 3] + b[len(a) // 3:]  # the second bid copies the first third
        docs = [perform(ops.add_document, staff, title=t, filename=f"{t}.txt", data=x.encode(),
                        kind=DocumentKind.UPLOAD) for t, x in (("甲投标文件", a), ("乙投标文件", b))]
        comparison = perform(ops.request_comparison, staff, *docs, False)
        db.session.refresh(comparison)
        n_parts = min(len(reader.parts(d.text, d.page_starts)) for d in docs)
        return url, comparison.id, n_parts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(root: Path, url: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=url, STORAGE_PATH=str(root / "files"), SECRET_KEY="bench",
               JOBS_DB=str(root / "jobs.db"), RATELIMIT_ENABLED="0", JOBS_IMMEDIATE="0", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--workers", str(WEB_WORKERS),
                             "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "tender:create_app()"],
                            cwd=ROOT, env=env)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


class Reader:
    """One logged-in browser-like client on a keep-alive connection."""

    def __init__(self, port: int):
        self.port, self.cookie = port, ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        page = self.request("GET", "/login")[1]
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        body = f"email={EMAIL}&password={PASSWORD}" + (f"&csrf_token={token.group(1)}" if token else "")
        status, _ = self.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 302:
            raise RuntimeError(f"login failed: {status}")

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        self.conn.request(method, path, body=body, headers={"Cookie": self.cookie, **(headers or {})})
        response = self.conn.getresponse()
        data = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        return response.status, data


def read_pages(port: int, paths: list[str], stop: threading.Event, minimum: int, out: list, failures: list):
    try:
        reader = Reader(port)
    except Exception as exc:  # noqa: BLE001 - counted as a failed request
        failures.append(f"login: {exc!r}")
        return
    i = 0
    while i < minimum or not stop.is_set():
        path = paths[i % len(paths)]
        started = time.perf_counter()
        try:
            status, _ = reader.request("GET", path)
        except Exception as exc:  # noqa: BLE001
            failures.append(f"{path}: {exc!r}")
            reader = Reader(port)
            status = None
        out.append((started, time.perf_counter() - started))
        if status is not None and status != 200:
            failures.append(f"{path}: HTTP {status}")
        i += 1


def run_readers(port: int, paths: list[str], minimum: int, while_running=None) -> dict:
    """20 readers; each loads at least ``minimum`` pages and goes on until ``while_running`` ends.

    With ``while_running``, only requests that started while it ran are counted (the
    readers are all logged in and busy before it starts).
    """
    stop, times, failures = threading.Event(), [], []
    threads = [threading.Thread(target=read_pages, args=(port, paths[k:] + paths[:k], stop, minimum, times,
                                                        failures)) for k in range(READERS)]
    for t in threads:
        t.start()
    while len(times) < READERS:  # everyone logged in and reading
        time.sleep(0.05)
    started = time.perf_counter()
    result = while_running() if while_running else None
    ended = time.perf_counter()
    stop.set()
    for t in threads:
        t.join()
    if while_running is None:
        ended = max(s + d for s, d in times)
    window = sorted(d for s, d in times if started <= s <= ended)
    return {"requests": len(window), "failures": failures, "p50": statistics.median(window),
            "p95": window[int(0.95 * (len(window) - 1))], "seconds": ended - started, "prep": result}


def prepare_in_child(root: Path, url: str, docx: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "benchmarks.preparation.prepare_child", url, str(root / "files"),
                           str(docx), EMAIL], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, JOBS_DB=str(root / "jobs-child.db"), PYTHONPATH=str(ROOT)))
    if proc.returncode:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    args, _ = parser.parse_known_args()
    from benchmarks.preparation.bid import bid_docx, text_heavy_docx

    root = Path(tempfile.mkdtemp(prefix="bench-prepare-"))
    os.environ["JOBS_DB"] = str(root / "jobs.db")
    docx = root / "bid.docx"
    docx.write_bytes(bid_docx(n=args.pages))
    url, comparison_id, n_parts = setup(root)
    paths = [f"/similarity/comparisons/{comparison_id}"] + [
        f"/similarity/comparisons/{comparison_id}/parts/{side}/{n}" for n in range(n_parts) for side in "ab"]
    port = free_port()
    server = serve(root, url, port)
    try:
        run_readers(port, paths, 5)  # warm the workers
        peer = run_readers(port, paths, 15)
        ours = run_readers(port, paths, 0, lambda: prepare_in_child(root, url, docx))
    finally:
        server.terminate()
        server.wait()
    heavy = prepare_in_child(root, url, text_heavy_docx(root / "heavy.docx"))
    journal = sqlite3.connect(root / "bench.db").execute("PRAGMA journal_mode").fetchone()[0]
    report(args, docx, ours, peer, journal, n_parts, heavy, (root / "heavy.docx").stat().st_size)


def report(args, docx: Path, ours: dict, peer: dict, journal: str, n_parts: int, heavy: dict,
           heavy_size: int) -> None:
    prep = ours["prep"]
    lines = [
        "## Preparation under load: one 300-page .docx bid while 20 readers read (issue 8, acceptance 5)", "",
        f"`python -m benchmarks.preparation` (also run by `make bench`) on CPython {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, SQLite {sqlite3.sqlite_version} (journal_mode {journal}); "
        f"gunicorn {WEB_WORKERS} sync workers; {READERS} reader threads on keep-alive connections loading the reader "
        f"page and its {n_parts * 2} parts of a comparison of two generated 300-page bids in turn. The bid "
        f"(`benchmarks/preparation/bid.py`, {args.pages} pages, {docx.stat().st_size / 1024:,.0f} KB) is uploaded and "
        "prepared in a child process, as a job worker would; only requests started while it ran are counted. "
        "Peer: the same readers with no preparation running (15 pages each). The machine was shared with other "
        "test runs, so latencies vary between runs.", "",
        "| run | requests | failed | p50 ms | p95 ms | seconds |", "|---|---|---|---|---|---|",
        *(f"| {name} | {r['requests']:,} | {len(r['failures'])} | {r['p50'] * 1000:.0f} | {r['p95'] * 1000:.0f} "
          f"| {r['seconds']:.1f} |" for name, r in (("readers during the preparation", ours),
                                                   ("peer: readers alone", peer))), "",
        f"Preparation: {prep['state']}, {prep['chars']:,} characters, {prep['fingerprints']:,} fingerprints, "
        f"{prep['seconds']:.1f} s; **peak RSS {prep['peak_mb']:.0f} MB** (the app process before the upload: "
        f"{prep['baseline_mb']:.0f} MB).", "",
        f"A generated text-heavy .docx of {heavy_size / 1024 ** 2:.1f} MB (`text_heavy_docx`, ~19.6 M characters in "
        f"its document.xml) through the same upload and preparation: {heavy['state']}, text cut at "
        f"{heavy['chars']:,} characters (EXTRACT_MAX_CHARS), {heavy['fingerprints']:,} fingerprints, "
        f"{heavy['seconds']:.1f} s, **peak RSS {heavy['peak_mb']:.0f} MB**.", "",
        f"**Ratios** (ours / peer): p95 latency **{ours['p95'] / peer['p95']:.2f}x**, p50 "
        f"{ours['p50'] / peer['p50']:.2f}x; failed requests {len(ours['failures'])} vs {len(peer['failures'])}.",
    ]
    text = "\n".join(lines)
    print(text)
    for failure in (ours["failures"] + peer["failures"])[:10]:
        print("failure:", failure)
    if not args.no_write:
        start, end = markers("preparation")
        write_section("preparation", f"{start}\n{text}\n{end}")


if __name__ == "__main__":
    main()
