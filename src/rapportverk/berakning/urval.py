"""Urval ur huvudboken: konton i en kontogrupp (intervall jämförs mot kontots inledande siffror)."""

from __future__ import annotations

import polars as pl


def i_intervall(intervall: list[str]) -> pl.Expr:
    """Villkor: kontot ligger i något av intervallen ('4000-4999', '4210'), med prefixregeln."""
    villkor = pl.lit(False)
    for text in intervall:
        fran, _, till = text.partition("-")
        till = till or fran
        n = len(fran)
        borjan = pl.col("konto").str.slice(0, n)
        villkor |= (pl.col("konto").str.len_chars() >= n) & borjan.is_between(pl.lit(fran), pl.lit(till))
    return villkor
