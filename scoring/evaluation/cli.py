"""`python -m scoring.evaluation`: price scores and a template's items for a person at a terminal.

    python -m scoring.evaluation price --method lowest --weight 30 1200000 1350000 1080000
    python -m scoring.evaluation price --method mean --weight 30 --above 0.3 --below 0.2 1200000 1350000 …
    python -m scoring.evaluation template comprehensive

Bids are numbered 1, 2, … in the order given; each line shows the working and the rounding note.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation

from .price import BaseRule, DeviationFormula, RatioFormula, score_prices
from .rounding import Rounding
from .serial import dumps
from .templates import TEMPLATES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scoring.evaluation", description="评标计算")
    sub = parser.add_subparsers(dest="command", required=True)
    price = sub.add_parser("price", help="计算价格分")
    price.add_argument("--method", choices=["lowest", "mean-ratio", "mean", "deviation"], default="lowest",
                       help="lowest 最低价基准；mean-ratio 平均价÷报价；mean 平均价偏离扣分；"
                            "deviation 偏离率（按比例，可设上限）")
    price.add_argument("--weight", type=Decimal, default=Decimal(30))
    price.add_argument("--above", type=Decimal, default=Decimal("0.3"), help="高于基准价每1%%扣分")
    price.add_argument("--below", type=Decimal, default=Decimal("0.2"), help="低于基准价每1%%扣分")
    price.add_argument("--base", type=Decimal, help="固定基准价（不填则按方法取最低价或平均价）")
    price.add_argument("--max-deduction", type=Decimal)
    price.add_argument("--places", type=int, default=2)
    price.add_argument("--banker", action="store_true", help="银行家舍入（默认四舍五入）")
    price.add_argument("prices", nargs="+")
    template = sub.add_parser("template", help="输出评分办法模板（JSON）")
    template.add_argument("name", choices=sorted(TEMPLATES))
    return parser


def _formula(args):
    rounding = Rounding(args.places, "half_even" if args.banker else "half_up")
    kind = "fixed" if args.base is not None else ("lowest" if args.method == "lowest" else "mean")
    base = BaseRule(kind, args.base)
    if args.method in ("lowest", "mean-ratio"):
        return RatioFormula(args.weight, base, True, rounding)
    part = "up" if args.method == "mean" else "pro_rata"
    return DeviationFormula(args.weight, base, args.above, args.below, None, part, args.max_deduction,
                            rounding=rounding)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "template":
        print(dumps(TEMPLATES[args.name][1]()))
        return 0
    try:
        prices = {f"{i + 1}": Decimal(p.replace(",", "")) for i, p in enumerate(args.prices)}
        result = score_prices(_formula(args), prices)
    except (InvalidOperation, ValueError) as exc:
        print(f"错误：{exc if not isinstance(exc, InvalidOperation) else '报价须为数字'}", file=sys.stderr)
        return 2
    print(result.base_note)
    for s in result.scores:
        print(f"投标{s.bidder}\t{s.price}\t{s.score}\t{s.working}")
    print(result.scores[0].rounding_note)
    return 0
