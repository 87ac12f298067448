"""Urval ur huvudboken: konton i en kontogrupp (intervall jämförs mot kontots inledande siffror)."""

from __future__ import annotations

import polars as pl

from rapportverk.berakning.modell import Urval
from rapportverk.period import Period


def i_intervall(intervall: list[str], typ: pl.DataType | None = None) -> pl.Expr:
    """Villkor: kontot ligger i något av intervallen ('4000-4999', '4210'), med prefixregeln. `typ`: kontots typ
    i ramen (huvudbokens rader har det kategoriskt, summan och kontoplanen som text); utan den görs kontot om till
    text, vilket går för båda men kopierar en kategorisk kolumn."""
    konto = (pl.col("konto").cat if typ == pl.Categorical else pl.col("konto").str if typ == pl.Utf8
             else pl.col("konto").cast(pl.Utf8).str)
    villkor = pl.lit(False)
    for text in intervall:
        fran, _, till = text.partition("-")
        till = till or fran
        n = len(fran)
        borjan = konto.slice(0, n)
        villkor |= (konto.len_chars() >= n) & borjan.is_between(pl.lit(fran), pl.lit(till))
    return villkor


def filtrera(ram: pl.DataFrame, urval: Urval) -> pl.DataFrame:
    """Raderna i en källa som ett urval pekar ut, med kolumnen `tecken` (radens tecken i tabellen). En summarad
    i en uppställning ger sina delars rader; samma rad kan då stå flera gånger med olika tecken."""
    if urval.delar:
        delar = [filtrera(ram, d).with_columns(pl.col("tecken") * urval.tecken) for d in urval.delar]
        return pl.concat(delar) if delar else ram.clear().with_columns(pl.lit(1, dtype=pl.Int8).alias("tecken"))
    villkor = pl.lit(True)
    for kolumn, varde in urval.lika:
        if kolumn.startswith("_") or kolumn not in ram.columns:
            continue
        if ram.schema[kolumn] == pl.Date:
            villkor &= pl.col(kolumn).dt.strftime("%Y-%m") == varde
        else:
            villkor &= pl.col(kolumn).cast(pl.Utf8) == varde
    if urval.konton:
        villkor &= i_intervall(list(urval.konton), ram.schema["konto"])
    return ram.filter(villkor).with_columns(pl.lit(urval.tecken, dtype=pl.Int8).alias("tecken"))


def manader(ram: pl.DataFrame, serie: str, fran: Period, till: Period) -> pl.DataFrame:
    """Huvudboksraderna för en bassumma: serien och månaderna fran..till."""
    return ram.filter((pl.col("serie").cast(pl.Utf8) == serie)
                      & pl.col("period").is_between(fran.forsta_dag, till.forsta_dag))
