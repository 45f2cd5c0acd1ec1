"""A contract context with every part filled, for tests and the benchmark that need no database."""
from __future__ import annotations

from tender.contracts import context as cx

HOSTILE_NAME = '甲乙物业服务有限公司 & 合伙人 <联合体> "金牌" \'服务\''


def sample_context(winner: str = "云栖物业服务有限公司", commitments: int = 12, regime: str = "包干制",
                   **changes) -> cx.ContractContext:
    rows = tuple(cx.CommitmentRow(number=n, indicator=f"指标{n}号", target=f"≥ {80 + n % 20}%",
                                  method=f"测定方法{n}", page=str(10 + n), clause="第二十条")
                 for n in range(1, commitments + 1))
    fields = dict(
        reference="HT-2026-001", version=1, tender_reference="T-00001",
        tenderer=cx.Party("测试置业有限公司", "测试市一号", "王某", "91330100MA27XXXX0A", "0571-1234567"),
        winner=cx.Party(winner, "杭州市二号", "李某", "91330100MA27YYYY1B", "0571-7654321"),
        property=cx.PropertyFacts("翠湖花园", "测试市测试区一号", "52,000.00", "高层住宅、商业", "2027-06-30"),
        fee_regime=regime, remuneration="固定酬金每年 12 万元" if regime == "酬金制" else "",
        fees=(cx.FeeRow("住宅", "2.50", "30000.00"), cx.FeeRow("商业", "6.00", "2550.00")), annual_total="1,083,600.00",
        term=cx.Term(36, "2027年07月01日", "2030年06月30日"), commitments=rows,
        staffing=(cx.StaffRow("项目经理", 1, "12000.00"), cx.StaffRow("保安", 8, "4200.00")), staffing_total=9,
    )
    fields.update(changes)
    return cx.ContractContext(**fields)
