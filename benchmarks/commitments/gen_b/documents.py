"""A document: pages of headings, distractor sentences and one to three commitment blocks."""

from __future__ import annotations

from dataclasses import replace
from random import Random

from .catalogue import SPECS
from .distractors import overview, sentence
from .items import draw
from .layouts import bullets, prose, table

HEADINGS = ("第{c}章 物业管理服务承诺", "{c}.{s} 管理指标承诺", "{c}.{s} 服务承诺及保证措施", "第{c}部分 质量目标")
OVERVIEW = ("项目概况", "一、项目基本情况", "物业管理服务方案概述")


def heading(rng: Random) -> str:
    return rng.choice(HEADINGS).format(c=rng.randint(2, 9), s=rng.randint(1, 6))


def fillers(rng: Random, k: int) -> list[str]:
    return ["".join(sentence(rng) + "。" for _ in range(rng.randint(1, 3))) for _ in range(k)]


def split(rng: Random, inds: list) -> list[tuple]:
    """(layout, indicators): a table takes at least two rate indicators, so it always has national figures."""
    rates = [i for i in inds if SPECS[i].kind == "rate"]
    blocks = []
    if len(rates) >= 2 and rng.random() < 0.65:
        chosen = rates[:2] + [i for i in inds if i not in rates[:2]][: rng.randint(2, 7)]
        blocks.append(("table", chosen))
        inds = [i for i in inds if i not in chosen]
    while inds:
        k = rng.randint(3, 8)
        blocks.append((rng.choice(("bullets", "prose", "prose")), inds[:k]))
        inds = inds[k:]
    return blocks


def document(rng: Random) -> tuple[list[str], list]:
    inds = rng.sample(list(SPECS), rng.randint(6, 15))
    targets = {i: draw(rng, i) for i in inds}
    pages = [[rng.choice(OVERVIEW), overview(rng), *fillers(rng, rng.randint(1, 3))]]
    planted = []
    for layout, chosen in split(rng, inds):
        if rng.random() < 0.7 or len(pages) == 1:
            pages.append([heading(rng)])
        if layout == "table":
            lines, found = table(rng, chosen, targets)
            if len(lines) > 6 and rng.random() < 0.35:
                lines = break_table(rng, pages, lines)
        elif layout == "bullets":
            lines, found = bullets(rng, chosen, targets)
        else:
            lines, found = prose(rng, chosen, targets, sentence)
        pages[-1] += lines + fillers(rng, rng.randint(0, 2))
        planted += [replace(c, page=page_of(pages, c.source)) for c in found]
    if rng.random() < 0.5:
        pages.append(["附：联系方式", *fillers(rng, 2)])
    return ["\n".join(p) for p in pages], planted


def break_table(rng: Random, pages: list[list[str]], lines: list[str]) -> list[str]:
    """A table running over a page break: the title, header and first rows stay; the rest continues on a
    new page under 续表, with the header repeated or (as Word does without 重复标题行) not."""
    cut = rng.randint(3, len(lines) - 2)
    pages[-1] += lines[:cut]
    header = [lines[1]] if rng.random() < 0.7 else []
    pages.append([t for t in (rng.choice(("续表", "（续上表）", "")), *header) if t])
    return lines[cut:]


def page_of(pages: list[list[str]], source: str) -> int:
    """The last page holding the source line or sentence (1-based): blocks are only ever added at the end."""
    return next(n for n in range(len(pages), 0, -1) if source in "\n".join(pages[n - 1]))
