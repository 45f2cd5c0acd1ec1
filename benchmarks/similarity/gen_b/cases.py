"""The labelled pairs of generator B, one builder per class."""

import random

from benchmarks.similarity.cases import Case
from benchmarks.similarity.gen_b import lexicon
from benchmarks.similarity.gen_b.doc import Doc, copied, make_doc, place, render
from benchmarks.similarity.gen_b.edits import partial_copy, sentence_copy
from benchmarks.similarity.gen_b.grammar import Names, expand
from benchmarks.similarity.gen_b.light import light_edit
from benchmarks.similarity.gen_b.shared import GENERIC, quotes, regulation_text, tender_text
from benchmarks.similarity.gen_b.toc import generic_headings, template_copy, template_headings, toc_doc

PARTIAL_SHARE = 0.10  # copied characters / host characters, where the host range allows
HOST_CHARS = (5_000, 38_000)


def names(rng: random.Random, client: str | None = None) -> Names:
    c = client or lexicon.client(rng)
    return Names(co=lexicon.company(rng), client=c, proj=lexicon.project(c, rng))


def two_parties(rng: random.Random, same_project: bool = False) -> tuple[Names, Names]:
    a = names(rng)
    while True:
        b = names(rng, a.client if same_project else None)
        if b.co != a.co and (same_project or b.client != a.client):
            if same_project:
                b = Names(b.co, a.client, a.proj)
            return a, b


def doc_chars(rng: random.Random) -> int:
    """Mixed lengths: a third short, a third medium, a third long (15k-40k) bids."""
    lo, hi = rng.choice(((5_000, 10_000), (10_000, 20_000), (15_000, 40_000)))
    return rng.randint(lo, hi)


def sent_case(cls: str, rate: float, rng: random.Random) -> Case:
    na, nb = two_parties(rng)
    a, b, origin, _ = sentence_copy(make_doc(rng, na, doc_chars(rng)), nb, rate, rng)
    return Case(cls, True, a, b, origin)


def partial_case(cls: str, rng: random.Random) -> Case:
    na, nb = two_parties(rng)

    def host(copied_chars: int) -> Doc:
        if rng.random() < 0.75:
            chars = int(copied_chars / PARTIAL_SHARE)
        else:
            chars = rng.randint(12_000, HOST_CHARS[1])
        return make_doc(rng, nb, min(max(chars, HOST_CHARS[0]), HOST_CHARS[1]))

    a, b, origin = partial_copy(make_doc(rng, na, doc_chars(rng)), host, rng, rng.randint(2, 3))
    return Case(cls, True, a, b, origin)


def template_case(cls: str, rng: random.Random) -> Case:
    na, nb = two_parties(rng)
    headings = template_headings(rng, names(rng))
    a, b, origin = template_copy(toc_doc(rng, na, headings, (0, 1)), toc_doc(rng, nb, headings, (0, 1)))
    return Case(cls, True, a, b, origin)


def light_case(cls: str, rng: random.Random) -> Case:
    na, nb = two_parties(rng)
    a, placed = place(make_doc(rng, na, doc_chars(rng)))
    b, origin = render([[copied(s, nb) for s in row] for row in placed])
    b, origin = light_edit(b, origin, rng)
    return Case(cls, True, a, b, origin)


def _insert_lines(doc: Doc, rng: random.Random, lines: list[list[str]], lead: str) -> None:
    """Each run of shared lines becomes a paragraph after a random body paragraph."""
    for run in lines:
        at = rng.choice([i for i, k in enumerate(doc.kinds) if k == "body"]) + 1
        intro = expand(lead, rng, doc.names)
        doc.lines.insert(at, [intro] + [[(t, None)] for t in run])
        doc.kinds.insert(at, "quote")
        doc.topics.insert(at, None)


def _quoting_case(cls: str, rng: random.Random, kind: str) -> Case:
    na, nb = two_parties(rng, same_project=kind == "tender")
    if kind == "tender":
        clauses, lead = tender_text(rng, na), "[根据|按照|依据]招标文件[要求|规定|第{n}章]："
        title = "招标文件"
    else:
        clauses, lead = regulation_text(rng, na), "[依据|根据|按照][相关|国家][法规|法律法规][规定|要求]："
        title = "法规汇编"
    quoted = quotes(rng, clauses, rng.randint(4, 7))
    texts = []
    for n in (na, nb):
        doc = make_doc(rng, n, doc_chars(rng))
        _insert_lines(doc, rng, [q for q in quoted if rng.random() < 0.8], lead)
        texts.append(render_plain(doc))
    return negative(cls, *texts, ((title, kind, "\n".join(clauses)),))


def generic_case(cls: str, rng: random.Random) -> Case:
    texts = []
    for n in two_parties(rng):
        doc = make_doc(rng, n, doc_chars(rng))
        body = [i for i, k in enumerate(doc.kinds) if k == "body"]
        for phrase, at in zip(rng.sample(GENERIC, rng.randint(8, 14)), rng.choices(body, k=14), strict=False):
            doc.lines[at].insert(rng.randint(0, len(doc.lines[at])), [(phrase, None)])
        texts.append(render_plain(doc))
    return negative(cls, *texts)


def headings_case(cls: str, rng: random.Random) -> Case:
    texts = [render_plain(toc_doc(rng, n, generic_headings(rng), (2, 6))) for n in two_parties(rng)]
    return negative(cls, *texts)


def render_plain(doc: Doc) -> str:
    return place(doc)[0]


def negative(cls: str, a: str, b: str, boilerplate=()) -> Case:
    return Case(cls, False, a, b, (-1,) * len(b), tuple(boilerplate))


COPY_CLASSES = {
    "b_sent_10": lambda cls, rng: sent_case(cls, 0.10, rng),
    "b_sent_20": lambda cls, rng: sent_case(cls, 0.20, rng),
    "b_sent_30": lambda cls, rng: sent_case(cls, 0.30, rng),
    "b_partial_short": partial_case,
    "b_template_toc": template_case,
    "b_light": light_case,
}
NEGATIVE_CLASSES = {
    "b_neg_tender": lambda cls, rng: _quoting_case(cls, rng, "tender"),
    "b_neg_legal": lambda cls, rng: _quoting_case(cls, rng, "legal"),
    "b_neg_generic": generic_case,
    "b_neg_headings": headings_case,
}


def case(cls: str, seed: int, index: int) -> Case:
    """One pair; its own random stream, so classes and indices do not shift each other."""
    rng = random.Random(f"gen_b/{seed}/{cls}/{index}")
    return (COPY_CLASSES | NEGATIVE_CLASSES)[cls](cls, rng)


def build_cases(n_copy: int, n_neg: int, seed: int = 0) -> list[Case]:
    out = [case(c, seed, i) for c in COPY_CLASSES for i in range(n_copy)]
    return out + [case(c, seed, i) for c in NEGATIVE_CLASSES for i in range(n_neg)]
