"""A bid as lines of sentences, rendered to text with a per-character origin.

A source document is rendered once to learn where each segment sits (its offsets); a
suspect document is a list of lines of *pieces*: text with the offset in the source it
was copied from, or None for text written anew. Rendering pieces yields the text and the
exact ground truth ``origin`` in one pass, so the two can never drift apart.
"""

import random
from dataclasses import dataclass, field

from benchmarks.similarity.gen_b.grammar import Names, Segment, expand, flat
from benchmarks.similarity.gen_b.topics_more import TOPICS_MORE
from benchmarks.similarity.gen_b.topics_ops import TOPICS_OPS
from benchmarks.similarity.gen_b.topics_service import INTRO, TOPICS_SERVICE

TOPICS = {
    topic: (titles, lines + TOPICS_MORE.get(topic, []))
    for topic, (titles, lines) in (TOPICS_OPS | TOPICS_SERVICE).items()
}
LEADS = (
    "[此外|另外|同时|与此同时|在此基础上|为此|对此|具体而言|一方面|必要时]，",
    "[针对|结合|考虑到]{place}的[特点|实际情况|使用需求]，",
    "在{dept}的[统筹|牵头|协调]下，",
    "[按照|根据]{client}的[要求|管理规定|作息安排]，",
)
TAILS = (
    "，[相关|有关][情况|结果][记入|填入|录入]{doc}",
    "，由{dept}[监督|抽查|跟踪][落实|执行|到位]",
    "，[重点|尤其|特别][关注|照顾|兼顾]{place}",
    "，[确保|力求|做到|实现]{goal}",
    "，[接受|配合]{client}的[监督|检查|考核]",
    "，[每次|每项]作业[留存|保留][照片|影像|书面]资料",
    "，[必要时|如有需要][请|由]{post}[协助|配合|补位]",
)
CN = "零一二三四五六七八九十"

Piece = tuple[str, int | None]  # text, offset in the source (None: not copied)
Placed = list[tuple[str, str | None, int]]  # a rendered source sentence: text, name key, offset


def cn(n: int) -> str:
    """Chinese numeral for 1..99, as used in chapter and section numbers."""
    if n <= 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


@dataclass
class Doc:
    names: Names
    lines: list[list[list[Segment]]] = field(default_factory=list)  # lines of sentences
    kinds: list[str] = field(default_factory=list)  # title / heading / toc / body
    topics: list[str | None] = field(default_factory=list)
    chars: int = 0  # characters added through :meth:`add`, line breaks included

    def add(self, kind: str, sentences: list[list[Segment]], topic: str | None = None) -> None:
        self.lines.append(sentences)
        self.kinds.append(kind)
        self.topics.append(topic)
        self.chars += sum(len(t) for s in sentences for t, _ in s) + 1


def templates(topic: str) -> list[str]:
    return INTRO if topic == "intro" else TOPICS[topic][1]


def sentence(rng: random.Random, topic: str, names: Names, template: str | None = None) -> list[Segment]:
    template = template or rng.choice(templates(topic))
    if rng.random() < 0.35:
        template = rng.choice(LEADS) + template
    if rng.random() < 0.45 and template.endswith("。"):
        template = template[:-1] + rng.choice(TAILS) + "。"
    return expand(template, rng, names)


def paragraph(rng: random.Random, topic: str, names: Names, n: int) -> list[list[Segment]]:
    """``n`` sentences of one topic, each from a different template while they last."""
    pool = templates(topic)
    picks = rng.sample(pool, min(n, len(pool))) + [rng.choice(pool) for _ in range(n - len(pool))]
    return [sentence(rng, topic, names, t) for t in picks]


def text_line(text: str) -> list[list[Segment]]:
    return [[(text, None)]]


def cover(doc: Doc) -> None:
    doc.add("title", [[(doc.names.proj, "proj"), ("投标文件（技术部分）", None)]])
    doc.add("title", [[("投标人：", None), (doc.names.co, "co")]])


def make_doc(rng: random.Random, names: Names, chars: int) -> Doc:
    """A technical bid of about ``chars`` characters: cover, introduction, one chapter per topic."""
    doc = Doc(names)
    cover(doc)
    doc.add("body", paragraph(rng, "intro", names, rng.randint(2, 4)), "intro")
    order = list(TOPICS)
    rng.shuffle(order)
    chapter = 0
    while doc.chars < chars:
        topic = order[chapter % len(order)]
        chapter += 1
        doc.add("heading", text_line(f"第{cn(chapter)}章 {rng.choice(TOPICS[topic][0])}"))
        for _ in range(rng.randint(2, 6)):
            doc.add("body", paragraph(rng, topic, names, rng.randint(2, 6)), topic)
            if doc.chars >= chars:
                break
    return doc


def place(doc: Doc) -> tuple[str, list[list[Placed]]]:
    """Render a source document; return its text and each segment's offset."""
    out, placed, pos = [], [], 0
    for line in doc.lines:
        row = []
        for s in line:
            row.append([(t, k, pos + sum(len(x) for x, _ in s[:i])) for i, (t, k) in enumerate(s)])
            pos += len(flat(s))
            out.append(flat(s))
        placed.append(row)
        out.append("\n")
        pos += 1
    return "".join(out), placed


def copied(s: Placed, names: Names) -> list[Piece]:
    """A verbatim copy of a source sentence, names swapped for the copier's own."""
    out: list[Piece] = []
    for t, k, off in s:
        out += _swap(t, names.get(k), off) if k and names.get(k) != t else [(t, off)]
    return out


def _swap(old: str, new: str, off: int) -> list[Piece]:
    """A swapped name; the characters it shares in place (…有限公司) stay copied."""
    p = next((i for i, (x, y) in enumerate(zip(old, new, strict=False)) if x != y), min(len(old), len(new)))
    q = 0
    while q < min(len(old), len(new)) - p and old[-1 - q] == new[-1 - q]:
        q += 1
    pieces = [(new[:p], off), (new[p : len(new) - q], None), (new[len(new) - q :], off + len(old) - q)]
    return [x for x in pieces if x[0]]


def fresh(s: list[Segment]) -> list[Piece]:
    return [(t, None) for t, _ in s]


def render(lines: list[list[list[Piece]]]) -> tuple[str, tuple[int, ...]]:
    text, origin = [], []
    for line in lines:
        for s in line:
            for t, off in s:
                text.append(t)
                origin.extend(range(off, off + len(t)) if off is not None else (-1,) * len(t))
        text.append("\n")
        origin.append(-1)
    return "".join(text), tuple(origin)
