"""PDF: dokumentmodellen → HTML (Jinja2, autoescape) → WeasyPrint.

HTML-mallen (`mallar/gemensamt/dokument.html.j2`) och stilmallen (`mallar/<rapportslag>/stil.css`) är
redaktörernas; den här modulen gör bara det som en mall inte kan: bilder som data-URI:er, en hämtare som
vägrar nätet och filer utanför projektet, sidnummer för DOCX-filens innehållsförteckning, taggar och
metadata för PDF/UA och PDF/A, och byte-identisk utdata.
"""

from __future__ import annotations

import base64
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
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from rapportverk.dokument.modell import Block, Dokument, Innehall, Liggande, Lista, Rubrik, rubriker
from rapportverk.fel import Fel, RapportverkFel
from rapportverk.rendera.gemensamt import huvudrader_html, utan_hoppade_nivaer

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

MALL = "dokument.html.j2"
# Standardmallen ligger i projektets mallar/; en rapportslagskatalog (bredvid stil.css) kan ha en egen.
STANDARDMALLAR = Path(__file__).resolve().parents[3] / "mallar" / "gemensamt"

# Bara dessa adresser blir klickbara länkar (modellen stoppar redan andra; det här är ett andra skydd).
TILLATNA_LANKAR = ("http://", "https://", "mailto:")

# PDF/A-2u: version 2 därför att vi inte bifogar några filer (PDF/A-3 tillför bara godtyckliga bilagor, som
# arkiv behandlar med förbehåll), nivå u därför att all text ska gå att söka och kopiera som Unicode (b kräver bara
# utseendet). Filen är samtidigt taggad PDF/UA-1 (XMP-tillägget nedan), så den behöver inte nivå a.
PDFA_VARIANT = "pdf/a-2u"

# PDF/A förbjuder /Interpolate true; WeasyPrint sätter det för bilder med image-rendering: auto.
PDFA_CSS = "img { image-rendering: crisp-edges; }"

