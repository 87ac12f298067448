"""DOCX-renderaren: filen läst tillbaka med python-docx, byte för byte, och öppnad av LibreOffice."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import PDFTOTEXT, SOFFICE, kraver, kraver_program
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from dokumentprov import NB, M, omradestabell, provdokument

from rapportverk import resurser
from rapportverk.dokument import stil
from rapportverk.dokument.modell import (
    Dokument,
    Lank,
    Liggande,
    Lista,
    Markering,
    Meta,
    Rubrik,
    Stycke,
    Tabell,
    Text,
)
from rapportverk.rendera.docx import docx_bytes, skriv_docx

ROT = Path(__file__).resolve().parents[1]
MALL = resurser.fil(resurser.WORDMALL)
# Sidnumren som PDF-renderaren ger provdokumentet (titelsida, innehåll, text från sidan 3, bilagan på sidan 7).
SIDNUMMER = {"inledning": 3, "namndens-uppdrag": 3, "ekonomisk-analys": 3, "bilagor": 7}
TOC_POST = re.compile(r"toc \d")
RUBRIKER = [("Heading 1", "1. Inledning"), ("Heading 2", "Nämndens uppdrag"), ("Heading 1", "2. Ekonomisk analys"),
            ("Heading 1", "3. Bilagor")]


@pytest.fixture(scope="module")
def docx_fil(tmp_path_factory) -> Path:
    ut = tmp_path_factory.mktemp("docx") / "prov.docx"
    skriv_docx(provdokument(), ut, MALL, SIDNUMMER)
    return ut


@pytest.fixture(scope="module")
def doc(docx_fil):
    return Document(str(docx_fil))


def del_xml(fil: Path | bytes, namn: str) -> str:
    with zipfile.ZipFile(fil if isinstance(fil, Path) else __import__("io").BytesIO(fil)) as z:
        return z.read(namn).decode("utf-8")


def text(e) -> str:
    """Texten i ett element (python-docx klasser gör lxml:s itertext opålitlig)."""
    return "".join(t.text or "" for t in e.iter(qn("w:t")))


def litet(*block) -> Dokument:
    return Dokument(Meta("Prov", "Region Prov"), tuple(block))


def kropp(data: bytes):
    import io

    return Document(io.BytesIO(data))


# --- rubriker och innehållsförteckning ------------------------------------------------------------------


def test_rubriker_har_rubrikstilar_i_ordning_med_nummer(doc):
    rubriker = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert rubriker == RUBRIKER


def test_rubriker_har_bokmarken_som_innehallet_lankar_till(doc):
    namn = [p._p.find(qn("w:bookmarkStart")).get(qn("w:name")) for p in doc.paragraphs
            if p.style.name.startswith("Heading")]
    assert all(n.startswith("_Toc") and len(n) <= 40 for n in namn)
    ankare = [h.get(qn("w:anchor")) for p in doc.paragraphs if TOC_POST.fullmatch(p.style.name.lower())
              for h in p._p.findall(qn("w:hyperlink"))]
    assert ankare == namn


def test_innehall_ar_toc_falt_som_word_uppdaterar_och_ar_ifyllt(doc, docx_fil):
    dok = del_xml(docx_fil, "word/document.xml")
    assert 'TOC \\o "1-2" \\h \\z \\u' in dok
    assert '<w:updateFields w:val="true"/>' in del_xml(docx_fil, "word/settings.xml")
    toc = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.lower().startswith("toc")]
    assert toc == [("TOC Heading", "Innehåll"), ("toc 1", "1. Inledning\t3"), ("toc 2", "Nämndens uppdrag\t3"),
                   ("toc 1", "2. Ekonomisk analys\t3"), ("toc 1", "3. Bilagor\t7")]
    forsta = next(p for p in doc.paragraphs if p.style.name == "toc 1")
    flik = forsta._p.find(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}")
    assert (flik.get(qn("w:val")), flik.get(qn("w:leader"))) == ("right", "dot")
    # fältet börjar och slutar i förteckningen, sidnumren är PAGEREF-fält med resultatet ifyllt
    typer = [f.get(qn("w:fldCharType")) for f in doc.element.body.iter(qn("w:fldChar"))]
    assert typer.count("begin") == typer.count("end") == 1 + 4
    assert dok.count("PAGEREF _Toc") == 4


def test_innehall_utan_sidnummer_visar_rubrikerna_utan_nollor():
    doc = kropp(docx_bytes(provdokument(antal_extra_stycken=0), MALL))
    toc = [p.text for p in doc.paragraphs if TOC_POST.fullmatch(p.style.name.lower())]
    assert toc == ["1. Inledning", "Nämndens uppdrag", "2. Ekonomisk analys", "3. Bilagor"]


# --- titelsida, stycken, listor, markering ---------------------------------------------------------------


def test_titelsida_och_sidbrytning_efter(doc):
    stilar = [(p.style.name, p.text) for p in doc.paragraphs[:7]]
    assert stilar == [("Avsändare", "Region Nordanå"), ("Title", "Delårsrapport per april 2021"),
                      ("Subtitle", "Regionstyrelsen"), ("Titelrad", "Regionstyrelsens rapport"),
                      ("Titelrad", "RS 848-2021"), ("Titelrad", "Utkast"), ("TOC Heading", "Innehåll")]
    assert doc.paragraphs[6].paragraph_format.page_break_before
    assert doc.sections[0].different_first_page_header_footer  # inget sidhuvud eller sidfot på titelsidan


def test_innehallet_star_pa_egen_sida(doc):
    forsta = next(p for p in doc.paragraphs if p.style.name == "Heading 1")
    assert forsta.paragraph_format.page_break_before


def test_betoning_och_listor(doc):
    stycke = next(p for p in doc.paragraphs if p.text.startswith("Rapporten följer upp"))
    assert [(r.text, bool(r.italic), bool(r.bold)) for r in stycke.runs if r.italic or r.bold] == [
        ("perioden", True, False), ("ekonomin", False, True)]
    listor = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("List")]
    assert listor == [("List Bullet", "Leda och samordna"), ("List Bullet", "Följa upp"),
                      ("List Number", "Första"), ("List Number", "Andra")]


def test_numrerade_listor_borjar_om_pa_ett():
    lista = Lista(((Stycke((Text("a"),)),), (Stycke((Text("b"),)),)), numrerad=True)
    doc = kropp(docx_bytes(litet(lista, Stycke((Text("mellan"),)), lista), MALL))
    numid = [p._p.pPr.numPr.numId.val for p in doc.paragraphs if p.style.name == "List Number"]
    assert numid[0] == numid[1] != numid[2] == numid[3]
    nums = doc.part.numbering_part.element
    for n in {numid[0], numid[2]}:
        assert nums.num_having_numId(n).find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")) == "1"


def test_markering_ar_synlig_ruta_med_text(doc):
    p = next(p for p in doc.paragraphs if p.style.name == "Markering")
    assert p.text == "[Text saknas: viktiga_handelser]"
    ppr = p.style.element.pPr
    assert ppr.find(qn("w:pBdr")) is not None and ppr.find(qn("w:shd")) is not None


def test_varning_och_saknas_sager_sin_typ_i_text():
    doc = kropp(docx_bytes(litet(Markering("Avstämningen skiljer 3 mkr", "varning"), Markering("Text fattas")), MALL))
    rutor = [p for p in doc.paragraphs if p.style.name == "Markering"]
    assert [p.text for p in rutor] == ["Varning: Avstämningen skiljer 3 mkr", "Saknas: Text fattas"]
    assert rutor[0].runs[0].bold
    assert rutor[0]._p.pPr.find(qn("w:pBdr")) is not None  # varningen har egen (röd) ram, inte bara färg


def test_inga_tomma_stycken_for_avstand(doc):
    for p in doc.element.body.iter(qn("w:p")):
        if p.getparent().tag != qn("w:body"):
            continue  # tabellceller har alltid ett stycke
        har_innehall = text(p).strip() or p.find(f".//{qn('w:drawing')}") is not None
        assert har_innehall, "tomt stycke i kroppen"


def test_lankar_bara_http_https_och_mailto():
    doc = kropp(docx_bytes(litet(Stycke((Lank((Text("webb"),), "https://example.se/a"), Text(" och "),
                                        Lank((Text("skript"),), "javascript:alert(1)")))), MALL))
    p = doc.paragraphs[0]
    lankar = p._p.findall(qn("w:hyperlink"))
    assert len(lankar) == 1
    rel = doc.part.rels[lankar[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://example.se/a"
    assert p.text == "webb och skript"


# --- tabeller -------------------------------------------------------------------------------------------


def test_tabellcellerna_ar_modellens_strangar(doc):
    modell = omradestabell()
    tabell = doc.tables[0]
    kroppsrader = tabell.rows[len(modell.huvud):]
    assert [[c.text for c in r.cells] for r in kroppsrader] == [list(r.celler) for r in modell.rader]
    assert tabell.rows[-1].cells[1].text == f"{M}1{NB}150"
    huvud = [c.text for c in tabell.rows[1].cells]
    assert huvud == ["Område", "Utfall 2021", "Utfall 2020", "Nettokostnadsutveckling %", "mkr", "%", "Årsbudget 2021"]
    assert tabell.rows[0].cells[4].text == "Budgetavvikelse"
    assert tabell.rows[0].cells[4]._tc.grid_span == 2


def test_lang_kolumnrubrik_far_mjukt_bindestreck(doc):
    cell = doc.tables[0].rows[1].cells[3]
    assert cell.text == "Nettokostnadsutveckling %"
    r = cell.paragraphs[0].runs[0]._r
    assert text(r) == "Nettokostnadsutveckling %"
    # i sammansättningens fogar och inom leden, samma punkter som PDF:ens mjuka bindestreck
    assert [t.text for t in r.findall(qn("w:t"))] == ["Netto", "kostnads", "ut", "veckling %"]
    assert len(r.findall(qn("w:softHyphen"))) == 3


def test_kalla_under_tabellen():
    t = Tabell(**{**omradestabell().__dict__, "kalla": "Ekonomisystemet"})
    doc = kropp(docx_bytes(litet(t), MALL))
    efter = doc.tables[0]._tbl.getnext()
    assert (efter.style, text(efter)) == ("Kalla", "Källa: Ekonomisystemet")


def test_tabellrubrik_fore_och_enhetsrad(doc):
    fore = doc.tables[0]._tbl.getprevious()
    rubrik = fore.getprevious()
    assert [rubrik.style, fore.style] == ["Caption", "Enhetsrad"]
    assert [text(rubrik), text(fore)] == ["Analys av budgetavvikelse per område",
                                                                      "Belopp i miljoner kronor"]
    # Tabellens namn och beskrivning för skärmläsare (Words alternativtext för tabeller), efter tblLook.
    tblpr = doc.tables[0]._tbl.tblPr
    assert [e.tag.split("}")[1] for e in tblpr][-3:] == ["tblLook", "tblCaption", "tblDescription"]
    assert tblpr.find(qn("w:tblCaption")).get(qn("w:val")) == "Analys av budgetavvikelse per område"
    assert tblpr.find(qn("w:tblDescription")).get(qn("w:val")) == "Belopp i miljoner kronor"


def test_hoppade_rubriknivaer_blir_nasta_niva():
    """`###` direkt under `#` (ett textblock under ett kapitel) blir Heading 2, som i PDF:en."""
    doc = kropp(docx_bytes(litet(Rubrik(1, (Text("Uppsikt"),), "u"), Rubrik(3, (Text("Nämnd"),), "n"),
                                 Stycke((Text("x"),))), MALL))
    assert [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")] == [
        ("Heading 1", "Uppsikt"), ("Heading 2", "Nämnd")]


def test_rubrikrader_upprepas_och_radtyper_syns(doc):
    tabell = doc.tables[0]
    upprepas = [r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None for r in tabell.rows]
    assert upprepas == [True, True, False, False, False, False, False]
    summa, varav = tabell.rows[-1], tabell.rows[-2]
    assert all(r.bold for c in summa.cells for p in c.paragraphs for r in p.runs)
    assert summa.cells[0]._tc.tcPr.find(f"{qn('w:tcBorders')}/{qn('w:top')}") is not None
    assert all(r.italic for p in varav.cells[0].paragraphs for r in p.runs)
    assert varav.cells[0].paragraphs[0].paragraph_format.left_indent > 0
    justering = [c.paragraphs[0].alignment for c in summa.cells]
    assert str(justering[0]).startswith("LEFT") and all(str(j).startswith("RIGHT") for j in justering[1:])


def test_kolumnbredder_i_rutnat_och_celler(doc):
    s = doc.sections[0]
    stående = (s.page_width - s.left_margin - s.right_margin) // 635
    # Den liggande sektionen har husets liggande marginaler (dokument/stil.py), som PDF:ens liggande sidor.
    ligg = next(x for x in doc.sections if x.orientation == WD_ORIENT.LANDSCAPE)
    liggande = (ligg.page_width - ligg.left_margin - ligg.right_margin) // 635
    assert round(ligg.left_margin.cm, 2) == stil.LIGGANDE_MARGINALER_CM[3]
    for tabell, textbredd in zip(doc.tables, (stående, liggande), strict=True):
        grid = [int(g.get(qn("w:w"))) for g in tabell._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) == textbredd
        assert grid[0] > max(grid[1:])
        for rad in tabell.rows[2:]:
            assert [c._tc.tcPr.tcW.w for c in rad.cells] == grid


# --- figur, sektioner, egenskaper ---------------------------------------------------------------------------


def test_figur_har_alternativtext_och_bildtext(doc):
    docpr = doc.element.body.find(f".//{qn('wp:inline')}/{qn('wp:docPr')}")
    figur = next(b for b in provdokument(0).block if type(b).__name__ == "Figur")
    assert docpr.get("descr") == figur.alt and docpr.get("title") == figur.bildtext
    bild = next(p for p in doc.paragraphs if p._p.find(f".//{qn('w:drawing')}") is not None)
    bildtext = next(p for p in doc.paragraphs if p._p is bild._p.getnext())
    assert bildtext.style.name == "Bildtext" and bildtext.style.base_style.name == "Caption"
    assert text(bild._p.getnext()) == figur.bildtext
    assert abs(doc.inline_shapes[0].width.cm - 16.0) < 0.01


def test_liggande_sektion_och_tillbaka(doc):
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert doc.sections[1].page_width > doc.sections[1].page_height
    # rubriken före det liggande avsnittet följer med dit (aldrig ensam på en stående sida)
    sektionsslut = [p for p in doc.paragraphs if p._p.pPr is not None and p._p.pPr.sectPr is not None]
    assert [p.text for p in sektionsslut] == ["Stycke 29 med löptext som fyller sidan så att dokumentet får flera "
                                              "sidor. " * 4]
    bred = Tabell(**{**omradestabell().__dict__, "bred": True})
    doc2 = kropp(docx_bytes(litet(Stycke((Text("före"),)), bred, Stycke((Text("efter"),))), MALL))
    assert [s.orientation for s in doc2.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    doc3 = kropp(docx_bytes(litet(Rubrik(1, (Text("B"),), "b"), Liggande((Stycke((Text("x"),)),))), MALL))
    assert [s.orientation for s in doc3.sections] == [WD_ORIENT.LANDSCAPE]  # ingen tom stående sida först
    assert doc3.paragraphs[0].text == "B"


def test_egenskaper_utan_tidsstampel(doc, docx_fil):
    cp = doc.core_properties
    assert (cp.title, cp.subject, cp.author, cp.language) == (
        "Delårsrapport per april 2021 – Regionstyrelsen", "Delårsrapport", "Region Nordanå", "sv-SE")
    core = del_xml(docx_fil, "docProps/core.xml")
    assert "dcterms:created" not in core and "dcterms:modified" not in core
    with zipfile.ZipFile(docx_fil) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"


def test_nyckelord():
    dok = provdokument(0)
    dok = Dokument(Meta(**{**dok.meta.__dict__, "nyckelord": ("delårsrapport", "ekonomi")}), dok.block)
    assert kropp(docx_bytes(dok, MALL)).core_properties.keywords == "delårsrapport; ekonomi"


def test_sprak_sv_se_i_docdefaults(docx_fil):
    styles = del_xml(docx_fil, "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert '<w:lang w:val="sv-SE"' in defaults[defaults.index("<w:rPrDefault>"):]


def test_mall_utan_egna_stilar_faller_tillbaka_pa_normal(tmp_path):
    """python-docx standardmall saknar Enhetsrad, Tabelltext, Markering, TOC 1 …: det ska ändå bli en rapport."""
    import docx

    standard = Path(docx.__file__).parent / "templates" / "default.docx"
    doc = kropp(docx_bytes(provdokument(0), standard, SIDNUMMER))
    assert [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")] == RUBRIKER
    markering = next(p for p in doc.paragraphs if p.text.startswith("[Text saknas"))
    assert markering._p.pPr.find(qn("w:pBdr")) is not None
    cell = doc.tables[0].rows[-1].cells[1].paragraphs[0]
    assert cell.runs[0].font.size.pt == 9.5 and cell.runs[0].bold


# --- determinism ---------------------------------------------------------------------------------------------

BYGG = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from dokumentprov import provdokument
from rapportverk.rendera.docx import skriv_docx
skriv_docx(provdokument(), Path(sys.argv[1]), Path({mall!r}), {sid!r})
"""


