# Winkelier: `make run` starts the embedded shop, `make test` runs every check CI runs.
# Each recipe is one bash script (.ONESHELL) that stops at the first failing command.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# Newer than both requirements files = the venv holds exactly the pins; else reinstall.
STAMP := $(VENV)/.installed-requirements-dev
MANAGE := $(PY) manage.py
PORT ?= 8000
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/winkelier
CHROMIUM_PATH ?= /usr/bin/chromium
CI ?=
# One migrated SQLite test database, built by the SQLite pass and reused by the browser pass.
SQLITE_TEST_DB := $(CURDIR)/.pytest-db.sqlite3
RESULTS := test-results

.PHONY: help deps run test lint rules bench backup restore clean messages

help:
	@echo "make run    start the shop (web + task worker + localstripe) on http://127.0.0.1:$(PORT)/"
	@echo "make test   lint, migration check, rules, pytest on SQLite, PostgreSQL and Chromium"
	@echo "make lint   ruff check and format, import contracts, mypy"
	@echo "make rules  each rule of domain.md with its tests; fails when a built rule has none"
	@echo "make deps   Debian's gettext and chromium when missing (as root; run and test call it)"
	@echo "make bench  benchmarks in tests/bench (not part of make test)"
	@echo "make backup back up db.sqlite3 and media/ into backups/ and verify it (README 'Backups and restore')"
	@echo "make restore put the newest backup back (BACKUP=<name>: another one; FORCE=1: without"
	@echo "            asking); stop make run first"
	@echo "make clean  remove the install stamp, staticfiles, test databases and, after asking,"
	@echo "            db.sqlite3 with its media (FORCE=1: without asking; backups/ is kept)"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	$(PY) -m pip check
	touch $@

