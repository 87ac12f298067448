"""Huvudboken (Parquet), budgeten (CSV-export i cp1252) och kontoplanen som filer, med fasta inställningar så
att samma belopp alltid ger samma byte."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from .gemensamt import ORE_PER_KR, csv_text, skriv_text
from .kontoplan import KONTOPLAN, Budget, Utfall


def skriv_kontoplan(ut: Path, anvanda: set[str], balanskonton: Iterable[tuple[str, str]]) -> None:
    """De använda resultatkontona och balansräkningens konton, i kontoordning."""
    konton = {k.konto: k.benamning for k in KONTOPLAN if k.konto in anvanda}
    konton.update(balanskonton)
    skriv_text(ut, "kontoplan.csv", csv_text([("konto", "benamning"), *sorted(konton.items())]))


def skriv_huvudbok(ut: Path, utfall: Utfall, ar: int) -> None:
    rader = sorted((k, v) for k, v in utfall.items() if k[0].startswith(str(ar)) and v != 0)
    df = pl.DataFrame(
        {
            "Period": [k[0] for k, _ in rader],
            "Kostnadsstalle": [k[1] for k, _ in rader],
            "Konto": [k[2] for k, _ in rader],
            "Belopp": [v / ORE_PER_KR for _, v in rader],
        },
        schema={"Period": pl.Utf8, "Kostnadsstalle": pl.Utf8, "Konto": pl.Utf8, "Belopp": pl.Float64},
    )
    df.write_parquet(ut / f"huvudbok_utfall_{ar}.parquet", compression="zstd", compression_level=9,
                     statistics=True, row_group_size=1_000_000)


def _tkr(kronor: int) -> str:
    """Heltal kronor som tkr med exakt tre decimaler och decimalkomma (ingen flyttalsavrundning)."""
    tecken_ = "-" if kronor < 0 else ""
    return f"{tecken_}{abs(kronor) // 1000},{abs(kronor) % 1000:03d}"


def skriv_budget(ut: Path, budget: Budget, ar: int) -> None:
    # Exportens konvention: debet positivt, dvs. kostnader positiva och intäkter negativa.
    rader = [("Månad", "Ansvar", "Konto", "Belopp tkr")]
    for (period, kod, konto), v in sorted(budget.items()):
        if v == 0 or not period.startswith(str(ar)):
            continue
        a, m = int(period[:4]), int(period[4:])
        datum = f"{a}-{m:02d}-{calendar.monthrange(a, m)[1]:02d}"
        rader.append((datum, kod, konto, _tkr(-v)))
    skriv_text(ut, f"budget_{ar}.csv", csv_text(rader), "cp1252")

