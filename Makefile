# Rasid — two commands on a fresh machine:
#   make demo   set everything up, analyse the bundled corpus, serve the web UI on 127.0.0.1
#   make test   set everything up, run ruff, mypy and the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages: Arabic fonts and chromium for the web UI and its browser tests,
# PostgreSQL server binaries for the server-store tests.
APT_PACKAGES := fonts-noto-core chromium chromium-driver postgresql libpq5 util-linux
STAMP_APT := $(VENV)/.apt-done
STAMP_PIP := $(VENV)/.pip-done

.PHONY: setup demo test lint typecheck pytest analyze clean

setup: $(STAMP_PIP) $(STAMP_APT)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP_PIP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

$(STAMP_APT): | $(BIN)/python
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "Debian packages present: $(APT_PACKAGES)"; \
	elif [ "$$(id -u)" = 0 ]; then echo "Installing Debian packages:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing) \
	  || echo "WARNING: could not install$$missing; tests that need them will skip and say why"; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing || true; \
	else echo "WARNING: not root: install$$missing by hand; tests that need them will skip and say why"; fi
	touch $@

demo: setup
	$(BIN)/rasid demo

analyze: setup
	$(BIN)/rasid analyze ../shared/corpus/lavrov-pyongyang-2025-07-11.txt --published 2025-07-11 --format text

lint: setup
	$(BIN)/ruff check src tests

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest

test: setup
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
