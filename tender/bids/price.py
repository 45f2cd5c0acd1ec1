"""The price form (报价一览表), parsed from "one per line" text and sealed as JSON to the tender key.

Rows: fees in 元/月·㎡ per property type (住宅, 商业, 办公, 车库…), optionally with the
charged area, and the staffing table (post, headcount, monthly wage). Every number must
be positive and fit a Numeric(14, 2); when every fee row gives its area, the annual
total must agree with Σ fee × area × 12 within 1 %, the only consistency the form itself
can prove. The values are read only at the opening: nothing here is stored in the clear.
"""
from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from tender.errors import DomainError
from tender.sealing import envelope

MAX_ROWS = 40
MAX_NAME = 40
BOUND = Decimal("999999999999.99")
TOLERANCE = Decimal("0.01")
SEPARATORS = re.compile(r"\s*[|｜\t,，]\s*")
CENT = Decimal("0.01")


def parse(annual_total: str, fees: str, staffing: str) -> dict:
    total = _number(annual_total, "年度投标总价")
    fee_rows = [_fee(n, parts) for n, parts in _rows(fees, "收费标准", (2, 3))]
    staff_rows = [_post(n, parts) for n, parts in _rows(staffing, "人员配置", (3,))]
    if not fee_rows:
        raise DomainError("请至少填写一种物业类型的收费标准（元/月·㎡）。", field="fees")
    if not staff_rows:
        raise DomainError("请填写人员配置表（岗位 | 人数 | 月工资）。", field="staffing")
    if all("area" in row for row in fee_rows):
        computed = sum((Decimal(r["fee"]) * Decimal(r["area"]) * 12 for r in fee_rows), Decimal(0))
        if abs(computed - total) > computed * TOLERANCE:
            raise DomainError(f"年度投标总价 {total:,} 元与按收费标准和面积测算的 {computed.quantize(CENT):,} 元"
                              "相差超过 1%，请核对。", field="annual_total")
    return {"annual_total": str(total), "fees": fee_rows, "staffing": staff_rows}


def seal_form(public_key: bytes, form: dict, bid_id: int) -> bytes:
    return envelope.seal(public_key, json.dumps(form, ensure_ascii=False).encode(), context(bid_id))


def open_form(private_key: bytes, sealed: bytes, bid_id: int) -> dict:
    return json.loads(envelope.open_sealed(private_key, sealed, context(bid_id)))


def context(bid_id: int) -> bytes:
    return f"bid-price:{bid_id}".encode()


def _rows(text: str, label: str, widths: tuple[int, ...]):
    lines = [(n, line.strip()) for n, line in enumerate((text or "").splitlines(), 1) if line.strip()]
    if len(lines) > MAX_ROWS:
        raise DomainError(f"{label}最多填写 {MAX_ROWS} 行。")
    for number, line in lines:
        parts = SEPARATORS.split(line)
        if len(parts) not in widths or not all(parts):
            raise DomainError(f"{label}第 {number} 行应有 {' 或 '.join(map(str, widths))} 项，用“|”分隔。")
        if len(parts[0]) > MAX_NAME:
            raise DomainError(f"{label}第 {number} 行的名称不能超过 {MAX_NAME} 个字符。")
        yield number, parts


def _fee(number: int, parts: list[str]) -> dict:
    row = {"type": parts[0], "fee": str(_number(parts[1], f"收费标准第 {number} 行的单价"))}
    if len(parts) == 3:
        row["area"] = str(_number(parts[2], f"收费标准第 {number} 行的面积"))
    return row


def _post(number: int, parts: list[str]) -> dict:
    count = parts[1]
    if not (count.isascii() and count.isdigit() and 0 < int(count) <= 100_000):
        raise DomainError(f"人员配置第 {number} 行的人数须为正整数。")
    wage = _number(parts[2], f"人员配置第 {number} 行的月工资")
    return {"post": parts[0], "headcount": int(count), "wage": str(wage)}


def _number(text: str, label: str) -> Decimal:
    try:
        value = Decimal((text or "").strip().replace(",", ""))
    except InvalidOperation:
        raise DomainError(f"{label}须为数字。") from None
    if not value.is_finite() or value <= 0 or value > BOUND:
        raise DomainError(f"{label}须为大于 0 且不超过 {BOUND:,} 的数字。")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
