"""Listor under kallor.listor (t.ex. uppdrag): kolumnerna som text, och de kolumner som listorna under `listor`
anger med en typ (tal, procent, datum) tolkade bredvid texten.

Texten står kvar för rader() och textkolumnerna; de tolkade värdena ligger i kolumnen `Listkolumn.varden`
('tal:Effekt'). Ett värde som inte går att tolka är ett fel med fil och rad, och alla fel i filen samlas."""

from __future__ import annotations

import polars as pl

from rapportverk.fel import Fel, RapportverkFel, forslag
from rapportverk.kallor.filer import RAD, las_ra, styrtecken
from rapportverk.kallor.mappning import las_tal, radfel
from rapportverk.konfig import Projekt
from rapportverk.konfig.modell import Fil, Lista


def las_lista(projekt: Projekt, namn: str, kalla: Fil) -> tuple[pl.DataFrame | None, list[Fel]]:
    """En lista: alla kolumner som text; en kolumn `period` (ÅÅÅÅ-MM) tolkas som period, och kolumnerna med typ
    i listorna som läser källan `namn` tolkas efter typen. Ett fält som listorna visar men som filen saknar är
    ett fel i konfigurationen (fil och rad där fältet står)."""
    visning = projekt.visa(kalla.fil)
    try:
        ra = las_ra(kalla, projekt.sokvag(kalla.fil), visning)
    except RapportverkFel as exc:
        return None, exc.fel
    ram = ra.select(pl.col(c).cast(pl.Utf8).str.strip_chars().fill_null("").alias(c) for c in ra.columns if c != RAD)
    ram = ram.with_columns(ra[RAD].alias("rad"))
    fel = styrtecken(ram.with_columns(pl.lit(visning).alias("kalla")))
    if fel:
        return None, fel
    listor = {n: ld for n, ld in projekt.konfig.listor.items() if ld.kalla == namn}
    fel = _okanda_falt(projekt, listor, [c for c in ra.columns if c != RAD])
    typade: dict[str, pl.Series] = {}
    for ldef in listor.values():
        for k in ldef.typade:
            if k.varden in typade or k.falt not in ra.columns:
                continue
            s, f = _tolka(ra.select(k.falt, RAD), k.falt, k.typ, kalla, visning)
            fel.extend(f)
            typade[k.varden] = s.alias(k.varden)
    if "period" in ram.columns:
        datum = ram["period"].str.to_date("%Y-%m", strict=False)
        felaktiga = ram.filter(datum.is_null())
        fel += [Fel(f"kolumnen 'period' ('{v}') ska vara en period ÅÅÅÅ-MM.", visning, r)
                for v, r in felaktiga.select("period", "rad").head(8).iter_rows()]
        ram = ram.with_columns(datum.alias("period"))
    if fel:
        return None, fel
    return ram.with_columns(typade.values()), []


def _okanda_falt(projekt: Projekt, listor: dict[str, Lista], kolumner: list[str]) -> list[Fel]:
    """Fälten (kolumner och grupp) som listorna visar ska finnas i filen."""
    fel = []
    for namn, ldef in listor.items():
        falt = [(("kolumner", i, "falt"), k.falt) for i, k in enumerate(ldef.kolumner)]
        falt += [(("grupp",), ldef.grupp)] if ldef.grupp else []
        for vag, f in falt:
            if f not in kolumner:
                fel.append(projekt.fel(
                    f"listan '{namn}' visar fältet '{f}', som inte finns i källan '{ldef.kalla}'"
                    f"{forslag(f, kolumner)}; "
                    f"filen har kolumnerna {', '.join(kolumner)}.", ("listor", namn, *vag)))
    return fel


def _tolka(ra: pl.DataFrame, falt: str, typ: str, kalla: Fil, visning: str) -> tuple[pl.Series, list[Fel]]:
    """Kolumnen som tal (Float64, tom cell: null) eller datum (Date); fel med fil och rad för varje värde som inte
    går att tolka."""
    s = ra[falt]
    if typ == "datum":
        if s.dtype == pl.Date or isinstance(s.dtype, pl.Datetime):
            return s.cast(pl.Date), []
        text = s.cast(pl.Utf8).str.strip_chars()
        datum = text.str.to_date("%Y-%m-%d", strict=False)
        ogiltig = datum.is_null() & text.is_not_null() & (text != "")
        return datum, radfel(ra, ogiltig, falt, falt, visning, "är inget datum", "skriv datumet som ÅÅÅÅ-MM-DD")
    if typ == "procent" and not s.dtype.is_numeric():
        ra = ra.with_columns(pl.col(falt).cast(pl.Utf8).str.strip_chars().str.strip_suffix("%"))
    return las_tal(ra, falt, kalla, visning)
