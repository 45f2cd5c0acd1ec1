"""Copy detection between bids: normalise, fingerprint, subtract legitimate text, align passages.

Public entry points: :func:`prepare` (text -> precomputed :class:`Document`),
:class:`Boilerplate` and :func:`subtract` (legitimate shared text), :func:`compare`
(two documents -> :class:`PairReport`) and :func:`compare_texts` for one-off use.
"""

from scoring.similarity.document import Document, prepare
from scoring.similarity.params import DEFAULT_PARAMS, Params
from scoring.similarity.report import FlagRule, PairReport, Passage, SubtractedSpan, compare, compare_texts
from scoring.similarity.subtract import Boilerplate, Reason, Subtraction, SubtractionKind, subtract

__all__ = [
    "DEFAULT_PARAMS",
    "Boilerplate",
    "Document",
    "FlagRule",
    "PairReport",
    "Params",
    "Passage",
    "Reason",
    "SubtractedSpan",
    "Subtraction",
    "SubtractionKind",
    "compare",
    "compare_texts",
    "prepare",
    "subtract",
]
