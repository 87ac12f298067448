"""Skapa den inbyggda referensmallen `referens.docx` (paketdata) som DOCX-renderaren bygger på.

Kör: `python -m rapportverk.rendera.skapa_referens` (skriver över referens.docx; samma byte varje gång).

Mallen utgår från python-docx standardmall och ger den ett sakligt utseende för en regional rapport:
Calibri (Carlito i LibreOffice), mörkblå rubriker, avstånd via styckenas stilar, A4 stående, svenska
(sv-SE) i docDefaults. En region som vill ha sina egna typsnitt och färger redigerar stilarna i Word och
sparar mallen under samma namn; stilnamnen nedan är det renderaren letar efter:

- Words inbyggda: Normal, Title, Subtitle, Heading 1–3, Caption, List Bullet, List Number, List Continue,
  TOC Heading, TOC 1–3, Header, Footer, Hyperlink (tecken).
- Egna: Avsändare (regionens namn överst på titelsidan), Titelrad (raderna på titelsidan), Enhetsrad
  (t.ex. 'Belopp i miljoner kronor'), Bildtext (under en figur; saknas den används Caption), Tabelltext (text i
  tabellceller), Källa (källhänvisning under en tabell), Markering (ruta för saknad text och varningar),
  Rapporttabell (tabellformat). Saknas en egen stil används Normal med direktformatering.

Stycket i kroppen är bara exempel som visar stilarna; renderaren tömmer kroppen innan den skriver.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from rapportverk import resurser
from rapportverk.dokument import stil
from rapportverk.rendera.docx_xml import spara_deterministiskt

UT = resurser.katalog() / resurser.WORDMALL  # paketdata, bredvid stil.css

# Samma utseende som PDF:ens grundstilmall (resurser/stil.css): färger, storlekar, radavstånd, marginaler och
# luft, så att DOCX och PDF ser ut som samma rapport och sidbrytningarna (och därmed sidnumren) blir desamma. Måtten
# och färgerna är husets, från dokument/stil.py, som stilmallen får som CSS-variabler.
MORK = stil.MORK  # rubriker, titel, länkar och linjer
GRA = stil.GRA  # sidhuvud, sidfot, enhetsrad, källa
TEXT = stil.TEXT
TYPSNITT = "Calibri"

W = nsdecls("w")


def _stil(typ: str, stil_id: str, namn: str, ppr: str = "", rpr: str = "", bas: str | None = "Normal",
          nasta: str | None = None, extra: str = "", prioritet: int | None = None, qformat: bool = False) -> str:
    delar = [f'<w:style {W} w:type="{typ}" w:styleId="{stil_id}"', ' w:default="1"' if stil_id == "Normal" else "",
             ">", f'<w:name w:val="{namn}"/>']
    if bas:
        delar.append(f'<w:basedOn w:val="{bas}"/>')
    if nasta:
        delar.append(f'<w:next w:val="{nasta}"/>')
    if prioritet is not None:
        delar.append(f'<w:uiPriority w:val="{prioritet}"/>')
    if qformat:
        delar.append("<w:qFormat/>")
    if ppr:
        delar.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        delar.append(f"<w:rPr>{rpr}</w:rPr>")
    delar.append(extra)
    delar.append("</w:style>")
    return "".join(delar)


def _avstand(m: stil.Textmatt) -> str:
    """Styckets luft före och efter och radavstånd ur textstilens mått (dokument/stil.py, som PDF:ens)."""
    return (f'<w:spacing w:before="{stil.twips(m.fore)}" w:after="{stil.twips(m.efter)}" '
            f'w:line="{m.radavstand()}" w:lineRule="exact"/>')


# Titelsidans stilar bygger på Normal men har större text än brödtexten: de får Normals radavstånd som
# proportionellt (som PDF:ens line-height 1,3), inte dess exakta höjd, som skulle klippa texten.
PROPORTIONELLT = f'w:line="{round(240 * stil.BRODTEXT.radhojd / stil.TYPSNITT_ENKEL_RAD)}" w:lineRule="auto"'



def _storlek(m: stil.Textmatt) -> str:
    halva = round(m.storlek * 2)
    return f'<w:sz w:val="{halva}"/><w:szCs w:val="{halva}"/>'


def _rubrik(niva: int) -> str:
    m = stil.RUBRIKER[min(niva, 4)]
    return _stil("paragraph", f"Heading{niva}", f"heading {niva}", nasta="Normal", prioritet=9, qformat=True,
                 ppr=f'<w:keepNext/><w:keepLines/>{_avstand(m)}<w:outlineLvl w:val="{niva - 1}"/>',
                 rpr=f'<w:b/><w:bCs/><w:color w:val="{MORK}"/>{_storlek(m)}')


def _kant(sida: str, storlek: int, farg: str, luft: int = 0, typ: str = "single") -> str:
    return f'<w:{sida} w:val="{typ}" w:sz="{storlek}" w:space="{luft}" w:color="{farg}"/>'


RADLINJE = stil.attondelar(stil.RADLINJE_PT)
_OVER, _SIDA = stil.CELLUTFYLLNAD_PT

# Titelblocket: ett 5 pt streck till vänster om titel och undertitel, texten 19 pt in (som PDF:ens titelblock).
TITELSTRECK = f"<w:pBdr>{_kant('left', 40, MORK, 14)}</w:pBdr>"


STILAR = [
    _stil("paragraph", "Normal", "Normal", bas=None, qformat=True,
          ppr=f"<w:widowControl/>{_avstand(stil.BRODTEXT)}", rpr=f'<w:color w:val="{TEXT}"/>'),
    *(_rubrik(n) for n in range(1, 7)),
    _stil("paragraph", "Avsandare", "Avsändare", nasta="Title",
          ppr=f'<w:spacing w:before="0" w:after="3400" {PROPORTIONELLT}/>',
          rpr=f'<w:b/><w:bCs/><w:color w:val="{MORK}"/><w:sz w:val="26"/><w:szCs w:val="26"/>'),
    _stil("paragraph", "Title", "Title", nasta="Subtitle", prioritet=10, qformat=True,
          ppr=TITELSTRECK + '<w:spacing w:before="0" w:after="200" w:line="240" w:lineRule="auto"/>'
              '<w:ind w:left="380"/>',
          rpr=f'<w:b/><w:bCs/><w:color w:val="{MORK}"/><w:kern w:val="28"/><w:sz w:val="60"/><w:szCs w:val="60"/>'),
    _stil("paragraph", "Subtitle", "Subtitle", nasta="Titelrad", prioritet=11, qformat=True,
          ppr=TITELSTRECK + f'<w:spacing w:before="0" w:after="0" {PROPORTIONELLT}/><w:ind w:left="380"/>',
          rpr='<w:sz w:val="34"/><w:szCs w:val="34"/>'),
    _stil("paragraph", "Titelrad", "Titelrad",
          ppr=f'<w:spacing w:before="0" w:after="40" {PROPORTIONELLT}/><w:ind w:left="380"/>'),
    _stil("paragraph", "Caption", "caption", nasta="Normal", prioritet=35, qformat=True,
          ppr=f"<w:keepNext/>{_avstand(stil.TABELLRUBRIK)}",
          rpr=f'<w:b/><w:bCs/><w:color w:val="{MORK}"/>{_storlek(stil.TABELLRUBRIK)}'),
    # Bildtexten under en figur bygger på Caption (Words bildtext, som figurförteckningar letar efter), i PDF:ens
    # mindre och vanliga stil.
    _stil("paragraph", "Bildtext", "Bildtext", bas="Caption", nasta="Normal", ppr=f"<w:keepNext w:val=\"0\"/>"
          f"{_avstand(stil.BILDTEXT)}", rpr=f'<w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="{TEXT}"/>'
          f"{_storlek(stil.BILDTEXT)}"),
    _stil("paragraph", "Enhetsrad", "Enhetsrad", nasta="Normal", ppr=f"<w:keepNext/>{_avstand(stil.ENHETSRAD)}",
          rpr=f'<w:i/><w:iCs/><w:color w:val="{GRA}"/>{_storlek(stil.ENHETSRAD)}'),
    _stil("paragraph", "Kalla", "Källa", nasta="Normal", ppr=_avstand(stil.KALLA),
          rpr=f'<w:color w:val="{GRA}"/>{_storlek(stil.KALLA)}'),
    _stil("paragraph", "Tabelltext", "Tabelltext", ppr=_avstand(stil.TABELLTEXT), rpr=_storlek(stil.TABELLTEXT)),
    _stil("paragraph", "Markering", "Markering", nasta="Normal",
          ppr="<w:pBdr>" + "".join(_kant(s, stil.attondelar(stil.MARKERING_RAM_PT), stil.SAKNAS_RAM, 5, "dashed")
                                for s in ("top", "left", "bottom", "right"))
              + f'</w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="{stil.SAKNAS_BAKGRUND}"/>'
              '<w:spacing w:before="120" w:after="200"/><w:ind w:left="140" w:right="140"/>'),
    _stil("paragraph", "TOCHeading", "TOC Heading", bas="Heading1", nasta="Normal", prioritet=39, qformat=True,
          ppr=f'{_avstand(stil.INNEHALLSRUBRIK)}<w:outlineLvl w:val="9"/>', rpr=_storlek(stil.INNEHALLSRUBRIK)),
    _stil("paragraph", "TOC1", "toc 1", nasta="Normal", prioritet=39,
          ppr=_avstand(stil.INNEHALL_NIVA1), rpr="<w:b/><w:bCs/>"),
    _stil("paragraph", "TOC2", "toc 2", nasta="Normal", prioritet=39,
          ppr=f'{_avstand(stil.INNEHALL_POST)}<w:ind w:left="264"/>'),
    _stil("paragraph", "TOC3", "toc 3", nasta="Normal", prioritet=39,
          ppr=f'{_avstand(stil.INNEHALL_POST)}<w:ind w:left="528"/>'),
    _stil("paragraph", "Header", "header", prioritet=99, ppr=_avstand(stil.SIDHUVUD),
          rpr=f'<w:color w:val="{GRA}"/>{_storlek(stil.SIDHUVUD)}'),
    _stil("paragraph", "Footer", "footer", prioritet=99, ppr=f'{_avstand(stil.SIDHUVUD)}<w:jc w:val="right"/>',
          rpr=f'<w:color w:val="{GRA}"/>{_storlek(stil.SIDHUVUD)}'),
    _stil("paragraph", "ListBullet", "List Bullet", prioritet=99,
          ppr=f'<w:numPr><w:numId w:val="1"/></w:numPr>{_avstand(stil.LISTPUNKT)}'),
    _stil("paragraph", "ListNumber", "List Number", prioritet=99,
          ppr=f'<w:numPr><w:numId w:val="5"/></w:numPr>{_avstand(stil.LISTPUNKT)}'),
    _stil("paragraph", "ListContinue", "List Continue", prioritet=99,
          ppr=f'{_avstand(stil.LISTPUNKT)}<w:ind w:left="360"/>'),
    _stil("character", "Hyperlink", "Hyperlink", bas="DefaultParagraphFont", prioritet=99,
          rpr=f'<w:color w:val="{MORK}"/><w:u w:val="single"/>'),
    _stil("table", "Rapporttabell", "Rapporttabell", bas="TableNormal", prioritet=59,
          ppr=_avstand(stil.TABELLTEXT), rpr=_storlek(stil.TABELLTEXT),
          extra="<w:tblPr><w:tblBorders>" + _kant("bottom", RADLINJE, stil.RADLINJE)
                + _kant("insideH", RADLINJE, stil.RADLINJE) + "</w:tblBorders><w:tblCellMar>"
                + "".join(f'<w:{s} w:w="{stil.twips(v)}" w:type="dxa"/>' for s, v in (
                    ("top", _OVER), ("left", _SIDA), ("bottom", _OVER), ("right", _SIDA)))
                + "</w:tblCellMar></w:tblPr>"
                '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr>'),
]


def _satt_stilar(doc) -> None:
    styles = doc.styles.element
    for xml in STILAR:
        ny = parse_xml(xml)
        gammal = styles.find(f'{qn("w:style")}[@{qn("w:styleId")}="{ny.get(qn("w:styleId"))}"]')
        if gammal is not None:
            gammal.addprevious(ny)
            styles.remove(gammal)
        else:
            styles.append(ny)
    # Kerning (w:kern, från 1 pt) som i PDF:en: utan den är LibreOffices och Words ord ungefär 1 % bredare, och
    # en rad eller en kolumnrubrik bryts där PDF:en inte bryter.
    dd = styles.find(qn("w:docDefaults"))
    dd.getparent().replace(dd, parse_xml(
        f"<w:docDefaults {W}><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{TYPSNITT}" w:eastAsia="{TYPSNITT}" w:hAnsi="{TYPSNITT}" w:cs="{TYPSNITT}"/>'
        '<w:kern w:val="2"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
        '<w:lang w:val="sv-SE" w:eastAsia="sv-SE" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'))
    # Rubrikernas teckenstilar (Heading 1 Char …) pekar på temats rubriktypsnitt: samma typsnitt överallt.
    for rf in styles.iter(qn("w:rFonts")):
        if any(k.endswith("Theme") for k in (a.split("}")[-1] for a in rf.attrib)):
            for a in list(rf.attrib):
                del rf.attrib[a]
            for a in ("ascii", "hAnsi", "eastAsia", "cs"):
                rf.set(qn(f"w:{a}"), TYPSNITT)


def _satt_numrering(doc) -> None:
    """Punkter som '•' i Calibri i stället för Symbol-typsnittets privata tecken (säkrare i LibreOffice)."""
    for lvl in doc.part.numbering_part.element.iter(qn("w:lvl")):
        fmt = lvl.find(qn("w:numFmt"))
        if fmt is not None and fmt.get(qn("w:val")) == "bullet":
            lvl.find(qn("w:lvlText")).set(qn("w:val"), "•")
            rf = lvl.find(f'{qn("w:rPr")}/{qn("w:rFonts")}')
            if rf is not None:
                for a in list(rf.attrib):
                    del rf.attrib[a]
                rf.set(qn("w:ascii"), TYPSNITT)
                rf.set(qn("w:hAnsi"), TYPSNITT)


def _satt_installningar(doc) -> None:
    s = doc.settings.element
    for tagg, varde in (("w:decimalSymbol", ","), ("w:listSeparator", ";"), ("w:themeFontLang", "sv-SE")):
        e = s.find(qn(tagg))
        e.set(qn("w:val"), varde)
        if qn("w:eastAsia") in e.attrib:
            del e.attrib[qn("w:eastAsia")]


def _satt_sida(doc) -> None:
    from docx.shared import Cm

    sek = doc.sections[0]
    sek.page_width, sek.page_height = Cm(21.0), Cm(29.7)
    sek.top_margin, sek.right_margin, sek.bottom_margin, sek.left_margin = (Cm(m) for m in stil.MARGINALER_CM)
    sek.header_distance = sek.footer_distance = Cm(stil.SIDHUVUD_AVSTAND_CM)


def _rensa_delar(doc) -> None:
    """Ta bort miniatyrbild, stylesWithEffects och customXml från standardmallen (engelska rester)."""
    paket = doc.part.package
    for rid, rel in list(paket.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            paket.rels.pop(rid)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"):
            doc.part.rels.pop(rid)
    for del_ in paket.iter_parts():
        if del_.partname == "/docProps/app.xml":
            app = del_.blob.decode("utf-8")
            app = re.sub(r"<Application>.*?</Application>", "<Application>rapportverk</Application>", app)
            del_._blob = app.replace("<Template>Normal.dotm</Template>", "<Template>referens.docx</Template>").encode()
        elif del_.partname == "/word/theme/theme1.xml":
            del_._blob = re.sub(rb'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*"', rb'\1Calibri"', del_.blob)


def _exempel(doc) -> None:
    """Ett stycke per stil, så att den som redigerar mallen ser vad stilen gör."""
    stilar = {s.name.lower(): s for s in doc.styles if s.name}

    def p(stil: str, text: str):
        return doc.add_paragraph(text, style=stilar[stil.lower()])

    p("Avsändare", "Regionen (Avsändare)")
    p("Title", "Delårsrapport (Title)")
    p("Subtitle", "Nämnd (Subtitle)")
    p("Titelrad", "Diarienummer och status (Titelrad)")
    p("TOC Heading", "Innehåll (TOC Heading)")
    p("toc 1", "1. Rubrik på nivå 1 (TOC 1)")
    p("toc 2", "Rubrik på nivå 2 (TOC 2)")
    p("heading 1", "1. Rubrik 1 (Heading 1)")
    p("Normal", "Brödtext (Normal). Renderaren tömmer mallens kropp och använder bara stilarna, sidformatet, "
                "sidhuvud och sidfot. Ändra typsnitt, färger och avstånd i stilarna, men behåll stilnamnen.")
    p("heading 2", "Rubrik 2 (Heading 2)")
    p("heading 3", "Rubrik 3 (Heading 3)")
    p("List Bullet", "Punktlista (List Bullet)")
    p("List Number", "Numrerad lista (List Number)")
    p("caption", "Tabellrubrik (Caption)")
    p("Enhetsrad", "Belopp i miljoner kronor (Enhetsrad)")
    tabell = doc.add_table(rows=2, cols=2, style=stilar["rapporttabell"])
    for r, (a, b) in enumerate((("Område", "Utfall"), ("Summa", "\u22121\u00a0150"))):
        for c, text in enumerate((a, b)):
            cell = tabell.cell(r, c)
            cell.paragraphs[0].style = stilar["tabelltext"]
            cell.paragraphs[0].add_run(text)
    p("Källa", "Källa: ekonomisystemet (Källa)")
    p("Bildtext", "Figur 1. Bildtext under en figur (Bildtext)")
    p("Markering", "[Text saknas: exempel] (Markering)")


def skapa(ut: Path = UT) -> bytes:
    doc = Document()
    _rensa_delar(doc)
    _satt_stilar(doc)
    _satt_numrering(doc)
    _satt_installningar(doc)
    _satt_sida(doc)
    _exempel(doc)
    cp = doc.core_properties
    cp.title, cp.subject, cp.author = "Referensmall för rapportverk", "Stilar för rapporter", "rapportverk"
    cp.language, cp.keywords, cp.comments, cp.last_modified_by, cp.category = "sv-SE", "", "", "rapportverk", ""
    for tagg in ("dcterms:created", "dcterms:modified"):
        for e in cp._element.findall(qn(tagg)):
            cp._element.remove(e)
    data = spara_deterministiskt(doc)
    ut.write_bytes(data)
    return data


if __name__ == "__main__":
    ut = Path(sys.argv[1]) if len(sys.argv) > 1 else UT
    skapa(ut)
    print(f"Skrev {ut}")
