# Backprop Visualizer: `make help` lists the targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARGS ?=
# Stamps live inside .venv, so deleting .venv forgets them too.
STAMP_RUN := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test
STAMP_BENCH := $(VENV)/.stamp-bench
# the page's checkers (typescript, prettier) from package-lock.json
STAMP_NODE := node_modules/.package-lock.json
# every script but the shared helpers (_common.py)
BENCHMARKS := $(filter-out benchmarks/_% benchmarks/ab_%,$(sort $(wildcard benchmarks/*.py)))  # ab_: takes two checkouts

.DEFAULT_GOAL := help
.PHONY: help venv run test chromium js-check lint bench clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "error: Python 3.11+ is needed; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(STAMP_RUN)

$(STAMP_BENCH): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@ $(STAMP_TEST) $(STAMP_RUN)

venv: $(STAMP_TEST) ## create .venv with the app and the test tools installed

run: $(STAMP_RUN) ## serve the app on http://127.0.0.1:8000 (extra flags: ARGS=...)
	$(BIN)/backprop-viz $(ARGS)

chromium: ## make sure Chromium, a CJK font and pdftotext are installed (apt-get when root)
	@missing=""; \
	{ [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; } || missing="chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	{ command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; } || missing="$$missing fonts-noto-cjk"; \
	if [ -z "$$missing" ]; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update && apt-get install -y $$missing; \
	else \
		echo "error: the browser tests need$$missing, which is not installed."; \
		echo "  Debian/Ubuntu: sudo apt-get install -y$$missing"; \
		echo "  Fedora:        sudo dnf install -y chromium poppler-utils google-noto-sans-cjk-fonts"; \
		echo "  macOS:         brew install --cask chromium; brew install poppler"; \
		exit 1; \
	fi

lint: $(STAMP_TEST) ## ruff check, ruff format --check, hadolint Dockerfile
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

$(STAMP_NODE): package.json package-lock.json
	npm ci --no-audit --no-fund

js-check: $(STAMP_NODE) ## the page's JavaScript: tsc --checkJs (JSDoc types) and prettier --check
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/prettier --check "static/js/**/*.js"

test: $(STAMP_TEST) chromium js-check ## ruff, tsc, prettier, then the whole pytest suite (engine, API, browser)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

bench: $(STAMP_BENCH) $(STAMP_NODE) chromium ## run every script in benchmarks/ (figures in benchmarks/README.md)
	@for script in $(BENCHMARKS); do \
		echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

clean: ## remove .venv, caches and build output (keeps data/)
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .hypothesis test-results build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
