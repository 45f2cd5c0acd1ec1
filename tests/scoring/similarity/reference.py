"""An independent oracle for copy detection, property-tested against the fast paths.

Written from the definitions in docs/similarity-design.md §2 (steps 5-7) and the
docstrings of :mod:`scoring.similarity.align`, :mod:`scoring.similarity.bridge` and
:func:`scoring.similarity.compare`, not from their code: plain lists, dicts and sets,
brute-force enumeration of shared fingerprint positions and runs grown one character at a
time. A mistake copied into both would otherwise go unnoticed, so nothing here follows
the library's structure (no chains, keys, prefix sums or frontier arrays). Quadratic in
places: for the small random inputs of the property tests only. Not used by the library.

Definitions used (n = length of the normalised text, k the k-gram length):

- a character *matches* at (i in A, j in B) when both lie inside their text, neither is
  subtracted, and the normalised characters are equal;
- a *seed* is a pair of fingerprint positions with equal hashes and equal k-grams whose
  hash occurs at most ``max_occurrences`` times among each document's fingerprints and
  whose k-gram holds no subtracted character;
- an exact *run* is a maximal stretch of matches on one diagonal (j - i) holding a seed,
  then shrunk to boundaries of original characters on both sides;
- a run is kept with ``min_chars`` characters and ``min_fingerprints`` seeds on its
  diagonal whose k-gram lies within ``chain_gap`` characters of it.
"""

from collections import Counter, defaultdict

from scoring.similarity.params import DEFAULT_PARAMS, Params
from scoring.similarity.report import DEFAULT_RULE, PairReport, Passage, SubtractedSpan


class _Side:
    """One text as plain Python lists; ``subtracted[i]`` means position i is masked."""

    def __init__(self, chars: list[int], subtracted: list[bool]) -> None:
        self.chars, self.subtracted, self.n = chars, subtracted, len(chars)

    @classmethod
    def of(cls, doc, sub) -> "_Side":
        reason = sub.reason.tolist() if sub is not None else [-1] * len(doc.norm)
        side = cls(doc.norm.codes.tolist(), [r >= 0 for r in reason])
        # the reasons are the oracle's input, as the masked positions are: (label, kind) per index
        side.reason = reason
        side.why = [(r.label, r.kind) for r in sub.reasons] if sub is not None else []
        side.orig_start, side.orig_end = doc.norm.starts.tolist(), doc.norm.ends.tolist()
        side.heading = doc.structure.tolist()
        side.fingerprints = list(zip(doc.fp_hash.tolist(), doc.fp_pos.tolist(), strict=True))
        return side

    @classmethod
    def guarded(cls, codes) -> "_Side":
        """From guarded codes (align._guarded): the first and last entries lie outside the
        text and negative values mark subtracted positions."""
        inner = [int(c) for c in codes][1:-1]
        return cls(inner, [c < 0 for c in inner])

    def at(self, i: int):
        """The character at i, or None when outside the text or subtracted."""
        if 0 <= i < self.n and not self.subtracted[i]:
            return self.chars[i]
        return None

    def boundary(self, i: int) -> bool:
        """A passage may begin or end before normalised character i: not inside one original
        character that normalised to several."""
        return i == 0 or i >= self.n or self.orig_start[i] != self.orig_start[i - 1]


def _matches(a: _Side, b: _Side, i: int, j: int) -> bool:
    x = a.at(i)
    return x is not None and x == b.at(j)


def _grow(a: _Side, b: _Side, i: int, j: int, length: int) -> tuple[int, int]:
    """The maximal stretch of matches on diagonal j - i containing [i, i + length) in A
    (which must match), as [start, end) in A."""
    d = j - i
    start, end = i, i + length
    while _matches(a, b, start - 1, start - 1 + d):
        start -= 1
    while _matches(a, b, end, end + d):
        end += 1
    return start, end


def _shrink(a: _Side, b: _Side, d: int, start: int, end: int) -> tuple[int, int]:
    """Move both ends inwards until each is a boundary of original characters in A and B."""
    while start < end and not (a.boundary(start) and b.boundary(start + d)):
        start += 1
    while end > start and not (a.boundary(end) and b.boundary(end + d)):
        end -= 1
    return start, end


def _seed_positions(side: _Side, k: int, max_occurrences: int) -> dict[int, list[int]]:
    """hash -> positions of this document's fingerprints that may serve as seeds."""
    times = Counter(h for h, _ in side.fingerprints)
    usable: dict[int, list[int]] = defaultdict(list)
    for h, pos in side.fingerprints:
        clean = not any(side.subtracted[pos : pos + k])
        if clean and times[h] <= max_occurrences:
            usable[h].append(pos)
    return usable


