"""De valda oavrundade målen (data/valda_mal.yaml) som heltal, och prövningen att de ger de publicerade siffrorna.

Utfall räknas i ören och budget i kronor. Målen prövas exakt (bråktal) mot varje publicerad siffra vid varje
körning; nya mål för ett år tas fram med `--foresla-mal ÅR` (se foresla.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .gemensamt import MKR, ORE_PER_KR, avrunda, las_yaml, stammer
from .kontoplan import BLAD, RAPPORTRAD_BLAD
from .organisation import RS
from .publicerat import PUBLICERAT, PUBLICERAT_MANAD, Arsmal, Manadsmal

_VALDA = las_yaml("valda_mal.yaml")
# År -> grupp -> namn -> värden; se data/valda_mal.yaml för kolumnerna.
VALDA_MAL: dict[int, dict[str, dict[str, tuple[float, ...]]]] = {
    ar: {grupp: {namn: tuple(v) for namn, v in rader.items()} for grupp, rader in per_ar.items()}
    for ar, per_ar in _VALDA["delarsrapport"].items()}
VALDA_MAL_MANAD: dict[int, dict[str, dict[str, tuple[float, ...]]]] = {
    ar: {grupp: {namn: tuple(v) for namn, v in rader.items()} for grupp, rader in per_ar.items()}
    for ar, per_ar in _VALDA["manadsrapport"].items()}


@dataclass
class Marginaler:
    """Heltalsmål: utfall i ören, budget i kronor. Nycklar: delområde resp. blad."""
    u21_rad: dict[str, int]
    u20_rad: dict[str, int]
    b_rad: dict[str, int]
    ab_rad: dict[str, int]
    u21_blad: dict[str, int]
    u20_blad: dict[str, int]
    b_blad: dict[str, int]
    ab_blad: dict[str, int]
    mav_blad: dict[str, int]  # månadsavvikelse i ören


def marginaler(ar: int) -> Marginaler:
    """Årets valda mål (Mkr) som heltal; rad- och kolumnsummor görs exakt lika."""
    valda = VALDA_MAL[ar]
    ore, kr = MKR * ORE_PER_KR, MKR
    rad, blad = valda["rad"], valda["blad"]
    m = Marginaler(
        u21_rad={r: round(v[0] * ore) for r, v in rad.items()},
        u20_rad={r: round(v[1] * ore) for r, v in rad.items()},
        b_rad={r: round(v[2] * kr) for r, v in rad.items()},
        ab_rad={r: round(v[3] * kr) for r, v in rad.items()},
        u21_blad={b: round(v[0] * ore) for b, v in blad.items()},
        u20_blad={b: round(v[1] * ore) for b, v in blad.items()},
        b_blad={b: round(v[2] * kr) for b, v in blad.items()},
        ab_blad={b: round(v[3] * kr) for b, v in blad.items()},
        mav_blad={b: round(v[4] * ore) for b, v in blad.items()},
    )
    # Målen är avrundade till ören/kronor: lägg en eventuell skillnad mellan rad- och kolumnsumma på
    # det största bladet (långt från alla avrundningsgränser).
    par = ((m.u21_rad, m.u21_blad), (m.u20_rad, m.u20_blad), (m.b_rad, m.b_blad), (m.ab_rad, m.ab_blad))
    for r, b in par:
        storst = max(BLAD, key=lambda k, b=b: abs(b[k]))
        b[storst] += sum(r.values()) - sum(b.values())
    fel = kontrollera_mal(PUBLICERAT[ar], m)
    if fel:
        raise ValueError(f"valda mål för {ar} ger inte de publicerade siffrorna:\n" + "\n".join(fel))
    return m


def kontrollera_mal(mal: Arsmal, m: Marginaler) -> list[str]:
    """Jämför måtten ur heltalsmålen med de publicerade siffrorna. Returnerar avvikelser (tom = allt rätt)."""
    fel: list[str] = []
    ore, kr = MKR * ORE_PER_KR, MKR

    def matt(u21: int, u20: int, b: int, ab: int) -> tuple[Fraction, ...]:
        fu21, fu20, fb, fab = Fraction(u21, ore), Fraction(u20, ore), Fraction(b, kr), Fraction(ab, kr)
        utv = (fu21 / fu20 - 1) * 100 if fu20 else Fraction(0)
        av = fu21 - fb
        pct = av / abs(fb) * 100 if fb else None
        return fu21, fu20, utv, av, pct, fab

    def jamfor(namn: str, varden: Sequence[Fraction | None], pub: Sequence[float | None],
               decimaler: Sequence[int]) -> None:
        for i, (v, p_, d) in enumerate(zip(varden, pub, decimaler, strict=True)):
            if p_ is None:
                if v is not None:
                    fel.append(f"{namn} kolumn {i}: väntade tomt, fick {float(v):.4f}")
                continue
            if v is None or not stammer(v, p_, d):
                fel.append(f"{namn} kolumn {i}: publicerat {p_}, fick {v if v is None else float(v):.4f}")

    for namn, *pub in mal.per_delomrade:
        v = matt(m.u21_rad[namn], m.u20_rad[namn], m.b_rad[namn], m.ab_rad[namn])
        jamfor(namn, v, pub, (0, 0, 1, 0, 1, 0))
    tot = matt(sum(m.u21_rad.values()), sum(m.u20_rad.values()), sum(m.b_rad.values()),
               sum(m.ab_rad.values()))
    jamfor("Summa", tot, mal.summa, (0, 0, 1, 0, 1, 0))
    for namn, mav, utfall, utv, avv, pct, ab in mal.per_kostnadsslag:
        bl = RAPPORTRAD_BLAD[namn]
        v = matt(*(sum(d[b] for b in bl) for d in (m.u21_blad, m.u20_blad, m.b_blad, m.ab_blad)))
        mv = Fraction(sum(m.mav_blad[b] for b in bl), ore)
        jamfor(namn, (mv, v[0], v[2], v[3], v[4], v[5]), (mav, utfall, utv, avv, pct, ab), (0, 0, 1, 0, 1, 0))
    if sum(m.u21_blad.values()) != sum(m.u21_rad.values()):
        fel.append("radsumma och kolumnsumma för ack utfall skiljer sig")
    mv = Fraction(sum(m.mav_blad.values()), ore)
    if not stammer(mv, mal.summa_manadsavvikelse, 0):
        fel.append(f"summa månadsavvikelse {float(mv)}")
    for namn, varde in mal.ledtradar:
        avvikelse = Fraction(m.u21_rad[namn], ore) - Fraction(m.b_rad[namn], kr)
        if not stammer(avvikelse, varde, 1):
            fel.append(f"{namn}: ledtråden ack avvikelse {varde}, fick {float(avvikelse):.4f}")
    return fel


@dataclass
class Manadsheltal:
    """Månadsrapportens mål i heltal: utfall i ören, budget i kronor (resor: ören, kostnad positiv)."""
    rs: dict[str, dict[str, int]]  # delområde -> MU, MB, UFG, U, B, AB
    namnd: dict[str, dict[str, int]]  # nämnd utom RS -> UFG, U, B, AB
    regionrad: dict[str, dict[str, int]]
    resor: dict[str, dict[str, int]]  # nämnd -> U, UFG


BUDGETSTORHETER = frozenset({"MB", "B", "AB"})


def manadsheltal(ar: int) -> Manadsheltal:
    valda = VALDA_MAL_MANAD[ar]

    def heltal(namn: tuple[str, ...], varden: tuple[float, ...]) -> dict[str, int]:
        return {q: round(v * MKR) if q in BUDGETSTORHETER else round(v * MKR * ORE_PER_KR)
                for q, v in zip(namn, varden, strict=True)}

    h = Manadsheltal(
        rs={d: heltal(("MU", "MB", "UFG", "U", "B", "AB"), v) for d, v in valda["rs"].items()},
        namnd={n: heltal(("UFG", "U", "B", "AB"), v) for n, v in valda["namnd"].items()},
        regionrad={r: heltal(("UFG", "U", "B", "AB"), v) for r, v in valda["regionrad"].items()},
        resor={n: {"U": round(v[0] * 1000 * ORE_PER_KR), "UFG": round(v[1] * 1000 * ORE_PER_KR)}
               for n, v in valda["resor"].items()},
    )
    fel = jamfor_manadsmal(PUBLICERAT_MANAD[ar], manadsvarden(h))
    if fel:
        raise ValueError(f"valda mål för månadsrapporten {ar} ger inte de publicerade siffrorna:\n" + "\n".join(fel))
    return h


def manadsvarden(h: Manadsheltal) -> dict[tuple[str, ...], Fraction]:
    """Målen som exakta tal: Mkr (resor tkr, kostnad positiv), nycklar som i jamfor_manadsmal."""
    ore, kr = MKR * ORE_PER_KR, MKR
    v: dict[tuple[str, ...], Fraction] = {}
    for grupp, data in (("rs", h.rs), ("n", h.namnd), ("r", h.regionrad)):
        for namn, storheter in data.items():
            for q, x in storheter.items():
                v[grupp, namn, q] = Fraction(x, kr if q in BUDGETSTORHETER else ore)
    for namn, storheter in h.resor.items():
        for q, x in storheter.items():
            v["resa", namn, q] = Fraction(x, 1000 * ORE_PER_KR)
    return v


def _rundar(varde: Fraction, pub: float) -> bool:
    """Avrundas (halva bort från noll, heltal) till det publicerade? "0" godtar ett litet negativt tal."""
    return avrunda(varde, 0) == Fraction(pub)


def jamfor_manadsmal(mal: Manadsmal, v: dict[tuple[str, ...], Fraction]) -> list[str]:
    """Räkna varje publicerad siffra ur exakta värden (delar och summor oavrundade) och jämför."""
    fel: list[str] = []

    def jamfor(namn: str, varden: Sequence[Fraction], pub: Sequence[float]) -> None:
        for i, (x, p_) in enumerate(zip(varden, pub, strict=True)):
            if not _rundar(x, p_):
                fel.append(f"{namn} kolumn {i}: publicerat {p_}, fick {float(x):.4f}")

    rs = [r[0] for r in mal.rs]

    def rs_sum(q: str) -> Fraction:
        return sum((v["rs", d, q] for d in rs), Fraction(0))

    for d, *pub in mal.rs:
        x = {q: v["rs", d, q] for q in ("MU", "MB", "UFG", "U", "B")}
        jamfor(d, (x["MU"], x["MB"], x["MU"] - x["MB"], x["UFG"], x["U"], x["U"] - x["B"]), pub)
    jamfor("RS summa", (rs_sum("MU"), rs_sum("MB"), rs_sum("MU") - rs_sum("MB"), rs_sum("UFG"), rs_sum("U"),
                        rs_sum("U") - rs_sum("B")), mal.rs_summa)

    def rad(namn: str, q: str) -> Fraction:
        if namn == RS:
            return rs_sum(q)
        return v[("n" if ("n", namn, q) in v else "r"), namn, q]

    def linje(namn: str, delar: Sequence[str], pub: Sequence[float]) -> None:
        x = {q: sum((rad(n, q) for n in delar), Fraction(0)) for q in ("UFG", "U", "B", "AB")}
        jamfor(namn, (x["UFG"], x["U"], x["B"], x["U"] - x["B"], x["AB"]), pub)

    namnder = [r[0] for r in mal.namnder]
    for namn, *pub in (*mal.namnder, *mal.regionrader):
        linje(namn, [namn], pub)
    skatter = ["Skatteintäkter", "Generella statsbidrag"]
    finans = ["Finansiella likvidströmmar", "Finansiella värderegleringar"]
    summor = {"Verksamhetens nettokostnader": namnder, "Summa skatter och statsbidrag": skatter,
              "Verksamhetens resultat": namnder + skatter, "Summa finansnetto": finans,
              "Resultat": namnder + skatter + finans}
    for namn, *pub in mal.summor:
        linje(namn, summor[namn], pub)
    f = 1 - mal.resor_minskning

    def resor(namn: str, u: Fraction, ufg: Fraction, pub: Sequence[float]) -> None:
        jamfor(f"resor {namn}", (u, ufg, ufg * f, u - ufg * f, u - ufg), pub)

    for namn, *pub in mal.resor:
        resor(namn, v["resa", namn, "U"], v["resa", namn, "UFG"], pub)
    resor("Total", sum((v["resa", r[0], "U"] for r in mal.resor), Fraction(0)),
          sum((v["resa", r[0], "UFG"] for r in mal.resor), Fraction(0)), mal.resor_summa)
    return fel
