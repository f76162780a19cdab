# Two entry points for a fresh machine: `make demo` (the product) and `make test` (the suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench workbook

$(BIN)/tradexl: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/tradexl
	$(BIN)/tradexl demo --out demo

test: $(BIN)/tradexl
	bash scripts/system-deps.sh
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(BIN)/tradexl
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(BIN)/tradexl
	$(BIN)/python benchmarks/bench_refresh.py --sizes 1000,10000

workbook: $(BIN)/tradexl
	$(BIN)/python -m tradexl.builder TradeWorkbook.xlsm
