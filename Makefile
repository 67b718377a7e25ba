# Facial Spasm Guide: `make run` and `make test` are all a fresh clone needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the tests use, as command:package. espeak-ng speaks answers for
# `skill-console --wav`; Node.js runs ssml-check-core, the SSML validator; Chromium runs the
# browser test of the web console (Playwright drives it).
DEBIAN_PACKAGES := espeak-ng:espeak-ng node:nodejs npm:npm chromium:chromium
SSML_CHECK := tools/ssml-check/node_modules/.package-lock.json

.PHONY: run test heldout chat model lint bench load package deploy debian-packages clean

# The venv is rebuilt whenever the dependency lists change.
$(STAMP): pyproject.toml lambda/requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or later is needed as $(PYTHON)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=70.1"
	$(BIN)/python -m pip install --quiet -r lambda/requirements.txt -e '.[dev]'
	touch $@

# Installs what is missing, as root directly or through sudo; says what to do otherwise.
debian-packages:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do command -v $${p%%:*} >/dev/null || echo $${p#*:}; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; \
		else echo "Please install: $$missing (apt-get install $$missing)"; exit 1; fi; \
		echo "Installing $$missing"; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

# ssml-check-core, pinned by tools/ssml-check/package-lock.json.
$(SSML_CHECK): tools/ssml-check/package.json tools/ssml-check/package-lock.json | debian-packages
	npm ci --prefix tools/ssml-check --no-audit --no-fund --loglevel=error

test: $(STAMP) debian-packages $(SSML_CHECK)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest
	$(BIN)/skill-console check
	$(BIN)/cfn-lint template.yaml

# The frozen held-out phrasing set: run at the end of a piece of work, then quote its figures.
heldout: $(STAMP)
	$(BIN)/python -m pytest -m heldout tests/tools/test_phrasings.py
	$(BIN)/skill-console evaluate tests/phrasings/heldout/*.yaml --no-misses

# The local web server: the browser console and the Alexa endpoint (HOST=..., PORT=... to move it).
run: $(STAMP)
	$(BIN)/skill-console serve

chat: $(STAMP)
	$(BIN)/skill-console chat

model: $(STAMP)
	$(BIN)/skill-console model

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/cfn-lint template.yaml

bench: $(STAMP)
	$(BIN)/python bench/console_bench.py
	$(BIN)/python bench/answer_length.py
	$(BIN)/python bench/lambda_bench.py
	$(BIN)/python bench/answer_caches.py

# dist/lambda.zip for Lambda's python3.13 on arm64 (python3.13 found through pyenv).
package: $(STAMP)
	$(BIN)/python -m skill_console.release.packaging

# The function to AWS with SAM: packages first, and stops if dist/lambda.zip is missing or wrong
# (SAM_ARGS=... passes more options to `sam deploy`).
deploy: package
	$(BIN)/python -m skill_console.release.deploy $(SAM_ARGS)

# 20 concurrent clients for 30 s against POST /alexa on loopback, with verification off and then
# on (signed by a test authority); prints figures for both.
load: $(STAMP)
	$(BIN)/python bench/load_alexa.py

clean:
	rm -rf $(VENV) build dist .pytest_cache tools/ssml-check/node_modules
