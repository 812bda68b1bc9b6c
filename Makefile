# Two commands: `make run` and `make test` (see README).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install install-test chromium poppler migrate demo worker lint

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)
	test -f .env || $(BIN)/python -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50))" > .env

## Installs, migrates, loads geography and demo data, starts the task worker and the server
## (gunicorn's settings, and why: savings_registry/gunicorn.py).
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_geography
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo "เปิด http://127.0.0.1:$(PORT)/ (ชื่อผู้ใช้ทดลองอยู่ใน README)"
	$(BIN)/python manage.py notices_schedule
	$(BIN)/python manage.py db_worker --queue-name "*" & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/gunicorn savings_registry.wsgi -c python:savings_registry.gunicorn --bind 127.0.0.1:$(PORT)

chromium:
	@command -v chromium >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)

# pdftotext and pdftoppm: the printed documents' text layer is read back as a PDF viewer reads it.
poppler:
	@command -v pdftotext >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q poppler-utils)

## Installs what the tests need (including Debian's Chromium) and runs the whole suite.
test: install chromium poppler
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
