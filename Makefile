# claims: make install | make run | make test | make bench
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test bench clean

install: $(STAMP)

# Reinstalls only when the dependency pins or the project metadata change.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/claims run --corpus corpus --output output

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,bench]'
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.scaling
	$(BIN)/python -m benchmarks.regexes
	$(BIN)/python -m benchmarks.throughput

clean:
	rm -rf $(VENV) output/documents output/claims.jsonl output/claims.sqlite*
