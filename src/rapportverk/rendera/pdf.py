"""PDF: dokumentmodellen → HTML (rendera.html, Jinja2 med autoescape) → WeasyPrint.

HTML-mallen (`mallar/gemensamt/dokument.html.j2`) och stilmallen (`mallar/<rapportslag>/stil.css`) är
redaktörernas; den här modulen gör bara det som en mall inte kan: en hämtare som vägrar nätet och filer utanför
projektet, sidnummer för DOCX-filens innehållsförteckning, taggar och metadata för PDF/UA och PDF/A, och
byte-identisk utdata. `pdf_ur_html` är det som PDF-processen (rendera.pdfprocess) gör.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pydyf
import weasyprint.pdf.fonts
from fontTools.ttLib import TTFont
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from rapportverk.dokument.modell import Dokument
from rapportverk.fel import RapportverkFel
from rapportverk.rendera.html import sidans_html
from rapportverk.rendera.pdf_struktur import avsluta
from rapportverk.rendera.pdfresultat import PdfResultat

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

# PDF/A-2u: version 2 därför att vi inte bifogar några filer (PDF/A-3 tillför bara godtyckliga bilagor, som
# arkiv behandlar med förbehåll), nivå u därför att all text ska gå att söka och kopiera som Unicode (b kräver bara
# utseendet). Filen är samtidigt taggad PDF/UA-1 (XMP-tillägget nedan), så den behöver inte nivå a.
PDFA_VARIANT = "pdf/a-2u"

# PDF/A förbjuder /Interpolate true; WeasyPrint sätter det för bilder med image-rendering: auto.
PDFA_CSS = "img { image-rendering: crisp-edges; }"



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


def rendera_pdf(dok: Dokument, css: Path, projektrot: Path, pdfa: bool = False,
                bas: Path | None = None) -> PdfResultat:
    """Rendera dokumentet till PDF/UA-1 (med `pdfa`: en fil som är både PDF/A-2u och PDF/UA-1) och returnera
    sidnumren. `bas`: katalogen som relativa adresser i mallarna utgår från (standard: stilmallens)."""
    html, rubrik_ids = sidans_html(dok, css, projektrot)
    return pdf_ur_html(html, css, projektrot, pdfa, bas, rubrik_ids)


def pdf_ur_html(html: str, css: Path, projektrot: Path, pdfa: bool, bas: Path | None,
                rubrik_ids: frozenset[str]) -> PdfResultat:
    """PDF:en ur dokumentets HTML (html_for), med sidan där varje rubrik i `rubrik_ids` hamnar."""
    hamtare = ProjektHamtare(projektrot)
    katalog = bas if bas is not None else css.parent
    sida = HTML(string=html, base_url=katalog.resolve().as_uri() + "/", url_fetcher=hamtare)
    alternativ: dict = {"pdf_variant": PDFA_VARIANT, "pdf_tags": True} if pdfa else {"pdf_variant": "pdf/ua-1"}
    # Ett fast id (md5 av innehållet) i stället för slumpvärden: samma indata ger samma byte.
    alternativ["pdf_identifier"] = True
    extra = [CSS(string=PDFA_CSS)] if pdfa else None
    try:
        dokument = sida.render(stylesheets=extra, **alternativ)
        pdf = dokument.write_pdf(finisher=avsluta(pdfa), **alternativ)
    except FatalURLFetchingError as fel:
        orsak = fel.__cause__ if isinstance(fel.__cause__, HamtningNekad) else fel
        raise RapportverkFel(f"{css}: {orsak}") from None
    if hamtare.nekade:  # om WeasyPrint ändå skulle svälja felet
        raise RapportverkFel(f"{css}: PDF:en försökte hämta {', '.join(hamtare.nekade)}")

    sidnummer: dict[str, int] = {}
    for i, sida_ in enumerate(dokument.pages, start=1):
        for ankare in sida_.anchors:
            if ankare in rubrik_ids:
                sidnummer.setdefault(ankare, i)
    return PdfResultat(pdf=pdf, sidnummer=sidnummer, antal_sidor=len(dokument.pages))
