"""Fold common "spun" synonyms to one canonical word before fingerprinting.

Copy-spinning tools (伪原创) swap a word every few words (要求 -> 规定, 公司 -> 企业,
认真 -> 仔细), which breaks every exact 13-character run while the copy stays obvious
to a reader. Folding both words of such pairs to one canonical form restores the runs.
The table is project-written and deliberately small: only pairs that are interchangeable
in bid prose. Both documents are folded the same way, so honest texts gain at most a few
extra shared characters.

The offset map stays exact: every character of a folded word gets the span of the whole
original word, so a passage can only start or end at word boundaries (the aligner snaps
passages to such boundaries, see :mod:`scoring.similarity.align`).
"""

import re
from functools import lru_cache

import numpy as np

# canonical: variants. Keep groups disjoint; longer variants are tried first.
SYNONYM_GROUPS: dict[str, tuple[str, ...]] = {
    "要求": ("规定", "需求"),
    "公司": ("企业",),
    "采用": ("采纳", "运用", "使用"),
    "认真": ("仔细", "细心"),
    "造成": ("导致", "引起"),
    "最大限度": ("最大程度",),
    "确保": ("保证", "保障", "确定"),
    "及时": ("立即", "迅速", "马上"),
    "进行": ("开展", "展开", "实施"),
    "提高": ("提升", "增强"),
    "检查": ("查看", "检验", "巡查"),
    "维修": ("修理", "维护", "检修"),
    "业主": ("住户", "居民", "客户"),
    "人员": ("员工", "职员", "工作人员"),
    "工作": ("作业", "任务"),
    "制定": ("制订", "拟定", "订立"),
    "完善": ("健全", "完备"),
    "处理": ("处置", "解决"),
    "发现": ("察觉", "发觉"),
    "负责": ("担负", "承担"),
    "建立": ("建设", "构建", "树立"),
    "问题": ("状况", "难题"),
    "情况": ("状态", "情形"),
    "根据": ("依据", "按照", "依照"),
    "相关": ("有关", "相应"),
    "各种": ("各类", "各项"),
    "重要": ("关键", "主要"),
    "通过": ("经过", "借助"),
    "目的": ("目标",),
    "能力": ("水平", "本领"),
    "优质": ("优良", "良好"),
    "全面": ("全方位", "周全"),
    "定期": ("按期", "定时"),
    "严格": ("严密", "严厉"),
    "统一": ("一致", "同一"),
    "注意": ("留意", "关注"),
    "记录": ("登记", "纪录"),
    "清洁": ("清扫", "打扫"),
    "环境": ("环境卫生",),
    "安全": ("安全性",),
    "方案": ("计划", "预案"),
    "设备": ("设施", "装置"),
    "措施": ("办法", "手段"),
    "立刻": ("即刻", "立马"),
    "报告": ("汇报", "上报", "呈报"),
    "协助": ("协同", "配合"),
    "培训": ("训练", "培育"),
    "提供": ("供给", "给予"),
    "满意": ("满足",),
    "达到": ("实现", "做到"),
}


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], dict[str, str]]:
    canonical_of: dict[str, str] = {}
    for canonical, variants in SYNONYM_GROUPS.items():
        for word in (canonical, *variants):
            if word in canonical_of and canonical_of[word] != canonical:
                raise ValueError(f"{word} is in two synonym groups")
            canonical_of[word] = canonical
    words = sorted(canonical_of, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), canonical_of


def fold_words(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Replace each table word by its canonical form; each of its chars spans the whole word."""
    if codes.shape[0] == 0:
        return codes, starts, ends
    pattern, canonical_of = _compiled()
    text = codes.astype("<u4").tobytes().decode("utf-32-le")
    found = [(m.start(), m.end(), canonical_of[m.group()]) for m in pattern.finditer(text)]
    if not found:
        return codes, starts, ends
    n = codes.shape[0]
    first = np.fromiter((f[0] for f in found), dtype=np.int64, count=len(found))
    last = np.fromiter((f[1] for f in found), dtype=np.int64, count=len(found)) - 1
    canon = [f[2] for f in found]
    canon_len = np.fromiter(map(len, canon), dtype=np.int64, count=len(found))
    flat = np.fromiter(map(ord, "".join(canon)), dtype=np.int32, count=int(canon_len.sum()))
    # inside[i] > 0 for every char of a matched word; the word's first char emits the canonical
    delta = np.zeros(n + 1, dtype=np.int64)
    np.add.at(delta, first, 1)
    np.add.at(delta, last + 1, -1)
    inside = np.cumsum(delta[:n]) > 0
    per = np.where(inside, 0, 1)
    per[first] = canon_len
    is_first = np.zeros(n, dtype=bool)
    is_first[first] = True
    canon_off = np.zeros(n, dtype=np.int64)
    canon_off[first] = np.cumsum(canon_len) - canon_len
    word_end = ends.astype(np.int64).copy()
    word_end[first] = ends[last]
    idx = np.repeat(np.arange(n), per)
    within = np.arange(idx.shape[0]) - np.repeat(np.cumsum(per) - per, per)
    from_table = is_first[idx]
    out_codes = np.where(from_table, flat[np.where(from_table, canon_off[idx] + within, 0)], codes[idx])
    return out_codes, starts[idx], word_end[idx]
