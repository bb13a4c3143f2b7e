# Quick start: `make run` sets everything up and ingests data/raw; `make test` sets up and runs the tests.
# Any Python 3.11 or newer: `make test PYTHON=python3.13 VENV=.venv-3.13` runs the suite on another
# interpreter in its own environment (tested: 3.11 and 3.13, see the README).
PYTHON ?= $(shell command -v python3 || command -v python3.11)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The Dagster instance `make run` records its runs in and `make dev` shows (run history, asset
# materializations, check results); kept by `make clean`.
DAGSTER_HOME ?= $(CURDIR)/.dagster_home
# The port of the Dagster UI (`make dev PORT=3001`).
PORT ?= 3000
WAREHOUSE := data/warehouse

.PHONY: setup run test test-slow lint dev clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is required, found " + sys.version.split()[0] + " (set PYTHON=/path/to/python3.11+)"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
ifneq ($(filter command line environment,$(origin PYTHON)),)
	@want=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])') || { echo "error: cannot run $(PYTHON)" >&2; exit 1; }; \
	have=$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	if [ "$$want" != "$$have" ]; then \
		echo "error: $(VENV) was made with Python $$have, not $$want ($(PYTHON)); give each Python its own environment: VENV=.venv-$$want" >&2; exit 1; fi
endif

run: setup
	DAGSTER_HOME=$(DAGSTER_HOME) $(BIN)/python -m pipelines ingest --raw-dir data/raw --warehouse $(WAREHOUSE)/budget.duckdb

# ruff (style and lint) and mypy (types; configured in pyproject.toml: pipelines/ and scripts/)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
# The cases marked slow (minutes each) run in `make test-slow`, which CI runs after `make test`.
test: lint
	@$(BIN)/python -m pytest -m "not slow"; status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$status

test-slow: setup
	@$(BIN)/python -m pytest -m slow; status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest collected no slow tests" >&2; exit 1; fi; exit $$status

dev: setup
	DAGSTER_HOME=$(DAGSTER_HOME) $(BIN)/python -c 'from pipelines.__main__ import dagster_home; dagster_home()'
	DAGSTER_HOME=$(DAGSTER_HOME) $(BIN)/dagster dev --port $(PORT)

# Removes the environment and everything derived from data/raw (the warehouse, its published copy,
# the Parquet export, the writer lock); the Dagster run history in .dagster_home stays.
clean:
	rm -rf $(VENV) $(WAREHOUSE)/*.duckdb $(WAREHOUSE)/*.wal $(WAREHOUSE)/*.lock $(WAREHOUSE)/*.unpublished \
		$(WAREHOUSE)/published $(WAREHOUSE)/parquet
