# pulumi-flex: `make demo` and `make test` do everything on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint unit generate pulumi venv demo-clean clean

demo: $(STAMP)
	@bash scripts/demo.sh

test: $(STAMP) lint
	PULUMI_FLEX_BIN="$$(bash scripts/install-pulumi.sh)" $(PY) -m pytest $(PYTEST_ARGS)

# The typed API, the client's collections and the README's table, from the spec registry.
generate: $(STAMP)
	$(PY) scripts/generate.py

lint: $(STAMP)
	$(PY) scripts/generate.py --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	@# Each example is its own program (all named __main__), so each is checked on its own.
	@for example in $$(find examples -name __main__.py | sort); do $(VENV)/bin/mypy --no-error-summary "$$example" || exit 1; done

# Every test but the e2e ones (no pulumi CLI), with the coverage of the provider and its client:
# under 85% of their lines together fails. The emulator's own tests run with coverage paused
# (tests/inprocess/cover_scope.py): they never run the provider or the client in process.
# Two pytest workers (pytest-xdist), one per core; each starts its own emulator.
COV := --cov=pulumi_flex.provider --cov=pulumi_flex.client --cov-report=term --cov-fail-under=85 \
	-p tests.inprocess.cover_scope
unit: $(STAMP)
	COVERAGE_FILE="$${TMPDIR:-/tmp}/pulumi-flex.coverage" $(PY) -m pytest -m "not e2e" -n 2 $(COV) $(PYTEST_ARGS)

pulumi:
	@bash scripts/install-pulumi.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

demo-clean:
	rm -rf .demo Pulumi.demo.yaml

clean: demo-clean
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

# Benchmarks (docs/performance.md): scripts that measure and report, not timed tests.
.PHONY: bench bench-smoke
BENCH_STAMP := $(VENV)/.installed-bench

bench: $(BENCH_STAMP)
	PULUMI_FLEX_BIN="$$(bash scripts/install-pulumi.sh)" $(PY) -m bench --repeat 3 $(BENCH_ARGS)

bench-smoke: $(STAMP)
	PULUMI_FLEX_BIN="$$(bash scripts/install-pulumi.sh)" $(PY) -m bench --sizes 5 --skip-latency \
		--skip-profile --skip-no-checkpoints --import-runs 5 --out "$${TMPDIR:-/tmp}/pulumi-flex-bench-smoke" $(BENCH_ARGS)

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[bench]'
	@touch $@
