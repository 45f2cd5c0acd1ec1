"""Labelled pairs with character-level ground truth, built from generated bids.

Every text is a list of characters with an *origin*: the offset of the same character
in the source bid when it was copied verbatim (or spun / converted one for one), else
-1. Copy classes transform a source bid; negative classes pair unrelated bids that share
only legitimate text (the tender, a regulation), generic phrases or headings.
"""

import random
import re
from dataclasses import dataclass, field

import opencc

from benchmarks.similarity.spin import SPIN_TABLE, held_out
from benchmarks.similarity.textgen import (
    Bid,
    company_name,
    heading,
    make_bid,
    make_legal_library,
    make_tender,
    project_name,
    render,
    sentence,
)

Sentence = tuple[str, tuple[int, ...]]


@dataclass(frozen=True)
class Case:
    """One labelled pair: A is the source, B the suspect; ``origin_b[i]`` >= 0 marks copied chars."""

    cls: str
    copy: bool
    a: str
    b: str
    origin_b: tuple[int, ...]
    boilerplate: tuple[tuple[str, str, str], ...] = field(default=())


def units(bid: Bid, toc: bool = False) -> list[list[Sentence]]:
    """The bid as paragraphs of sentences with their source offsets (matches :func:`render`)."""
    text = render(bid, toc)
    paragraphs: list[list[str]] = [[f"{bid.project}前期物业服务投标文件"], [f"投标人：{bid.company}"]]
    if toc:
        paragraphs.append(["目录"])
        paragraphs += [[f"{heading(i, t)}{'.' * 12}{3 + 7 * i}"] for i, (t, _) in enumerate(bid.chapters)]
    for i, (title, paras) in enumerate(bid.chapters):
        paragraphs.append([heading(i, title)])
        paragraphs += [list(p) for p in paras]
    out, pos = [], 0
    for para in paragraphs:
        row = []
        for s in para:
            row.append((s, tuple(range(pos, pos + len(s)))))
            pos += len(s)
        out.append(row)
        pos += 1  # the line break
    assert pos == len(text)
    return out


def join(paragraphs: list[list[Sentence]]) -> tuple[str, tuple[int, ...]]:
    text, origin = [], []
    for para in paragraphs:
        for s, o in para:
            text.append(s)
            origin.extend(o)
        text.append("\n")
        origin.append(-1)
    return "".join(text), tuple(origin)


def fresh(s: str) -> Sentence:
    return s, (-1,) * len(s)


def _common_prefix(x: str, y: str) -> str:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return x[:n]


def replace(sent: Sentence, old: str, new: str, keep_origin: bool = False) -> Sentence:
    """Replace ``old`` by ``new``; the new chars are copied only when ``keep_origin``."""
    text, origin = sent
    out_t, out_o, i = [], [], 0
    while (j := text.find(old, i)) >= 0:
        out_t.append(text[i:j])
        out_o.extend(origin[i:j])
        out_t.append(new)
        if keep_origin:
            out_o.extend(origin[j + min(n, len(old) - 1)] for n in range(len(new)))
        else:  # characters the new name shares with the old one at its ends stay copied
            pre = len(_common_prefix(old, new))
            suf = min(len(_common_prefix(old[::-1], new[::-1])), len(new) - pre, len(old) - pre)
            middle = len(new) - pre - suf
            out_o.extend(origin[j : j + pre])
            out_o.extend([-1] * middle)
            out_o.extend(origin[j + len(old) - suf : j + len(old)])
        i = j + len(old)
    out_t.append(text[i:])
    out_o.extend(origin[i:])
    return "".join(out_t), tuple(out_o)


