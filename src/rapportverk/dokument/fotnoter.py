"""Fotnoter i redaktörernas text: `[^1]` i texten och `[^1]: förklaring` på en egen rad.

Modellen har ingen egen typ för fotnoter; en hänvisning blir en upphöjd siffra (¹, ², …, samma tecken i DOCX
och PDF) och förklaringarna stycken sist i textblocket, numrerade i den ordning hänvisningarna står. Texten
skrivs om innan Markdown tolkas: förklaringsraderna blir tomma rader, så att radnumren i fel stämmer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UPPHOJD = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FORKLARING = re.compile(r" {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)")
_HANVISNING = re.compile(r"\[\^([^\]\s]+)\]")
_STAKET = re.compile(r" {0,3}(```|~~~)")


class Fotnotsfel(Exception):
    """En fotnot som inte kan visas; `rad` är raden i texten (1-baserad)."""

    def __init__(self, text: str, rad: int | None) -> None:
        super().__init__(text)
        self.rad = rad


@dataclass(frozen=True)
class Fotnot:
    nummer: int
    text: str  # Markdown, en rad


def upphojd(nummer: int) -> str:
    return str(nummer).translate(UPPHOJD)


def fotnoter(text: str) -> tuple[str, list[Fotnot]]:
    """Texten med hänvisningarna som upphöjda siffror och förklaringsraderna tomma, och förklaringarna i
    hänvisningarnas ordning. Kod mellan ``` rörs inte."""
    rader = text.split("\n")
    forklaringar: dict[str, tuple[str, int]] = {}
    i_kod, senaste = False, None
    for i, r in enumerate(rader):
        if _STAKET.match(r):
            i_kod = not i_kod
        if i_kod:
            continue
        m = _FORKLARING.fullmatch(r)
        if m:
            namn = m.group(1)
            if namn in forklaringar:
                raise Fotnotsfel(f"fotnoten [^{namn}] förklaras två gånger (rad {forklaringar[namn][1]} och "
                                 f"{i + 1}); ta bort den ena.", i + 1)
            forklaringar[namn] = (m.group(2).strip(), i + 1)
            rader[i], senaste = "", namn
        elif senaste is not None and r.startswith(("  ", "\t")) and r.strip():
            # En indragen rad direkt under förklaringen fortsätter den.
            text_, rad = forklaringar[senaste]
            forklaringar[senaste] = (f"{text_} {r.strip()}".strip(), rad)
            rader[i] = ""
        else:
            senaste = None
    ordning: dict[str, int] = {}
    i_kod = False
    for i, r in enumerate(rader):
        if _STAKET.match(r):
            i_kod = not i_kod
        if i_kod:
            continue
        for m in _HANVISNING.finditer(r):
            namn = m.group(1)
            if namn not in forklaringar:
                raise Fotnotsfel(f"fotnoten [^{namn}] har ingen förklaring; skriv en rad [^{namn}]: text sist i "
                                 "textblocket.", i + 1)
            ordning.setdefault(namn, len(ordning) + 1)
        rader[i] = _HANVISNING.sub(lambda m: upphojd(ordning[m.group(1)]), r)
    for namn, (forklaring, rad) in forklaringar.items():
        if namn not in ordning:
            raise Fotnotsfel(f"fotnoten [^{namn}] används inte i texten; hänvisa till den med [^{namn}] eller ta "
                             "bort förklaringen.", rad)
        if not forklaring:
            raise Fotnotsfel(f"fotnoten [^{namn}] saknar text; skriv förklaringen efter [^{namn}]:.", rad)
    noter = sorted((Fotnot(ordning[n], f) for n, (f, _) in forklaringar.items()), key=lambda f: f.nummer)
    return "\n".join(rader), noter
