"""Synonym table of the benchmark's simulated spinning tool (伪原创).

Written independently of the detector's folding table
(:data:`scoring.similarity.synonyms.SYNONYM_GROUPS`): about a third of these swaps are
not folded by the detector, so the spun class measures what folding does not cover.
"""

SPIN_TABLE: tuple[tuple[str, str], ...] = (
    ("严格", "严密"),
    ("认真", "仔细"),
    ("及时", "立即"),
    ("全面", "全方位"),
    ("定期", "按期"),
    ("检查", "查看"),
    ("完善", "健全"),
    ("确保", "保证"),
    ("提升", "提高"),
    ("业主", "住户"),
    ("负责", "承担"),
    ("制定", "制订"),
    ("问题", "状况"),
    ("发现", "察觉"),
    ("进行", "开展"),
    ("相关", "有关"),
    ("记录", "登记"),
    ("达到", "实现"),
    ("处置", "处理"),
    ("我司", "我们公司"),
    ("落实", "贯彻"),
    ("执行", "履行"),
    ("优化", "改良"),
    ("督导", "督促"),
    ("评估", "评价"),
    ("整改", "改正"),
    ("现场", "实地"),
    ("标准", "准则"),
    ("降低", "减少"),
    ("营造", "打造"),
    ("和谐", "融洽"),
    ("汇总", "归纳"),
    ("签字", "签名"),
    ("台账", "账本"),
)
