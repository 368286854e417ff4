# The notary client portal: `make run` starts it locally, `make test` runs every test tier.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAM_VENV := .venv-sam
SAM := $(SAM_VENV)/bin/sam
# sam build needs the Lambda runtime's python3.12; pyenv provides it on these machines.
SAM_PYENV ?= 3.12.1
PYTEST_WORKERS ?= 2

.PHONY: help install run test test-unit test-integration test-e2e test-infra security audit lint build deploy chromium sam bench clean

help:
	@echo "make run     start the whole portal at http://127.0.0.1:8000 (PORT=... to change)"
	@echo "make test    install what is missing and run every test tier (security included)"
	@echo "make security  the security tier alone: fuzzing, hostile input, faults, CSP, static analysis"
	@echo "make audit   pip-audit of the installed dependencies (needs PyPI's or OSV's vulnerability data)"
	@echo "make lint    ruff + bandit + cfn-lint"
	@echo "make build   sam build (arm64, python3.12)"
	@echo "make deploy  sam deploy --guided"
	@echo "make bench   benchmarks (ratios, one run)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (never a downloaded browser build).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi

# AWS SAM CLI in its own virtualenv on python3.12: its pins must not fight the portal's.
$(SAM):
	PYENV_VERSION=$(SAM_PYENV) python3.12 -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install -q aws-sam-cli

sam: $(SAM)

run: install
	$(BIN)/python -m portal_local

test: install chromium sam
	SAM_CLI=$(abspath $(SAM)) SAM_PYENV=$(SAM_PYENV) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup tests

test-unit: install
	$(BIN)/python -m pytest tests/unit
test-integration: install
	$(BIN)/python -m pytest tests/integration
test-e2e: install chromium
	$(BIN)/python -m pytest tests/e2e
test-infra: install sam
	SAM_CLI=$(abspath $(SAM)) SAM_PYENV=$(SAM_PYENV) $(BIN)/python -m pytest tests/infra
# The dependency audit needs PyPI's or OSV's vulnerability data: run it where the network allows.
audit: install
	$(BIN)/pip-audit --skip-editable --progress-spinner off

# `make test` runs tests/security with the rest of tests/; this is the tier on its own.
security: install chromium
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup tests/security

lint: install
	$(BIN)/ruff check functions layers infra tests benchmarks
	$(BIN)/bandit -q -c pyproject.toml -r functions layers infra --severity-level medium
	$(BIN)/cfn-lint template.yaml

build: sam
	PYENV_VERSION=$(SAM_PYENV) $(SAM) build --template-file template.yaml

deploy: build
	PYENV_VERSION=$(SAM_PYENV) $(SAM) deploy --guided

# Writes only benchmarks/results/ (no bytecode caches in the tree); exits 1 when a budget is exceeded.
bench: install chromium
	PYTHONDONTWRITEBYTECODE=1 $(BIN)/python -m benchmarks

clean:
	rm -rf .aws-sam build .pytest_cache
