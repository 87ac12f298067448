"""Mallfunktionerna för indikatorerna: indikator() (senaste värdet), pivottabell() och sparklinjer()."""

from __future__ import annotations

from typing import Any

import polars as pl

from rapportverk.dokument import pivottabell as pt
from rapportverk.dokument.funktioner.bygge import Bygge, bind
from rapportverk.dokument.mall import Funktioner, Mallfel
from rapportverk.dokument.modell import Stycke, Text
from rapportverk.dokument.sparklinjer import sparklinjer as rita_sparklinjer
from rapportverk.fel import forslag
from rapportverk.konfig.modell import Pivottabell


def indikator(id_: str, *, bygge: Bygge) -> dict[str, Any]:
    """Senaste värdet t.o.m. perioden, med förändring mot föregående mätning och mot samma period i fjol."""
    if not bygge.underlag.finns("indikatorer"):
        raise Mallfel(f"indikatorer saknas; lägg till källan kallor.indikatorer i {bygge.projekt.fil}.")
    kanda = bygge.underlag.indikator_ids()
    if id_ not in kanda:
        raise Mallfel(f"okänd indikator '{id_}'{forslag(id_, kanda)}.")
    return bygge.underlag.indikator(id_)


def _pivot(namn: str, bygge: Bygge) -> tuple[Pivottabell, pl.DataFrame]:
    """Pivottabellens inställningar och indikatorernas mätningar."""
    pdef = bygge.projekt.konfig.pivottabeller.get(namn)
    if pdef is None:
        raise Mallfel(f"okänd pivottabell '{namn}'{forslag(namn, bygge.projekt.konfig.pivottabeller)}; de står "
                      f"under {bygge.var_star('pivottabeller')}.")
    ram = bygge.underlag.indikatorer()
    if ram is None:
        raise Mallfel(f"pivottabellen '{namn}' behöver källan kallor.indikatorer"
                      + ("" if bygge.underlag.har("indikatorer") else f" (lägg till indikatorer under kallor för "
                         f"rapporttypen '{bygge.rapport}')") + ".")
    return pdef, ram


def pivottabell(namn: str, forklaring: bool = True, *, bygge: Bygge) -> str:
    """Indikatorerna med perioderna som kolumner, Riktning och Nivå (inställningar under pivottabeller)."""
    pdef, ram = _pivot(namn, bygge)
    pdef = pdef.model_copy(update={"radrubrik": bygge.titeltext(pdef.radrubrik),
                                   "kalltext": bygge.titeltext(pdef.kalltext) if pdef.kalltext else None})
    t = pt.pivottabell(namn, pdef, ram, bygge.period, bygge.titeltext(pdef.rubrik))
    delar = [bygge.infoga(t)]
    if forklaring and (pdef.riktning or pdef.niva or pdef.kolumner == "ar"):
        delar.append(bygge.infoga(Stycke((Text(pt.forklaring(pdef)),))))
    return "\n\n".join(delar)


def sparklinjer(namn: str, *, bygge: Bygge) -> str:
    """Ett litet linjediagram per indikator i pivottabellen, med alternativtext från samma data."""
    pdef, ram = _pivot(namn, bygge)
    rubrik = f"Utveckling per indikator – {bygge.titeltext(pdef.rubrik)}"
    png, alt = bygge.ritad(("sparklinjer", namn), lambda: rita_sparklinjer(ram, pdef, bygge.period, rubrik))
    return bygge.figur(png, alt, rubrik)


def funktioner(bygge: Bygge) -> Funktioner:
    return bind(bygge, indikator, pivottabell, sparklinjer)
