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


# Interchangeable words: every literal occurrence in a template becomes a choice, which
# multiplies the variants of each template without writing them out.
SYNONYMS = (
    ("及时", "迅速", "尽快"),
    ("立即", "马上", "即刻"),
    ("开展", "进行", "实施"),
    ("检查", "查验", "核查"),
    ("确保", "保证", "保障"),
    ("清理", "清扫", "清除"),
    ("严禁", "禁止", "杜绝"),
    ("不得", "不准", "不可"),
    ("定期", "按期"),
    ("报告", "汇报", "上报"),
    ("处置", "处理", "应对"),
    ("完成", "落实"),
    ("设置", "设立", "配置"),
    ("提前", "预先", "事先"),
    ("发现", "察觉", "发觉"),
    ("组织", "安排", "调派"),
    ("加强", "强化"),
    ("每日", "每天"),
    ("保持", "维持"),
    ("按照", "依照", "遵照"),
    ("相关", "有关"),
    ("情况", "状况"),
    ("不少于", "不低于"),
    ("内容", "范围"),
    ("记录", "登记"),
    ("制度", "机制"),
    ("实行", "推行", "执行"),
)
_WORD = {w: group for group in SYNONYMS for w in group}
_WORDS = re.compile("|".join(sorted(_WORD, key=len, reverse=True)))


def _literal(text: str) -> list:
    parts: list = []
    pos = 0
    for m in _WORDS.finditer(text):
        parts += [text[pos : m.start()], _WORD[m.group()]]
        pos = m.end()
    return [p for p in (*parts, text[pos:]) if p]


def _option(option: str):
    parts = _compile(option)
    return parts[0] if len(parts) == 1 and isinstance(parts[0], str) else parts


@cache
def _compile(template: str) -> tuple:
    """Parts: literal text, a slot, or a tuple of alternatives (a string or compiled parts)."""
    parts: list = []
    for i, chunk in enumerate(_CHOICE.split(template)):
        if i % 2:
            parts.append(tuple(_option(option) for option in chunk.split("|")))
            continue
        for j, piece in enumerate(_SLOT.split(chunk)):
            if piece:
                parts += [Slot(piece)] if j % 2 else _literal(piece)
    return tuple(parts)


def _emit(parts: tuple, rng: random.Random, names: Names, buf: list[str], out: list[Segment]) -> None:
    """Text goes to ``buf``; a name flushes it to ``out`` and becomes a segment of its own."""
    for part in parts:
        if type(part) is tuple:
            part = part[int(rng.random() * len(part))]
            if type(part) is tuple:
                _emit(part, rng, names, buf, out)
                continue
        if type(part) is str:
            buf.append(part)
        elif part.key in NAMES:
            if buf:
                out.append(("".join(buf), None))
                buf.clear()
            out.append((names.get(part.key), part.key))
        else:
            buf.append(_pick(rng, POOLS[part.key]) if part.key in POOLS else number(rng, part.key))


def expand(template: str, rng: random.Random, names: Names) -> list[Segment]:
    buf: list[str] = []
    out: list[Segment] = []
    _emit(_compile(template), rng, names, buf, out)
    if buf:
        out.append(("".join(buf), None))
    return out


def flat(segments: list[Segment]) -> str:
    return "".join(t for t, _ in segments)
