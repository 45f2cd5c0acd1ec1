"""Edit operations that turn a source bid into a suspect one, at sentence level.

Generator A edits inside sentences; these operate on whole sentences and paragraphs, the
way a bidder reworks a purchased or borrowed bid: drop a sentence, write a new one in its
place, add one of its own after it, move paragraphs, put its own names in.
"""

import random
from dataclasses import dataclass

from benchmarks.similarity.gen_b.doc import TOPICS, Doc, Piece, copied, flat, fresh, place, render, sentence
from benchmarks.similarity.gen_b.grammar import Names

OPS = ("delete", "rewrite", "insert")


@dataclass
class EditLog:
    sentences: int = 0  # body sentences in the source
    delete: int = 0
    rewrite: int = 0
    insert: int = 0
    moved: int = 0  # paragraphs moved

    @property
    def edited(self) -> int:
        return self.delete + self.rewrite + self.insert


def _replacement(rng: random.Random, topic: str, names: Names, old: str) -> list[Piece]:
    while True:
        s = sentence(rng, topic, names)
        if flat(s) != old:
            return fresh(s)


def _edit_sentences(doc: Doc, placed, names: Names, rate: float, rng: random.Random, log: EditLog):
    body = [(i, j) for i, kind in enumerate(doc.kinds) if kind == "body" for j in range(len(doc.lines[i]))]
    log.sentences = len(body)
    chosen = dict.fromkeys(rng.sample(body, round(rate * len(body))))
    for key in chosen:
        chosen[key] = rng.choice(OPS)
        setattr(log, chosen[key], getattr(log, chosen[key]) + 1)
    lines = []
    for i, row in enumerate(placed):
        line = []
        for j, s in enumerate(row):
            op = chosen.get((i, j))
            if op == "rewrite":
                line.append(_replacement(rng, doc.topics[i], names, flat(doc.lines[i][j])))
                continue
            if op != "delete":
                line.append(copied(s, names))
            if op == "insert":
                line.append(fresh(sentence(rng, rng.choice(list(TOPICS)), names)))
        lines.append((doc.kinds[i], line))
    return lines


def _move_paragraphs(lines, rng: random.Random, log: EditLog) -> None:
    """Swap a few pairs of neighbouring body paragraphs (kept inside their chapter)."""
    pairs = [i for i in range(len(lines) - 1) if lines[i][0] == lines[i + 1][0] == "body"]
    for i in rng.sample(pairs, min(len(pairs), rng.randint(2, 4))):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
        log.moved += 2


def sentence_copy(src: Doc, names: Names, rate: float, rng: random.Random):
    """``rate`` of the source's body sentences deleted, rewritten or followed by a new one."""
    a, placed = place(src)
    log = EditLog()
    lines = _edit_sentences(src, placed, names, rate, rng, log)
    _move_paragraphs(lines, rng, log)
    b, origin = render([line for _, line in lines if line])
    return a, b, origin, log


def passages(placed, kinds, rng: random.Random, count: int, lo: int = 200, hi: int = 400):
    """``count`` disjoint runs of whole source sentences, each ``lo``..``hi`` chars, no names."""
    body = [s for i, row in enumerate(placed) if kinds[i] == "body" for s in row]
    out, used = [], set()
    for _ in range(1000):
        if len(out) == count:
            break
        start = rng.randrange(len(body))
        run, size = [], 0
        for s in body[start:]:
            if any(k for _, k, _ in s) or size >= lo:
                break
            run.append(s)
            size += sum(len(t) for t, _, _ in s)
        span = set(range(start - 1, start + len(run) + 1))
        if lo <= size <= hi and not span & used:
            out.append(run)
            used |= span
    if len(out) < count:
        raise ValueError("source too short for the requested passages")
    return out


def partial_copy(src: Doc, host_for, rng: random.Random, count: int):
    """``count`` passages of the source inside an unrelated host, ``host_for(copied_chars)``."""
    a, placed = place(src)
    chosen = passages(placed, src.kinds, rng, count)
    host = host_for(sum(len(t) for run in chosen for s in run for t, _, _ in s))
    _, host_placed = place(host)
    lines = [[fresh_from(s) for s in row] for row in host_placed]
    body = [i for i, kind in enumerate(host.kinds) if kind == "body"]
    for run, at in zip(chosen, sorted(rng.sample(body, count), reverse=True), strict=True):
        pieces = [[(t, off) for t, _, off in s] for s in run]
        if rng.random() < 0.5:
            lines.insert(at + 1, pieces)  # a paragraph of its own
        else:
            cut = rng.randint(1, len(lines[at]))
            lines[at][cut:cut] = pieces  # inside a paragraph, between sentences
    b, origin = render(lines)
    return a, b, origin


def fresh_from(s) -> list[Piece]:
    return [(t, None) for t, _, _ in s]
