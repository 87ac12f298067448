"""Vad `rapport kolla` kom fram till om en export, som värden: varje beslut med sitt skäl, och om det är säkert."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from rapportverk.fel import Fel


@dataclass(frozen=True)
class Beslut:
    """Ett beslut om exporten: värdet (None = kunde inte avgöras), skälet på svenska och om det är säkert. Ett
    osäkert beslut står under 'Kan inte avgöra' med hur man anger rätt värde."""

    varde: str | None
    skal: str
    saker: bool = True
    # Flaggan som anger värdet själv när kolla inte kan avgöra det, t.ex. "--enhet tkr".
    flagga: str | None = None


@dataclass(frozen=True)
class Summa:
    """En rad i avstämningen: exportens belopp och vart de tar vägen, i kronor med rapporternas tecken."""

    namn: str
    export: float
    verksamhet: float  # i rapportraderna för nämnderna (kostnadsslag i sektionen verksamhet)
    ovriga: float  # i rapportrader i andra sektioner (skatter, finansnetto, balans)
    utan_rad: float  # okänt kostnadsställe eller konto: hamnar i ingen rad

    @property
    def i_rader(self) -> float:
        return self.verksamhet + self.ovriga


@dataclass(frozen=True)
class Okand:
    """En kod i exporten som konfigurationen inte känner till (kostnadsställe, konto eller serie)."""

    slag: str  # "enhet", "konto" eller "serie"
    kod: str
    rader: int
    belopp: float  # kronor, rapporternas tecken
    andel: float  # av alla belopp räknade utan tecken, 0–1
    kalla: str
    rad: int
    forslag: str = ""  # ' — menade du …?'


@dataclass(frozen=True)
class Provlasning:
    """Exporten läst med förslaget genom rapportverks egna läsare: så vet controllern att förslaget fungerar."""

    rader: int
    fel: tuple[Fel, ...]
    kostnader: float | None = None  # kronor efter inläsning (negativa om tecknet stämmer)
    intakter: float | None = None
    netto: float | None = None


@dataclass(frozen=True)
class Kollresultat:
    fil: str  # som användaren ser den
    format: str  # csv, excel, parquet, duckdb, postgresql
    beslut: dict[str, Beslut]  # kodning, separator, decimal, tusental, rubrikrad, blad, periodformat, serie, tecken …
    kolumner: dict[str, Beslut]  # fält → filens kolumn
    ovriga_kolumner: tuple[str, ...]
    rader: int
    manader: tuple[str, ...]
    forslag: dict[str, Any]
    yaml: str
    provlasning: Provlasning | None
    okanda: tuple[Okand, ...] = ()
    per_manad: tuple[Summa, ...] = ()
    per_namnd: tuple[Summa, ...] = ()
    # Sådant controllern bör veta: källor som överlappar, en fil utanför projektet, konfigurationen saknas …
    anmarkningar: tuple[str, ...] = ()
    # En annan källa i konfigurationen som förslaget ersätter (--ersatt), som konfigurationen skriver den.
    ersatter: str | None = None
    fel: tuple[Fel, ...] = ()
    ovrigt: dict[str, Any] = field(default_factory=dict)

    @property
    def osakra(self) -> list[tuple[str, Beslut]]:
        """Det kolla inte kunde avgöra säkert, med fältets namn."""
        return [(namn, b) for namn, b in [*self.beslut.items(), *self.kolumner.items()] if not b.saker]

    @property
    def provad(self) -> bool:
        """Förslaget lästes utan fel av rapportverks läsare."""
        return self.provlasning is not None and not self.provlasning.fel and not self.fel


def som_json(resultat: list[Kollresultat]) -> str:
    """Resultaten som JSON för CI: allt som text-utskriften visar, och `provad` och `kan_inte_avgora`."""
    ut = []
    for r in resultat:
        d = asdict(r)
        d["fel"] = [str(f) for f in r.fel]
        if r.provlasning is not None:
            d["provlasning"]["fel"] = [str(f) for f in r.provlasning.fel]
        d["provad"] = r.provad
        d["kan_inte_avgora"] = [{"falt": namn, **asdict(b)} for namn, b in r.osakra]
        ut.append(d)
    return json.dumps(ut, ensure_ascii=False, indent=2, default=str) + "\n"
