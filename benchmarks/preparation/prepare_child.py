"""Run in a child process: upload one .docx bid and prepare it in place, as a worker would; print JSON.

Its own process so ru_maxrss is the preparation's peak alone (plus the app's baseline,
reported separately), and so it contends for the SQLite file like a real job worker.
"""
from __future__ import annotations

import json
import sys
import time


def rss_mb() -> float:
    """This process's peak RSS (VmHWM): ru_maxrss would report the forking parent's peak if larger."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


def main(db_url: str, storage: str, docx_path: str) -> None:
    from tender import create_app
    from tender.auth.models import User
    from tender.extensions import db
    from tender.similarity import operations as ops
    from tender.similarity.models import DocumentKind
    from tender.unit_of_work import perform

    app = create_app({"SQLALCHEMY_DATABASE_URI": db_url, "SECRET_KEY": "bench", "STORAGE_PATH": storage,
                      "JOBS_IMMEDIATE": True, "RATELIMIT_ENABLED": False, "MAIL_SERVER": ""})
    data = open(docx_path, "rb").read()
    with app.test_request_context():
        staff = db.session.scalar(db.select(User).where(User.email == sys.argv[4]))
        baseline = rss_mb()
        started = time.perf_counter()
        doc = perform(ops.add_document, staff, title="三百页投标文件", filename="三百页投标文件.docx", data=data,
                      kind=DocumentKind.BID)
        elapsed = time.perf_counter() - started
        print(json.dumps({"state": doc.state.value, "error": doc.error, "chars": doc.n_chars,
                          "fingerprints": doc.n_fingerprints, "seconds": elapsed, "baseline_mb": baseline,
                          "peak_mb": rss_mb()}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
