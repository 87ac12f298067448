"""Månadsrapportens år (2023-2024): alla nämnder, med regiondirektörens månadsrapport per oktober 2024 exakt.

Regionstyrelsen har från 2023 en ny indelning (organisation.yaml: omorganisation) och en finansförvaltning som bär
regionens skatteintäkter, generella statsbidrag och finansnetto (konton 8xxx). Målen (mal.py) fördelas per grupp
(regionstyrelsens delområde, en annan nämnd eller en regionrad) och månadsintervall; efteråt räknas varje
publicerad siffra om ur de genererade raderna. Resekostnader bokas bara på resekontona, så att reduktionsplanen
(konto 7100-7199) går att läsa ur huvudboken.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .gemensamt import MKR, ORE_PER_KR, fordela, las_yaml, rng_for
from .kontoplan import INTAKTSBLAD, Budget, Utfall, konton_for, sasong, valj_konton
from .mal import BUDGETSTORHETER, Manadsheltal, jamfor_manadsmal, manadsheltal, manadsvarden
from .organisation import FINANSFORVALTNING, MALLAR, NAMNDER, RS, Delomrade, Enhet, finans_enheter, ny_placering
from .publicerat import Manadsmal

_DATA = las_yaml("manadsrapport_2024.yaml")
RESEKONTON: tuple[str, ...] = tuple(_DATA["resekonton"])
NYA_KONTON: dict[str, str] = _DATA["nya_konton"]
# Regionrad -> (kostnadsställets löpnummer i finansförvaltningen, konton med vikt).
REGIONRAD_KONTON: dict[str, tuple[int, tuple[tuple[str, float], ...]]] = {
    namn: (d["kostnadsstalle"], tuple(d["konton"].items())) for namn, d in _DATA["regionrad_konton"].items()}
FRO_NY_RS: dict[str, dict[str, float]] = _DATA["fro_ny_indelning"]
BUDGET_FG_MOT_UTFALL: dict[str, float] = _DATA["budget_fg_mot_utfall"]
_VINST = _DATA["realisationsvinst"]
REALISATIONSVINST = (_VINST["period"], _VINST["kostnadsstalle"], _VINST["kronor"] * ORE_PER_KR)  # ören


# Celler: (kostnadsställe, konto, blad, vikt). En grupp är ett delområde (RS), en hel nämnd eller en regionrad.
Cell = tuple[str, str, str, float]


@dataclass
class Grupp:
    namn: str
    namnd: str
    celler: list[Cell]  # verksamhetens (eller regionradens) konteringar
    resceller: list[Cell]  # resekostnader (7120/7130)
    tecken: int = -1  # nettots tecken (regionrader kan vara positiva)

    @property
    def intaktskvot(self) -> float:
        """Intäkter / kostnader i fröet: nettot delas så att bruttot får samma proportion."""
        ink = sum(v for _, _, b, v in self.celler if b in INTAKTSBLAD)
        kost = sum(v for _, _, b, v in self.celler if b not in INTAKTSBLAD)
        return ink / kost if kost else 0.0


def konton_ny(d: Delomrade, blad: str, mallkonton: tuple[str, ...] | None = None) -> tuple[str, ...]:
    konton = [NYA_KONTON.get(k, k) for k in konton_for(d, blad, mallkonton)]
    return tuple(dict.fromkeys(konton))


def _resceller(rng: random.Random, enheter: list[Enhet], vikt: float) -> list[Cell]:
    """Resekostnader på kostnadsställen med personal (7120 alltid, 7130 ibland)."""
    med_personal = [e for e in enheter if e.basenhet.blad is None or "PERS" in e.basenhet.blad] or enheter[:1]
    celler: list[Cell] = []
    for e in med_personal:
        if rng.random() > 0.8 and celler:
            continue
        storlek = vikt * rng.uniform(0.5, 1.5)
        celler.append((e.kod, "7120", "OVRIGT", 2.0 * storlek))
        if rng.random() < 0.6:
            celler.append((e.kod, "7130", "OVRIGT", 1.0 * storlek))
    return celler


def bygg_grupper(organisation: list[Enhet]) -> list[Grupp]:
    grupper: list[Grupp] = []
    # Regionstyrelsen: ett delområde i den nya indelningen per grupp, konton som kostnadsställets gamla
    # delområde hade.
    for namn in FRO_NY_RS:
        enheter = [e for e in organisation if e.delomrade.namnd == RS and ny_placering(e)[0] == namn]
        rng = rng_for("manad-rs", namn)
        celler: list[Cell] = []
        for blad, mkr in FRO_NY_RS[namn].items():
            mojliga = [e for e in enheter if e.basenhet.blad is None or blad in e.basenhet.blad] or enheter[:1]
            deltar = [e for e in mojliga if rng.random() < 0.75] or mojliga[:1]
            par = [(e.kod, k, rng.uniform(0.4, 1.6) * v) for e in deltar
                   for k, v in valj_konton(rng, konton_ny(e.delomrade, blad))]
            summa = sum(v for *_, v in par)
            celler += [(kod, k, blad, mkr * v / summa) for kod, k, v in par]
        grupper.append(Grupp(namn, RS, celler, _resceller(rng, enheter, 1.0)))
    # Övriga nämnder: en grupp per nämnd, fröet ur mallarna.
    for nid, _, _ in NAMNDER[1:]:
        celler = []
        resceller: list[Cell] = []
        for e in (e for e in organisation if e.delomrade.namnd == nid):
            d = e.delomrade
            rng = rng_for("manad-ovrig", e.kod)
            storlek = rng.uniform(0.4, 1.6)
            for blad, (mkr, mallkonton) in MALLAR[d.mall].items():
                if e.basenhet.blad is not None and blad not in e.basenhet.blad:
                    continue
                if blad not in ("PERS", "PENS") and rng.random() > 0.85:
                    continue
                valda = valj_konton(rng, konton_ny(d, blad, mallkonton))
                summa = sum(v for _, v in valda)
                belopp = mkr * storlek * rng.uniform(0.7, 1.3)
                celler += [(e.kod, k, blad, belopp * v / summa) for k, v in valda]
            resceller += _resceller(rng, [e], storlek)
        grupper.append(Grupp(nid, nid, celler, resceller))
    # Regionens rader i finansförvaltningen.
    fin = finans_enheter(organisation)
    for namn, (lopnr, konton) in REGIONRAD_KONTON.items():
        grupper.append(Grupp(namn, RS, [(fin[lopnr].kod, k, namn, v) for k, v in konton], []))
    return grupper


def _lagg(mal: dict[tuple[str, str, str], int], ar: int, manader: Sequence[int], celler: list[Cell], belopp: int,
          rng: random.Random | None) -> None:
    """Fördela ett belopp på månader x celler (säsong per blad; rng ger brus för utfall)."""
    if belopp == 0:
        return
    if not celler:
        raise ValueError("belopp utan konteringar")
    nycklar, vikter = [], []
    for m in manader:
        for kod, konto, blad, v in celler:
            nycklar.append((f"{ar}{m:02d}", kod, konto))
            vikter.append(v * sasong(blad)[m - 1] * (rng.uniform(0.85, 1.15) if rng else 1.0))
    for nyckel, del_ in zip(nycklar, fordela(belopp, vikter), strict=True):
        if del_:
            mal[nyckel] = mal.get(nyckel, 0) + del_


def _budgetceller(celler: list[Cell]) -> list[Cell]:
    """Budgeten läggs grövre: ett konto (det tyngsta) per kostnadsställe och blad."""
    tyngst: dict[tuple[str, str], tuple[str, float]] = {}
    summa: dict[tuple[str, str], float] = {}
    for kod, konto, blad, v in celler:
        k = (kod, blad)
        summa[k] = summa.get(k, 0.0) + v
        if k not in tyngst or v > tyngst[k][1]:
            tyngst[k] = (konto, v)
    return [(kod, tyngst[kod, blad][0], blad, v) for (kod, blad), v in summa.items()]


def _lagg_netto(mal: dict[tuple[str, str, str], int], ar: int, manader: Sequence[int], g: Grupp, netto: int,
                resa: int, rng: random.Random | None, budget: bool) -> None:
    """Ett netto för gruppen och perioden: resekostnaden först, resten som intäkter och kostnader."""
    celler = _budgetceller(g.celler) if budget else g.celler
    resceller = [c for c in g.resceller if c[1] == RESEKONTON[0]] if budget else g.resceller
    if g.namn in REGIONRAD_KONTON:
        _lagg(mal, ar, manader, celler, netto, rng)
        return
    _lagg(mal, ar, manader, resceller, -resa, rng)
    rest = netto + resa  # kostnader negativa, resa positiv
    if rest > 0:
        raise ValueError(f"{g.namn} {ar} {manader}: nettot täcker inte resekostnaderna")
    kvot = g.intaktskvot * (rng.uniform(0.97, 1.03) if rng else 1.0)
    kostnad = round(-rest / (1 - kvot))
    ink = [c for c in celler if c[2] in INTAKTSBLAD]
    kost = [c for c in celler if c[2] not in INTAKTSBLAD]
    intakt = kostnad + rest if ink else 0
    _lagg(mal, ar, manader, ink, intakt, rng)
    _lagg(mal, ar, manader, kost, -(intakt - rest), rng)


def generera_manadsar(mal: Manadsmal, organisation: list[Enhet], utfall: Utfall, budget: Budget) -> None:
    """Rapportåret och året före för alla nämnder, med månadsrapportens mål exakt i heltal."""
    h = manadsheltal(mal.ar)
    ar, fg, p, dp = mal.ar, mal.ar - 1, mal.manad, mal.delar_manad
    grupper = bygg_grupper(organisation)
    # Resekostnader per grupp: nämndens mål delas på regionstyrelsens delområden efter fröet.
    resa_u: dict[str, int] = {}
    resa_ufg: dict[str, int] = {}
    for nid, mal_resa in h.resor.items():
        egna = [g for g in grupper if g.namnd == nid and g.resceller]
        vikter = [sum(v for *_, v in g.resceller) for g in egna]
        for g, u, ufg in zip(egna, fordela(mal_resa["U"], vikter), fordela(mal_resa["UFG"], vikter), strict=True):
            resa_u[g.namn], resa_ufg[g.namn] = u, ufg
    fore, sep, okt, efter = range(1, dp + 1), range(dp + 1, p), range(p, p + 1), range(p + 1, 13)
    for g in grupper:
        rng = rng_for("manad-utfall", ar, g.namn)
        if g.namn in h.rs:
            m = h.rs[g.namn]
            # Utfall: rapportmånaden exakt, resten av jan-sep med en augusti som följer samma avvikelse.
            u = {"okt": m["MU"], "ufg": m["UFG"], "ack": m["U"]}
            b = {"okt": m["MB"], "ack": m["B"], "ab": m["AB"]}
            b_fore = round((b["ack"] - b["okt"]) * len(fore) / (p - 1))
            b_sep = b["ack"] - b["okt"] - b_fore
            u_fore = round(b_fore * ORE_PER_KR * Fraction(u["ack"] - u["okt"], (b["ack"] - b["okt"]) * ORE_PER_KR)
                           * rng.uniform(0.995, 1.005))
            u_sep = u["ack"] - u["okt"] - u_fore
        elif g.namn in h.namnd:
            m = h.namnd[g.namn]
            u = {"ufg": m["UFG"], "ack": m["U"]}
            b = {"ack": m["B"], "ab": m["AB"]}
            b_fore = round(b["ack"] * len(fore) / p)
            b_sep = round(b["ack"] * len(sep) / p)
            b["okt"] = b["ack"] - b_fore - b_sep
            u_fore = round(b_fore * ORE_PER_KR * (1 - mal.delar_avvikelse_procent[g.namn] / 100))
            rest = u["ack"] - u_fore
            u_sep = round(rest * len(sep) / (p - dp) * rng.uniform(0.9, 1.1))
            u["okt"] = rest - u_sep
        else:
            m = h.regionrad[g.namn]
            u = {"ufg": m["UFG"], "ack": m["U"]}
            b = {"ack": m["B"], "ab": m["AB"]}
            b_fore = round(b["ack"] * len(fore) / p)
            b_sep = round(b["ack"] * len(sep) / p)
            b["okt"] = b["ack"] - b_fore - b_sep
            u_fore = round(u["ack"] * len(fore) / p * rng.uniform(0.98, 1.02))
            u_sep = round(u["ack"] * len(sep) / p * rng.uniform(0.95, 1.05))
            u["okt"] = u["ack"] - u_fore - u_sep
        b_efter = b["ab"] - b["ack"]
        u_efter = round(b_efter * ORE_PER_KR * Fraction(u["ack"], b["ack"] * ORE_PER_KR) * rng.uniform(0.98, 1.04))
        ufg_efter = round(u["ufg"] * len(efter) / p * rng.uniform(1.0, 1.08))
        b_fg = round((u["ufg"] + ufg_efter) / ORE_PER_KR * BUDGET_FG_MOT_UTFALL.get(g.namn, 1.0)
                     * rng.uniform(0.99, 1.01))
        # Resekostnader (ören, positiva): målen jan-okt, en rimlig takt resten av året; budgeten följer planen.
        r, rfg = resa_u.get(g.namn, 0), resa_ufg.get(g.namn, 0)
        r_fore, r_sep, r_okt = fordela(r, [len(fore) * rng.uniform(0.95, 1.05), len(sep), len(okt)])
        r_efter = round(r * len(efter) / p * rng.uniform(0.9, 1.1))
        rfg_efter = round(rfg * len(efter) / p * rng.uniform(0.9, 1.1))
        rb = Fraction(rfg, p * ORE_PER_KR) * (1 - mal.resor_minskning)  # kronor per månad enligt plan
        for manader, netto, resa in ((fore, u_fore, r_fore), (sep, u_sep, r_sep), (okt, u["okt"], r_okt),
                                     (efter, u_efter, r_efter)):
            _lagg_netto(utfall, ar, manader, g, netto, resa, rng, budget=False)
        _lagg_netto(utfall, fg, range(1, p + 1), g, u["ufg"], rfg, rng, budget=False)
        _lagg_netto(utfall, fg, efter, g, ufg_efter, rfg_efter, rng, budget=False)
        for manader, netto in ((fore, b_fore), (sep, b_sep), (okt, b["okt"]), (efter, b_efter)):
            _lagg_netto(budget, ar, manader, g, netto, round(rb * len(manader)), None, budget=True)
        _lagg_netto(budget, fg, range(1, 13), g, b_fg, round(Fraction(rfg + rfg_efter, ORE_PER_KR)), None,
                    budget=True)
    kontrollera_manad(mal, h, organisation, utfall, budget)


def manadsvarden_ur_huvudbok(mal: Manadsmal, organisation: list[Enhet], utfall: Utfall, budget: Budget
                             ) -> dict[tuple[str, ...], Fraction]:
    """Räkna om målens storheter ur de genererade raderna (indelningen från 2023, kontointervall)."""
    plats = {e.kod: (e.delomrade.namnd, ny_placering(e)[0]) for e in organisation}
    plats.update({e.kod: (FINANSFORVALTNING.namnd, FINANSFORVALTNING.namn) for e in finans_enheter(organisation)})
    rad_for_konto = {k: r for r, (_, konton) in REGIONRAD_KONTON.items() for k, _ in konton}
    ar, p = mal.ar, mal.manad
    summor: dict[tuple[str, ...], int] = {}

    def lagg(nyckel: tuple[str, ...], v: int) -> None:
        summor[nyckel] = summor.get(nyckel, 0) + v

    for serie, data in (("u", utfall), ("b", budget)):
        for (period, kod, konto), v in data.items():
            pa, pm = int(period[:4]), int(period[4:])
            if pa not in (ar, ar - 1):
                continue
            namnd, delomrade = plats[kod]
            if konto[0] == "8":
                grupp, namn = "r", rad_for_konto[konto]
            elif namnd == RS:
                grupp, namn = "rs", delomrade
            else:
                grupp, namn = "n", namnd
            storheter = []
            if serie == "u" and pa == ar and pm <= p:
                storheter.append("U")
                if pm == p:
                    storheter.append("MU")
                if "7100" <= konto <= "7199":
                    lagg(("resa", namnd, "U"), -v)
            if serie == "u" and pa == ar - 1 and pm <= p:
                storheter.append("UFG")
                if "7100" <= konto <= "7199":
                    lagg(("resa", namnd, "UFG"), -v)
            if serie == "b" and pa == ar:
                storheter.append("AB")
                if pm <= p:
                    storheter.append("B")
                if pm == p:
                    storheter.append("MB")
            for q in storheter:
                lagg((grupp, namn, q), v)
    ut: dict[tuple[str, ...], Fraction] = {}
    for (grupp, namn, q), v in summor.items():
        if grupp == "resa":
            ut[grupp, namn, q] = Fraction(v, 1000 * ORE_PER_KR)
        else:
            ut[grupp, namn, q] = Fraction(v, MKR if q in BUDGETSTORHETER else MKR * ORE_PER_KR)
    return ut


def kontrollera_manad(mal: Manadsmal, h: Manadsheltal, organisation: list[Enhet], utfall: Utfall,
                      budget: Budget) -> None:
    """De genererade raderna ska ge exakt heltalsmålen, och därmed de publicerade siffrorna."""
    fran_huvudbok = manadsvarden_ur_huvudbok(mal, organisation, utfall, budget)
    for nyckel, varde in manadsvarden(h).items():
        if fran_huvudbok.get(nyckel, Fraction(0)) != varde:
            raise ValueError(f"{nyckel}: huvudboken ger {float(fran_huvudbok.get(nyckel, 0))}, målet {float(varde)}")
    fel = jamfor_manadsmal(mal, fran_huvudbok)
    if fel:
        raise ValueError("\n".join(fel))


def boka_realisationsvinst(utfall: Utfall) -> None:
    period, kod, ore = REALISATIONSVINST
    fran, till = (period, kod, "3910"), (period, kod, "3972")
    if utfall.get(fran, 0) <= ore:
        raise ValueError(f"realisationsvinsten är större än 3910 på {kod} {period}")
    utfall[fran] -= ore
    utfall[till] = utfall.get(till, 0) + ore

