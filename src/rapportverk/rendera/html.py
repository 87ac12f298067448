"""HTML för PDF:en (och förhandsgranskningen): dokumentmodellen → HTML genom redaktörernas mall i sandlådan.

Utan WeasyPrint: ett bygge som låter PDF-processen (rendera.pdfprocess) lägga ut sidorna bygger HTML:en här och
läser aldrig in WeasyPrint själv.
"""

from __future__ import annotations

import base64
import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import SecurityError
from markupsafe import Markup, escape

from rapportverk import resurser, sandlada
from rapportverk.dokument.layout import nummertext, ordna
from rapportverk.dokument.modell import (
    Block,
    Dokument,
    Figur,
    Huvudcell,
    Innehall,
    Liggande,
    Lista,
    Rubrik,
    Textblock,
    Textblockslut,
    lankbar,
    rubriker,
)
from rapportverk.dokument.stil import css_variabler
from rapportverk.fel import Fel, RapportverkFel, visningsnamn
from rapportverk.sandlada import Sandlada

MALL = resurser.HTMLMALL
# HTML-sidan bär rapportens bilder som data-URI:er, så den blir stor av data, inte av mallen: gränserna är vida.
HTMLGRANSER = sandlada.Granser(tid_s=120.0, utdata_tecken=500_000_000)

# --- HTML -----------------------------------------------------------------------------------------------


def _slag(b: object) -> str:
    return type(b).__name__


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _bild_uri(figur: Figur) -> str:
    """Diagrammets SVG när den finns (vektorer, rapportens typsnitt), annars PNG-bilden."""
    if figur.svg is not None:
        return "data:image/svg+xml;base64," + base64.b64encode(figur.svg).decode("ascii")
    if figur.png is None:
        raise ValueError(f"{figur.id} har varken SVG eller PNG-bild")
    return _data_uri(figur.png)


def _huvudrader(huvud: tuple[tuple[Huvudcell, ...], ...]) -> list[list[Huvudcell]]:
    """Rubrikraderna utan de celler som en sammanslagen cell ovanför täcker (för äldre kopior av HTML-mallen)."""
    return [[c for c in rad if not c.tackt] for rad in huvud]


@dataclass(frozen=True)
class Forteckning:
    """En innehållsförteckning med sina poster, i stället för modellens `Innehall` när HTML:en byggs."""

    rubrik: str
    poster: tuple[Rubrik, ...]
    ny_sida_efter: bool = False


def _forbered(dok: Dokument) -> tuple[Block, ...]:
    """Blocken som mallen får: varje `Innehall` ersatt av en `Forteckning` med rubrikerna som layouten valde."""
    per_id: dict[str, Rubrik] = {}
    for r in rubriker(dok):
        per_id.setdefault(r.id, r)

    def ga(block: tuple[Block, ...]) -> tuple:
        ut: list = []
        for b in block:
            if isinstance(b, Innehall):
                b = Forteckning(b.rubrik, tuple(per_id[i] for i in b.poster), b.ny_sida_efter)
            elif isinstance(b, Liggande):
                b = Liggande(ga(b.block))
            elif isinstance(b, Lista):
                b = dataclasses.replace(b, punkter=tuple(ga(punkt) for punkt in b.punkter))
            elif isinstance(b, Textblock | Textblockslut):  # märkningen är till för DOCX (rapport hamta)
                continue
            ut.append(b)
        return tuple(ut)

    return ga(dok.block)


def htmlmallkataloger(css: Path, projektrot: Path | None = None) -> list[Path]:
    """Där HTML-mallen söks, i ordning: bredvid stilmallen, i `gemensamt/` bredvid rapporttypernas kataloger, och
    sist den inbyggda (paketdata). Med den inbyggda stilmallen används den inbyggda HTML-mallen. Kataloger utanför
    projektet (en stilmall direkt i projektets rot har `gemensamt/` en nivå ovanför) hoppas över."""
    inbyggd = resurser.katalog().resolve()
    css = css.resolve()
    if css.parent == inbyggd:
        return [inbyggd]
    egna = [css.parent, css.parent.parent / "gemensamt"]
    if projektrot is not None:
        egna = [k for k in egna if k.resolve().is_relative_to(projektrot.resolve())]
    return list(dict.fromkeys([*egna, inbyggd]))


