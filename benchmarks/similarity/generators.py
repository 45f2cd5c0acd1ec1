"""The benchmark's two independent sources of labelled pairs, behind one signature.

``cases(n_copy, n_neg, seed)`` returns :class:`~benchmarks.similarity.cases.Case` objects.
Seed 0 is the *tuning* set (thresholds and parameters were chosen looking at it); the
figures reported in RESULTS.md come from another seed, so no threshold is fitted to the
pairs it is judged on. Generator A is the project's first generator (``textgen``,
``cases``, ``spin``); generator B (``gen_b``) was written separately without reading it.
"""

from collections.abc import Callable

from benchmarks.similarity.cases import COPY_CLASSES, NEGATIVE_CLASSES, Case, copy_case, negative_case

TUNING_SEED = 0
REPORT_SEED = 1
_SPAN = 10**8  # generator A's per-case seeds stay below this


def cases_a(n_copy: int, n_neg: int, seed: int, chars: int = 15000) -> list[Case]:
    base = seed * _SPAN
    copies = [copy_case(c, base + 1000 * i + j, chars) for i, c in enumerate(COPY_CLASSES) for j in range(n_copy)]
    negatives = [
        negative_case(c, base + 500_000 + 1000 * i + j, chars)
        for i, c in enumerate(NEGATIVE_CLASSES)
        for j in range(n_neg)
    ]
    return copies + negatives


def cases_b(n_copy: int, n_neg: int, seed: int) -> list[Case]:
    from benchmarks.similarity.gen_b import build_cases

    return build_cases(n_copy, n_neg, seed)


def classes_b() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from benchmarks.similarity.gen_b import COPY_CLASSES as B_COPY
    from benchmarks.similarity.gen_b import NEGATIVE_CLASSES as B_NEG

    return tuple(B_COPY), tuple(B_NEG)


GENERATORS: dict[str, tuple[str, Callable[[int, int, int], list[Case]]]] = {
    "A": ("benchmarks/similarity/textgen.py + cases.py + spin.py (15,000-char bids)", cases_a),
    "B": ("benchmarks/similarity/gen_b/ (independent: other base text, sentence-level edits, short hosts)", cases_b),
}
