"""The small command line: price scores with the rounding note, templates as JSON, bad input in Chinese."""

import subprocess
import sys

import scoring.evaluation as ev
from scoring.evaluation.cli import main
from scoring.evaluation.method import ScoringMethod


def test_price_lowest_prints_scores_working_and_rounding(capsys):
    assert main(["price", "--method", "lowest", "--weight", "30", "1,200,000", "1350000", "1080000"]) == 0
    out = capsys.readouterr().out
    assert "基准价为最低有效报价1080000" in out
    assert "投标1\t1200000\t27.00" in out and "投标2\t1350000\t24.00" in out and "四舍五入" in out


def test_price_mean_with_part_percent_rounded_up(capsys):
    assert main(["price", "--method", "mean", "1200000", "1350000", "1080000", "1170000"]) == 0
    assert "26.10" in capsys.readouterr().out


def test_template_prints_json_that_loads_back(capsys):
    assert main(["template", "three_quotes_short"]) == 0
    assert ev.loads(ScoringMethod, capsys.readouterr().out) == ev.TEMPLATES["three_quotes_short"][1]()


def test_bad_price_is_refused_in_chinese(capsys):
    assert main(["price", "abc"]) == 2
    assert "报价须为数字" in capsys.readouterr().err


def test_runs_as_a_module():
    done = subprocess.run([sys.executable, "-m", "scoring.evaluation", "price", "--banker", "--places", "0",
                           "13", "60"], capture_output=True, text=True, check=True)
    assert "投标2\t60\t6\t" in done.stdout and "银行家" in done.stdout


def test_every_public_name_is_exported():
    assert all(hasattr(ev, name) for name in ev.__all__)
