"""Score-sheet autosave under load (issue 12, acceptance 5): N experts each saving a cell every 2-4 s for M seconds.

A throwaway PostgreSQL cluster (tests/pg.py); set-up through operations (`stage.py`): opened
tenders with four sealed bids each and committees of five that declared no conflict and
were shown the findings, every sheet opened. The app is served by gunicorn with 2 sync
workers on loopback. Every expert logs in over HTTP and reads its sheet page (CSRF token,
each cell's version), then changes one random cell to a random allowed score with a new
reason every 2-4 s, as the sheet's script posts it. Afterwards every cell of every sheet is
read back from the database and compared with the last value the server confirmed to
that expert: a difference is a lost or mixed-up score.

Named peer, in the same run: the same clients post the same kind of change to a bare WSGI
app (`plain_app.py`, one versioned UPDATE on the same cluster) under the same gunicorn
settings. `--quick`: 5 experts for 12 s.
"""
from __future__ import annotations

import argparse
import os
import platform
import secrets
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.autosave.client import Expert, PlainExpert
from benchmarks.results import markers, write_section
from benchmarks.rush.__main__ import WEB_WORKERS, free_port, serve, stop

START, END = markers("autosave")


def drive(experts: list[Expert], seconds: float) -> dict:
    """Log everyone in (at once), then let each save until the same moment; latencies and failures."""
    failures: list[str] = []

    def guarded(fn):
        def run(*args):
            try:
                fn(*args)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
                failures.append(f"{fn.__qualname__}: {exc!r}"[:300])
        return run

    _together([threading.Thread(target=guarded(e.login)) for e in experts])
    until = time.time() + seconds
    began = time.perf_counter()
    _together([threading.Thread(target=guarded(e.run), args=(until,)) for e in experts])
    latencies = sorted(x for e in experts for x in e.latencies)
    errors = [m for e in experts for m in e.errors]
    return {"saves": len(latencies), "errors": errors, "failures": failures, "wall": time.perf_counter() - began,
            "p50": _at(latencies, 0.5), "p95": _at(latencies, 0.95), "max": latencies[-1] if latencies else 0.0,
            "mean": statistics.fmean(latencies) if latencies else 0.0}


