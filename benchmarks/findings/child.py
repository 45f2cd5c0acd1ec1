"""``python -m benchmarks.findings.child URL STORAGE RUN_ID``: the timed part, in a fresh process.

The application is created and imported before the clock starts; the clock and the peak RSS
then cover `tender.findings.processing.run_findings` and the commit the job makes after it
(`jobs.operations.finish` commits; here a plain commit). Prints one JSON line: wall seconds, CPU
seconds of this process and its children (on a machine shared with other jobs the wall time
includes waiting for a core; the CPU time does not),
peak RSS of this process and of its children (each bid's fingerprints are computed in a forked
child, `tender.jobs.limits.limited`), the time of each step from the progress messages, the
run's counts and the findings stored.
"""
from __future__ import annotations

import json
import re
import resource
import sys
import time

import sqlalchemy as sa

STEPS = (("fingerprint", "计算指纹"), ("pairs", "两两比对"), ("history", "历史投标检索"), ("checks", "检查混装"))


def step_of(message: str) -> str | None:
    return next((name for name, marker in STEPS if message.startswith(marker)), None)


def main(url: str, storage: str, run_id: int, profile: str = "") -> dict:
    from benchmarks.findings.stage import make_app
    from tender.extensions import db
    from tender.findings.models import Finding, FindingsRun
    from tender.findings.processing import run_findings

    app = make_app(url, storage)
    with app.app_context():
        run = db.session.get(FindingsRun, run_id)
        marks: list[tuple[str, float]] = []

        def progress(pct: int, message: str) -> None:
            name = step_of(message) or re.sub(r"[:：].*", "", message)
            if not marks or marks[-1][0] != name:
                marks.append((name, time.perf_counter()))

        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        before = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
        cpu_before = sum(u.ru_utime + u.ru_stime for u in before)
        started = time.perf_counter()
        counts = run_findings(run, progress)
        db.session.commit()
        ended = time.perf_counter()
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = usage.ru_utime + usage.ru_stime + kids.ru_utime + kids.ru_stime - cpu_before
        own = usage.ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        steps = {}
        bounds = [*marks, ("end", ended)]
        for (name, at), (_, until) in zip(bounds, bounds[1:], strict=False):
            steps[name] = steps.get(name, 0.0) + until - at
        steps = {"setup": marks[0][1] - started if marks else 0.0, **steps}
        findings = [{"kind": f.kind.value, "bid_ids": sorted(f.bid_ids), "strength": f.strength,
                     "summary": f.summary, "figures": _plain(f.figures)}
                    for f in db.session.scalars(sa.select(Finding).where(Finding.tender_id == run.tender_id))]
        return {"seconds": ended - started, "cpu_seconds": cpu, "peak_rss_mb": own, "children_peak_rss_mb": children,
                "steps": steps, "counts": counts, "findings": findings,
                "pairs": [{k: p[k] for k in ("a", "b", "score", "flagged")} for p in run.pairs],
                "history": [{k: h[k] for k in ("bid_id", "same_company", "other_doc_id", "score", "flagged")}
                            for h in run.history]}


def _plain(figures: dict) -> dict:
    return {k: v for k, v in (figures or {}).items() if isinstance(v, (int, float, str, bool, list))}


if __name__ == "__main__":
    out = main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "")
    print(json.dumps(out, ensure_ascii=False))
