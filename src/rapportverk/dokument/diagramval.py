"""Välj data för ett diagram ur konfigurationen och rita det (nämnd eller region, sektion, kontogrupp)."""

from __future__ import annotations

import polars as pl

from rapportverk.berakning import personal
from rapportverk.berakning.serier import per_manad
from rapportverk.berakning.urval import i_intervall
from rapportverk.dokument import diagram as d
from rapportverk.dokument import diagram_serier as ds
from rapportverk.dokument.mall import Mallfel
from rapportverk.formatering import rubrik as rubrikmall
from rapportverk.kallor import Indata
from rapportverk.konfig import REGION, Projekt
from rapportverk.konfig.modell import Diagram
from rapportverk.period import Period
from rapportverk.underlag.tabeller import bygg_tabell


def _urval(projekt: Projekt, indata: Indata, ddef: Diagram, namnd: str) -> pl.DataFrame:
    villkor = pl.lit(True)
    if ddef.omfang == "namnd" and namnd != REGION:
        villkor &= pl.col("namnd") == namnd
    if ddef.sektion == "alla":
        # Resultatets alla delar (verksamhet, skatter, finansnetto) men inte balanskontona.
        villkor &= pl.col("sektion") != "balans"
    else:
        villkor &= pl.col("sektion") == ddef.sektion
    if ddef.kostnadsslag:
        villkor &= pl.col("kostnadsslag") == ddef.kostnadsslag
    if ddef.kontogrupp:
        villkor &= i_intervall(projekt.konfig.kontogrupper[ddef.kontogrupp])
    return indata.huvudbok.filter(villkor)


def rita(projekt: Projekt, indata: Indata, namn: str, ddef: Diagram, namnd: str, period: Period
         ) -> tuple[bytes, str, str]:
    """(png, alternativtext, rubrik) för diagrammet `namn`."""
    rubrik = rubrikmall(ddef.rubrik, period)
    ar, manad = period.ar, period.manad
    if ddef.typ == "sjukfranvaro":
        if indata.personal is None:
            raise Mallfel(f"diagrammet '{namn}' behöver källan kallor.personal i {projekt.fil}.")
        data = indata.personal if ddef.omfang == "region" or namnd == REGION else personal.urval(indata.personal, namnd)
        serie = personal.sjukfranvaro_per_manad(data, [ar - 1, ar])
        return (*d.sjukfranvaro(serie, ar, manad, rubrik, ddef.malvarde), rubrik)
    if ddef.typ == "stapel":
        t = bygg_tabell(projekt, indata, ddef.tabell or "", namnd, period)
        return (*d.stapel(t, ddef.kolumn or "", rubrik, ddef.enhet), rubrik)
    if ddef.typ == "investeringar":
        t = bygg_tabell(projekt, indata, ddef.tabell or "", namnd, period)
        return (*ds.investeringar(t, rubrik, ddef.enhet), rubrik)
    hb = _urval(projekt, indata, ddef, namnd)
    if ddef.typ == "manadslinje":
        serie = per_manad(hb, [ar - 1, ar], ackumulerad=ddef.ackumulerad)
        return (*d.manadslinje(serie, ar, manad, rubrik, ddef.enhet), rubrik)
    if ddef.typ == "manad_budget":
        utfall = per_manad(hb, [ar - 1, ar])
        budget = per_manad(hb, [ar], serie="budget")
        return (*ds.manad_budget(utfall, budget, ar, manad, rubrik, ddef.enhet), rubrik)
    # r12: månader som helt saknas i huvudboken är luckor, inte nollor.
    ar_lista = [ar - 2, ar - 1, ar]
    finns = (indata.huvudbok.filter(pl.col("serie") == "utfall")
             .select(pl.col("period").dt.year().cast(pl.Int32).alias("ar"),
                     pl.col("period").dt.month().cast(pl.Int32).alias("manad")).unique()
             .with_columns(pl.lit(True).alias("finns")))
    serie = (per_manad(hb, ar_lista).join(finns, on=["ar", "manad"], how="left")
             .with_columns(pl.col("finns").fill_null(False)))
    return (*ds.r12(serie, ar, manad, rubrik, ddef.enhet), rubrik)
