"""Dokumentmodellen: en liten, sluten uppsättning frysta typer som båda renderarna läser.

Som pandoc-types: rubriker, stycken, listor, tabeller, figurer, sidbrytningar och innehållsförteckning.
Tal är redan formaterade (svenska) när de når modellen, så DOCX och PDF visar exakt samma text.
Modellen har inget rått innehåll (ingen HTML-passage): text från redaktörer kan aldrig injicera något.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

# --- Inline -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Betonad:
    """Kursiv."""

    innehall: tuple[Inline, ...]


@dataclass(frozen=True)
class Stark:
    """Fet."""

    innehall: tuple[Inline, ...]


@dataclass(frozen=True)
class Lank:
    """Bara http(s) och mailto; andra adresser stoppas när texten tolkas."""

    innehall: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class Radbrytning:
    pass


Inline = Text | Betonad | Stark | Lank | Radbrytning

# --- Block --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rubrik:
    """`nummer` ('1', '2') sätts när dokumentet numrerar rubriker; `id` är ankaret för innehållsförteckningen."""

    niva: int
    innehall: tuple[Inline, ...]
    id: str
    nummer: str | None = None
    i_innehall: bool = True


@dataclass(frozen=True)
class Stycke:
    innehall: tuple[Inline, ...]


@dataclass(frozen=True)
class Lista:
    punkter: tuple[tuple[Block, ...], ...]
    numrerad: bool = False


Justering = Literal["vanster", "hoger"]
Radtyp = Literal["normal", "rubrik", "delsumma", "summa", "varav"]


@dataclass(frozen=True)
class Huvudcell:
    text: str
    spann: int = 1
    justering: Justering = "hoger"


@dataclass(frozen=True)
class Tabellrad:
    """Första cellen är radens rubrik (skärmläsare: rad-scope); övriga är värden, redan formaterade."""

    celler: tuple[str, ...]
    typ: Radtyp = "normal"
    niva: int = 0


@dataclass(frozen=True)
class Tabell:
    """`huvud` är en eller flera rubrikrader (kolumn-scope, upprepas på varje sida).

    `bredder` (relativa, summa 100) anges för texttabeller (listor); då bryts text i cellerna. Utan dem
    använder renderarna sin regel för siffertabeller.
    """

    id: str
    rubrik: str
    huvud: tuple[tuple[Huvudcell, ...], ...]
    rader: tuple[Tabellrad, ...]
    justering: tuple[Justering, ...]
    enhetstext: str | None = None
    kalla: str | None = None
    bred: bool = False
    bredder: tuple[float, ...] | None = None
    # Noter under tabellen (t.ex. att budgeten är reviderad), i den ordning de står.
    noter: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figur:
    """PNG-bild (deterministisk), alternativtext för skärmläsare och synlig bildtext."""

    id: str
    png: bytes = field(repr=False)
    alt: str
    bildtext: str
    bredd_cm: float = 16.0


@dataclass(frozen=True)
class Markering:
    """En synlig ruta: saknad text i utkast, eller en varning (t.ex. avstämning)."""

    text: str
    typ: Literal["saknas", "varning"] = "saknas"


@dataclass(frozen=True)
class Sidbrytning:
    pass


@dataclass(frozen=True)
class Innehall:
    """Innehållsförteckning: rubriker på nivå 1..`djup` efter denna plats."""

    rubrik: str = "Innehåll"
    djup: int = 2


@dataclass(frozen=True)
class Titelsida:
    titel: str
    undertitel: str | None = None
    rader: tuple[str, ...] = ()


@dataclass(frozen=True)
class Liggande:
    """Block som ska stå på liggande sidor (breda tabeller)."""

    block: tuple[Block, ...]


Block = (Rubrik | Stycke | Lista | Tabell | Figur | Markering | Sidbrytning | Innehall | Titelsida | Liggande)


@dataclass(frozen=True)
class Meta:
    titel: str
    forfattare: str
    amne: str = ""
    sprak: str = "sv-SE"
    sidhuvud: str = ""
    nyckelord: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dokument:
    meta: Meta
    block: tuple[Block, ...]


def text_av(innehall: tuple[Inline, ...]) -> str:
    """Ren text av inline-innehåll (för innehållsförteckning, bokmärken och tester)."""
    delar = []
    for i in innehall:
        if isinstance(i, Text):
            delar.append(i.text)
        elif isinstance(i, Radbrytning):
            delar.append(" ")
        else:
            delar.append(text_av(i.innehall))
    return "".join(delar)


def alla_block(dok: Dokument) -> Iterator[Block]:
    """Varje block i dokumentordning, också inne i liggande avsnitt och listor."""

    def ga(block: tuple[Block, ...]) -> Iterator[Block]:
        for b in block:
            yield b
            if isinstance(b, Liggande):
                yield from ga(b.block)
            elif isinstance(b, Lista):
                for punkt in b.punkter:
                    yield from ga(punkt)

    return ga(dok.block)


def rubriker(dok: Dokument) -> list[Rubrik]:
    """Alla rubriker i dokumentordning, också inne i liggande avsnitt och listor."""
    return [b for b in alla_block(dok) if isinstance(b, Rubrik)]
