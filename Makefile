# Pantau: two commands for a fresh machine.
#   make demo   install, build the demo database from the bundled corpus, serve the dashboard
#   make test   install, lint, type-check, run the suite on SQLite and on PostgreSQL
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install lint test-sqlite test-postgres assets clean

$(STAMP): pyproject.toml $(wildcard package-lock.json)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@if [ -f package-lock.json ]; then $(MAKE) --no-print-directory assets; fi
	touch $(STAMP)

install: $(STAMP)

assets:
	npm ci --no-audit --no-fund --silent
	$(BIN)/python -m pantau.web.assets

demo: $(STAMP)
	$(BIN)/pantau demo

lint: $(STAMP)
	$(BIN)/ruff check src tests evals
	$(BIN)/ruff format --check src tests evals
	$(BIN)/mypy

test-sqlite: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider

test-postgres: $(STAMP)
	scripts/with-postgres.sh $(BIN)/pytest -p no:cacheprovider -m "not browser and not slow"

test: lint test-sqlite test-postgres

clean:
	rm -rf $(VENV) data artifacts node_modules
