# Quick start: `make run` sets everything up and ingests data/raw; `make test` sets up and runs the tests.
# Any Python 3.11 or newer: PYTHON=python3.13 make test picks another one.
PYTHON ?= $(shell command -v python3 || command -v python3.11)
VENV   := .venv
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

run: setup
	DAGSTER_HOME=$(DAGSTER_HOME) $(BIN)/python -m pipelines ingest --raw-dir data/raw --warehouse $(WAREHOUSE)/budget.duckdb

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

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
