"""Resultatet av en beräkning: en fryst tabell med oavrundade värden som båda renderarna läser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Radtyp = Literal["normal", "rubrik", "delsumma", "summa", "varav"]
Kolumntyp = Literal["belopp", "procent", "antal"]


@dataclass(frozen=True)
class Kolumn:
    nyckel: str
    rubrik: str
    typ: Kolumntyp
    decimaler: int
    grupp: str | None = None


@dataclass(frozen=True)
class Rad:
    etikett: str
    typ: Radtyp
    varden: tuple[float | None, ...]
    niva: int = 0


@dataclass(frozen=True)
class Tabell:
    """Belopp i kronor, procent i procent. Enheten (`kr`, `tkr`, `mkr`) används först vid formatering."""

    namn: str
    rubrik: str
    radrubrik: str
    kolumner: tuple[Kolumn, ...]
    rader: tuple[Rad, ...]
    enhet: str

    def rad(self, etikett: str) -> Rad:
        for r in self.rader:
            if r.etikett == etikett:
                return r
        raise KeyError(etikett)

    def varde(self, etikett: str, kolumn: str) -> float | None:
        index = [k.nyckel for k in self.kolumner].index(kolumn)
        return self.rad(etikett).varden[index]