def reference_seeds(a: _Side, b: _Side, p: Params, k: int) -> set[tuple[int, int]]:
    """Every (position in A, position in B) of a shared usable fingerprint, verified
    character by character (64-bit hashes may collide)."""
    in_a = _seed_positions(a, k, p.max_occurrences)
    in_b = _seed_positions(b, k, p.max_occurrences)
    seeds = set()
    for h, positions_a in in_a.items():
        for i in positions_a:
            for j in in_b.get(h, []):
                if a.chars[i : i + k] == b.chars[j : j + k]:
                    seeds.add((i, j))
    return seeds


def reference_runs(a: _Side, b: _Side, p: Params, k: int) -> list[tuple[int, int, int, int]]:
    """Kept exact runs as (diagonal, start in A, end in A, seeds inside), sorted by
    diagonal then start, followed by the gap-fill pieces."""
    seeds = reference_seeds(a, b, p, k)
    maximal = set()
    for i, j in seeds:
        start, end = _grow(a, b, i, j, k)
        maximal.add((j - i, start, end))
    kept = []
    for d, start, end in sorted(maximal):
        start, end = _shrink(a, b, d, start, end)
        on_diagonal = [i for i, j in seeds if j - i == d]
        near = [i for i in on_diagonal if start - p.chain_gap <= i and i + k <= end + p.chain_gap]
        inside = [i for i in on_diagonal if start <= i and i + k <= end]
        if end - start >= p.min_chars and len(near) >= p.min_fingerprints:
            kept.append((d, start, end, len(inside)))
    if p.fill_min_chars:
        kept += _gap_pieces(a, b, kept, p)
    if p.near_gap and kept:
        kept += _near_pieces(a, b, kept, p)
    return kept


def _near_start(a: _Side, b: _Side, i: int, j: int, step: int, m: int, t: int, u: int) -> bool:
    """A run of >= m matches starts at (i, j) in direction ``step`` and does not continue
    one that started earlier (at t, u > 0 inside the window)."""
    if not all(_matches(a, b, i + step * r, j + step * r) for r in range(m)):
        return False
    return not (t > 0 and u > 0 and _matches(a, b, i - step, j - step))


def _room(covered: set[int], x0: int, step: int, g: int) -> int:
    """Positions from x0 in direction ``step`` before the first covered one (or, leftwards,
    the start of the text), at most g."""
    n = 0
    while n < g and x0 + step * n not in covered and x0 + step * n >= 0:
        n += 1
    return n


def _near_pieces(a: _Side, b: _Side, kept, p: Params) -> list[tuple[int, int, int, int]]:
    """Pieces next to kept runs, from the docstring of :mod:`scoring.similarity.neighbours`:
    from each run's end rightwards (then from each start leftwards) the nearest start
    (fewest skipped characters on both sides, then most balanced, then fewer in A) of
    >= ``near_min_chars`` matches within ``near_gap`` characters, those matches lying before
    the next character a run or earlier piece covers on each side; grown, shrunk, kept unless
    it overlaps a run or an earlier piece of the same round; new pieces search next round."""
    g, m = p.near_gap, p.near_min_chars
    cells = sorted(((t, u) for t in range(g) for u in range(g)), key=lambda c: (c[0] + c[1], abs(c[0] - c[1]), c[0]))
    taken = [(d, start, end) for d, start, end, _ in kept]
    frontier = [(end, end + d, 1) for d, _, end in taken] + [(start - 1, start - 1 + d, -1) for d, start, _ in taken]
    pieces = []
    for _ in range(p.near_rounds):
        covered_a = {i for d, start, end in taken for i in range(start, end)}
        covered_b = {i + d for d, start, end in taken for i in range(start, end)}
        new = []
        for a0, b0, step in frontier:
            room_a, room_b = _room(covered_a, a0, step, g), _room(covered_b, b0, step, g)
            cell = next(
                (
                    c
                    for c in cells
                    if c[0] + m <= room_a
                    and c[1] + m <= room_b
                    and _near_start(a, b, a0 + step * c[0], b0 + step * c[1], step, m, *c)
                ),
                None,
            )
            if cell is None:
                continue
            i, j = a0 + step * cell[0], b0 + step * cell[1]
            n = 0
            while _matches(a, b, i + step * n, j + step * n):
                n += 1
            start, end = (i, i + n) if step > 0 else (i - n + 1, i + 1)
            start, end = _shrink(a, b, j - i, start, end)
            if end - start < m:
                continue
            d = j - i

            def meets(other, start=start, end=end, d=d):
                d2, s2, e2 = other
                return (start < e2 and s2 < end) or (start + d < e2 + d2 and s2 + d2 < end + d)

            if any(meets(o) for o in taken) or any(meets(o) for o in new):
                continue
            new.append((d, start, end))
        if not new:
            break
        taken += new
        pieces += [(d, start, end, 0) for d, start, end in new]
        frontier = [(end, end + d, 1) for d, _, end in new] + [(start - 1, start - 1 + d, -1) for d, start, _ in new]
    return pieces


