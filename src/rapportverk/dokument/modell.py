"""Dokumentmodellen: en liten, sluten uppsättning frysta typer som båda renderarna läser.

Som pandoc-types: rubriker, stycken, listor, tabeller, figurer, sidbrytningar och innehållsförteckning.
Tal är redan formaterade (svenska) när de når modellen, så DOCX och PDF visar exakt samma text.
Modellen har inget rått innehåll (ingen HTML-passage): text från redaktörer kan aldrig injicera något.

Layouten (kolumnbredder, radernas stil, vad som hålls ihop, numrering, liggande avsnitt …) bestäms en gång, i
`dokument/layout.py`, och står i fälten nedan; renderarna översätter bara. Fälten som layouten fyller i har
standardvärden, så att ett dokument kan byggas utan dem; `Dokument.ordnad` säger att layouten är gjord.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
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


# De enda adresser som blir klickbara länkar: Markdown-tolkningen och layouten stoppar andra (javascript: …).
TILLATNA_LANKAR = ("http://", "https://", "mailto:")


def lankbar(url: str) -> bool:
    return url.lower().startswith(TILLATNA_LANKAR)


@dataclass(frozen=True)
class Lank:
    """Bara adresser som är `lankbar`; andra stoppas när texten tolkas och i layouten."""

    innehall: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class Radbrytning:
    pass


@dataclass(frozen=True)
class Genererad:
    """Text som ett uttryck i ett textblock räknade fram (`{{ ... | mkr }}`): uttryck nr `nummer` i källtexten.
    Visas som vanlig text; DOCX märker den, så att `rapport hamta` ser om den ändrats och kan skriva tillbaka
    uttrycket i stället för talet."""

    text: str
    nummer: int


Inline = Text | Betonad | Stark | Lank | Radbrytning | Genererad

# --- Block --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rubrik:
    """`nummer` ('1', '2') sätts när dokumentet numrerar rubriker; `id` är ankaret för innehållsförteckningen.
    Layouten sätter `nummertext`, numret som det står före rubriken ('1.'), och nivån utan hopp."""

    niva: int
    innehall: tuple[Inline, ...]
    id: str
    nummer: str | None = None
    i_innehall: bool = True
    nummertext: str = ""


@dataclass(frozen=True)
class Stycke:
    innehall: tuple[Inline, ...]


@dataclass(frozen=True)
class Lista:
    punkter: tuple[tuple[Block, ...], ...]
    numrerad: bool = False
    # Numrerad med bokstäver: a), b), c) (en bokstavslista i textblocket).
    bokstaver: bool = False


Justering = Literal["vanster", "hoger"]
Radtyp = Literal["normal", "rubrik", "delsumma", "summa", "varav"]


@dataclass(frozen=True)
class Huvudcell:
    """En kolumnrubrik. Layouten slår ihop en kolumn som har text i bara en rubrikrad: cellen överst får texten
    och `radspann`, cellerna under blir `tackt`. `avstavning`: var ett ord i texten får brytas med bindestreck."""

    text: str
    spann: int = 1
    justering: Justering = "hoger"
    radspann: int = 1
    tackt: bool = False
    avstavning: tuple[int, ...] = ()

    @property
    def led(self) -> tuple[str, ...]:
        """Texten delad vid avstavningspunkterna (det renderarna sätter ett mjukt bindestreck mellan)."""
        return avstavade_led(self.text, self.avstavning)


def avstavade_led(text: str, punkter: tuple[int, ...]) -> tuple[str, ...]:
    """Texten delad vid punkterna: ('Budget', 'av', 'vikelse') för Budgetavvikelse med punkterna (6, 8)."""
    granser = [0, *punkter, len(text)]
    return tuple(text[a:b] for a, b in pairwise(granser))


@dataclass(frozen=True)
class Tabellrad:
    """Första cellen är radens rubrik (skärmläsare: rad-scope); övriga är värden, redan formaterade.

    Layouten sätter radens stil efter typen: fet, kursiv, linje ovanför, indrag (steg i första kolumnen) och
    `hall_ihop` (raden står på samma sida som nästa)."""

    celler: tuple[str, ...]
    typ: Radtyp = "normal"
    niva: int = 0
    fet: bool = False
    kursiv: bool = False
    linje_over: bool = False
    indrag: int = 0
    hall_ihop: bool = False


@dataclass(frozen=True)
class Tabell:
    """`huvud` är en eller flera rubrikrader (kolumn-scope, upprepas på varje sida).

    `bredder` (relativa, summa 100) anges för texttabeller (listor); då bryts text i cellerna. Layouten ger
    siffertabeller sina bredder och sätter `bryt_text` för texttabellerna, och `hall_ihop` för en tabell som
    ska stå hel på en sida. En `bred` tabell lägger layouten i ett liggande avsnitt.
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
    bryt_text: bool = False
    hall_ihop: bool = False
    # Tabellens namn för skärmläsare när den saknar synlig rubrik (en tabell i ett textblock): kolumnrubrikerna.
    alt: str | None = None


