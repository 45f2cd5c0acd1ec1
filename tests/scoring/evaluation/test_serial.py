"""JSON round trip of methods (stored and published by the app) and refusal of malformed texts."""

import json

import pytest

from scoring.evaluation.draw import DrawRequest
from scoring.evaluation.method import ScoringMethod
from scoring.evaluation.serial import dumps, loads
from scoring.evaluation.templates import TEMPLATES


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_survives_a_json_round_trip(name):
    method = TEMPLATES[name][1]()
    text = dumps(method)
    assert loads(ScoringMethod, text) == method
    assert "0.3" in text or name != "comprehensive_mean_price"  # slopes stored as exact decimal text
    assert "物业" in text or "比价" in text  # Chinese kept readable, not escaped


def test_published_outlier_thresholds_round_trip_and_methods_stored_before_them_get_the_defaults():
    from dataclasses import replace
    from decimal import Decimal

    from scoring.evaluation.outliers import OutlierRule

    rule = OutlierRule(far_points=Decimal("12.5"), favour_points=Decimal(4), favour_share=Decimal("0.75"))
    method = replace(TEMPLATES["comprehensive"][1](), outliers=rule)
    assert loads(ScoringMethod, dumps(method)).outliers == rule
    older = json.loads(dumps(method))
    del older["data"]["outliers"]  # a method published before the thresholds were part of it
    assert loads(ScoringMethod, json.dumps(older, ensure_ascii=False)).outliers == OutlierRule()


def test_a_draw_request_round_trips_too():
    request = DrawRequest("前期物业", 5, ("甲", "乙"), "招标人", "abc", 1, 2)
    assert loads(DrawRequest, dumps(request)) == request


def _tamper(text, path, value):
    data = json.loads(text)
    node = data["data"]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(data, ensure_ascii=False)


GOOD = dumps(TEMPLATES["comprehensive"][1]())


@pytest.mark.parametrize("text, message", [
    ("not json", "不是有效的JSON"),
    (json.dumps({"schema": 99, "data": {}}), "版本不受支持"),
    (_tamper(GOOD, ["criteria", 0, "scale", "type"], "Tiers"), "格式错误"),
    (_tamper(GOOD, ["criteria", 0, "max_points"], "三十"), "无效的数值"),
    (_tamper(GOOD, ["criteria", 0, "scale", "formula", "type"], "os.system"), "不允许的类型"),
    (_tamper(GOOD, ["gates", 0, "extra"], 1), "未知字段"),
    (_tamper(GOOD, ["name"], 5), "期望str"),
])
def test_malformed_texts_are_refused_with_chinese_messages(text, message):
    with pytest.raises(ValueError, match=message):
        loads(ScoringMethod, text)
