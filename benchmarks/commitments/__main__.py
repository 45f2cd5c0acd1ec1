"""Commitment extraction accuracy (issue 14, acceptance 2) on two independently written generators.

Each generator's `build_documents(n, seed)` gives bid sections with planted commitments; a planted
one is found when an extracted commitment has the same indicator, comparator, value, unit and
period (`Commitment.key()`), each extracted one matching at most one planted. Spurious: extracted
commitments whose key matches no planted one, over all extracted. Goal: >= 95 % found and
<= 2 % spurious on EACH generator. The extractor was tuned on seeds 1 and 2; the report uses seed 0.
"""
from __future__ import annotations

import argparse
import importlib
from collections import Counter
from dataclasses import dataclass, field

from benchmarks.results import markers, write_section
from scoring.commitments.extract import extract_commitments

GENERATORS = {"A": "benchmarks.commitments.gen_a", "B": "benchmarks.commitments.gen_b"}
GOAL_FOUND, GOAL_SPURIOUS = 0.95, 0.02


@dataclass
class Score:
    documents: int = 0
    planted: int = 0
    found: int = 0
    extracted: int = 0
    spurious: int = 0
    misses: Counter = field(default_factory=Counter)
    wrong: list = field(default_factory=list)  # (document, key) of spurious ones, for reading
    missed: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def spurious_share(self) -> float:
        return self.spurious / self.extracted if self.extracted else 0.0

    def met(self) -> bool:
        return self.recall >= GOAL_FOUND and self.spurious_share <= GOAL_SPURIOUS


def score(documents, extract=extract_commitments) -> Score:
    """Count found, spurious and per-indicator misses over (pages, planted) documents."""
    s = Score()
    for n, (pages, planted) in enumerate(documents):
        want = Counter(c.key() for c in planted)
        got = Counter(c.key() for c in extract(pages))
        s.documents += 1
        s.planted += sum(want.values())
        s.found += sum((want & got).values())
        s.extracted += sum(got.values())
        bad = [k for k in got.elements() if k not in want]
        s.spurious += len(bad)
        s.wrong += [(n, k) for k in bad]
        lost = list((want - got).elements())
        s.missed += [(n, k) for k in lost]
        s.misses.update(k[0].name for k in lost)
    return s


def generators(names=None) -> dict:
    """The generators that exist in this checkout (B arrives from another branch)."""
    out = {}
    for name, module in GENERATORS.items():
        if names and name not in names:
            continue
        try:
            out[name] = importlib.import_module(module).build_documents
        except ModuleNotFoundError:
            continue
    return out


def run(n: int, seed: int, names=None) -> dict[str, Score]:
    return {name: score(build(n, seed)) for name, build in generators(names).items()}


def report(scores: dict[str, Score], n: int, seed: int) -> str:
    lines = ["## Commitment extraction accuracy (scoring/commitments/extract.py)", "",
             f"`python -m benchmarks.commitments`: {n} generated bid sections per generator, seed {seed} (the "
             "extractor was tuned on seeds 1 and 2, never on seed 0; generator B's code was not read). Both "
             "generators are synthetic and regular, so these figures are an upper bound for real bids. "
             "A planted commitment is found when one "
             "extracted has the same indicator, comparator, value, unit and period; spurious = extracted matching "
             f"no planted one / all extracted. Goal (issue 14, acceptance 2): >= {GOAL_FOUND:.0%} found and "
             f"<= {GOAL_SPURIOUS:.0%} spurious on each generator.", "",
             "| generator | documents | planted | found | spurious | goal | misses by indicator |",
             "|---|---|---|---|---|---|---|"]
    for name, s in scores.items():
        misses = ", ".join(f"{k} {v}" for k, v in s.misses.most_common(6)) or "none"
        lines.append(f"| {name} (`benchmarks/commitments/gen_{name.lower()}`) | {s.documents} | {s.planted} | "
                     f"{s.recall:.2%} ({s.found}) | "
                     f"{s.spurious_share:.2%} ({s.spurious} of {s.extracted}) | "
                     f"{'met' if s.met() else 'NOT met'} | {misses} |")
    return "\n".join(lines)


def main(argv=None) -> dict[str, Score]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--generator", action="append", help="A or B (default: both)")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and spurious keys")
    parser.add_argument("--quick", action="store_true", help="20 documents, RESULTS.md left alone")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    args = parser.parse_args(argv)
    n = 20 if args.quick else args.documents
    scores = run(n, args.seed, args.generator)
    text = report(scores, n, args.seed)
    print(text, flush=True)
    for name, s in scores.items():
        for doc, key in s.missed[:args.show]:
            print(f"{name} doc {doc} missed {key}")
        for doc, key in s.wrong[:args.show]:
            print(f"{name} doc {doc} spurious {key}")
    if not (args.no_write or args.quick or args.generator):
        start, end = markers("commitments")
        write_section("commitments", f"{start}\n{text}\n{end}")
    return scores


if __name__ == "__main__":
    main()
