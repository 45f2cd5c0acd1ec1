"""The non-prose checks of one tender (issue 11, acceptance 4): 20 bids of 300 pages, 5,000 known tenders.

Input (``corpus.py``): generated bids of ~1,270 characters a page (~380k a bid) with line
breaks as extracted text has them, every bidder's identity and 项目经理, file metadata and
a price form, and a history of 5,000 known tenders whose names are searched in every bid;
one signal of each kind is planted. The clock covers `check_tender` alone (the input is
built before it); the peak is the process's VmHWM, reset just before the call through
/proc/self/clear_refs, so it is the checks' peak plus the input already in memory.
Then each check alone, for where the time goes, and the named peer for the left-over
search: one Python regular expression of all known names (the straightforward way), on
the same flat text of the first bids, against ours (`TermIndex`: one n-gram set per bid).
`--quick`: 10 bids of 60 pages and 500 known tenders.
"""
from __future__ import annotations

import argparse
import platform
import re
import statistics
import time

from benchmarks.checks.corpus import PLANTED, tender
from benchmarks.results import markers, write_section
from scoring.collusion.bid_text import BidText, TermIndex
from scoring.collusion.findings import company_groups
from scoring.collusion.leftovers import known_names, leftover_findings
from scoring.collusion.mixed_identifiers import identifier_findings
from scoring.collusion.shared_people import key_person_findings
from scoring.collusion.tender_checks import check_tender
from scoring.collusion.tender_signals import metadata_findings, price_pattern_findings

GOAL_SECONDS, GOAL_MB = 60.0, 1024.0


def status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":")) / 1024


def reset_peak() -> bool:
    """Make VmHWM start again from the current RSS (Linux >= 4.0); False where not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def per_check(bids, this, past) -> dict[str, float]:
    bids = sorted(bids, key=lambda b: b.bid_id)
    seconds, texts = timed(lambda: [BidText(b.pages) for b in bids])
    groups = company_groups(bids)
    out = {"page text (shared)": seconds}
    out["identifier"] = timed(identifier_findings, bids, texts, groups)[0]
    out["key_person"] = timed(key_person_findings, bids, texts, groups)[0]
    out["metadata"] = timed(metadata_findings, bids, groups, frozenset())[0]
    out["price_pattern"] = timed(price_pattern_findings, bids, groups, None)[0]
    out["leftover"] = timed(leftover_findings, bids, texts, this, past)[0]
    return out


def peer(bids, this, past, count: int) -> dict[str, float]:
    """Seconds per bid for the left-over name search: one regex of all names vs ours, same text, same names."""
    names, own = known_names(this, past)
    terms = sorted({*names, *own}, key=lambda t: (-len(t), t))
    texts = [BidText(b.pages) for b in bids[:count]]
    compile_s, regex = timed(lambda: re.compile("|".join(map(re.escape, terms))))
    regex_s, regex_hits = timed(lambda: [[(m.start(), m.group()) for m in regex.finditer(t.flat)] for t in texts])
    build_s, index = timed(TermIndex, terms)
    ours_s, our_hits = timed(lambda: [[(m.start, m.term) for m in index.search(t)] for t in texts])
    return {"names": len(terms), "bids": count, "regex_compile": compile_s, "regex_per_bid": regex_s / count,
            "ours_build": build_s, "ours_per_bid": ours_s / count, "same_hits": regex_hits == our_hits}


def run(args) -> dict:
    build_s, (bids, this, past) = timed(tender, args.bids, args.pages, 1270, args.known)
    chars = sum(len(p) for b in bids for p in b.pages)
    rss_before = status_mb("VmRSS")
    peak_reset = reset_peak()
    runs = []
    for _ in range(args.runs):
        seconds, findings = timed(check_tender, bids, this, past)
        runs.append(seconds)
    peak = status_mb("VmHWM")
    found = {(f.kind, f.bid_ids) for f in findings}
    planted = {(k, v) for k, v in PLANTED.items()}
    return {
        "bids": len(bids), "pages": args.pages, "chars": chars, "known": len(past), "build_s": build_s,
        "seconds": statistics.median(runs), "runs": runs, "rss_before": rss_before, "peak": peak,
        "peak_reset": peak_reset, "findings": len(findings), "planted_found": len(planted & found),
        "planted": len(planted), "other": sorted(found - planted), "by_check": per_check(bids, this, past),
        "peer": peer(bids, this, past, args.peer_bids),
    }


def report(r: dict) -> str:
    ok = r["seconds"] <= GOAL_SECONDS and r["peak"] <= GOAL_MB
    by = ", ".join(f"{k} {v:.2f} s" for k, v in r["by_check"].items())
    p = r["peer"]
    peak_words = "reset before the call" if r["peak_reset"] else "not resettable here: includes building the input"
    return "\n".join([
        "## Non-prose checks of one tender (scoring/collusion/tender_checks.py)", "",
        f"`python -m benchmarks.checks` on CPython {platform.python_version()}, {platform.machine()}; generated "
        f"tender (`benchmarks/checks/corpus.py`): {r['bids']} bids x {r['pages']} pages, {r['chars']:,} chars in "
        f"all, {r['known']:,} known tenders in the history; one signal of each kind planted. Median of "
        f"{len(r['runs'])} runs on 2 cores shared with other jobs.", "",
        f"**check_tender: {r['seconds']:.1f} s** (runs: {', '.join(f'{s:.1f}' for s in r['runs'])}), "
        f"**peak RSS {r['peak']:.0f} MB** (VmHWM {peak_words}; input in memory before the call: "
        f"{r['rss_before']:.0f} MB); goal <= {GOAL_SECONDS:.0f} s and <= {GOAL_MB:.0f} MB: "
        f"{'met' if ok else 'NOT met'}.", "",
        f"Findings {r['findings']}: planted found {r['planted_found']} of {r['planted']}; others: "
        f"{r['other'] or 'none'}.", "",
        f"Each check alone: {by}.", "",
        f"Left-over name search, {p['names']:,} names, first {p['bids']} bids (same flat text, same hits: "
        f"{p['same_hits']}): one Python regex of all names {p['regex_per_bid']:.2f} s a bid (+ compile "
        f"{p['regex_compile']:.2f} s) vs ours {p['ours_per_bid']:.2f} s a bid (+ build {p['ours_build']:.2f} s): "
        f"**{p['regex_per_bid'] / max(p['ours_per_bid'], 1e-9):.1f}x**.",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bids", type=int, default=20)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--known", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peer-bids", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="10 bids x 60 pages, 500 known tenders, one run")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    args = parser.parse_args()
    if args.quick:
        args.bids, args.pages, args.known, args.runs, args.peer_bids = 10, 60, 500, 1, 1
    text = report(run(args))
    print(text, flush=True)
    if not args.no_write and not args.quick:
        start, end = markers("checks")
        write_section("checks", f"{start}\n{text}\n{end}")


if __name__ == "__main__":
    main()
