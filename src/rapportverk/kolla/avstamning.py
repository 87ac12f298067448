"""Exporten mot konfigurationen, innan en rapport byggs: koder som organisationen och kontoplanen inte känner, och
exportens summa per månad och nämnd bredvid det som hamnar i rapportraderna — så syns det direkt om varje krona
landar på en rad."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from rapportverk.fel import Fel, forslag
from rapportverk.kallor.hierarki import giltig_organisation, kontomappning
from rapportverk.kallor.indata import las_kalla
from rapportverk.kallor.mappning import Kolumnkrav
from rapportverk.kolla.resultat import Okand, Summa
from rapportverk.konfig import Projekt
from rapportverk.konfig.modell import SERIER, Kalla
from rapportverk.period import Period

OKAND_ENHET = "(okänt kostnadsställe)"
MAX_OKANDA = 15


def las_organisation(projekt: Projekt, period: Period | None) -> tuple[pl.DataFrame | None, list[Fel]]:
    """Organisationen som ett bygge läser den, med raderna som gäller vid `period`."""
    krav = [Kolumnkrav(n, "text") for n in projekt.org_nivaer]
    krav += [Kolumnkrav("giltig_fran", "text", obligatorisk=False), Kolumnkrav("giltig_till", "text",
                                                                                   obligatorisk=False)]
    kalla = projekt.konfig.hierarkier.organisation
    org, fel = las_kalla(projekt, kalla, "organisation", krav, tomma_tillatna=("giltig_fran", "giltig_till"))
    if org is None:
        return None, fel
    org, fel = giltig_organisation(org, period, projekt.visa(kalla.fil))
    return (None, fel) if fel else (org.unique("enhet", keep="first", maintain_order=True), [])


def _kopplad(ram: pl.DataFrame, org: pl.DataFrame, projekt: Projekt) -> pl.DataFrame:
    konton = kontomappning(ram["konto"].unique().sort().to_list(), projekt.kostnadsslag)
    return (ram.join(org.select("enhet", "namnd"), on="enhet", how="left")
            .join(konton.select("konto", "kostnadsslag", "sektion"), on="konto", how="left"))


def okanda_koder(ram: pl.DataFrame, org: pl.DataFrame, projekt: Projekt) -> list[Okand]:
    """Kostnadsställen som inte finns i organisationen, konton utan rad i kostnadsslagen och serier som måtten inte
    räknar med, med belopp, första rad
    och andel av exportens belopp (räknade utan tecken, så att kostnader och intäkter inte tar ut varandra)."""
    kopplad = _kopplad(ram, org, projekt)
    brutto = float(kopplad["belopp"].abs().sum()) or 1.0
    kanda = {"enhet": org["enhet"].to_list(), "konto": [], "serie": list(SERIER)}
    ut: list[Okand] = []
    for slag, saknas in (("enhet", pl.col("namnd").is_null()), ("konto", pl.col("kostnadsslag").is_null()),
                         ("serie", ~pl.col("serie").is_in(SERIER))):
        grupper = (kopplad.filter(saknas).group_by(slag)
                   .agg(pl.len().alias("rader"), pl.col("belopp").sum(), pl.col("belopp").abs().sum().alias("brutto"),
                        pl.col("kalla").first(), pl.col("rad").min())
                   .sort("brutto", slag, descending=[True, False]))
        for r in grupper.head(MAX_OKANDA).iter_rows(named=True):
            ut.append(Okand(slag, str(r[slag]), r["rader"], r["belopp"], r["brutto"] / brutto, r["kalla"], r["rad"],
                            forslag(str(r[slag]), kanda[slag]) if kanda[slag] else ""))
    return ut


def avstam(ram: pl.DataFrame, org: pl.DataFrame, projekt: Projekt) -> tuple[list[Summa], list[Summa]]:
    """Per månad och per nämnd: exportens summa, det som hamnar i nämndernas rapportrader (verksamheten), i andra
    sektioners rader (skatter, finansnetto, balans) och det som inte hamnar någonstans."""
    kopplad = _kopplad(ram, org, projekt).with_columns(
        pl.when(pl.col("namnd").is_null() | pl.col("kostnadsslag").is_null() | ~pl.col("serie").is_in(SERIER))
        .then(pl.lit("utan_rad"))
        .when(pl.col("sektion") == "verksamhet").then(pl.lit("verksamhet"))
        .otherwise(pl.lit("ovriga")).alias("hamnar"))
    namn = {n.id: n.namn for n in projekt.konfig.namnder}

    def summor(nyckel: str) -> pl.DataFrame:
        return (kopplad.group_by(nyckel).agg(
            pl.col("belopp").sum().alias("export"),
            *(pl.col("belopp").filter(pl.col("hamnar") == h).sum().alias(h)
              for h in ("verksamhet", "ovriga", "utan_rad"))).sort(nyckel, nulls_last=True))

    per_manad = [Summa(f"{r['period']:%Y-%m}", r["export"], r["verksamhet"], r["ovriga"], r["utan_rad"])
                 for r in summor("period").iter_rows(named=True)]
    per_namnd = [Summa(namn.get(r["namnd"], r["namnd"]) if r["namnd"] is not None else OKAND_ENHET, r["export"],
                       r["verksamhet"], r["ovriga"], r["utan_rad"]) for r in summor("namnd").iter_rows(named=True)]
    return per_manad, per_namnd


def andra_kallor(projekt: Projekt, utom: set[Path]) -> tuple[list[pl.DataFrame], list[str]]:
    """Huvudbokens andra källor i konfigurationen, lästa som ett bygge läser dem (kronor, kostnader negativa), för
    att jämföra beloppens storlek och se överlapp. En källa som inte går att läsa hoppas över med en anmärkning."""
    ramar: list[pl.DataFrame] = []
    anmarkningar: list[str] = []
    for kalla in projekt.konfig.kallor.huvudbok:
        if kalla.fil is not None and projekt.sokvag(kalla.fil) in utom:
            continue
        ram, fel = las_kalla(projekt, kalla, "huvudbok")
        if ram is None:
            namn = kalla.fil or "SQL-källan"
            anmarkningar.append(f"källan {namn} i konfigurationen kunde inte läsas ({fel[0].text.rstrip('.')}), "
                                "så exporten jämförs inte med den")
            continue
        ramar.append(_med_serie(ram, kalla))
    return ramar, anmarkningar


def _med_serie(ram: pl.DataFrame, kalla: Kalla) -> pl.DataFrame:
    if kalla.serie:
        ram = ram.with_columns(pl.lit(kalla.serie).alias("serie"))
    elif "serie" not in ram.columns:
        ram = ram.with_columns(pl.lit(None, dtype=pl.Utf8).alias("serie"))
    return ram.select("period", "enhet", "konto", "serie", "belopp", "kalla", "rad")


def overlapp(andra: list[pl.DataFrame], ram: pl.DataFrame) -> list[str]:
    """Andra källor med samma period, serie, kostnadsställe och konto som exporten: lästa tillsammans skulle samma
    belopp räknas två gånger (samma regel som läsaren, kallor/dubbletter.py). En rad per källa, med månaderna."""
    nyckel = ["period", "serie", "enhet", "konto"]
    egna = ram.select(nyckel).unique()
    ut = []
    for annan in andra:
        krock = annan.join(egna, on=nyckel, how="semi")
        if krock.height == 0:
            continue
        manader = krock["period"].unique().sort()
        serier = ", ".join(sorted(krock["serie"].unique().cast(pl.Utf8).to_list()))
        kalla = annan["kalla"][0]
        ut.append(f"källan {kalla} i konfigurationen har redan {serier} för {manader[0]:%Y-%m} – {manader[-1]:%Y-%m} "
                  f"på samma kostnadsställen och konton ({krock.height} rader), så beloppen skulle räknas två gånger; "
                  f"ersätt den med --ersatt {kalla}, eller ta bort den ur konfigurationen")
    return ut
