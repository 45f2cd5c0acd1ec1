"""Run in a child process: write (or read back) N MiB one way; print JSON with seconds and peak RSS.

A process per run, so each peak RSS (VmHWM) is that run's alone. The bytes are one
random MiB repeated, made before the clock starts, and handed over in `chunk`-sized
pieces as an upload stream would hand them. No fsync: both ways end in the page cache,
so the ratio is the cost of sealing, not of this shared machine's disk (which both pay alike).
"""
from __future__ import annotations

import json
import os
import sys
import time

CONTEXT = b"bench:bid:1:tech"


def peak_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


def chunks(block: bytes, mib: int, chunk: int):
    for _ in range(mib):
        for start in range(0, len(block), chunk):
            yield block[start:start + chunk]


def main(mode: str, path: str, mib: int, chunk: int, key_hex: str) -> dict:
    from tender.sealing import envelope

    private = bytes.fromhex(key_hex)
    public = envelope.public_of(private)
    block = os.urandom(1 << 20)
    baseline = peak_mb()
    started = time.perf_counter()
    if mode == "plain_write":
        with open(path, "wb") as out:
            for piece in chunks(block, mib, chunk):
                out.write(piece)
        records = 0
    elif mode == "sealed_write":
        with open(path, "wb") as out:
            records = envelope.write_records(out, public, CONTEXT, 0, chunks(block, mib, chunk))
    elif mode == "plain_read":
        with open(path, "rb") as source:
            while source.read(chunk):
                pass
        records = 0
    else:  # sealed_read: the opened bid read back record by record
        records = int(os.environ["RECORDS"])
        with open(path, "rb") as source:
            for _ in envelope.read_records(source, private, CONTEXT, records):
                pass
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": peak_mb(), "baseline_mb": baseline, "records": records,
            "bytes": os.path.getsize(path)}


if __name__ == "__main__":
    mode, path, mib, chunk, key_hex = sys.argv[1:6]
    print(json.dumps(main(mode, path, int(mib), int(chunk), key_hex)))
