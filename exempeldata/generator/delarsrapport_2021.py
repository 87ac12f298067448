"""Delårsrapportens år (2020-2021): regionstyrelsen ur de publicerade målen, övriga nämnder ur mallarna.

Regionstyrelsens siffror ger exakt de publicerade tabellerna i delårsrapporten per april 2021:
1. De valda oavrundade målen (mal.py) görs till heltal per delområde och per blad.
2. Matrisen delområde x blad fylls från en rimlig fröfördelning (data/delarsrapport_2021.yaml) så att rad- och
   kolumnsummorna stämmer exakt i heltal (ören för utfall, kronor för budget), med rätt tecken i varje cell.
3. Varje cell delas på månader, kostnadsställen och konton med största-rest-fördelning (summan bevaras).

Övriga nämnder får rimliga, seedade belopp ur beloppsmallarna, utan publicerade mål.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from .gemensamt import MKR, ORE_PER_KR, fordela, perioder, rng_for
from .kontoplan import BLAD, KONTO, Budget, Utfall, konton_for, sasong, tecken, valj_konton
from .mal import marginaler
from .organisation import MALL_UTFALL_MOT_BUDGET, MALLAR, ORGANISATION, Delomrade, Enhet
from .publicerat import Arsmal

# ---------------------------------------------------------------------------------------------------------
# Matrisen delområde x blad med exakta rad- och kolumnsummor
# ---------------------------------------------------------------------------------------------------------

def _ipf(fro: list[list[float]], rader: list[float], kolumner: list[float]) -> list[list[float]]:
    """Iterativ proportionell anpassning av en icke-negativ matris till givna marginaler."""
    m = [list(r) for r in fro]
    for _ in range(2000):
        for i, mal in enumerate(rader):
            s = sum(m[i])
            if s > 0:
                m[i] = [v * mal / s for v in m[i]]
        storst = 0.0
        for j, mal in enumerate(kolumner):
            s = sum(r[j] for r in m)
            if s > 0:
                for r in m:
                    r[j] *= mal / s
            storst = max(storst, abs(s - mal))
        if storst < 1e-6:
            break
    return m


def _tal_flytt(heltal: dict[tuple[str, str], int], upp: str, ned: str, blad: str, k: int) -> bool:
    """Kan k enheter flyttas från raden ned till raden upp i bladets kolumn utan teckenbyte?"""
    if not (heltal[upp, blad] and heltal[ned, blad]):
        return False
    return heltal[ned, blad] >= k if tecken(blad) > 0 else -heltal[upp, blad] >= k


def fyll_matris(radmal: dict[str, int], kolmal: dict[str, int], fro: dict[str, dict[str, float]]
                ) -> dict[tuple[str, str], int]:
    """Celler (delområde, blad) med intäkter >= 0 och kostnader <= 0 och exakta rad- och kolumnsummor.

    Intäkts- och kostnadsblocken anpassas var för sig (IPF på belopp utan tecken). Varje rads intäkter
    väljs först i proportion till fröet, dock minst radens nettobelopp när det är positivt (en rad med
    positivt netto måste ha intäkter som täcker kostnaderna).
    """
    rader = list(radmal)
    ink = [b for b in BLAD if tecken(b) > 0]
    kost = [b for b in BLAD if tecken(b) < 0]
    ink_tot = float(sum(kolmal[b] for b in ink))
    andel = [sum(fro[r].get(b, 0.0) for b in ink) for r in rader]
    golv = [max(0.0, float(radmal[r])) for r in rader]
    intakt = [max(g, ink_tot * a / sum(andel)) if a > 0 else 0.0 for g, a in zip(golv, andel, strict=True)]
    overskott = sum(intakt) - ink_tot
    utrymme = [i - g for i, g in zip(intakt, golv, strict=True)]
    intakt = [i - overskott * u / sum(utrymme) for i, u in zip(intakt, utrymme, strict=True)]
    kostnad = [i - radmal[r] for i, r in zip(intakt, rader, strict=True)]
    if min(kostnad) < 0:
        raise ValueError("fröet ger negativa kostnader för någon rad")
    celler: dict[tuple[str, str], float] = {}
    for block, radsummor in ((ink, intakt), (kost, kostnad)):
        m = _ipf([[fro[r].get(b, 0.0) for b in block] for r in rader], radsummor,
                 [abs(float(kolmal[b])) for b in block])
        for i, r in enumerate(rader):
            for j, b in enumerate(block):
                celler[r, b] = m[i][j] * tecken(b)
    # Till heltal: kolumnvis största rest (exakta kolumnsummor), sedan jämnas raderna ut genom att flytta
    # enstaka enheter mellan två rader inom samma kolumn.
    heltal: dict[tuple[str, str], int] = {}
    for b in BLAD:
        delar = fordela(kolmal[b], [abs(celler[r, b]) for r in rader]) if kolmal[b] else [0] * len(rader)
        for r, d in zip(rader, delar, strict=True):
            heltal[r, b] = d
    diff = {r: radmal[r] - sum(heltal[r, b] for b in BLAD) for r in rader}
    while any(diff.values()):
        upp = next(r for r in rader if diff[r] > 0)
        ned = next(r for r in rader if diff[r] < 0)
        k = min(diff[upp], -diff[ned])
        # Kolumn där båda cellerna tål flytten utan teckenbyte; störst minsta belopp först.
        kandidater = [b for b in BLAD if _tal_flytt(heltal, upp, ned, b, k)]
        b = max(kandidater, key=lambda b: min(abs(heltal[upp, b]), abs(heltal[ned, b])))
        heltal[upp, b] += k
        heltal[ned, b] -= k
        diff[upp] -= k
        diff[ned] += k
    return heltal


@dataclass
class RsCeller:
    """Regionstyrelsens celler (delområde, blad) per storhet. Utfall i ören, budget i kronor."""
    u21: dict[tuple[str, str], int]  # ack utfall jan..manad
    u20: dict[tuple[str, str], int]  # ack utfall fg år
    b: dict[tuple[str, str], int]  # ack budget
    rest: dict[tuple[str, str], int]  # budget resten av året
    mb: dict[tuple[str, str], int]  # budget periodens månad
    mu: dict[tuple[str, str], int]  # utfall periodens månad


def rs_celler(mal: Arsmal) -> RsCeller:
    m = marginaler(mal.ar)
    rader = [r[0] for r in mal.per_delomrade]

    def fro(storhet: str) -> dict[str, dict[str, float]]:
        f = {r: dict(mal.fro[r]) for r in rader}
        for (r, b), v in mal.fro_avvikande.get(storhet, {}).items():
            f[r][b] = v
        return f

    u21 = fyll_matris(m.u21_rad, m.u21_blad, fro("U21"))
    u20 = fyll_matris(m.u20_rad, m.u20_blad, fro("U20"))
    b = fyll_matris(m.b_rad, m.b_blad, fro("B"))
    rest = fyll_matris({r: m.ab_rad[r] - m.b_rad[r] for r in rader},
                       {k: m.ab_blad[k] - m.b_blad[k] for k in BLAD}, fro("R"))
    # Periodens månad: budget = ack budget / antal månader; utfall = budget + bladets månadsavvikelse,
    # fördelat som ack utfall (en engångspost läggs i stället på sitt delområde).
    mb = {k: round(v / mal.manad) for k, v in b.items()}
    mu: dict[tuple[str, str], int] = {}
    for blad in BLAD:
        kol = sum(mb[r, blad] for r in rader) * ORE_PER_KR + m.mav_blad[blad]
        if blad in mal.engangspost:
            samlare = mal.engangspost[blad]
            for r in rader:
                mu[r, blad] = round(u21[r, blad] / mal.manad)
            mu[samlare, blad] = kol - sum(mu[r, blad] for r in rader if r != samlare)
        else:
            for r, v in zip(rader, fordela(kol, [abs(u21[r, blad]) for r in rader]), strict=True):
                mu[r, blad] = v
    for k, v in mu.items():
        t = tecken(k[1])
        if v * t < 0 or (u21[k] - v) * t < 0:
            raise ValueError(f"periodens utfall för {k} ger fel tecken")
    return RsCeller(u21, u20, b, rest, mb, mu)
# ---------------------------------------------------------------------------------------------------------
# Fördelning på kostnadsställen, konton och månader
# ---------------------------------------------------------------------------------------------------------

def rs_konteringar(d: Delomrade, blad: str, enheter: list[Enhet]) -> list[tuple[str, str, float]]:
    """(kostnadsställe, konto, vikt) som bär en RS-cell."""
    rng = rng_for("rs-kontering", d.namn, blad)
    mojliga = [e for e in enheter if e.basenhet.blad is None or blad in e.basenhet.blad]
    if not mojliga:
        mojliga = enheter[:1]
    deltar = [e for e in mojliga if rng.random() < 0.75] or mojliga[:1]
    par = []
    for e in deltar:
        storlek = rng.uniform(0.4, 1.6)
        for konto, vikt in valj_konton(rng, konton_for(d, blad)):
            par.append((e.kod, konto, storlek * vikt))
    return par


def sprid(mal: dict[tuple[str, str, str], int], belopp: int, ar: int, manader: Sequence[int], blad: str,
          par: list[tuple[str, str, float]], rng: random.Random | None) -> None:
    """Fördela ett belopp på månader (säsongsprofil) och konteringar. rng ger brus (utfall); None = budget."""
    profil = sasong(blad)
    manadsvikt = [profil[m - 1] * (rng.uniform(0.9, 1.1) if rng else 1.0) for m in manader]
    for period, mbelopp in zip(perioder(ar, manader), fordela(belopp, manadsvikt), strict=True):
        vikter = [v * (rng.uniform(0.85, 1.15) if rng else 1.0) for *_, v in par]
        for (enhet, konto, _), del_ in zip(par, fordela(mbelopp, vikter), strict=True):
            if del_:
                nyckel = (period, enhet, konto)
                mal[nyckel] = mal.get(nyckel, 0) + del_


def generera_rs(mal: Arsmal, organisation: list[Enhet], utfall: Utfall, budget: Budget) -> None:
    celler = rs_celler(mal)
    ar, p = mal.ar, mal.manad
    fore, period, efter = range(1, p), [p], range(p + 1, 13)
    per_delomrade = {d.namn: [e for e in organisation if e.delomrade is d]
                     for d in ORGANISATION if d.namnd == mal.namnd}
    delomraden = {d.namn: d for d in ORGANISATION if d.namnd == mal.namnd}
    for (dnamn, blad), u21 in sorted(celler.u21.items()):
        nyckel = (dnamn, blad)
        belopp = (u21, celler.u20[nyckel], celler.b[nyckel], celler.rest[nyckel])
        if not any(belopp):
            continue
        par = rs_konteringar(delomraden[dnamn], blad, per_delomrade[dnamn])
        rng = rng_for("rs-utfall", ar, dnamn, blad)
        mu, mb, rest = celler.mu[nyckel], celler.mb[nyckel], celler.rest[nyckel]
        # Resten av året: utfall ungefär som budget (saknas budget: i takt med hittills).
        rest_utfall = (round(rest * ORE_PER_KR * rng.uniform(0.96, 1.02)) if rest
                       else round(u21 * (12 - p) / p * rng.uniform(0.9, 1.1)))
        rest_fg = round(celler.u20[nyckel] * (12 - p) / p * rng.uniform(0.95, 1.08))
        sprid(utfall, u21 - mu, ar, fore, blad, par, rng)
        sprid(utfall, mu, ar, period, blad, par, rng)
        sprid(utfall, rest_utfall, ar, efter, blad, par, rng)
        sprid(utfall, celler.u20[nyckel], ar - 1, range(1, p + 1), blad, par, rng)
        sprid(utfall, rest_fg, ar - 1, efter, blad, par, rng)
        sprid(budget, celler.b[nyckel] - mb, ar, fore, blad, par, None)
        sprid(budget, mb, ar, period, blad, par, None)
        sprid(budget, rest, ar, efter, blad, par, None)


def generera_ovriga(organisation: list[Enhet], ar: int, utfall: Utfall, budget: Budget) -> None:
    """Nämnder utan publicerade mål: årsbudget per kostnadsställe och blad från mallen, utfall kring den."""
    for e in organisation:
        d = e.delomrade
        if d.mall == "rs":
            continue
        rng = rng_for("ovrig", e.kod)
        storlek = rng.uniform(0.4, 1.6)
        avvikelse = MALL_UTFALL_MOT_BUDGET.get(d.mall, 1.0)
        for blad, (mkr, mallkonton) in MALLAR[d.mall].items():
            if e.basenhet.blad is not None and blad not in e.basenhet.blad:
                continue
            if blad not in ("PERS", "PENS") and rng.random() > 0.85:
                continue
            par = [(e.kod, k, v) for k, v in valj_konton(rng, konton_for(d, blad, mallkonton))]
            t = tecken(blad)
            arsbudget = t * round(mkr * storlek * rng.uniform(0.7, 1.3) * MKR)
            faktor = rng.uniform(0.95, 1.08) if t > 0 else avvikelse * rng.uniform(0.97, 1.04)
            utfall_ar = round(arsbudget * ORE_PER_KR * faktor) + rng.randint(-99, 99) * t
            utfall_fg = round(utfall_ar / rng.uniform(1.01, 1.06))
            sprid(budget, arsbudget, ar, range(1, 13), blad, par, None)
            sprid(utfall, utfall_ar, ar, range(1, 13), blad, par, rng)
            sprid(utfall, utfall_fg, ar - 1, range(1, 13), blad, par, rng)


def kontrollera_rs(mal: Arsmal, organisation: list[Enhet], utfall: Utfall, budget: Budget) -> None:
    """Summera de genererade raderna tillbaka till delområde x blad och jämför med målen."""
    enhet = {e.kod: e for e in organisation}
    celler = rs_celler(mal)
    ar, p = mal.ar, mal.manad
    summor: dict[tuple[str, str, str], int] = {}
    for (period, kod, konto), v in utfall.items():
        e = enhet[kod]
        if e.delomrade.namnd != mal.namnd:
            continue
        pa, pm = int(period[:4]), int(period[4:])
        if pm <= p and pa in (ar, ar - 1):
            k = ("u21" if pa == ar else "u20", e.delomrade.namn, KONTO[konto].blad)
            summor[k] = summor.get(k, 0) + v
    for (period, kod, konto), v in budget.items():
        e = enhet[kod]
        if e.delomrade.namnd == mal.namnd and int(period[4:]) <= p:
            k = ("b", e.delomrade.namn, KONTO[konto].blad)
            summor[k] = summor.get(k, 0) + v
    for storhet, c in (("u21", celler.u21), ("u20", celler.u20), ("b", celler.b)):
        for (d, b), v in c.items():
            if summor.get((storhet, d, b), 0) != v:
                raise ValueError(f"{storhet} {d} {b}: {summor.get((storhet, d, b), 0)} != {v}")

