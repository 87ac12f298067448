"""Pivottabell: indikatorer med perioderna som kolumner, Riktning och Nivå — ett allmänt block för mallar.

`{{ pivottabell("namn") }}` med inställningarna under `pivottabeller:` i konfigurationen. Symbolerna står
alltid tillsammans med sin text ("↑ förbättring"), så att en skärmläsare och en utskrift i gråskala säger
samma sak som pilen: cellens text är textalternativet.
"""

from __future__ import annotations

import polars as pl

from rapportverk.berakning.indikatorserier import Bedomning, Kolumn, arskolumner, bedom, periodkolumner, pivot
from rapportverk.dokument.modell import Huvudcell, Justering, Tabell, Tabellrad
from rapportverk.dokument.tabell import slug
from rapportverk.formatering import manad_kort, procent, tal
from rapportverk.konfig.modell import Pivottabell
from rapportverk.period import Period

RIKTNING = {"battre": "↑ förbättring", "oforandrad": "→ oförändrad", "samre": "↓ försämring",
            "okar": "↑ ökar", "minskar": "↓ minskar", None: "? för få mätningar"}
NIVA = {"nar": "+ når målet", "nar_inte": "− når inte målet", "mal_saknas": "? mål saknas",
        "matning_saknas": "? mätning saknas"}
# Enheter som står i cellen; andra (dagar, kronor …) står i radens rubrik.
_I_CELLEN = ("%", "antal", "")


def urval(ram: pl.DataFrame, pdef: Pivottabell) -> pl.DataFrame:
    """Indikatorerna som tabellen visar, i ordning: valda grupper (i vald ordning), sedan filens ordning."""
    if pdef.indikatorer:
        ram = ram.filter(pl.col("id").is_in(pdef.indikatorer))
    if pdef.grupper:
        ordning = {g: i for i, g in enumerate(pdef.grupper)}
        ram = (ram.filter(pl.col("grupp").is_in(pdef.grupper))
               .with_columns(pl.col("grupp").replace_strict(ordning, default=len(ordning)).alias("_g"))
               .sort("_g", maintain_order=True).drop("_g"))
    return ram


def kolumner_for(pdef: Pivottabell, period: Period) -> list[Kolumn]:
    """Tabellens periodkolumner: år (`kolumner: ar`) eller kvartal och månader."""
    if pdef.kolumner == "ar":
        return arskolumner(period, pdef.ar)
    return periodkolumner(period, pdef.kvartal, pdef.manader)


def kolumnrubrik(k: Kolumn) -> str:
    if k.typ == "ar":
        # Innevarande år före december: rubriken säger hur långt året räknas ("2024 t.o.m. jan").
        return str(k.slut.year) if k.slut.month == 12 else f"{k.slut.year} t.o.m. {manad_kort(k.slut.month)}"
    if k.typ == "kvartal":
        return f"Q{(k.slut.month - 1) // 3 + 1} {k.slut.year}"
    return f"{manad_kort(k.slut.month)} {k.slut.year}"


def varde_text(varde: float | None, enhet: str | None, decimaler: int | None) -> str:
    enhet = (enhet or "").strip()
    if enhet == "%":
        return procent(varde, 1 if decimaler is None else decimaler)
    return tal(varde, (0 if enhet == "antal" else 1) if decimaler is None else decimaler)


def radrubrik(namn: str, enhet: str | None) -> str:
    enhet = (enhet or "").strip()
    return namn if enhet in _I_CELLEN else f"{namn} ({enhet})"


def bedomningar(ram: pl.DataFrame, pdef: Pivottabell, period: Period) -> dict[str, Bedomning]:
    regel = pdef.riktning
    kwargs = {} if regel is None else {"metod": regel.metod, "manader": regel.manader, "dodzon": regel.dodzon}
    return {b.id: b for b in bedom(ram, period, **kwargs)}


