"""Hierarkier: kostnadsställe → … → nämnd, och konto → kostnadsslag (med varav-rader)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import polars as pl

from rapportverk.fel import Fel, forslag
from rapportverk.formatering import belopp as formatera_belopp
from rapportverk.kallor.filer import RAD
from rapportverk.konfig.modell import Kostnadsslagplan
from rapportverk.konfig.samband import grans
from rapportverk.period import Period

MAX_VISADE = 15


def kontrollera_organisation(org: pl.DataFrame, nivaer: list[str], namnder: list[str], visning: str) -> list[Fel]:
    """Varje kostnadsställe en gång, varje nod under exakt en förälder, nämnden konfigurerad."""
    fel: list[Fel] = []
    dubbla = org.filter(pl.col("enhet").is_duplicated()).sort("enhet", RAD)
    for (enhet,), grupp in dubbla.group_by("enhet", maintain_order=True):
        rader = ", ".join(str(r) for r in grupp[RAD])
        fel.append(Fel(f"kostnadsstället '{enhet}' står på flera rader ({rader}); varje kostnadsställe får "
                       "bara finnas en gång.", visning, grupp[RAD][0]))
    for barn, foralder in itertools.pairwise(nivaer[1:]):
        flera = (org.group_by(barn).agg(pl.col(foralder).unique().sort(), pl.col(RAD).min())
                 .filter(pl.col(foralder).list.len() > 1).sort(RAD))
        for nod, foraldrar, rad in flera.iter_rows():
            fel.append(Fel(f"{barn} '{nod}' ligger under flera {foralder}: {', '.join(foraldrar)}; en nod får "
                           "bara ha en förälder — rätta hierarkifilen.", visning, rad))
    okanda = org.filter(~pl.col("namnd").is_in(namnder)).group_by("namnd").agg(pl.col(RAD).min()).sort(RAD)
    for namnd, rad in okanda.iter_rows():
        fel.append(Fel(f"nämnden '{namnd}' finns inte under namnder i konfigurationen{forslag(namnd, namnder)}; "
                       "lägg till den där eller rätta hierarkifilen.", visning, rad))
    return fel


def giltig_organisation(org: pl.DataFrame, period: Period | None, visning: str) -> tuple[pl.DataFrame, list[Fel]]:
    """Raderna som gäller vid perioden (giltig_fran ≤ P ≤ giltig_till; tomt = öppet).

    Samma hierarki används för alla rader en rapport läser, så jämförelsetal räknas om till dagens
    organisation. Utan period (eller utan kolumnerna) gäller alla rader.
    """
    fel: list[Fel] = []
    for kolumn in ("giltig_fran", "giltig_till"):
        if kolumn not in org.columns:
            org = org.with_columns(pl.lit(None, dtype=pl.Utf8).alias(kolumn))
        ogiltiga = org.filter(pl.col(kolumn).is_not_null() & ~pl.col(kolumn).str.contains(r"^\d{4}-(0[1-9]|1[0-2])$"))
        for varde, rad in ogiltiga.select(kolumn, "rad").head(8).iter_rows():
            fel.append(Fel(f"kolumnen '{kolumn}' ('{varde}') ska vara en period ÅÅÅÅ-MM eller tom.", visning, rad))
    if fel or period is None:
        return org, fel
    p = str(period)
    giltig = (pl.col("giltig_fran").is_null() | (pl.col("giltig_fran") <= p)) & (
        pl.col("giltig_till").is_null() | (pl.col("giltig_till") >= p))
    return org.filter(giltig), []


def kontomappning(konton: list[str], plan: Kostnadsslagplan) -> pl.DataFrame:
    """konto → kostnadsslag, varav (eller null), sektion. Omappade konton får null."""
    rader = []
    for konto in konton:
        huvud = varav = sektion = None
        for rad in plan.rader:
            if any(_traffar(konto, intervall) for intervall in rad.konton):
                if rad.varav:
                    varav = varav or rad.namn
                elif huvud is None:
                    huvud, sektion = rad.namn, rad.sektion
        rader.append((konto, huvud, varav, sektion))
    return pl.DataFrame(rader, schema={"konto": pl.Utf8, "kostnadsslag": pl.Utf8, "varav": pl.Utf8,
                                       "sektion": pl.Utf8}, orient="row")


def _traffar(konto: str, intervall: str) -> bool:
    fran, till = grans(intervall)
    return len(konto) >= len(fran) and fran <= konto[: len(fran)] <= till


def omappade(huvudbok: pl.DataFrame, kolumn: str, vad: str, rad_: str, atgard: str = "lägg till det där"
             ) -> list[Fel]:
    """Ett fel per kod som saknar plats i hierarkin, med belopp och första källrad — inget tappas tyst."""
    saknas = (huvudbok.group_by(kolumn)
              .agg(pl.col("belopp").sum(), pl.len().alias("antal"), pl.col("kalla").first(), pl.col("rad").min())
              .sort(kolumn))
    fel = []
    for kod, summa, antal, kalla, rad in saknas.head(MAX_VISADE).iter_rows():
        fel.append(Fel(f"{vad} '{kod}' finns i huvudboken ({antal} rader, summa "
                       f"{formatera_belopp(summa, 'kr', 2)} kr) men inte i {rad_}; {atgard}.", kalla, rad))
    if saknas.height > MAX_VISADE:
        fel.append(Fel(f"ytterligare {saknas.height - MAX_VISADE} {vad}-koder saknas i {rad_}."))
    return fel


def okanda_varden(ram: pl.DataFrame, kolumner: list[str], text: Callable[[dict], str], vad: str) -> list[Fel]:
    """Källrader vars värden i `kolumner` inte hör till någon rad i rapporterna: ett fynd per värde och fil, med
    antalet rader och den första raden — som omappade() gör för huvudbokens koder. `text(r)` får värdena och
    `antal`; `vad` namnger raderna i en avslutande rad när fynden är fler än MAX_VISADE."""
    if ram.height == 0:
        return []
    grupper = (ram.group_by("kalla", *kolumner).agg(pl.len().alias("antal"), pl.col("rad").min())
               .sort("kalla", "rad"))
    fel = [Fel(text(r), r["kalla"], r["rad"]) for r in grupper.head(MAX_VISADE).iter_rows(named=True)]
    if grupper.height > MAX_VISADE:
        fel.append(Fel(f"ytterligare {grupper.height - MAX_VISADE} {vad} hör inte till någon rad i rapporterna."))
    return fel
