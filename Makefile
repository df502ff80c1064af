# claims: make install | make run | make test | make bench
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORLD_ATLAS_VERSION := 2.0.2
WORLD := $(VENV)/share/world-atlas/countries-110m.json

.PHONY: install run test bench clean

install: $(STAMP)

# Reinstalls only when the dependency pins or the project metadata change.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	$(MAKE) --no-print-directory $(WORLD)
	touch $(STAMP)

# The report's world map: Natural Earth country shapes as packaged by world-atlas on npm (ISC licence).
$(WORLD):
	mkdir -p $(dir $(WORLD))
	cd $(dir $(WORLD)) && npm pack --silent world-atlas@$(WORLD_ATLAS_VERSION) >/dev/null && \
	  tar -xzf world-atlas-$(WORLD_ATLAS_VERSION).tgz --strip-components=1 package/countries-110m.json package/LICENSE && \
	  rm world-atlas-$(WORLD_ATLAS_VERSION).tgz

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
