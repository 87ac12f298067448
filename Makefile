# rapportverk — vanliga kommandon. `make rapport` och `make test` fungerar på en ny maskin.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installerad

.PHONY: rapport test snabbtest lint exempeldata install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Bygg exempelrapportens tabeller från exempeldata/
rapport: $(STAMP)
	$(BIN)/rapport tabell budgetavvikelse_per_omrade --period 2021-04 --namnd regionstyrelsen
	$(BIN)/rapport tabell resultat_per_kostnadsslag --period 2021-04 --namnd regionstyrelsen
	$(BIN)/rapport tabell omstallning --period 2021-04 --namnd regionstyrelsen

## Alla tester (pytest avslutar med kod 5 om inga tester hittas, och då misslyckas make)
test: $(STAMP)
	$(BIN)/ruff check src tests exempeldata
	$(BIN)/pytest -q

## Bara de snabba testerna (utan hela rapportbyggen)
snabbtest: $(STAMP)
	$(BIN)/pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests exempeldata

## Skapa om exempeldata (deterministiskt; ska ge byte-identiska filer)
exempeldata: $(STAMP)
	$(BIN)/python exempeldata/generera.py

clean:
	rm -rf $(VENV) ut .pytest_cache .ruff_cache