def edit(rng: random.Random, src: Bid, rate: float, swap_names: bool = True) -> list[list[Sentence]]:
    """Delete, rewrite or insert ``rate`` of the sentences, reorder paragraphs, swap names."""
    company, project = company_name(rng), project_name(rng)
    chapters_cycle = [t for t, _ in src.chapters]
    out = []
    for para in units(src):
        if len(para) == 1 and ("第" in para[0][0][:2] or "投标" in para[0][0]):
            row = list(para)
        else:
            row = []
            for s in para:
                r = rng.random()
                if r < rate / 3:
                    continue
                if r < 2 * rate / 3:
                    row.append(fresh(sentence(rng, rng.choice(chapters_cycle), company, project)))
                    continue
                row.append(s)
                if r < rate:
                    row.append(fresh(sentence(rng, rng.choice(chapters_cycle), company, project)))
        if swap_names:
            row = [replace(replace(s, src.company, company), src.project, project) for s in row]
        out.append(row)
    body = [i for i, p in enumerate(out) if len(p) > 1]
    for _ in range(len(body) // 5):  # move a fifth of the paragraphs elsewhere
        i, j = rng.sample(body, 2)
        out[i], out[j] = out[j], out[i]
    return out


def clause_edit(rng: random.Random, src: Bid, rate: float, foreign: Bid) -> list[list[Sentence]]:
    """Edit ``rate`` of the *clauses* (parts between ，；。): delete one, rewrite it (a clause of
    another bid instead) or insert a foreign clause after it; names swapped.

    Clauses are 8-25 characters, so a copied clause left alone between two edits is shorter
    than a passage's 30 characters: the case an outside check found recall 0.82-0.86 on.
    """
    company, project = company_name(rng), project_name(rng)
    pool = [fresh(c) for para in units(foreign) for s, _ in para for c in re.findall(r"[^，；。]+[，；。]?", s)]
    out = []
    for para in units(src):
        if len(para) == 1 and ("第" in para[0][0][:2] or "投标" in para[0][0]):
            out.append(list(para))
            continue
        row = []
        for text, origin in para:
            for m in re.finditer(r"[^，；。]+[，；。]?", text):
                clause = (m.group(), origin[m.start() : m.end()])
                r = rng.random()
                if r < rate / 3:
                    continue
                if r < 2 * rate / 3:
                    row.append(rng.choice(pool))
                    continue
                row.append(clause)
                if r < rate:
                    row.append(rng.choice(pool))
        out.append([replace(replace(s, src.company, company), src.project, project) for s in row])
    return out


def pdf_noise(rng: random.Random, text: str, origin: tuple[int, ...], company: str):
    """Simulate PDF extraction: wrapped lines, stray spaces, full-width digits, running headers."""
    full = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
    out_t, out_o, since_wrap, page = [], [], 0, 1
    for ch, o in zip(text, origin, strict=True):
        if since_wrap >= rng.randint(30, 45):
            out_t.append("\n")
            out_o.append(-1)
            since_wrap = 0
            if rng.random() < 0.04:
                header = f"\n{company}  投标文件  第 {page} 页\n"
                page += 1
                out_t.append(header)
                out_o.extend([-1] * len(header))
        if rng.random() < 0.01:
            out_t.append(" ")
            out_o.append(-1)
        out_t.append(full.get(ch, ch) if rng.random() < 0.5 else ch)
        out_o.append(o)
        since_wrap = 0 if ch == "\n" else since_wrap + 1
    return "".join(out_t), tuple(out_o)


def spin(
    rng: random.Random, paragraphs: list[list[Sentence]], rate: float = 0.8, table=SPIN_TABLE
) -> list[list[Sentence]]:
    """Swap words for synonyms as spinning tools do (see :mod:`benchmarks.similarity.spin`)."""
    out = []
    for para in paragraphs:
        row = []
        for s in para:
            for word, synonym in table:
                if word in s[0] and rng.random() < rate:
                    s = replace(s, word, synonym, keep_origin=True)
            row.append(s)
        out.append(row)
    return out


_S2T = opencc.OpenCC("s2t")


def traditional(paragraphs: list[list[Sentence]]) -> list[list[Sentence]]:
    out = []
    for para in paragraphs:
        row = []
        for text, origin in para:
            converted = _S2T.convert(text)
            row.append((converted, origin) if len(converted) == len(text) else fresh(converted))
        out.append(row)
    return out


def copy_case(cls: str, seed: int, chars: int) -> Case:
    rng = random.Random(seed)
    src = make_bid(seed, chars)
    a = render(src)
    if cls.startswith("edited"):
        rate = int(cls.split("_")[1]) / 100
        b, origin = join(edit(rng, src, rate))
        if cls.endswith("pdf"):
            b, origin = pdf_noise(rng, b, origin, company_name(rng))
    elif cls.startswith("clauses"):
        rate = int(cls.split("_")[1]) / 100
        b, origin = join(clause_edit(rng, src, rate, make_bid(seed + 2 * 10**6, chars)))
    elif cls == "partial_10":
        host = [[fresh(t) for t, _ in p] for p in units(make_bid(seed + 10**6, chars))]
        paras = [p for p in units(src) if len(p) > 1]
        start = rng.randrange(len(paras) // 2)
        block, size = [], 0
        for p in paras[start:]:
            if size >= 0.1 * len(a):
                break
            block.append(p)
            size += sum(len(s) for s, _ in p)
        at = rng.randrange(3, len(host))
        b, origin = join(host[:at] + block + host[at:])
    elif cls == "spun":
        b, origin = join(spin(rng, edit(rng, src, 0.1)))
    elif cls == "spun_heldout":  # only swaps the detector's synonym table does not fold
        b, origin = join(spin(rng, edit(rng, src, 0.1), table=held_out()))
    elif cls == "traditional":
        b, origin = join(traditional(edit(rng, src, 0.1)))
    elif cls == "keeps_names":
        b, origin = join(edit(rng, src, 0.2, swap_names=False))
    else:
        raise ValueError(cls)
    return Case(cls, True, a, b, origin)


def negative_case(cls: str, seed: int, chars: int) -> Case:
    rng = random.Random(seed)
    one, two = make_bid(seed, chars), make_bid(seed + 10**6, chars)
    bp: tuple[tuple[str, str, str], ...] = ()
    if cls in ("tender", "legal"):
        shared = make_tender(seed // 7, 3000) if cls == "tender" else make_legal_library(seed % 3)
        bp = (("招标文件" if cls == "tender" else "物业管理条例（示例）", cls, shared),)
        lines = shared.splitlines(keepends=True)
        pick = lines if cls == "tender" else rng.sample(lines, 25)
        pick2 = lines if cls == "tender" else rng.sample(lines, 25)
        a = render(one) + "第八章 响应" + "".join(pick)
        b = render(two) + "第八章 响应" + "".join(pick2)
    elif cls == "generic":
        a, b = render(one), render(two)
    elif cls == "headings":
        a, b = render(one, toc=True), render(two, toc=True)
    else:
        raise ValueError(cls)
    return Case(cls, False, a, b, (-1,) * len(b), bp)


COPY_CLASSES = (
    "edited_10",
    "edited_20",
    "edited_30",
    "edited_10_pdf",
    "edited_20_pdf",
    "edited_30_pdf",
    "partial_10",
    "spun",
    "traditional",
    "keeps_names",
    "spun_heldout",
    "clauses_30",
)
NEGATIVE_CLASSES = ("tender", "legal", "generic", "headings")
