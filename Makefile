# The two quick-start commands of the README: `make demo` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= examples.duckdb

.PHONY: demo test bench

$(BIN)/accord: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(BIN)/pytest: $(BIN)/accord
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/accord
	$(BIN)/accord ingest examples --db $(DEMO_DB)
	$(BIN)/accord events --db $(DEMO_DB)
	$(BIN)/accord stats --db $(DEMO_DB)

test: $(BIN)/pytest
	$(BIN)/pytest -q

bench: $(BIN)/accord
	$(BIN)/python benchmarks/throughput.py
