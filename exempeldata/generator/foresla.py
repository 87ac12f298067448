"""`--foresla-mal ÅR`: lös målproblemet för ett år och skriv förslaget i samma format som data/valda_mal.yaml.

Förslaget är en YAML-post som ersätter årets post i valda_mal.yaml (ingen källkod att klistra in). Det kräver
scipy, som bara behövs för det här steget.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from .kontoplan import BLAD
from .lp import los_malproblem
from .malproblem import bygg_malproblem, bygg_manadsproblem, bygg_resproblem
from .publicerat import PUBLICERAT, PUBLICERAT_MANAD

# Decimaler (Mkr) per kolumn: utfall i ören ger 8, budget i kronor 6; reduktionsplanen (tkr) 5.
DECIMALER: dict[tuple[str, str], tuple[int, ...]] = {
    ("delarsrapport", "rad"): (8, 8, 6, 6),
    ("delarsrapport", "blad"): (8, 8, 6, 6, 8),
    ("manadsrapport", "rs"): (8, 6, 8, 8, 6, 6),
    ("manadsrapport", "namnd"): (8, 8, 6, 6),
    ("manadsrapport", "regionrad"): (8, 8, 6, 6),
    ("manadsrapport", "resor"): (5, 5),
}


def tal_text(v: float, decimaler: int) -> str:
    """Utan avslutande nollor."""
    text = f"{v:.{decimaler}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _nyckel(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True).removesuffix("\n...\n").strip()


def som_yaml(rapport: str, ar: int, mal: dict[str, dict[str, Sequence[float]]], kommentar: str) -> str:
    """Målen som en post i valda_mal.yaml (rapport -> år -> grupp -> namn -> värden)."""
    rader = [f"# Förslag från `generera.py --foresla-mal {ar}`: ersätter posten {rapport}: {ar} i",
             "# exempeldata/generator/data/valda_mal.yaml.", f"{rapport}:", f"  {ar}:  # {kommentar}"]
    for grupp, per_namn in mal.items():
        rader.append(f"    {grupp}:")
        for namn, varden in per_namn.items():
            tal = ", ".join(tal_text(v, d) for v, d in zip(varden, DECIMALER[rapport, grupp], strict=True))
            rader.append(f"      {_nyckel(namn)}: [{tal}]")
    return "\n".join(rader) + "\n"


def foresla_mal(ar: int) -> str:
    """Lös målproblemet som LP (scipy) och returnera en post till valda_mal.yaml."""
    if ar in PUBLICERAT_MANAD:
        return foresla_manadsmal(ar)
    mal = PUBLICERAT[ar]
    p = bygg_malproblem(mal)
    x, t = los_malproblem(p)
    valda = {
        "rad": {namn: [x[p.var("rad", namn, q)] for q in ("U21", "U20", "B", "AB")] for namn, *_ in mal.per_delomrade},
        "blad": {b: [x[p.var("blad", b, q)] for q in ("U21", "U20", "B", "AB", "MAV")] for b in BLAD},
    }
    return som_yaml("delarsrapport", ar, valda, f"LP: minst {t:.3f} av önskad marginal i alla intervall")


def foresla_manadsmal(ar: int) -> str:
    mal = PUBLICERAT_MANAD[ar]
    p = bygg_manadsproblem(mal)
    x, t = los_malproblem(p)
    valda: dict[str, dict[str, Sequence[float]]] = {
        "rs": {d: [x[p.var("rs", d, q)] for q in ("MU", "MB", "UFG", "U", "B", "AB")] for d, *_ in mal.rs},
        "namnd": {n: [x[p.var("n", n, q)] for q in ("UFG", "U", "B", "AB")] for n, *_ in mal.namnder[1:]},
        "regionrad": {n: [x[p.var("r", n, q)] for q in ("UFG", "U", "B", "AB")] for n, *_ in mal.regionrader},
    }
    p = bygg_resproblem(mal)
    x, t_resor = los_malproblem(p)
    valda["resor"] = {n: [x[p.var("resa", n, q)] for q in ("U", "UFG")] for n, *_ in mal.resor}
    kommentar = (f"LP: minst {t:.3f} av önskad marginal i Mkr-tabellerna, {t_resor:.3f} i reduktionsplanen "
                 "(tkr)")
    return som_yaml("manadsrapport", ar, valda, kommentar)