# XMP-tillägget som säger att filen också följer PDF/UA-1. PDF/A-2/3 kräver att scheman utanför standarden
# beskrivs i ett pdfaExtension-schema, annars underkänns metadata.
PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part>\
</rdf:Description>
"""


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


def _lankbar(url: str) -> bool:
    return url.lower().startswith(TILLATNA_LANKAR)


def _rubriknummer(nummer: str) -> str:
    return nummer if nummer.endswith(".") else nummer + "."


@dataclass(frozen=True)
class Forteckning:
    """En innehållsförteckning med sina poster, i stället för modellens `Innehall` när HTML:en byggs."""

    rubrik: str
    poster: tuple[Rubrik, ...]


def _forbered(dok: Dokument) -> tuple[Block, ...]:
    """Blocken som mallen får: varje `Innehall` ersatt av en `Forteckning` över rubrikerna efter den, och
    rubriker direkt före ett `Liggande` flyttade in i det."""
    alla = rubriker(dok)
    fore = 0  # rubriker hittills, i samma ordning som rubriker() går

    def ga(block: tuple[Block, ...]) -> tuple:
        nonlocal fore
        ut: list = []
        for b in block:
            if isinstance(b, Rubrik):
                fore += 1
            elif isinstance(b, Innehall):
                b = Forteckning(b.rubrik, tuple(r for r in alla[fore:] if r.i_innehall and r.niva <= b.djup))
            elif isinstance(b, Liggande):
                b = Liggande(ga(b.block))
                # Rubriker direkt före ett liggande avsnitt följer med till den liggande sidan; annars står
                # de ensamma längst ned på en stående sida (bytet av sidnamn tvingar fram en sidbrytning).
                forega = []
                while ut and isinstance(ut[-1], Rubrik):
                    forega.insert(0, ut.pop())
                b = Liggande((*forega, *b.block))
            elif isinstance(b, Lista):
                b = Lista(tuple(ga(punkt) for punkt in b.punkter), b.numrerad)
            ut.append(b)
        return tuple(ut)

    return ga(dok.block)


def _miljo(css: Path) -> jinja2.Environment:
    kataloger = []
    for k in (css.parent, css.parent.parent / "gemensamt", STANDARDMALLAR):
        if k not in kataloger:
            kataloger.append(k)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(k) for k in kataloger]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["data_uri"] = _data_uri
    env.filters["rubriknummer"] = _rubriknummer
    env.globals.update(slag=_slag, lankbar=_lankbar, huvudrader=huvudrader_html)
    return env


def html_for(dok: Dokument, css: Path) -> str:
    """Den HTML som WeasyPrint får, med stilmallen inbäddad (fristående, så den också duger som förhandsvisning)."""
    stil = css.read_text(encoding="utf-8")
    # Stilmallen bäddas in orörd (CSS i <style> escapas inte i HTML); bara ett avslut av elementet kan bryta ut.
    if re.search(r"</style", stil, re.IGNORECASE):
        raise RapportverkFel(f"{css}: stilmallen får inte innehålla '</style'.")
    miljo = _miljo(css)
    dok = utan_hoppade_nivaer(dok)
    try:
        return miljo.get_template(MALL).render(meta=dok.meta, blocken=_forbered(dok), stil=Markup(stil))
    except jinja2.TemplateNotFound:
        kataloger = ", ".join(str(k) for k in miljo.loader.searchpath)
        raise RapportverkFel(f"Hittar inte HTML-mallen {MALL} (letade i {kataloger}).") from None
    except jinja2.TemplateSyntaxError as fel:
        # Redaktörer ändrar mallen: peka ut fil och rad.
        raise RapportverkFel(Fel(f"fel i HTML-mallen: {fel.message}", fel.filename or MALL, fel.lineno)) from None


# --- PDF ------------------------------------------------------------------------------------------------


def _avsluta(pdfa: bool):
    """Efterbehandling av pydyf-objektet innan det skrivs (WeasyPrints `finisher`)."""

    def avsluta(document, pdf: pydyf.PDF) -> None:
        _satt_scope(document)
        upprepade = _sla_ihop_delade_tabeller(document, pdf)
        _losa_markeringar_som_artefakter(document, pdf, upprepade)
        _id_trad(pdf)
        _enkla_barn(pdf)
        if pdfa:
            _pdfa_metadata(pdf)

    return avsluta


def _satt_scope(document) -> None:
    """/Scope på tabellrubrikceller (PDF/UA, UA-15-003): WeasyPrint 70 läser `scope` men skriver det inte.

    WeasyPrint lägger strukturelementet för varje cell i `box.mark` när taggarna byggs; vi går igenom
    sidornas boxar och fyller på /A med /Scope /Column eller /Row efter HTML-attributet.
    """
    for sida in document.pages:
        stack = [sida._page_box]
        while stack:
            box = stack.pop()
            if box.element_tag == "th" and (element := getattr(box, "mark", None)) is not None:
                scope = box.element.attrib.get("scope")
                element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"
            stack.extend(getattr(box, "children", ()))


def _nummer(referens) -> int:
    """Objektnumret i en pydyf-referens (b'12 0 R')."""
    return int((referens.decode() if isinstance(referens, bytes) else str(referens)).split()[0])


def _ar_referens(varde) -> bool:
    return isinstance(varde, bytes) and varde.endswith(b" R")


def _textboxar(box):
    """Textboxarna under `box` i den ordning WeasyPrints taggning går igenom dem (tags._build_box_tree)."""
    for barn in getattr(box, "children", ()):
        for b in barn.children if isinstance(barn, boxes.LineBox) else [barn]:
            if isinstance(b, boxes.TextBox):
                yield b
            else:
                yield from _textboxar(b)


def _barnlista(element) -> list:
    """En kopia av elementets barn (/K är ett barn, en lista eller inget)."""
    k = element.get("K")
    return list(k) if isinstance(k, list) else [] if k is None else [k]


def _sla_ihop_delade_tabeller(document, pdf: pydyf.PDF) -> dict[int, set[int]]:
    """En tabell som delas mellan sidor blir ett Table-element, inte ett per sida.

    WeasyPrint 70 bygger taggarna sida för sida: fortsättningen av en lång tabell blir en egen tabell utan
    tabellrubrik, med rubrikraderna en gång till. Här flyttas fortsättningens rader in i den första tabellens
    TBody, deras Headers pekar om till den första tabellens kolumnrubriker, och den upprepade rubrikraden lämnas
    utanför trädet (den blir en artefakt, som sidhuvudet). Returnerar {sidindex: MCID} för de upprepade
    rubrikraderna.
    """
    sidindex = {_nummer(ref): i for i, ref in enumerate(pdf.page_references)}
    delar: dict[object, list[int]] = {}  # HTML-tabellen -> Table-elementens objektnummer i sidordning
    for sida in document.pages:
        stack: list = [(sida._page_box, None)]
        while stack:
            box, tabell = stack.pop()
            if box.element_tag == "table":
                tabell = box.element  # samma HTML-element på varje sida som tabellen går över
            stack.extend((b, tabell) for b in reversed(getattr(box, "children", ())))
            if box.element_tag not in ("td", "th") or getattr(box, "mark", None) is None:
                continue
            rad = pdf.objects[_nummer(box.mark["P"])]
            grupp = pdf.objects[_nummer(rad["P"])]
            nummer = _nummer(grupp["P"])
            lista = delar.setdefault(tabell, [])
            if nummer not in lista:
                lista.append(nummer)
    upprepade: dict[int, set[int]] = {}
    for nummer in delar.values():
        if len(nummer) < 2:
            continue
        forsta = pdf.objects[nummer[0]]
        kropp = next((pdf.objects[_nummer(b)] for b in _barnlista(forsta) if _ar_referens(b)
                      and pdf.objects[_nummer(b)].get("S") == "/TBody"), None)
        for fortsattning in (pdf.objects[n] for n in nummer[1:]):
            omdopt: dict[str, pydyf.String] = {}
            for ref in _barnlista(fortsattning):
                del_ = pdf.objects[_nummer(ref)]
                if del_.get("S") == "/THead":
                    # Rubrikraden en gång till: utanför trädet; cellernas id pekar om till första tabellens.
                    stack = [ref]
                    while stack:
                        e = pdf.objects[_nummer(stack.pop())]
                        if "ID" in e:
                            gammalt = str(e["ID"].string)
                            omdopt[gammalt] = pydyf.String(f"{forsta.number}-{gammalt.split('-', 1)[1]}")
                        for b in _barnlista(e):
                            if _ar_referens(b):
                                stack.append(b)
                            elif isinstance(b, int):
                                upprepade.setdefault(sidindex[_nummer(e["Pg"])], set()).add(b)
                    continue
                if del_.get("S") == "/TBody":
                    for rad in _barnlista(del_):
                        for cell in _barnlista(pdf.objects[_nummer(rad)]):
                            a = pdf.objects[_nummer(cell)].get("A", {})
                            if "Headers" in a:
                                a["Headers"] = pydyf.Array(omdopt.get(str(h.string), h) for h in a["Headers"])
                if del_.get("S") == "/TBody" and kropp is not None:
                    for rad in _barnlista(del_):
                        pdf.objects[_nummer(rad)]["P"] = kropp.reference
                        _barnlista_lagg_till(kropp, rad)
                else:
                    del_["P"] = forsta.reference
                    _barnlista_lagg_till(forsta, ref)
                    if del_.get("S") == "/TBody":
                        kropp = del_
            _ta_bort_ur_foralder(pdf, fortsattning)
    return upprepade


def _barnlista_lagg_till(element, ref) -> None:
    k = element.get("K")
    if isinstance(k, list):
        k.append(ref)
    else:
        element["K"] = pydyf.Array(([] if k is None else [k]) + [ref])


def _ta_bort_ur_foralder(pdf: pydyf.PDF, element) -> None:
    """Ta bort elementet ur sin förälders /K; blir föräldern tom (t.ex. tabellens Div) tas den också bort."""
    foralder = pdf.objects[_nummer(element["P"])]
    k = foralder.get("K")
    if isinstance(k, list):
        k[:] = [b for b in k if not (_ar_referens(b) and _nummer(b) == element.number)]
    if foralder.get("Type") == "/StructElem" and not _barnlista(foralder):
        _ta_bort_ur_foralder(pdf, foralder)


def _id_trad(pdf: pydyf.PDF) -> None:
    """/IDTree i strukturträdets rot: krävs när element har /ID (tabellrubrikerna som cellernas /Headers pekar på),
    men WeasyPrint 70 skriver det inte. Ett namnträd med en nivå, sorterat på id."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    rot = pdf.objects[_nummer(pdf.catalog["StructTreeRoot"])]
    nas: set[int] = set()
    stack = _barnlista(rot)
    poster = []
    while stack:
        ref = stack.pop()
        if not _ar_referens(ref) or _nummer(ref) in nas:
            continue
        nas.add(_nummer(ref))
        e = pdf.objects[_nummer(ref)]
        if isinstance(e, dict):
            if "ID" in e:
                poster.append((str(e["ID"].string), e.reference))
            stack.extend(_barnlista(e))
    if poster:
        namn = pydyf.Array()
        for id_, ref in sorted(poster):
            namn.extend((pydyf.String(id_), ref))
        rot["IDTree"] = pydyf.Dictionary({"Names": namn})


def _losa_markeringar_som_artefakter(document, pdf: pydyf.PDF, upprepade: dict[int, set[int]]) -> None:
    """Markerat innehåll utanför strukturträdet blir artefakter (/Artifact /Pagination), inte taggat innehåll.

    WeasyPrint 70 märker texten i sidmarginalerna med MCID och bygger strukturelement för den, men hänger inte in
    dem i strukturträdet (tags.py: 'It could be included in tree as Artifact, but that's only allowed in PDF 2.0').
    Texten är då varken innehåll eller artefakt. Detsamma gäller en upprepad tabellrubrik som
    `_sla_ihop_delade_tabeller` lyft ur trädet (`upprepade`). Varje sådan markering blir en artefakt i sidans
    innehållsström, och dess plats i /ParentTree töms. Vilka MCID det gäller avgörs av trädet: de vars
    strukturelement inte nås från dokumentroten. Löpande sidhuvud och sidfot får /Subtype efter marginalrutan
    (@top-… eller @bottom-…).
    """
    if "StructTreeRoot" not in pdf.catalog:
        return
    rot = pdf.objects[_nummer(pdf.catalog["StructTreeRoot"])]
    nas: set[int] = set()
    stack = [rot["K"]]
    while stack:
        k = stack.pop()
        if _ar_referens(k):
            n = _nummer(k)
            if n not in nas:
                nas.add(n)
                barn = pdf.objects[n]
                if isinstance(barn, dict) and "K" in barn:
                    stack.append(barn["K"])
        elif isinstance(k, list):
            stack.extend(k)
    nums = pdf.objects[_nummer(rot["ParentTree"])]["Nums"]
    for i in range(0, len(nums), 2):
        sidnr, mcid_ref = nums[i], nums[i + 1]
        if not isinstance(mcid_ref, list) or sidnr >= len(document.pages):
            continue
        losa = {m for m, ref in enumerate(mcid_ref) if _ar_referens(ref) and _nummer(ref) not in nas}
        if not losa:
            continue
        # Marginalrutornas strukturelement skapades i trädordning, samma ordning som rutornas textboxar.
        marginal = sorted(losa - upprepade.get(sidnr, set()), key=lambda m: _nummer(mcid_ref[m]))
        rutor = [ruta.at_keyword for ruta in document.pages[sidnr]._page_box.children
                 if isinstance(ruta, boxes.MarginBox) for _ in _textboxar(ruta)]
        slag = {m: ("/Header" if r.startswith("@top") else "/Footer" if r.startswith("@bottom") else None)
                for m, r in zip(marginal, rutor, strict=False)} if len(rutor) == len(marginal) else {}
        sida = pdf.objects[_nummer(pdf.page_references[sidnr])]
        strom = pdf.objects[_nummer(sida["Contents"])].stream
        hittade = set()
        for j in range(1, len(strom) - 1):
            egenskaper = strom[j]
            if isinstance(egenskaper, dict) and egenskaper.get("MCID") in losa and strom[j + 1] == b"BDC":
                mcid = egenskaper["MCID"]
                artefakt = pydyf.Dictionary({"Type": "/Pagination"})
                if slag.get(mcid):
                    artefakt["Subtype"] = slag[mcid]
                strom[j - 1], strom[j] = "/Artifact", artefakt
                hittade.add(mcid)
        for mcid in hittade:
            mcid_ref[mcid] = "null"


