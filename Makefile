# asyncio by example: every entry point. `make help` lists them.
# Only python3 (3.11+), make and npm are needed: the first target that needs the
# tools creates .venv from the pinned requirements.txt, and the site's targets
# install Pyodide (the Python of the Run buttons) from conf/package-lock.json.

PYTHON     ?= python3
VENV       ?= .venv
BIN        := $(VENV)/bin
BUILDDIR   ?= _build
HTMLDIR    ?= $(BUILDDIR)/html
HOST       ?= 127.0.0.1
PORT       ?= 8000
# Strict: a warning fails the build (-W), all of them are reported (--keep-going),
# and every cross-reference must resolve (-n, nitpicky).
SPHINXOPTS ?= -W --keep-going -n
SPHINXBUILD = $(BIN)/sphinx-build -c conf $(SPHINXOPTS)
PYTEST_ARGS ?=
# make test runs in two phases. First everything that times something on the real
# clock (the examples, the harness, the authors' loop), in one process, on a machine
# the suite itself does not load. Then the browser tests, on this many workers side
# by side (pytest-xdist; 0, the default: in one process, which measured faster on
# two cores, since the in-browser runs already run several pages at once).
TEST_WORKERS ?= 0
BROWSER_TESTS := $(wildcard tests/test_browser*.py)
NAME       ?=
# The project's runner and Sphinx extension live in conf/verified_examples.
export PYTHONPATH := $(CURDIR)/conf

# Interpreters for test-all: python3.X on PATH, plus pyenv's own when pyenv is here.
PYENV_ROOT_DIR := $(shell pyenv root 2>/dev/null)
PYENV_BINS     := $(wildcard $(PYENV_ROOT_DIR)/versions/3.1[1-9]*/bin)
empty :=
space := $(empty) $(empty)
ALL_PATH       := $(subst $(space),:,$(strip $(PYENV_BINS) $(PATH)))

.DEFAULT_GOAL := help
.PHONY: help venv preview html test test-examples test-site outputs check lint \
        linkcheck stress bench faults test-all inventory lock clean pyodide browser-runs

help: ## list the targets
	@echo "asyncio by example: make TARGET"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 18

$(BIN)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed: make PYTHON=python3.X")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(BIN)/.installed ## create .venv from the pinned requirements

# Pyodide, pinned in conf/package.json and conf/package-lock.json; the build copies
# it into the site for the Run buttons (conf/verified_examples/browser.py); which
# examples a browser can run is measured in Chromium (browser_runs.py).
PYODIDE_STAMP := conf/node_modules/.installed
$(PYODIDE_STAMP): conf/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to install Pyodide for the site's Run buttons: install Node.js 18 or newer with npm (Debian/Ubuntu: apt-get install npm)" >&2; exit 1; }
	npm ci --prefix conf --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

pyodide: $(PYODIDE_STAMP) ## install the pinned Pyodide (npm ci --prefix conf)

preview: venv pyodide ## serve the site with live reload at http://127.0.0.1:8000
	$(BIN)/sphinx-autobuild -c conf -n --keep-going -D examples_live=1 docs $(BUILDDIR)/preview \
	  --host $(HOST) --port $(PORT) --watch examples --watch conf \
	  --ignore '*.json' --ignore '*/__pycache__/*' --ignore '*/node_modules/*'

html: venv pyodide ## build the static site into _build/html (strict: a warning fails)
	$(SPHINXBUILD) -b html docs $(HTMLDIR)
	@echo "The site is in $(HTMLDIR)/index.html"

test: venv lint html ## everything CI runs: lint, strict build, examples, harness, site
	SITE_DIR=$(HTMLDIR) $(BIN)/python -m pytest $(addprefix --ignore=,$(BROWSER_TESTS)) $(PYTEST_ARGS) || [ $$? -eq 5 ]
	SITE_DIR=$(HTMLDIR) $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(BROWSER_TESTS) $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-examples: venv ## run every example on both clocks (the authors' fast loop)
	$(BIN)/python -m pytest tests/test_examples.py $(PYTEST_ARGS)

outputs: venv ## rewrite expected outputs from runs (all, or NAME=chapter/stem)
	$(BIN)/python -m verified_examples outputs $(NAME)

outputs-all: venv ## also write the outputs of examples that need a newer Python (nox)
	PATH="$(ALL_PATH)" $(BIN)/nox -s outputs -- $(NAME)

lint: venv ## ruff, mypy --strict over the examples, codespell over pages
	$(BIN)/ruff check examples tests conf noxfile.py
	$(BIN)/ruff format --check examples tests conf noxfile.py
	$(BIN)/codespell docs examples README.md
	$(BIN)/python -m verified_examples typecheck

faults: venv ## run fault scenarios on the fix and unfixed (all, or NAME=chapter/stem)
	$(BIN)/python -m verified_examples faults $(NAME)

check: lint ## what the pre-commit hooks check: lint, and no stale expected output
	$(BIN)/python -m verified_examples stale

browser-runs: venv pyodide ## run examples in Chromium; record which a browser can run
	$(BIN)/python -m verified_examples.browser_runs --write $(NAME)

linkcheck: venv ## check links and anchors (offline; LINKCHECK_EXTERNAL=1 for outside links)
	$(SPHINXBUILD) -D examples_timelines=0 -b linkcheck docs $(BUILDDIR)/linkcheck

stress: venv pyodide ## run a target RUNS times with every core loaded (default: test-examples, 20)
	$(BIN)/python tests/stress.py --runs $(if $(RUNS),$(RUNS),20) --target $(or $(TARGET),test-examples)

bench: venv html ## time the example suite, the builds, and how soon Run answers (medians)
	$(BIN)/python tests/bench.py
	SITE_DIR=$(HTMLDIR) $(BIN)/python tests/bench_browser.py
	$(BIN)/python tests/bench_chat.py  # rewrites docs/chat/bench-*.csv and bench.svg

# Each Python's passing example runs are recorded in examples/verified.toml, from which
# each example's facts line says "Verified on ..." (conf/verified_examples/verified.py).
test-all: venv ## the suite under every Python >= 3.11 on this machine (nox)
	PATH="$(ALL_PATH)" PYTEST_PLUGINS=verified_examples.verified $(BIN)/nox $(NOXARGS)

inventory: ## rewrite conf/_intersphinx/python.inv with the newest Python here
	@for v in 3.14 3.13 3.12 3.11; do \
	  if PATH="$(ALL_PATH)" command -v python$$v >/dev/null && PATH="$(ALL_PATH)" python$$v -c '' 2>/dev/null; then \
	    PATH="$(ALL_PATH)" python$$v conf/python_inventory.py; exit $$?; fi; done; exit 1

lock: ## re-pin requirements.txt from requirements.in in a scratch venv
	rm -rf $(BUILDDIR)/lock && $(PYTHON) -m venv $(BUILDDIR)/lock
	$(BUILDDIR)/lock/bin/python -m pip install --quiet -r requirements.in
	{ echo "# Pinned from requirements.in by 'make lock'. Do not edit by hand."; \
	  $(BUILDDIR)/lock/bin/python -m pip freeze; } > requirements.txt

clean: ## remove builds and caches (keeps .venv; rm -rf .venv for a fresh start)
	rm -rf $(BUILDDIR) .nox .pytest_cache .ruff_cache .mypy_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
