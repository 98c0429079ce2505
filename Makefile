# Newsroom: `make run` for the local demo, `make test` for the suite, `make serve` for gunicorn.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test serve install install-dev browser java varnish node-tools demo lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Debian's Chromium for the real-browser tests (Playwright cannot download its own browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# Java for the W3C Nu HTML checker (vnu.jar) in the quality tests.
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; fi; }

# Debian's Varnish for the CDN tests (tests/public/test_varnish.py: varnishd in front of gunicorn).
varnish:
	@command -v varnishd >/dev/null 2>&1 || test -x /usr/sbin/varnishd || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null; fi; }

# Test-only tools from npm, pinned in package.json / package-lock.json: axe-core and vnu-jar.
# --ignore-scripts: vnu-jar's post-install script would try to fetch a Java runtime; Debian's is used instead.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

node-tools: node_modules/.installed

demo: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py loaddata connescence
	DEBUG=1 $(BIN)/python manage.py create_demo_accounts

run: demo
	DEBUG=1 $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev browser java varnish node-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; fi; exit $$status

# Production-style serving: settings from the environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL or
# SINGLE_MACHINE=1, ...); the deploy checks run first and an error stops it. One background-task worker runs beside
# gunicorn (one per machine; any number of machines share the queue in the database).
serve: install
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn newsroom.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

lint: install-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# Figures, not pass/fail: each prints ratios against a baseline measured in the same run.
bench: install-dev
	$(BIN)/python bench/compare.py
	$(BIN)/python bench/import_imdb.py
	$(BIN)/python bench/admin_scale.py --credits $${BENCH_CREDITS:-1000000}
	$(BIN)/python bench/story_parsing.py
	$(BIN)/python bench/suggestions.py
	$(BIN)/python bench/renditions.py

clean:
	rm -rf $(VENV) staticfiles .test-media .pytest_cache node_modules
