"""Månadsserier för diagram: utfall per månad för valda år."""

from __future__ import annotations

import polars as pl


def per_manad(huvudbok: pl.DataFrame, ar: list[int], serie: str = "utfall", ackumulerad: bool = False) -> pl.DataFrame:
    """Kolumnerna ar, manad (1–12), belopp; månader utan bokningar får 0."""
    alla = pl.DataFrame({"ar": [a for a in ar for _ in range(12)], "manad": [m for _ in ar for m in range(1, 13)]},
                        schema={"ar": pl.Int32, "manad": pl.Int32})
    summor = (huvudbok.filter((pl.col("serie") == serie) & pl.col("period").dt.year().is_in(ar))
              .group_by(pl.col("period").dt.year().cast(pl.Int32).alias("ar"),
                        pl.col("period").dt.month().cast(pl.Int32).alias("manad"))
              .agg(pl.col("belopp").sum()))
    ut = alla.join(summor, on=["ar", "manad"], how="left").with_columns(pl.col("belopp").fill_null(0.0))
    if ackumulerad:
        ut = ut.with_columns(pl.col("belopp").cum_sum().over("ar", order_by="manad"))
    return ut.sort("ar", "manad")
