"""Det som alla delar av generatorn använder: kataloger, datafilerna, exakt avrundning, heltalsfördelning,
namngivna slumpströmmar och CSV-skrivning."""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

EXEMPELDATA = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
PUBLICERAT_YAML = EXEMPELDATA / "publicerat.yaml"
KOSTNADSSLAG_YAML = EXEMPELDATA.parent / "konfig" / "kostnadsslag.yaml"

# Fröna är en del av datan: ändras de blir varje fil en annan.
FRO = "rapportverk-exempeldata-v1"
FRO_REGION = "rapportverk-exempeldata-region-v1"

MKR = 1_000_000
ORE_PER_KR = 100


def las_yaml(namn: str) -> Any:
    """En av generatorns datafiler (data/namn)."""
    return yaml.safe_load((DATA / namn).read_text(encoding="utf-8"))


def las_csv(namn: str) -> list[dict[str, str]]:
    """En av generatorns CSV-filer (data/namn: semikolon, UTF-8, rubrikrad)."""
    with (DATA / namn).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


# ---------------------------------------------------------------------------------------------------------
# Avrundning (halva bort från noll) på exakta tal
# ---------------------------------------------------------------------------------------------------------

def avrunda(varde: Fraction, decimaler: int) -> Fraction:
    skala = 10**decimaler
    a = abs(varde) * skala
    heltal = math.floor(a + Fraction(1, 2))
    return Fraction(heltal if varde >= 0 else -heltal, skala)


def stammer(varde: Fraction, publicerat: float, decimaler: int) -> bool:
    """Avrundas värdet till det publicerade? "-0" kräver ett negativt värde, "0" ett icke-negativt."""
    if avrunda(varde, decimaler) != Fraction(publicerat).limit_denominator(10**decimaler):
        return False
    if publicerat == 0:
        return (varde < 0) == (math.copysign(1.0, publicerat) < 0)
    return True


# ---------------------------------------------------------------------------------------------------------
# Heltalsfördelning och slump
# ---------------------------------------------------------------------------------------------------------

def fordela(total: int, vikter: Sequence[float]) -> list[int]:
    """Dela ett heltal efter vikter (>= 0) med största-rest-metoden; summan bevaras exakt, tecknet följer."""
    summa_vikt = sum(vikter)
    if total == 0 or summa_vikt <= 0:
        if total != 0:
            raise ValueError("kan inte fördela ett belopp utan vikter")
        return [0] * len(vikter)
    absolut = abs(total)
    exakt = [absolut * v / summa_vikt for v in vikter]
    delar = [math.floor(e) for e in exakt]
    rest = absolut - sum(delar)
    ordning = sorted(range(len(vikter)), key=lambda i: (-(exakt[i] - delar[i]), i))
    for i in ordning[:rest]:
        delar[i] += 1
    return delar if total > 0 else [-d for d in delar]


def perioder(ar: int, manader: Sequence[int]) -> list[str]:
    """Huvudbokens perioder (ÅÅÅÅMM) för årets månader."""
    return [f"{ar}{m:02d}" for m in manader]


def rng_for(*delar: object) -> random.Random:
    """Egen slumpström per sammanhang: oberoende av i vilken ordning övrigt genereras."""
    return random.Random("|".join([FRO, *map(str, delar)]))


def rng_region(*delar: object) -> random.Random:
    """Slumpströmmarna för regionens filer (balans), med eget frö."""
    return random.Random("|".join([FRO_REGION, *map(str, delar)]))


# ---------------------------------------------------------------------------------------------------------
# Skrivning
# ---------------------------------------------------------------------------------------------------------

def skriv_text(ut: Path, namn: str, text: str, kodning: str = "utf-8") -> None:
    (ut / namn).write_bytes(text.encode(kodning))


def csv_text(rader: Sequence[Sequence[object]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerows(rader)
    return buf.getvalue()


def decimaltal(varde: float, decimaler: int) -> str:
    """Med decimalkomma, som exporterna."""
    return f"{varde:.{decimaler}f}".replace(".", ",")
