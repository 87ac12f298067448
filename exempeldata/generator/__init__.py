"""Deterministisk generator för exempeldata till rapportverk (den fiktiva Region Nordanå).

Kör:  .venv/bin/python exempeldata/generera.py [--ut KATALOG]   (eller make exempeldata)

Skriver alla genererade filer i exempeldata/ (eller KATALOG) på nytt, byte för byte lika vid varje körning: all
slump kommer från namngivna frön, rader sorteras och Parquet/XLSX skrivs med fasta inställningar och datum. Ett
test (tests/test_exempeldata.py) skapar om allt i en tom katalog och jämför med de incheckade filerna.

Indata är data, inte kod:
- exempeldata/publicerat.yaml: de publicerade siffrorna som exempeldatan återskapar (läses också av testerna);
- generator/data/: generatorns egna val (organisation, kontoplan, mallar, fröer, valda mål, tabelldata, personal,
  balans, regionens prognos och mål). Se data/README.md.

Regionstyrelsens siffror är konstruerade så att standardmåtten ger exakt de publicerade tabellerna i
delårsrapporten per april 2021 (delarsrapport_2021.py) och i regiondirektörens månadsrapport per oktober 2024
(manadsrapport_2024.py). De oavrundade målen står i data/valda_mal.yaml och prövas exakt mot varje publicerad
siffra vid varje körning (mal.py). Nya år: `generera.py --foresla-mal ÅR` löser villkoren som ett LP (kräver
scipy) och skriver ut en post i samma format (foresla.py).

Övriga nämnder får rimliga, seedade belopp ur beloppsmallar, utan publicerade mål. 2022 är en brygga mellan 2021
och 2023 (brygga_2022.py) så att rullande tolv månader för 2023-2024 har 24 månader att räkna på. Sist skrivs
regionens filer för delårsrapporten per augusti 2024: balanshuvudböckerna (balans.py), regionens prognos per rad
(prognos_region.py) och målen (mal_region.py).
"""
