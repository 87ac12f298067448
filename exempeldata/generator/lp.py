"""Målproblemet som linjärprogram: villkor med önskad marginal, och lösningen med scipy.

De publicerade siffrorna ger villkor på de oavrundade målen (avrundningsintervall, kvoter linjäriserade, lika
rad- och kolumnsummor, tecken). LP:t maximerar en gemensam andel av den önskade marginalen inåt i alla
intervall. Det behövs bara för `--foresla-mal`, inte för att generera filerna, och därför importeras scipy först
när ett problem ska lösas.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Villkor:
    """lo <= a.x <= hi, helst med marginal (samma enhet som a.x) inåt från respektive gräns."""
    namn: str
    a: dict[int, float]
    lo: float
    hi: float
    marginal_lo: float = 0.0
    marginal_hi: float = 0.0


MARGINAL_BELOPP = 0.1  # Mkr in från en .5-gräns
MARGINAL_NOLL = 0.002  # Mkr från noll när "-0"/"0" publicerats
MARGINAL_PROCENT = 0.02  # procentenheter in från en .x5-gräns
MARGINAL_TECKEN = 0.001  # Mkr: belopp som ska ha ett visst tecken


def _intervall(pub: float, decimaler: int) -> tuple[float, float, float, float]:
    """Sant avrundningsintervall och önskade marginaler (undre, övre) för ett publicerat värde."""
    halva = 0.5 * 10**-decimaler
    marg = MARGINAL_BELOPP if decimaler == 0 else MARGINAL_PROCENT
    if pub == 0 and math.copysign(1.0, pub) < 0:
        return -halva, 0.0, marg, MARGINAL_NOLL
    if pub == 0:
        return 0.0, halva, MARGINAL_NOLL, marg
    return pub - halva, pub + halva, marg, marg


class Malproblem:
    def __init__(self) -> None:
        self.index: dict[tuple[str, ...], int] = {}
        self.villkor: list[Villkor] = []

    def var(self, *nyckel: str) -> int:
        return self.index.setdefault(nyckel, len(self.index))

    def summa(self, nycklar: Sequence[tuple[str, ...]], storhet: str, vikt: float = 1.0) -> dict[int, float]:
        return {self.var(*n, storhet): vikt for n in nycklar}

    def intervall(self, namn: str, a: dict[int, float], lo: float, hi: float, mlo: float = 0.0,
                  mhi: float = 0.0) -> None:
        self.villkor.append(Villkor(namn, a, lo, hi, mlo, mhi))

    def avrundas_till(self, namn: str, a: dict[int, float], pub: float, decimaler: int = 0,
                      marginal: float | None = None) -> None:
        lo, hi, mlo, mhi = _intervall(pub, decimaler)
        if marginal is not None:
            mlo, mhi = min(mlo, marginal), min(mhi, marginal)
        self.intervall(namn, a, lo, hi, mlo, mhi)

    def kvot(self, namn: str, taljare: dict[int, float], namnare: dict[int, float], tecken_namnare: int,
             pub_procent: float, forskjut: float, namnare_ungefar: float) -> None:
        """(taljare / n + forskjut) * 100 avrundas till pub_procent (en decimal), n = tecken*namnare > 0.

        Linjärt: q_lo*n <= taljare <= q_hi*n. Marginalen räknas om till belopp via nämnarens ungefärliga
        storlek (procentenheter * |n| / 100).
        """
        lo, hi, mlo, mhi = _intervall(pub_procent, 1)
        for del_, q, (vlo, vhi) in (("undre", lo / 100 - forskjut, (0.0, math.inf)),
                                    ("övre", hi / 100 - forskjut, (-math.inf, 0.0))):
            a = dict(taljare)
            for k, v in namnare.items():
                a[k] = a.get(k, 0.0) - q * tecken_namnare * v
            m = (mlo if del_ == "undre" else mhi) / 100 * abs(namnare_ungefar)
            self.intervall(f"{namn} ({del_})", a, vlo, vhi, m if del_ == "undre" else 0.0,
                           m if del_ == "övre" else 0.0)


def los_malproblem(p: Malproblem) -> tuple[list[float], float]:
    """Lös ett målproblem som LP (scipy). Returnerar x och den gemensamma andelen av önskad marginal."""
    # Importeras här: scipy/numpy behövs bara för detta hjälpsteg, inte för att generera filerna.
    import numpy as np
    from scipy.optimize import linprog

    n = len(p.index)
    # Varje olikhet med önskad marginal m får en slackvariabel s (0 <= s <= m): a.x >= lo + s resp.
    # a.x <= hi - s. Steg A maximerar den gemensamma andelen t (s >= t*m); steg B håller t fast och
    # maximerar summan av s/m så att inget intervall lämnas onödigt nära en gräns.
    olik: list[tuple[np.ndarray, float, float, float]] = []  # (rad, gräns, riktning, marginal)
    a_eq, b_eq = [], []
    for v in p.villkor:
        rad = np.zeros(n)
        for i, k in v.a.items():
            rad[i] = k
        if v.lo == v.hi:
            a_eq.append(rad)
            b_eq.append(v.lo)
            continue
        if v.lo > -math.inf:
            olik.append((rad, v.lo, 1.0, v.marginal_lo))
        if v.hi < math.inf:
            olik.append((rad, v.hi, -1.0, v.marginal_hi))
    m = len(olik)
    # Variabler: x (n), s (m), t (1).
    a_ub = np.zeros((2 * m, n + m + 1))
    b_ub = np.zeros(2 * m)
    for j, (rad, grans, riktning, marg) in enumerate(olik):
        a_ub[j, :n] = -riktning * rad  # riktning*(a.x - grans) >= s
        a_ub[j, n + j] = 1.0
        b_ub[j] = -riktning * grans
        a_ub[m + j, n + j] = -1.0  # s >= t*m
        a_ub[m + j, n + m] = marg
    lp = {"A_ub": a_ub, "b_ub": b_ub, "method": "highs"}
    if a_eq:
        lp["A_eq"] = np.hstack([np.array(a_eq), np.zeros((len(a_eq), m + 1))])
        lp["b_eq"] = np.array(b_eq)
    granser = [(None, None)] * n + [(0.0, max(mg, 0.0)) for *_, mg in olik] + [(0.0, 1.0)]
    c = np.zeros(n + m + 1)
    c[-1] = -1.0
    res = linprog(c, bounds=granser, **lp)
    if res.status != 0:
        raise RuntimeError(f"målproblemet saknar lösning: {res.message}")
    t = res.x[-1] * 0.999
    granser[-1] = (t, 1.0)
    c = np.zeros(n + m + 1)
    for j, (*_, marg) in enumerate(olik):
        if marg > 0:
            c[n + j] = -1.0 / marg
    res = linprog(c, bounds=granser, **lp)
    if res.status != 0:
        raise RuntimeError(f"målproblemet (steg B) saknar lösning: {res.message}")
    return list(res.x[:n]), t


def rundas(p: Malproblem, namn: str, a: dict[int, float], pub: float, marginal: float = MARGINAL_BELOPP) -> None:
    """Heltalsavrundning till pub; ett publicerat "0" får vara ett litet negativt tal."""
    p.intervall(namn, a, pub - 0.5, pub + 0.5, marginal, marginal)


def kombination(*delar: tuple[dict[int, float], float]) -> dict[int, float]:
    ut: dict[int, float] = {}
    for a, vikt in delar:
        for k, v in a.items():
            ut[k] = ut.get(k, 0.0) + vikt * v
    return ut
