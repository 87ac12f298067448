"""Ett textblocks status: front matter överst i filen, och regeln för när den stoppar en slutlig version.

    ---
    status: klar
    ansvarig: Anna Berg
    datum: 2024-09-10
    ---
    Texten …

Front matter läses här och bara här (bygget, `rapport status`, förhandsgranskningen och den som skriver tillbaka
text ur Word använder `dela`). Den tolkas strikt, rad för rad och inte som YAML: en okänd nyckel, ett okänt
värde eller ett block utan avslutande `---` är fel med fil och rad, samlade. Front matter syns aldrig i
rapporten. En fil utan front matter har status utkast: ingen har klarmarkerat den.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapportverk.fel import Fel, RapportverkFel, forslag, visningsnamn

Status = Literal["utkast", "klar"]
STATUSAR: tuple[Status, ...] = ("utkast", "klar")
NYCKLAR = ("status", "ansvarig", "datum")
GRANS = "---"
# Tavlans och förhandsgranskningens märken: symbol och ord, aldrig bara färg (som statuskolumnerna i rapporterna).
MARKE = {"klar": "● klar", "utkast": "◐ utkast", "saknas": "○ saknas", "fel": "✖ fel"}
_RAD = re.compile(r"^([A-Za-z_åäöÅÄÖ]+)\s*:\s*(.*?)\s*$")
_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Textstatus:
    """Statusen ur front matter. `framsida`: filen har front matter (annars är statusen utkast av standard)."""

    status: Status = "utkast"
    ansvarig: str | None = None
    datum: dt.date | None = None
    framsida: bool = False


@dataclass(frozen=True)
class Anvant:
    """Ett textblock som en rapport använder: namnet i mallens text("…"), filen som hittades (None: saknas) och
    dess status (None: saknas, eller front matter med fel)."""

    namn: str
    fil: Path | None
    status: Textstatus | None

    @property
    def tillstand(self) -> str:
        """Det tavlan visar: saknas, utkast, klar, eller fel (front matter som inte gick att läsa)."""
        if self.fil is None:
            return "saknas"
        return "fel" if self.status is None else self.status.status

    @property
    def om(self) -> str:
        """Ansvarig och datum ur front matter (eller att den saknas), för tavlan och förhandsgranskningen."""
        s = self.status
        if s is None:
            return ""
        return ", ".join(x for x in (s.ansvarig, s.datum.isoformat() if s.datum else None,
                                     None if s.framsida else "ingen front matter") if x)


def per_namn(anvanda: list[Anvant]) -> tuple[Anvant, ...]:
    """Ett per namn, i den ordning rapporten först tar med dem (mallen kan be om samma block två gånger)."""
    forsta: dict[str, Anvant] = {}
    for a in anvanda:
        forsta.setdefault(a.namn, a)
    return tuple(forsta.values())


def dela(text: str) -> tuple[str, str]:
    """(front matter ordagrant med sina två `---`-rader, resten). Utan front matter, eller om den aldrig avslutas
    (ett fel som `las` visar): ("", text)."""
    rader = text.splitlines(keepends=True)
    slut = _slut(rader)
    if slut is None:
        return "", text
    return "".join(rader[: slut + 1]), "".join(rader[slut + 1:])


def _borjar(rader: list[str]) -> bool:
    return bool(rader) and rader[0].rstrip("\r\n") == GRANS


def _slut(rader: list[str]) -> int | None:
    """Radindex för den avslutande `---`, eller None (ingen front matter, eller en som inte avslutas)."""
    if not _borjar(rader):
        return None
    return next((i for i, rad in enumerate(rader[1:], start=1) if rad.rstrip("\r\n") == GRANS), None)


def las(text: str, visning: str) -> tuple[Textstatus, str]:
    """Statusen och texten utan front matter. Front matter blir tomma rader, så att fel i texten har samma
    radnummer som i filen. Fel i front matter kastas tillsammans (RapportverkFel)."""
    alla = text.splitlines(keepends=True)
    if not _borjar(alla):
        return Textstatus(), text
    if _slut(alla) is None:
        raise RapportverkFel(Fel(f"front matter som börjar på rad 1 avslutas aldrig med en rad med bara {GRANS}; "
                                 f"lägg till en rad med bara {GRANS} efter den sista nyckeln, eller ta bort "
                                 f"{GRANS} på rad 1 om det inte är front matter.", visning, 1))
    framsida, kropp = dela(text)
    rader = framsida.splitlines()
    varden: dict[str, str] = {}
    sedda: set[str] = set()
    fel: list[Fel] = []
    for nr, rad in enumerate(rader[1:-1], start=2):
        if not rad.strip() or rad.lstrip().startswith("#"):
            continue
        m = _RAD.match(rad)
        if not m:
            fel.append(Fel(f"raden '{rad.strip()}' i front matter är inte 'nyckel: värde'; skriv t.ex. "
                           "status: klar.", visning, nr))
            continue
        nyckel, varde = m.group(1), _utan_citat(m.group(2))
        if nyckel in sedda and nyckel in NYCKLAR:
            fel.append(Fel(f"nyckeln '{nyckel}' står två gånger i front matter; ta bort den ena.", visning, nr))
            continue
        sedda.add(nyckel)
        if nyckel not in NYCKLAR:
            fel.append(Fel(f"okänd nyckel '{nyckel}' i front matter{forslag(nyckel, NYCKLAR)}; tillåtna är "
                           f"{', '.join(NYCKLAR)}.", visning, nr))
        elif nyckel == "status" and varde not in STATUSAR:
            fel.append(Fel(f"status '{varde}' finns inte; skriv status: utkast eller status: klar.", visning, nr))
        elif nyckel == "datum" and _datum(varde) is None:
            fel.append(Fel(f"datum '{varde}' är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. datum: 2024-09-10.",
                           visning, nr))
        elif nyckel == "ansvarig" and not varde:
            fel.append(Fel("ansvarig saknar namn; skriv t.ex. ansvarig: Anna Berg, eller ta bort raden.", visning,
                           nr))
        else:
            varden[nyckel] = varde
    if fel:
        raise RapportverkFel(fel)
    status = Textstatus(varden.get("status", "utkast"), varden.get("ansvarig"),  # type: ignore[arg-type]
                        _datum(varden["datum"]) if "datum" in varden else None, framsida=True)
    return status, "\n" * len(rader) + kropp


def _utan_citat(varde: str) -> str:
    if len(varde) >= 2 and varde[0] == varde[-1] and varde[0] in "\"'":
        return varde[1:-1].strip()
    return varde


def _datum(varde: str) -> dt.date | None:
    if not _DATUM.match(varde):
        return None
    try:
        return dt.date.fromisoformat(varde)
    except ValueError:
        return None


def hinder(anvanda: list[Anvant], krav: bool) -> list[Fel]:
    """Textblocken som stoppar en slutlig version, ett fel per fil: de som har front matter med en annan status
    än klar, och med `krav` (rapporttypens `klarmarkering: true`) också de utan front matter."""
    ut: list[Fel] = []
    sedda: set[Path] = set()
    for a in anvanda:
        if a.fil is None or a.status is None or a.fil in sedda or a.status.status == "klar":
            continue
        sedda.add(a.fil)
        if a.status.framsida:
            ut.append(Fel(f"textblocket '{a.namn}' har status {a.status.status}; skriv status: klar i dess front "
                          "matter när texten är klar (krävs med --slutlig).", visningsnamn(a.fil)))
        elif krav:
            ut.append(Fel(f"textblocket '{a.namn}' är inte klarmarkerat (rapporttypen har klarmarkering: true); "
                          "lägg till front matter med status: klar först i filen (raderna ---, status: klar, ---) när "
                          "texten är klar (krävs med --slutlig).",
                          visningsnamn(a.fil)))
    return ut
