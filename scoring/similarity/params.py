"""Tunable parameters of the copy detector, in one frozen dataclass.

Defaults follow docs/similarity-design.md §3: k = 13 characters per k-gram (the familiar
"连续13个字" rule), winnowing window w = 10 (any shared run of k + w - 1 = 22 characters
is guaranteed to be seen), passages of at least 30 normalised characters backed by at
least 2 fingerprints, and company cut-off T = 5 for "common to N companies" text.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Params:
    """All knobs of the pipeline; pass one instance around instead of loose keywords."""

    k: int = 13
    w: int = 10
    max_occurrences: int = 4  # a hash seen more often in one document is no seed (repeated text)
    chain_gap: int = 40  # seeds on one diagonal this close count as one chain of evidence
    min_fingerprints: int = 2
    min_chars: int = 30
    fill_min_chars: int = 8  # exact pieces between two close passages (spun copies); 0 = off
    bridge_gap: int = 4  # bridge substituted words of up to this many chars inside a passage; 0 = off
    bridge_skew: int = 2  # the two sides of a bridged substitution differ in length by at most this
    bridge_min_chars: int = 4  # equal characters needed after a substitution to continue
    bridge_rounds: int = 40  # substitutions followed from one run in each direction
    near_gap: int = 120  # look this far past each passage end for short copied pieces; 0 = off
    near_min_chars: int = 10  # exact piece needed there (a copied clause between two edits)
    near_rounds: int = 64  # pieces found are anchors in turn, at most this many times
    piece_min_chars: int = 10  # prose left beside headings when a run is cut at them
    structure_gram: int = 8  # shared heading / TOC characters are counted in runs of this many; 0 = off
    company_threshold: int = 5
    fold_synonyms: bool = True

    def __post_init__(self) -> None:
        if self.k < 1 or self.w < 1:
            raise ValueError("k and w must be positive")


DEFAULT_PARAMS = Params()
