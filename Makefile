# Leefbaarheid — everyday commands. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
INSTALLED_DEV := $(VENV)/.installed-dev
# pytest-xdist workers for `make test`: one per core, at most four (each gets its own test
# database and Redis database); TEST_WORKERS=0 runs the suite in this one process.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n > 4 ? 4 : n )))

.PHONY: help install install-dev run serve demo test lint format typecheck pytest messages vendor lock bench clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Leefbaarheid needs Python 3.11 (set PYTHON=/path/to/python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip

$(INSTALLED): $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	@touch $@

$(INSTALLED_DEV): $(INSTALLED)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

install: $(INSTALLED) ## Create .venv and install the application

install-dev: $(INSTALLED_DEV) ## Also install the test and lint tools

run: install ## Set up the demo city on SQLite with inline tasks and serve http://127.0.0.1:8000
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py seed_demo
	DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

serve: install ## Serve without migrating or seeding
	DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

test: install-dev ## Lint, check, migrations check, types, import layers and the whole test suite (PostgreSQL/Redis when they answer)
	@set -euo pipefail; \
	export DJANGO_DEBUG=$${DJANGO_DEBUG:-true}; \
	eval "$$($(PY) .ci/backends.py)"; \
	echo "== ruff"; $(BIN)/ruff check .; $(BIN)/ruff format --check .; \
	echo "== manage.py check"; $(PY) manage.py check --fail-level WARNING; \
	echo "== makemigrations --check"; $(PY) manage.py makemigrations --check --dry-run; \
	echo "== mypy"; $(BIN)/mypy */services.py */selectors.py interventions/services/ interventions/selectors/ evaluations/selectors/ leefbaarheid/registry.py; \
	echo "== import-linter"; $(BIN)/lint-imports; \
	echo "== pytest ($(TEST_WORKERS) workers)"; $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

bench: install-dev ## Time, query count and memory of the heavy paths (set DATABASE_URL for PostgreSQL)
	DJANGO_DEBUG=true $(PY) tests/benchmarks.py

lint: install-dev ## Ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update the Dutch translations and compile them (needs gettext)
	DJANGO_DEBUG=true $(PY) manage.py makemessages --locale nl --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*' --ignore 'tests/*'
	DJANGO_DEBUG=true $(PY) manage.py compilemessages --locale nl --ignore '.venv/*'

vendor: ## Refresh Bootstrap, htmx, Chart.js and Leaflet in static/vendor (and the tests' axe-core) from npm
	npm ci --no-audit --no-fund
	npm run vendor

lock: $(PY) ## Re-resolve the newest allowed versions into constraints.txt
	rm -rf /tmp/leefbaarheid-lock && $(PYTHON) -m venv /tmp/leefbaarheid-lock
	/tmp/leefbaarheid-lock/bin/pip install --quiet --upgrade pip
	/tmp/leefbaarheid-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/leefbaarheid-lock/bin/pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt

clean: ## Remove the virtualenv, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .mypy_cache .ruff_cache
