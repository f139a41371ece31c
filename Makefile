# The two commands a newcomer needs: `make serve` and `make test`.
# On first use every target creates .venv and installs the pinned requirements: serve, build
# and pdf only the site's own (requirements.txt); test, lint and the benchmarks the test and
# lint tools as well (requirements-dev.txt), each install with its own stamp.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
# node_modules: the libraries the site ships (ts-fsrs, KaTeX) and the minifier the scheduler's
# vendored copy is made with, exactly as package-lock.json pins them. Only `make test` and
# `make vendor` need it.
NODE_STAMP := node_modules/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The browser the browser tests and `make lighthouse` drive (any Chromium or Chrome).
QA_BROWSER := $(or $(QA_BROWSER),/usr/bin/chromium)
export QA_BROWSER

# Material prints a banner about MkDocs 2.0 on every build; it is noise here.
export NO_MKDOCS_2_WARNING := 1

# SOURCE=path/to/README.md makes a study site of any Q&A document (serve, build, pdf), without
# editing a file. Its links that cannot resolve are warnings then, not errors (no --strict).
ifdef SOURCE
export QA_SOURCE := $(abspath $(SOURCE))
STRICT := --no-strict
else
STRICT := --strict
endif
# GLOSSARY=path/to/glossary.yml (or none) gives SOURCE a glossary file of your choice; without it
# SOURCE uses its own (NAME.glossary.yml or glossary.yml next to it), else one derived from it.
ifdef GLOSSARY
export QA_GLOSSARY := $(if $(filter none,$(GLOSSARY)),none,$(abspath $(GLOSSARY)))
endif


# The engine that builds the site: mkdocs, or properdocs (its maintained fork, in its own
# venv). `make test ENGINE=properdocs` runs the build tests with ProperDocs building.
ENGINE ?= mkdocs
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
ENGINE_TESTS := $(addprefix tests/built/,test_build.py test_glossary_build.py test_selftest_build.py \
  test_links.py test_malformed.py test_base_url_build.py test_engine.py test_question_pages.py)

# The benchmarks' default sizes. Make splits a function's arguments at commas before it expands
# a variable, so a list inside $(or ...) would be cut to its first size; a variable is not.
BENCH_SIZES    := 10,100,1000,5000
HOSTILE_SIZES  := 5000,20000
SELFTEST_SIZES := 1000,5000

.PHONY: serve build test test-fast lint chromium clean pdf bench-pdf bench bench-hostile bench-links bench-selftest bench-serve profile lighthouse properdocs vendor

serve: $(STAMP)  ## live site on http://127.0.0.1:8000 (reloads when docs/ changes)
	$(BIN)/mkdocs serve $(STRICT) --dev-addr $(HOST):$(PORT)

build: $(STAMP)  ## strict build into site/
	$(BIN)/mkdocs build $(STRICT) --clean --site-dir site

ifeq ($(ENGINE),mkdocs)
test: $(DEV_STAMP) $(NODE_STAMP) chromium lint  ## lint, then the whole test suite (scheduler, tests/unit, tests/built, tests/browser)
	node --test tests/js/
	$(BIN)/python -m pytest
else ifeq ($(ENGINE),properdocs)
test: $(DEV_STAMP) $(PD_STAMP)  ## with ENGINE=properdocs: the build tests, ProperDocs building
	QA_ENGINE=properdocs $(BIN)/python -m pytest $(ENGINE_TESTS)
else
$(error ENGINE=$(ENGINE): expected mkdocs or properdocs)
endif

# The loop while you work: what builds nothing, and what reads the one seed site the session
# builds. No browser, no lint; the tests marked slow (a site or a PDF book of their own, many
# generated inputs) are left to `make test`.
test-fast: $(DEV_STAMP)  ## unit tests and the seed site's build tests, no browser: about a minute of CPU
	$(BIN)/python -m pytest tests/unit tests/built -m 'not slow'

properdocs: $(PD_STAMP)  ## the ProperDocs venv (.venv-properdocs): $(PD_VENV)/bin/properdocs serve works like mkdocs serve

pdf: $(STAMP)  ## the PDF book into build/book.pdf (WeasyPrint; no browser); prints its path last
	$(BIN)/python scripts/build_pdf.py $(if $(SOURCE),--source $(QA_SOURCE))

bench-pdf: $(DEV_STAMP)  ## time the PDF book at seed size and at 1,000 questions (bench-results/pdf.md)
	$(BIN)/python tools/bench_pdf.py

bench-hostile: $(DEV_STAMP)  ## build time of hostile answers against plain ones of the same size (bench-results/hostile.md)
	$(BIN)/python tools/bench_hostile.py --sizes $(or $(SIZES),$(HOSTILE_SIZES))

bench-links: $(DEV_STAMP)  ## time the link checker alone on a built site of 1,000 generated questions (bench-results/links.md)
	$(BIN)/python tools/bench_links.py --questions $(or $(QUESTIONS),1000)

bench-serve: $(DEV_STAMP)  ## mkdocs serve at 1,000 questions: a rebuild after one edited answer against the full build (bench-results/serve.md)
	$(BIN)/python tools/bench_serve.py --questions $(or $(QUESTIONS),1000)

bench-selftest: $(DEV_STAMP) chromium  ## the self-test at 1,000 and 5,000 questions: its page's weight, time to the first card at 4x CPU against a question page (bench-results/selftest.md)
	$(BIN)/python tools/bench_selftest.py --questions $(or $(QUESTIONS),1000) --sizes $(or $(SIZES),$(SELFTEST_SIZES))

bench: $(DEV_STAMP)  ## full site vs bare Material at 10 / 100 / 1,000 / 5,000 questions (bench-results/bench.md)
	$(BIN)/python tools/bench.py --sizes $(or $(SIZES),$(BENCH_SIZES))

profile: $(DEV_STAMP)  ## where the build time goes, by package: full site vs bare Material (bench-results/profile.md)
	$(BIN)/python tools/profile_build.py --questions $(or $(QUESTIONS),1000)

lighthouse: $(DEV_STAMP) chromium  ## page weight vs bare Material, and Lighthouse scores (bench-results/frontend.md)
	$(BIN)/python tools/lighthouse.py

vendor: $(NODE_STAMP)  ## regenerate docs/javascripts/vendor/ (ts-fsrs, KaTeX) from the pinned npm packages (commit the result)
	node tools/vendor.js

lint: $(DEV_STAMP)
	$(BIN)/ruff check macros scripts tools tests
	$(BIN)/ruff format --check macros scripts tools tests

chromium:  ## browser tests drive $(QA_BROWSER); Debian's Chromium is installed when it is the one missing (root only)
	@if [ ! -x "$(QA_BROWSER)" ]; then \
	  if [ "$(QA_BROWSER)" != /usr/bin/chromium ]; then \
	    echo "QA_BROWSER=$(QA_BROWSER) is not an executable (browser tests skip without it)"; \
	  elif [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests skip without it)"; \
	  fi; \
	fi

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(DEV_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
	touch $(NODE_STAMP)

# ProperDocs' venv: requirements.txt less MkDocs, plus ProperDocs, all pinned, no resolver.
$(PD_STAMP): requirements.txt requirements-properdocs.txt pyproject.toml
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	grep -v -E '^(mkdocs|mkdocs-get-deps)==' requirements.txt > $(PD_VENV)/requirements.txt
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
	  -r $(PD_VENV)/requirements.txt -r requirements-properdocs.txt
	touch $(PD_STAMP)

clean:
	rm -rf site .pytest_cache
