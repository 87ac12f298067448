"""Månadsrapporten per oktober 2024, byggd en gång och läst tillbaka (PDF med pdftotext, DOCX med python-docx)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import PDFTOTEXT, kraver_program
from publicerade_tal import MANADSRAPPORT_2024 as PUBLICERAT
from publicerade_tal import med_minustecken, textrad

from rapportverk.bygg.rapport import bygg_rapport
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

pytestmark = pytest.mark.slow
ROT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def byggd(tmp_path_factory):
    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    ut = tmp_path_factory.mktemp("manad")
    p = Period(2024, 10)
    resultat = bygg_rapport(Underlag(projekt, las_indata(projekt, p), p), "manadsrapport", "regionstyrelsen", ut)
    return {f.suffix: f for f in resultat.filer}


@pytest.fixture(scope="module")
def text(byggd) -> str:
    kraver_program("pdftotext", PDFTOTEXT)
    ut = subprocess.run(["pdftotext", "-layout", str(byggd[".pdf"]), "-"], capture_output=True, text=True).stdout
    return re.sub(r" {2,}", " ", ut.replace("\u00a0", " "))


def test_avsnitten_i_referensens_ordning(text):
    rubriker = ["1. Ekonomi", "2. Personal", "3. Tillgänglighet", "4. Uppsikt", "5. Fullmäktiges uppdrag",
                "6. Övrigt"]
    brodtext = text.split("\f", 2)[2]  # efter titelsida och innehåll
    positioner = [brodtext.index(r) for r in rubriker]
    assert positioner == sorted(positioner)


@pytest.mark.parametrize("rad", [
    textrad(PUBLICERAT, "resultatrapport", "Verksamhetens nettokostnader"),
    textrad(PUBLICERAT, "resultatrapport", "Primärvård beställning"),
    textrad(PUBLICERAT, "regionens_resultat", "Verksamhetens nettokostnader"),
    textrad(PUBLICERAT, "regionens_resultat", "Verksamhetens resultat"),
    textrad(PUBLICERAT, "regionens_resultat", "Resultat"),
    textrad(PUBLICERAT, "investeringar", "Totalt"),
    textrad(PUBLICERAT, "reduktionsplan_resor", "Total"),
])
def test_publicerade_tal(text, rad):
    assert rad in text


def test_genererade_meningar(text):
    enkla = re.sub(r"\s+", " ", text)
    prognos = med_minustecken(PUBLICERAT["prognos_september"])
    assert f"Per september 2024 uppgick prognos budgetavvikelse till {prognos} Mkr." in enkla
    resultat = med_minustecken(PUBLICERAT["regionens_resultat"]["Resultat"][1])
    finansnetto = PUBLICERAT["regionens_resultat"]["Summa finansnetto"][1]
    assert f"Resultatet t.o.m. oktober 2024 är {resultat} Mkr, varav finansnetto +{finansnetto} Mkr." in enkla
    mot_plan, mot_fg = PUBLICERAT["reduktionsplan_procent"]["mot_plan"], PUBLICERAT["reduktionsplan_procent"]["mot_fg"]
    assert (f"totalt {mot_plan} procent högre resekostnader än planen för 2024 och {mot_fg.removeprefix('-')} procent "
            "lägre än samma period 2023") in enkla
    assert "Förstabesök inom vårdgarantin: 59,6 procent (+5,7 procentenheter)" in enkla


def test_status_med_symbol_och_ord(text):
    assert "◐ Pågår" in text and "● Klart" in text


def test_varje_diagram_har_alternativtext(byggd):
    import docx

    d = docx.Document(str(byggd[".docx"]))
    beskrivningar = [el.get("descr") for el in d.element.body.iter() if el.tag.endswith("}docPr")]
    assert len(beskrivningar) == 7 and all(b and len(b) > 30 for b in beskrivningar)


@pytest.mark.parametrize("period", [Period(2024, 6), Period(2021, 4)])
def test_andra_perioder_bygger(tmp_path, period):
    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    resultat = bygg_rapport(Underlag(projekt, las_indata(projekt, period), period), "manadsrapport",
                            "regionstyrelsen", tmp_path, format=("pdf",))
    assert resultat.sidor >= 5


def test_kommandoraden_manad_och_kontrollera(tmp_path):
    import sys

    r = subprocess.run([sys.executable, "-m", "rapportverk", "manad", "--period", "2024-10", "--namnd",
                        "regionstyrelsen", "--ut", str(tmp_path)], cwd=ROT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "2024-10" / "manadsrapport-regionstyrelsen-2024-10.pdf"
    docx = pdf.with_suffix(".docx")
    assert pdf.exists() and docx.exists() and (tmp_path / "2024-10" / "manifest.json").exists()
    k = subprocess.run([sys.executable, "-m", "rapportverk", "kontrollera", str(pdf), str(docx)], cwd=ROT,
                       capture_output=True, text=True)
    assert k.returncode == 0, k.stdout + k.stderr
    otaggad = tmp_path / "otaggad.pdf"
    import pikepdf

    with pikepdf.open(pdf) as original:
        del original.Root.MarkInfo
        del original.Root.StructTreeRoot
        original.save(otaggad)
    k = subprocess.run([sys.executable, "-m", "rapportverk", "kontrollera", str(otaggad)], cwd=ROT,
                       capture_output=True, text=True)
    assert k.returncode == 1 and "inte taggad" in k.stdout + k.stderr
