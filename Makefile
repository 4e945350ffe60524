# Two commands set everything up on a fresh machine (README):
#   make demo   - install into .venv and analyse the bundled seed article
#   make test   - install into .venv and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
SEED = tests/data/seed/al-araby-kazakhstan-consulate.txt

.PHONY: demo test lint eval bench docs fuzz

# rasd alone (make demo): no test tools, no Spark.
$(VENV)/.core: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

# rasd with the test tools and the optional engines the tests exercise (Spark, DuckDB).
$(VENV)/.installed: $(VENV)/.core
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	touch $@

# The scraped seed page carries only the day it was viewed; its publication date (8 January
# 2022, see tests/data/seed) is given so that "yesterday, Friday" resolves to a date.
demo: $(VENV)/.core
	$(BIN)/rasd analyze $(SEED) --published 2022-01-08

test: $(VENV)/.installed
	$(BIN)/python -W error -c "import rasd"
	$(BIN)/python -m pytest -q -rs

# The long fuzz profile (tests/test_fuzz.py): 1,000 examples per input family, 11,000 and more in all;
# the counts are printed at the end. `make test` runs the short profile.
fuzz: $(VENV)/.installed
	RASD_FUZZ=long nice -n 10 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench eval scripts
	$(BIN)/mypy

eval: $(VENV)/.installed
	$(BIN)/python eval/eval_extraction.py

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_analyze.py

docs: $(VENV)/.installed
	$(BIN)/python -m rasd.cli --markdown > docs/cli.md
