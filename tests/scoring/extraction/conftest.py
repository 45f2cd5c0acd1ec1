"""Files for the extraction tests, built once per session: they take LibreOffice a few seconds each."""
from __future__ import annotations

import pytest

from tests.scoring.extraction.plans import have, make_plan, scan_pdf, soffice_convert, write_docx


@pytest.fixture(scope="session")
def plan():
    return make_plan()


@pytest.fixture(scope="session")
def plan_files(tmp_path_factory, plan):
    """{"docx", "pdf", "doc", "scan"} paths of the same generated plan."""
    if not have("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: make system-deps-test")
    root = tmp_path_factory.mktemp("plan")
    docx = write_docx(root / "plan.docx", plan)
    pdf = soffice_convert(docx, "pdf", root)
    doc = soffice_convert(docx, "doc", root)
    return {"docx": docx, "pdf": pdf, "doc": doc, "scan": scan_pdf(pdf, root / "scan.pdf")}
