"""Små byggstenar för DOCX-renderaren: XML-element, fält, stilar med reserv, deterministisk zip.

Allt som python-docx inte har ett API för (fält, bokmärken, hyperlänkar, ramar, sektioner) byggs här som
WordprocessingML, så att `docx.py` kan läsas som en funktion av dokumentmodellen.
"""

from __future__ import annotations

import copy
import io
import os
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from rapportverk.dokument import stil

TWIPS_PER_CM = 1440 / 2.54
EMU_PER_TWIP = 635
ZIP_DATUM = (1980, 1, 1, 0, 0, 0)


def twips(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


def el(tag: str, attrs: dict[str, str] | None = None, *barn) -> OxmlElement:
    """Ett WordprocessingML-element: `el("w:tab", {"w:val": "right"})`."""
    e = OxmlElement(tag)
    for k, v in (attrs or {}).items():
        e.set(qn(k), str(v))
    for b in barn:
        e.append(b)
    return e


def textkorning(text: str, fet: bool = False, kursiv: bool = False, rstil: str | None = None,
                storlek: float | None = None) -> OxmlElement:
    """`w:r` med text; tab och radbrytning i texten blir `w:tab` och `w:br` (python-docx sköter det).
    Egenskaperna sätts genom python-docx, som lägger dem i schemats ordning i `w:rPr`."""
    r = OxmlElement("w:r")
    font = Run(r, None).font
    if rstil:
        r.get_or_add_rPr().style = rstil
    if fet:
        font.bold = True
    if kursiv:
        font.italic = True
    if storlek:
        font.size = Pt(storlek)
    r.text = text
    return r


def faltkorningar(instruktion: str, resultat: str = "", dirty: bool = False) -> list[OxmlElement]:
    """Ett komplext fält (begin, instrText, separate, resultat, end) som körningar."""
    begin = el("w:fldChar", {"w:fldCharType": "begin"})
    if dirty:
        begin.set(qn("w:dirty"), "true")
    instr = el("w:instrText", {"xml:space": "preserve"})
    instr.text = f" {instruktion} "
    skilj = el("w:fldChar", {"w:fldCharType": "separate"})
    ut = [el("w:r", None, begin), el("w:r", None, instr), el("w:r", None, skilj)]
    if resultat:
        ut.append(textkorning(resultat))
    ut.append(el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"})))
    return ut


def kant(sida: str, storlek: int = 6, farg: str = stil.MORK, luft: int = 0, typ: str = "single") -> OxmlElement:
    """En kantlinje (`w:top`, `w:bottom` …); storlek i åttondels punkter, luft i punkter."""
    return el(f"w:{sida}", {"w:val": typ, "w:sz": str(storlek), "w:space": str(luft), "w:color": farg})


def ppr_lagg_till(p: Paragraph, *element: OxmlElement) -> None:
    """Lägg element i `w:pPr` i schemats ordning (python-docx vet ordningen för sina kända barn)."""
    ppr = p._p.get_or_add_pPr()
    for e in element:
        ppr.insert_element_before(e, *_PPR_EFTER.get(e.tag, ()))


_PPR_ORDNING = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
                "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"]
_PPR_EFTER = {qn(t): tuple(_PPR_ORDNING[i + 1:]) for i, t in enumerate(_PPR_ORDNING)}


# --- Stilar med reserv -------------------------------------------------------------------------------


class Stilar:
    """Slår upp stilar på namn (skiftlägesokänsligt, Words inbyggda namn som 'toc 1' eller 'heading 1').

    Saknar regionens mall en stil får stycket Normal och en direktformatering som liknar den (`reserv`).
    """

    def __init__(self, doc: DocxDocument) -> None:
        self._doc = doc
        self._stilar = {}
        for s in doc.styles:
            if s.name:
                self._stilar.setdefault((s.name.lower(), s.type), s)

    def kompatibilitet(self) -> int:
        """Word-versionen som dokumentet läggs ut som (w:compatSetting compatibilityMode; 14 = Word 2010)."""
        for e in self._doc.settings.element.iter(qn("w:compatSetting")):
            if e.get(qn("w:name")) == "compatibilityMode":
                try:
                    return int(e.get(qn("w:val")))
                except (TypeError, ValueError):
                    break
        return 14

    def hamta(self, namn: str, typ: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH):
        return self._stilar.get((namn.lower(), typ))

    def finns(self, namn: str, typ: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> bool:
        return self.hamta(namn, typ) is not None

    def id(self, namn: str, typ: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        s = self.hamta(namn, typ)
        return s.style_id if s is not None else None

    def standardtypsnitt(self) -> str | None:
        """Typsnittet i docDefaults (w:ascii), om det står där och inte bara pekar på temat."""
        rf = self._doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        return rf.get(qn("w:ascii")) if rf is not None else None

    def satt(self, p: Paragraph, namn: str) -> Korningsformat | None:
        """Sätt stilen; finns den inte, direktformatera och returnera formatet som körningarna ska få."""
        s = self.hamta(namn)
        if s is not None:
            p._p.get_or_add_pPr().style = s.style_id  # direkt: python-docx `p.style =` letar igenom alla stilar
            return None
        return RESERV[namn](p) if namn in RESERV else None


Korningsformat = tuple[float | None, bool, bool]  # (storlek i pt, fet, kursiv)


def _reserv(storlek: float | None = None, fet: bool = False, kursiv: bool = False, fore: float | None = None,
            efter: float | None = None, hall_ihop: bool = False, extra: Callable[[Paragraph], None] | None = None):
    def anvand(p: Paragraph) -> Korningsformat | None:
        f = p.paragraph_format
        if fore is not None:
            f.space_before = Pt(fore)
        if efter is not None:
            f.space_after = Pt(efter)
        if hall_ihop:
            f.keep_with_next = True
        if extra:
            extra(p)
        return (storlek, fet, kursiv) if storlek or fet or kursiv else None

    return anvand


def markeringsram(p: Paragraph, ram: str, bakgrund: str, typ: str = "single") -> None:
    """Ram och bakgrund runt en markering (husets färger, dokument/stil.py)."""
    storlek = stil.attondelar(stil.MARKERING_RAM_PT)
    ramar = el("w:pBdr", None, *(kant(s, storlek, ram, 5, typ) for s in ("top", "left", "bottom", "right")))
    ppr_lagg_till(p, ramar, el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": bakgrund}))


def _markeringsram(p: Paragraph) -> None:
    markeringsram(p, stil.SAKNAS_RAM, stil.SAKNAS_BAKGRUND, "dashed")


def _rubrikniva(niva: int) -> Callable[[Paragraph], None]:
    return lambda p: ppr_lagg_till(p, el("w:outlineLvl", {"w:val": str(niva - 1)}))


def _indrag(p: Paragraph) -> None:
    p.paragraph_format.left_indent = Pt(11)


RESERV: dict[str, Callable[[Paragraph], Korningsformat | None]] = {
    "Avsändare": _reserv(13, fet=True, efter=170),
    "Title": _reserv(28, fet=True, efter=10),
    "Subtitle": _reserv(16, efter=24),
    "Titelrad": _reserv(12, efter=2),
    "Heading 1": _reserv(16, fet=True, fore=18, efter=6, hall_ihop=True, extra=_rubrikniva(1)),
    "Heading 2": _reserv(13, fet=True, fore=12, efter=4, hall_ihop=True, extra=_rubrikniva(2)),
    "Heading 3": _reserv(11, fet=True, fore=10, efter=3, hall_ihop=True, extra=_rubrikniva(3)),
    "TOC Heading": _reserv(16, fet=True, fore=0, efter=12),
    "TOC 1": _reserv(fet=True, fore=4, efter=2),
    "TOC 2": _reserv(fore=0, efter=2, extra=_indrag),
    "TOC 3": _reserv(fore=0, efter=2, extra=_indrag),
    "Caption": _reserv(10, fet=True, fore=10, efter=3, hall_ihop=True),
    "Enhetsrad": _reserv(9, kursiv=True, fore=0, efter=3, hall_ihop=True),
    "Källa": _reserv(8.5, fore=4, efter=14),
    "Tabelltext": _reserv(stil.TABELLTEXT_PT, fore=0, efter=0),
    "Markering": _reserv(fore=6, efter=10, extra=_markeringsram),
}


# --- Sektioner -----------------------------------------------------------------------------------------


def sektionsmatt(sectpr) -> tuple[int, int, int, int]:
    """(sidbredd, sidhöjd, vänstermarginal, högermarginal) i twips."""
    sz, mar = sectpr.find(qn("w:pgSz")), sectpr.find(qn("w:pgMar"))
    return (int(sz.get(qn("w:w"))), int(sz.get(qn("w:h"))), int(mar.get(qn("w:left"))), int(mar.get(qn("w:right"))))


def satt_orientering(sectpr, liggande: bool, staende: list[int] | None = None) -> None:
    sz = sectpr.find(qn("w:pgSz"))
    w, h = int(sz.get(qn("w:w"))), int(sz.get(qn("w:h")))
    kort, lang = min(w, h), max(w, h)
    sz.set(qn("w:w"), str(lang if liggande else kort))
    sz.set(qn("w:h"), str(kort if liggande else lang))
    if liggande:
        sz.set(qn("w:orient"), "landscape")
    elif qn("w:orient") in sz.attrib:
        del sz.attrib[qn("w:orient")]
    # Liggande sidor har husets liggande marginaler, som PDF:ens (@page liggande); stående får mallens tillbaka.
    mar = sectpr.find(qn("w:pgMar"))
    if mar is not None:
        matt = [round(cm / 2.54 * 1440) for cm in stil.LIGGANDE_MARGINALER_CM] if liggande else staende
        for sida, twips_ in zip(("top", "right", "bottom", "left"), matt or (), strict=False):
            mar.set(qn(f"w:{sida}"), str(twips_))


def marginaler(sectpr) -> list[int] | None:
    """Sektionens marginaler (över, höger, under, vänster) i twips, eller None om den inte har några."""
    mar = sectpr.find(qn("w:pgMar"))
    return None if mar is None else [int(mar.get(qn(f"w:{s}"))) for s in ("top", "right", "bottom", "left")]


def avsluta_sektion(body, sista_stycke) -> None:
    """Avsluta sektionen här: en kopia av kroppens `w:sectPr` läggs i sista stycket (eller ett nytt).

    Kroppens `w:sectPr` blir nästa sektion, utan egna sidhuvuden (de ärvs) och utan särskild förstasida.
    """
    sectpr = body.find(qn("w:sectPr"))
    kopia = copy.deepcopy(sectpr)
    p = sista_stycke
    if p is None or (p.pPr is not None and p.pPr.sectPr is not None):
        # Efter en tabell behövs ett stycke som bär sektionsslutet: gör det så litet att det inte syns.
        p = el("w:p", None, el("w:pPr", None, el("w:spacing", {"w:before": "0", "w:after": "0", "w:line": "20",
                                                                "w:lineRule": "exact"}),
                                  el("w:rPr", None, el("w:sz", {"w:val": "2"}))))
        body.insert_element_before(p, "w:sectPr")
    p.get_or_add_pPr()._insert_sectPr(kopia)
    for barn in list(sectpr):
        if barn.tag in (qn("w:headerReference"), qn("w:footerReference"), qn("w:titlePg")):
            sectpr.remove(barn)


# --- Egenskaper och deterministisk fil --------------------------------------------------------------------


def fast_tid() -> datetime | None:
    """SOURCE_DATE_EPOCH om den är satt (reproducerbara byggen), annars ingen tid alls i filen."""
    sde = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(sde), tz=UTC).replace(tzinfo=None) if sde else None


def satt_egenskaper(doc: DocxDocument, titel: str, amne: str, forfattare: str, sprak: str,
                    nyckelord: tuple[str, ...]) -> None:
    cp = doc.core_properties
    cp.title, cp.subject, cp.author, cp.language = titel, amne, forfattare, sprak
    cp.keywords = "; ".join(nyckelord)
    cp.comments, cp.category, cp.last_modified_by = "", "", "rapportverk"
    cp.revision = 1
    tid = fast_tid()
    for namn in ("created", "modified", "last_printed"):
        if tid is not None and namn != "last_printed":
            setattr(cp, namn, tid)
        else:
            for e in cp._element.findall(qn(f"dcterms:{namn}") if namn != "last_printed" else qn("cp:lastPrinted")):
                cp._element.remove(e)


def satt_sprak(doc: DocxDocument, sprak: str) -> None:
    """Dokumentets språk i docDefaults (där LibreOffice läser det) och i inställningarnas themeFontLang."""
    styles = doc.styles.element
    dd = styles.find(qn("w:docDefaults"))
    if dd is None:
        dd = el("w:docDefaults")
        styles.insert(0, dd)
    rprd = dd.find(qn("w:rPrDefault"))
    if rprd is None:
        rprd = el("w:rPrDefault")
        dd.insert(0, rprd)
    rpr = rprd.find(qn("w:rPr"))
    if rpr is None:
        rpr = el("w:rPr")
        rprd.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = el("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), sprak)
    settings = doc.settings.element
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(qn("w:val"), sprak)


def uppdatera_falt_vid_oppning(doc: DocxDocument) -> None:
    """`w:updateFields` i settings.xml: Word uppdaterar innehållsförteckningen när filen öppnas."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.insert_element_before(el("w:updateFields", {"w:val": "true"}), *_EFTER_UPDATEFIELDS)


# Schemats ordning i w:settings efter w:updateFields (ECMA-376, CT_Settings).
_EFTER_UPDATEFIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                       "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                       "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
                       "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
                       "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")


def deterministisk_zip(data: bytes) -> bytes:
    """Skriv om zip-filen med fasta datum, fast ordning och fasta attribut: samma indata ger samma byte."""
    ut = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as zout:
        namn = sorted(zin.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
        for n in namn:
            info = zipfile.ZipInfo(n, date_time=ZIP_DATUM)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zout.writestr(info, zin.read(n))
    return ut.getvalue()


def spara_deterministiskt(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return deterministisk_zip(buf.getvalue())
