"""Fel som värden: varje fynd bär sin källa (fil, rad, kolumn) och samlas innan de visas.

Mönstret kommer från beancount: en kontroll returnerar en lista fynd i stället för att kasta vid
det första, så att användaren kan rätta tio problem i ett svep.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Fel:
    """Ett fynd: vad som är fel och var. `rad` är radnummer i filen (1-baserat)."""

    text: str
    fil: str | None = None
    rad: int | None = None

    def __post_init__(self) -> None:
        # Ett förslag (' — menade du 'x'?') står ofta sist i meningen; en fråga slutar inte med punkt.
        if self.text.endswith("?."):
            object.__setattr__(self, "text", self.text[:-1])

    def __str__(self) -> str:
        if self.fil is None:
            return self.text
        plats = self.fil if self.rad is None else f"{self.fil}:{self.rad}"
        return f"{plats}: {self.text}"


class RapportverkFel(Exception):
    """Bär ett eller flera fynd. CLI:t skriver ut alla och avslutar med kod 1."""

    def __init__(self, fel: Iterable[Fel] | Fel | str):
        if isinstance(fel, str):
            fel = [Fel(fel)]
        elif isinstance(fel, Fel):
            fel = [fel]
        self.fel: list[Fel] = list(fel)
        super().__init__("\n".join(str(f) for f in self.fel))


_ASCII = str.maketrans("åäöÅÄÖé", "aaoAAOe")


def forslag(ord_: str, alternativ: Iterable[str]) -> str:
    """' — menade du 'x'?' när ett närliggande namn finns, annars tom sträng.

    Jämför också utan å, ä och ö, eftersom nycklarna skrivs i ASCII ('delområde' → 'delomrade').
    """
    alla = [str(a) for a in alternativ]
    vikta = {a.translate(_ASCII).lower(): a for a in alla}
    nara = difflib.get_close_matches(ord_.translate(_ASCII).lower(), list(vikta), n=1, cutoff=0.6)
    return f" — menade du '{vikta[nara[0]]}'?" if nara else ""


def visningsnamn(sokvag: Path | str, bas: Path | None = None) -> str:
    """Sökväg som användaren känner igen: relativ till arbetskatalogen när det går."""
    p = Path(sokvag)
    for rot in (bas, Path.cwd()):
        if rot is None:
            continue
        try:
            return str(p.resolve().relative_to(rot.resolve()))
        except ValueError:
            continue
    return str(p)
