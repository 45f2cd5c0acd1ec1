"""First view of the side-by-side reader for two ~300-page bids (issue 8, defect 6).

Two generated 300-page PDF bids (a source and a spun copy, see ``bids.py``) go through the
application's upload, extraction and comparison on a throwaway SQLite database. The named
peer is the reader before the fix (``peer_full.html``: both documents whole in one page,
commit fed5ac6), served by the same app. For each, the benchmark times the server render
(Flask test client) and the first view in Debian's Chromium through Playwright (from
``goto`` until the load event has fired and the first passage is shown), and prints the
ratios peer / ours. Prints the results and rewrites the reader section of RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.results import markers, write_section

HERE = Path(__file__).resolve().parent
START, END = markers("reader")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PEER_TIMEOUT_S = 300
EMAIL, PASSWORD = "bench@reader.local", "Bench-Reader-2026!"


def make_app(root: Path):
    import flask_migrate
    from flask import render_template_string, send_file

    from tender import create_app
    from tender.auth.access import allow
    from tender.auth.roles import Role
    from tender.extensions import db
    from tender.similarity.models import Comparison
    from tender.similarity.reader import side_by_side

    os.environ.setdefault("JOBS_DB", str(root / "jobs.db"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'bench.db'}", "SECRET_KEY": "bench",
                      "STORAGE_PATH": str(root / "files"), "JOBS_IMMEDIATE": True, "RATELIMIT_ENABLED": False,
                      "WTF_CSRF_ENABLED": False, "MAIL_SERVER": ""})
    app.instance_path = str(root)
    peer_template = (HERE / "peer_full.html").read_text(encoding="utf-8")

    @allow(Role.ADMIN, Role.STAFF)
    def peer(comparison_id: int):
        item = db.get_or_404(Comparison, comparison_id)
        a, b = item.doc_a, item.doc_b
        left, right, reasons = side_by_side(item.report, a.text, b.text, a.page_starts, b.page_starts)
        return render_template_string(peer_template, item=item, report=item.report, left=left, right=right,
                                      reasons=reasons, reason_keys=sorted({k for _, k in reasons}))

    app.add_url_rule("/bench/full/<int:comparison_id>", "bench_peer", peer)
    app.add_url_rule("/bench/peer_reader.js", "bench_peer_js",
                     allow(Role.ADMIN, Role.STAFF)(lambda: send_file(HERE / "peer_reader.js")))
    with app.app_context():
        flask_migrate.upgrade()
    return app


def build(app, pages: int) -> int:
    from benchmarks.reader.bids import add_comparison
    from tender.auth.models import User
    from tender.auth.roles import Role
    from tender.extensions import db

    with app.test_request_context():
        staff = User(email=EMAIL, name="基准测试", role=Role.STAFF)
        staff.set_password(PASSWORD)
        db.session.add(staff)
        db.session.commit()
        return add_comparison(staff, pages).id


def server_render(app, url: str, repeats: int) -> tuple[float, int]:
    client = app.test_client()
    # through the login form: a session cookie names a server-side session row (tender.auth.sessions)
    login = client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert login.status_code == 302, login.status_code
    times, size = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        size = len(response.data)
    return statistics.median(times), size


def logged_in_page(browser, site: str):
    """A fresh browser context logged in as the benchmark's staff user."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_selector("text=欢迎")
    return context, page


def first_view(browser, site: str, url: str, timeout_s: float) -> float | None:
    """Seconds from navigation to a loaded page showing its first passage; None past the timeout."""
    context, page = logged_in_page(browser, site)
    started = time.perf_counter()
    try:
        page.goto(site + url, wait_until="load", timeout=timeout_s * 1000)
        page.wait_for_selector("#pane-a [data-p]", timeout=timeout_s * 1000)
        return time.perf_counter() - started
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: report as "did not load"
        return None
    finally:
        context.close()


