"""Måluppfyllelse: vilka mål som gäller för perioden, vilka som hör till ett mål, en nämnd eller ett perspektiv,
och hur många som har varje bedömning."""

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
    aktuella = (tidigare.join(senaste, on="id").filter(pl.col("period") == pl.col("_senaste")).drop("_senaste")
                .sort("period", "rad", descending=[True, False]).unique("id", keep="first", maintain_order=True)
                .sort("kalla", "rad"))
    return med_arvda_perspektiv(aktuella)


def med_arvda_perspektiv(mal: pl.DataFrame) -> pl.DataFrame:
    """Ett mål med tom `perspektiv` får sitt överordnade måls perspektiv (och vidare uppåt): ett regionmål med
    perspektivet Medarbetare gör dess delmål och deras indikatorer till Medarbetare, utan att varje rad måste
    upprepa det. Utan kolumnen perspektiv lämnas ramen som den är."""
    if "perspektiv" not in mal.columns:
        return mal
    eget = dict(zip(mal["id"].to_list(), mal["perspektiv"].to_list(), strict=True))
    over = dict(zip(mal["id"].to_list(), mal["overordnat"].to_list(), strict=True))

    def arvt(id_: str | None) -> str | None:
        sedda: set[str] = set()
        while id_ is not None and id_ not in sedda:  # en krets i overordnat får inte låsa bygget
            sedda.add(id_)
            if eget.get(id_):
                return eget[id_]
            id_ = over.get(id_)
        return None

    return mal.with_columns(pl.Series("perspektiv", [arvt(i) for i in mal["id"].to_list()], dtype=pl.Utf8))


def under(mal: pl.DataFrame, rot: str) -> list[str]:
    """Målet `rot` och alla mål under det, genom `overordnat` i alla led (ett regionmåls delmål och deras
    indikatorer), i ramens ordning."""
    barn: dict[str, list[str]] = {}
    for id_, over in mal.select("id", "overordnat").iter_rows():
        if over is not None:
            barn.setdefault(over, []).append(id_)
    funna = {rot}
    kvar = [rot]
    while kvar:
        for b in barn.get(kvar.pop(), []):
            if b not in funna:
                funna.add(b)
                kvar.append(b)
    return [i for i in mal["id"].to_list() if i in funna]


def urval(mal: pl.DataFrame, namnd: str | None = None, rot: str | None = None,
          perspektiv: str | None = None) -> pl.DataFrame:
    """Målen för en nämnd, under ett mål (se `under`, målet självt medräknat) och med ett perspektiv; ett
    villkor som är None väljer inget bort. Ramens ordning behålls."""
    if rot is not None:  # före nämnden: ett regionmål har ingen nämnd, men dess delmål har
        mal = mal.filter(pl.col("id").is_in(under(mal, rot)))
    if namnd is not None:
        mal = mal.filter(pl.col("namnd") == namnd)
    if perspektiv is not None:
        mal = mal.filter(pl.col("perspektiv") == perspektiv)
    return mal


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
