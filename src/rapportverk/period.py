"""Perioder: en rapportperiod är en månad; räkenskapsår = kalenderår."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PERIOD = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True, order=True)
class Period:
    ar: int
    manad: int

    @classmethod
    def tolka(cls, text: str) -> Period:
        """'2021-04' → Period(2021, 4). ValueError med svensk text annars."""
        m = _PERIOD.match(text.strip())
        if not m:
            raise ValueError(f"perioden '{text}' ska skrivas ÅÅÅÅ-MM, till exempel 2021-04")
        ar, manad = int(m.group(1)), int(m.group(2))
        if not 1 <= manad <= 12:
            raise ValueError(f"perioden '{text}' har månad {manad}, som inte finns; ange 01–12")
        return cls(ar, manad)

    @property
    def forsta_dag(self) -> dt.date:
        return dt.date(self.ar, self.manad, 1)

    @property
    def arsborjan(self) -> dt.date:
        return dt.date(self.ar, 1, 1)

    def plus_manader(self, antal: int) -> Period:
        index = self.ar * 12 + (self.manad - 1) + antal
        return Period(index // 12, index % 12 + 1)

    @property
    def fg(self) -> Period:
        """Samma månad föregående år."""
        return Period(self.ar - 1, self.manad)

    def __str__(self) -> str:
        return f"{self.ar:04d}-{self.manad:02d}"
