"""Personal (personal.csv): månadsavlönade, tillsvidareanställda, ordinarie och sjukfrånvarotimmar per nämnd, kön
och åldersgrupp, 2020-01..2024-12 (data/personal.yaml). Timmar i tiondelar internt.

Regionstyrelsens siffror för januari-april 2021 och sjukfrånvaron i mars 2021, och antalet anställda i augusti
2023 och 2024, är de publicerade (exempeldata/publicerat.yaml).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from .gemensamt import csv_text, decimaltal, fordela, las_yaml, rng_for, skriv_text
from .organisation import NAMNDER, RS
from .publicerat import ANSTALLDA_AUGUSTI, MEDARBETARE_2021, avrundas_till, tal

_DATA = las_yaml("personal.yaml")
PERSONAL_AR = range(_DATA["ar"][0], _DATA["ar"][1] + 1)
ALDERSGRUPPER: tuple[str, ...] = tuple(_DATA["aldersgrupper"])
# Genomsnittligt antal månadsavlönade per år och andel män.
PERSONAL_BAS: dict[str, tuple[tuple[int, ...], float]] = {
    namnd: (tuple(d["antal"]), d["andel_man"]) for namnd, d in _DATA["bas"].items()}
ALDERSANDEL: tuple[float, ...] = tuple(_DATA["aldersandel"])
TILLSVIDAREANDEL: dict[str, float] = _DATA["tillsvidareandel"]
SJUK_BAS = {(kon, namnd): v for kon, per_namnd in _DATA["sjuk_bas"].items() for namnd, v in per_namnd.items()}
SJUK_ALDER: dict[str, float] = _DATA["sjuk_alder"]
SJUK_SASONG: tuple[float, ...] = tuple(_DATA["sjuk_sasong"])
SJUK_AR: dict[int, float] = _DATA["sjuk_ar"]
SYSSELSATTNING: dict[str, float] = _DATA["sysselsattning"]
# Publicerat: regionstyrelsen januari-april 2021 (genomsnitt per månad) och jämförelsen med 2020.
_ANSTALLDA_2021 = {kon: tal(v) for kon, v in MEDARBETARE_2021["anstallda"].items()}
PERSONAL_RS_2021 = {
    "anstallda": _ANSTALLDA_2021,
    "tillsvidare": {kon: tal(v) for kon, v in MEDARBETARE_2021["tillsvidareanstallda"].items()},
    "fg_totalt": sum(_ANSTALLDA_2021.values()) - tal(MEDARBETARE_2021["anstallda_forandring_mot_fg"]),
}
SJUK_RS_MARS_2021 = {kon: Fraction(v) / 100 for kon, v in _DATA["sjuk_rs_mars_2021_procent"].items()}
PERSONAL_AUGUSTI: dict[int, dict[str, int]] = _DATA["anstallda_augusti"]


@dataclass
class Personalrad:
    anstallda: int
    tillsvidare: int
    ordinarie: int  # tiondels timmar
    sjuk: int  # tiondels timmar
    utan_sjuk: int


def _manadstotal(namnd: str, ar: int) -> list[int]:
    """Antal månadsavlönade per månad (alla grupper) med sommarvikariat och lite brus."""
    rng = rng_for("personal-antal", namnd, ar)
    bas = PERSONAL_BAS[namnd][0][ar - PERSONAL_AR[0]]
    sommar = (1.0, 1.0, 1.0, 1.0, 1.0, 1.015, 1.025, 1.01, 1.0, 1.0, 1.0, 0.995)
    tot = [round(bas * s * rng.uniform(0.997, 1.003)) for s in sommar]
    if namnd == RS and ar == 2020:  # jan-apr 2020: publicerat 11 fler än 2021 i genomsnitt
        tot[:4] = fordela(4 * PERSONAL_RS_2021["fg_totalt"], tot[:4])
    if ar in PERSONAL_AUGUSTI:
        tot[7] = PERSONAL_AUGUSTI[ar][namnd]
    return tot


def _dela_kon(namnd: str, ar: int, tot: list[int]) -> dict[str, list[int]]:
    andel_m = PERSONAL_BAS[namnd][1]
    man = [round(t * andel_m) for t in tot]
    if namnd == RS and ar == 2021:
        mal = PERSONAL_RS_2021["anstallda"]
        man[:4] = fordela(4 * mal["M"], tot[:4])
        kvinnor = fordela(4 * mal["K"], tot[:4])
        tot[:4] = [m + k for m, k in zip(man[:4], kvinnor, strict=True)]
    return {"M": man, "K": [t - m for t, m in zip(tot, man, strict=True)]}


def generera_personal() -> dict[tuple[str, str, str, str], Personalrad]:
    """(period ÅÅÅÅ-MM, nämnd, kön, åldersgrupp) -> rad."""
    ut: dict[tuple[str, str, str, str], Personalrad] = {}
    for namnd in PERSONAL_BAS:
        for ar in PERSONAL_AR:
            rng = rng_for("personal", namnd, ar)
            per_kon = _dela_kon(namnd, ar, _manadstotal(namnd, ar))
            alder_andel = [a * rng.uniform(0.9, 1.1) for a in ALDERSANDEL]
            for kon, antal in per_kon.items():
                # Tillsvidare per kön och månad; RS jan-apr 2021 ger det publicerade genomsnittet.
                tv_andel = sum(a * TILLSVIDAREANDEL[g] for a, g in zip(alder_andel, ALDERSGRUPPER, strict=True)) \
                    / sum(alder_andel)
                tillsvidare = [round(n * tv_andel * rng.uniform(0.995, 1.005)) for n in antal]
                if namnd == RS and ar == 2021:
                    tillsvidare[:4] = fordela(4 * PERSONAL_RS_2021["tillsvidare"][kon], antal[:4])
                utan_andel = 1.0
                for m in range(1, 13):
                    period = f"{ar}-{m:02d}"
                    grupper = fordela(antal[m - 1], alder_andel)
                    tv = fordela(tillsvidare[m - 1], [g * TILLSVIDAREANDEL[a] for g, a
                                                       in zip(grupper, ALDERSGRUPPER, strict=True)])
                    sjuk_pct = SJUK_BAS.get((kon, namnd), SJUK_BAS[kon, RS]) * SJUK_AR[ar] * SJUK_SASONG[m - 1]
                    if ar == 2020 and m in (3, 4, 5):
                        sjuk_pct *= 1.45  # pandemins första våg
                    utan_andel *= 0.86 if m == 1 else rng.uniform(0.91, 0.95)
                    for g, n, t in zip(ALDERSGRUPPER, grupper, tv, strict=True):
                        dagar = 21 + (m in (1, 3, 5, 8, 10)) - (m in (6, 12)) - 2 * (m == 7)
                        ordinarie = round(n * dagar * 8 * SYSSELSATTNING[kon] * rng.uniform(0.98, 1.02) * 10)
                        sjuk = round(ordinarie * sjuk_pct / 100 * SJUK_ALDER[g] * rng.uniform(0.9, 1.1))
                        utan = min(n, round(n * utan_andel / SJUK_ALDER[g] ** 2))
                        ut[period, namnd, kon, g] = Personalrad(n, min(t, n), ordinarie, sjuk, utan)
    _sjuk_rs_mars_2021(ut)
    kontrollera_personal(ut)
    kontrollera_augusti()
    return ut


def _sjuk_rs_mars_2021(ut: dict[tuple[str, str, str, str], Personalrad]) -> None:
    """Regionstyrelsen mars 2021: sjukfrånvaro kvinnor, män och totalt som publicerat. Männens ordinarie
    timmar sätts så att totalen blir rätt: andel = (K - totalt) / (K - M)."""
    p = SJUK_RS_MARS_2021
    andel_m = (p["K"] - p["totalt"]) / (p["K"] - p["M"])
    rader = {kon: [ut["2021-03", RS, kon, g] for g in ALDERSGRUPPER] for kon in ("K", "M")}
    ord_k = sum(r.ordinarie for r in rader["K"])
    ord_m = round(ord_k * andel_m / (1 - andel_m))
    for r, v in zip(rader["M"], fordela(ord_m, [r.ordinarie for r in rader["M"]]), strict=True):
        r.ordinarie = v
    for kon in ("K", "M"):
        summa_ord = sum(r.ordinarie for r in rader[kon])
        sjuk = round(summa_ord * p[kon])
        for r, v in zip(rader[kon], fordela(sjuk, [r.sjuk for r in rader[kon]]), strict=True):
            r.sjuk = v


def kontrollera_personal(ut: dict[tuple[str, str, str, str], Personalrad]) -> None:
    def summa(falt: str, namnd: str, perioder: Sequence[str], kon: str | None = None) -> int:
        return sum(getattr(r, falt) for (p, n, k, _), r in ut.items()
                   if n == namnd and p in perioder and (kon is None or k == kon))

    jan_apr = [f"2021-{m:02d}" for m in range(1, 5)]
    for kon in ("M", "K"):
        if summa("anstallda", RS, jan_apr, kon) != 4 * PERSONAL_RS_2021["anstallda"][kon]:
            raise ValueError(f"RS anställda jan-apr 2021 {kon}")
        if summa("tillsvidare", RS, jan_apr, kon) != 4 * PERSONAL_RS_2021["tillsvidare"][kon]:
            raise ValueError(f"RS tillsvidare jan-apr 2021 {kon}")
    if summa("anstallda", RS, [f"2020-{m:02d}" for m in range(1, 5)]) != 4 * PERSONAL_RS_2021["fg_totalt"]:
        raise ValueError("RS anställda jan-apr 2020")
    for kon, tryckt in MEDARBETARE_2021["sjukfranvaro_mars"].items():
        del_ = None if kon == "totalt" else kon
        pct = Fraction(summa("sjuk", RS, ["2021-03"], del_) * 100, summa("ordinarie", RS, ["2021-03"], del_))
        if not avrundas_till(pct, tryckt):
            raise ValueError(f"RS sjukfrånvaro mars 2021 {kon}: {float(pct)}")
    for ar, per_namnd in PERSONAL_AUGUSTI.items():
        for namnd, antal in per_namnd.items():
            if summa("anstallda", namnd, [f"{ar}-08"]) != antal:
                raise ValueError(f"anställda augusti {ar} {namnd}")
    for r in ut.values():
        if not (0 <= r.tillsvidare <= r.anstallda and 0 <= r.utan_sjuk <= r.anstallda and r.sjuk <= r.ordinarie):
            raise ValueError(f"orimlig personalrad {r}")


def kontrollera_augusti() -> None:
    """Antalet anställda i augusti ger månadsrapportens tal: regionen och förändringen per nämnd."""
    pub = ANSTALLDA_AUGUSTI
    a23, a24 = PERSONAL_AUGUSTI[2023], PERSONAL_AUGUSTI[2024]
    fel = [ar for ar, per_namnd in PERSONAL_AUGUSTI.items() if sum(per_namnd.values()) != tal(pub["regionen"][ar])]
    for namnd, per_namnd in pub.items():
        if namnd == "regionen":
            continue
        if "forandring" in per_namnd and a24[namnd] - a23[namnd] != tal(per_namnd["forandring"]):
            fel.append(namnd)
        if 2024 in per_namnd and a24[namnd] != tal(per_namnd[2024]):
            fel.append(namnd)
    if fel:
        raise ValueError(f"anställda i augusti stämmer inte med månadsrapporten: {fel}")


def skriv_personal(ut: Path) -> None:
    personal = generera_personal()
    rader = [("period", "namnd", "kon", "aldersgrupp", "anstallda", "tillsvidareanstallda", "ordinarie_timmar",
              "sjuk_timmar", "utan_sjukfranvaro")]
    for (period, namnd, kon, g), r in sorted(personal.items(), key=lambda x: (x[0][0], [n for n, *_ in NAMNDER].index(
            x[0][1]), x[0][2], ALDERSGRUPPER.index(x[0][3]))):
        rader.append((period, namnd, kon, g, r.anstallda, r.tillsvidare, decimaltal(r.ordinarie / 10, 1),
                      decimaltal(r.sjuk / 10, 1), r.utan_sjuk))
    skriv_text(ut, "personal.csv", csv_text(rader))

