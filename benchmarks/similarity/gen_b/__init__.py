"""Generator B: a second, independent source of labelled copy-detection pairs.

``build_cases(n_copy, n_neg, seed)`` returns :class:`benchmarks.similarity.cases.Case`
objects (classes prefixed ``b_``) for :func:`benchmarks.similarity.quality.evaluate`.
It was written without reading generator A (``textgen``, ``spin``, ``cases``), so the
benchmark's figures can be checked on text the first generator did not produce.

How it differs from generator A
-------------------------------
- **Base text.** Institutional logistics (后勤物业) for hospitals, schools, industrial parks
  and office towers: cleaning, order, engineering, lifts, meetings, fire, energy, green,
  reception, site-specific services, staff and emergencies. Sentence templates
  (``topics_ops``, ``topics_service``) carry inline alternatives ``[a|b]`` every few
  characters and slots ``{place}``, ``{eq}``, ``{post}`` ... from long pools
  (``lexicon``), so fixed runs are short and unrelated documents rarely share 30
  characters except through genuinely generic phrasing.
- **Edit operations** work on whole sentences and paragraphs (``edits``): a sentence is
  deleted, replaced by a new one, or followed by an inserted foreign one; a few
  neighbouring paragraphs swap; company, client and project names are swapped.
  ``b_light`` alone edits inside sentences (word swaps, punctuation, digit width).
- **Partial copies** (``b_partial_short``) are two or three passages of 200-400
  characters in short hosts (5,000-40,000 characters); the host is sized so the copy is
  about 10 % of it, and one pair in four uses a longer host (a smaller share).
- **Sold templates** (``b_template_toc``): two bids share a long list of *specific*
  headings (TOC with page numbers, and the same headings in the body) with short,
  different prose under each; only the headings are ground-truth copies.
- **Negatives**: same-tender quoting (boilerplate ``("招标文件", "tender", text)``),
  regulation quoting (``("法规汇编", "legal", text)``), stock phrases, and generic
  chapter headings in a standard order.

Ground truth is exact: documents are built as pieces that know their source offset and
rendered once (``doc.render``), so ``b[i] == a[origin_b[i]]`` wherever ``origin_b[i] >= 0``.
Conventions: a swapped name keeps as copied the characters it shares in place with the
old one (a common prefix or suffix such as 有限公司); characters changed one for one
(full-width digits, 、 for ，, a two-character synonym) and a template's page numbers are
-1 although the detector's normaliser folds them together, which costs passage
precision a little on ``b_light`` and ``b_template_toc`` by construction.

Size: about 170 body sentence templates in 12 topics (plus introductions, 16 heading,
10 tender and 8 regulation templates, leads and tails), 30 synonym groups expanded in
their literal text; the median template has about 15 bits of choice besides numbers.
"""

from benchmarks.similarity.gen_b.cases import COPY_CLASSES, NEGATIVE_CLASSES, build_cases

__all__ = ["COPY_CLASSES", "NEGATIVE_CLASSES", "build_cases"]