@pytest.mark.slow
def test_byteidentisk_i_tva_processer(tmp_path, docx_fil):
    skript = BYGG.format(tests=str(ROT / "tests"), mall=str(MALL), sid=SIDNUMMER)
    summor = []
    for i in range(2):
        ut = tmp_path / f"{i}.docx"
        miljo = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"PYTHONHASHSEED": str(i)}
        subprocess.run([sys.executable, "-c", skript, str(ut)], check=True, env=miljo)
        summor.append(hashlib.sha256(ut.read_bytes()).hexdigest())
    summor.append(hashlib.sha256(docx_fil.read_bytes()).hexdigest())
    assert len(set(summor)) == 1


@pytest.mark.slow
def test_referensmallen_ar_aktuell_och_deterministisk(tmp_path):
    ut = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for fil in ut:
        subprocess.run([sys.executable, "-m", "rapportverk.rendera.skapa_referens", str(fil)], check=True,
                       capture_output=True)
    assert ut[0].read_bytes() == ut[1].read_bytes() == MALL.read_bytes(), \
        "python -m rapportverk.rendera.skapa_referens"


# --- LibreOffice ---------------------------------------------------------------------------------------------


def soffice() -> str:
    sokvag = shutil.which("soffice") or shutil.which("libreoffice")
    kraver(sokvag, SOFFICE)
    kraver_program("pdftotext", PDFTOTEXT)
    return sokvag


