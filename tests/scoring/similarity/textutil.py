"""Random Han text for tests, generated here (no third-party prose)."""

import random

# CJK Unified Ideographs sampled deterministically: random strings over this alphabet
# practically never share a 13-character run by chance.
HAN = [chr(c) for c in range(0x4E00, 0x9FA5, 7)]


def han_text(seed: int, n: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(HAN) for _ in range(n))
