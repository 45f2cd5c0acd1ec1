"""JSON for the frozen dataclasses of this package, so a method can be stored and published.

Each dataclass becomes an object tagged with its class name; Decimal and Fraction become
strings so 0.3 stays 0.3; tuples and frozensets become lists. Loading reads the field
types, so only classes a field may hold can appear there: a stored text cannot build
anything else. `schema` lets a later version read old methods.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from decimal import Decimal, InvalidOperation
from fractions import Fraction

SCHEMA = 1


def to_data(value):
    if dataclasses.is_dataclass(value):
        return {"type": type(value).__name__, **{f.name: to_data(getattr(value, f.name))
                                                 for f in dataclasses.fields(value)}}
    if isinstance(value, Decimal | Fraction):
        return str(value)
    if isinstance(value, frozenset):
        return sorted(to_data(v) for v in value)
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


def from_data(hint, data):
    """Rebuild a value of type `hint` from `to_data` output; ValueError with a Chinese message otherwise."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return _union(args, data)
    if origin is tuple:
        return tuple(from_data(args[0], v) for v in _list(data))
    if origin is frozenset:
        return frozenset(from_data(args[0], v) for v in _list(data))
    if origin in (dict, typing.Mapping) or hint is typing.Mapping:
        return {k: from_data(args[1], v) for k, v in dict(data).items()}
    if hint in (Decimal, Fraction):
        try:
            return hint(str(data))
        except (InvalidOperation, ValueError, ZeroDivisionError):
            raise ValueError(f"无效的数值：{data!r}") from None
    if dataclasses.is_dataclass(hint):
        return _dataclass(hint, data)
    if hint in (str, int, bool) and isinstance(data, hint):
        return data
    raise ValueError(f"评分办法数据格式错误：期望{getattr(hint, '__name__', hint)}，得到{data!r}")


def _list(data):
    if not isinstance(data, list):
        raise ValueError(f"评分办法数据格式错误：期望列表，得到{data!r}")
    return data


def _union(args, data):
    if data is None and type(None) in args:
        return None
    classes = [a for a in args if dataclasses.is_dataclass(a)]
    if classes and isinstance(data, dict):
        match = [c for c in classes if c.__name__ == data.get("type")]
        if not match:
            raise ValueError(f"评分办法数据格式错误：不允许的类型{data.get('type')!r}")
        return _dataclass(match[0], data)
    for arg in (a for a in args if a is not type(None)):
        try:
            return from_data(arg, data)
        except ValueError:
            continue
    raise ValueError(f"评分办法数据格式错误：{data!r}")


def _dataclass(cls, data):
    if not isinstance(data, dict) or data.get("type") != cls.__name__:
        raise ValueError(f"评分办法数据格式错误：期望{cls.__name__}")
    hints, fields = _shape(cls)
    unknown = set(data) - fields - {"type"}
    if unknown:
        raise ValueError(f"评分办法数据格式错误：未知字段{sorted(unknown)}")
    return cls(**{name: from_data(hints[name], value) for name, value in data.items() if name != "type"})


@functools.cache
def _shape(cls) -> tuple[dict, frozenset[str]]:
    """Field types and names, worked out once per class: `get_type_hints` dominated every load."""
    return typing.get_type_hints(cls), frozenset(f.name for f in dataclasses.fields(cls))


def dumps(value) -> str:
    return json.dumps({"schema": SCHEMA, "data": to_data(value)}, ensure_ascii=False, sort_keys=True)


@functools.lru_cache(maxsize=128)
def loads(cls, text: str):
    """Parsed once per stored text: the dataclasses are frozen, so every caller may share the result
    (a score-sheet autosave reads the tender's method on each save)."""
    try:
        wrapper = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"评分办法不是有效的JSON：{exc.msg}") from None
    if not isinstance(wrapper, dict) or wrapper.get("schema") != SCHEMA:
        raise ValueError("评分办法数据版本不受支持")
    return from_data(cls, wrapper.get("data"))
