"""Run copydetect 0.5 on prepared pair files; executed in a subprocess with PYTHONHASHSEED set.

copydetect hashes k-grams with Python's salted ``hash()``, so its results depend on
PYTHONHASHSEED; the parent process fixes it. Input: a folder of ``NNNN_a.txt``,
``NNNN_b.txt`` (already normalised text), optional ``NNNN_bp.txt``; output: one JSON
object with the wall time and per pair the two similarities and B's copied slices.
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
from copydetect import CodeFingerprint, compare_files

NOISE_T, GUARANTEE_T = 13, 22


def main(folder: str) -> None:
    root = Path(folder)
    pairs = sorted({p.name.split("_")[0] for p in root.glob("*_a.txt")})
    out, started, compare_seconds = [], time.perf_counter(), 0.0
    for name in pairs:
        bp_file = root / f"{name}_bp.txt"
        boiler = None
        if bp_file.exists():
            boiler = np.array(sorted(CodeFingerprint(str(bp_file), NOISE_T, 1, filter=False).hashes))
        win = GUARANTEE_T - NOISE_T + 1
        fa = CodeFingerprint(str(root / f"{name}_a.txt"), NOISE_T, win, boilerplate=boiler, filter=False)
        fb = CodeFingerprint(str(root / f"{name}_b.txt"), NOISE_T, win, boilerplate=boiler, filter=False)
        t0 = time.perf_counter()
        _, sims, slices = compare_files(fa, fb)
        compare_seconds += time.perf_counter() - t0
        b_slices = [[int(s), int(e)] for s, e in zip(*slices[1], strict=True)] if len(slices[1]) else []
        out.append({"pair": name, "sims": [float(s) for s in sims], "b_slices": b_slices})
    total = time.perf_counter() - started
    print(json.dumps({"seconds": total, "compare_seconds": compare_seconds, "pairs": out}))


if __name__ == "__main__":
    main(sys.argv[1])
