"""Kontroller som hindrar att ett belopp räknas två gånger eller hamnar i fel år."""

from __future__ import annotations

import itertools
import math

import polars as pl

from rapportverk.fel import Fel
from rapportverk.konfig.modell import Kalla

NYCKEL = ["period", "enhet", "konto", "serie"]
MAX_VISADE = 8


def nyckelhash(ram: pl.DataFrame) -> pl.Series:
    """Ett heltal per rad för nyckeln (period, enhet, konto, serie): lika nycklar får samma tal."""
    return ram.select(pl.struct(NYCKEL).hash()).to_series()


def nyckelkoder(ramar: list[pl.DataFrame]) -> list[pl.Series]:
    """Ett heltal per rad för nyckeln i varje ram, jämförbart mellan ramarna: lika nycklar får samma tal. Med
    kategoriska kolumner (huvudbokens) är talet kolumnernas heltalskoder packade i 64 bitar, så att olika nycklar
    också får olika tal, på en bråkdel av hashens tid; annars nyckelns hash."""
    packad = _packad(ramar)
    if packad is None:
        return [nyckelhash(r) for r in ramar]
    return [r.select(packad).to_series() for r in ramar]


def _packad(ramar: list[pl.DataFrame]) -> pl.Expr | None:
    """Nyckeln som ett UInt64 av periodens dag och kategoriernas nummer (null får ett eget nummer), eller None när
    kolumnerna inte är datum och kategorier eller numren inte ryms."""
    if any(r.schema["period"] != pl.Date or any(r.schema[c] != pl.Categorical for c in NYCKEL[1:]) for r in ramar):
        return None

    def granser(kolumn: str) -> tuple[int, int]:
        """Minsta och största heltalskod i kolumnen i alla ramarna; (0, -1) när den bara har null."""
        koder = [int(v) for r in ramar for s in (r[kolumn].to_physical(),) for v in (s.min(), s.max())
                 if v is not None]  # type: ignore[arg-type]
        return (min(koder), max(koder)) if koder else (0, -1)

    forsta, sista = granser("period")
    delar = [((pl.col("period").to_physical() - forsta).fill_null(sista - forsta + 1), sista - forsta + 2)]
    for kolumn in NYCKEL[1:]:
        n = granser(kolumn)[1] + 1
        delar.append((pl.col(kolumn).to_physical().fill_null(n), n + 1))
    if math.prod(antal for _, antal in delar) >= 2**63:
        return None
    nyckel = pl.lit(0, dtype=pl.UInt64)
    for uttryck, antal in delar:
        nyckel = nyckel * antal + uttryck.cast(pl.UInt64)
    return nyckel.alias("nyckel")


def kontrollera_huvudboksfil(ram: pl.DataFrame, kalla: Kalla, visning: str, hashar: pl.Series | None = None
                             ) -> list[Fel]:
    """Rader utanför filens år och nycklar på flera rader. `hashar`: nyckelkoder([ram])[0], om de redan är
    räknade."""
    fel: list[Fel] = []
    if kalla.ar is not None:
        utanfor = ram.filter(pl.col("period").dt.year() != kalla.ar).sort("rad")
        for period, rad in utanfor.select("period", "rad").head(MAX_VISADE).iter_rows():
            fel.append(Fel(f"raden har perioden {period:%Y-%m}, men filen ska bara innehålla {kalla.ar} (ar: "
                           f"{kalla.ar} i konfigurationen); ta bort raden eller rätta perioden.", visning, rad))
        if utanfor.height > MAX_VISADE:
            fel.append(Fel(f"ytterligare {utanfor.height - MAX_VISADE} rader ligger utanför {kalla.ar}.", visning))
    hashar = nyckelkoder([ram])[0] if hashar is None and kalla.dubbletter == "fel" else hashar
    # Lika många olika tal som rader: ingen nyckel står två gånger (att räkna dem är billigare än att leta upp
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


def _kan_overlappa(delar: list[pl.DataFrame]) -> bool:
    """Om två av filerna kan ha en nyckel gemensam: en serie i båda och månader som går in i varandra. Filer för
    olika år eller serier (det vanliga) prövas då inte rad för rad."""
    spann = []
    for r in delar:
        fran, till = r["period"].min(), r["period"].max()
        if fran is None or till is None:
            return True
        spann.append((fran, till, set(r["serie"].unique().to_list())))
    return any(a[2] & b[2] and a[0] <= b[1] and b[0] <= a[1] for a, b in itertools.combinations(spann, 2))


def overlappande_filer(delar: list[pl.DataFrame], hashar: list[pl.Series] | None = None) -> list[Fel]:
    """Samma kostnadsställe, konto, månad och serie i två filer betyder nästan alltid att en export lästs in två
    gånger. (Filer uppdelade per förvaltning har samma månader men olika kostnadsställen, och en balansfil samma
    kostnadsställen men andra konton; båda går bra.) `hashar`: nyckelkoder(delar), om de redan är räknade."""
    if len(delar) < 2 or not _kan_overlappa(delar):
        return []
    alla = pl.concat(nyckelkoder(delar) if hashar is None else hashar)
    if alla.n_unique() == alla.len():  # varje nyckel en gång i alla filerna tillsammans
        return []
    del alla
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
