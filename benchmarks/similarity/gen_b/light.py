"""Light edits of a copy, character level: a few words swapped, punctuation, digit width.

Every changed character gets origin -1 (it is not the source's character any more), even
when the detector's normaliser would fold it back (full-width digits, 、 for ，).
"""

import random

SWAPS = (
    ("及时", "即时"),
    ("确保", "保证"),
    ("负责", "主管"),
    ("检查", "检视"),
    ("清理", "清扫"),
    ("人员", "员工"),
    ("保持", "维持"),
    ("立即", "马上"),
    ("组织", "安排"),
    ("严禁", "杜绝"),
    ("定期", "按期"),
    ("报告", "汇报"),
    ("处置", "处理"),
    ("制度", "机制"),
    ("巡查", "巡视"),
    ("记录", "登记"),
    ("设置", "设立"),
    ("提前", "预先"),
    ("规范", "标准"),
    ("发现", "察觉"),
)
PUNCT = {"，": ("、", "；", ","), "。": ("；", "."), "：": (":",), "；": ("，", "。")}
WIDE = str.maketrans("0123456789:", "０１２３４５６７８９：")


def light_edit(text: str, origin: tuple[int, ...], rng: random.Random, rate: float = 0.3):
    chars, orig = list(text), list(origin)
    _swap_words(chars, orig, rng, rate)
    for i, c in enumerate(chars):
        if c in PUNCT and rng.random() < rate / 2:
            chars[i], orig[i] = rng.choice(PUNCT[c]), -1
    _widen_numbers(chars, orig, rng)
    return "".join(chars), tuple(orig)


def _swap_words(chars: list[str], orig: list[int], rng: random.Random, rate: float) -> None:
    text = "".join(chars)
    for old, new in SWAPS:
        start = text.find(old)
        while start >= 0:
            if rng.random() < rate:
                chars[start : start + len(old)] = new  # same length: offsets stay valid
                orig[start : start + len(old)] = [-1] * len(new)
            start = text.find(old, start + len(old))


def _widen_numbers(chars: list[str], orig: list[int], rng: random.Random) -> None:
    i = 0
    while i < len(chars):
        if not chars[i].isascii() or not chars[i].isdigit():
            i += 1
            continue
        end = i
        while end < len(chars) and chars[end] in "0123456789:":
            end += 1
        if rng.random() < 0.5:
            for j in range(i, end):
                chars[j], orig[j] = chars[j].translate(WIDE), -1
        i = end
