"""Dokumentmodellen → DOCX, byggd på en referensmall (`mallar/referens.docx`) som bär stilarna.

Stilar tas på namn (Words inbyggda: Title, Heading 1–3, Caption, List Bullet, TOC 1 …, och några egna:
Enhetsrad, Tabelltext, Markering, Titelrad, Källa, Rapporttabell), så en region byter mall utan att röra koden;
saknas en egen stil blir det Normal med direktformatering. Innehållsförteckningen är ett riktigt TOC-fält som
Word uppdaterar när filen öppnas, med resultatet redan ifyllt (rubriker och sidnummer från PDF-layouten) så att
LibreOffice och andra läsare aldrig visar en tom förteckning. Samma indata ger byte-identisk fil.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from rapportverk.dokument import markdown_ut
from rapportverk.dokument.layout import ordna
from rapportverk.dokument.modell import (
    Betonad,
    Block,
    Dokument,
    Figur,
    Genererad,
    Inline,
    Innehall,
    Lank,
    Liggande,
    Lista,
    Markering,
    Radbrytning,
    Rubrik,
    Sidbrytning,
    Stark,
    Stycke,
    Tabell,
    Text,
    Textblock,
    Textblockslut,
    Titelsida,
    rubriker,
    text_av,
)
from rapportverk.dokument.stil import (
    BRODTEXT,
    ENHETSRAD,
    FIGUR,
    KALLA,
    LUFT_EFTER_FIGUR_PT,
    LUFT_EFTER_TABELL_PT,
    MORK,
    RUBRIKER,
    TABELLRUBRIK,
    VARNING_BAKGRUND,
    VARNING_RAM,
)
from rapportverk.dokument.textblock import fingeravtryck, ur_text
from rapportverk.fel import Fel, RapportverkFel, visningsnamn
from rapportverk.rendera.docx_markning import Markning
from rapportverk.rendera.docx_tabell import TabellSkrivare
from rapportverk.rendera.docx_xml import (
    EMU_PER_TWIP,
    Korningsformat,
    Stilar,
    avsluta_sektion,
    el,
    faltkorningar,
    marginaler,
    markeringsram,
    ppr_lagg_till,
    satt_egenskaper,
    satt_orientering,
    satt_sprak,
    sektionsmatt,
    spara_deterministiskt,
    textkorning,
    twips,
    uppdatera_falt_vid_oppning,
)

TITELRADER_AVSTAND = 310  # pt ovanför titelsidans rader: de står nedtill på sidan, som i PDF:en

# Luften före stilarnas stycken (dokument/stil.py), för att veta om luften efter en tabell är större: i PDF:en slås
# tabellens marginal under ihop med nästa blocks marginal över till den största, i DOCX-filen sätts den här.
LUFT_FORE = {**{f"Heading {n}": RUBRIKER[min(n, 4)].fore for n in range(1, 10)},
             "Caption": TABELLRUBRIK.fore, "Markering": 6.0}


def skriv_docx(dok: Dokument, ut: Path, mall: Path, sidnummer: dict[str, int] | None = None) -> None:
    """Skriv `dok` som DOCX till `ut` (anroparen sköter atomiskt namnbyte). `sidnummer`: Rubrik.id → sida."""
    Path(ut).write_bytes(docx_bytes(dok, mall, sidnummer))


def _las_wordmall(mall: Path) -> Any:
    """Word-mallen, eller ett svenskt fel om filen inte är en läsbar .docx (t.ex. en omdöpt .doc eller .xlsx)."""
    try:
        return Document(str(mall))
    except (OpcError, KeyError, ValueError, zipfile.BadZipFile, OSError, etree.XMLSyntaxError):
        raise RapportverkFel(Fel("Word-mallen är ingen .docx-fil som går att läsa; spara om den i Word som "
                                 "Word-dokument (.docx), eller ta bort wordmall ur rapporttypen för att använda den "
                                 "inbyggda.", visningsnamn(mall))) from None


def docx_bytes(dok: Dokument, mall: Path, sidnummer: dict[str, int] | None = None) -> bytes:
    return bygg_docx(dok, mall).som_bytes(sidnummer or {})


class Docxutkast:
    """En DOCX-fil byggd utom innehållsförteckningens sidnummer, som kommer från PDF-layouten: bygget bygger den
    medan PDF-processen lägger ut sidorna (rendera.pdfprocess), och fyller i sidnumren sist."""

    def __init__(self, doc, renderare: _Renderare) -> None:
        self._doc, self._renderare = doc, renderare

    def som_bytes(self, sidnummer: dict[str, int]) -> bytes:
        self._renderare.avsluta(sidnummer)
        return spara_deterministiskt(self._doc)


def bygg_docx(dok: Dokument, mall: Path) -> Docxutkast:
    doc = _las_wordmall(mall)
    # Layouten (rubriknivåer, liggande avsnitt, tabellernas bredder och radstil …) står i modellen.
    renderare = _Renderare(doc, ordna(dok))
    renderare.kor()
    return Docxutkast(doc, renderare)


def bokmarke(i: int, id_: str) -> str:
    """Dolt bokmärke (inleds med _) för rubrik nr `i`: bara A–Z, 0–9 och _, högst 40 tecken (Words gräns)."""
    return f"_Toc{i:04d}_{re.sub(r'[^A-Za-z0-9]', '_', id_)}"[:40]


def nummerprefix(r: Rubrik) -> str:
    """Layoutens nummertext ('1.') och ett mellanslag före rubrikens text."""
    return f"{r.nummertext} " if r.nummertext else ""


def rubriktext(r: Rubrik) -> str:
    return nummerprefix(r) + text_av(r.innehall)


class _Renderare:
    def __init__(self, doc, dok: Dokument) -> None:
        self.doc, self.dok = doc, dok
        # Innehållsförteckningens poster (länk, rubrikens id, bokmärke), som får sitt sidnummer i avsluta.
        self.sidreferenser: list[tuple[object, str, str]] = []
        self.body = doc.element.body
        self.stilar = Stilar(doc)
        self.tabeller = TabellSkrivare(self.stilar)
        self.rubriker = rubriker(dok)
        self.bokmarken = [bokmarke(i, r.id) for i, r in enumerate(self.rubriker)]
        self.antal_rubriker = 0  # hur många rubriker som skrivits (innehållsförteckningen tar de som följer)
        self.bm_id = 0
        self.sidbrytning = False
        self.efter_tabell = False
        self.liggande = False
        self.staende = marginaler(self.body.find(qn("w:sectPr")))  # mallens, för stående sektioner efter liggande
        self.markning = Markning()  # för `rapport hamta` (docx_markning)
        self.bokstavsnumreringar: dict[int, int] = {}  # stilens abstrakta numrering → dess bokstavskopia

    # --- ramverk ---------------------------------------------------------------------------------------

    def kor(self) -> None:
        for barn in list(self.body):
            if barn.tag != qn("w:sectPr"):
                self.body.remove(barn)
        self._sidhuvud_och_sidfot()
        for b in self.dok.block:
            vill_liggande = isinstance(b, Liggande)
            if vill_liggande != self.liggande and not isinstance(b, Textblock | Textblockslut):
                self._byt_sektion(vill_liggande)
            self._block(b)
        m = self.dok.meta
        satt_egenskaper(self.doc, m.titel, m.amne, m.forfattare, m.sprak, m.nyckelord)
        satt_sprak(self.doc, m.sprak)
        if any(isinstance(b, Innehall) for b in self.dok.block):
            uppdatera_falt_vid_oppning(self.doc)

    def _textbredd(self) -> int:
        """Textbredden (twips) i sektionen som skrivs just nu: kroppens sista `w:sectPr`."""
        w, _, vanster, hoger = sektionsmatt(self.body.find(qn("w:sectPr")))
        return w - vanster - hoger

    def _byt_sektion(self, liggande: bool) -> None:
        """Ny sektion (ny sida) med annan orientering (layouten har redan lagt rubrikerna före ett liggande
        avsnitt i det)."""
        sista = self.body[-2] if len(self.body) > 1 else None
        if sista is not None:  # finns inget före blir första sektionen liggande, utan en tom stående sida
            avsluta_sektion(self.body, sista if sista.tag == qn("w:p") else None)
        satt_orientering(self.body.find(qn("w:sectPr")), liggande, self.staende)
        self.liggande = liggande
        self.sidbrytning = False  # sektionsbrytningen börjar redan en ny sida

    def _stycke(self, stil: str | None = None) -> tuple[Paragraph, Korningsformat | None]:
        p = self.doc.add_paragraph()
        fmt = self.stilar.satt(p, stil) if stil else None
        if self.sidbrytning:
            p.paragraph_format.page_break_before = True
            self.sidbrytning = False
        if self.efter_tabell and LUFT_FORE.get(stil or "", 0.0) < LUFT_EFTER_TABELL_PT:
            p.paragraph_format.space_before = Pt(LUFT_EFTER_TABELL_PT)
        self.efter_tabell = False
        return p, fmt

    def _block(self, b: Block) -> None:
        if not isinstance(b, Liggande | Textblock | Textblockslut):
            self.markning.samla(b)
        match b:
            case Rubrik():
                self._rubrik(b)
            case Stycke():
                p, fmt = self._stycke()
                self._inline(p._p, b.innehall, fmt)
            case Lista():
                self._lista(b, 1)
            case Tabell():
                self._tabell(b)
            case Figur():
                self._figur(b)
            case Markering():
                self._markering(b)
            case Sidbrytning():
                self.sidbrytning = True
            case Innehall():
                self._innehall(b)
            case Titelsida():
                self._titelsida(b)
            case Liggande():
                for x in b.block:
                    self._block(x)
            case Textblock():
                self.markning.textblock_start(self.body, f"{b.kalla}#{b.kallhash}#{b.avtryck}")
            case Textblockslut():
                self.markning.textblock_slut(self.body, markdown_ut.skriv)

    # --- text ------------------------------------------------------------------------------------------

    def _inline(self, mal, innehall: tuple[Inline, ...], fmt: Korningsformat | None, fet: bool = False,
                kursiv: bool = False, lank: bool = False) -> None:
        storlek, fet_stil, kursiv_stil = fmt or (None, False, False)
        for i in innehall:
            match i:
                case Text():
                    lankstil = self.stilar.id("Hyperlink", WD_STYLE_TYPE.CHARACTER) if lank else None
                    r = textkorning(i.text, fet or fet_stil, kursiv or kursiv_stil, lankstil, storlek)
                    if lank and not lankstil:  # mallen saknar teckenstilen Hyperlink: blått och understruket
                        font = Run(r, None).font
                        font.color.rgb, font.underline = RGBColor.from_string(MORK), True
                    mal.append(r)
                case Betonad():
                    self._inline(mal, i.innehall, fmt, fet, True, lank)
                case Stark():
                    self._inline(mal, i.innehall, fmt, True, kursiv, lank)
                case Lank():  # layouten har redan tagit bort otillåtna adresser och länkar i länkar
                    rid = self.doc.part.relate_to(i.url, RT.HYPERLINK, is_external=True)
                    h = el("w:hyperlink", {"r:id": rid, "w:history": "1"})
                    mal.append(h)
                    self._inline(h, i.innehall, fmt, fet, kursiv, True)
                case Radbrytning():
                    mal.append(el("w:r", None, el("w:br")))
                case Genererad():  # ett framräknat värde: bokmärket bär uttryckets nummer och textens avtryck
                    start, slut = self.markning.varde(i.nummer, fingeravtryck(i.text))
                    mal.append(start)
                    self._inline(mal, (Text(i.text),), fmt, fet, kursiv, lank)
                    mal.append(slut)

    def _text(self, stil: str, text: str) -> Paragraph:
        p, fmt = self._stycke(stil)
        self._inline(p._p, (Text(text),), fmt)
        return p

    # --- block -----------------------------------------------------------------------------------------

    def _titelsida(self, t: Titelsida) -> None:
        """Avsändaren (dokumentets författare, t.ex. regionen) överst, titelblocket, raderna nedtill (som i PDF:en)."""
        if self.dok.meta.forfattare:
            self._text("Avsändare", self.dok.meta.forfattare)
        self._text("Title", t.titel)
        if t.undertitel:
            self._text("Subtitle", t.undertitel)
        for i, rad in enumerate(t.rader):
            p = self._text("Titelrad", rad)
            if i == 0:
                p.paragraph_format.space_before = Pt(TITELRADER_AVSTAND)
        self.sidbrytning = t.ny_sida_efter

    def _rubrik(self, r: Rubrik) -> None:
        niva = min(max(r.niva, 1), 9)
        p, fmt = self._stycke(f"Heading {niva}" if self.stilar.finns(f"Heading {niva}") else f"Heading {min(niva, 3)}")
        namn = self.bokmarken[self.antal_rubriker]
        self.antal_rubriker += 1
        self.bm_id += 1
        p._p.append(el("w:bookmarkStart", {"w:id": str(self.bm_id), "w:name": namn}))
        prefix = nummerprefix(r)
        self._inline(p._p, (Text(prefix), *r.innehall) if prefix else r.innehall, fmt)
        p._p.append(el("w:bookmarkEnd", {"w:id": str(self.bm_id)}))

    def _markering(self, m: Markering) -> None:
        """Rutan säger sin typ i text, inte bara i färg: layoutens etikett ('Saknas:', 'Varning:') före texten."""
        p, fmt = self._stycke("Markering")
        if m.typ == "varning":
            markeringsram(p, VARNING_RAM, VARNING_BAKGRUND)
        innehall = (Stark((Text(f"{m.etikett}:"),)), Text(f" {m.text}")) if m.etikett else (Text(m.text),)
        self._inline(p._p, innehall, fmt)

    def _innehall(self, inn: Innehall) -> None:
        self._text("TOC Heading", inn.rubrik)
        bokmarken: dict[str, str] = {}
        for r, namn in zip(self.rubriker, self.bokmarken, strict=True):
            bokmarken.setdefault(r.id, namn)
        per_id = {r.id: r for r in reversed(self.rubriker)}
        poster = [(per_id[i], bokmarken[i]) for i in inn.poster]
        instruktion = f'TOC \\o "1-{inn.djup}" \\h \\z \\u'
        flik = {"w:val": "right", "w:leader": "dot", "w:pos": str(self._textbredd())}
        if not poster:
            p, _ = self._stycke("TOC 1")
            for r in faltkorningar(instruktion, dirty=True):
                p._p.append(r)
            self.sidbrytning = inn.ny_sida_efter
            return
        for n, (r, namn) in enumerate(poster):
            p, fmt = self._stycke(f"TOC {min(r.niva, 3)}")
            ppr_lagg_till(p, el("w:tabs", None, el("w:tab", flik)))
            if n == 0:
                for k in faltkorningar(instruktion, dirty=True)[:3]:
                    p._p.append(k)
            h = el("w:hyperlink", {"w:anchor": namn, "w:history": "1"})
            p._p.append(h)
            self._inline(h, (Text(rubriktext(r)),), fmt)
            self.sidreferenser.append((h, r.id, namn))
            if n == len(poster) - 1:
                p._p.append(el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"})))
        self.sidbrytning = inn.ny_sida_efter

    def avsluta(self, sidnummer: dict[str, int]) -> None:
        """Sidnumren i innehållsförteckningen (Rubrik.id → sida i PDF:en), sist i varje post, och sedan märkningen
        för `rapport hamta` (dess avtryck av styckena tar med sidnumren)."""
        for h, id_, namn in self.sidreferenser:
            sida = sidnummer.get(id_)
            if sida is not None:
                h.append(el("w:r", None, el("w:tab")))  # type: ignore[attr-defined]
                for k in faltkorningar(f"PAGEREF {namn} \\h", str(sida)):
                    h.append(k)  # type: ignore[attr-defined]
        self.sidreferenser = []
        self.markning.skriv(self.doc, fingeravtryck)

    def _lista(self, lista: Lista, niva: int) -> None:
        bas = "List Number" if lista.numrerad else "List Bullet"
        stil = f"{bas} {niva}" if niva > 1 and self.stilar.finns(f"{bas} {niva}") else bas
        numid = self._ny_numrering(stil, lista.bokstaver) if lista.numrerad else None
        for nr, punkt in enumerate(lista.punkter, start=1):
            forsta = True
            forra: Paragraph | None = None  # punktens förra stycke, om det kom direkt före
            for b in punkt:
                if isinstance(b, Stycke):
                    if forra is not None:  # som PDF:ens radbrytning mellan två stycken i en punkt: ingen luft
                        forra.paragraph_format.space_after = Pt(0)
                    p, fmt = self._stycke(stil if forsta else "List Continue")
                    forra = p
                    if forsta and numid is not None:
                        numpr = p._p.get_or_add_pPr().get_or_add_numPr()
                        numpr.get_or_add_ilvl().val = 0
                        numpr.get_or_add_numId().val = numid
                    if forsta and not self.stilar.finns(stil):
                        p.paragraph_format.left_indent = Pt(18 * niva)
                        p._p.append(textkorning(f"{nr}. " if lista.numrerad else "• "))
                    self._inline(p._p, b.innehall, fmt)
                    forsta = False
                elif isinstance(b, Lista):
                    forra = None
                    self._lista(b, niva + 1)
                else:
                    forra = None
                    self._block(b)
        sista = self.body[-2] if len(self.body) > 1 else None
        if niva == 1 and sista is not None and sista.tag == qn("w:p"):
            # Efter listan brödtextens luft, som i PDF:en (punkternas marginal slås ihop med listans).
            Paragraph(sista, None).paragraph_format.space_after = Pt(BRODTEXT.efter)

    def _ny_numrering(self, stil: str, bokstaver: bool = False) -> int | None:
        """En ny `w:num` på stilens abstrakta numrering med start 1: varje numrerad lista börjar om på 1. En
        bokstavslista får en kopia av den abstrakta numreringen med a), b), c) i stället för siffror."""
        s = self.stilar.hamta(stil)
        ppr = s.element.pPr if s is not None else None
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            return None
        numrering = self.doc.part.numbering_part.element
        gammal = numrering.num_having_numId(ppr.numPr.numId.val)
        abstrakt = gammal.abstractNumId.val
        if bokstaver:
            abstrakt = self._bokstavsnumrering(numrering, abstrakt)
        num = numrering.add_num(abstrakt)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def _bokstavsnumrering(self, numrering, abstrakt: int) -> int:
        """En abstrakt numrering som är stilens men med gemena bokstäver och parentes (a), b) …), en per dokument."""
        if abstrakt in self.bokstavsnumreringar:
            return self.bokstavsnumreringar[abstrakt]
        original = next(a for a in numrering.findall(qn("w:abstractNum"))
                        if a.get(qn("w:abstractNumId")) == str(abstrakt))
        kopia = copy.deepcopy(original)
        nytt = 1 + max(int(a.get(qn("w:abstractNumId"))) for a in numrering.findall(qn("w:abstractNum")))
        kopia.set(qn("w:abstractNumId"), str(nytt))
        for tagg in ("w:nsid", "w:tmpl", "w:styleLink", "w:numStyleLink"):
            for e in kopia.findall(qn(tagg)):
                kopia.remove(e)
        for lvl in kopia.findall(qn("w:lvl")):
            niva = int(lvl.get(qn("w:ilvl")))
            for e in lvl.findall(qn("w:pStyle")):
                lvl.remove(e)  # stilen pekar på den ursprungliga numreringen; kopian används bara genom numId
            fmt = lvl.find(qn("w:numFmt"))
            if fmt is not None:
                fmt.set(qn("w:val"), "lowerLetter")
            text = lvl.find(qn("w:lvlText"))
            if text is not None:
                text.set(qn("w:val"), f"%{niva + 1})")
        # abstractNum står före alla num i numbering.xml (schemats ordning).
        forsta_num = numrering.find(qn("w:num"))
        if forsta_num is not None:
            forsta_num.addprevious(kopia)
        else:
            numrering.append(kopia)
        self.bokstavsnumreringar[abstrakt] = nytt
        return nytt

    def _figur(self, f: Figur) -> None:
        """Bilden i ett eget stycke med figurens luft före och enkelt radavstånd, i en körning med minsta möjliga
        typsnitt: raden blir då så hög som bilden, som PDF:ens bild (ett block utan textrad under)."""
        if f.png is None:
            raise ValueError(f"{f.id} byggdes utan PNG-bild (bygg_dokument med png=False); DOCX-filen behöver den")
        efter_tabell = self.efter_tabell
        p, _ = self._stycke()
        p.paragraph_format.keep_with_next = True
        if not efter_tabell:
            p.paragraph_format.space_before = Pt(FIGUR.fore)
        p.paragraph_format.space_after = Pt(FIGUR.efter)  # bildtextens luft före gäller, inte brödtextens efter
        bredd = min(twips(f.bredd_cm), self._textbredd())
        r = p.add_run()
        r.font.size = Pt(1)
        ppr_lagg_till(p, el("w:rPr", None, el("w:sz", {"w:val": "2"})))  # styckets slut bestämmer också radhöjden
        r.add_picture(io.BytesIO(f.png), width=bredd * EMU_PER_TWIP)
        # Enkelt radavstånd, inte exakt bildens höjd: med exakt höjd ställer LibreOffice bilden på typsnittets
        # baslinje och klipper dess övre femtedel. Med typsnittet på 1 pt blir underhänget under bilden försumbart.
        p.paragraph_format.line_spacing = 1.0
        for tagg in ("wp:docPr", "pic:cNvPr"):
            for e in p._p.iter(qn(tagg)):
                e.set("name", f.id)
                e.set("descr", f.alt)
                e.set("title", f.bildtext)
        bt = self._text("Bildtext" if self.stilar.finns("Bildtext") else "Caption", f.bildtext)
        bt.paragraph_format.keep_with_next = False
        bt.paragraph_format.space_after = Pt(LUFT_EFTER_FIGUR_PT)

    def _tabell(self, t: Tabell) -> None:
        if t.rubrik:  # en tabell ur ett textblock har ingen rubrik
            p = self._text("Caption", t.rubrik)
            if not t.enhetstext:  # PDF:en har enhetsradens luft under tabellrubriken också utan enhetsrad
                p.paragraph_format.space_after = Pt(ENHETSRAD.efter)
        if t.enhetstext:
            self._text("Enhetsrad", t.enhetstext)
        tbl = self.tabeller.bygg(t, self._textbredd())
        self.body.insert_element_before(tbl, "w:sectPr")
        if not ur_text(t):  # genererad (inte skriven i ett textblock): märkt, så att en ändring i Word syns
            self.markning.tabell(tbl, fingeravtryck)
        self.sista_rubriker = []
        under = [*t.noter, *([f"Källa: {t.kalla}"] if t.kalla else [])]
        for i, text in enumerate(under):
            p = self._text("Källa", text)
            if i + 1 < len(under):  # tabellens luft efter bara under den sista, som i PDF:en (marginalerna)
                p.paragraph_format.space_after = Pt(KALLA.fore)
        if not under:
            self.efter_tabell = True

    def _sidhuvud_och_sidfot(self) -> None:
        """Sidhuvud (meta.sidhuvud) och sidfot (Sida X av Y), om mallen inte redan har egna; titelsidan utan."""
        sek = self.doc.sections[0]
        if self.dok.block and isinstance(self.dok.block[0], Titelsida):
            sek.different_first_page_header_footer = True
            for hf in (sek.first_page_header, sek.first_page_footer):
                hf.is_linked_to_previous = False
        if self.dok.meta.sidhuvud and _tom(sek.header):
            sek.header.is_linked_to_previous = False
            p = sek.header.paragraphs[0]
            self.stilar.satt(p, "Header")
            p._p.append(textkorning(self.dok.meta.sidhuvud))
        if _tom(sek.footer):
            sek.footer.is_linked_to_previous = False
            p = sek.footer.paragraphs[0]
            self.stilar.satt(p, "Footer")
            p._p.append(textkorning("Sida "))
            for k in faltkorningar("PAGE", "1"):
                p._p.append(k)
            p._p.append(textkorning(" av "))
            for k in faltkorningar("NUMPAGES", "1"):
                p._p.append(k)


def _tom(hf) -> bool:
    if hf.is_linked_to_previous:
        return True
    e = hf._element
    return not "".join(t.text or "" for t in e.iter(qn("w:t"))).strip() and e.find(".//" + qn("w:drawing")) is None

