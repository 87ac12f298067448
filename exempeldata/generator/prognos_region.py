"""Regionens helårsprognos per rapportrad (prognos_region_2024.csv): avvikelse mot helårsbudgeten, Mkr, förenlig
med nämndernas prognoser i prognos_2024.xlsx och med realisationsvinsten i huvudboken (data/prognos_region.yaml)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import polars as pl

from .balans import ORE_PER_MKR, decimal_ur_text, las_resultat, summa_i_intervall
from .gemensamt import ORE_PER_KR, csv_text, las_yaml, skriv_text

_DATA = las_yaml("prognos_region.yaml")
# Period -> valda prognoser (Mkr) per storhet; se datafilen.
PROGNOS_VAL: dict[str, dict[str, str]] = _DATA["val"]
PROGNOS_PERIODER = tuple(PROGNOS_VAL)
# Rapportrader och deras kontointervall.
PROGNOS_RADER: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = tuple(
    (namn, tuple(tuple(iv) for iv in intervall)) for namn, intervall in _DATA["rader"].items())
PROGNOS_RADER_VERKSAMHET = ("Verksamhetens intäkter", "Verksamhetens kostnader", "Avskrivningar")


def namndernas_prognos(katalog: Path) -> dict[str, Decimal]:
    df = pl.read_excel(katalog / "prognos_2024.xlsx", sheet_name="Prognos")
    ut: dict[str, Decimal] = {}
    for period, belopp in zip(df["Period"], df["Prognos avvikelse mkr"], strict=True):
        ut[period] = ut.get(period, Decimal(0)) + Decimal(repr(belopp))
    return ut


def budget_per_rad(katalog: Path) -> dict[str, Decimal]:
    """Helårsbudget 2024 per rad i Mkr, huvudbokens tecken (exportens kostnader positiva vänds)."""
    per_konto: dict[str, int] = {}
    with (katalog / "budget_2024.csv").open(encoding="cp1252", newline="") as f:
        for rad in csv.DictReader(f, delimiter=";"):
            kr = -decimal_ur_text(rad["Belopp tkr"]) * 1000
            per_konto[rad["Konto"]] = per_konto.get(rad["Konto"], 0) + int(kr * ORE_PER_KR)
    return {namn: Decimal(summa_i_intervall(per_konto, *iv)) / ORE_PER_MKR for namn, iv in PROGNOS_RADER if iv}


def prognos_rader(katalog: Path) -> dict[str, dict[str, tuple[Decimal, Decimal | None]]]:
    """Period -> rad -> (prognos avvikelse, utfall för manuella rader)."""
    namnder = namndernas_prognos(katalog)
    ut: dict[str, dict[str, tuple[Decimal, Decimal | None]]] = {}
    for period in PROGNOS_PERIODER:
        val = {namn: Decimal(v) for namn, v in PROGNOS_VAL[period].items()}
        ink, avskr, skatt, gs = (val[k] for k in ("verksamhetens_intakter", "avskrivningar", "skatteintakter",
                                                  "generella_statsbidrag"))
        likvid, varde, real = (val[k] for k in ("finansiella_likvidstrommar", "finansiella_varderegleringar",
                                                "realisationsvinster"))
        reserv, dispon = val["rur_reservering"], val["rur_disponering"]
        kost = namnder[period] - ink - avskr
        rader = {
            "Verksamhetens intäkter": ink, "Verksamhetens kostnader": kost, "Avskrivningar": avskr,
            "Skatteintäkter": skatt, "Generella statsbidrag och utjämning": gs,
            # Regionens finansiella konton: 84xx (kostnader, likvidströmmar) och 86xx (intäkter,
            # värderegleringar); 83xx och 87xx-89xx används inte.
            "Finansiella intäkter": varde, "Finansiella kostnader": likvid,
            "Generella statsbidrag": gs, "Finansiella likvidströmmar": likvid, "Finansiella värderegleringar": varde,
            "Samtliga realisationsvinster": real, "Orealiserade vinster och förluster i värdepapper": varde,
        }
        ut[period] = {namn: (v, None) for namn, v in rader.items()}
        ut[period]["Reservering till resultatutjämningsreserv"] = (reserv, Decimal(0))
        ut[period]["Disponering av resultatutjämningsreserv"] = (dispon, Decimal(0))
        # Kontroller.
        r = {k: v for k, (v, _) in ut[period].items()}
        if r["Verksamhetens intäkter"] + r["Verksamhetens kostnader"] + r["Avskrivningar"] != namnder[period]:
            raise ValueError(f"prognos {period}: verksamheten är inte nämndernas summa")
        if (r["Finansiella intäkter"] + r["Finansiella kostnader"]
                != r["Finansiella likvidströmmar"] + r["Finansiella värderegleringar"]):
            raise ValueError(f"prognos {period}: finansnettot")
        if r["Orealiserade vinster och förluster i värdepapper"] != r["Finansiella värderegleringar"]:
            raise ValueError(f"prognos {period}: orealiserade vinster")
        if r["Generella statsbidrag"] != r["Generella statsbidrag och utjämning"]:
            raise ValueError(f"prognos {period}: generella statsbidrag")
        if set(ut[period]) != {n for n, _ in PROGNOS_RADER}:
            raise ValueError(f"prognos {period}: rader saknas")
    # Realisationsvinsten i prognosen per augusti och september är den bokade (3970-3979, jan-aug 2024).
    bokad = Decimal(sum(summa_i_intervall(r, ("3970", "3979")) for p, r in las_resultat(katalog, 2024).items()
                        if p <= "202408")) / ORE_PER_MKR
    for period in ("2024-08", "2024-09"):
        if ut[period]["Samtliga realisationsvinster"][0] != bokad:
            raise ValueError(f"prognos {period}: realisationsvinst {bokad} Mkr i huvudboken")
    return ut


def skriv_prognos_region(katalog: Path, rader: dict[str, dict[str, tuple[Decimal, Decimal | None]]]) -> None:
    ut = [("period", "rad", "prognos_avvikelse_mkr", "utfall_mkr")]
    for period, per_rad in rader.items():
        for namn, _ in PROGNOS_RADER:
            v, u = per_rad[namn]
            ut.append((period, namn, _mkr(v), "" if u is None else _mkr(u)))
    skriv_text(katalog, "prognos_region_2024.csv", csv_text(ut))


def _mkr(v: Decimal) -> str:
    return f"{v:.3f}".replace(".", ",")

