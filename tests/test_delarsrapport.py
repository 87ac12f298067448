"""Hela delårsrapporten för Regionstyrelsen per april 2021, byggd en gång och läst tillbaka som en läsare gör.

PDF läses med pdftotext, DOCX med python-docx. De publicerade talen (exempeldata/publicerat.yaml) ska stå i båda.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PDFTOTEXT, PIKEPDF, SOFFICE, kraver, kraver_modul, kraver_program
from publicerade_tal import DELARSRAPPORT_2021, docxceller, textrad

from rapportverk.bygg.rapport import bygg_rapport
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

pytestmark = pytest.mark.slow

ROT = Path(__file__).resolve().parents[1]
P = Period(2021, 4)
OMRADE, KOSTNADSSLAG = "budgetavvikelse_per_omrade", "resultat_per_kostnadsslag"
SUMMA = DELARSRAPPORT_2021[OMRADE]["Summa"]


@pytest.fixture(scope="session")
def byggd(tmp_path_factory):
    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    ut = tmp_path_factory.mktemp("ut")
    resultat = bygg_rapport(Underlag(projekt, las_indata(projekt, P), P), "delarsrapport", "regionstyrelsen", ut)
    return {f.suffix: f for f in resultat.filer} | {"sidor": resultat.sidor, "projekt": projekt, "ut": ut}


@pytest.fixture(scope="session")
def pdftext(byggd) -> str:
    kraver_program("pdftotext", PDFTOTEXT)
    text = subprocess.run(["pdftotext", "-layout", str(byggd[".pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    # Carlito ritar hårt mellanslag som vanligt mellanslag; jämför med vanliga mellanslag.
    return text.replace("\u00a0", " ")


def test_filnamn(byggd):
    assert byggd[".pdf"].name == "delarsrapport-regionstyrelsen-2021-04.pdf"
    assert byggd[".docx"].name == "delarsrapport-regionstyrelsen-2021-04.docx"
    assert byggd[".pdf"].parent.name == "2021-04"


def test_pdf_titelsida_och_innehall(pdftext):
    forsta = pdftext.split("\f")[0]
    for text in ("Delårsrapport per april 2021", "Regionstyrelsen", "RS 848-2021", "Utkast", "Region Nordanå"):
        assert text in forsta
    innehall = pdftext.split("\f")[1]
    for rubrik in ("1. Inledning", "2. Viktiga händelser", "3. Ekonomisk analys", "4. Bilagor",
                   "Analys av budgetavvikelse", "Årsprognos", "Framtidsbedömning"):
        assert re.search(re.escape(rubrik) + r"[ .]*\d+\s*$", innehall, re.M), rubrik


def test_pdf_innehallets_sidnummer_stammer(pdftext):
    sidor = pdftext.split("\f")
    innehall = sidor[1]
    m = re.search(r"3\. Ekonomisk analys[ .]*(\d+)", innehall)
    assert m and "3. Ekonomisk analys" in sidor[int(m.group(1)) - 1]


@pytest.mark.parametrize("rad", [
    textrad(DELARSRAPPORT_2021, OMRADE, "Regionförvaltningen gemensamt"),
    textrad(DELARSRAPPORT_2021, OMRADE, "Primärvård beställning"),
    textrad(DELARSRAPPORT_2021, OMRADE, "Summa"),
    textrad(DELARSRAPPORT_2021, KOSTNADSSLAG, "varav Pensionskostnader"),
    textrad(DELARSRAPPORT_2021, KOSTNADSSLAG, "Verksamhetens nettokostnader"),
    # Omställningens delsummor trycks med en decimal (rapporten: 7, 12, 4) och summeras ur de oavrundade åtgärderna.
    "Summa Service 7,0 9,6 2,3 412",
    "Summa Regionstyrelsen 12,0 12,2 4,0 305",
])
def test_pdf_publicerade_tal(pdftext, rad):
    enkla = re.sub(r" {2,}", " ", pdftext)
    assert rad in enkla


def test_pdf_textblock_med_levande_tal(pdftext):
    enkla = re.sub(r"\s+", " ", pdftext)
    utfall, avvikelse = SUMMA[0].removeprefix("-"), SUMMA[3].removeprefix("-")
    assert f"uppgår till {utfall} miljoner kronor, vilket är {avvikelse} miljoner kronor sämre än budget" in enkla
    assert "Sida 2 av" in pdftext


def test_pdf_struktur(byggd):
    pikepdf = kraver_modul("pikepdf", PIKEPDF)
    with pikepdf.open(byggd[".pdf"]) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "sv-SE"
        assert "Delårsrapport per april 2021" in str(pdf.open_metadata().get("dc:title"))


def test_samma_indata_ger_samma_byte(byggd, tmp_path):
    projekt = byggd["projekt"]
    igen = bygg_rapport(Underlag(projekt, las_indata(projekt, P), P), "delarsrapport", "regionstyrelsen", tmp_path)
    for fil in igen.filer:
        original = byggd[fil.suffix]
        assert hashlib.sha256(fil.read_bytes()).digest() == hashlib.sha256(original.read_bytes()).digest(), fil.name


@pytest.fixture(scope="session")
def docx(byggd):
    import docx as python_docx

    return python_docx.Document(str(byggd[".docx"]))


def _tabellrader(dokument) -> list[list[str]]:
    return [[c.text for c in rad.cells] for t in dokument.tables for rad in t.rows]


@pytest.mark.parametrize("rad", [
    docxceller(DELARSRAPPORT_2021, OMRADE, "Regionförvaltningen gemensamt"),
    docxceller(DELARSRAPPORT_2021, OMRADE, "Summa"),
    docxceller(DELARSRAPPORT_2021, KOSTNADSSLAG, "varav Pensionskostnader"),
    docxceller(DELARSRAPPORT_2021, KOSTNADSSLAG, "Verksamhetens nettokostnader"),
    ["Summa Service", "7,0", "9,6", "2,3", "412"],
])
def test_docx_publicerade_tal(docx, rad):
    assert rad in _tabellrader(docx)


def test_docx_rubriker_och_innehall(docx):
    rubriker = [(p.style.name, p.text) for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "1. Inledning") in rubriker and ("Heading 1", "4. Bilagor") in rubriker
    assert ("Heading 2", "Analys av budgetavvikelse") in rubriker
    xml = docx.element.xml
    assert "TOC \\o" in xml
    # Innehållsförteckningen är ifylld (med sidnummer), så ingen läsare ser en tom förteckning.
    toc = [p.text for p in docx.paragraphs if p.style.name.lower().startswith("toc")]
    assert any(re.match(r"3\. Ekonomisk analys\s*\d+$", t) for t in toc), toc


def test_docx_alternativtext_och_egenskaper(docx):
    beskrivningar = [el.get("descr") for el in docx.element.body.iter() if el.tag.endswith("}docPr")]
    assert any(b and b.startswith("Stapeldiagram: Budgetavvikelse per område") for b in beskrivningar)
    assert all(beskrivningar)
    assert docx.core_properties.title == "Delårsrapport per april 2021 – Regionstyrelsen"
    assert docx.core_properties.author == "Region Nordanå"


def test_libreoffice_oppnar_docx(byggd, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    kraver(soffice, SOFFICE)
    kraver_program("pdftotext", PDFTOTEXT)
    miljo = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}  # LibreOffice behöver ett skrivbart HOME
    r = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(byggd[".docx"])],
                       capture_output=True, text=True, timeout=180, env=miljo)
    pdf = tmp_path / byggd[".docx"].with_suffix(".pdf").name
    assert r.returncode == 0 and pdf.exists(), r.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    enkla = re.sub(r" {2,}", " ", text.replace("\u00a0", " "))
    assert textrad(DELARSRAPPORT_2021, OMRADE, "Summa") in enkla
    assert re.search(r"3\. Ekonomisk analys[ .]*\d", enkla)  # ifylld innehållsförteckning


def test_diarienumret_hor_till_rapportens_ar():
    """2024 års rapporter bar förut 2021 års diarienummer (RS 848-2021); nu står det som gäller för perioden, och
    inget där konfigurationen inte har något för året."""
    from rapportverk.konfig.modell import Namnd

    nd = Namnd(id="rs", namn="RS", diarienummer={"2021": "RS 848-2021", "2024": "RS 2024/311",
                                                 "manadsrapport 2024-10": "RS 2024/402"})
    assert nd.diarienummer_for("delarsrapport", "2021-04") == "RS 848-2021"
    assert nd.diarienummer_for("delarsrapport", "2024-08") == "RS 2024/311"
    assert nd.diarienummer_for("manadsrapport", "2024-10") == "RS 2024/402"
    assert nd.diarienummer_for("delarsrapport", "2023-08") is None
    assert Namnd(id="rs", namn="RS", diarienummer="RS 1-2020").diarienummer_for("x", "2024-08") == "RS 1-2020"
