# The README contract: `make run` serves the dashboard on demo data, `make test` runs every test
# level. Both install what they need themselves, so a fresh clone (and CI, as root on a clean
# machine) needs nothing done by hand.

SHELL := /bin/bash
.DEFAULT_GOAL := all

# Python 3.11 is what the project pins (pyproject.toml); fall back to python3 if it is 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# Re-install only when a requirements file changes.
INSTALL_STAMP := $(VENV)/.requirements-installed

# Debian packages the app and its tests need (browser tests, PostgreSQL tests, Finnish
# lemmatisation, a font for screenshots, a colour emoji font for the navigation icons in headless
# chromium). Add new ones here, nowhere else.
APT_PACKAGES := chromium postgresql libvoikko1 voikko-fi fonts-dejavu-core fonts-noto-color-emoji

DEMO_DB := data/kumppanuusbaro.sqlite
PORT ?= 8501
# Two workers suit the two-core machines; PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
# A failing browser test leaves pytest-playwright's screenshot here (git-ignored).
PLAYWRIGHT_ARGS := --output test-artifacts/playwright --screenshot only-on-failure

ifeq ($(PYTEST_WORKERS),0)
XDIST_ARGS :=
else
# loadgroup spreads tests over the workers but keeps the browser tests (xdist_group "browser",
# set in tests/browser/conftest.py) on one worker, so one Streamlit server and one chromium serve
# them. Each worker that runs PostgreSQL tests starts its own throwaway cluster (about 1 s).
XDIST_ARGS := -n $(PYTEST_WORKERS) --dist loadgroup
endif

.PHONY: all venv install system-deps demo-db run lint test help axe

all: test ## lint and every test level (the default)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

venv: $(PY) ## create .venv with Python 3.11

$(PY):
	@test -n "$(PYTHON)" || { echo "python3.11 not found; install Python 3.11" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "need Python 3.11, got " + sys.version)'
	$(PYTHON) -m venv $(VENV)

install: $(INSTALL_STAMP) ## pip-install requirements-dev.txt into .venv (when it changed)

$(INSTALL_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

system-deps: ## apt-get install the missing Debian packages (as root), else name them
	@scripts/install_system_packages.sh $(APT_PACKAGES)

demo-db: install ## build the demo database if it is missing
	@if [ -f $(DEMO_DB) ]; then \
		echo "demo-db: $(DEMO_DB) exists (delete it to rebuild)"; \
	else \
		echo "demo-db: building $(DEMO_DB)"; \
		$(PY) -m baro demo --database-url sqlite:///$(CURDIR)/$(DEMO_DB); \
	fi

# With DATABASE_URL set the app reads that database and the demo file is not built.
run: install $(if $(DATABASE_URL),,demo-db) ## serve the dashboard on http://127.0.0.1:$(PORT)
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--browser.gatherUsageStats false --server.headless true

# axe-core (accessibility rules) for tests/browser/test_axe.py, pinned, from the npm registry.
AXE_VERSION := 4.14.1
AXE_JS := .cache/axe/node_modules/axe-core/axe.min.js
axe: $(AXE_JS) ## fetch axe-core $(AXE_VERSION) into .cache/axe (for the accessibility tests)

# npm comes with the machine's Node.js (NodeSource bundles it; Debian's own npm package conflicts
# with that nodejs), so Debian's nodejs and npm are installed only when no npm is on the PATH.
$(AXE_JS):
	@command -v npm >/dev/null || scripts/install_system_packages.sh nodejs npm
	npm install --prefix .cache/axe --no-audit --no-fund --no-save axe-core@$(AXE_VERSION)

lint: install ## ruff over the whole repository
	$(VENV)/bin/ruff check .

# Lint and tests both run, so one pass shows every problem; either failing fails the target.
# pytest's exit code 5 (no test collected) is a failure too.
test: system-deps install axe ## ruff, then unit, integration (SQLite + PostgreSQL), app and browser tests
	@lint=0; $(VENV)/bin/ruff check . || lint=$$?; \
	rc=0; $(PY) -m pytest $(XDIST_ARGS) $(PLAYWRIGHT_ARGS) $(PYTEST_ARGS) tests || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; fi; \
	if [ $$lint -ne 0 ]; then echo "ruff found problems (see above): failing" >&2; fi; \
	if [ $$rc -ne 0 ]; then exit $$rc; fi; \
	exit $$lint
