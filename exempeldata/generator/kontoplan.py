"""Blad (kostnadsslagens byggstenar), kontoplanen och säsongsprofilerna, ur data/blad.yaml och data/kontoplan.csv."""

from __future__ import annotations

import random
from dataclasses import dataclass

import yaml

from .gemensamt import KOSTNADSSLAG_YAML, las_csv, las_yaml
from .organisation import Delomrade

_BLAD = las_yaml("blad.yaml")
BLAD: tuple[str, ...] = tuple(_BLAD["blad"])
INTAKTSBLAD = frozenset(_BLAD["intaktsblad"])
# Rapportrader i konfig/kostnadsslag.yaml uttryckta i blad.
RAPPORTRAD_BLAD: dict[str, tuple[str, ...]] = {rad: tuple(blad) for rad, blad in _BLAD["rapportrader"].items()}
SASONG: dict[str, tuple[float, ...]] = {blad: tuple(profil) for blad, profil in _BLAD["sasong"].items()}
PLATT = (1.0,) * 12

# Utfall i ören, budget i kronor: (YYYYMM, kostnadsställe, konto) -> belopp.
Utfall = dict[tuple[str, str, str], int]
Budget = dict[tuple[str, str, str], int]


def tecken(blad: str) -> int:
    """Intäkter positiva, kostnader negativa (huvudbokens konvention)."""
    return 1 if blad in INTAKTSBLAD else -1


def sasong(blad: str) -> tuple[float, ...]:
    return SASONG.get(blad, PLATT)


@dataclass(frozen=True)
class Konto:
    konto: str
    benamning: str
    blad: str
    vikt: float = 1.0
    allman: bool = True  # False: används bara där en mall eller ett delområde pekar ut kontot


KONTOPLAN: tuple[Konto, ...] = tuple(Konto(r["konto"], r["benamning"], r["blad"], float(r["vikt"]), r["allman"] == "ja")
                                     for r in las_csv("kontoplan.csv"))
KONTO = {k.konto: k for k in KONTOPLAN}


def konton_for(d: Delomrade, blad: str, mallkonton: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if blad in d.konton:
        return d.konton[blad]
    if mallkonton:
        return mallkonton
    return tuple(k.konto for k in KONTOPLAN if k.blad == blad and k.allman)


def valj_konton(rng: random.Random, konton: tuple[str, ...]) -> list[tuple[str, float]]:
    """Ett kostnadsställe använder det viktigaste kontot och ett urval av de övriga."""
    ordnade = sorted(konton, key=lambda k: (-KONTO[k].vikt, k))
    valda = [ordnade[0], *(k for k in ordnade[1:] if rng.random() < 0.6)]
    return [(k, KONTO[k].vikt * rng.uniform(0.6, 1.4)) for k in valda]


def _intervall_konto(text: str) -> tuple[str, str]:
    fran, _, till = text.partition("-")
    return fran, till or fran


def kontrollera_kontoplan() -> None:
    """Varje konto ska ligga i exakt en rad utan varav, och den raden ska motsvara kontots blad."""
    rader = yaml.safe_load(KOSTNADSSLAG_YAML.read_text(encoding="utf-8"))["rader"]

    def traffar(konto: str, rad: dict) -> bool:
        for intervall in rad["konton"]:
            fran, till = _intervall_konto(intervall)
            n = len(fran)
            if fran <= konto[:n] <= till:
                return True
        return False

    for k in KONTOPLAN:
        huvud = [r["namn"] for r in rader if not r.get("varav") and traffar(k.konto, r)]
        varav = [r["namn"] for r in rader if r.get("varav") and traffar(k.konto, r)]
        if len(huvud) != 1 or k.blad not in RAPPORTRAD_BLAD[huvud[0]]:
            raise ValueError(f"konto {k.konto} hamnar i {huvud}, väntat blad {k.blad}")
        if (k.blad == "PENS") != (varav == ["Pensionskostnader"]):
            raise ValueError(f"konto {k.konto}: varav-rader {varav}")
