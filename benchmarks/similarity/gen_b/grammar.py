"""Expands sentence templates: ``[a|b|c]`` picks one alternative, ``{slot}`` fills a pool.

Names (``{co}``, ``{client}``, ``{proj}``) stay separate segments so a copy can swap them
for its own company's names and mark exactly those characters as not copied.
"""

import random
import re
from dataclasses import dataclass
from functools import cache

from benchmarks.similarity.gen_b.lexicon import POOLS, number

NAMES = ("co", "client", "proj")
_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Names:
    co: str
    client: str
    proj: str

    def get(self, key: str) -> str:
        return getattr(self, key)


# A sentence: text segments and name keys, e.g. ("我公司", "co", "承接", "proj", "后")
Segment = tuple[str, str | None]


@dataclass(frozen=True)
class Slot:
    key: str


def _pick(rng: random.Random, options):
    return options[int(rng.random() * len(options))]  # random.choice, three times faster


@cache
def _compile(template: str) -> tuple:
    """Template parts: literal text, a tuple of alternatives (each compiled), or a slot name."""
    parts: list = []
    for i, chunk in enumerate(_CHOICE.split(template)):
        if i % 2:
            parts.append(tuple(_compile(option) for option in chunk.split("|")))
            continue
        for j, piece in enumerate(_SLOT.split(chunk)):
            if piece:
                parts.append(Slot(piece) if j % 2 else piece)
    return tuple(parts)


def _emit(parts: tuple, rng: random.Random, names: Names, out: list[Segment]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append((part, None))
        elif isinstance(part, Slot):
            key = part.key
            if key in NAMES:
                out.append((names.get(key), key))
            else:
                out.append((_pick(rng, POOLS[key]) if key in POOLS else number(rng, key), None))
        else:
            _emit(_pick(rng, part), rng, names, out)


def expand(template: str, rng: random.Random, names: Names) -> list[Segment]:
    out: list[Segment] = []
    _emit(_compile(template), rng, names, out)
    merged: list[Segment] = []
    for t, k in out:
        if merged and k is None and merged[-1][1] is None:
            merged[-1] = (merged[-1][0] + t, None)
        elif t:
            merged.append((t, k))
    return merged


def flat(segments: list[Segment]) -> str:
    return "".join(t for t, _ in segments)
