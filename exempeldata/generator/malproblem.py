"""Villkoren som de publicerade siffrorna ställer på de oavrundade målen, som målproblem (lp.py).

Delårsrapporten: storheter i Mkr per delområde (rad) och per blad: U21 = ack utfall i år, U20 = ack utfall fg år,
B = ack budget, AB = årsbudget och för blad MAV = periodens månadsavvikelse. Månadsrapporten löses som två LP:
Mkr-tabellerna (regionstyrelsen och regionens resultat hänger ihop genom regionstyrelsens rad) och
reduktionsplanen i tkr. Där får ett publicerat "0" vara ett litet negativt tal (tabellerna visar aldrig "-0").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .kontoplan import BLAD, RAPPORTRAD_BLAD, tecken
from .lp import MARGINAL_TECKEN, Malproblem, kombination, rundas
from .organisation import RS
from .publicerat import Arsmal, Manadsmal


def bygg_malproblem(mal: Arsmal) -> Malproblem:
    p = Malproblem()
    radnycklar = [("rad", r[0]) for r in mal.per_delomrade]
    bladnycklar = [("blad", b) for b in BLAD]
    budget_noll = {b for namn, *_, pct, ab in mal.per_kostnadsslag if pct is None and ab == 0
                   for b in RAPPORTRAD_BLAD[namn]}

    def linje(namn: str, nycklar: list[tuple[str, ...]], utfall: float, utfall_fg: float | None,
              utv: float, avv: float, avv_pct: float | None, arsbudget: float,
              manadsavv: float | None) -> None:
        u21, u20 = p.summa(nycklar, "U21"), p.summa(nycklar, "U20")
        b, ab = p.summa(nycklar, "B"), p.summa(nycklar, "AB")
        p.avrundas_till(f"{namn}: ack utfall", u21, utfall)
        if utfall_fg is not None:
            p.avrundas_till(f"{namn}: ack utfall fg", u20, utfall_fg)
        sgn = -1 if math.copysign(1.0, utfall) < 0 else 1
        p.intervall(f"{namn}: tecken utfall fg", {k: sgn * v for k, v in u20.items()}, MARGINAL_TECKEN,
                    math.inf)
        # Utfall och utfall fg har samma tecken: kvoten är (sgn*U21) / (sgn*U20).
        p.kvot(f"{namn}: utveckling", {k: sgn * v for k, v in u21.items()}, u20, sgn, utv, forskjut=-1.0,
               namnare_ungefar=utfall / (1 + utv / 100))
        av = dict(u21)
        for k in b:
            av[k] = av.get(k, 0.0) - 1.0
        p.avrundas_till(f"{namn}: ack avvikelse", av, avv)
        if manadsavv is not None:
            p.avrundas_till(f"{namn}: månadsavvikelse", p.summa(nycklar, "MAV"), manadsavv)
        if avv_pct is None:
            return
        p.avrundas_till(f"{namn}: årsbudget", ab, arsbudget)
        beta = 1 if utfall - avv > 0 else -1
        p.intervall(f"{namn}: tecken budget", {k: beta * v for k, v in b.items()}, 0.5, math.inf)
        p.kvot(f"{namn}: avvikelse %", av, b, beta, avv_pct, forskjut=0.0, namnare_ungefar=utfall - avv)

    for (namn, *varden), nyckel in zip(mal.per_delomrade, radnycklar, strict=True):
        linje(namn, [nyckel], *varden, None)
    linje("Summa delområden", radnycklar, *mal.summa, None)
    for namn, mav, utfall, utv, avv, pct, ab in mal.per_kostnadsslag:
        linje(namn, [("blad", b) for b in RAPPORTRAD_BLAD[namn]], utfall, None, utv, avv, pct, ab, mav)
    s = mal.summa
    linje("Summa kostnadsslag", bladnycklar, s[0], None, s[2], s[3], s[4], s[5], mal.summa_manadsavvikelse)
    for namn, varde in mal.ledtradar:
        p.avrundas_till(f"{namn}: ledtråd ack avvikelse", {p.var("rad", namn, "U21"): 1.0,
                                                           p.var("rad", namn, "B"): -1.0}, varde, 1, 0.01)
    # Rader och kolumner ska ha samma totaler.
    for q in ("U21", "U20", "B", "AB"):
        a = p.summa(radnycklar, q)
        a.update(p.summa(bladnycklar, q, -1.0))
        p.intervall(f"lika summa {q}", a, 0.0, 0.0)
    # Tecken per blad, även för resten av årets budget och för periodens månad (som fylls med
    # ack budget / antal månader plus månadsavvikelsen) så att cellerna sedan kan fyllas med rätt tecken.
    andel = 1.0 / mal.manad
    for blad in BLAD:
        t = tecken(blad)
        for q in ("U21", "U20"):
            p.intervall(f"{blad}: tecken {q}", {p.var("blad", blad, q): t}, MARGINAL_TECKEN, math.inf)
        b, ab, mav, u21 = (p.var("blad", blad, q) for q in ("B", "AB", "MAV", "U21"))
        if blad in budget_noll:
            p.intervall(f"{blad}: ingen budget", {b: 1.0}, 0.0, 0.0)
            p.intervall(f"{blad}: ingen årsbudget", {ab: 1.0}, 0.0, 0.0)
        else:
            p.intervall(f"{blad}: tecken resten av året", {ab: t, b: -t}, 1.0, math.inf)
        p.intervall(f"{blad}: tecken periodens utfall", {b: andel * t, mav: t}, MARGINAL_TECKEN, math.inf)
        p.intervall(f"{blad}: tecken tidigare månader", {u21: t, b: -andel * t, mav: -t}, MARGINAL_TECKEN,
                    math.inf)
    return p


def bygg_manadsproblem(mal: Manadsmal) -> Malproblem:
    p = Malproblem()
    rs = [r[0] for r in mal.rs]
    for d, mu, mb, mav, ufg, u, av in mal.rs:
        x = {q: {p.var("rs", d, q): 1.0} for q in ("MU", "MB", "UFG", "U", "B", "AB")}
        rundas(p, f"{d}: utfall månad", x["MU"], mu)
        rundas(p, f"{d}: budget månad", x["MB"], mb)
        rundas(p, f"{d}: avvikelse månad", kombination((x["MU"], 1), (x["MB"], -1)), mav)
        rundas(p, f"{d}: ack utfall fg", x["UFG"], ufg)
        rundas(p, f"{d}: ack utfall", x["U"], u)
        rundas(p, f"{d}: ack avvikelse", kombination((x["U"], 1), (x["B"], -1)), av)
        for q in x:  # kostnader: alla belopp negativa
            p.intervall(f"{d}: tecken {q}", {p.var("rs", d, q): -1.0}, 0.05, math.inf)
        # Årsbudget: ack budget för tio månader plus en rimlig rest (nämndens 1,22 +- 0,025).
        p.intervall(f"{d}: årsbudget (övre)", kombination((x["AB"], 1), (x["B"], -1.20)), -math.inf, 0.0)
        p.intervall(f"{d}: årsbudget (undre)", kombination((x["AB"], 1), (x["B"], -1.245)), 0.0, math.inf)
        # Månadens budget är en rimlig del av ack budget.
        p.intervall(f"{d}: månadsbudget", kombination((x["MB"], 1), (x["B"], -0.07)), -math.inf, 0.0)

    def rs_summa(q: str) -> dict[int, float]:
        return p.summa([("rs", d) for d in rs], q)

    mu, mb, mav, ufg, u, av = mal.rs_summa
    rundas(p, "RS summa: utfall månad", rs_summa("MU"), mu)
    rundas(p, "RS summa: budget månad", rs_summa("MB"), mb)
    rundas(p, "RS summa: avvikelse månad", kombination((rs_summa("MU"), 1), (rs_summa("MB"), -1)), mav)
    rundas(p, "RS summa: ack utfall fg", rs_summa("UFG"), ufg)
    rundas(p, "RS summa: ack utfall", rs_summa("U"), u)
    rundas(p, "RS summa: ack avvikelse", kombination((rs_summa("U"), 1), (rs_summa("B"), -1)), av)

    def rad(nyckel: tuple[str, str], q: str) -> dict[int, float]:
        if nyckel == ("n", RS):
            return rs_summa(q)
        return {p.var(*nyckel, q): 1.0}

    def linje(namn: str, delar: list[tuple[tuple[str, str], float]], pub: Sequence[float],
              summa: bool = False) -> None:
        x = {q: kombination(*((rad(n, q), v) for n, v in delar)) for q in ("UFG", "U", "B", "AB")}
        ufg, u, b, av, ab = pub
        rundas(p, f"{namn}: ack utfall fg", x["UFG"], ufg)
        rundas(p, f"{namn}: ack utfall", x["U"], u)
        rundas(p, f"{namn}: ack budget", x["B"], b)
        rundas(p, f"{namn}: ack avvikelse", kombination((x["U"], 1), (x["B"], -1)), av)
        rundas(p, f"{namn}: årsbudget", x["AB"], ab)
        if summa:
            return
        # Årsbudget = ack budget (tio månader) plus en rimlig rest.
        t = 1 if b > 0 else -1
        p.intervall(f"{namn}: årsbudget mot ack budget (undre)", kombination((x["AB"], t), (x["B"], -1.17 * t)),
                    0.0, math.inf)
        p.intervall(f"{namn}: årsbudget mot ack budget (övre)", kombination((x["AB"], t), (x["B"], -1.26 * t)),
                    -math.inf, 0.0)

    namnder = [("n", r[0]) for r in mal.namnder]
    rr = {r[0]: ("r", r[0]) for r in mal.regionrader}
    for (namn, *pub), nyckel in zip(mal.namnder, namnder, strict=True):
        linje(namn, [(nyckel, 1.0)], pub)
    for namn, *pub in mal.regionrader:
        linje(namn, [(rr[namn], 1.0)], pub)
        t = 1 if pub[1] > 0 else -1
        for q in ("UFG", "U", "B", "AB"):
            p.intervall(f"{namn}: tecken {q}", {p.var(*rr[namn], q): t}, 0.05, math.inf)
    skatter = [(rr["Skatteintäkter"], 1.0), (rr["Generella statsbidrag"], 1.0)]
    finans = [(rr["Finansiella likvidströmmar"], 1.0), (rr["Finansiella värderegleringar"], 1.0)]
    vnk = [(n, 1.0) for n in namnder]
    summor = {"Verksamhetens nettokostnader": vnk, "Summa skatter och statsbidrag": skatter,
              "Verksamhetens resultat": vnk + skatter, "Summa finansnetto": finans,
              "Resultat": vnk + skatter + finans}
    for namn, *pub in mal.summor:
        linje(namn, summor[namn], pub, summa=True)
    return p


def bygg_resproblem(mal: Manadsmal) -> Malproblem:
    """Reduktionsplanen i tkr med kostnader positiva: plan = fg * (1 - minskning)."""
    p = Malproblem()
    f = float(1 - mal.resor_minskning)

    def linje(namn: str, u: dict[int, float], ufg: dict[int, float], pub: Sequence[float]) -> None:
        pu, pufg, pplan, pdplan, pdfg = pub
        rundas(p, f"{namn}: ack utfall", u, pu)
        rundas(p, f"{namn}: ack utfall fg", ufg, pufg)
        rundas(p, f"{namn}: plan", kombination((ufg, f)), pplan)
        rundas(p, f"{namn}: diff mot plan", kombination((u, 1), (ufg, -f)), pdplan)
        rundas(p, f"{namn}: diff mot fg", kombination((u, 1), (ufg, -1)), pdfg)

    for namn, *pub in mal.resor:
        linje(namn, {p.var("resa", namn, "U"): 1.0}, {p.var("resa", namn, "UFG"): 1.0}, pub)
    linje("Total", p.summa([("resa", r[0]) for r in mal.resor], "U"),
          p.summa([("resa", r[0]) for r in mal.resor], "UFG"), mal.resor_summa)
    return p