def _together(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _at(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def compare(experts: list[Expert], stored: dict) -> dict:
    """Every confirmed cell against the database; untouched cells must still be empty at version 0."""
    checked = lost = 0
    for e in experts:
        for cell in e.spec.cells:
            checked += 1
            want = e.confirmed.get(cell, (None, "", 0))
            lost += stored.get((e.spec.user_id, cell)) != want
    return {"checked": checked, "lost": lost}


def run_app(root: Path, app, specs, url: str, sealing_key: str, password: str, seconds: float) -> dict:
    from benchmarks.autosave.stage import read_back

    port = free_port()
    server = serve("tender:create_app()", port, {
        "DATABASE_URL": url, "STORAGE_PATH": app.config["STORAGE_PATH"], "SECRET_KEY": "bench-autosave",
        "SEALING_KEY": sealing_key, "JOBS_DB": str(root / "jobs.db"), "JOBS_IMMEDIATE": "0",
        "RATELIMIT_ENABLED": "0", "MAIL_SERVER": ""})
    experts = [Expert(port, s, password, seed=s.number) for s in specs]
    try:
        out = drive(experts, seconds)
    finally:
        stop(server)
    return out | compare(experts, read_back(app, specs))


def run_peer(url: str, specs, password: str, seconds: float) -> dict:
    import psycopg2

    from benchmarks.autosave.plain_app import SCHEMA

    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(SCHEMA)
        cur.executemany("INSERT INTO plain_cells (expert, cell) VALUES (%s, %s)",
                        [(s.user_id, c) for s in specs for c in s.cells])
    port = free_port()
    server = serve("benchmarks.autosave.plain_app:app", port, {"PLAIN_DATABASE_URL": url})
    experts = [PlainExpert(port, s, password, seed=s.number) for s in specs]
    try:
        out = drive(experts, seconds)
    finally:
        stop(server)
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute("SELECT expert, cell, score, reason, version FROM plain_cells")
        stored = {(e, c): (None if s is None else f"{s.normalize():f}", r, v) for e, c, s, r, v in cur.fetchall()}
    return out | compare(experts, stored)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 experts for 12 s (smoke test)")
    parser.add_argument("--experts", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    args, _ = parser.parse_known_args(argv)
    defaults = dict(experts=5, seconds=12.0) if args.quick else dict(experts=50, seconds=120.0)
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    from tests.pg import PG_BIN, Cluster, create_database

    if not (PG_BIN / "initdb").exists():
        print(f"skipped: PostgreSQL binaries not found in {PG_BIN}")
        return {"skipped": True}
    root = Path(tempfile.mkdtemp(prefix="bench-autosave-"))
    cluster = Cluster()
    try:
        cluster.start()
        return measure(args, root, create_database(cluster.url, "autosave_bench"))
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def measure(args, root: Path, url: str) -> dict:
    from benchmarks.autosave.stage import make_app, stage
    from tests import factories

    sealing_key = secrets.token_hex(32)
    app = make_app(url, str(root / "files"), sealing_key, immediate=True)
    staged_at = time.perf_counter()
    specs = stage(app, args.experts)
    staged_s = time.perf_counter() - staged_at
    load_before = os.getloadavg()
    peer = run_peer(url, specs, factories.PASSWORD, args.seconds)
    sheets = run_app(root, app, specs, url, sealing_key, factories.PASSWORD, args.seconds)
    result = {"args": vars(args), "peer": peer, "app": sheets, "staged_s": staged_s,
              "cells": sum(len(s.cells) for s in specs), "tenders": len({s.tender_id for s in specs}),
              "load": (load_before, os.getloadavg())}
    result["text"] = report(result)
    print(result["text"])
    for failure in (sheets["failures"] + sheets["errors"] + peer["failures"] + peer["errors"])[:10]:
        print("failure:", failure)
    if not args.no_write and not args.quick:
        write_section("autosave", result["text"])
    return result


def report(r: dict) -> str:
    a, app, peer = r["args"], r["app"], r["peer"]
    rows = [("score sheet autosave (tender app)", app), ("peer: bare WSGI versioned UPDATE", peer)]
    load = " and ".join("/".join(f"{v:.1f}" for v in x) for x in r["load"])
    lines = [
        START, "## Score-sheet autosave under load (issue 12, acceptance 5)", "",
        f"`python -m benchmarks.autosave` (also run by `make bench`; `--quick` for a smoke test) on CPython "
        f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, PostgreSQL (throwaway cluster, "
        f"fsync off as in the tests), gunicorn {WEB_WORKERS} sync workers on 127.0.0.1. {a['experts']} experts on "
        f"{r['tenders']} opened tenders (committees of five, four bids each; {r['cells']} cells in all), each "
        f"logged in over HTTP, changing one random cell to a random allowed score with a new reason every 2-4 s "
        f"for {a['seconds']:.0f} s, as the sheet's script posts it. The client threads run on the same machine as "
        f"the server; load average (1/5/15 min) {load} before and after.", "",
        "| run | saves | refused | failed | p50 ms | p95 ms | max ms | cells checked | lost or mixed up |",
        "|---|---|---|---|---|---|---|---|---|",
        *(f"| {name} | {x['saves']} | {len(x['errors'])} | {len(x['failures'])} | {x['p50'] * 1000:.0f} | "
          f"{x['p95'] * 1000:.0f} | {x['max'] * 1000:.0f} | {x['checked']} | **{x['lost']}** |" for name, x in rows),
        "",
        f"**Ratios** (app / peer): p50 **{app['p50'] / peer['p50']:.2f}x**, p95 **{app['p95'] / peer['p95']:.2f}x**. "
        f"Afterwards every cell of every sheet was read back from the database and compared with the last value "
        f"the server confirmed to its expert (untouched cells: empty, version 0): **{app['lost']} of "
        f"{app['checked']} lost or mixed up** in the app, {peer['lost']} in the peer. Set-up through operations "
        f"took {r['staged_s']:.0f} s.", END]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
