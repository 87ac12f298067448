"""Bidragen bakom en tabellrad: ett linjärt mått (t.ex. ack utfall eller ack avvikelse) per grupp av huvudbokens
rader (kostnadsställe × kostnadsslag). Summan över grupperna är radens värde, oavrundat."""

from __future__ import annotations

import polars as pl

from rapportverk.berakning.matt import UPPSTALLNINGSMATT, Bas
from rapportverk.berakning.modell import Urval
from rapportverk.berakning.urval import filtrera, manader
from rapportverk.period import Period


def huvudboksmatt(matt: str) -> bool:
    """Ett mått som är en linjär summa av huvudboksbelopp (inget inmatat, ingen kvot, ingen reduktionsplan)."""
    m = UPPSTALLNINGSMATT.get(matt)
    return m is not None and m.linjar and all(b.kalla == "huvudbok" and b.summerad for b in m.baser)


def per_grupp(huvudbok: pl.DataFrame, urval: Urval, matt: str, period: Period,
              grupper: tuple[str, ...] = ("enhet", "kostnadsslag")) -> pl.DataFrame:
    """Måttets värde per grupp för radens urval: kolumnerna i `grupper` och `varde`, sorterat på grupperna."""
    if urval.kalla not in ("huvudbok", "summa"):
        return pl.DataFrame(schema={**dict.fromkeys(grupper, pl.Utf8), "varde": pl.Float64})
    rader = filtrera(huvudbok, urval)
    delar = []
    for bas, koefficient in UPPSTALLNINGSMATT[matt].summa.delar:
        assert isinstance(bas, Bas) and bas.serie is not None, matt
        delar.append(manader(rader, bas.serie, *bas.manader(period)).select(
            *[pl.col(g).cast(pl.Utf8) for g in grupper],
            (pl.col("belopp") * pl.col("tecken") * koefficient).alias("varde")))
    alla = pl.concat(delar)
    return alla.group_by(grupper).agg(pl.col("varde").sum()).filter(pl.col("varde").abs() >= 0.005).sort(grupper)
