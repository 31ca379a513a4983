# One Makefile; CI runs these targets as they are.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint typecheck unit bench quality browser clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: setup
	$(BIN)/lockstep demo --out demo-out

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -n 2

test: lint typecheck unit

bench: setup
	$(BIN)/python benchmarks/run.py

quality: setup
	$(BIN)/python benchmarks/quality.py

# The HTML report is checked in a real browser (tests/report/test_browser.py): Debian's
# headless Chromium, installed once when the machine lacks it.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ -x $(CHROMIUM) ]; then echo "chromium: $(CHROMIUM)"; else \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; fi

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache
