"""Mallfunktionerna för listorna under kallor.listor: lista() som tabell och rader() för mallens egna loopar."""

from __future__ import annotations

from typing import Any

from rapportverk.dokument.funktioner.bygge import Bygge, bind
from rapportverk.dokument.lista import listtabell
from rapportverk.dokument.mall import Funktioner, Mallfel
from rapportverk.fel import forslag


def lista(namn: str, *, bygge: Bygge) -> str:
    """Listan ur konfigurationen (listor) som tabell, t.ex. fullmäktiges uppdrag med status."""
    ldef = bygge.projekt.konfig.listor.get(namn)
    if ldef is None:
        raise Mallfel(f"okänd lista '{namn}'{forslag(namn, bygge.projekt.konfig.listor)}; listorna står under "
                      f"{bygge.var_star('listor')}.")
    ram = bygge.underlag.lista(ldef.kalla)
    if ram is None:
        raise Mallfel(f"listan '{namn}' saknar sin källa kallor.listor.{ldef.kalla} i {bygge.projekt.fil}.")
    # Rubrikerna får samma fält som tabellernas ({ar}, {slutdatum}, {namnd} …).
    t = bygge.titeltext
    ldef = ldef.model_copy(update={
        "rubrik": t(ldef.rubrik), "radrubrik": t(ldef.radrubrik), "summarad": t(ldef.summarad),
        "kolumner": [k.model_copy(update={"rubrik": t(k.rubrik)}) for k in ldef.kolumner]})
    return bygge.infoga(listtabell(namn, ldef, ram))


def rader(kalla: str, grupp: str | None = None, *, bygge: Bygge) -> list[Any]:
    """Raderna i en lista under kallor.listor (som text), i filens ordning; med `grupp` en lista med
    {"grupp": värde, "rader": [...]} i den ordning grupperna först förekommer."""
    ram = bygge.underlag.lista(kalla)
    if ram is None:
        kanda = list(bygge.projekt.konfig.kallor.listor)
        las = bygge.underlag.har(kalla) or bygge.underlag.har("listor")
        raise Mallfel(f"okänd källa '{kalla}'{forslag(kalla, kanda)}; rader() läser listor under kallor.listor"
                      + ("" if las else f" (lägg till '{kalla}' under kallor för rapporttypen '{bygge.rapport}')")
                      + ".")
    alla = [{k: ("" if v is None else str(v)) for k, v in r.items() if k not in ("rad", "kalla")}
            for r in ram.iter_rows(named=True)]
    if grupp is None:
        return alla
    if grupp not in ram.columns:
        raise Mallfel(f"källan '{kalla}' har ingen kolumn '{grupp}'{forslag(grupp, ram.columns)}.")
    grupper: dict[str, list[dict[str, str]]] = {}
    for r in alla:
        grupper.setdefault(r[grupp], []).append(r)
    return [{"grupp": g, "rader": rr} for g, rr in grupper.items()]


def funktioner(bygge: Bygge) -> Funktioner:
    return bind(bygge, lista, rader)
