# Facial Spasm Guide: `make test` and `make chat` are all a fresh clone needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test chat model lint clean

# The venv is rebuilt whenever the dependency lists change.
$(STAMP): pyproject.toml lambda/requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or later is needed as $(PYTHON)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r lambda/requirements.txt -e '.[dev]'
	touch $@

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/cfn-lint template.yaml

model: $(STAMP)
	$(BIN)/skill-console model

lint: $(STAMP)
	$(BIN)/cfn-lint template.yaml

clean:
	rm -rf $(VENV) build dist .pytest_cache
