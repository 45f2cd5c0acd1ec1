"""Recognise structure lines: section headings and table-of-contents entries.

Bids answering one tender share its chapter headings ("第一章 服务方案", "一、客服管理")
and often a table of contents with dot leaders and page numbers. Identical headings are
not copied content, so passages made only of such lines are reported as ``structure``
and left out of the score.
"""

import numpy as np

from scoring.extraction.headings import is_structure_line


def structure_mask(text: str) -> np.ndarray:
    """Boolean per original character: True on structure lines (and on line breaks)."""
    mask = np.zeros(len(text), dtype=bool)
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if is_structure_line(line):
            mask[pos:end] = True
        pos = end
    return mask