def pivottabell(namn: str, pdef: Pivottabell, ram: pl.DataFrame, period: Period, rubrik: str) -> Tabell:
    ram = urval(ram, pdef)
    kolumner = kolumner_for(pdef, period)
    varden = pivot(ram, kolumner, pdef.arsvarde)
    bed = bedomningar(ram, pdef, period)
    fakta = ram.group_by("id", maintain_order=True).agg(
        pl.col("namn").last(), pl.col("grupp").last() if "grupp" in ram.columns else pl.lit(None).alias("grupp"),
        pl.col("enhet").drop_nulls().last() if "enhet" in ram.columns else pl.lit(None).alias("enhet"),
        (pl.col("decimaler").drop_nulls().last() if "decimaler" in ram.columns
         else pl.lit(None, dtype=pl.Float64).alias("decimaler")))
    extra = ([("Riktning", RIKTNING)] if pdef.riktning else []) + ([("Nivå", NIVA)] if pdef.niva else [])
    rader: list[Tabellrad] = []
    forra_grupp: object = object()
    tomma = ("",) * (len(kolumner) + len(extra))
    for rad in fakta.iter_rows(named=True):
        if rad["grupp"] != forra_grupp and rad["grupp"]:
            rader.append(Tabellrad((str(rad["grupp"]), *tomma), "rubrik"))
        forra_grupp = rad["grupp"]
        decimaler = None if rad["decimaler"] is None else int(rad["decimaler"])
        celler = [varde_text(v, rad["enhet"], decimaler) for v in varden[rad["id"]]]
        b = bed[rad["id"]]
        if pdef.riktning:
            celler.append(RIKTNING[b.riktning])
        if pdef.niva:
            celler.append(NIVA[b.niva])
        rader.append(Tabellrad((radrubrik(rad["namn"], rad["enhet"]), *celler), niva=1 if rad["grupp"] else 0))
    huvud = ((Huvudcell(pdef.radrubrik, 1, "vanster"), *(Huvudcell(kolumnrubrik(k)) for k in kolumner),
              *(Huvudcell(e, 1, "vanster") for e, _ in extra)),)
    justering: tuple[Justering, ...] = ("vanster", *("hoger" for _ in kolumner), *("vanster" for _ in extra))
    # Bredder: rubriken bred, perioderna lika, Riktning och Nivå så att "− når inte målet" får plats.
    bredder = (24.0, *(round(52.0 / max(len(kolumner), 1), 2) for _ in kolumner), *(12.0 for _ in extra))
    skala = 100 / sum(bredder)
    return Tabell(f"pivot-{slug(namn)}", rubrik, huvud, tuple(rader), justering, None, pdef.kalltext,
                  bred=pdef.bred, bredder=tuple(round(b * skala, 2) for b in bredder))


def forklaring(pdef: Pivottabell) -> str:
    """En mening under tabellen som säger hur årsvärdena, Riktning och Nivå räknas (också för skärmläsare)."""
    delar = []
    if pdef.kolumner == "ar":
        hur = ("det sista av dem" if pdef.arsvarde == "senaste" else "medelvärdet av dem")
        delar.append(f"Årsvärde: helårsmätningen om den finns, annars årets kvartalsmätningar och utan sådana "
                     f"årets månadsmätningar, t.o.m. perioden — {hur}.")
    r = pdef.riktning
    if r:
        hur = {"rullande": f"medelvärdet för de senaste {r.manader} månaderna t.o.m. senaste mätningen jämfört med "
                           f"de {r.manader} månaderna före",
               "fg": "senaste mätningen jämfört med samma period ett år tidigare",
               "forra": "senaste mätningen jämfört med mätningen före"}[r.metod]
        delar.append(f"Riktning: {hur}; en förändring inom ±{tal(r.dodzon, 1 if r.dodzon % 1 else 0)} procent "
                     "räknas som oförändrad, och pilen visar förbättring eller försämring utifrån om ett högre "
                     "eller lägre värde är bättre.")
    if pdef.niva:
        delar.append("Nivå: senaste mätningen jämfört med målet.")
    return " ".join(delar)
