"""Märkningen i DOCX av textblock och genererat innehåll: hur den skrivs och hur den läses, på ett ställe.

Ett textblock har ett dolt bokmärke från första till sista stycket (`_rvText0001`), och filen och källtextens
hash i en egen dokumentegenskap (`rapportverk-text-0001` = `<fil>#<sha256>`); Word och LibreOffice behåller
båda. Innehållskontroller (`w:sdt`) används inte: LibreOffice 7.4 tappar deras tagg, gör en kontroll runt flera
stycken till en del av det första, och drar då ihop bokmärkena i det stycket till längden noll.
Framräknade värden och genererade tabeller märks med bokmärken vars namn bär ett fingeravtryck av texten
(`_rvV0003_2_<hash>`, `_rvTab0001_<hash>`): en ändring i Word syns, och tas aldrig.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

EGENSKAP = "rapportverk-text-"
BYGGD_NS = "urn:rapportverk:textblock"
BYGGD_ID = "{6B1E4C1A-3F0D-4B8E-9C52-7A1D2E5F9B30}"  # fast: samma indata ger samma fil
_XMLEGENSKAPER_TYP = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
UTANFOR = "rapportverk-utanfor"  # avtrycken av styckena utanför textblocken, för text som skrivs där
_EGENSKAPER_TYP = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CP = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_BOKMARKE = re.compile(r"_rv(Text|V|Tab)(\d{4})(?:_(\d+))?(?:_([0-9a-f]{10}))?$")


@dataclass(frozen=True)
class Bokmarke:
    slag: str  # "Text", "V" (värde) eller "Tab" (genererad tabell)
    nr: int
    nummer: int | None = None  # uttryckets nummer i källtexten (värden)
    avtryck: str | None = None


def textbokmarke(nr: int) -> str:
    return f"_rvText{nr:04d}"


def vardebokmarke(nr: int, nummer: int, avtryck: str) -> str:
    return f"_rvV{nr:04d}_{nummer}_{avtryck}"


def tabellbokmarke(nr: int, avtryck: str) -> str:
    return f"_rvTab{nr:04d}_{avtryck}"


def tolka_bokmarke(namn: str) -> Bokmarke | None:
    m = _BOKMARKE.match(namn or "")
    if not m:
        return None
    return Bokmarke(m.group(1), int(m.group(2)), int(m.group(3)) if m.group(3) else None, m.group(4))


def tabelltext(tbl: etree._Element) -> str:
    """En tabells text, cell för cell (rader med radbrytning, celler med tab): fingeravtrycket räknas på den."""
    rader = []
    for tr in tbl.iter(qn("w:tr")):
        rader.append("\t".join("".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))))
    return "\n".join(rader)


def skriv_egenskaper(doc, egenskaper: dict[str, str]) -> None:
    """Egna dokumentegenskaper (docProps/custom.xml), utöver dem som Word-mallen redan har."""
    if not egenskaper:
        return
    paket = doc.part.package
    befintlig = next((r.target_part for r in paket.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES), None)
    rot = etree.fromstring(befintlig.blob) if befintlig is not None else etree.Element(f"{{{_CP}}}Properties",
                                                                                      nsmap={None: _CP, "vt": _VT})
    pid = max((int(p.get("pid", "1")) for p in rot), default=1)
    for namn, varde in egenskaper.items():
        pid += 1
        p = etree.SubElement(rot, f"{{{_CP}}}property", fmtid=_FMTID, pid=str(pid), name=namn)
        etree.SubElement(p, f"{{{_VT}}}lpwstr").text = varde
    blob = etree.tostring(rot, xml_declaration=True, encoding="UTF-8", standalone=True)
    if befintlig is not None:
        befintlig._blob = blob
    else:
        paket.relate_to(Part(PackURI("/docProps/custom.xml"), _EGENSKAPER_TYP, blob, paket), RT.CUSTOM_PROPERTIES)


def las_egenskaper(doc) -> dict[str, str]:
    """Dokumentets egna egenskaper (namn → text)."""
    paket = doc.part.package
    del_ = next((r.target_part for r in paket.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES), None)
    if del_ is None:
        return {}
    rot = etree.fromstring(del_.blob)
    return {p.get("name"): "".join(p.itertext()) for p in rot}


def _el(tag: str, attrs: dict[str, str] | None = None, *barn: etree._Element) -> etree._Element:
    e = OxmlElement(tag)
    for k, v in (attrs or {}).items():
        e.set(qn(k), v)
    for b in barn:
        e.append(b)
    return e


def bokmark(forsta_p: etree._Element, sista_p: etree._Element, namn: str, id_: int) -> None:
    """Ett bokmärke från början av `forsta_p` (efter styckets egenskaper) till slutet av `sista_p`."""
    ppr = forsta_p.find(qn("w:pPr"))
    forsta_p.insert(0 if ppr is None else forsta_p.index(ppr) + 1,
                    _el("w:bookmarkStart", {"w:id": str(id_), "w:name": namn}))
    sista_p.append(_el("w:bookmarkEnd", {"w:id": str(id_)}))


def marke_textblock(body: etree._Element, start: int, nr: int, id_: int) -> bool:
    """Bokmärk kroppens element från `start` (till `w:sectPr`) som textblock nr `nr`. False om blocket inte gav
    något stycke (inget att märka)."""
    stycken = [p for e in list(body)[start:] if e.tag != qn("w:sectPr") for p in e.iter(qn("w:p"))]
    if not stycken:
        return False
    bokmark(stycken[0], stycken[-1], textbokmarke(nr), id_)
    return True


def stycketext(e: etree._Element) -> str:
    return "".join(t.text or "" for t in e.iter(qn("w:t"))).strip()


def textblocksomraden(element: list[etree._Element]) -> dict[int, tuple[int, int]]:
    """Textblock nr → (första, sista) av kroppens element som det står i, enligt bokmärkena. LibreOffice kan dela
    ett bokmärke som börjar i en rubrik och slutar i en lista i två med samma namn: första början, sista slut."""
    nr_for_id: dict[str, int] = {}
    start: dict[int, int] = {}
    slut: dict[int, int] = {}
    for i, e in enumerate(element):
        for b in e.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
            id_ = b.get(qn("w:id"))
            if b.tag == qn("w:bookmarkStart"):
                m = tolka_bokmarke(b.get(qn("w:name")))
                if m and m.slag == "Text":
                    nr_for_id[id_] = m.nr
                    start.setdefault(m.nr, i)
            elif id_ in nr_for_id:
                slut[nr_for_id.pop(id_)] = i
    return {nr: (a, slut[nr]) for nr, a in start.items() if nr in slut}


def utanfor_avtryck(body: etree._Element, avtryck: Callable[[str], str]) -> str:
    """Avtrycken av styckena utanför textblocken, kommaseparerade (dokumentegenskapen UTANFOR)."""
    element = [e for e in body if e.tag != qn("w:sectPr")]
    inom = {i for a, b in textblocksomraden(element).values() for i in range(a, b + 1)}
    return ",".join(sorted({avtryck(t) for i, e in enumerate(element)
                            if i not in inom and e.tag == qn("w:p") and (t := stycketext(e))}))


class Markning:
    """Märkningen medan dokumentet skrivs: öppna textblock (var i kroppen de börjar), löpnummer per slag och
    dokumentegenskaperna. Bokmärkena har egna id (från ID_BAS), skilda från rubrikernas."""

    ID_BAS = 100_000

    def __init__(self) -> None:
        self.oppna: list[tuple[int, str, list]] = []
        self.antal = {"Text": 0, "V": 0, "Tab": 0}
        self.id = self.ID_BAS
        self.egenskaper: dict[str, str] = {}
        self.byggda: dict[int, str] = {}  # textblock nr → innehållet som Markdown, som det byggdes

    def samla(self, b: object) -> None:
        """Ett block som skrivs: det hör till de öppna textblocken (för BYGGD_XML)."""
        for _, _, block in self.oppna:
            block.append(b)

    def _nytt(self, slag: str) -> tuple[int, int]:
        self.antal[slag] += 1
        self.id += 1
        return self.antal[slag], self.id

    def textblock_start(self, body: etree._Element, egenskap: str) -> None:
        """`egenskap`: fil, källhash och avtryck, som `<fil>#<sha256>#<avtryck>`."""
        self.oppna.append((len(body) - 1, egenskap, []))  # nästa element hamnar före w:sectPr

    def textblock_slut(self, body: etree._Element, markdown: Callable[[list], str]) -> None:
        """`markdown`: blockens innehåll som Markdown (dokument/markdown_ut), sparat för tre-vägs-sammanfogning."""
        start, egenskap, block = self.oppna.pop()
        nr, id_ = self._nytt("Text")
        if marke_textblock(body, start, nr, id_):
            self.egenskaper[f"{EGENSKAP}{nr:04d}"] = egenskap
            self.byggda[nr] = markdown(block)

    def varde(self, nummer: int, avtryck: str) -> tuple[etree._Element, etree._Element]:
        """Bokmärkets början och slut runt ett framräknat värde."""
        nr, id_ = self._nytt("V")
        return (_el("w:bookmarkStart", {"w:id": str(id_), "w:name": vardebokmarke(nr, nummer, avtryck)}),
                _el("w:bookmarkEnd", {"w:id": str(id_)}))

    def tabell(self, tbl: etree._Element, avtryck: Callable[[str], str]) -> None:
        stycken = list(tbl.iter(qn("w:p")))
        if stycken:
            nr, id_ = self._nytt("Tab")
            bokmark(stycken[0], stycken[-1], tabellbokmarke(nr, avtryck(tabelltext(tbl))), id_)

    def skriv(self, doc, avtryck: Callable[[str], str]) -> None:
        """Dokumentegenskaperna, med avtrycken av styckena utanför textblocken (text som skrivs där ska synas)."""
        if self.egenskaper:
            self.egenskaper[UTANFOR] = utanfor_avtryck(doc.element.body, avtryck)
        skriv_egenskaper(doc, self.egenskaper)
        if self.byggda:
            skriv_byggda(doc, self.byggda)


def skriv_byggda(doc, byggda: dict[int, str]) -> None:
    """Textblockens innehåll som det byggdes, i en egen XML-del (customXml; Word och LibreOffice behåller den)."""
    rot = etree.Element(f"{{{BYGGD_NS}}}textblock", nsmap={None: BYGGD_NS})
    for nr, text in sorted(byggda.items()):
        etree.SubElement(rot, f"{{{BYGGD_NS}}}block", nr=str(nr)).text = text
    blob = etree.tostring(rot, xml_declaration=True, encoding="UTF-8")
    paket = doc.part.package
    namn = next(n for i in range(1, 1000)
                if (n := PackURI(f"/customXml/item{i}.xml")) not in {p.partname for p in paket.iter_parts()})
    del_ = Part(namn, "application/xml", blob, paket)
    # LibreOffice behåller en XML-del bara om den har sina egenskaper (itemProps) med ett id.
    egenskaper = (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{BYGGD_ID}" '
                  'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs>'
                  f'<ds:schemaRef ds:uri="{BYGGD_NS}"/></ds:schemaRefs></ds:datastoreItem>').encode()
    del_.relate_to(Part(PackURI(str(namn).replace("/item", "/itemProps")), _XMLEGENSKAPER_TYP, egenskaper, paket),
                   RT.CUSTOM_XML_PROPS)
    doc.part.relate_to(del_, RT.CUSTOM_XML)


def las_byggda(doc) -> dict[int, str]:
    """Textblockens innehåll som det byggdes (skriv_byggda), eller tomt om delen saknas."""
    for rel in doc.part.rels.values():
        if rel.reltype != RT.CUSTOM_XML or rel.is_external:
            continue
        try:
            rot = etree.fromstring(rel.target_part.blob)
        except etree.XMLSyntaxError:
            continue
        if rot.tag == f"{{{BYGGD_NS}}}textblock":
            return {int(b.get("nr")): b.text or "" for b in rot}
    return {}
