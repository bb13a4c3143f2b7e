# Quick start: `make run` sets everything up and ingests data/raw; `make test` sets up and runs the tests.
# Any Python 3.11 or newer: PYTHON=python3.13 make test picks another one.
PYTHON ?= $(shell command -v python3 || command -v python3.11)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint dev clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is required, found " + sys.version.split()[0] + " (set PYTHON=/path/to/python3.11+)"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/python -m pipelines ingest --raw-dir data/raw --warehouse data/warehouse/budget.duckdb
	$(BIN)/python -m pipelines report --warehouse data/warehouse/budget.duckdb --out data/warehouse/report

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
test: lint
	@$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$status

dev: setup
	$(BIN)/dagster dev

clean:
	rm -rf $(VENV) data/warehouse/*.duckdb data/warehouse/*.wal
