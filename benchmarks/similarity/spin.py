"""Synonym table of the benchmark's simulated spinning tool (伪原创).

The first 19 pairs are also in the detector's folding table
(``scoring/similarity/synonyms.txt``); the rest are not. :data:`HELD_OUT`
holds the pairs the detector does not fold (computed, not listed by hand), and the
``spun_heldout`` benchmark class spins with those only, so it measures what folding
cannot do: the aligner must bridge the swapped words.
"""

from functools import lru_cache

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
    ("主动", "积极"),
    ("规范", "规整"),
    ("持续", "不断"),
    ("分级", "分层"),
    ("跟进", "跟踪"),
    ("核查", "核实"),
    ("专项", "专门"),
    ("巡逻", "巡防"),
    ("公示", "公布"),
    ("监督", "监管"),
    ("考核", "考评"),
    ("上报", "报送"),
    ("隐患", "风险点"),
    ("整洁", "干净"),
    ("有序", "井然"),
    ("能耗", "耗能"),
    ("寿命", "年限"),
    ("投诉", "申诉"),
    ("回访", "复访"),
    ("确认", "确定无误"),
    ("环节", "步骤"),
    ("统筹", "统管"),
    ("复核", "复查"),
    ("制度", "机制"),
    ("流程", "程序"),
    ("每日", "每天"),
    ("每月", "每个月"),
    ("夜间", "晚间"),
    ("书面", "成文"),
    ("配置", "配备"),
    ("负责人", "主管人"),
    ("点位", "位置"),
    ("合同", "合约"),
    ("约定", "商定"),
    ("指标", "指数"),
    ("宜居", "适居"),
    ("氛围", "气氛"),
    ("联合", "共同"),
)


@lru_cache(maxsize=1)
def held_out() -> tuple[tuple[str, str], ...]:
    """The spin pairs that the detector's normalisation does not fold to one form."""
    from scoring.similarity.normalise import normalise

    return tuple((w, s) for w, s in SPIN_TABLE if normalise(w).text != normalise(s).text)
