"""Helårsprognos per tabellrad, lämnad antingen som avvikelse eller som helårsutfall."""

from __future__ import annotations

import polars as pl

from rapportverk.period import Period


def prognos_per_rad(prognos: pl.DataFrame, org: pl.DataFrame, huvudbok: pl.DataFrame, namnd: str | None,
                    period: Period, prognos_niva: str, typ: str, rad_niva: str | None, nivaer: list[str]
                    ) -> pl.DataFrame | None:
    """Prognosavvikelse (kr) per tabellrad: kolumnerna `radnyckel` och `prognos_avvikelse`.

    Noder utan prognosrad bedöms hålla budget (avvikelse 0) när nämnden har lämnat prognos för
    perioden; har den inte lämnat någon alls blir resultatet None (visas tomt). Ligger prognosen
    på en lägre nivå än raderna summeras den uppåt; ligger den högre (eller raderna är kostnadsslag)
    gäller den bara summaraden (radnyckel null). `namnd` None: hela regionen.
    """
    p = prognos.filter(_namnd(namnd) & (pl.col("period") == period.forsta_dag))
    if p.height == 0:
        return None
    p = p.group_by("nod").agg(pl.col("belopp").sum())
    if typ == "helarsutfall":
        arsbudget = (huvudbok.filter((pl.col("serie") == "budget") & (pl.col("period").dt.year() == period.ar))
                     .group_by(pl.col(prognos_niva).alias("nod")).agg(pl.col("belopp").sum().alias("arsbudget")))
        p = p.join(arsbudget, on="nod", how="left").with_columns(
            (pl.col("belopp") - pl.col("arsbudget").fill_null(0.0)).alias("belopp"))
    p = p.select("nod", pl.col("belopp").alias("prognos_avvikelse"))
    if rad_niva in nivaer and nivaer.index(rad_niva) >= nivaer.index(prognos_niva):
        karta = org.filter(_namnd(namnd)).select(
            pl.col(prognos_niva).alias("nod"), pl.col(rad_niva).alias("radnyckel")).unique()
        return (p.join(karta, on="nod", how="left").group_by("radnyckel")
                .agg(pl.col("prognos_avvikelse").sum()))
    return pl.DataFrame({"radnyckel": [None], "prognos_avvikelse": [p["prognos_avvikelse"].sum()]},
                        schema={"radnyckel": pl.Utf8, "prognos_avvikelse": pl.Float64})


def _namnd(namnd: str | None) -> pl.Expr:
    return pl.lit(True) if namnd is None else pl.col("namnd") == namnd


def senaste_prognos(prognos: pl.DataFrame, org: pl.DataFrame, huvudbok: pl.DataFrame, namnd: str | None,
                    period: Period,
                    prognos_niva: str, typ: str, nivaer: list[str]) -> tuple[Period, float] | None:
    """Den senaste perioden i år t.o.m. `period` som nämnden har lämnat prognos för, och dess avvikelse."""
    perioder = prognos.filter(_namnd(namnd) & pl.col("period").is_between(
        Period(period.ar, 1).forsta_dag, period.forsta_dag))["period"]
    if perioder.len() == 0:
        return None
    senaste = perioder.max()
    p = Period(senaste.year, senaste.month)  # type: ignore[union-attr]
    rader = prognos_per_rad(prognos, org, huvudbok, namnd, p, prognos_niva, typ, None, nivaer)
    return (p, float(rader["prognos_avvikelse"].sum())) if rader is not None else None
