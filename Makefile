# Two commands for a fresh machine (Debian, Python 3.11): `make book` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FROM ?=

.PHONY: venv book test chromium npm data notebooks bench lint clean pdf

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

venv: $(STAMP)


## book: set up, execute every chapter and build the HTML into _build/html (strict: warnings are errors)
# The execution cache keys on notebook code only, so a change in src/ or data/ clears it, and Sphinx's
# doctrees with it (openweights.bookcache; the test suite's build applies the same rule).
# REPO_URL=https://github.com/OWNER/REPO [BRANCH=main] adds the repository link and Binder launch buttons.
REPO_URL ?=
BRANCH ?= main
PUBLISH_CONFIG := _build/_config.publish.yml
book: $(STAMP)
	@$(BIN)/python -m openweights.bookcache clear-if-stale
ifneq ($(strip $(REPO_URL)),)
	$(BIN)/python -m openweights.publish --repo-url $(REPO_URL) --branch $(BRANCH) --out $(PUBLISH_CONFIG)
	$(BIN)/jupyter-book build . -W -n --keep-going --config $(PUBLISH_CONFIG)
else
	$(BIN)/jupyter-book build . -W -n --keep-going
endif
	@$(BIN)/python -m openweights.bookcache stamp

## pdf: the PDF edition of the built book (title page, contents, every page with its figures; page numbers)
pdf: book chromium
	$(BIN)/python -m openweights.pdf

## chromium: the browser for the HTML check (Debian package), installed when missing
# Root installs directly; other users go through sudo, and without sudo the target says what to run.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; else \
	    echo "chromium is missing and this user cannot install it: run 'apt-get install chromium fonts-noto-cjk' as root" >&2; exit 1; fi; \
	  echo "installing Debian's chromium for the HTML check"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk; }

## npm: Debian's node and npm when missing (the browser tests inject the axe-core accessibility engine)
npm:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; else \
	    echo "npm is missing and this user cannot install it: run 'apt-get install npm' as root" >&2; exit 1; fi; \
	  echo "installing Debian's npm for the accessibility check"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm; }

# axe-core at the version package-lock.json pins
node_modules/.installed: package.json package-lock.json | npm
	npm ci --no-audit --no-fund --silent
	touch $@

## test: set up and run every test (unit, schema, nbval over every chapter, strict book build, browser and accessibility checks, lint, provenance)
test: $(STAMP) chromium node_modules/.installed
	$(BIN)/python -m pytest tests chapters --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

## data: refresh upstream snapshots (download, or FROM=DIR to copy a local mirror) and rebuild data/processed
data: $(STAMP)
	$(BIN)/python -m openweights data fetch $(if $(FROM),--from $(FROM))
	$(BIN)/python -m openweights data build
	$(BIN)/python -m openweights data check
	@echo "findings that moved (the chapters are re-executed by 'make notebooks'; then 'findings build'):"
	$(BIN)/python -m openweights findings diff

## notebooks: re-execute every chapter in place (commit the outputs)
notebooks: $(STAMP)
	$(BIN)/python tools/run_notebooks.py

## bench: clean build time, time per chapter, overhead ratios, no-change rebuild, data build timings
bench: $(STAMP)
	$(BIN)/python tools/bench.py

lint: $(STAMP)
	$(BIN)/ruff check src tests chapters tools && $(BIN)/ruff format --check src tests chapters tools

clean:
	rm -rf _build
