"""Huvudboken ur Parquet, DuckDB och PostgreSQL sida vid sida: inläsningstid och toppminne, och för SQL-källorna
drivrutinens egen tid för samma fråga (målet: vår inläsning ≤ 1,2 × drivrutinens).

    python benchmarks/sql.py --storlek 10M        # make bench kör den efter kor.py
    python benchmarks/sql.py --storlek 1M --upprepningar 1

Varje mätning körs i en ny process (toppminnet blir mätningens eget); minsta tiden av upprepningarna visas.
PostgreSQL startas som en egen server i en temporär katalog (tests/pgkluster.py); saknas Debians postgresql
säger tabellen det och hoppar över kolumnen.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HAR = Path(__file__).resolve().parent
sys.path.insert(0, str(HAR.parent / "tests"))  # pgkluster: samma servern som testerna använder

import pgkluster  # noqa: E402
import syntetisk  # noqa: E402

STORLEKAR = {"1M": 1_000_000, "10M": 10_000_000}
PERIOD = "2021-04"
MILJO = "RAPPORT_DB_LOSENORD"
SQLKALLA = """\
bas: rapportverk.yaml
kallor:
  huvudbok:
    - sql:
        anslutning: {anslutning}
        tabell: huvudbok{extra}
      periodformat: ÅÅÅÅMM
