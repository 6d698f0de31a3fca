# The same commands locally and in CI. Python 3.11, explicitly.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint types unit bench eval install system-deps lock clean cog

# Install into .venv when the lock files change (or .venv is missing).
$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

system-deps:
	@bash scripts/system-deps

# Until the demo-case issue lands: install, then a short CLI tour on generated sample files.
demo: system-deps install
	$(BIN)/python scripts/tour.py

test: system-deps install lint types unit

lint: install
	$(BIN)/ruff check src tests bench scripts eval
	$(BIN)/ruff format --check src tests bench scripts eval
	$(BIN)/cog --check docs/cli.md docs/settings.md

types: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -n 2 -q

bench: system-deps install
	$(BIN)/python bench/run.py

# Text recall and language identification through real ingest, every format x script.
# (Extraction and linkage gold sets join this target with their issues.)
eval: system-deps install
	$(BIN)/python eval/eval_ingest.py

# Regenerate the hashed lock files (needs the package index; maintainers only).
lock: install
	$(BIN)/python -m pip install --quiet "uv==0.13.9"
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes \
	  --no-header -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --group test --group dev --python-version 3.11 \
	  --generate-hashes --no-header -c requirements.lock -o requirements-dev.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Regenerate the generated parts of the docs (the CLI reference).
cog: install
	$(BIN)/cog -r docs/cli.md docs/settings.md
