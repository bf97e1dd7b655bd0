# Two entry points: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when pyproject.toml changes (the stamp name carries its checksum).
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,openml,croissant,select,postgres,serve]'
	rm -f $(VENV)/.installed-*
	touch $@

demo: $(STAMP)
	@bash examples/demo.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

# Longer coverage-guided runs than the seeded pass in `make test`; crashes land in build/fuzz/.
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	mkdir -p build/fuzz/card build/fuzz/license
	$(BIN)/python -m tests.fuzz.fuzz_targets license -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=build/fuzz/ build/fuzz/license tests/fuzz/seeds/license
	$(BIN)/python -m tests.fuzz.fuzz_targets card -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=build/fuzz/ build/fuzz/card tests/fuzz/seeds/card

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