"""


def lagret(rader: int) -> tuple[Path, object]:
    """Hela huvudboken (utfall och budget) som en tabell med kolumnen serie, som i ett lager."""
    import polars as pl

    delar = [pl.read_parquet(syntetisk.DATA / f"{namn}.parquet").with_columns(pl.lit(serie).alias("Serie"))
             for namn, (serie, _) in syntetisk.FILER.items()]
    ram = pl.concat(delar).select(pl.col("Period").alias("period"), pl.col("Kostnadsstalle").alias("enhet"),
                                  pl.col("Konto").alias("konto"), pl.col("Serie").alias("serie"),
                                  pl.col("Belopp").alias("belopp"))
    fil = syntetisk.DATA / "lager" / str(rader) / "huvudbok.duckdb"
    if not fil.exists():
        import duckdb

        tmp = fil.with_name(".huvudbok.duckdb.tmp")
        tmp.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        con.register("ram", ram)
        con.execute("CREATE TABLE huvudbok AS SELECT * FROM ram")
        con.close()
        os.replace(tmp, fil)
    return fil, ram


def steg(konfig: Path) -> dict:
    """I barnprocessen: läs huvudbokens källor som en rapport för perioden gör; sedan samma fråga i drivrutinen."""
    from rapportverk.kallor.indata import las_kalla
    from rapportverk.period import Period
    from rapportverk.underlag.tabeller import ladda_projekt

    projekt, p = ladda_projekt(konfig), Period.tolka(PERIOD)
    uttag: list = []
    start = time.perf_counter()
    rader = 0
    for kalla in projekt.konfig.kallor.huvudbok:
        ram, fel = las_kalla(projekt, kalla, "huvudbok", period=p, uttag=uttag)
        assert not fel, fel
        rader += ram.height
    las = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ut = {"las": las, "rss_mb": rss, "rader": rader}
    if uttag:
        ut["drivrutin"] = drivrutin(projekt, projekt.konfig.kallor.huvudbok[0].sql, uttag[0])
    return ut


def drivrutin(projekt, sql, u) -> float:
    """Samma fråga och parametrar direkt i drivrutinen (anslutning + fråga + Arrow till Polars), inget annat."""
    import datetime as dt

    import polars as pl

    param = [dt.date.fromisoformat(x) if len(x) == 10 and x[4] == "-" else x for x in u.parametrar]
    start = time.perf_counter()
    if "://" not in sql.anslutning:
        import duckdb

        con = duckdb.connect(str(projekt.sokvag(sql.anslutning)), read_only=True)
        con.sql(u.fraga, params=param).pl()
    else:
        import adbc_driver_postgresql.dbapi as pg

        uri = sql.anslutning.replace("rapport@", f"rapport:{os.environ[MILJO]}@")
        con = pg.connect(uri)
        with con.cursor() as cur:
            cur.execute(u.fraga, param)
            pl.from_arrow(cur.fetch_arrow_table())
    con.close()
    return time.perf_counter() - start


def kor_steg(konfig: Path, upprepningar: int) -> dict:
    resultat = []
    for _ in range(upprepningar):
        r = subprocess.run([sys.executable, __file__, "--steg", str(konfig)], capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"mätningen med {konfig.name} misslyckades:\n{r.stderr[-3000:]}")
        resultat.append(json.loads(r.stdout))
    ut = min(resultat, key=lambda d: d["las"])
    ut["rss_mb"] = max(d["rss_mb"] for d in resultat)
    if "drivrutin" in ut:
        ut["drivrutin"] = min(d["drivrutin"] for d in resultat)
    return ut


def _tal(v: float, d: int = 2) -> str:
    return f"{v:.{d}f}".replace(".", ",")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--storlek", choices=list(STORLEKAR), default="10M")
    ap.add_argument("--upprepningar", type=int, default=3)
    ap.add_argument("--steg", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.steg:
        json.dump(steg(a.steg), sys.stdout)
        return
    rader = STORLEKAR[a.storlek]
    print(f"Förbereder {a.storlek} rader …", file=sys.stderr, flush=True)
    syntetisk.forbered(rader)
    duckfil, ram = lagret(rader)
    kolumner: dict[str, dict | str] = {}
    kolumner["Parquet"] = kor_steg(HAR / "rapportverk.yaml", a.upprepningar)
    duckkonfig = HAR / "rapportverk-sql.yaml"
    duckkonfig.write_text(SQLKALLA.format(anslutning=os.path.relpath(duckfil, HAR), extra=""), encoding="utf-8")
    try:
        kolumner["DuckDB"] = kor_steg(duckkonfig, a.upprepningar)
        if pgkluster.binarer() is None:
            kolumner["PostgreSQL"] = "hoppades över: PostgreSQL saknas (Debian-paketet postgresql)"
        else:
            with pgkluster.kluster() as k:
                print("Laddar PostgreSQL …", file=sys.stderr, flush=True)
                pgkluster.ladda(k.uri_med_losenord(), {"huvudbok": ram})
                del ram
                os.environ[MILJO] = k.losenord
                duckkonfig.write_text(SQLKALLA.format(anslutning=k.uri(), extra=f"\n        losenord_miljo: {MILJO}"),
                                      encoding="utf-8")
                kolumner["PostgreSQL"] = kor_steg(duckkonfig, a.upprepningar)
    finally:
        duckkonfig.unlink(missing_ok=True)
    print(tabell(a.storlek, kolumner))


def tabell(storlek: str, kolumner: dict[str, dict | str]) -> str:
    namn = list(kolumner)
    rad = {n: v for n, v in kolumner.items() if isinstance(v, dict)}

    def cell(n: str, f) -> str:
        return f(rad[n]) if n in rad else "–"

    rader = [
        ("rader som når rapportverk", lambda r: f"{r['rader']:,}".replace(",", " ")),
        ("inläsning (vår, med mappning och kontrollsumma)", lambda r: f"{_tal(r['las'])} s"),
        ("toppminne", lambda r: f"{r['rss_mb']:.0f} MB"),
        ("drivrutinen ensam, samma fråga", lambda r: f"{_tal(r['drivrutin'])} s" if "drivrutin" in r else "–"),
        ("vår / drivrutinens (mål ≤ 1,2)", lambda r: _tal(r["las"] / r["drivrutin"]) if "drivrutin" in r else "–"),
    ]
    ut = [f"| huvudbok {storlek} rader, period {PERIOD} | " + " | ".join(namn) + " |",
          "|---|" + "---:|" * len(namn)]
    ut += [f"| {t} | " + " | ".join(cell(n, f) for n in namn) + " |" for t, f in rader]
    ut += [f"\n{n}: {v}" for n, v in kolumner.items() if isinstance(v, str)]
    return "\n".join(ut)


if __name__ == "__main__":
    main()
