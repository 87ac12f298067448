"""Mål och indikatorer med bedömning, och regionens prognos per rad: läs, tolka och pröva varje rad.

Målfilen har en rad per regionmål, delmål, indikator och finansiellt mål och period; bedömningen är ett av
de fyra orden i konfig.modell.BEDOMNINGAR (tomt = Inga data). Fel samlas med fil och rad. Den valfria kolumnen
`perspektiv` (t.ex. Invånare, Medarbetare, Ekonomi) läggs inte till när filen saknar den: en ram utan kolumnen
säger att målen inte går att välja per perspektiv.
"""

from __future__ import annotations

import polars as pl

from rapportverk.fel import Fel, forslag
from rapportverk.kallor.mappning import Kolumnkrav
from rapportverk.konfig.modell import BEDOMNINGAR, MALTYPER

T, B, P = "text", "belopp", "period"
# Den överordnade nivån för varje typ: ett delmål hör till ett regionmål, en indikator till ett delmål.
OVERORDNAD = {"delmal": "regionmal", "indikator": "delmal"}

MALKRAV = [Kolumnkrav("period", P), Kolumnkrav("typ", T), Kolumnkrav("id", T),
           Kolumnkrav("namnd", T, obligatorisk=False), Kolumnkrav("overordnat", T, obligatorisk=False),
           Kolumnkrav("text", T), Kolumnkrav("bedomning", T, obligatorisk=False),
           Kolumnkrav("utfall", T, obligatorisk=False), Kolumnkrav("malvarde", T, obligatorisk=False),
           Kolumnkrav("nyckeltal", T, obligatorisk=False), Kolumnkrav("analys", T, obligatorisk=False),
           Kolumnkrav("perspektiv", T, obligatorisk=False)]
MALVALFRIA = ("namnd", "overordnat", "bedomning", "utfall", "malvarde", "nyckeltal", "analys", "perspektiv")
# Kolumnerna som alltid finns efter inläsningen (perspektiv bara när en målfil har den).
MALKOLUMNER = tuple(k.namn for k in MALKRAV if k.namn != "perspektiv")

REGIONPROGNOSKRAV = [Kolumnkrav("period", P), Kolumnkrav("radnamn", T), Kolumnkrav("prognos_avvikelse", B),
                     Kolumnkrav("utfall", B, obligatorisk=False)]
REGIONPROGNOSVALFRIA = ("utfall",)


def komplettera(ram: pl.DataFrame) -> pl.DataFrame:
    """Valfria kolumner som saknas i filen blir tomma (utom perspektiv, se ovan); tom bedömning blir 'Inga data'."""
    ram = ram.with_columns(pl.lit(None, dtype=pl.Utf8).alias(c) for c in MALKOLUMNER if c not in ram.columns)
    return ram.with_columns(pl.col("bedomning").fill_null("Inga data"))


def kontrollera_mal(ram: pl.DataFrame, namnder: list[str], nyckeltal: list[str], visning: str) -> list[Fel]:
    """Typ, bedömning, nämnd, överordnat mål och nyckeltal prövas rad för rad; ett id får bara stå en gång per
    period."""
    fel: list[Fel] = []
    for r in ram.iter_rows(named=True):
        rad = r["rad"]
        if r["typ"] not in MALTYPER:
            fel.append(Fel(f"typen '{r['typ']}' finns inte{forslag(r['typ'], MALTYPER)}; skriv en av "
                           f"{', '.join(MALTYPER)}.", visning, rad))
        if r["bedomning"] not in BEDOMNINGAR:
            fel.append(Fel(f"bedömningen '{r['bedomning']}' för '{r['id']}' är okänd"
                           f"{forslag(r['bedomning'], BEDOMNINGAR)}; skriv Helt, Delvis, Inte eller Inga data "
                           "(tomt betyder Inga data).", visning, rad))
        if r["typ"] in ("delmal", "indikator") and r["namnd"] not in namnder:
            fel.append(Fel(f"{'delmålet' if r['typ'] == 'delmal' else 'indikatorn'} '{r['id']}' saknar nämnd eller "
                           f"har en okänd nämnd '{r['namnd'] or ''}'{forslag(r['namnd'] or '', namnder)}; skriv "
                           "nämndens id i kolumnen namnd.", visning, rad))
        if r["nyckeltal"] and r["nyckeltal"] not in nyckeltal:
            fel.append(Fel(f"nyckeltalet '{r['nyckeltal']}' för '{r['id']}' finns inte under nyckeltal i "
                           f"konfigurationen{forslag(r['nyckeltal'], nyckeltal)}.", visning, rad))
    for (period, id_), grupp in ram.group_by("period", "id", maintain_order=True):
        if grupp.height > 1:
            fel.append(Fel(f"'{id_}' står {grupp.height} gånger för perioden {period:%Y-%m} (rad "
                           f"{', '.join(str(r) for r in grupp['rad'].to_list())}); ta bort dubbletterna.",
                           visning, grupp["rad"][1]))
    typ_for = {(p, i): t for p, i, t in ram.select("period", "id", "typ").iter_rows()}
    for r in ram.filter(pl.col("typ").is_in(list(OVERORDNAD))).iter_rows(named=True):
        over = r["overordnat"]
        vantad = OVERORDNAD[r["typ"]]
        if over is None:
            continue  # ett delmål utan regionmål räknas ändå; det visas bara inte under något regionmål
        if typ_for.get((r["period"], over)) != vantad:
            kanda = [i for (p, i), t in typ_for.items() if p == r["period"] and t == vantad]
            fel.append(Fel(f"'{r['id']}' hör till '{over}', som inte är ett {vantad.replace('mal', 'mål')} för "
                           f"samma period{forslag(over, kanda)}.", visning, r["rad"]))
    return fel
