"""Serierna som diagrammen över tid ritar (nämnd eller region, sektion, kontogrupp, kostnadsslag).

Diagram som visar en tabell (stapel, investeringar) läser tabellen ur underlaget i stället, så att diagrammet och
tabellen är samma beräkning.
"""

from __future__ import annotations

import polars as pl

from rapportverk.berakning import personal
from rapportverk.berakning.serier import per_manad
from rapportverk.berakning.urval import i_intervall
from rapportverk.kallor import Indata
from rapportverk.konfig import REGION, Projekt
from rapportverk.konfig.modell import Diagram
from rapportverk.period import Period
from rapportverk.underlag.tabeller import namndens_rader


def _urval(projekt: Projekt, indata: Indata, ddef: Diagram, namnd: str) -> pl.DataFrame:
    huvudbok = indata.huvudbok
    if ddef.omfang == "namnd" and namnd != REGION:
        # Nämndens rader en gång för nämndens alla diagram (och i samma ordning, så summorna blir desamma).
        huvudbok = namndens_rader(huvudbok, namnd)
    villkor = pl.lit(True)
    if ddef.sektion == "alla":
        # Resultatets alla delar (verksamhet, skatter, finansnetto) men inte balanskontona.
        villkor &= pl.col("sektion") != "balans"
    else:
        villkor &= pl.col("sektion") == ddef.sektion
    if ddef.kostnadsslag:
        villkor &= pl.col("kostnadsslag") == ddef.kostnadsslag
    if ddef.kontogrupp:
        villkor &= i_intervall(projekt.konfig.kontogrupper[ddef.kontogrupp], huvudbok.schema["konto"])
    return huvudbok.filter(villkor)


def diagramserier(projekt: Projekt, indata: Indata, ddef: Diagram, namnd: str, period: Period
                  ) -> dict[str, pl.DataFrame]:
    """`serie` (och `budget` för manad_budget) för diagram av typen sjukfranvaro, manadslinje, manad_budget och r12.
    Sjukfrånvaron kräver personalkällan (den som ritar prövar det först, och säger det med mallens rad)."""
    ar = period.ar
    if ddef.typ == "sjukfranvaro":
        assert indata.personal is not None
        data = indata.personal if ddef.omfang == "region" or namnd == REGION else personal.urval(indata.personal, namnd)
        return {"serie": personal.sjukfranvaro_per_manad(data, [ar - 1, ar])}
    hb = _urval(projekt, indata, ddef, namnd)
    if ddef.typ == "manadslinje":
        return {"serie": per_manad(hb, [ar - 1, ar], ackumulerad=ddef.ackumulerad)}
    if ddef.typ == "manad_budget":
        return {"serie": per_manad(hb, [ar - 1, ar]), "budget": per_manad(hb, [ar], serie="budget")}
    # r12: månader som helt saknas i huvudboken är luckor, inte nollor.
    finns = (indata.huvudbok.filter(pl.col("serie") == "utfall")
             .select(pl.col("period").dt.year().cast(pl.Int32).alias("ar"),
                     pl.col("period").dt.month().cast(pl.Int32).alias("manad")).unique()
             .with_columns(pl.lit(True).alias("finns")))
    serie = (per_manad(hb, [ar - 2, ar - 1, ar]).join(finns, on=["ar", "manad"], how="left")
             .with_columns(pl.col("finns").fill_null(False)))
    return {"serie": serie}
