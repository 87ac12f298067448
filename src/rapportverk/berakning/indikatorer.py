"""Indikatorer (t.ex. tillgänglighet): senaste värdet t.o.m. en period och förändringen."""

from __future__ import annotations

from typing import Any

import polars as pl

from rapportverk.period import Period


def senaste(indikatorer: pl.DataFrame, id_: str, period: Period) -> dict[str, Any]:
    """Senaste mätningen t.o.m. perioden, förändringen mot mätningen före och värdet samma period i fjol."""
    serie = indikatorer.filter((pl.col("id") == id_) & (pl.col("period") <= period.forsta_dag)).sort("period")
    if serie.height == 0:
        return {"varde": None, "period": None, "forandring": None, "forra_period": None, "fg": None,
                "namn": "", "enhet": ""}
    sista = serie.row(-1, named=True)
    forra = serie.row(-2, named=True) if serie.height > 1 else None
    fg = serie.filter(pl.col("period") == sista["period"].replace(year=sista["period"].year - 1))
    return {"varde": sista["varde"], "namn": sista["namn"], "enhet": sista.get("enhet") or "",
            "period": Period(sista["period"].year, sista["period"].month),
            "forandring": sista["varde"] - forra["varde"] if forra else None,
            "forra_period": Period(forra["period"].year, forra["period"].month) if forra else None,
            "fg": fg["varde"][0] if fg.height else None}
