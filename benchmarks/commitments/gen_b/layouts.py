"""Three ways a bid presents commitments: a 管理指标承诺 table as text rows, a bulleted list, prose.

Each returns (lines, planted) with every planted commitment's `source` set to its row, bullet or sentence.
"""

from __future__ import annotations

from dataclasses import replace
from random import Random

from .catalogue import MEASURES, PAIRS, SPECS
from .distractors import near
from .items import cell, clause, national, noun, pair_clause

HEADERS = {
    "name": ("指标名称", "管理指标", "考核项目", "项目"),
    "national": ("国家标准", "国家（国优）标准", "国优标准", "行业标准"),
    "promise": ("承诺指标", "我司承诺", "承诺值", "本公司承诺指标"),
    "formula": ("测定依据", "计算方法", "测定方法"),
    "measure": ("保证措施", "实现措施", "主要措施"),
}
BULLETS = ("{i}.", "（{i}）", "{i}、", "•", "-", "●")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"


def sourced(planted: list, source: str) -> list:
    return [replace(c, source=source) for c in planted]


def table(rng: Random, inds: list, targets: dict) -> tuple[list[str], list]:
    cols = ["national", "promise", "formula", "measure"]
    rng.shuffle(cols)
    cols = ["name", *cols]
    if rng.random() < 0.3:
        cols.remove(rng.choice(("formula", "measure")))
    numbered = rng.random() < 0.5
    rows, planted = [[HEADERS[c][rng.randrange(len(HEADERS[c]))] for c in cols]], []
    for ind in inds:
        promise, found = cell(rng, ind, targets[ind])
        spec = SPECS[ind]
        cells = {
            "name": rng.choice(spec.names),
            "promise": promise,
            "formula": spec.formula,
            "national": national(rng, ind, targets[ind], found),
            "measure": rng.choice(MEASURES),
        }
        rows.append([cells[c] for c in cols])
        planted.append(found)
    if numbered:
        rows = [["序号", *rows[0]]] + [[str(i), *r] for i, r in enumerate(rows[1:], 1)]
    lines = render(rng, rows)
    out = []
    for line, found in zip(lines[1:], planted, strict=True):
        out += sourced(found, line)
    return [rng.choice(("管理指标承诺一览表", "表：物业管理服务质量指标承诺", "主要管理指标及承诺")), *lines], out


def render(rng: Random, rows: list[list[str]]) -> list[str]:
    """ " | ", a tab, or columns aligned with spaces (two at least between cells)."""
    how = rng.choice(("pipe", "tab", "space"))
    if how == "pipe":
        return [" | ".join(r) for r in rows]
    if how == "tab":
        return ["\t".join(r) for r in rows]
    widths = [max(len(r[i]) for r in rows) + 2 for i in range(len(rows[0]))]
    return ["".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def groups(rng: Random, inds: list) -> list[tuple]:
    """Indicators to write together: a catalogue pair may share one phrase."""
    out, rest = [], list(inds)
    for pair in PAIRS:
        if pair[0] in rest and pair[1] in rest and rng.random() < 0.7:
            rest = [i for i in rest if i not in pair]
            out.append(pair)
    out += [(i,) for i in rest]
    rng.shuffle(out)
    return out


def bullets(rng: Random, inds: list, targets: dict) -> tuple[list[str], list]:
    marker, lines, planted = rng.choice(BULLETS + ("circled",)), [], []
    for i, group in enumerate(groups(rng, inds), 1):
        if len(group) == 2:
            text, found = pair_clause(rng, group, targets)
        else:
            text, found = (noun if rng.random() < 0.6 else clause)(rng, group[0], targets[group[0]])
        lead = CIRCLED[i - 1] if marker == "circled" else marker.format(i=i)
        line = f"{lead}{'' if marker == 'circled' else ' '}{text}{rng.choice(('', '；', '。'))}"
        lines.append(line)
        planted += sourced(found, line.rstrip("；。"))
    return [rng.choice(("服务承诺：", "我公司郑重承诺：", "主要服务质量标准如下："))] + lines, planted


def prose(rng: Random, inds: list, targets: dict, filler) -> tuple[list[str], list]:
    """Sentences of one or two clauses, with a distractor sentence now and then."""
    sentences, planted = [], []
    todo = groups(rng, inds)
    while todo:
        take = [todo.pop()] + ([todo.pop()] if todo and len(todo[-1]) == 1 and rng.random() < 0.4 else [])
        parts, found = [], []
        for group in take:
            text, f = pair_clause(rng, group, targets) if len(group) == 2 else clause(rng, group[0], targets[group[0]])
            parts.append(text)
            found += f
        sentence = near(rng, SPECS[take[0][0]].kind == "time") + "，".join(parts)
        sentences.append(sentence)
        planted += sourced(found, sentence)
        if rng.random() < 0.35:
            sentences.append(filler(rng))
    paragraphs, line = [], []
    for s in sentences:
        line.append(s + "。")
        if rng.random() < 0.35:
            paragraphs.append("".join(line))
            line = []
    return paragraphs + (["".join(line)] if line else []), planted
