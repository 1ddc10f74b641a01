# nextround: `make run` installs everything into .venv and starts the app; `make test` runs all checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/nextround
TEST_DATA := $(CURDIR)/.test-data

.PHONY: run test lint typecheck test-sqlite test-postgres bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/nextround serve

test: $(STAMP) lint typecheck test-sqlite test-postgres

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

# Browser tests need Debian's Chromium; scripts/system-deps installs it when missing (as root).
test-sqlite: $(STAMP)
	bash scripts/system-deps
	rm -rf $(TEST_DATA) && mkdir -p $(TEST_DATA)
	NEXTROUND_DATA_DIR=$(TEST_DATA) $(BIN)/pytest

test-postgres: $(STAMP)
	bash scripts/system-deps
	rm -rf $(TEST_DATA) && mkdir -p $(TEST_DATA)
	NEXTROUND_DATA_DIR=$(TEST_DATA) NEXTROUND_DATABASE_URL=$(PG_URL) $(BIN)/pytest

bench: $(STAMP)
	rm -rf $(TEST_DATA) && mkdir -p $(TEST_DATA)
	NEXTROUND_DATA_DIR=$(TEST_DATA) $(BIN)/python benchmarks/pages.py

clean:
	rm -rf $(VENV) $(TEST_DATA) .mypy_cache .ruff_cache .pytest_cache
