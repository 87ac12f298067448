"""Listor ur en fil (t.ex. fullmäktigeuppdrag med status) som tabeller i dokumentet.

En status visas som symbol följd av ordet ('● Klar'), aldrig med färg ensam.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from rapportverk.dokument.modell import Huvudcell, Justering, Tabell, Tabellrad
from rapportverk.dokument.tabell import slug
from rapportverk.formatering import procent, tal
from rapportverk.konfig.modell import Lista, Listkolumn


def listtabell(namn: str, ldef: Lista, ram: pl.DataFrame, summor: tuple[float | None, ...] = ()) -> Tabell:
    """Listans aktuella rader (underlaget väljer perioden) som tabell. Kolumner med typ tal och procent skrivs med
    sina decimaler och högerställs som i tabellerna, datum som ÅÅÅÅ-MM-DD. `summor`: underlagets summor av de
    kolumner som summeras (Listkolumn.summeras, i ordning), för listans summarad."""
    if ldef.typ == "antal":
        return antalstabell(namn, ldef, ram)
    rader = []
    forra: object = object()
    for rad in ram.iter_rows(named=True):
        if ldef.grupp and rad.get(ldef.grupp) != forra:
            forra = rad.get(ldef.grupp)
            rader.append(Tabellrad((str(forra), *("" for _ in ldef.kolumner[1:])), "rubrik"))
        rader.append(Tabellrad(tuple(_cell(k, rad) for k in ldef.kolumner), niva=1 if ldef.grupp else 0))
    if ldef.summarad:
        kvar = iter(summor)
        celler = [_varde(k, next(kvar, None)) if k.summeras else "" for k in ldef.kolumner]
        rader.append(Tabellrad((ldef.summarad, *celler[1:]), "summa"))  # första kolumnen är text (konfig/samband)
    justering: tuple[Justering, ...] = tuple("hoger" if k.numerisk else "vanster" for k in ldef.kolumner)
    huvud = (tuple(Huvudcell(k.visad_rubrik, 1, j) for k, j in zip(ldef.kolumner, justering, strict=True)),)
    return Tabell(f"lista-{slug(namn)}", ldef.rubrik, huvud, tuple(rader), justering,
                  bredder=bredder([k.visad_rubrik for k in ldef.kolumner], [r.celler for r in rader]))


def _cell(k: Listkolumn, rad: dict[str, Any]) -> str:
    if k.typ != "text":
        return _varde(k, rad.get(k.varden))
    varde = str(rad.get(k.falt, ""))
    symbol = k.symboler.get(varde)
    return f"{symbol} {varde}" if symbol else varde


def _varde(k: Listkolumn, varde: Any) -> str:
    """Ett tolkat värde som svensk text: tal med kolumnens decimaler, procent utan %-tecken (rubriken säger %),
    datum ÅÅÅÅ-MM-DD; tomt värde tom cell."""
    if varde is None:
        return ""
    if k.typ == "datum":
        return varde.isoformat() if isinstance(varde, dt.date) else str(varde)
    if k.typ == "procent":
        return procent(varde, k.visade_decimaler, tecken=False)
    return tal(varde, k.visade_decimaler)


def bredder(rubriker: list[str], rader: list[tuple[str, ...]]) -> tuple[float, ...]:
    """Relativa kolumnbredder efter textens typiska längd: korta fält (status) smala, långa breda."""
    vikter = []
    for i, rubrik in enumerate(rubriker):
        langder = [len(r[i]) for r in rader] or [len(rubrik)]
        vikter.append(min(max(sum(langder) / len(langder), len(rubrik) + 2, 12), 70))
    summa = sum(vikter)
    return tuple(round(v / summa * 100, 2) for v in vikter)


def antalstabell(namn: str, ldef: Lista, ram: pl.DataFrame) -> Tabell:
    """Sammanställning: en rad per värde i `grupp` (filens ordning), en kolumn per status i `symboler`
    (med symbolen i rubriken), antalet rader, en kolumn och en rad för totalen. Okända statusar får egna
    kolumner sist, så att ingen rad försvinner ur summan."""
    kol = ldef.kolumner[0]
    statusar = list(kol.symboler)
    statusar += [s for s in ram[kol.falt].unique(maintain_order=True).to_list() if s not in statusar]
    grupper = ram[ldef.grupp].unique(maintain_order=True).to_list() if ldef.grupp else []

    def rad(etikett: str, urval: pl.DataFrame, typ: str = "normal") -> Tabellrad:
        antal = [urval.filter(pl.col(kol.falt) == s).height for s in statusar]
        return Tabellrad((etikett, *(str(a) for a in antal), str(urval.height)), typ)  # type: ignore[arg-type]

    rader = [rad(str(g), ram.filter(pl.col(ldef.grupp) == g)) for g in grupper]
    summarad = ldef.summarad or "Totalt"
    rader.append(rad(summarad, ram, "summa"))
    huvud = ((Huvudcell(ldef.radrubrik, 1, "vanster"),
              *(Huvudcell(f"{kol.symboler[s]} {s}" if s in kol.symboler else s) for s in statusar),
              Huvudcell(summarad)),)
    justering: tuple[Justering, ...] = ("vanster", *("hoger" for _ in statusar), "hoger")
    # Radrubriken får 40 %, statuskolumnerna och totalen dela lika på resten (rubrikerna är korta ord).
    bredd = round(60 / (len(statusar) + 1), 2)
    return Tabell(f"lista-{slug(namn)}", ldef.rubrik, huvud, tuple(rader), justering,
                  bredder=(round(100 - bredd * (len(statusar) + 1), 2), *(bredd for _ in statusar), bredd))
