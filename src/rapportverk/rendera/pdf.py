"""PDF: dokumentmodellen → HTML (Jinja2, autoescape) → WeasyPrint.

HTML-mallen (`mallar/gemensamt/dokument.html.j2`) och stilmallen (`mallar/<rapportslag>/stil.css`) är
redaktörernas; den här modulen gör bara det som en mall inte kan: bilder som data-URI:er, en hämtare som
vägrar nätet och filer utanför projektet, sidnummer för DOCX-filens innehållsförteckning, taggar och
metadata för PDF/UA och PDF/A, och byte-identisk utdata.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jinja2
import pydyf
import weasyprint.pdf.fonts
from fontTools.ttLib import TTFont
from jinja2.sandbox import SecurityError
from markupsafe import Markup, escape
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

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
from rapportverk.rendera.pdf_struktur import avsluta
from rapportverk.sandlada import Sandlada

# Byte-identisk PDF: fontTools skriver annars in klockslaget (head.modified) i varje inbäddad typsnittsdel,
# eftersom WeasyPrint 70 sparar delmängderna med standardvärdet recalcTimestamp=True. Typsnittets egen
# tidsstämpel behålls i stället. Bara WeasyPrints referens byts, inte fontTools för andra användare.
if not isinstance(weasyprint.pdf.fonts.TTFont, functools.partial):
    weasyprint.pdf.fonts.TTFont = functools.partial(TTFont, recalcTimestamp=False)

# Längden på strömmar som slutar med CR (PDF/A, ISO 19005-2 6.1.7.1): pydyf skriver alltid LF före `endstream`.
# Slutar datat med CR (komprimerat data gör det för ungefär var 256:e ström: sista byten är Adler-32-summan) blir
# CR LF läst som radslut, och /Length stämmer inte längre. Då skrivs CR LF, så att radslutet är entydigt.
if not getattr(pydyf.Stream.data.fget, "_rapportverk", False):
    _pydyf_strom = pydyf.Stream.data.fget

    def _strom_data(self) -> bytes:
        data = _pydyf_strom(self)
        if data.endswith(b"\r\nendstream"):
            data = data[: -len(b"\nendstream")] + b"\r\nendstream"
        return data

    _strom_data._rapportverk = True  # type: ignore[attr-defined]
    pydyf.Stream.data = property(_strom_data)  # type: ignore[method-assign]

# Carlito har en låg 'created'-tidsstämpel som fontTools varnar för vid varje rendering; den är ofarlig.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

MALL = resurser.HTMLMALL
# HTML-sidan bär rapportens bilder som data-URI:er, så den blir stor av data, inte av mallen: gränserna är vida.
HTMLGRANSER = sandlada.Granser(tid_s=120.0, utdata_tecken=500_000_000)

# PDF/A-2u: version 2 därför att vi inte bifogar några filer (PDF/A-3 tillför bara godtyckliga bilagor, som
# arkiv behandlar med förbehåll), nivå u därför att all text ska gå att söka och kopiera som Unicode (b kräver bara
# utseendet). Filen är samtidigt taggad PDF/UA-1 (XMP-tillägget nedan), så den behöver inte nivå a.
PDFA_VARIANT = "pdf/a-2u"

# PDF/A förbjuder /Interpolate true; WeasyPrint sätter det för bilder med image-rendering: auto.
PDFA_CSS = "img { image-rendering: crisp-edges; }"



@dataclass(frozen=True)
class PdfResultat:
    pdf: bytes
    sidnummer: dict[str, int]  # Rubrik.id -> sidan (1-baserad) där rubriken hamnar
    antal_sidor: int


class HamtningNekad(ValueError):
    """En adress som PDF:en inte får hämta: nätet, eller en fil utanför projektet."""


class ProjektHamtare(URLFetcher):
    """Hämtar bara data:-URI:er och filer inom `projektrot`; allt annat vägras.

    `fail_on_errors` gör att WeasyPrint avbryter i stället för att bara varna: en rapport ska inte
    publiceras med en tyst saknad bild eller stilmall.
    """

    def __init__(self, projektrot: Path):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=True)
        self.projektrot = projektrot.resolve()
        self.nekade: list[str] = []

    def fetch(self, url: str, headers=None):
        try:
            self._kontrollera(url)
        except HamtningNekad:
            self.nekade.append(url)
            raise
        return super().fetch(url, headers)

    def _kontrollera(self, url: str) -> None:
        delar = urlsplit(url)
        schema = delar.scheme.lower()
        if schema == "data":
            return
        if schema != "file":
            raise HamtningNekad(f"PDF:en hämtar inget från nätet: {url}")
        if delar.netloc not in ("", "localhost"):
            raise HamtningNekad(f"PDF:en hämtar inga filer från andra datorer: {url}")
        # resolve() följer symboliska länkar, så en länk inom projektet kan inte peka ut ur det.
        sokvag = Path(url2pathname(unquote(delar.path))).resolve()
        if not sokvag.is_relative_to(self.projektrot):
            raise HamtningNekad(f"PDF:en hämtar inga filer utanför projektet ({self.projektrot}): {url}")


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


def rendera_pdf(dok: Dokument, css: Path, projektrot: Path, pdfa: bool = False,
                bas: Path | None = None) -> PdfResultat:
    """Rendera dokumentet till PDF/UA-1 (med `pdfa`: en fil som är både PDF/A-2u och PDF/UA-1) och returnera
    sidnumren. `bas`: katalogen som relativa adresser i mallarna utgår från (standard: stilmallens)."""
    dok = ordna(dok)
    hamtare = ProjektHamtare(projektrot)
    katalog = bas if bas is not None else css.parent
    html = HTML(string=html_for(dok, css, projektrot), base_url=katalog.resolve().as_uri() + "/", url_fetcher=hamtare)
    alternativ: dict = {"pdf_variant": PDFA_VARIANT, "pdf_tags": True} if pdfa else {"pdf_variant": "pdf/ua-1"}
    # Ett fast id (md5 av innehållet) i stället för slumpvärden: samma indata ger samma byte.
    alternativ["pdf_identifier"] = True
    extra = [CSS(string=PDFA_CSS)] if pdfa else None
    try:
        dokument = html.render(stylesheets=extra, **alternativ)
        pdf = dokument.write_pdf(finisher=avsluta(pdfa), **alternativ)
    except FatalURLFetchingError as fel:
        orsak = fel.__cause__ if isinstance(fel.__cause__, HamtningNekad) else fel
        raise RapportverkFel(f"{css}: {orsak}") from None
    if hamtare.nekade:  # om WeasyPrint ändå skulle svälja felet
        raise RapportverkFel(f"{css}: PDF:en försökte hämta {', '.join(hamtare.nekade)}")

    ids = {r.id for r in rubriker(dok)}
    sidnummer: dict[str, int] = {}
    for i, sida in enumerate(dokument.pages, start=1):
        for ankare in sida.anchors:
            if ankare in ids:
                sidnummer.setdefault(ankare, i)
    return PdfResultat(pdf=pdf, sidnummer=sidnummer, antal_sidor=len(dokument.pages))
