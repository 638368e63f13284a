# One entry point for developers and CI: `make check` installs the test extras into .venv,
# then runs lint and the tests. TEST_DATABASE_URL picks an existing server; without it the
# tests start an embedded PostgreSQL of their own.
#
# The test extras have their own stamp file: the README's quick start makes .venv with diplo
# but without them, and `make check` must still work after it (and before it). pip is
# brought to 23.3 or later, as the quick start's `venv --upgrade-deps` does: older pips (23.2,
# which `python3 -m venv` ships with Python 3.11) compare extras unnormalised and warn that
# lxml "does not provide the extra 'html_clean'" (jusText asks for it; lxml spells it
# html-clean, and diplo needs lxml_html_clean directly anyway).
VENV ?= .venv
BIN := $(VENV)/bin
EXTRAS_STAMP := $(VENV)/.diplo-test-extras

.PHONY: check test lint format install clean
.DEFAULT_GOAL := check

check: lint test

$(BIN)/python:
	python3 -m venv --upgrade-deps $(VENV)

$(EXTRAS_STAMP): pyproject.toml Makefile | $(BIN)/python
	$(BIN)/python -m pip install -q 'pip>=23.3'
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(EXTRAS_STAMP)

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