# System packages, from Debian when run as root: gettext (msgfmt compiles the translations),
# chromium (the browser tests), postgresql-client-15 (pg_dump/pg_restore of the same major
# version as the PostgreSQL 15 server or newer: backups at scale and their postgres tests)
# and gnupg (encrypted backups). Only what is missing is installed; without root or apt-get it
# says what to install, and the steps that need it explain themselves.
deps:
	@missing=()
	command -v msgfmt >/dev/null || missing+=(gettext)
	[ -x "$(CHROMIUM_PATH)" ] || missing+=(chromium)
	pg_dump --version 2>/dev/null | grep -qE ' (1[5-9]|[2-9][0-9])\.' || missing+=(postgresql-client-15)
	command -v gpg >/dev/null || missing+=(gnupg)
	[ $${#missing[@]} -gt 0 ] || exit 0
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
		echo "make deps: missing Debian's $${missing[*]}; install as root: apt-get install $${missing[*]}"
		exit 0
	fi
	echo "make deps: installing Debian's $${missing[*]} ..."
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$${missing[@]}" >/dev/null; } \
		|| echo "make deps: apt-get install $${missing[*]} failed"

# Compile the project's .po files (.mo files are not committed). Django's own, Oscar's and
# Wagtail's ship compiled; --ignore keeps compilemessages out of the venv.
messages: $(STAMP)
	@if ! command -v msgfmt >/dev/null; then
		echo "make messages: msgfmt (GNU gettext) is missing: make deps installs it (as root)"
		exit 1
	fi
	$(MANAGE) compilemessages --ignore=$(VENV) -v0

# The checks that need no database; pre-commit runs the same (.pre-commit-config.yaml).
lint: $(STAMP)
	@echo "--> ruff check ."
	$(VENV)/bin/ruff check .
	echo "--> ruff format --check ."
	$(VENV)/bin/ruff format --check .
	echo "--> lint-imports (pyproject.toml: no module outside demo/ and tests/demo imports demo)"
	$(VENV)/bin/lint-imports --no-logo
	echo "--> mypy (django-stubs; settings in pyproject.toml)"
	$(VENV)/bin/mypy

run: $(STAMP) deps messages
	@echo "==> migrate, with collectstatic alongside (migrations are CPU-bound on one core)"
	$(MANAGE) collectstatic --noinput -v0 &
	collectstatic=$$!
	$(MANAGE) migrate --noinput -v1
	wait $$collectstatic
	# Loads the demo shop into an empty database, then supervises the three processes.
	echo "==> run_embedded (Ctrl-C stops everything)"
	exec $(MANAGE) run_embedded --port $(PORT)

test: $(STAMP) deps
	@export CI="$(CI)"
	ci() { [ "$${CI,,}" = "true" ]; }
	# The SQLite passes stay on SQLite even when the shell exports DATABASE_URL; their test
	# database is a file so the browser pass reuses it instead of running every migration.
	unset DATABASE_URL
	export PYTEST_SQLITE_FILE=$(SQLITE_TEST_DB)
	rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	status=()
	step() { echo; echo "==> $$*"; }
	pytest_pass() {
		local name=$$1; shift
		local rc=0
		$(PY) -m pytest --junitxml=$(RESULTS)/$$name.xml "$$@" || rc=$$?
		# Exit 5 = no tests collected: fine while a marker selects nothing yet, never for SQLite.
		if [ $$rc -eq 5 ] && [ "$$name" != sqlite ]; then status+=("$$name: no tests"); return 0; fi
		if [ $$rc -ne 0 ]; then echo "make test: the $$name pass failed (pytest exit $$rc)"; exit $$rc; fi
		status+=("$$name: ok")
	}

	step "lint: ruff check, ruff format --check, lint-imports, mypy"
	$(MAKE) --no-print-directory lint
	status+=("lint: ok")

	step "makemigrations --check (test settings)"
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	status+=("migrations: ok")

	step "compilemessages"
	$(MAKE) --no-print-directory messages
	status+=("messages: ok")

	step "rules: every built rule of domain.md has a test"
	$(MAKE) --no-print-directory rules
	status+=("rules: ok")

	step "pytest on SQLite (not postgres, not browser; benchmarks are make bench)"
	pytest_pass sqlite -m "not postgres and not browser" --ignore=tests/bench --create-db --reuse-db

	# Shown without its password, if it has one.
	postgres_shown=$$(sed -E 's#(//[^:/@]+):[^@]*@#\1:***@#' <<< "$(DATABASE_URL)")
	step "pytest -m postgres on $$postgres_shown"
	if DATABASE_URL="$(DATABASE_URL)" $(PY) -c 'import os, sys, psycopg; sys.excepthook = lambda kind, error, tb: print(f"PostgreSQL: {error}", file=sys.stderr); psycopg.connect(os.environ["DATABASE_URL"], dbname="postgres", connect_timeout=5).close()'; then
		DATABASE_URL="$(DATABASE_URL)" pytest_pass postgres -m postgres --ignore=tests/bench
	elif ci; then
		echo "make test: CI=true and PostgreSQL at $$postgres_shown is unreachable (error above)."
		exit 1
	else
		echo "SKIPPED the PostgreSQL pass: no server answers at $$postgres_shown (error above)."
		echo "Start PostgreSQL or set DATABASE_URL=postgres://user@host:port/name; CI=true fails here."
		status+=("postgres: SKIPPED (unreachable)")
	fi

	step "pytest -m browser with Chromium at $(CHROMIUM_PATH)"
	if [ -x "$(CHROMIUM_PATH)" ]; then
		CHROMIUM_PATH="$(CHROMIUM_PATH)" pytest_pass browser -m browser --ignore=tests/bench --reuse-db
	elif ci; then
		echo "make test: CI=true and no Chromium at $(CHROMIUM_PATH) (make deps installs Debian's chromium as root)."
		exit 1
	else
		echo "SKIPPED the browser pass: no Chromium at $(CHROMIUM_PATH)."
		echo "make deps installs Debian's chromium (as root), or set CHROMIUM_PATH; CI=true fails here."
		status+=("browser: SKIPPED (no Chromium)")
	fi

	echo
	printf -v line '%s, ' "$${status[@]}"
	echo "make test: $${line%, }"
	$(PY) - $(RESULTS)/*.xml <<-'EOF'
		import sys
		import xml.etree.ElementTree as ET
		suites = [s for path in sys.argv[1:] for s in ET.parse(path).getroot().iter("testsuite")]
		def total(key): return sum(int(suite.get(key, 0)) for suite in suites)
		failed = total("failures") + total("errors")
		skipped = total("skipped")
		print(f"summary: {total('tests') - failed - skipped} passed, {failed} failed, {skipped} skipped")
	EOF

# Lists tests/rules.py's rules with the tests marked @pytest.mark.rule(...) for them: collects
# every test (postgres, browser and bench included), runs none, needs no database.
rules: $(STAMP)
	@$(PY) -m pytest --rules -p no:warnings -q

bench: $(STAMP)
	@rc=0
	$(PY) -m pytest tests/bench -s || rc=$$?
	# Exit 5: no benchmarks collected yet.
	[ $$rc -eq 0 ] || [ $$rc -eq 5 ]

# manage.py backup: database and media into backups/ (BACKUP_DIR), then the retention policy;
# verify_backup restores it into a scratch database and compares it with its manifest.
backup: $(STAMP)
	$(MANAGE) backup
	$(MANAGE) verify_backup

# manage.py restore: the newest backup (or BACKUP=<name>; `manage.py restore --list` lists
# them) over db.sqlite3 and media/. It asks first; FORCE=1 does not ask.
restore: $(STAMP)
	@if (exec 3<>/dev/tcp/127.0.0.1/$(PORT)) 2>/dev/null; then
		echo "make restore: something answers on port $(PORT): is make run still running? Stop it first (Ctrl-C)."
		exit 1
	fi
	args=()
	[ -z "$(BACKUP)" ] || args+=(--backup "$(BACKUP)")
	[ "$(FORCE)" != 1 ] || args+=(--noinput)
	$(MANAGE) restore "$${args[@]}"

# The shop's data (db.sqlite3 and media/, whose files the database refers to: they go
# together) is only deleted after a "y" on the terminal, or with FORCE=1. backups/ stays.
clean:
	@data=()
	[ ! -e db.sqlite3 ] || data+=(db.sqlite3)
	[ ! -d media ] || data+=(media/)
	if [ $${#data[@]} -gt 0 ] && [ "$(FORCE)" != 1 ]; then
		if [ ! -t 0 ]; then
			echo "make clean: not deleting the shop's data ($${data[*]}) without asking, and there is no terminal to ask on."
			echo "Keep a copy with make backup if you want one, then run: make clean FORCE=1"
			exit 1
		fi
		read -r -p "make clean deletes the shop's data: $${data[*]} (backups/ is kept; make backup first for a copy). Delete? [y/N] " answer
		if [[ ! "$${answer,,}" =~ ^(y|yes|j|ja)$$ ]]; then
			echo "make clean: nothing deleted."
			exit 1
		fi
	fi
	rm -f $(STAMP)
	rm -rf db.sqlite3 db.sqlite3-* media staticfiles $(SQLITE_TEST_DB)* $(RESULTS) run/schedule-state.json
