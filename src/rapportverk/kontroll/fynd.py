"""Vad en kontroll hittar: fynd, delkontroller och granskningen av en fil (samma form för PDF och DOCX)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Allvarlighet = Literal["fel", "varning"]

@dataclass(frozen=True)
class Fynd:
    """Ett problem som en kontroll hittade. `fel` underkänner filen; `varning` ska en människa titta på."""

    allvarlighet: Allvarlighet
    kontroll: str  # t.ex. "PDF/UA-1 (page-validation)" eller "DOCX"
    regel: str  # regelns id hos kontrollverktyget, eller vår egen (DOCX-ALT-TEXT …)
    text: str  # svenska
    plats: str = ""  # "sida 3", "bild 2 (diagram-1)" …
    antal: int = 1

    def __str__(self) -> str:
        plats = f" ({self.plats})" if self.plats else ""
        antal = f" [{self.antal} ställen]" if self.antal > 1 else ""
        return f"{self.allvarlighet.upper()}: {self.text}{plats}{antal} — {self.regel}"


@dataclass(frozen=True)
class Delkontroll:
    """En rad i sammanfattningen: vad som kontrollerades och hur det gick."""

    namn: str
    resultat: str
    godkand: bool


@dataclass(frozen=True)
class Granskning:
    fil: Path
    format: str  # "PDF", "DOCX" eller "okänt"
    anger: tuple[str, ...] = ()  # standarder som filen säger att den följer (PDF/UA-1, PDF/A-2u)
    delkontroller: tuple[Delkontroll, ...] = ()
    fynd: tuple[Fynd, ...] = field(default=())

    @property
    def fel(self) -> list[Fynd]:
        return [f for f in self.fynd if f.allvarlighet == "fel"]

    @property
    def varningar(self) -> list[Fynd]:
        return [f for f in self.fynd if f.allvarlighet == "varning"]

    @property
    def godkand(self) -> bool:
        return not self.fel