@pytest.mark.slow
def test_libreoffice_oppnar_filen_och_visar_innehall_och_tabeller(docx_fil, tmp_path):
    program = soffice()
    hem = tmp_path / "hem"
    hem.mkdir()
    ut = subprocess.run([program, f"-env:UserInstallation=file://{hem}/lo", "--headless", "--convert-to", "pdf",
                         "--outdir", str(tmp_path), str(docx_fil)], env={**os.environ, "HOME": str(hem)},
                        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "prov.pdf"
    assert ut.returncode == 0 and pdf.exists(), ut.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout.replace(NB, " ")
    sidor = text.split("\f")
    assert "Delårsrapport per april 2021" in sidor[0]
    innehall = sidor[1]
    rader = [" ".join(r.split()) for r in innehall.splitlines()]
    for rubrik, sida in (("1. Inledning", 3), ("Nämndens uppdrag", 3), ("2. Ekonomisk analys", 3), ("3. Bilagor", 7)):
        assert any(r.startswith(rubrik + "...") and r.endswith(f".{sida}") for r in rader), (rubrik, rader[:12])
    for _, rubrik in RUBRIKER:
        assert text.count(rubrik) >= 2  # i förteckningen och som rubrik
    for tal in (f"{M}1 150", f"{M}1 036", f"{M}1 696,6", f"{M}3 241", "11,0", f"{M}24,3"):
        assert tal in text
    assert "Sida 2 av" in text and "[Text saknas: viktiga_handelser]" in text


def test_source_date_epoch_ger_fast_tid(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1620000000")
    cp = kropp(docx_bytes(litet(Stycke((Text("x"),))), MALL)).core_properties
    assert cp.created.isoformat() == cp.modified.isoformat() == "2021-05-03T00:00:00+00:00"