def _gap_pieces(a: _Side, b: _Side, kept, p: Params) -> list[tuple[int, int, int, int]]:
    """Exact pieces of >= ``fill_min_chars`` between two neighbouring kept runs (ordered by
    start in A, then in B) at most ``chain_gap`` apart in A, on either run's diagonal when
    those differ by at most 3."""
    by_start = sorted(kept, key=lambda r: (r[1], r[1] + r[0]))
    pieces = []
    for (d1, _, end1, _), (d2, start2, _, _) in zip(by_start, by_start[1:], strict=False):
        if not (0 < start2 - end1 <= p.chain_gap) or abs(d1 - d2) > 3:
            continue
        for d in sorted({d1, d2}):
            stretches, current = [], None
            for i in range(end1, start2):
                if _matches(a, b, i, i + d):
                    current = [i, i + 1] if current is None else [current[0], i + 1]
                else:
                    if current is not None:
                        stretches.append(current)
                    current = None
            if current is not None:
                stretches.append(current)
            for x, y in stretches:
                x, y = _shrink(a, b, d, x, y)
                if y - x >= p.fill_min_chars:
                    pieces.append((d, x, y, 0))
    return pieces


def _subtracted_spans(name: str, side: _Side) -> list[SubtractedSpan]:
    spans, i = [], 0
    while i < side.n:
        j = i
        while j < side.n and side.reason[j] == side.reason[i]:
            j += 1
        if side.reason[i] >= 0:
            label, kind = side.why[side.reason[i]]
            spans.append(SubtractedSpan(name, side.orig_start[i], side.orig_end[j - 1], i, j, label, kind))
        i = j
    return spans


def _containment(side: _Side, covered: list[bool], k: int) -> float:
    """Share of distinct fingerprint hashes with at least one k-gram wholly covered."""
    distinct = {h for h, _ in side.fingerprints}
    if not distinct:
        return 0.0
    hit = {h for h, pos in side.fingerprints if all(covered[pos : pos + k])}
    return len(hit) / len(distinct)


def reference_compare(a, b, sub_a=None, sub_b=None, params=None, rule=None) -> PairReport:
    """:func:`scoring.similarity.compare` for ``bridge_gap == 0``, from its definition."""
    p, rule = params or DEFAULT_PARAMS, rule or DEFAULT_RULE
    if p.bridge_gap:
        raise NotImplementedError("the oracle checks bridging separately (reference_bridge)")
    sa, sb = _Side.of(a, sub_a), _Side.of(b, sub_b)
    copies, structure = [], []
    for d, start, end, seeds in reference_runs(sa, sb, p, a.k):
        for first, last, only_headings in _pieces(sa, sb, d, start, end, p.piece_min_chars):
            passage = Passage(
                sa.orig_start[first],
                sa.orig_end[last - 1],
                sb.orig_start[first + d],
                sb.orig_end[last + d - 1],
                first,
                last,
                first + d,
                last + d,
                seeds,
                "structure" if only_headings else "copy",
            )
            (structure if only_headings else copies).append(passage)
    for passages in (copies, structure):  # stable: ties keep the run order
        passages.sort(key=lambda q: (q.a_start, q.b_start, q.norm_a_end, q.norm_b_end))
    covered_a, covered_b = [False] * sa.n, [False] * sb.n
    for q in copies:
        for i in range(q.norm_a_start, q.norm_a_end):
            covered_a[i] = True
        for j in range(q.norm_b_start, q.norm_b_end):
            covered_b[j] = True
    c_a, c_b = _containment(sa, covered_a, a.k), _containment(sb, covered_b, b.k)
    shared = min(sum(covered_a), sum(covered_b))
    longest = max([q.length for q in copies] + [0])
    spans = _subtracted_spans("a", sa) + _subtracted_spans("b", sb)
    score = max(c_a, c_b)
    substantial = sum(q.length for q in copies if q.length >= rule.substantial_passage_chars)
    structure_chars = _shared_structure(sa, sb, p.structure_gram)
    return PairReport(
        c_a,
        c_b,
        score,
        shared,
        longest,
        tuple(copies),
        tuple(structure),
        tuple(spans),
        rule.flags(score, shared, longest, substantial) if copies else rule.flags(0.0, 0, 0),
        structure_chars,
        rule.structure_flags(structure_chars),
    )


