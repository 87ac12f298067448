# rapportverk — vanliga kommandon. `make rapport` och `make test` fungerar på en ny maskin.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installerad

# Debian-paket: WeasyPrint behöver Pango, rapporterna typsnittet Carlito; testerna läser tillbaka med
# poppler (pdftotext) och LibreOffice. Installeras med apt-get om de saknas och vi kör som root.
DEB_RAPPORT := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-crosextra-carlito
DEB_TEST    := poppler-utils libreoffice-writer-nogui chromium chromium-driver
# SQL-källornas tester startar en egen PostgreSQL-server i en temporär katalog (tests/pgkluster.py).
DEB_TEST    += postgresql

.PHONY: bytekod rapport test snabbtest lint exempeldata install clean deb-rapport deb-test bench bench-snabb rapport-duckdb bench-detaljer \
	las laskontroll docs

define deb_installera
	@saknas=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || saknas="$$saknas $$p"; done; \
	if [ -n "$$saknas" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installerar Debian-paket:$$saknas"; \
	    (apt-get install -y -qq --no-install-recommends $$saknas || \
	     (apt-get update -qq && apt-get install -y -qq --no-install-recommends $$saknas)) >/dev/null; \
	  else echo "Saknade Debian-paket:$$saknas — installera dem (sudo apt-get install$$saknas)"; exit 1; fi; \
	fi
endef

deb-rapport:
	$(call deb_installera,$(DEB_RAPPORT))

deb-test: deb-rapport
	$(call deb_installera,$(DEB_TEST))

# Beroendena installeras från låsfilen uv.lock (exakta versioner och kontrollsummor för varje paket, också sql och
# dev). uv själv installeras först med pip från uv-krav.txt (version och kontrollsummor); sedan gör `uv sync
# --locked` miljön exakt lik låsfilen och vägrar om låsfilen inte längre stämmer med pyproject.toml.
$(STAMP): pyproject.toml uv.lock uv-krav.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --require-hashes --no-deps -r uv-krav.txt
	UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --quiet --locked --all-extras \
		--compile-bytecode --python $(BIN)/python || { echo "Installationen från uv.lock misslyckades (se ovan). Stämmer inte \
	uv.lock med pyproject.toml: kör make las och checka in uv.lock."; exit 1; }
	touch $(STAMP)

install: $(STAMP)

# Bytekoden skrivs när paketen installeras (--compile-bytecode ovan) och för vår egen kod här: med
# PYTHONDONTWRITEBYTECODE (vanligt i CI och behållare) kompilerade annars varje process om varje modul: en
# nämnds PDF tog 10,2 s i stället för 5,1–6,2 s, och varje arbetsprocess lika mycket extra. compileall hoppar över
# moduler vars bytekod är aktuell.
bytekod: $(STAMP)
	@$(BIN)/python -m compileall -q src >/dev/null

## Bygg exempelregionens delårsrapporter från exempeldata/ till ut/: alla nämnder och regionen per augusti 2024, och
## Regionstyrelsen per april 2021 (den rapport vars publicerade tabeller exempeldatan återskapar)
rapport: deb-rapport $(STAMP) bytekod
	$(BIN)/rapport delar --period 2024-08
	$(BIN)/rapport delar --period 2024-08 --region
	$(BIN)/rapport delar --period 2021-04 --namnd regionstyrelsen

## Samma rapport med huvudboken ur ett datalager (DuckDB, konfig/rapportverk-duckdb.yaml) i stället för filer
rapport-duckdb: deb-rapport $(STAMP) exempeldata/exempel.duckdb
	$(BIN)/rapport --konfig konfig/rapportverk-duckdb.yaml delar --period 2021-04 --namnd regionstyrelsen --ut ut/duckdb

## Exempelregionens datalager, gjort av exempelfilerna (görs om när de ändras)
exempeldata/exempel.duckdb: exempeldata/skapa_duckdb.py $(wildcard exempeldata/huvudbok_utfall_*.parquet) \
		$(wildcard exempeldata/budget_*.csv) | $(STAMP)
	$(BIN)/python exempeldata/skapa_duckdb.py --ut $@

# Testerna körs i en process per kärna (pytest-xdist; worksteal: en process som blir klar tar över väntande tester
# från den andra, så att de långa testerna inte hamnar i samma kö). På 2 kärnor: 12 min 51 s → 7 min 53 s
# (uppmätt, hela sviten). TESTPROCESSER=1 kör allt i en process, t.ex. för att felsöka.
TESTPROCESSER ?= 2
PYTEST := $(BIN)/pytest -q -n $(TESTPROCESSER) --dist worksteal

## Alla tester (pytest avslutar med kod 5 om inga tester hittas, och då misslyckas make)
test: deb-test $(STAMP) bytekod laskontroll
	$(BIN)/ruff check src tests exempeldata benchmarks
	$(BIN)/lint-imports --no-cache
	$(PYTEST)

## Låsfilen stämmer med pyproject.toml (samma beroenden och gränser); annars: make las
laskontroll: $(STAMP)
	@$(BIN)/uv lock --check --offline --quiet || { echo "uv.lock stämmer inte med pyproject.toml; kör make las och checka in uv.lock."; exit 1; }

## Uppdatera låsfilen: nyaste versionerna som pyproject.toml tillåter, och samma uv i uv-krav.txt
las: $(STAMP)
	$(BIN)/uv lock --upgrade
	v=$$(sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock); \
	  { echo "# uv, som installerar resten från uv.lock. Skrivs av make las (samma version som i uv.lock)."; \
	    echo "uv==$$v" | $(BIN)/uv pip compile - --generate-hashes --no-header --quiet; } > uv-krav.txt

## Bara de snabba testerna (utan hela rapportbyggen)
snabbtest: deb-test $(STAMP) bytekod
	$(PYTEST) -m "not slow"

## Dokumentationen (docs/, mkdocs.yml) till ut/docs/: först referenssidorna ur koden (kommandonas hjälp, måtten,
## konfigurationens nycklar), sedan mkdocs build --strict, där en varning (t.ex. en trasig länk) är ett fel
docs: $(STAMP)
	$(BIN)/python -m rapportverk.cli.dokumentation
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check src tests exempeldata benchmarks
	$(BIN)/lint-imports --no-cache

## Skapa om exempeldata ur exempeldata/publicerat.yaml och exempeldata/generator/data/ (deterministiskt; ska ge
## byte-identiska filer, vilket tests/test_exempeldata.py prövar), också startprojektets för `rapport ny`
exempeldata: $(STAMP)
	$(BIN)/python exempeldata/generera.py
	$(BIN)/python exempeldata/generera_startprojekt.py

## Prestandatabellen (issue 23): varje mätning med sin referens mätt i samma körning, som en kvot (10M rader,
## några minuter); README-tabellen skrivs sedan om med benchmarks/readme_tabell.py.
bench: deb-rapport $(STAMP) bytekod
	$(BIN)/python benchmarks/bench.py

## Alla stegen i detalj på en påhittad region i full skala (benchmarks/, data i benchmarks/data/): 1M och 10M
## rader, tabell med tider och toppminne. Tar några minuter; bench-snabb mäter bara 1M rader.
bench-detaljer: deb-rapport $(STAMP)
	$(BIN)/python benchmarks/kor.py --storlekar 1M 10M
	$(BIN)/python benchmarks/sql.py --storlek 10M
	$(BIN)/python benchmarks/forklara.py --upprepningar 3
	$(BIN)/python benchmarks/jamfor.py

bench-snabb: deb-rapport $(STAMP)
	$(BIN)/python benchmarks/kor.py --storlekar 1M

clean:
	rm -rf $(VENV) ut .pytest_cache .ruff_cache
