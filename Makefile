# The README's two commands: `make run` and `make test`. Each sets up what it needs.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 5000
PYTEST_ARGS ?=

.PHONY: run test unit e2e lint format bench fuzz migrate system-deps services clean

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,card]'
	@touch $(STAMP)

## run: start the app on http://127.0.0.1:$(PORT) with the embedded defaults (SQLite, simulated card)
run: $(STAMP)
	@bash scripts/system-deps.sh run
	$(VENV)/bin/flask --app wsgi db-upgrade
	$(PY) -m app.demo --port $(PORT)

## test: install what the tests need (system packages included), start the services, lint, run every test
test: $(STAMP)
	@bash scripts/system-deps.sh test
	@bash scripts/services.sh start
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/mypy app photo_checks card_relay
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy app photo_checks card_relay

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP)
	@bash scripts/system-deps.sh test
	@bash scripts/services.sh start
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

## fuzz: every parser's fuzz target on a big budget (the suite runs them on a small one)
fuzz: $(STAMP)
	MYNA_FUZZ_EXAMPLES=$${MYNA_FUZZ_EXAMPLES:-20000} $(VENV)/bin/pytest -q tests/fuzz

migrate: $(STAMP)
	$(VENV)/bin/flask --app wsgi db-upgrade

clean:
	rm -rf $(VENV) .pytest_cache test-results