def _shared_structure(a: _Side, b: _Side, m: int) -> int:
    """Characters of each side inside an m-character stretch of unsubtracted heading
    characters whose text also occurs so in the other side; the smaller count."""
    if not m:
        return 0

    def grams(side: _Side) -> dict[tuple, list[int]]:
        out: dict[tuple, list[int]] = defaultdict(list)
        for i in range(side.n - m + 1):
            if all(side.heading[i + r] and not side.subtracted[i + r] for r in range(m)):
                out[tuple(side.chars[i : i + m])].append(i)
        return out

    ga, gb = grams(a), grams(b)
    covered_a = {i + r for g, starts in ga.items() if g in gb for i in starts for r in range(m)}
    covered_b = {j + r for g, starts in gb.items() if g in ga for j in starts for r in range(m)}
    return min(len(covered_a), len(covered_b))


def _pieces(a: _Side, b: _Side, d: int, start: int, end: int, min_piece: int):
    """(start, end, structure) pieces of an exact run: a character is structure when it lies
    on a heading / TOC line in A or in B; the run is whole when all or none of it is, else it
    is cut where that changes and copy pieces under ``min_piece`` characters are dropped."""
    flags = [a.heading[i] or b.heading[i + d] for i in range(start, end)]
    only_a = all(a.heading[start:end])
    only_b = all(b.heading[start + d : end + d])
    if only_a or only_b or not any(flags):
        return [(start, end, only_a or only_b)]
    pieces, first = [], start
    for i in range(start + 1, end + 1):
        if i == end or flags[i - start] != flags[first - start]:
            if flags[first - start] or i - first >= min_piece:
                pieces.append((first, i, flags[first - start]))
            first = i
    return pieces


def _bridge_candidates(p: Params):
    """(skipped in A, skipped in B), nearest first: fewest skipped characters in total,
    then the most balanced, then fewer skipped in A."""
    for total in range(1, 2 * p.bridge_gap + 1):
        for imbalance in range(p.bridge_skew + 1):
            for skip_a in range(p.bridge_gap + 1):
                skip_b = total - skip_a
                if 0 <= skip_b <= p.bridge_gap and abs(skip_a - skip_b) == imbalance:
                    yield skip_a, skip_b


def reference_bridge(xa, xb, d, s, e, p: Params):
    """:func:`scoring.similarity.bridge.bridge` from its docstring: follow substitutions
    run by run, round by round (rightwards frontier, then leftwards), number new runs as
    they are first found, and label each run with the smallest index of its linked group.
    Returns lists (diagonals, starts, ends, labels)."""
    a, b = _Side.guarded(xa), _Side.guarded(xb)
    m = p.bridge_min_chars
    runs = [(int(dd), int(ss), int(ee)) for dd, ss, ee in zip(d, s, e, strict=True)]
    index_of = {}
    for idx, (dd, ss, _) in enumerate(runs):
        index_of.setdefault((dd, ss), idx)
    neighbours: dict[int, set[int]] = defaultdict(set)
    todo = {+1: list(range(len(runs))), -1: list(range(len(runs)))}
    for _ in range(p.bridge_rounds):
        found = {+1: [], -1: []}
        for direction in (+1, -1):
            for r in todo[direction]:
                dd, ss, ee = runs[r]
                window = None
                for skip_a, skip_b in _bridge_candidates(p):
                    if direction > 0:
                        i, j = ee + skip_a, ee + dd + skip_b
                    else:
                        i, j = ss - skip_a - m, ss + dd - skip_b - m
                    if all(_matches(a, b, i + t, j + t) for t in range(m)):
                        window = (i, j)
                        break
                if window is None:
                    continue
                i, j = window
                start, end = _grow(a, b, i, j, m)
                if (j - i, start) not in index_of:
                    index_of[(j - i, start)] = len(runs)
                    runs.append((j - i, start, end))
                    found[direction].append(len(runs) - 1)
                other = index_of[(j - i, start)]
                neighbours[r].add(other)
                neighbours[other].add(r)
        todo = found
    labels = [-1] * len(runs)
    for first in range(len(runs)):  # visited in increasing order: the group's smallest index
        if labels[first] >= 0:
            continue
        stack = [first]
        while stack:
            x = stack.pop()
            if labels[x] < 0:
                labels[x] = first
                stack.extend(neighbours[x])
    return [r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs], labels
