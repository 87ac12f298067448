"""Hur diagrammen i bygget som pågår ritas: med vilken stil, om PNG-bilden behövs, och var redan ritade bilder
kan hämtas (förrådet i byggkatalogen, som bygg-lagret ger).

Ett diagram är en ren funktion av sina argument, stilen och koden: `sparat` ger det en nyckel av just det och
hämtar bilden ur förrådet när samma diagram redan ritats, i stället för att rita det igen. Efter en ändrad text
ritas då inget diagram om (ett diagram tar 0,3–0,4 s, och matplotlib behöver inte ens läsas in).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import hashlib
import io
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol, TypeVar

import polars as pl

from rapportverk import resurser

# Diagramstilen för bygget som pågår: projektets egen (Projekt.diagramstil) eller den inbyggda. Sätts av
# bygg_dokument med `med_stil`, så att varje diagram i ett dokument ritas med samma stil.
STIL = resurser.fil(resurser.DIAGRAMSTIL)
_AKTIV: contextvars.ContextVar[Path] = contextvars.ContextVar("rapportverk_diagramstil", default=STIL)
# Om bygget behöver PNG-bilden (DOCX, förhandsgranskningen) eller bara SVG:n (en PDF): att rita PNG-bilden är
# ungefär hälften av ett diagrams tid (uppmätt 0,18 s per diagram, ritningen vid 200 ppi och PNG-kodningen).
_PNG: contextvars.ContextVar[bool] = contextvars.ContextVar("rapportverk_diagram_png", default=True)


class Forrad(Protocol):
    """Redan ritade diagram, efter nyckel (utdata.diagramforrad i byggkatalogen)."""

    def hamta(self, nyckel: str) -> tuple[bytes, bytes | None, str] | None: ...

    def spara(self, nyckel: str, png: bytes, svg: bytes | None, alt: str) -> None: ...


_FORRAD: contextvars.ContextVar[Forrad | None] = contextvars.ContextVar("rapportverk_diagramforrad", default=None)


def stil() -> str:
    return str(_AKTIV.get())


def png_ritas() -> bool:
    """Om diagrammen i bygget som pågår får en PNG-bild (annars bara SVG:n, för en PDF)."""
    return _PNG.get()


@contextlib.contextmanager
def med_stil(fil: Path, png: bool = True, forrad: Forrad | None = None) -> Iterator[None]:
    tokens = (_AKTIV.set(fil), _PNG.set(png), _FORRAD.set(forrad))
    try:
        yield
    finally:
        for var, token in zip((_AKTIV, _PNG, _FORRAD), tokens, strict=True):
            var.reset(token)  # type: ignore[attr-defined]


class Diagrambild(bytes):
    """PNG-bilden (DOCX, förhandsgranskningen) som också bär samma diagram som SVG (PDF:en, vektorer med
    rapportens typsnitt). Bygge.figur lägger båda i modellens Figur; bara vägen dit går genom den här typen.
    Tom när bygget bara behöver SVG:n (png_ritas)."""

    svg: bytes | None = None


def diagrambild(png: bytes, svg: bytes | None) -> Diagrambild:
    bild = Diagrambild(png)
    bild.svg = svg
    return bild


R = TypeVar("R", bound=Callable[..., tuple[Diagrambild, str]])


def sparat(rita: R) -> R:
    """Diagramfunktionen (som ger bild och alternativtext) med förrådet: samma argument, stil, bildformat och kod
    ger samma byte, så en bild som redan finns hämtas. Utan förråd, eller med argument som inte går att ge en
    nyckel, ritas diagrammet som vanligt."""

    @functools.wraps(rita)
    def ritad(*args, **kwargs):
        forrad = _FORRAD.get()
        nyckel = None if forrad is None else nyckel_for(rita, args, kwargs)
        if forrad is not None and nyckel is not None:
            traff = forrad.hamta(nyckel)
            if traff is not None:
                png, svg, alt = traff
                return diagrambild(png, svg), alt
        bild, alt = rita(*args, **kwargs)
        if forrad is not None and nyckel is not None:
            forrad.spara(nyckel, bytes(bild), bild.svg, alt)
        return bild, alt

    return ritad  # type: ignore[return-value]


def _normal(x: object) -> object:
    """Argumenten i en form som pickle skriver lika i varje process: en mängd sorterad (dess ordning beror annars
    på processens slumpade hashfrö), en dataklass fält för fält och en pydantic-modell som sin JSON (båda kan bära
    mängder), en Polars-ram som Arrow IPC med kategorier som text (kategoriernas koder beror på processen)."""
    if isinstance(x, set | frozenset):
        return ("mängd", tuple(sorted((_normal(v) for v in x), key=repr)))
    if isinstance(x, list | tuple):
        return (type(x).__qualname__, tuple(_normal(v) for v in x))
    if isinstance(x, dict):
        return ("dict", tuple((_normal(k), _normal(v)) for k, v in x.items()))
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return (type(x).__qualname__, tuple((f.name, _normal(getattr(x, f.name))) for f in dataclasses.fields(x)))
    if hasattr(x, "model_dump_json") and not isinstance(x, type):
        return (type(x).__qualname__, x.model_dump_json())  # type: ignore[attr-defined]
    if isinstance(x, pl.DataFrame):
        buf = io.BytesIO()
        x.with_columns(pl.col(pl.Categorical, pl.Enum).cast(pl.String)).write_ipc(buf, compression="uncompressed")
        return ("ram", buf.getvalue())
    return x


def nyckel_for(rita: Callable, args: tuple, kwargs: dict) -> str | None:
    """Nyckeln för ett diagram: funktionen, argumenten, stilfilens innehåll och om PNG-bilden ritas (koden och
    versionerna lägger förrådet till). None för argument som inte går att skriva som byte (t.ex. en funktion)."""
    try:
        data = pickle.dumps(_normal((rita.__module__, rita.__qualname__, args, sorted(kwargs.items()))), protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    h = hashlib.sha256(data)
    h.update(b"\0png\0" if png_ritas() else b"\0svg\0")
    h.update(Path(stil()).read_bytes())
    return h.hexdigest()