def _enkla_barn(pdf: pydyf.PDF) -> None:
    """/K med ett enda barn skrivs som barnet självt, inte som en lista med ett element (båda är giltiga).

    Mindre fil, och pdfua 0.1.3 kan då kontrollera att rubriker inte är tomma (regel UA-14-001 kraschar med
    pikepdf 10 på varje /K som är en lista och hoppas annars över).
    """
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") in ("/StructElem", "/StructTreeRoot"):
            k = obj.get("K")
            if isinstance(k, list) and len(k) == 1:
                obj["K"] = k[0]


def _pdfa_metadata(pdf: pydyf.PDF) -> None:
    """Okomprimerad XMP (PDF/A förbjuder filter på metadataströmmen) som också anger PDF/UA-1."""
    referens = pdf.catalog["Metadata"]  # b'530 0 R'
    nummer = int((referens.decode() if isinstance(referens, bytes) else str(referens)).split()[0])
    strom = pdf.objects[nummer]
    innehall = b"".join(s if isinstance(s, bytes) else str(s).encode() for s in strom.stream)
    slut = b"</rdf:RDF>"
    if b"pdfuaid" not in innehall:
        innehall = innehall.replace(slut, PDFUA_XMP + slut, 1)
    strom.stream = [innehall]
    strom.compress = False


def rendera_pdf(dok: Dokument, css: Path, projektrot: Path, pdfa: bool = False) -> PdfResultat:
    """Rendera dokumentet till PDF/UA-1 (med `pdfa`: en fil som är både PDF/A-2u och PDF/UA-1) och returnera
    sidnumren."""
    hamtare = ProjektHamtare(projektrot)
    html = HTML(string=html_for(dok, css), base_url=css.resolve().parent.as_uri() + "/", url_fetcher=hamtare)
    alternativ: dict = {"pdf_variant": PDFA_VARIANT, "pdf_tags": True} if pdfa else {"pdf_variant": "pdf/ua-1"}
    # Ett fast id (md5 av innehållet) i stället för slumpvärden: samma indata ger samma byte.
    alternativ["pdf_identifier"] = True
    extra = [CSS(string=PDFA_CSS)] if pdfa else None
    try:
        dokument = html.render(stylesheets=extra, **alternativ)
        pdf = dokument.write_pdf(finisher=_avsluta(pdfa), **alternativ)
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
