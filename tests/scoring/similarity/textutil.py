"""Random Han text for tests, generated here (no third-party prose)."""

import random

# CJK Unified Ideographs sampled deterministically: random strings over this alphabet
# practically never share a 13-character run by chance.
HAN = [chr(c) for c in range(0x4E00, 0x9FA5, 7)]


def han_text(seed: int, n: int, alphabet: int = len(HAN)) -> str:
    """``n`` characters drawn from the first ``alphabet`` of :data:`HAN` (few: many repeats)."""
    rng = random.Random(seed)
    return "".join(rng.choice(HAN[:alphabet]) for _ in range(n))


def spin(text: str, seed: int, spacing: int, longest: int = 3) -> str:
    """A spun copy: about every ``spacing`` characters, 1-``longest`` characters are replaced
    by 0-``longest`` others."""
    rng, out, at = random.Random(seed), [], 0
    while at < len(text):
        step = rng.randint(spacing // 2, spacing)
        out.append(text[at : at + step])
        out.append(han_text(rng.randrange(2**32), rng.randint(0, longest)))
        at += step + rng.randint(1, longest)
    return "".join(out)
