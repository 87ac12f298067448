"""Exempelregionens huvudbok som ett litet datalager i DuckDB, gjort av samma filer som filvarianten läser.

    python exempeldata/skapa_duckdb.py                  # → exempeldata/exempel.duckdb (make gör det vid behov)
    python exempeldata/skapa_duckdb.py --ut /tmp/x.duckdb

Två tabeller, som i ett lager matat från ekonomisystemet:
- `huvudbok_utfall` (period text ÅÅÅÅMM, kostnadsstalle, konto, belopp i kr) ur huvudbok_utfall_*.parquet;
- `budget` (manad som datum, ansvar, konto, belopp_tkr med kostnader positiva) ur budget_*.csv;
- `huvudbok_balans` (period, kostnadsstalle, konto, serie ib/utfall, belopp i kr) ur huvudbok_balans_*.parquet.
Beloppen tolkas med rapportverks egen inläsning (samma tal som filvarianten får), och raderna skrivs i
ordning. Innehållet är deterministiskt; filens byte är DuckDB:s sak, därför checkas den inte in.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import polars as pl

HAR = Path(__file__).resolve().parent
MAL = HAR / "exempel.duckdb"


def tabeller(katalog: Path = HAR) -> dict[str, pl.DataFrame]:
    """Lagrets tabeller som Polars-ramar (också för att ladda samma data i PostgreSQL i testerna)."""
    from rapportverk.kallor.filer import las_ra
    from rapportverk.kallor.mappning import Kolumnkrav, normalisera
    from rapportverk.konfig.modell import Kalla

    utfall = pl.concat([pl.read_parquet(f) for f in sorted(katalog.glob("huvudbok_utfall_*.parquet"))])
    utfall = utfall.select(pl.col("Period").alias("period"), pl.col("Kostnadsstalle").alias("kostnadsstalle"),
                           pl.col("Konto").alias("konto"), pl.col("Belopp").cast(pl.Float64).alias("belopp"))
    kalla = Kalla(fil="budget.csv", kodning="cp1252", kolumner={"period": "Månad", "enhet": "Ansvar",
                                                                "belopp": "Belopp tkr"})
    # "tal": beloppet som det står (tkr, kostnader positiva); enhet och tecken är konfigurationens sak.
    krav = [Kolumnkrav("period", "text"), Kolumnkrav("enhet", "text"), Kolumnkrav("konto", "text"),
            Kolumnkrav("belopp", "tal")]
    delar = []
    for fil in sorted(katalog.glob("budget_*.csv")):
        ram, fel = normalisera(las_ra(kalla, fil, fil.name), kalla, krav, fil.name)
        if fel:
            raise SystemExit("\n".join(str(f) for f in fel))
        delar.append(ram.select(pl.col("period").str.to_date("%Y-%m-%d").alias("manad"),
                                pl.col("enhet").alias("ansvar"), "konto", pl.col("belopp").alias("belopp_tkr")))
    budget = pl.concat(delar)
    balans = pl.concat([pl.read_parquet(f) for f in sorted(katalog.glob("huvudbok_balans_*.parquet"))])
    balans = balans.select(pl.col("Period").alias("period"), pl.col("Kostnadsstalle").alias("kostnadsstalle"),
                           pl.col("Konto").alias("konto"), pl.col("Serie").alias("serie"),
                           pl.col("Belopp").cast(pl.Float64).alias("belopp"))
    return {"huvudbok_utfall": utfall.sort("period", "kostnadsstalle", "konto"),
            "budget": budget.sort("manad", "ansvar", "konto"),
            "huvudbok_balans": balans.sort("period", "kostnadsstalle", "konto", "serie")}


def skapa(mal: Path = MAL, katalog: Path = HAR) -> Path:
    """Skriv databasen (via en tillfällig fil, så att en avbruten körning inte lämnar en halv databas)."""
    import duckdb

    tmp = mal.with_name(f".{mal.name}.tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for namn, ram in tabeller(katalog).items():
            con.register("ram", ram)
            con.execute(f'CREATE TABLE "{namn}" AS SELECT * FROM ram')
            con.unregister("ram")
    finally:
        con.close()
    os.replace(tmp, mal)
    return mal


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ut", type=Path, default=MAL)
    print(skapa(ap.parse_args().ut))


if __name__ == "__main__":
    main()
