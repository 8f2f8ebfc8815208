# Everything a person runs. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
INSTALLED := $(VENV)/.installed
CATALOGUE := locale/ja/LC_MESSAGES/django
HOST ?= 127.0.0.1
PORT ?= 8000
# Local work: the development key and console e-mail. The portal itself defaults to production
# (DJANGO_DEBUG unset is 0); `make serve`, `check-deploy`, `loadtest` and `bench` run production settings.
export DJANGO_DEBUG ?= 1

.PHONY: help run serve test lint format messages setup db migrate check-deploy clean security e2e backup restore loadtest bench

help:
	@echo "make run       serve the portal with demo data on http://$(HOST):$(PORT)"
	@echo "make test      run every test, the migration check and the linter"
	@echo "make serve     the production stack (collectstatic, gunicorn) on http://$(HOST):$(PORT)"
	@echo "make lint      ruff check and format check;  make format  rewrite with ruff"
	@echo "make messages  extract and compile the translation catalogues"
	@echo "make backup    dump the database and uploaded files to backups/;  make restore FILE=...  into an empty database"
	@echo "make loadtest  gunicorn under load on a large demo database, then a Redis and a PostgreSQL restart (slow)"
	@echo "make bench     measure search at 200,000 experts (builds the consortium_bench database once)"

$(INSTALLED): requirements.txt
	@python=$$(bin/find-python) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; $$python -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# Compiling catalogues needs GNU gettext; install it where we may.
gettext:
	@command -v msgfmt >/dev/null && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing gettext"; \
		(apt-get install -y -qq gettext >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)); \
	else \
		echo "GNU gettext is needed to compile translations: install it (apt-get install gettext, brew install gettext)."; exit 1; \
	fi
.PHONY: gettext

$(CATALOGUE).mo: $(CATALOGUE).po | $(INSTALLED) gettext
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity=0

db: $(INSTALLED)
	@$(PY) bin/ensure-db

# The shared cache: Redis at REDIS_URL, started here where it is installed and not running.
redis: $(INSTALLED)
	@$(PY) bin/ensure-redis
.PHONY: redis

migrate: db
	$(MANAGE) migrate --no-input --verbosity=1

setup: $(INSTALLED) $(CATALOGUE).mo migrate redis fonts

# UNESCO's list is not shipped with the portal; the consortium downloads it.
WHC_FILE ?= ../shared/data/whc-sites-2019.csv

# A fresh database gets the World Heritage list and a modest demo set, once.
demo: setup
	$(MANAGE) seed_demo --if-empty --demo-users --world-heritage $(WHC_FILE)
.PHONY: demo

run: demo
	$(MANAGE) runserver $(HOST):$(PORT)

serve: setup
	DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS=$(HOST),localhost \
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/consortium} \
	bash -c '$(MANAGE) collectstatic --no-input --verbosity=0 && exec $(VENV)/bin/gunicorn --bind $(HOST):$(PORT) consortium.wsgi'

test: $(INSTALLED) $(CATALOGUE).mo db redis chromium fonts
	$(VENV)/bin/pytest
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) --no-print-directory lint

# The browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing chromium for the browser tests"; \
		(apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)) \
			|| echo "chromium could not be installed: the browser tests (tests/e2e) will be skipped."; \
	else \
		echo "chromium is not installed: the browser tests (tests/e2e) will be skipped (apt-get install chromium)."; \
	fi
.PHONY: chromium

# Certificates of attendance embed a Japanese TrueType font: IPAex Mincho from Debian's packages (IPA Font
# License). Noto Sans CJK (fonts-noto-cjk) has PostScript outlines, which reportlab cannot embed.
CERTIFICATE_FONT_FILE := /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf
fonts:
	@if [ -n "$$DJANGO_CERTIFICATE_FONT" ] || [ -f $(CERTIFICATE_FONT_FILE) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing fonts-ipaexfont-mincho for the certificates of attendance"; \
		(apt-get install -y -qq fonts-ipaexfont-mincho >/dev/null 2>&1 \
			|| (apt-get update -qq && apt-get install -y -qq fonts-ipaexfont-mincho >/dev/null)) \
			|| echo "fonts-ipaexfont-mincho could not be installed: certificates of attendance cannot be made."; \
	else \
		echo "Certificates of attendance need a Japanese TrueType font: apt-get install fonts-ipaexfont-mincho," \
			"or set DJANGO_CERTIFICATE_FONT to a .ttf file (their tests fail without one)."; \
	fi
.PHONY: fonts

# Headers, cookies, bandit and the anonymous crawl; part of `make test`.
security: $(INSTALLED) db redis
	$(VENV)/bin/pytest tests/security

# The browser journeys and accessibility checks; part of `make test`.
e2e: $(INSTALLED) $(CATALOGUE).mo db redis chromium
	$(VENV)/bin/pytest tests/e2e

# A timestamped archive of the database and the uploaded files in backups/.
backup: db
	@bin/backup

# Into an EMPTY database: make restore FILE=backups/consortium-...tar
restore: db
	@bin/restore "$(FILE)"

# Not part of `make test`: gunicorn with production settings under load, then a Redis and a PostgreSQL restart.
# A quick check on a small database of its own, without restarting PostgreSQL:
# make loadtest LOADTEST_ARGS="--small --skip-restart"
loadtest: $(INSTALLED) $(CATALOGUE).mo db redis
	$(PY) bin/loadtest $(LOADTEST_ARGS)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The load generator is wrk, from Debian's packages; install it where we may.
wrk:
	@command -v wrk >/dev/null && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing wrk"; \
		(apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)); \
	else \
		echo "wrk is needed to measure: install it (apt-get install wrk, brew install wrk)."; exit 1; \
	fi
.PHONY: wrk

bench: $(INSTALLED) $(CATALOGUE).mo wrk
	$(PY) -m bench

messages: $(INSTALLED) gettext
	$(MANAGE) makemessages --locale=ja --ignore=$(VENV) --ignore=staticfiles --ignore=tests --no-obsolete
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity=0

check-deploy: $(INSTALLED)
	DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=example.org DATABASE_URL=postgres://postgres@127.0.0.1:5432/consortium \
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
	find locale -name '*.mo' -delete
