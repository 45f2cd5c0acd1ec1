"""The hostile corpus is written once per session: the bombs take a few seconds to deflate."""
from __future__ import annotations

import pytest

from tests.robustness.hostile_files import write_corpus


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("hostile"))
