"""Kontroller som hindrar att ett belopp räknas två gånger eller hamnar i fel år."""

from __future__ import annotations

import polars as pl

from rapportverk.fel import Fel
from rapportverk.konfig.modell import Kalla

NYCKEL = ["period", "enhet", "konto", "serie"]
MAX_VISADE = 8


def nyckelhash(ram: pl.DataFrame) -> pl.Series:
    """Ett heltal per rad för nyckeln (period, enhet, konto, serie): lika nycklar får samma tal."""
    return ram.select(pl.struct(NYCKEL).hash()).to_series()


def kontrollera_huvudboksfil(ram: pl.DataFrame, kalla: Kalla, visning: str, hashar: pl.Series | None = None
                             ) -> list[Fel]:
    """Rader utanför filens år och nycklar på flera rader. `hashar`: nyckelhash(ram), om den redan är räknad."""
    fel: list[Fel] = []
    if kalla.ar is not None:
        utanfor = ram.filter(pl.col("period").dt.year() != kalla.ar).sort("rad")
        for period, rad in utanfor.select("period", "rad").head(MAX_VISADE).iter_rows():
            fel.append(Fel(f"raden har perioden {period:%Y-%m}, men filen ska bara innehålla {kalla.ar} (ar: "
                           f"{kalla.ar} i konfigurationen); ta bort raden eller rätta perioden.", visning, rad))
        if utanfor.height > MAX_VISADE:
            fel.append(Fel(f"ytterligare {utanfor.height - MAX_VISADE} rader ligger utanför {kalla.ar}.", visning))
    hashar = nyckelhash(ram) if hashar is None and kalla.dubbletter == "fel" else hashar
    # Lika många olika hashar som rader: ingen nyckel står två gånger (att räkna dem är billigare än att leta upp
    # dubbletterna).
    if kalla.dubbletter == "fel" and hashar is not None and hashar.n_unique() < hashar.len():
        # Först på nyckelns hash (ett heltal per rad, hälften av tiden mot att jämföra nycklarna), sedan exakt
        # bland de få kandidaterna: en hashkollision blir aldrig ett fel.
        kandidater = ram.filter(hashar.is_duplicated())
        dubbla = (kandidater.filter(pl.struct(NYCKEL).is_duplicated()).group_by(NYCKEL)
                  .agg(pl.col("rad").sort()).sort(pl.col("rad").list.first()))
        for r in dubbla.head(MAX_VISADE).iter_rows(named=True):
            rader = ", ".join(str(x) for x in r["rad"][:5])
            fel.append(Fel(f"raderna {rader} har samma period ({r['period']:%Y-%m}), kostnadsställe ({r['enhet']}), "
                           f"konto ({r['konto']}) och serie ({r['serie']}), så beloppet skulle räknas flera gånger; "
                           "ta bort dubbletterna, eller skriv dubbletter: summera i konfigurationen om filen är "
                           "en transaktionslista.", visning, r["rad"][0]))
        if dubbla.height > MAX_VISADE:
            fel.append(Fel(f"ytterligare {dubbla.height - MAX_VISADE} nycklar förekommer flera gånger.", visning))
    return fel


def overlappande_filer(delar: list[pl.DataFrame], hashar: list[pl.Series] | None = None) -> list[Fel]:
    """Samma kostnadsställe, konto, månad och serie i två filer betyder nästan alltid att en export lästs in två
    gånger. (Filer uppdelade per förvaltning har samma månader men olika kostnadsställen, och en balansfil samma
    kostnadsställen men andra konton; båda går bra.) `hashar`: varje fils nyckelhash, om de redan är räknade."""
    if len(delar) < 2:
        return []
    if hashar is not None:
        alla = pl.concat(hashar)
        if alla.n_unique() == alla.len():  # varje nyckel en gång i alla filerna tillsammans
            return []
    # Först grovt på kostnadsställe (billigt), sedan bara de krockande ställena på kontonivå.
    nycklar = pl.concat([r.select("period", "serie", "enhet", "kalla").unique() for r in delar if r.height])
    grova = (nycklar.group_by("period", "serie", "enhet").agg(pl.col("kalla").n_unique().alias("filer"))
             .filter(pl.col("filer") > 1).drop("filer"))
    if grova.height == 0:
        return []
    fina = pl.concat([r.join(grova, on=["period", "serie", "enhet"], how="semi")
                      .select("period", "serie", "enhet", "konto", "kalla").unique() for r in delar if r.height])
    krock = (fina.group_by("period", "serie", "enhet", "konto").agg(pl.col("kalla").unique().sort())
             .filter(pl.col("kalla").list.len() > 1))
    fel = []
    for (period, serie), grupp in krock.sort("period", "serie").group_by("period", "serie", maintain_order=True):
        filer = grupp["kalla"][0]
        enheter = grupp["enhet"].unique().sort()
        fel.append(Fel(f"perioden {period:%Y-%m} ({serie}) finns för samma kostnadsställen och konton ({enheter.len()} "
                       f"kostnadsställen, t.ex. {enheter[0]} konto {grupp['konto'][0]}) både i {filer[0]} och i "
                       f"{filer[1]}, så beloppen skulle räknas två gånger; ta bort den ena filen eller månaden.",
                       filer[1]))
    return fel[:MAX_VISADE]