@dataclass(frozen=True)
class Figur:
    """PNG-bild (deterministisk), alternativtext för skärmläsare och synlig bildtext. Ett diagram har också
    `svg`, samma bild som vektorer: PDF:en visar den, DOCX-filen PNG-bilden. Ett diagram i ett bygge som bara
    ger PDF har ingen PNG-bild (None)."""

    id: str
    png: bytes | None = field(repr=False)
    alt: str
    bildtext: str
    bredd_cm: float = 16.0
    svg: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Markering:
    """En synlig ruta: saknad text i utkast, eller en varning (t.ex. avstämning). Layouten sätter `etikett`
    ('Saknas', 'Varning') som står före texten, om texten inte redan säger det: typen syns inte bara i färgen."""

    text: str
    typ: Literal["saknas", "varning"] = "saknas"
    etikett: str = ""


@dataclass(frozen=True)
class Sidbrytning:
    pass


@dataclass(frozen=True)
class Innehall:
    """Innehållsförteckning: rubriker på nivå 1..`djup` efter denna plats; layouten skriver deras id i `poster`."""

    rubrik: str = "Innehåll"
    djup: int = 2
    poster: tuple[str, ...] = ()
    ny_sida_efter: bool = False


@dataclass(frozen=True)
class Titelsida:
    """Layouten sätter `ny_sida_efter` (rapporten börjar på nästa sida), som för innehållsförteckningen."""

    titel: str
    undertitel: str | None = None
    rader: tuple[str, ...] = ()
    ny_sida_efter: bool = False


@dataclass(frozen=True)
class Liggande:
    """Block som ska stå på liggande sidor (breda tabeller, med rubrikerna direkt före dem)."""

    block: tuple[Block, ...]


@dataclass(frozen=True)
class Textblock:
    """Här börjar innehållet ur ett textblock (till nästa `Textblockslut`): `kalla` är filens sökväg i projektet,
    `kallhash` sha256 av källtexten det byggdes av (utan front matter), `avtryck` ett fingeravtryck av innehållet
    som Markdown (dokument/markdown_ut.py): det visar om någon ändrat texten i Word. PDF:en visar inget; DOCX
    märker blocket så att redaktörernas ändringar kan hämtas tillbaka till rätt fil (`rapport hamta`)."""

    kalla: str
    kallhash: str
    avtryck: str


@dataclass(frozen=True)
class Textblockslut:
    pass


Block = (Rubrik | Stycke | Lista | Tabell | Figur | Markering | Sidbrytning | Innehall | Titelsida | Liggande
         | Textblock | Textblockslut)


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
    ordnad: bool = False  # layouten (dokument/layout.py) är gjord


def text_av(innehall: tuple[Inline, ...]) -> str:
    """Ren text av inline-innehåll (för innehållsförteckning, bokmärken och tester)."""
    delar = []
    for i in innehall:
        if isinstance(i, Text | Genererad):
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
