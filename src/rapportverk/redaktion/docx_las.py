"""Läs en DOCX som redaktörer ändrat i Word eller LibreOffice: textblockens innehåll som dokumentmodellens block.

Märkningen (rendera/docx_markning.py) säger var varje textblock står, vilken fil och källtext det byggdes av, och
vilka värden och tabeller som är genererade. Stycken, rubriker, listor, fet och kursiv stil, länkar och tabeller
blir modellens typer; markdown_ut skriver dem sedan som Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from rapportverk.dokument.modell import (
    Betonad,
    Block,
    Figur,
    Genererad,
    Huvudcell,
    Inline,
    Lank,
    Lista,
    Radbrytning,
    Rubrik,
    Stark,
    Stycke,
    Tabell,
    Tabellrad,
    Text,
)
from rapportverk.dokument.textblock import TEXTTABELL, fingeravtryck
from rapportverk.rendera.docx_markning import (
    EGENSKAP,
    UTANFOR,
    las_byggda,
    las_egenskaper,
    stycketext,
    tabelltext,
    textblocksomraden,
    tolka_bokmarke,
)

MJUKT_BINDESTRECK = "\u00ad"


@dataclass
class Lastblock:
    """Ett textblock som det står i DOCX:en."""

    kalla: str
    kallhash: str
    avtryck: str
    block: list[Block]
    andrade_varden: list[str] = field(default_factory=list)
    byggd: str | None = None  # innehållet som Markdown när dokumentet byggdes (värden som tecken), om det finns


@dataclass
class Lasning:
    textblock: list[Lastblock]
    andrade_tabeller: list[tuple[int, str]]  # (ungefärlig sida, första cellernas text)
    utanfor: list[tuple[int, str]]  # text utanför textblocken: (ungefärlig sida, texten)


def las(fil: Path) -> Lasning:
    doc = Document(str(fil))
    egenskaper = las_egenskaper(doc)
    byggda = las_byggda(doc)
    body = doc.element.body
    element = [e for e in body if e.tag != qn("w:sectPr")]
    sidor = _sidor(element)
    stilar = {s.style_id: s.name for s in doc.styles}
    omraden = _med_nya_stycken(textblocksomraden(element), element, stilar, egenskaper)
    lankar = {rid: r.target_ref for rid, r in doc.part.rels.items() if r.is_external}
    las_ = _Lasare(stilar, lankar, _bokstavsnumreringar(doc))
    textblock = []
    inom: set[int] = set()
    for nr, (start, slut) in sorted(omraden.items()):
        kalla, _, rest = egenskaper.get(f"{EGENSKAP}{nr:04d}", "").partition("#")
        kallhash, _, avtryck = rest.partition("#")
        if not kalla:
            continue
        inom.update(range(start, slut + 1))
        block = las_.block(element[start:slut + 1])
        textblock.append(Lastblock(kalla, kallhash, avtryck, block, las_.andrade_varden, byggda.get(nr)))
        las_.andrade_varden = []
    tabeller = []
    for i, e in enumerate(element):
        for tbl in ([e] if e.tag == qn("w:tbl") else []):
            for bs in tbl.iter(qn("w:bookmarkStart")):
                m = tolka_bokmarke(bs.get(qn("w:name")))
                if m and m.slag == "Tab" and fingeravtryck(tabelltext(tbl)) != m.avtryck:
                    tabeller.append((sidor[i], tabelltext(tbl).split("\n")[0].replace("\t", " ").strip()))
    utanfor = [(sidor[i], stycketext(e)) for i, e in enumerate(element)
               if i not in inom and e.tag == qn("w:p") and not _forteckning(e, stilar) and _ny_text(e, egenskaper)]
    return Lasning(textblock, tabeller, utanfor)


def _med_nya_stycken(omraden: dict[int, tuple[int, int]], element: list[etree._Element], stilar: dict[str, str],
                     egenskaper: dict[str, str]) -> dict[int, tuple[int, int]]:
    """Nya stycken direkt efter ett textblock hör till det: Retur i slutet av blockets sista stycke ger ett stycke
    efter bokmärkets slut. Tomma stycken emellan följer med; tomma sist räknas inte."""
    starter = {a for a, _ in omraden.values()}

    def ny(e: etree._Element, tom_ok: bool) -> bool:
        if e.tag != qn("w:p") or e.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None or _forteckning(e, stilar):
            return False
        return (tom_ok and not stycketext(e)) or _ny_text(e, egenskaper)

    ut = {}
    for nr, (a, b) in omraden.items():
        i = b
        while i + 1 < len(element) and i + 1 not in starter and ny(element[i + 1], True):
            i += 1
            if ny(element[i], False):
                b = i
        ut[nr] = (a, b)
    return ut


def _forteckning(p: etree._Element, stilar: dict[str, str]) -> bool:
    """Innehållsförteckningens rader: Word skriver om dem (sidnummer) när fälten uppdateras."""
    ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return ps is not None and stilar.get(ps.get(qn("w:val")), "").lower().startswith("toc")


def _ny_text(p: etree._Element, egenskaper: dict[str, str]) -> bool:
    """Ett stycke utanför textblocken som inte fanns när dokumentet byggdes (dess avtryck saknas i listan)."""
    text = stycketext(p)
    kanda = egenskaper.get(UTANFOR, "")
    return bool(text) and fingeravtryck(text) not in kanda.split(",")


def _sidor(element: list[etree._Element]) -> list[int]:
    """Ungefärlig sida för varje element: sidbrytningar, 'ny sida före' och sektionsbrytningar räknas."""
    sida, ut = 1, []
    for e in element:
        if e.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None:
            sida += 1
        ut.append(sida)
        sida += sum(1 for br in e.iter(qn("w:br")) if br.get(qn("w:type")) == "page")
        sida += 1 if e.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None else 0
    return ut


_NIVA = re.compile(r"(\d+)$")


def _bokstavsnumreringar(doc) -> frozenset[str]:
    """numId för listor numrerade med bokstäver (a), b) …; rendera/docx.py skriver dem som numFmt lowerLetter)."""
    try:
        numrering = doc.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return frozenset()
    bokstaver = {a.get(qn("w:abstractNumId")) for a in numrering.findall(qn("w:abstractNum"))
                 if (fmt := a.find(f"{qn('w:lvl')}/{qn('w:numFmt')}")) is not None
                 and fmt.get(qn("w:val")) == "lowerLetter"}
    return frozenset(n.get(qn("w:numId")) for n in numrering.findall(qn("w:num"))
                     if (a := n.find(qn("w:abstractNumId"))) is not None and a.get(qn("w:val")) in bokstaver)


class _Lasare:
    def __init__(self, stilar: dict[str, str], lankar: dict[str, str],
                 bokstavslistor: frozenset[str] = frozenset()) -> None:
        self.stilar, self.lankar, self.bokstavslistor = stilar, lankar, bokstavslistor
        self.numid: dict[int, str | None] = {}  # numreringen för den öppna listan på varje nivå
        self.andrade_varden: list[str] = []

    def _stil(self, p: etree._Element) -> str:
        ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return (self.stilar.get(ps.get(qn("w:val")), ps.get(qn("w:val"))) if ps is not None else "").lower()

    def block(self, element: list[etree._Element]) -> list[Block]:
        ut: list[Block] = []
        listor: list[tuple[bool, bool, list[list[Block]]]] = []  # öppna listor (numrerad, bokstäver), yttersta först
        for e in element:
            if e.tag == qn("w:tbl"):
                self._stang(ut, listor, 0)
                if not _genererad(e):  # en tabell som tabell() infogade i blocket: byggs från data
                    ut.append(self._tabell(e))
                continue
            if e.tag != qn("w:p"):
                continue
            stil = self._stil(e)
            if stil in GENERERADE_STILAR:  # bildtext, enhetsrad och källa hör till en figur eller tabell
                continue
            bild = e.find(f".//{qn('wp:docPr')}")
            if bild is not None:
                self._stang(ut, listor, 0)
                ut.append(Figur(bild.get("name", ""), b"", bild.get("descr", ""), bild.get("title", "")))
                continue
            innehall = tuple(self._inline(e))
            if stil.startswith(("list bullet", "list number", "list paragraph")):
                m = _NIVA.search(stil)
                niva = int(m.group(1)) if m else 1
                self._stang(ut, listor, niva)
                numid = e.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
                numid_ = numid.get(qn("w:val")) if numid is not None else None
                if len(listor) == niva and numid_ is not None and self.numid.get(niva) not in (None, numid_):
                    self._stang(ut, listor, niva - 1)  # en ny numrering: en ny lista (bokstäver efter siffror …)
                while len(listor) < niva:
                    bokstaver = numid_ in self.bokstavslistor
                    listor.append((stil.startswith("list number"), bokstaver, []))
                    self.numid[len(listor)] = numid_
                listor[-1][2].append([Stycke(innehall)])
                continue
            if stil.startswith("list continue") and listor:
                listor[-1][2][-1].append(Stycke(innehall))
                continue
            self._stang(ut, listor, 0)
            if not innehall or all(isinstance(i, Text) and not i.text.strip() for i in innehall):
                continue
            if stil.startswith("heading"):
                m = _NIVA.search(stil)
                ut.append(Rubrik(int(m.group(1)) if m else 1, _utan_nummer(innehall), id=""))
            else:
                ut.append(Stycke(innehall))
        self._stang(ut, listor, 0)
        return ut

    @staticmethod
    def _stang(ut: list[Block], listor: list[tuple[bool, bool, list[list[Block]]]], niva: int) -> None:
        """Stäng listorna djupare än `niva`: en inre lista blir en del av punkten ovanför."""
        while len(listor) > niva:
            numrerad, bokstaver, punkter = listor.pop()
            lista = Lista(tuple(tuple(p) for p in punkter), numrerad, bokstaver and numrerad)
            if listor and listor[-1][2]:
                listor[-1][2][-1].append(lista)
            else:
                ut.append(lista)

    def _inline(self, p: etree._Element) -> list[Inline]:
        ut: list[Inline] = []
        varden: dict[str, tuple[int, str, int]] = {}  # öppna värdebokmärken: id → (nummer, avtryck, plats i ut)
        self._ga(p, ut, varden, None)
        return ut

    def _ga(self, e: etree._Element, ut: list[Inline], varden: dict, url: str | None) -> None:
        for barn in e:
            tagg = barn.tag
            if tagg == qn("w:r"):
                ut.extend(self._korning(barn, url))
            elif tagg == qn("w:hyperlink"):
                self._ga(barn, ut, varden, self.lankar.get(barn.get(qn("r:id")) or "", url))
            elif tagg == qn("w:bookmarkStart"):
                m = tolka_bokmarke(barn.get(qn("w:name")))
                if m and m.slag == "V":
                    varden[barn.get(qn("w:id"))] = (m.nummer, m.avtryck, len(ut))
            elif tagg == qn("w:bookmarkEnd") and barn.get(qn("w:id")) in varden:
                nummer, avtryck, start = varden.pop(barn.get(qn("w:id")))
                text = "".join(i.text for i in _platta(ut[start:]))
                if fingeravtryck(text) != avtryck:
                    self.andrade_varden.append(text)
                ut[start:] = [_som(ut[start] if start < len(ut) else None, Genererad(text, nummer))]
            elif tagg in (qn("w:ins"), qn("w:smartTag"), qn("w:sdt"), qn("w:sdtContent"), qn("w:fldSimple")):
                self._ga(barn, ut, varden, url)

    def _korning(self, r: etree._Element, url: str | None) -> list[Inline]:
        rpr = r.find(qn("w:rPr"))
        fet = _pa(rpr, "w:b")
        kursiv = _pa(rpr, "w:i")
        ut: list[Inline] = []
        for c in r:
            if c.tag == qn("w:t"):
                ut.append(Text((c.text or "").replace(MJUKT_BINDESTRECK, "")))
            elif c.tag == qn("w:tab"):
                ut.append(Text("\t"))
            elif c.tag == qn("w:br") and c.get(qn("w:type")) in (None, "textWrapping"):
                ut.append(Radbrytning())
        inre: tuple[Inline, ...] = tuple(ut)
        if not inre:
            return []
        if kursiv:
            inre = (Betonad(inre),)
        if fet:
            inre = (Stark(inre),)
        return [Lank(inre, url)] if url else list(inre)

    def _tabell(self, tbl: etree._Element) -> Tabell:
        rader = [[stycketext(tc).replace(MJUKT_BINDESTRECK, "") for tc in tr.iter(qn("w:tc"))]
                 for tr in tbl.iter(qn("w:tr"))]
        justering = []
        for tc in next(iter(tbl.iter(qn("w:tr")))).iter(qn("w:tc")) if rader else []:
            jc = tc.find(f".//{qn('w:jc')}")
            justering.append("hoger" if jc is not None and jc.get(qn("w:val")) in ("right", "end") else "vanster")
        huvud = (tuple(Huvudcell(t) for t in rader[0]),) if rader else ()
        return Tabell(f"{TEXTTABELL}0", "", huvud, tuple(Tabellrad(tuple(r)) for r in rader[1:]), tuple(justering))


# Styckestilarna runt en figur eller tabell (rendera/docx.py): bildtext, enhetsrad och källa.
GENERERADE_STILAR = frozenset(("caption", "bildtext", "enhetsrad", "källa"))
_RUBRIKNUMMER = re.compile(r"^\d+(\.\d+)*\. ")


def _genererad(tbl: etree._Element) -> bool:
    return any(getattr(tolka_bokmarke(b.get(qn("w:name"))), "slag", None) == "Tab"
               for b in tbl.iter(qn("w:bookmarkStart")))


def _utan_nummer(innehall: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Rubriken utan numret som layouten satte före den ('1. ')."""
    if innehall and isinstance(innehall[0], Text) and _RUBRIKNUMMER.match(innehall[0].text):
        forsta = _RUBRIKNUMMER.sub("", innehall[0].text)
        return ((Text(forsta),) if forsta else ()) + innehall[1:]
    return innehall


def _pa(rpr: etree._Element | None, tagg: str) -> bool:
    if rpr is None:
        return False
    e = rpr.find(qn(tagg))
    return e is not None and e.get(qn("w:val")) not in ("0", "false", "off")


def _platta(innehall: list[Inline]) -> list[Text]:
    ut: list[Text] = []
    for i in innehall:
        if isinstance(i, Text | Genererad):
            ut.append(Text(i.text))
        elif isinstance(i, Betonad | Stark | Lank):
            ut.extend(_platta(list(i.innehall)))
    return ut


def _som(forsta: Inline | None, varde: Genererad) -> Inline:
    """Värdet med samma fetstil och kursiv som körningen det står i."""
    ut: Inline = varde
    while isinstance(forsta, Stark | Betonad) and forsta.innehall:
        ut = type(forsta)((ut,))
        forsta = forsta.innehall[0]
    return ut
