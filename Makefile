# The README's two commands: `make run` and `make test`. Each sets up what it needs.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

# The venv itself, with a current pip.
$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# What running needs: the app and the simulated card need no compiler and no pyscard (only a
# real reader does), so `make run` installs the plain package. The Debian packages come first.
$(RUN_STAMP): pyproject.toml | $(PY)
	@bash scripts/system-deps.sh run
	$(PIP) install --quiet -e .
	@touch $@

# What testing needs: pyscard compiles against libpcsclite-dev, so system-deps.sh runs before
# the pip step that builds it. A test install is a superset of a run install.
$(TEST_STAMP): pyproject.toml | $(PY)
	@bash scripts/system-deps.sh test
	$(PIP) install --quiet -e '.[dev,card]'
	@touch $@ $(RUN_STAMP)

## run: start the app on http://127.0.0.1:$(PORT) with the embedded defaults (SQLite, simulated card)
run: $(RUN_STAMP) agent-package
	@bash scripts/system-deps.sh run
	$(PY) -m flask --app wsgi db-upgrade
	$(PY) -m app.demo --port $(PORT)

## test: install what the tests need (system packages included), start the services, lint, run every test
test: $(TEST_STAMP)
	@bash scripts/system-deps.sh test
	@bash scripts/services.sh start
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/mypy app photo_checks card_relay
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy app photo_checks card_relay

format: $(TEST_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(TEST_STAMP)
	@bash scripts/system-deps.sh test
	@bash scripts/services.sh start
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

## fuzz: every parser's fuzz target on a big budget (the suite runs them on a small one)
fuzz: $(TEST_STAMP)
	MYNA_FUZZ_EXAMPLES=$${MYNA_FUZZ_EXAMPLES:-20000} $(VENV)/bin/pytest -q tests/fuzz

## agent-package: the installable card agent (wheel and .deb, in dist/agent) that /relay/setup offers
agent-package: $(RUN_STAMP)
	$(PY) scripts/build_agent_package.py --server http://localhost:$(PORT)

migrate: $(RUN_STAMP)
	$(VENV)/bin/flask --app wsgi db-upgrade

clean:
	rm -rf $(VENV) .pytest_cache test-results
