"""Mallfunktionerna för listorna under kallor.listor: lista() som tabell och rader() för mallens egna loopar."""

from __future__ import annotations

from typing import Any, get_args

from rapportverk.dokument.funktioner.bygge import Bygge, bind
from rapportverk.dokument.lista import listtabell
from rapportverk.dokument.mall import Funktioner, Mallfel
from rapportverk.fel import forslag
from rapportverk.konfig.innehall import Listkolumntyp


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
        "rubrik": t(ldef.rubrik), "radrubrik": t(ldef.radrubrik),
        "summarad": t(ldef.summarad) if ldef.summarad else ldef.summarad,
        "kolumner": [k.model_copy(update={"rubrik": t(k.rubrik)}) for k in ldef.kolumner]})
    summor = bygge.underlag.listsummor(ldef.kalla, tuple(k.varden for k in ldef.kolumner if k.summeras)) \
        if ldef.summarad and ldef.typ == "rader" else ()
    return bygge.infoga(listtabell(namn, ldef, ram, summor))


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
    # Bara filens kolumner, som text: de tolkade värdena (Listkolumn.varden, 'tal:Effekt') är listornas.
    filens = [c for c in ram.columns if c not in ("rad", "kalla") and not _tolkad(c, ram.columns)]
    alla = [{k: ("" if r[k] is None else str(r[k])) for k in filens} for r in ram.iter_rows(named=True)]
    if grupp is None:
        return alla
    if grupp not in ram.columns:
        raise Mallfel(f"källan '{kalla}' har ingen kolumn '{grupp}'{forslag(grupp, ram.columns)}.")
    grupper: dict[str, list[dict[str, str]]] = {}
    for r in alla:
        grupper.setdefault(r[grupp], []).append(r)
    return [{"grupp": g, "rader": rr} for g, rr in grupper.items()]


def _tolkad(kolumn: str, kolumner: list[str]) -> bool:
    """Kolumnen med de tolkade värdena i en typad listkolumn ('tal:Effekt' bredvid 'Effekt')."""
    typ, kolon, falt = kolumn.partition(":")
    return bool(kolon) and typ in get_args(Listkolumntyp) and falt in kolumner


def funktioner(bygge: Bygge) -> Funktioner:
    return bind(bygge, lista, rader)
