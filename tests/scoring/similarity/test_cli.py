"""The command-line contract, run as a subprocess on .txt, .pdf and .docx files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .makefiles import write_docx, write_pdf
from .textutil import han_text

REPO = Path(__file__).resolve().parents[3]
SHARED = han_text(30, 240)
TENDER = han_text(31, 120)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scoring.similarity", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def lines(text: str, width: int = 40) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


@pytest.fixture
def files(tmp_path):
    a_text = "前言：" + han_text(32, 200) + "\n" + SHARED + "\n" + TENDER + "\n"
    b_text = han_text(33, 150) + "，" + SHARED + "。" + TENDER + han_text(34, 100)
    out = {
        "a.txt": tmp_path / "a.txt",
        "b.txt": tmp_path / "b.txt",
        "tender.txt": tmp_path / "tender.txt",
    }
    out["a.txt"].write_text(a_text, encoding="utf-8")
    out["b.txt"].write_text(b_text, encoding="utf-8")
    out["tender.txt"].write_text(TENDER, encoding="utf-8")
    out["a.pdf"] = write_pdf(tmp_path / "a.pdf", [lines(a_text[:300]), lines(a_text[300:])])
    out["b.docx"] = write_docx(tmp_path / "b.docx", [b_text[:200], [["项目", "内容"], ["说明", b_text[200:]]]])
    return out


def check_passages(payload: dict, a: str, b: str) -> None:
    from scoring.similarity.normalise import normalise

    for p in payload["passages"]:
        assert normalise(a[p["a_start"] : p["a_end"]]).text == normalise(b[p["b_start"] : p["b_end"]]).text


@pytest.mark.parametrize(("name_a", "name_b"), [("a.txt", "b.txt"), ("a.pdf", "b.docx"), ("a.pdf", "b.txt")])
def test_json_contract(files, name_a, name_b):
    from scoring.extraction.text import extract

    result = run("compare", str(files[name_a]), str(files[name_b]), "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert isinstance(payload["score"], float) and 0.0 <= payload["score"] <= 1.0
    assert payload["flagged"] is True
    assert payload["passages"] and set(payload["passages"][0]) >= {"a_start", "a_end", "b_start", "b_end"}
    check_passages(payload, extract(files[name_a]).text, extract(files[name_b]).text)


def test_txt_offsets_are_into_file_content(files):
    payload = json.loads(run("compare", str(files["a.txt"]), str(files["b.txt"]), "--json").stdout)
    a = files["a.txt"].read_text(encoding="utf-8")
    assert any(
        a[p["a_start"] : p["a_end"]] == SHARED + "\n" + TENDER or a[p["a_start"] : p["a_end"]] == SHARED
        for p in payload["passages"]
    )


def test_boilerplate_lowers_score(files):
    base = json.loads(run("compare", str(files["a.txt"]), str(files["b.txt"]), "--json").stdout)
    with_bp = run(
        "compare",
        str(files["a.txt"]),
        str(files["b.txt"]),
        "--json",
        "--boilerplate",
        str(files["tender.txt"]),
        str(files["b.docx"]),
    )
    repeated = run(
        "compare",
        str(files["a.txt"]),
        str(files["b.txt"]),
        "--boilerplate",
        str(files["tender.txt"]),
        "--json",
        "--boilerplate",
        str(files["tender.txt"]),
    )
    assert with_bp.returncode == 0 and repeated.returncode == 0
    assert json.loads(with_bp.stdout)["score"] <= base["score"]
    assert json.loads(repeated.stdout)["score"] < base["score"]
    subtracted = json.loads(repeated.stdout)["subtracted"]
    tender_text = ("tender", f"招标文件原文：{files['tender.txt']}")
    assert subtracted and {(s["kind"], s["reason"]) for s in subtracted} == {tender_text}


def test_readable_report(files):
    result = run("compare", str(files["a.pdf"]), str(files["b.docx"]))
    assert result.returncode == 0 and "雷同度" in result.stdout


def make_bad(tmp_path: Path, kind: str) -> Path:
    if kind == "missing":
        return tmp_path / "missing.txt"
    if kind == "extension":
        path = tmp_path / "a.rtf"
        path.write_text("x", encoding="utf-8")
        return path
    if kind == "not_utf8":
        path = tmp_path / "gbk.txt"
        path.write_bytes("物业服务方案".encode("gbk"))
        return path
    if kind == "corrupt_pdf":
        path = tmp_path / "bad.pdf"
        path.write_bytes(b"%PDF-1.4\nthis is not a pdf")
        return path
    if kind == "corrupt_docx":
        path = tmp_path / "bad.docx"
        path.write_bytes(b"PK\x03\x04 broken zip")
        return path
    if kind == "directory":
        path = tmp_path / "dir.txt"
        path.mkdir()
        return path
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["missing", "extension", "not_utf8", "corrupt_pdf", "corrupt_docx", "directory"])
@pytest.mark.parametrize("where", ["a", "b", "boilerplate"])
def test_bad_file_exit_2(files, tmp_path, kind, where):
    bad = str(make_bad(tmp_path, kind))
    a, b = str(files["a.txt"]), str(files["b.txt"])
    args = {"a": [bad, b], "b": [a, bad], "boilerplate": [a, b, "--boilerplate", bad]}[where]
    result = run("compare", *args, "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "错误" in result.stderr and "Traceback" not in result.stderr


def test_output_keys_and_lines_unchanged_without_a_structure_finding(files):
    payload = json.loads(run("compare", str(files["a.txt"]), str(files["b.txt"]), "--json").stdout)
    assert list(payload) == [
        "score", "flagged", "passages", "containment_a", "containment_b", "shared_chars",
        "longest_passage", "structure_passages", "subtracted",
    ]  # fmt: skip
    text = run("compare", str(files["a.txt"]), str(files["b.txt"])).stdout
    assert "结构雷同" not in text and len(text.splitlines()) == 6 + len(payload["passages"])


def test_sold_template_is_a_structure_finding_apart(tmp_path):
    # the same long list of specific headings, different prose under each: no copied prose
    titles = [han_text(400 + i, 14) for i in range(60)]
    toc = "目录\n" + "".join(f"{i + 1}.{j} {t}..........{3 * i + 1}\n" for i, t in enumerate(titles) for j in (1,))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(toc + han_text(50, 3000), encoding="utf-8")
    b.write_text(toc + han_text(51, 3000), encoding="utf-8")
    payload = json.loads(run("compare", str(a), str(b), "--json").stdout)
    assert payload["flagged"] is False and payload["score"] == 0.0 and not payload["passages"]
    assert payload["structure_flagged"] is True and payload["structure_chars"] >= 600
    assert list(payload)[-2:] == ["structure_chars", "structure_flagged"]
    assert "结构雷同：目录/标题相同" in run("compare", str(a), str(b)).stdout