def jump_far(browser, site: str, url: str) -> float:
    """Seconds from submitting "jump to passage N" (N near the end) to both sides showing it."""
    context, page = logged_in_page(browser, site)
    page.goto(site + url)
    page.wait_for_selector("#pane-a [data-p]")
    n = int(page.inner_text("#passage-count"))
    target = next(p for p in range(n - 1, 0, -1)
                  if page.evaluate(f"""() => {{ const i = JSON.parse(document.getElementById('reader-index')
                      .textContent).passages[{p}]; return i[0] > 0 && i[1] > 0; }}"""))
    page.fill("#jump-passage", str(target + 1))
    started = time.perf_counter()
    page.click("#jump-form button")
    page.wait_for_selector(f'#pane-a [data-p="{target}"].current', timeout=60_000)
    page.wait_for_selector(f'#pane-b [data-p="{target}"].current', timeout=60_000)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def run(pages: int, repeats: int) -> dict:
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        app = make_app(Path(tmp))
        started = time.perf_counter()
        comparison_id = build(app, pages)
        build_s = time.perf_counter() - started
        with app.app_context():
            from tender.extensions import db
            from tender.similarity.models import Comparison
            from tender.similarity.reader import parts

            item = db.session.get(Comparison, comparison_id)
            middle = len(parts(item.doc_a.text, item.doc_a.page_starts)) // 2
            stats = {"middle": middle, "chars_a": item.doc_a.n_chars, "chars_b": item.doc_b.n_chars,
                     "pages_a": len(item.doc_a.page_starts), "passages": len(item.report["passages"])}
        ours_url, peer_url = f"/similarity/comparisons/{comparison_id}", f"/bench/full/{comparison_id}"
        ours_server, ours_bytes = server_render(app, ours_url, repeats)
        part_server, part_bytes = server_render(app, f"{ours_url}/parts/a/{middle}", repeats)
        peer_server, peer_bytes = server_render(app, peer_url, 1)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        site = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                ours = [first_view(browser, site, ours_url, 60) for _ in range(repeats)]
                peer = first_view(browser, site, peer_url, PEER_TIMEOUT_S)
                jump = jump_far(browser, site, ours_url)
                browser.close()
        finally:
            server.shutdown()
    ours_view = statistics.median(t for t in ours if t is not None)
    return {**stats, "build_s": build_s, "ours_server": ours_server, "ours_bytes": ours_bytes,
            "part_server": part_server, "part_bytes": part_bytes, "peer_server": peer_server,
            "peer_bytes": peer_bytes, "ours_view": ours_view, "ours_runs": ours, "peer_view": peer,
            "jump": jump}


def report(r: dict, pages: int) -> str:
    peer_view = f"{r['peer_view']:.2f} s" if r["peer_view"] is not None else f"> {PEER_TIMEOUT_S} s (not loaded)"
    view_ratio = (f"{r['peer_view'] / r['ours_view']:.1f}x" if r["peer_view"] is not None
                  else f"> {PEER_TIMEOUT_S / r['ours_view']:.0f}x")
    runs = ", ".join(f"{t:.2f}" if t is not None else "timeout" for t in r["ours_runs"])
    return "\n".join([
        START,
        "## Side-by-side reader: first view of two 300-page bids (issue 8, defect 6)",
        "",
        f"`python -m benchmarks.reader` on CPython {platform.python_version()}, {platform.machine()}, Debian chromium "
        f"through Playwright, werkzeug threaded server, SQLite. Two generated PDF bids of {pages} pages "
        f"({r['chars_a']:,} and {r['chars_b']:,} chars; `benchmarks/reader/bids.py`: a source bid and a spun, "
        f"10 %-edited copy) uploaded, extracted and compared by the application: {r['passages']:,} copied passages "
        f"(build {r['build_s']:.0f} s). Peer: the reader before the fix (whole documents in one page, "
        "`benchmarks/reader/peer_full.html`, commit fed5ac6) served by the same app. First view = from `goto` to "
        "the load event with the first passage shown (login excluded).",
        "",
        "| reader | page bytes | server render s | first view in Chromium s |",
        "|---|---|---|---|",
        f"| ours (first part of each side; the rest fetched) | {r['ours_bytes']:,} | {r['ours_server']:.3f} | "
        f"**{r['ours_view']:.2f}** (runs: {runs}) |",
        f"| peer: whole page | {r['peer_bytes']:,} | {r['peer_server']:.3f} | {peer_view} |",
        f"| **ratio peer / ours** | **{r['peer_bytes'] / r['ours_bytes']:.1f}x** | "
        f"**{r['peer_server'] / r['ours_server']:.1f}x** | **{view_ratio}** |",
        "",
        f"One further part (`/parts/a/{r['middle']}`): {r['part_bytes']:,} bytes, server {r['part_server']:.3f} s. "
        f"Jump to a passage near the end (both sides fetched, scrolled and highlighted): {r['jump']:.2f} s.",
        END,
    ])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reader")
    parser.add_argument("--quick", action="store_true", help="60 pages, one run each (smoke run)")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args, _ = parser.parse_known_args()
    pages, repeats = (60, 1) if args.quick else (300, 3)
    r = run(pages, repeats)
    text = report(r, pages)
    print(text, flush=True)
    if not args.quick and not args.no_write:
        write_section("reader", text)


if __name__ == "__main__":
    main()
