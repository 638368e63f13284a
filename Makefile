# One entry point for developers and CI: `make check` installs the test extras into .venv,
# then runs lint and the tests. TEST_DATABASE_URL picks an existing server; without it the
# tests start an embedded PostgreSQL of their own.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: check test lint format install clean
.DEFAULT_GOAL := check

check: lint test

$(BIN)/diplo: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/diplo

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
