"""Perioder: en rapportperiod är en månad, ett kvartal eller ett år; räkenskapsår = kalenderår.

Inne i rapportverk är varje period dess sista månad (2024-Q1 → mars 2024, 2024 → december 2024), så
beräkningarna ser samma sak oavsett periodtyp; `typ` styr bara hur perioden skrivs (kataloger, filnamn,
rubriker). Två perioder med samma sista månad är lika, oavsett typ.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

Periodtyp = Literal["manad", "kvartal", "ar"]
PERIODTYPER: tuple[str, ...] = ("manad", "kvartal", "ar")

_PERIOD = re.compile(r"^(\d{4})-(\d{1,2})$")
_KVARTAL = re.compile(r"^(\d{4})\s*-?\s*[QqKk]\s*([0-9])$")
_AR = re.compile(r"^(\d{4})$")
_EXEMPEL = {"manad": "ÅÅÅÅ-MM, till exempel 2021-04", "kvartal": "ÅÅÅÅ-Q1 … ÅÅÅÅ-Q4 (eller ÅÅÅÅK1), till exempel "
            "2024-Q1", "ar": "ÅÅÅÅ, till exempel 2024"}


FORSTA_AR, SISTA_AR = 1900, 2200


@dataclass(frozen=True, order=True)
class Period:
    ar: int
    manad: int
    typ: Periodtyp = field(default="manad", compare=False)

    @classmethod
    def tolka(cls, text: str, typ: str = "manad") -> Period:
        """'2021-04' → Period(2021, 4); med typ 'kvartal' '2024-Q1' → Period(2024, 3, 'kvartal'); med typ 'ar'
        '2024' → Period(2024, 12, 'ar'). ValueError med svensk text annars."""
        if typ not in PERIODTYPER:
            raise ValueError(f"okänd periodtyp '{typ}'; välj manad, kvartal eller ar")
        period = cls._tolka(text, typ)
        # Ett år utanför det rimliga är ett skrivfel ('0000-01', '20244-01'); jämförelseåret före måste också finnas.
        if not FORSTA_AR <= period.ar <= SISTA_AR:
            raise ValueError(f"perioden '{text}' har året {period.ar}; ange ett år mellan {FORSTA_AR} och {SISTA_AR}")
        return period

    @classmethod
    def _tolka(cls, text: str, typ: str) -> Period:
        ren = text.strip()
        if typ == "kvartal":
            m = _KVARTAL.match(ren)
            if not m:
                raise ValueError(f"perioden '{text}' ska vara ett kvartal: {_EXEMPEL['kvartal']}")
            kv = int(m.group(2))
            if not 1 <= kv <= 4:
                raise ValueError(f"perioden '{text}' har kvartal {kv}, som inte finns; ange Q1–Q4")
            return cls(int(m.group(1)), kv * 3, "kvartal")
        if typ == "ar":
            m = _AR.match(ren)
            if not m:
                raise ValueError(f"perioden '{text}' ska vara ett år: {_EXEMPEL['ar']}")
            return cls(int(m.group(1)), 12, "ar")
        m = _PERIOD.match(ren)
        if not m:
            raise ValueError(f"perioden '{text}' ska skrivas {_EXEMPEL['manad']}")
        ar, manad = int(m.group(1)), int(m.group(2))
        if not 1 <= manad <= 12:
            raise ValueError(f"perioden '{text}' har månad {manad}, som inte finns; ange 01–12")
        return cls(ar, manad)

    @property
    def kvartal(self) -> int:
        return (self.manad - 1) // 3 + 1

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
        if self.typ == "kvartal":
            return f"{self.ar:04d}-Q{self.kvartal}"
        if self.typ == "ar":
            return f"{self.ar:04d}"
        return f"{self.ar:04d}-{self.manad:02d}"
