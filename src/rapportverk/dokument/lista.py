"""Listor ur en fil (t.ex. fullmäktigeuppdrag med status) som tabeller i dokumentet.

En status visas som symbol följd av ordet ('● Klar'), aldrig med färg ensam.
"""

from __future__ import annotations

import polars as pl

from rapportverk.dokument.modell import Huvudcell, Justering, Tabell, Tabellrad
from rapportverk.dokument.tabell import slug
from rapportverk.konfig.modell import Lista
from rapportverk.period import Period


def listtabell(namn: str, ldef: Lista, ram: pl.DataFrame, period: Period) -> Tabell:
    if "period" in ram.columns:
        tidigare = ram.filter(pl.col("period") <= period.forsta_dag)
        senaste = tidigare["period"].max()
        ram = tidigare.filter(pl.col("period") == senaste) if senaste is not None else tidigare
    rader = []
    for rad in ram.sort("rad").iter_rows(named=True):
        celler = []
        for k in ldef.kolumner:
            varde = str(rad.get(k.falt, ""))
            symbol = k.symboler.get(varde)
            celler.append(f"{symbol} {varde}" if symbol else varde)
        rader.append(Tabellrad(tuple(celler)))
    huvud = (tuple(Huvudcell(k.rubrik, 1, "vanster") for k in ldef.kolumner),)
    justering: tuple[Justering, ...] = tuple("vanster" for _ in ldef.kolumner)
    return Tabell(f"lista-{slug(namn)}", ldef.rubrik, huvud, tuple(rader), justering,
                  bredder=bredder([k.rubrik for k in ldef.kolumner], [r.celler for r in rader]))


def bredder(rubriker: list[str], rader: list[tuple[str, ...]]) -> tuple[float, ...]:
    """Relativa kolumnbredder efter textens typiska längd: korta fält (status) smala, långa breda."""
    vikter = []
    for i, rubrik in enumerate(rubriker):
        langder = [len(r[i]) for r in rader] or [len(rubrik)]
        vikter.append(min(max(sum(langder) / len(langder), len(rubrik) + 2, 12), 70))
    summa = sum(vikter)
    return tuple(round(v / summa * 100, 2) for v in vikter)
