# Two commands do all set-up: `make run` (demo at http://127.0.0.1:5000) and `make test` (whole suite).
PY := .venv/bin/python
STAMP := .venv/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)
TEST_DEBS := chromium fonts-noto-cjk postgresql poppler-utils poppler-data libreoffice-writer-nogui \
  tesseract-ocr tesseract-ocr-chi-sim
# Bid extraction in the job worker: LibreOffice for .doc, tesseract + chi_sim for scanned pages.
RUN_DEBS := fonts-noto-cjk chromium libreoffice-writer-nogui tesseract-ocr tesseract-ocr-chi-sim

.PHONY: run test test-sqlite test-postgres bench lint venv system-deps-test system-deps-run clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv .venv
	@rm -f .venv/.installed-*
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,bench]'
	@touch $@

system-deps-test:
	@scripts/apt-ensure.sh $(TEST_DEBS)

system-deps-run:
	@scripts/apt-ensure.sh $(RUN_DEBS)

run: venv system-deps-run
	@scripts/run.sh

test: venv system-deps-test
	$(MAKE) --no-print-directory test-sqlite test-postgres

test-sqlite:
	TEST_DB=sqlite $(PY) -m pytest

test-postgres:
	TEST_DB=postgres $(PY) -m pytest --ignore=tests/scoring

bench: venv
	$(PY) -m benchmarks

lint: venv
	.venv/bin/ruff check tender scoring tests benchmarks

clean:
	rm -rf .venv instance .pytest_cache
