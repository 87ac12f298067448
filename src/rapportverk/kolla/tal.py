"""Decimaltecken och tusentalsavgränsare i belopp skrivna som text. Samma regler som läsaren (kallor/mappning.py):
det andra tecknet får bara vara tusentalsavgränsare, före grupper om exakt tre siffror och på alla tal eller inga."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapportverk.kolla.resultat import Beslut

_MELLANRUM = re.compile("[\u00a0\u202f ']")
_GRUPPERAT = {",": re.compile(r"^[-+]?[1-9]\d{0,2}(,\d{3})+$"), ".": re.compile(r"^[-+]?[1-9]\d{0,2}(\.\d{3})+$")}
_HELTAL4 = re.compile(r"^[-+]?\d{4,}$")
NAMN = {",": "komma", ".": "punkt"}


@dataclass(frozen=True)
class Talform:
    decimal: Beslut  # ',' eller '.'; None när alla tal är heltal (då spelar det ingen roll)
    tusental: Beslut  # 'mellanslag', '.', ',' eller 'inget'
    decimaler: int | None  # det vanligaste antalet decimaler (3 tyder på tkr, 2 på kronor och ören)


def kanna_talform(varden: Iterable[str | None]) -> Talform:
    """Decimaltecken och tusentalsavgränsare ur beloppen som de står i filen."""
    ratt = [v.strip() for v in varden if v is not None and v.strip()]
    mellanslag = any(_MELLANRUM.search(v.strip("'")) and re.search(r"\d[\u00a0\u202f ']\d{3}", v) for v in ratt)
    rensade = [_MELLANRUM.sub("", v).replace("\u2212", "-") for v in ratt]
    decimal = _decimal(rensade)
    tusental = _tusental(rensade, decimal.varde, mellanslag)
    decimaler = None
    if decimal.varde:
        antal = Counter(len(v.rsplit(decimal.varde, 1)[1]) for v in rensade
                        if decimal.varde in v and not _GRUPPERAT[decimal.varde].match(v))
        decimaler = antal.most_common(1)[0][0] if antal else 0
    return Talform(decimal, tusental, decimaler)


def _decimal(rensade: list[str]) -> Beslut:
    bada = [v for v in rensade if "," in v and "." in v]
    if bada:
        sist = Counter("," if v.rfind(",") > v.rfind(".") else "." for v in bada)
        if len(sist) == 1:
            d = next(iter(sist))
            exempel = bada[0]
            return Beslut(d, f"tal som '{exempel}' har {NAMN[d]} sist, efter tusentalen")
        return Beslut(None, "en del tal har komma sist och andra punkt sist", saker=False, flagga="--decimal")
    med_komma = [v for v in rensade if "," in v]
    med_punkt = [v for v in rensade if "." in v]
    if med_komma and med_punkt:
        return Beslut(None, f"en del tal har decimalkomma ('{med_komma[0]}') och andra decimalpunkt "
                      f"('{med_punkt[0]}')", saker=False, flagga="--decimal")
    if not med_komma and not med_punkt:
        return Beslut(None, "bara heltal, så decimaltecknet spelar ingen roll")
    tecken, med = ("," if med_komma else "."), (med_komma or med_punkt)
    annat = "." if tecken == "," else ","
    ogrupperat = next((v for v in med if not _GRUPPERAT[tecken].match(v)), None)
    if ogrupperat is not None:
        return Beslut(tecken, f"tal som '{ogrupperat}' har decimal{NAMN[tecken]}")
    flera = next((v for v in med if v.count(tecken) > 1), None)
    if flera is not None:
        return Beslut(annat, f"'{flera}' har {NAMN[tecken]} som tusentalsavgränsare, så decimaltecknet är "
                      f"{NAMN[annat]}")
    utan = next((v for v in rensade if tecken not in v and _HELTAL4.match(v)), None)
    if utan is not None:
        # Tusentalsavgränsare sätts på alla tal eller inga: '12345' utan avgränsare gör '743,823' till ett decimaltal.
        return Beslut(tecken, f"'{med[0]}' har decimal{NAMN[tecken]}, eftersom '{utan}' saknar tusentalsavgränsare")
    return Beslut(tecken, f"alla tal med {NAMN[tecken]} ser ut som '{med[0]}': tre decimaler (t.ex. tkr) eller "
                  f"{NAMN[tecken]} som tusentalsavgränsare går inte att skilja åt", saker=False, flagga="--decimal")


def _tusental(rensade: list[str], decimal: str | None, mellanslag: bool) -> Beslut:
    if mellanslag:
        return Beslut("mellanslag", "tal som '1 234' har mellanslag mellan tusentalen (läses alltid)")
    annat = {",": ".", ".": ","}.get(decimal or "")
    if annat and any(annat in v for v in rensade):
        exempel = next(v for v in rensade if annat in v)
        return Beslut(annat, f"tal som '{exempel}' har {NAMN[annat]} mellan tusentalen")
    if decimal is None and any(_GRUPPERAT[t].match(v) for t in (",", ".") for v in rensade):
        return Beslut(None, "tusentalsavgränsare eller decimaltecken går inte att skilja åt", saker=False)
    return Beslut("inget", "inga tusentalsavgränsare")