def mallmiljo(css: Path, projektrot: Path | None = None) -> Sandlada:
    """HTML-mallen är redaktörernas fil (en kopia bredvid stil.css används före standardmallen), så den renderas i
    samma sandlåda som layoutmallar och textblock."""
    return sandlada.miljo(htmlmallkataloger(css, projektrot), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          granser=HTMLGRANSER,
                          filter={"data_uri": _data_uri, "bild_uri": _bild_uri, "rubriknummer": nummertext,
                                  "avstavad": _avstavad, "symboler": _symboler},
                          # lankbar, rubriknummer och huvudrader: för äldre kopior av HTML-mallen; layouten
                          # har redan bestämt allt de säger (dokument/layout.py).
                          globala={"slag": _slag, "lankbar": lankbar, "huvudrader": _huvudrader})


# Pilar, tekniska tecken, geometriska former, symboler och dingbats (◐, ▲, ✖ …), inte matematiska tecken som
# minustecknet: rapportens typsnitt saknar de flesta, och reservtypsnittet (DejaVu Sans) har högre ascent;
# stilmallen ger dem ingen egen radhöjd (.symbol).
_SYMBOLER = re.compile("[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff]+")


def _symboler(text: object) -> Markup:
    """Texten escapad, med symboltecknen i <span class="symbol">: en rad med ett tecken ur reservtypsnittet blir
    annars nästan 1 pt högre i PDF:en, medan DOCX-filens rad har sin exakta höjd (dokument/stil.py)."""
    return Markup(_SYMBOLER.sub(lambda m: f'<span class="symbol">{m[0]}</span>', str(escape(text))))


def _avstavad(c: Huvudcell) -> Markup:
    """Kolumnrubrikens text med mjuka bindestreck där layouten tillåter avstavning, så att PDF:en bryter i samma
    fogar som DOCX-filen (stilmallen har hyphens: manual), och symbolerna som i cellerna (`_symboler`)."""
    return _symboler("\u00ad".join(c.led))


def html_for(dok: Dokument, css: Path, projektrot: Path | None = None) -> str:
    """Den HTML som WeasyPrint får, med stilmallen inbäddad (fristående, så den också duger som förhandsvisning)."""
    stil = css.read_text(encoding="utf-8")
    # Stilmallen bäddas in orörd (CSS i <style> escapas inte i HTML); bara ett avslut av elementet kan bryta ut.
    if re.search(r"</style", stil, re.IGNORECASE):
        raise RapportverkFel(f"{css}: stilmallen får inte innehålla '</style'.")
    miljo = mallmiljo(css, projektrot)
    dok = ordna(dok)
    try:
        mall = miljo.get_template(MALL)
    except jinja2.TemplateNotFound:
        kataloger = ", ".join(str(k) for k in miljo.loader.searchpath)
        raise RapportverkFel(f"Hittar inte HTML-mallen {MALL} (letade i {kataloger}).") from None
    except jinja2.TemplateSyntaxError as fel:
        # Redaktörer ändrar mallen: peka ut fil och rad.
        raise RapportverkFel(Fel(f"fel i HTML-mallen: {fel.message}", fel.filename or MALL, fel.lineno)) from None
    fil = visningsnamn(mall.filename or MALL)
    try:
        return sandlada.rendera(mall, {"meta": dok.meta, "blocken": _forbered(dok), "stil": Markup(stil),
                                              "variabler": Markup(css_variabler())})
    except sandlada.Gransfel as fel:
        raise RapportverkFel(Fel(f"HTML-mallen stoppades ({fel}); ta bort uttrycket.", fil,
                                 sandlada.mallrad(fel, mall.filename))) from None
    except SecurityError as fel:
        raise RapportverkFel(Fel("HTML-mallen försöker nå något som inte är tillåtet i en mall (Pythons interna "
                                 "attribut); ta bort uttrycket.", fil, sandlada.mallrad(fel, mall.filename))) from None


def sidans_html(dok: Dokument, css: Path, projektrot: Path | None = None) -> tuple[str, frozenset[str]]:
    """HTML:en som PDF:en läggs ut ur, och rubrikernas id: PDF-layouten ger sidan för var och en (DOCX-filens
    innehållsförteckning). Samma för PDF:en i bygget (rendera.pdf) och i PDF-processen (rendera.pdfprocess)."""
    dok = ordna(dok)
    return html_for(dok, css, projektrot), frozenset(r.id for r in rubriker(dok))
