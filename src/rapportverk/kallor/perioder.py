"""Indikatorernas perioder: text i källan ('2024-01', '2022-Q1', '2022') till periodens sista
månad, med typen (månad, kvartal, år). Listorna läses i kallor/listor.py."""

from __future__ import annotations

import polars as pl

from rapportverk.fel import Fel

_KVARTAL = r"^(\d{4})\s*-?\s*[QqKk]([1-4])$"
_AR = r"^(\d{4})$"
_MANAD = {"ÅÅÅÅ-MM": r"^(\d{4})-(\d{2})$", "ÅÅÅÅMM": r"^(\d{4})(\d{2})$", "ÅÅÅÅ-MM-DD": r"^(\d{4})-(\d{2})-\d{2}$"}



KOLUMNORDNING = ("id", "namn", "grupp", "periodtyp", "period", "varde", "enhet", "riktning", "mal", "decimaler",
                 "rad", "kalla")



def indikatorperioder(ram: pl.DataFrame, periodformat: str, visning: str) -> tuple[pl.DataFrame, list[Fel]]:
    """'2024-01' → månad, '2022-Q1' (eller 2022K1) → kvartal, '2022' → år; perioden blir sista månadens första dag."""
    s = ram["period"]
    if s.dtype == pl.Date or isinstance(s.dtype, pl.Datetime):
        return ram.with_columns(pl.col("period").cast(pl.Date).dt.truncate("1mo"),
                                pl.lit("manad").alias("periodtyp")), []
    text = s.cast(pl.Utf8).str.strip_chars()
    kv = text.str.extract_groups(_KVARTAL)
    ar = text.str.extract_groups(_AR)
    ma = text.str.extract_groups(_MANAD[periodformat])
    kv_ar, kv_nr = kv.struct.field("1").cast(pl.Int32, strict=False), kv.struct.field("2").cast(pl.Int32, strict=False)
    ar_ar = ar.struct.field("1").cast(pl.Int32, strict=False)
    ma_ar, ma_nr = ma.struct.field("1").cast(pl.Int32, strict=False), ma.struct.field("2").cast(pl.Int32, strict=False)
    ok_manad = ma_ar.is_not_null() & ma_nr.is_between(1, 12).fill_null(False)
    typ = (pl.select(pl.when(kv_ar.is_not_null()).then(pl.lit("kvartal"))
                     .when(ar_ar.is_not_null()).then(pl.lit("ar"))
                     .when(ok_manad).then(pl.lit("manad"))).to_series())
    if typ.is_null().any():
        felaktiga = ram.filter(typ.is_null())
        return ram, [Fel(f"kolumnen 'period' ('{v}') är ingen giltig period; skriv {periodformat} för en månad, "
                         "ÅÅÅÅ-Q1 … ÅÅÅÅ-Q4 för ett kvartal eller ÅÅÅÅ för ett år.", visning, r)
                     for v, r in felaktiga.select("period", "rad").head(8).iter_rows()]
    arr = pl.select(pl.coalesce(kv_ar, ar_ar, ma_ar)).to_series()
    man = pl.select(pl.coalesce(kv_nr * 3, pl.when(ar_ar.is_not_null()).then(12), ma_nr)).to_series()
    datum = pl.select(pl.date(arr, man, 1)).to_series()
    return ram.with_columns(datum.alias("period"), typ.alias("periodtyp")), []
