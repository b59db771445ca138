# These commands do all set-up on a fresh machine (see README "Quick start"):
#   make demo   - create .venv, install torch (CPU) then ipterm, run the main job on examples/corpus
#   make test   - same set-up, then the test suite
#   make lint   - same set-up, then ruff (lint and format check) and mypy
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.ipterm-installed

.PHONY: setup demo test test-fast bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first and pinned: the CPU build on this machine, not gigabytes of CUDA.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[all]'
	touch $(STAMP)

demo: setup
	$(PY) examples/demo.py

test: setup
	$(PY) -m pytest

# Quick local loop: everything but the tests marked slow (Ray, model rebuilds, multi-process);
# CI runs the whole suite with `make test`.
test-fast: setup
	$(PY) -m pytest -m "not slow"

bench: setup
	$(PY) benchmarks/run_all.py

# The checks CI runs before the tests (ruff and mypy come with the dev extra).
lint: setup
	$(PY) -m ruff check ipterm tests benchmarks tools
	$(PY) -m ruff format --check ipterm tests benchmarks tools
	$(PY) -m mypy ipterm

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
