"""`python -m scoring.collusion check`: a JSON tender in, findings out; bad files get a Chinese message."""

import json

import pytest

from scoring.collusion.cli import main

TENDER = {"tender_id": 1, "reference": "ZB-2026-0101", "project": "翠湖花园物业服务项目",
          "tenderer": "杭州翠湖置业有限公司"}
OTHER = {"tender_id": 7, "reference": "ZB-2025-0033", "project": "阳光花园物业服务项目",
         "tenderer": "宁波阳光置业有限公司"}


def tender_file(tmp_path, **extra):
    data = {
        "tender": TENDER, "history": [OTHER],
        "bids": [
            {"bid_id": 1, "identity": {"company": "甲乙物业服务有限公司"},
             "pages": ["概述", "阳光花园物业服务项目方案"],
             "prices": {"annual_total": 1000000, "fees": {"住宅": 3.47}, "staffing": [["保洁员", 4, 3847]]}},
            {"bid_id": 2, "identity": {"company": "丙丁物业管理有限公司"}, "pages": ["本公司承诺"],
             "metadata": [{"author": "刘工"}], "prices": {"annual_total": 1000000}},
        ],
        **extra,
    }
    path = tmp_path / "tender.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_text_output(tmp_path, capsys):
    assert main(["check", str(tender_file(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "1. [0.80]" in out and "投标总价相同" in out and "第四十条（四）" in out
    assert "阳光花园物业服务项目" in out and "投标1 第2页：阳光花园物业服务项目方案" in out


def test_json_output(tmp_path, capsys):
    assert main(["check", str(tender_file(tmp_path)), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert [(f["kind"], f["bid_ids"]) for f in findings] == [("price_pattern", [1, 2]), ("leftover", [1])]
    assert findings[1]["evidence"] == [{"bid_id": 1, "page": 2, "excerpt": "阳光花园物业服务项目方案"}]


@pytest.mark.parametrize("content", ["{", '{"tender": {}}', '{"tender": {"tender_id": 1}, "bids": [{"pages": []}]}'])
def test_bad_file(tmp_path, capsys, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert "文件格式不正确" in capsys.readouterr().err


def test_missing_file(tmp_path, capsys):
    assert main(["check", str(tmp_path / "none.json")]) == 2
    assert "无法读取文件" in capsys.readouterr().err
