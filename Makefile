# Wuhan IP portal. `make help` lists the targets.
VENV    := .venv
PY      := $(VENV)/bin/python
PORT    ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run install migrate seed test test-fast browsers lint format check smoke-production bench messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || { py=$$(PYTHON="$(PYTHON)" bin/find-python) && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned dependencies

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: migrate ## Load demo data (idempotent)
	$(PY) manage.py seed_demo

run: seed ## Set up everything and serve http://127.0.0.1:$(PORT) with websockets (daphne)
	@echo "Serving on http://127.0.0.1:$(PORT)/  (staff dashboard: /dashboard/, editors: /admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

browsers: ## Install Debian's chromium and a CJK font for browser tests (when apt is usable)
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing chromium and fonts-wqy-microhei with apt…"; \
		(apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null 2>&1 || \
		 (apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null)) || \
		echo "Could not install chromium: browser tests will be skipped."; \
	else echo "chromium is not installed and apt is not usable: browser tests will be skipped."; fi

test: install browsers ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install ## Run the suite without browser tests
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install ## Django checks and missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

smoke-production: install ## Production start on a throwaway PostgreSQL database: collectstatic, ASGI server, DEBUG off
	bin/production-smoke

bench: install ## Run the benchmarks (figures printed and written under benchmarks/results/)
	$(PY) benchmarks/run_all.py

messages: install ## Update the English catalogue from locale/en/json/*.json and compile it
	flock /tmp/ipportal-messages.lock sh -c "rm -f locale/en/LC_MESSAGES/django.po && \
		$(PY) manage.py makemessages -l en --no-obsolete --no-wrap \
		--ignore '.venv/*' --ignore 'static/*' --ignore 'tests/*' --ignore 'benchmarks/*' && \
		$(PY) bin/fill-translations locale/en/LC_MESSAGES/django.po locale/en/json && \
		$(PY) manage.py compilemessages --ignore '.venv/*'"

clean: ## Remove the virtualenv, the SQLite database and caches
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
