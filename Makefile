# gdbook — build, serve and test the book.  `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The Run buttons' in-browser Python (Pyodide), pinned and verified: book/runtime.py.
RUNTIME := .cache/pyodide/.fetched
# Temml and the STIX Two Math font, which typeset and draw the formulas: book/vendor.py.
VENDOR  := .cache/npm/.fetched
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0
export SOURCE_DATE_EPOCH := 1700000000

.DEFAULT_GOAL := help
.PHONY: help serve build test lint bench clean python-check

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

python-check:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || \
	  { echo "gdbook needs Python 3.11 or newer as '$(PYTHON)' (set PYTHON=/path/to/python3.11)."; exit 1; }

$(STAMP): requirements/lock.txt pyproject.toml | python-check
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

$(RUNTIME): book/runtime.py | $(STAMP)
	$(BIN)/python -m book.runtime fetch
	@touch $@

$(VENDOR): book/vendor.py | $(STAMP)
	$(BIN)/python -m book.vendor fetch
	@touch $@

serve: $(STAMP) $(RUNTIME) $(VENDOR)  ## build and serve the book at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP) $(RUNTIME) $(VENDOR)  ## strict build of both languages into site/
	$(BIN)/mkdocs build --strict

lint: $(STAMP)  ## ruff and mypy --strict
	$(BIN)/ruff check gdbook book tests benchmarks
	$(BIN)/ruff format --check gdbook book tests benchmarks
	$(BIN)/mypy

test: $(STAMP) lint build  ## the whole suite: lint, strict build, unit/doctests, pages, site, browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: $(STAMP)  ## benchmarks (not tests); writes benchmarks/results/
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)

clean:  ## remove the built site, caches and generated notebooks
	rm -rf site .cache docs/notebooks/*.ipynb build *.egg-info .hypothesis .mypy_cache .ruff_cache
