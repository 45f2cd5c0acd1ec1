"""第四十条(一): shared file metadata between companies, and reading it from files."""

import pytest

from scoring.collusion.metadata import read_metadata, shared_metadata
from scoring.extraction.document import Metadata
from tests.scoring.similarity.makefiles import write_docx, write_pdf


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"甲": [Metadata(author="刘工")], "乙": [Metadata(author="刘工 ")]},
            [("author", ("乙", "甲"))],
        ),
        ({"甲": [Metadata(author="刘工")], "乙": [Metadata(last_modified_by="刘工")]}, []),
        ({"甲": [Metadata(author="Administrator")], "乙": [Metadata(author="administrator")]}, []),
        ({"甲": [Metadata(author="刘工"), Metadata(author="刘工")]}, []),  # same company
        (
            {
                "甲": [Metadata(company="某标书工作室", template="wy.dotx")],
                "乙": [Metadata(company="某标书工作室")],
                "丙": [Metadata(template="WY.dotx")],
            },
            [("company", ("乙", "甲")), ("template", ("丙", "甲"))],
        ),
    ],
)
def test_shared_metadata(files, expected):
    found = shared_metadata(files)
    assert [(f.field, f.companies) for f in found] == expected
    assert all(f.article == "第四十条（一）" for f in found)


@pytest.mark.parametrize("field", ["colour", "created"])  # times are not text to compare
def test_unknown_field_rejected(field):
    with pytest.raises(ValueError):
        shared_metadata({}, compared=(field,))


def test_read_docx_and_pdf_metadata(tmp_path):
    docx_path = write_docx(tmp_path / "a.docx", ["正文"], {"author": "刘工", "last_modified_by": "小王"})
    meta = read_metadata(docx_path)
    assert (meta.author, meta.last_modified_by) == ("刘工", "小王")
    pdf_path = write_pdf(tmp_path / "a.pdf", [["正文"]], {"Author": "刘工", "Creator": "WPS 文字"})
    meta = read_metadata(pdf_path)
    assert (meta.author, meta.creator) == ("刘工", "WPS 文字")
    assert read_metadata(tmp_path / "a.txt") == Metadata()
