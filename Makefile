# Everything starts from nothing: `make test` and `make demo` create the venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test demo lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check cspsearch tests bench
	$(BIN)/mypy cspsearch
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check cspsearch tests bench
	$(BIN)/mypy cspsearch

demo: $(STAMP)
	$(BIN)/cspsearch ingest corpus --index index
	$(BIN)/cspsearch search "CCTV monitoring" --index index --limit 3
	$(BIN)/cspsearch compare maidstone:2011-2023 medway --index index

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/tui.py

clean:
	rm -rf $(VENV) index/*
