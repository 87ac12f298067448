"""Vilka filer förhandsgranskningen bevakar, och vad en ändring i var och en kräver.

- `konfig/*.yaml` eller en datakälla (huvudbok, prognos, organisation …): läs om konfiguration och data.
- ett textblock, layoutmallen (`mallar/<rapport>/…`), en bild i ett textblock, diagrammens stilfil: bygg om
  dokumentet med samma data.
- stilmallen (`stil.css`) eller HTML-mallen (`dokument.html.j2`): gör bara om HTML:en av samma dokument.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from rapportverk.dokument.bygg import textrotter
from rapportverk.dokument.diagram import STIL
from rapportverk.konfig import Projekt
from rapportverk.period import Period
from rapportverk.rendera.html import htmlmallkataloger

# Vad som ska göras om, från minst till mest. Ett högre steg gör också alla lägre.
HTML, DOKUMENT, DATA = 1, 2, 3
STEGNAMN = {HTML: "HTML:en omgjord", DOKUMENT: "dokumentet ombyggt", DATA: "data inläst och dokumentet byggt"}
DOKUMENTFILER = (".md", ".png", ".txt")
HTMLFILER = (".css", ".j2")


@dataclass(frozen=True)
class Karta:
    """Det som bevakas och hur en ändrad fil klassas. Byggs om när konfigurationen har lästs om."""

    rotter: tuple[Path, ...]
    konfigkatalog: Path
    datafiler: frozenset[Path]
    htmlkataloger: frozenset[Path]
    dokumentkataloger: tuple[Path, ...]
    diagramstil: Path

    def klassa(self, fil: Path) -> int:
        """0 om filen inte påverkar rapporten, annars HTML, DOKUMENT eller DATA."""
        if fil in self.datafiler or (fil.parent == self.konfigkatalog and fil.suffix in (".yaml", ".yml")):
            return DATA
        if fil.suffix in HTMLFILER and fil.parent in self.htmlkataloger:
            return HTML
        if fil == self.diagramstil:
            return DOKUMENT
        if fil.suffix in DOKUMENTFILER and any(fil.is_relative_to(k) for k in self.dokumentkataloger):
            return DOKUMENT
        return 0


def _filer(varde: object) -> Iterable[str]:
    """Varje `fil:` i en del av konfigurationen (källor i listor, ordlistor och undermodeller)."""
    if isinstance(varde, dict):
        for v in varde.values():
            yield from _filer(v)
    elif isinstance(varde, list | tuple):
        for v in varde:
            yield from _filer(v)
    elif isinstance(varde, BaseModel):
        fil = getattr(varde, "fil", None)
        if isinstance(fil, str):
            yield fil
        for namn in type(varde).model_fields:
            if namn != "fil":
                yield from _filer(getattr(varde, namn))


def karta(konfigfil: Path, projekt: Projekt | None, rapport: str, namnd: str, period: Period) -> Karta:
    """Katalogerna att bevaka för rapporten. Utan projekt (konfigurationen gick inte att läsa) bara konfig/."""
    konfigkatalog = konfigfil.resolve().parent
    projektrot = konfigkatalog.parent
    datafiler: set[Path] = set()
    html: set[Path] = set()
    dokument: list[Path] = []
    if projekt is not None:
        projektrot = projekt.katalog.parent.resolve()
        datafiler |= {projekt.sokvag(f) for f in _filer(projekt.konfig.kallor)}
        datafiler |= {projekt.sokvag(f) for f in _filer(projekt.konfig.hierarkier)}
        datafiler.add(projekt.sokvag(projekt.konfig.hierarkier.kostnadsslag))
        rdef = projekt.konfig.rapporter.get(rapport)
        if rdef is not None:
            dokument = [projekt.sokvag(rdef.mall).parent, *(r.resolve() for r in textrotter(projekt, rapport,
                                                                                              namnd, period))]
            css = projekt.stilmall(rapport)
            html = set(htmlmallkataloger(css, projektrot))
    stil = projekt.diagramstil(rapport) if projekt is not None else STIL
    kandidater = [konfigkatalog, *dokument, *html, stil.parent, *(f.parent for f in datafiler)]
    rotter = _rotter(kandidater, projektrot, [f for f in datafiler if f.parent == projektrot])
    return Karta(rotter, konfigkatalog, frozenset(datafiler), frozenset(html), tuple(dokument), stil.resolve())


def _rotter(kandidater: list[Path], projektrot: Path, losa_filer: list[Path]) -> tuple[Path, ...]:
    """Närmaste befintliga katalog för varje kandidat, utan dubbletter och utan kataloger inuti andra.

    Projektroten bevakas aldrig rekursivt (där kan .venv, ut/ och .git ligga); en datafil direkt i roten
    bevakas som fil i stället.
    """
    befintliga: set[Path] = set()
    for k in kandidater:
        k = k.resolve()
        while not k.is_dir() and k != k.parent:
            k = k.parent
        if k == projektrot or projektrot.is_relative_to(k):
            continue
        befintliga.add(k)
    valda: list[Path] = []
    for k in sorted(befintliga, key=lambda p: len(p.parts)):
        if not any(k.is_relative_to(v) for v in valda):
            valda.append(k)
    valda += [f for f in losa_filer if f.is_file()]
    return tuple(sorted(valda))
