"""Måluppfyllelse: vilka mål som gäller för perioden och hur många som har varje bedömning."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from rapportverk.konfig.modell import BEDOMNINGAR, Cell, Nyckeltal
from rapportverk.period import Period


def aktuella_mal(mal: pl.DataFrame, period: Period) -> pl.DataFrame:
    """Varje måls senaste bedömning t.o.m. rapportperioden (en bedömning gäller tills en ny lämnas), i filens
    ordning. Tom ram när inga mål har bedömts ännu."""
    tidigare = mal.filter(pl.col("period") <= period.forsta_dag)
    senaste = tidigare.group_by("id").agg(pl.col("period").max().alias("_senaste"))
    return (tidigare.join(senaste, on="id").filter(pl.col("period") == pl.col("_senaste")).drop("_senaste")
            .sort("period", "rad", descending=[True, False]).unique("id", keep="first", maintain_order=True)
            .sort("kalla", "rad"))


def antal_per_bedomning(mal: pl.DataFrame, typ: str, namnd: str | None = None) -> dict[str, int]:
    """Antal mål av typen per bedömning, i ordningen Helt, Delvis, Inte, Inga data (noll räknas med)."""
    urval = mal.filter(pl.col("typ") == typ)
    if namnd is not None:
        urval = urval.filter(pl.col("namnd") == namnd)
    antal = dict(urval.group_by("bedomning").len().iter_rows())
    return {b: int(antal.get(b, 0)) for b in BEDOMNINGAR}


def antal_per_namnd(mal: pl.DataFrame, typ: str, namnder: list[str]) -> dict[str, dict[str, int]]:
    """Per nämnd (i konfigurationens ordning, bara nämnder med mål av typen) antal per bedömning."""
    med = set(mal.filter(pl.col("typ") == typ)["namnd"].drop_nulls().to_list())
    return {n: antal_per_bedomning(mal, typ, n) for n in namnder if n in med}


def kvot(ndef: Nyckeltal, hamta: Callable[[Cell], float | None]) -> float | None:
    """Nyckeltalet ur oavrundade celler: Σ täljare / Σ nämnare × faktor (None om en cell saknas eller nämnaren
    är noll). Utan nämnare: Σ täljare × faktor."""
    def summa(celler: list[Cell]) -> float | None:
        varden = [hamta(c) for c in celler]
        if any(v is None for v in varden):
            return None
        return sum(c.tecken * v for c, v in zip(celler, varden, strict=True))  # type: ignore[operator]

    taljare = summa(ndef.taljare)
    if taljare is None:
        return None
    if not ndef.namnare:
        return taljare * ndef.faktor
    namnare = summa(ndef.namnare)
    if not namnare:
        return None
    return taljare / namnare * ndef.faktor
