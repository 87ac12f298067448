"""Personal: antal anställda och sjukfrånvaro, från summor så att de kan läggas ihop rätt.

Sjukfrånvaro i procent är alltid Σ sjuktimmar / Σ ordinarie timmar × 100 över det urval som visas
(kön, åldersgrupp, månader) — aldrig ett medelvärde av procenttal.
"""

from __future__ import annotations

import polars as pl

from rapportverk.berakning.matt import PERSONALMATT, SJUKFRANVAROMATT, bassummor, summerade
from rapportverk.berakning.modell import Rad, Tabell, Urval
from rapportverk.berakning.tabell import kolumner, summarad
from rapportverk.konfig.modell import Kolumn as KolumnDef
from rapportverk.konfig.modell import Tabell as TabellDef
from rapportverk.period import Period


def urval(personal: pl.DataFrame, namnd: str | None = None, kon: str | None = None,
          aldersgrupp: str | None = None) -> pl.DataFrame:
    villkor = pl.lit(True)
    if namnd is not None:
        villkor &= pl.col("namnd") == namnd
    if kon is not None:
        villkor &= pl.col("kon") == kon
    if aldersgrupp is not None:
        villkor &= pl.col("aldersgrupp") == aldersgrupp
    return personal.filter(villkor)


def _manader(fran: Period, till: Period) -> pl.Expr:
    return pl.col("period").is_between(fran.forsta_dag, till.forsta_dag)


def sjukfranvaro(personal: pl.DataFrame, fran: Period, till: Period) -> float | None:
    """Sjukfrånvaro i procent för månaderna fran..till (redan filtrerat urval)."""
    summor = personal.filter(_manader(fran, till)).select(pl.col("sjuk_timmar").sum(), pl.col("ordinarie_timmar").sum())
    sjuk, ordinarie = summor.row(0)
    return sjuk / ordinarie * 100 if ordinarie else None


def andel_utan_sjukfranvaro(personal: pl.DataFrame, period: Period) -> float | None:
    """Andel anställda i procent utan någon sjukdag i år t.o.m. månaden (samma formel som måttet
    andel_utan_sjukfranvaro: summan av utan_sjukfranvaro / summan av anställda i månaden)."""
    data = personal.filter(pl.col("period") == period.forsta_dag)
    anst = data["anstallda"].sum()
    return data["utan_sjukfranvaro"].sum() / anst * 100 if anst else None


def medelantal(personal: pl.DataFrame, fran: Period, till: Period, kolumn: str = "anstallda") -> float | None:
    """Genomsnittligt antal per månad (summan över kön och åldersgrupper varje månad, sedan medelvärdet)."""
    per_manad = personal.filter(_manader(fran, till)).group_by("period").agg(pl.col(kolumn).sum())
    return per_manad[kolumn].mean() if per_manad.height else None  # type: ignore[return-value]


def sjukfranvaro_per_manad(personal: pl.DataFrame, ar: list[int]) -> pl.DataFrame:
    """Kolumnerna ar, manad och procent (null för månader utan uppgifter)."""
    alla = pl.DataFrame({"ar": [a for a in ar for _ in range(12)], "manad": [m for _ in ar for m in range(1, 13)]},
                        schema={"ar": pl.Int32, "manad": pl.Int32})
    summor = (personal.filter(pl.col("period").dt.year().is_in(ar))
              .group_by(pl.col("period").dt.year().cast(pl.Int32).alias("ar"),
                        pl.col("period").dt.month().cast(pl.Int32).alias("manad"))
              .agg((pl.col("sjuk_timmar").sum() / pl.col("ordinarie_timmar").sum() * 100).alias("procent")))
    return alla.join(summor, on=["ar", "manad"], how="left").sort("ar", "manad")


def personaltabell(namn: str, tdef: TabellDef, personal: pl.DataFrame, namnder: list[tuple[str, str]],
                   period: Period, urval: Urval | None = None) -> Tabell:
    """Per nämnd: anställda i månaden, samma månad i fjol, förändringen och sjukfrånvaron (från summor)."""
    defs = tdef.kolumner or [KolumnDef(matt=m) for m in PERSONALMATT]
    kol = kolumner(defs, PERSONALMATT, tdef)
    bas = bassummor(period, summerade(PERSONALMATT.values()))

    def varden(ram: pl.DataFrame) -> tuple[float | None, ...]:
        rad = ram.select(bas).with_columns(PERSONALMATT[k.nyckel].uttryck().alias(k.nyckel) for k in kol)
        r = rad.row(0, named=True)
        return tuple(r[k.nyckel] for k in kol)

    hela = urval or Urval("personal")
    rader = [Rad(namn_, "normal", varden(personal.filter(pl.col("namnd") == id_)), urval=hela.med(namnd=id_))
             for id_, namn_ in namnder if personal.filter(pl.col("namnd") == id_).height]
    rader.append(Rad(summarad(tdef, "Totalt"), "summa", varden(personal), urval=hela,
                     delar=tuple(range(len(rader)))))
    return Tabell(namn, tdef.rubrik, "Nämnd", kol, tuple(rader), tdef.enhet)


# Åldersgrupperna som personalsystemen brukar exportera dem, och hur de skrivs i en tabell.
ALDERSGRUPPER = {"<30": "Under 30 år", "-29": "Under 30 år", "30-49": "30–49 år", "50-": "50 år och äldre",
                 ">=50": "50 år och äldre", "50+": "50 år och äldre"}
KON = {"K": "Kvinnor", "M": "Män"}


def sjukfranvarotabell(namn: str, tdef: TabellDef, personal: pl.DataFrame, period: Period,
                       urval: Urval | None = None) -> Tabell:
    """Sjukfrånvaro januari t.o.m. perioden: totalt, per kön och per åldersgrupp, mot samma tid i fjol, och
    andelen anställda utan sjukfrånvaro. Varje procent räknas från summor av timmar, aldrig från andra procent."""
    defs = tdef.kolumner or [KolumnDef(matt=m) for m in SJUKFRANVAROMATT]
    kol = kolumner(defs, SJUKFRANVAROMATT, tdef)
    bas = bassummor(period, summerade(SJUKFRANVAROMATT.values()))

    hela = urval or Urval("personal")

    def rad(etikett: str, typ: str, ram: pl.DataFrame, niva: int = 0, u: Urval = hela) -> Rad:
        r = ram.select(bas).with_columns(SJUKFRANVAROMATT[k.nyckel].uttryck().alias(k.nyckel) for k in kol)
        varden = r.row(0, named=True)
        return Rad(etikett, typ, tuple(varden[k.nyckel] for k in kol), niva, u)  # type: ignore[arg-type]

    rader = [rad(summarad(tdef, "Totalt"), "delsumma", personal)]
    for kod in sorted(personal["kon"].unique().to_list(), key=lambda k: (k not in KON, k)):
        rader.append(rad(KON.get(kod, kod), "normal", personal.filter(pl.col("kon") == kod), 1, hela.med(kon=kod)))
    grupper = personal["aldersgrupp"].unique().to_list()
    ordning = list(ALDERSGRUPPER)
    for grupp in sorted(grupper, key=lambda g: (ordning.index(g) if g in ordning else len(ordning), g)):
        rader.append(rad(ALDERSGRUPPER.get(grupp, grupp), "normal", personal.filter(pl.col("aldersgrupp") == grupp),
                         1, hela.med(aldersgrupp=grupp)))
    return Tabell(namn, tdef.rubrik, "Grupp", kol, tuple(rader), tdef.enhet)
