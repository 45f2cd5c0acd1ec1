"""Sealing throughput (issue 10, acceptance 7): `envelope.write_records` of N MiB against a plain write.

Named peer: writing the same bytes, in the same chunks, to a file with no encryption
(neither fsynced: the disk would add the same time to both and hide the cost of sealing).
Each run is its own child process (``child.py``) so its peak RSS is its own; runs are
interleaved and the median of each is reported. Also reads the sealed file back through
`envelope.read_records` against a plain read, since extraction after the opening reads
every bid once. Prints the figures and rewrites the sealing section of RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.results import markers, write_section

ROOT = Path(__file__).resolve().parents[2]
START, END = markers("sealing")


def run(mode: str, path: Path, mib: int, chunk: int, key_hex: str, records: int = 0) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), RECORDS=str(records))
    out = subprocess.run([sys.executable, "-m", "benchmarks.sealing.child", mode, str(path), str(mib), str(chunk),
                          key_hex], check=True, capture_output=True, text=True, env=env, cwd=ROOT)
    return json.loads(out.stdout)


def measure(folder: Path, mib: int, chunk: int, runs: int, key_hex: str) -> dict:
    results = {m: [] for m in ("plain_write", "sealed_write", "plain_read", "sealed_read")}
    for _ in range(runs):
        for mode in ("plain_write", "sealed_write"):
            results[mode].append(run(mode, folder / f"{mode}.bin", mib, chunk, key_hex))
        records = results["sealed_write"][-1]["records"]
        results["plain_read"].append(run("plain_read", folder / "plain_write.bin", mib, chunk, key_hex))
        results["sealed_read"].append(run("sealed_read", folder / "sealed_write.bin", mib, chunk, key_hex, records))
    return {mode: {"seconds": statistics.median(r["seconds"] for r in rows),
                   "peak_mb": max(r["peak_mb"] for r in rows), "baseline_mb": max(r["baseline_mb"] for r in rows),
                   "bytes": rows[0]["bytes"], "records": rows[0]["records"]} for mode, rows in results.items()}


def report(mib: int, runs: int, by_chunk: dict[int, dict]) -> str:
    lines = [START, "## Sealing bids as they stream in (issue 10, acceptance 7)", "",
             f"`python -m benchmarks.sealing` (also run by `make bench`) on CPython {platform.python_version()}, "
             f"{platform.machine()}, cryptography {_version('cryptography')}; {mib} MiB of random bytes handed over "
             "in chunks as an upload stream would, to the page cache (no fsync: the disk costs both alike); "
             f"each run its own process, median of {runs} interleaved runs, peak RSS the highest VmHWM of the "
             "runs (baseline: the same process before the clock started). "
             "Peer: a plain write of the same chunks to a file. Sealing: `envelope.write_records` to an X25519 "
             "public key (one record per chunk of at most 1 MiB: fresh ephemeral key, HKDF-SHA256, AES-256-GCM).", "",
             "| chunk | plain write MB/s | sealed write MB/s | **sealed / plain time** | sealed peak RSS MB (baseline) "
             "| plain peak RSS MB | records | size overhead | plain read MB/s | sealed read MB/s | read ratio |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for chunk, r in by_chunk.items():
        plain, sealed, pread, sread = r["plain_write"], r["sealed_write"], r["plain_read"], r["sealed_read"]
        mb = mib * (1 << 20) / 1e6
        lines.append(
            f"| {chunk >> 10} KiB | {mb / plain['seconds']:.0f} | {mb / sealed['seconds']:.0f} | "
            f"**{sealed['seconds'] / plain['seconds']:.2f}x** | "
            f"{sealed['peak_mb']:.0f} ({sealed['baseline_mb']:.0f}) | "
            f"{plain['peak_mb']:.0f} | {sealed['records']:,} | "
            f"{(sealed['bytes'] - plain['bytes']) / plain['bytes'] * 100:.2f} % | {mb / pread['seconds']:.0f} | "
            f"{mb / sread['seconds']:.0f} | {sread['seconds'] / pread['seconds']:.2f}x |")
    lines += ["", "Peak memory stays at the baseline plus about one chunk and one record: nothing is buffered beyond "
              "a segment. The plain write is a copy into the page cache, so the ratio is the whole cost of sealing; "
              "the sealed MB/s is the figure to hold against a bidder's upload speed. Reading back (the opened bid, "
              "once, for extraction) is compared with a plain read from the page cache. Each chunk becomes its own "
              "record with its own X25519 exchange, so small chunks cost more: the bid intake should hand "
              "`write_records` pieces of about `envelope.SEGMENT` (1 MiB).", END]
    return "\n".join(lines)


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mib", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    from tender.sealing.envelope import new_keypair

    key_hex = new_keypair()[0].hex()
    with tempfile.TemporaryDirectory(prefix="seal-bench-") as folder:
        by_chunk = {chunk: measure(Path(folder), args.mib, chunk, args.runs, key_hex)
                    for chunk in (64 << 10, 1 << 20)}
    text = report(args.mib, args.runs, by_chunk)
    print(text)
    if not args.no_write:
        write_section("sealing", text)


if __name__ == "__main__":
    main()
