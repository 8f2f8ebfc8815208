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

.PHONY: help run serve test lint format messages setup db migrate check-deploy clean

help:
	@echo "make run       serve the portal with demo data on http://$(HOST):$(PORT)"
	@echo "make test      run every test, the migration check and the linter"
	@echo "make serve     the production stack (collectstatic, gunicorn) on http://$(HOST):$(PORT)"
	@echo "make lint      ruff check and format check;  make format  rewrite with ruff"
	@echo "make messages  extract and compile the translation catalogues"

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

migrate: db
	$(MANAGE) migrate --no-input --verbosity=1
	$(MANAGE) createcachetable

setup: $(INSTALLED) $(CATALOGUE).mo migrate

run: setup
	$(MANAGE) runserver $(HOST):$(PORT)

serve: setup
	DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS=$(HOST),localhost \
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/consortium} \
	bash -c '$(MANAGE) collectstatic --no-input --verbosity=0 && exec $(VENV)/bin/gunicorn --bind $(HOST):$(PORT) consortium.wsgi'

test: $(INSTALLED) $(CATALOGUE).mo db
	$(VENV)/bin/pytest
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) --no-print-directory lint

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

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
