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
# The lock files (hashed pins for the Lambda runtime, written by `make lock` from requirements.in):
# the layer and the functions install from them, the dev environment is constrained to them.
LOCKS := layers/portal/python/requirements.txt $(patsubst %.in,%.txt,$(wildcard functions/*/*/requirements.in))
CONSTRAINTS := $(VENV)/constraints.txt

.PHONY: help install run test test-unit test-integration test-e2e test-infra security audit lint build deploy deploy-plan lock chromium sam bench clean

help:
	@echo "make run     start the whole portal at http://localhost:8000 (PORT=... to change; passkeys need localhost, not an IP)"
	@echo "make test    install what is missing and run every test tier (security included)"
	@echo "make security  the security tier alone: fuzzing, hostile input, faults, CSP, static analysis"
	@echo "make audit   pip-audit of the installed dependencies (needs PyPI's or OSV's vulnerability data)"
	@echo "make lint    ruff + bandit + cfn-lint"
	@echo "make build   sam build (arm64, python3.12) from wheels hash-checked against the locks"
	@echo "make deploy  build, sam deploy (guided the first time), the site upload, the CloudFront invalidation"
	@echo "make deploy-plan  what the site upload would do (no AWS call)"
	@echo "make lock    pin the layer's and functions' dependencies with hashes (UPGRADE=1 to upgrade)"
	@echo "make bench   benchmarks (ratios, one run)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The locks as constraints without their hashes (pip would demand a hash of the editable project).
$(STAMP): pyproject.toml $(LOCKS) | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	sed -n '/==/s/ *\\$$//p' $(LOCKS) > $(CONSTRAINTS)
	$(BIN)/pip install -q -c $(CONSTRAINTS) -e ".[dev]"
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
	$(BIN)/python -m portal_local --site-host localhost

test: install chromium sam
	SAM_CLI=$(abspath $(SAM)) SAM_PYENV=$(SAM_PYENV) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup tests

# One tier, on the same workers as `make test`.
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup
test-unit: install
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) tests/unit
test-integration: install
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) tests/integration
test-e2e: install chromium
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) tests/e2e
test-infra: install sam
	SAM_CLI=$(abspath $(SAM)) SAM_PYENV=$(SAM_PYENV) $(BIN)/python -m pytest $(PYTEST_PARALLEL) tests/infra
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

# sam build installs each requirements.txt with pip, hash-checked for the build machine's wheels,
# but it fetches the Lambda (arm64) wheels of compiled packages again by version only. So every
# wheel is fetched here first, hash-checked against the locks, and sam build's pip gets no index.
WHEELHOUSE := .aws-sam/wheelhouse
WHEELS := PYENV_VERSION=$(SAM_PYENV) python3.12 -m pip download -q --no-deps --require-hashes -d $(WHEELHOUSE)
LAMBDA_WHEELS := --only-binary=:all: --implementation cp --python-version 3.12 \
  --platform manylinux2014_aarch64 --platform manylinux_2_28_aarch64 --platform manylinux_2_34_aarch64

build: sam
	rm -rf $(WHEELHOUSE)
	for lock in $(LOCKS); do $(WHEELS) -r $$lock && $(WHEELS) $(LAMBDA_WHEELS) -r $$lock || exit 1; done
	PIP_NO_INDEX=1 PIP_FIND_LINKS=$(abspath $(WHEELHOUSE)) PYENV_VERSION=$(SAM_PYENV) $(SAM) build --template-file template.yaml

# The first run asks (sam deploy --guided) and saves the answers in samconfig.toml; every later
# run deploys from that file without a question (GUIDED=1 asks again). Then the site goes to its
# bucket with its cache headers and CloudFront is invalidated (portal_deploy.site, boto3).
deploy: build install
	@mode=$$($(BIN)/python -m portal_deploy.samconfig mode) || exit 1; \
	if [ -n "$(GUIDED)" ] || [ "$$mode" = guided ]; then \
	  echo "First deployment: sam deploy --guided saves the answers in samconfig.toml"; \
	  PYENV_VERSION=$(SAM_PYENV) $(SAM) deploy --guided --no-fail-on-empty-changeset; \
	else \
	  PYENV_VERSION=$(SAM_PYENV) $(SAM) deploy --no-confirm-changeset --no-fail-on-empty-changeset; \
	fi
	$(BIN)/python -m portal_deploy.site

deploy-plan: install
	$(BIN)/python -m portal_deploy.site --dry-run

# Resolved for the Lambda runtime (python3.12, arm64); the hashes cover every wheel of each pin.
lock: install
	@for input in layers/portal/python/requirements.in $(wildcard functions/*/*/requirements.in); do \
	  (cd $$(dirname $$input) && $(abspath $(BIN))/uv pip compile requirements.in --quiet --generate-hashes \
	    --python-version 3.12 --python-platform aarch64-manylinux_2_28 $(if $(UPGRADE),--upgrade) \
	    --custom-compile-command "make lock" -o requirements.txt) || exit 1; \
	done

# Writes only benchmarks/results/ (no bytecode caches in the tree); exits 1 when a budget is exceeded.
bench: install chromium
	PYTHONDONTWRITEBYTECODE=1 $(BIN)/python -m benchmarks

clean:
	rm -rf .aws-sam build .pytest_cache
