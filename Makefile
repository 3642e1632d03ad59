# Wuhan IP portal. `make help` lists the targets.
VENV    := .venv
PY      := $(VENV)/bin/python
PORT    ?= 8000
WORKERS ?= 2
PYTEST_ARGS ?=
LOCK    := requirements.lock
# The platform the lock is resolved for: the project's machines and CI (Linux x86_64, CPython 3.12).
LOCK_PLATFORM := --python-version 3.12 --python-platform x86_64-manylinux_2_28

.DEFAULT_GOAL := help
.PHONY: help run serve install lock check-lock migrate seed test test-fast browsers lint typecheck format check smoke-production bench messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	@py=$$(PYTHON="$(PYTHON)" bin/find-python) && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV)

$(VENV)/.installed: pyproject.toml $(LOCK) | $(PY)
	@$(PY) bin/check-lock
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

install: $(VENV)/.installed ## Create .venv and install every package from requirements.lock (hashes checked)

lock: | $(PY) ## Resolve pyproject.toml into requirements.lock: every package pinned, with hashes
	@# uv itself comes from the lock (hash checked); only a lock without it fetches the latest.
	@test -x $(VENV)/bin/uv || if grep -q '^uv==' $(LOCK) 2>/dev/null; then \
		awk '/^uv==/{p=1; print; next} p && /^ /{print; next} {p=0}' $(LOCK) > $(VENV)/uv.txt && \
		$(PY) -m pip install --quiet --require-hashes --no-deps --force-reinstall -r $(VENV)/uv.txt; \
	else $(PY) -m pip install --quiet uv; fi
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --extra build --generate-hashes \
		$(LOCK_PLATFORM) --python $(PY) --quiet --custom-compile-command "make lock" \
		--output-file $(LOCK) $(LOCK_ARGS)
	@$(PY) bin/check-lock --stamp
	@echo "Now run: make install"

check-lock: ## Fail when pyproject.toml and requirements.lock disagree
	@bin/check-lock

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: migrate ## Load demo data (idempotent)
	$(PY) manage.py seed_demo

run: seed ## Set up everything and serve http://127.0.0.1:$(PORT) with websockets (daphne)
	@echo "Serving on http://127.0.0.1:$(PORT)/  (staff dashboard: /dashboard/, editors: /admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production server, behind the reverse proxy (docs/deployment.md): set
# DJANGO_SETTINGS_MODULE and the production environment first. The proxy keeps the access log.
serve: install ## Production ASGI server: uvicorn, $(WORKERS) workers, proxy headers, 127.0.0.1:$(PORT)
	$(VENV)/bin/uvicorn portal.asgi:application --host 127.0.0.1 --port $(PORT) \
		--workers $(WORKERS) --proxy-headers --no-access-log

browsers: ## Install Debian's chromium and the CJK font browser tests need (apt, as root)
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wenquanyi; then \
		echo "chromium and fonts-wqy-microhei are installed."; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing chromium and fonts-wqy-microhei with apt…"; \
		apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }; \
	else \
		echo "Cannot install chromium and fonts-wqy-microhei: run as root with apt-get," >&2; \
		echo "or: sudo apt-get install chromium fonts-wqy-microhei" >&2; exit 1; \
	fi

test: install ## Run the whole suite (SQLite unless DATABASE_URL is set); browser tests need `make browsers`
	@command -v chromium >/dev/null 2>&1 || echo "*** chromium is missing: browser tests will be skipped" \
		"(with REQUIRE_BROWSER_TESTS=1 they fail instead). Install it with: make browsers"
	@fc-list 2>/dev/null | grep -qi wenquanyi || echo "*** fonts-wqy-microhei is missing:" \
		"Chinese shows as boxes in browser screenshots. Install it with: make browsers"
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install ## Run the suite without browser tests
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: install ## ruff lint and format check, then the type checker
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) --no-print-directory typecheck

typecheck: install ## mypy (with django-stubs) over the packages listed in pyproject.toml
	$(VENV)/bin/mypy

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
