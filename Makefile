# One entry point for developers and CI: `make check` installs the test extras into .venv,
# then runs lint and the tests. TEST_DATABASE_URL picks an existing server; without it the
# tests start an embedded PostgreSQL of their own.
#
# The test extras have their own stamp file: the README's quick start makes .venv with diplo
# but without them, and `make check` must still work after it (and before it). pip is not
# upgraded, so the tests run with the pip a new user gets from `python3 -m venv`.
VENV ?= .venv
BIN := $(VENV)/bin
EXTRAS_STAMP := $(VENV)/.diplo-test-extras

.PHONY: check test lint format install clean
.DEFAULT_GOAL := check

check: lint test

$(BIN)/python:
	python3 -m venv $(VENV)

$(EXTRAS_STAMP): pyproject.toml | $(BIN)/python
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
