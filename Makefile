# The two commands a new machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wijkportaal
# `make test` runs the suite on every core; `make test TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= auto

.PHONY: run test install install-dev lint bench bench-ledger bench-kaart bench-startup bench-mail bench-jobs bench-initiatieven clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask demo-data --if-empty
	$(BIN)/flask demo-logins
	@# The scheduled jobs run in their own process beside the web server, and stop with it.
	$(BIN)/flask jobs run & JOBS=$$!; \
	trap 'kill $$JOBS 2>/dev/null; wait $$JOBS 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: install-dev
	$(BIN)/python -m bench

bench-ledger: install-dev
	$(BIN)/python -m bench.ledger

bench-kaart: install-dev
	$(BIN)/python -m bench.kaart

bench-startup: install-dev
	$(BIN)/python -m bench.startup

bench-mail: install-dev
	$(BIN)/python -m bench.mail

bench-jobs: install-dev
	$(BIN)/python -m bench.jobs

bench-initiatieven: install-dev
	$(BIN)/python -m bench.initiatieven

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
