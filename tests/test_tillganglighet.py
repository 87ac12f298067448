"""Tillgänglighet och arkivering: exempelrapporterna genom page-validation, pdfua och DOCX-kontrollerna, och
kontrollmodulen (`rapport kontrollera`) på filer med kända brister.

Exempelrapporterna byggs en gång per rapportslag i modulen (delårsrapport april 2021 och månadsrapport oktober
2024, Regionstyrelsen): DOCX och PDF/UA-1, och PDF/A-2u + PDF/UA-1 med --pdfa.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import PIKEPDF, kraver, kraver_modul
from docx import Document
from docx.oxml.ns import qn
from dokumentprov import provbild, provdokument

from rapportverk import resurser
from rapportverk.dokument import diagram
from rapportverk.dokument.layout import utan_hoppade_nivaer
from rapportverk.dokument.layout_tabell import ordna_tabell
from rapportverk.dokument.modell import Dokument, Huvudcell, Meta, Rubrik, Stycke, Tabell, Tabellrad, Text
from rapportverk.kontroll import ATT_GRANSKA, granska, kontrollera, kor

ROT = Path(__file__).resolve().parents[1]
EXEMPEL = [("delarsrapport", "2021-04"), ("manadsrapport", "2024-10")]
NAMND = "regionstyrelsen"


def _fel(g) -> list[str]:
    return [str(f) for f in g.fynd]


# --- Exempelrapporterna ------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=EXEMPEL, ids=[f"{r}-{p}" for r, p in EXEMPEL])
def exempel(request, tmp_path_factory) -> dict[str, Path]:
    """{'docx', 'pdf', 'pdfa'}: en rapport byggd som i `rapport delar` (och samma PDF med --pdfa)."""
    from rapportverk.bygg.rapport import bygg_rapport
    from rapportverk.kallor import las_indata
    from rapportverk.period import Period
    from rapportverk.underlag import Underlag
    from rapportverk.underlag.tabeller import ladda_projekt

    rapport, period = request.param
    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    p = Period.tolka(period)
    ut = tmp_path_factory.mktemp(rapport)
    underlag = Underlag(projekt, las_indata(projekt, p), p)
    vanlig = bygg_rapport(underlag, rapport, NAMND, ut / "ua")
    arkiv = bygg_rapport(underlag, rapport, NAMND, ut / "pdfa", format=("pdf",), pdfa=True)
    filer = {f.suffix[1:]: f for f in vanlig.filer}
    filer["pdfa"] = arkiv.filer[0]
    return filer


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["pdf", "pdfa"])
def test_pdf_godkand_av_page_och_pdfua(exempel, variant):
    g = granska(exempel[variant])
    assert g.godkand and not g.varningar, _fel(g)
    namn = {d.namn: d.resultat for d in g.delkontroller}
    assert namn["PDF/UA-1 (page-validation)"].startswith("0 av ")
    assert namn["PDF/UA-1 (pdfua)"].startswith("0 fel, 0 varningar")
    if variant == "pdfa":
        assert g.anger == ("PDF/UA-1", "PDF/A-2u")
        assert namn["PDF/A-2u (page-validation)"].startswith("0 av ")
    else:
        assert g.anger == ("PDF/UA-1",)


@pytest.mark.slow
def test_pdfua_kommandot_har_inga_anmarkningar_och_hoppar_inte_over_regler(exempel):
    """Som en redaktör kör det: `pdfua check` (utan vår kompatibilitetsrättelse), kod 0 och ingen regel överhoppad."""
    pdfua = shutil.which("pdfua", path=str(Path(sys.executable).parent)) or shutil.which("pdfua")
    kraver(pdfua, "kommandot pdfua saknas (pip install -e .)")
    for variant in ("pdf", "pdfa"):
        ut = subprocess.run([pdfua, "check", str(exempel[variant])], capture_output=True, text=True)
        assert ut.returncode == 0, ut.stdout
        assert "errors=0 warnings=0 info=0" in ut.stdout and "[skip" not in ut.stdout, ut.stdout


@pytest.mark.slow
def test_pdfa_ar_inte_mycket_storre(exempel):
    vanlig, arkiv = exempel["pdf"].stat().st_size, exempel["pdfa"].stat().st_size
    # sRGB-profilen (≈ 3 kB komprimerad) och okomprimerad XMP; allt annat är lika.
    assert arkiv < vanlig * 1.08, (vanlig, arkiv)


@pytest.mark.slow
def test_docx_godkand_och_last_tillbaka(exempel):
    g = granska(exempel["docx"])
    assert g.godkand and not g.varningar, _fel(g)
    doc = Document(str(exempel["docx"]))
    # Varje bild har alternativtext; samma texter som PDF:ens /Alt.
    beskrivningar = [d.get("descr") for d in doc.element.body.iter(qn("wp:docPr"))]
    assert beskrivningar and all(beskrivningar)
    pikepdf = kraver_modul("pikepdf", PIKEPDF)
    with pikepdf.open(exempel["pdf"]) as pdf:
        alt = [str(o.Alt) for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure"]
    assert sorted(alt) == sorted(beskrivningar)
    # Rubrikstilar i ordning utan hoppade nivåer.
    nivaer = [int(p.style.name.split()[-1]) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert nivaer[0] == 1 and all(b <= a + 1 for a, b in pairwise(nivaer))
    # Tabeller: rubrikraden upprepas, tabellrubrik både som bildtext före och i tabellegenskaperna.
    for tabell in doc.tables:
        forsta = tabell.rows[0]._tr
        assert forsta.trPr.find(qn("w:tblHeader")) is not None
        caption = tabell._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
        fore = tabell._tbl.getprevious()
        texter = []
        while fore is not None and fore.tag == qn("w:p") and len(texter) < 2:
            texter.append("".join(t.text or "" for t in fore.iter(qn("w:t"))))
            fore = fore.getprevious()
        assert caption in texter
    # Språk och egenskaper.
    with zipfile.ZipFile(exempel["docx"]) as z:
        assert '<w:lang w:val="sv-SE"' in z.read("word/styles.xml").decode()
    cp = doc.core_properties
    assert cp.title and cp.subject and cp.author and cp.language == "sv-SE"


# --- kontroll.py på filer med brister ------------------------------------------------------------------------


def _otaggad_pdf(fil: Path) -> Path:
    from weasyprint import HTML

    fil.write_bytes(HTML(string="<html><body><h1>Rubrik</h1><p>Text utan taggar.</p></body></html>").write_pdf())
    return fil


def test_otaggad_pdf_underkanns_med_tydligt_svenskt_meddelande(tmp_path):
    fil = _otaggad_pdf(tmp_path / "otaggad.pdf")
    rader: list[str] = []
    assert kor([fil], rader.append) == 1
    text = "\n".join(rader)
    assert "UNDERKÄND" in text
    # Grundfelet först, på svenska, med vad man gör åt det.
    forsta_fel = next(r for r in rader if r.strip().startswith("FEL:"))
    assert "PDF:en är inte taggad" in forsta_fel and "rapport delar" in forsta_fel
    assert "anger varken PDF/UA eller PDF/A" in text
    assert "Sammanfattning: 0 av 1 filer godkända" in text
    assert all(punkt in text for punkt in ATT_GRANSKA)  # det som en människa ska granska står alltid sist


def test_pdf_som_anger_pdfa_kontrolleras_mot_sin_profil(tmp_path):
    from rapportverk.rendera.pdf import rendera_pdf

    fil = tmp_path / "arkiv.pdf"
    fil.write_bytes(rendera_pdf(Dokument(Meta("Prov", "Region Prov"), (Rubrik(1, (Text("Rubrik"),), "r"),
                                                                          Stycke((Text("Text."),)))),
                                resurser.fil(resurser.STILMALL), ROT, pdfa=True).pdf)
    g = granska(fil)
    assert g.godkand, _fel(g)
    assert [d.namn for d in g.delkontroller] == ["PDF/UA-1 (page-validation)", "PDF/A-2u (page-validation)",
                                                 "PDF/UA-1 (pdfua)"]


def test_trasig_fil_okant_format_och_saknad_fil(tmp_path):
    trasig = tmp_path / "trasig.pdf"
    trasig.write_bytes(b"inte en pdf")
    (tmp_path / "text.txt").write_text("x", encoding="utf-8")
    falsk_docx = tmp_path / "falsk.docx"
    falsk_docx.write_bytes(b"inte en zip")
    regler = {f.regel for fil in (trasig, tmp_path / "text.txt", tmp_path / "saknas.docx", falsk_docx)
              for f in kontrollera(fil)}
    assert regler == {"PDF-OLASBAR", "FIL-FORMAT", "FIL-SAKNAS", "DOCX-OLASBAR"}


def _bristfallig_docx(fil: Path) -> Path:
    """python-docx standardmall (engelskt språk, ingen titel) med typiska handgjorda brister."""
    doc = Document()
    doc.add_heading("Inledning", level=1)
    doc.add_heading("För djup rubrik", level=3)
    doc.add_paragraph("Text.")
    doc.add_paragraph("")
    doc.add_paragraph("")
    fet = doc.add_paragraph().add_run("Ser ut som en rubrik")
    fet.bold = True
    doc.add_picture(io.BytesIO(provbild()))
    for e in doc.element.body.iter(qn("wp:docPr")):
        e.set("descr", "")
    tabell = doc.add_table(rows=2, cols=2)
    tabell.cell(0, 0).text = "Område"
    doc.core_properties.author = ""
    doc.save(fil)
    return fil


def test_docx_med_brister(tmp_path):
    fynd = kontrollera(_bristfallig_docx(tmp_path / "hand.docx"))
    per_regel = {f.regel: f for f in fynd}
    assert set(per_regel) == {"DOCX-ALT-TEXT", "DOCX-RUBRIKNIVA", "DOCX-RUBRIKRAD", "DOCX-TABELLRUBRIK",
                              "DOCX-SPRAK", "DOCX-EGENSKAPER", "DOCX-TOMMA-STYCKEN", "DOCX-FALSK-RUBRIK"}
    assert per_regel["DOCX-RUBRIKNIVA"].text.startswith("Rubriknivå 3 direkt efter nivå 1")
    assert per_regel["DOCX-TOMMA-STYCKEN"].antal == 2
    assert per_regel["DOCX-SPRAK"].allvarlighet == "varning" and "en-US" in per_regel["DOCX-SPRAK"].text
    assert per_regel["DOCX-FALSK-RUBRIK"].allvarlighet == "varning"
    assert sum(f.regel == "DOCX-EGENSKAPER" for f in fynd) == 3  # titel, ämne och författare


def test_provdokumentets_docx_godkand(tmp_path):
    from rapportverk.rendera.docx import skriv_docx

    fil = tmp_path / "prov.docx"
    skriv_docx(provdokument(0), fil, resurser.fil(resurser.WORDMALL))
    rader: list[str] = []
    assert kor([fil], rader.append) == 0, rader
    assert "  Godkänd i de automatiska kontrollerna." in rader


# --- layouten, gemensam för renderarna --------------------------------------------------------------------------


def test_rubriknivaer_utan_hopp():
    def r(niva: int, id_: str) -> Rubrik:
        return Rubrik(niva, (Text(id_),), id_)

    dok = Dokument(Meta("T", "F"), (r(2, "a"), r(1, "b"), r(3, "c"), r(4, "d"), r(2, "e"), r(4, "f")))
    assert [b.niva for b in utan_hoppade_nivaer(dok).block] == [1, 1, 2, 3, 2, 3]
    redan = Dokument(Meta("T", "F"), (r(1, "a"), r(2, "b"), r(1, "c")))
    assert utan_hoppade_nivaer(redan) is redan


def test_syskon_skrivna_pa_samma_niva_far_samma_niva():
    """Månadsrapportens Uppsikt: `#` i mallen och sedan `###` per nämnd i textblocket. Alla nämnder blir nivå 2
    (förut blev den första nivå 2 och nästa nivå 3, och föll ur innehållsförteckningen)."""
    def r(niva: int, id_: str) -> Rubrik:
        return Rubrik(niva, (Text(id_),), id_)

    dok = Dokument(Meta("T", "F"), (r(1, "uppsikt"), r(3, "fhs"), r(3, "pn"), r(4, "under"), r(3, "rs"),
                                    r(1, "uppdrag")))
    assert [b.niva for b in utan_hoppade_nivaer(dok).block] == [1, 2, 2, 3, 2, 1]


def test_kolumnrubrik_med_text_i_en_rad_spanner_over_raderna():
    huvud = ((Huvudcell("", 1, "vanster"), Huvudcell("Utfall"), Huvudcell("Avvikelse", 2)),
             (Huvudcell("Område", 1, "vanster"), Huvudcell(""), Huvudcell("mkr"), Huvudcell("%")))
    justering = ("vanster", "hoger", "hoger", "hoger")
    t = ordna_tabell(Tabell("t", "T", huvud, (Tabellrad(("a", "1", "2", "3")),), justering))
    assert [(c.text, c.spann, c.radspann, c.tackt) for c in t.huvud[0]] == [
        ("Område", 1, 2, False), ("Utfall", 1, 2, False), ("Avvikelse", 2, 1, False)]
    # Cellerna under en sammanslagning finns kvar (Word vill ha hela rutnätet), täckta och utan text.
    assert [(c.text, c.tackt) for c in t.huvud[1]] == [("", True), ("", True), ("mkr", False), ("%", False)]


# --- diagrammens palett ----------------------------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), full svårighetsgrad, i linjärt RGB.
_FARGBLINDHET = {
    "protanopi": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopi": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopi": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _linjar(h: str) -> list[float]:
    c = [int(h.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    return [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]


def _lab(lin: list[float]) -> tuple[float, float, float]:
    r, g, b = (min(max(x, 0.0), 1.0) for x in lin)
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in
         (xyz[0] / 0.95047, xyz[1], xyz[2] / 1.08883)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _skillnad(a: str, b: str, matris=None) -> float:
    la, lb = _linjar(a), _linjar(b)
    if matris:
        la, lb = ([sum(m * x for m, x in zip(rad, v, strict=True)) for rad in matris] for v in (la, lb))
    return sum((x - y) ** 2 for x, y in zip(_lab(la), _lab(lb), strict=True)) ** 0.5


def test_palettens_kontrast_och_fargblindhet():
    for farg in diagram.PALETT:
        assert diagram.kontrast(farg) >= 4.5, farg  # duger också som textfärg (WCAG 1.4.3)
    assert diagram.kontrast(diagram.TEXTFARG) >= 15
    # Ljusa jämförelsestaplar: kanten (mörkblå) ger kontrast mot botten och mot fyllningen (WCAG 1.4.11).
    utseende = diagram.jamforelsestaplar()
    assert diagram.kontrast(utseende["edgecolor"]) >= 3 and utseende["hatch"]
    assert diagram.kontrast(utseende["edgecolor"], utseende["color"]) >= 3
    # Blått och orange (positivt/negativt, i år/R12) skiljs tydligt åt i alla tre typerna av färgblindhet.
    for namn, matris in _FARGBLINDHET.items():
        assert _skillnad(diagram.MORKBLA, diagram.ORANGE, matris) > 40, namn
    assert diagram.kontrast("#1f5f8b", "#1f5f8b") == pytest.approx(1.0)
