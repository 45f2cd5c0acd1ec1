"""The stored corpus and the query bids with planted partial copies, all generated and seeded.

Stored document ``i`` is ``make_bid(STORED_SEED + i, chars)`` written by company ``i % companies``;
only its fingerprints are kept in memory (5,000 prepared documents would not fit the budget), and
the text is regenerated from the seed when a query copies from it. A query is a long generated bid
into which runs of paragraphs from 1-3 stored documents are pasted, each run 10-20 % of the stored
document's length, with light edits: a tenth of the sentences rewritten, the stored bid's company
and project names replaced by the query bidder's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from benchmarks.similarity.textgen import Bid, company_name, make_bid, render, sentence
from scoring.similarity import prepare

STORED_SEED = 3_000_000
QUERY_SEED = 4_000_000


@dataclass(frozen=True)
class Stored:
    doc_id: int  # 1-based, the sim_documents id
    company_id: int  # 1-based, the companies id
    chars: int
    fp_hash: np.ndarray
    fp_pos: np.ndarray


@dataclass(frozen=True)
class Query:
    text: str
    planted: dict[int, float]  # stored doc id -> share of that document's characters pasted in
    planted_chars: int


def company_names(n: int) -> list[str]:
    """Seeded names; a running number keeps them unique (the generator draws from ~1,700 names)."""
    return [company_name(random.Random(7_000 + c)).replace("物业服务", f"{c}号物业服务") for c in range(n)]


def stored_bid(doc_id: int, chars: int, names: list[str]) -> Bid:
    return make_bid(STORED_SEED + doc_id, chars, company=names[(doc_id - 1) % len(names)])


def stored_corpus(n_docs: int, n_companies: int, chars: int) -> tuple[list[str], list[Stored]]:
    names = company_names(n_companies)
    docs = []
    for doc_id in range(1, n_docs + 1):
        text = render(stored_bid(doc_id, chars, names))
        d = prepare(text)
        docs.append(Stored(doc_id, (doc_id - 1) % n_companies + 1, len(text), d.fp_hash, d.fp_pos))
    return names, docs


def pasted_block(rng: random.Random, src: Bid, host: Bid, share: float) -> tuple[list[str], int]:
    """Consecutive body paragraphs of ``src`` adding up to ``share`` of its rendered length, lightly edited."""
    total = len(render(src))
    paragraphs = [p for _, ps in src.chapters for p in ps]
    start = rng.randrange(max(1, len(paragraphs) // 2))
    block, size = [], 0
    for para in paragraphs[start:]:
        if size >= share * total:
            break
        out = []
        for s in para:
            if rng.random() < 0.1:
                s = sentence(rng, rng.choice(host.chapters)[0], host.company, host.project)
            out.append(s.replace(src.company, host.company).replace(src.project, host.project))
        block.append("".join(out))
        size += sum(map(len, para))
    return block, size


def make_query(index: int, chars: int, stored_ids: list[int], stored_chars: int, names: list[str],
               copies: tuple[int, int] = (1, 3), share: tuple[float, float] = (0.10, 0.20)) -> Query:
    """A ``chars``-long bid with partial copies of 1-3 of ``stored_ids`` pasted at random places."""
    rng = random.Random(QUERY_SEED + index)
    host = make_bid(QUERY_SEED + index, chars)
    lines = render(host).split("\n")
    planted: dict[int, float] = {}
    pasted = 0
    for doc_id in rng.sample(stored_ids, rng.randint(*copies)):
        src = stored_bid(doc_id, stored_chars, names)
        block, size = pasted_block(rng, src, host, rng.uniform(*share))
        at = rng.randrange(3, len(lines))
        lines[at:at] = block
        planted[doc_id] = size / len(render(src))
        pasted += size
    return Query("\n".join(lines), planted, pasted)
