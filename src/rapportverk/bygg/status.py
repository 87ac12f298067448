"""Statustavlan (`rapport status`): varje nämnds textblock för en rapporttyp och period — saknas, utkast eller klar.

Vilka textblock en rapport använder avgörs av samma sak som i bygget: layoutmallen renderas för varje nämnd (som
utkast, med samma `bygg_dokument`), och varje text("…") den ber om antecknas med filen som hittades och dess
front matter (dokument.textstatus). Ett block som mallen bara tar med för vissa nämnder, eller som ett annat
textblock tar med, syns alltså precis där det används. Inga filer skrivs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapportverk.bygg.rapport import tolka_period, valj_namnder
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.textstatus import Anvant, per_namn
from rapportverk.fel import Fel, RapportverkFel
from rapportverk.konfig import Projekt
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import las_indata
from rapportverk.utdata.manifest import projektrot, relativ

TILLSTAND = ("klar", "utkast", "saknas", "fel")  # i den ordning tavlan räknar dem


@dataclass(frozen=True)
class Namndrad:
    """En nämnds textblock, ett per namn, i den ordning rapporten visar dem."""

    namnd: str
    namn: str
    textblock: tuple[Anvant, ...]

    def tillstand(self, block: str) -> str | None:
        """saknas, utkast, klar eller fel; None om rapporten inte använder blocket för den här nämnden."""
        return next((a.tillstand for a in self.textblock if a.namn == block), None)

    def antal(self) -> dict[str, int]:
        return {t: sum(1 for a in self.textblock if a.tillstand == t) for t in TILLSTAND}


@dataclass(frozen=True)
class Tavla:
    rapport: str
    period: Period
    rot: Path  # projektroten, som filerna i json anges relativt till
    namnder: tuple[Namndrad, ...]
    fel: tuple[Fel, ...] = ()

    @property
    def block(self) -> list[str]:
        """Alla textblockens namn, i den ordning de först förekommer."""
        return list(dict.fromkeys(a.namn for r in self.namnder for a in r.textblock))

    def antal(self) -> dict[str, int]:
        return {t: sum(r.antal()[t] for r in self.namnder) for t in TILLSTAND}

    @property
    def alla_klara(self) -> bool:
        return not self.fel and all(a.tillstand == "klar" for r in self.namnder for a in r.textblock)

    def som_dict(self) -> dict[str, Any]:
        def block(a: Anvant) -> dict[str, Any]:
            s = a.status
            return {"namn": a.namn, "status": a.tillstand, "fil": relativ(a.fil, self.rot) if a.fil else None,
                    "front_matter": bool(s and s.framsida), "ansvarig": s.ansvarig if s else None,
                    "datum": s.datum.isoformat() if s and s.datum else None}

        return {"rapport": self.rapport, "period": str(self.period), "antal": self.antal(),
                "namnder": [{"id": r.namnd, "namn": r.namn, "antal": r.antal(),
                             "textblock": [block(a) for a in r.textblock]} for r in self.namnder],
                "fel": [{"text": f.text, "fil": f.fil, "rad": f.rad, "plats": str(f)} for f in self.fel]}

    def som_json(self) -> str:
        return json.dumps(self.som_dict(), ensure_ascii=False, indent=2) + "\n"


def tavla(projekt: Projekt, rapport: str, period: Period | str, namnder: list[str] | None = None) -> Tavla:
    """Statustavlan för rapporttypen och perioden, för de valda nämnderna (som `rapport delar` väljer dem).
    Fel i textblocken (t.ex. front matter som inte går att läsa) samlas i `fel`; tavlan visar resten."""
    projekt.rapport(rapport)
    p = period if isinstance(period, Period) else tolka_period(projekt, rapport, period)
    valda = valj_namnder(projekt, rapport, namnder)
    underlag = Underlag(projekt, las_indata(projekt, p), p)
    rader: list[Namndrad] = []
    fel: list[Fel] = []
    for n in valda:
        anvanda: list[Anvant] = []
        try:
            bygg_dokument(underlag, rapport, n, textblock=anvanda)
        except RapportverkFel as exc:
            fel.extend(f for f in exc.fel if f not in fel)  # ett fel i en gemensam text visas en gång
        rader.append(Namndrad(n, projekt.namnd(n).namn, per_namn(anvanda)))
    return Tavla(rapport, p, projektrot(projekt), tuple(rader), tuple(fel))
