"""Tabeller och fotnoter i redaktörernas text: GFM-tabeller blir dokumentmodellens tabeller (svenska tal,
högerställda, summarad), fotnoter upphöjda siffror med förklaringar sist; det som inte går blir ett fel med fil
och rad, aldrig text med | och ---."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from conftest import PDFTOTEXT, kraver_program
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from rapportverk import resurser
from rapportverk.dokument.markdown import tolka
from rapportverk.dokument.modell import Dokument, Meta, Stycke, Tabell, text_av
from rapportverk.fel import RapportverkFel
from rapportverk.rendera.docx import docx_bytes
from rapportverk.rendera.pdf import rendera_pdf

NB, M = "\u00a0", "\u2212"
TEXT = """\
Åtgärderna ger en effekt på drygt 14 miljoner kronor[^1].

| Åtgärd | Effekt mkr | Andel |
|---|---:|---|
| Minskad inhyrning | 12345,5 | 7.5 % |
| Färre köpta platser | -1234 | – |
| **Summa** | 11111,5 | 100 % |

[^1]: Beräknat på helårsbasis, se **bilaga 2**.
"""


def dokument(*block) -> Dokument:
    return Dokument(Meta("Prov", "Region Prov"), tuple(block))


def test_tabellen_blir_modellens_tabell_med_svenska_tal():
    stycke, tabell, not_ = tolka(TEXT, visning="texter/ekonomi.md")
    assert isinstance(tabell, Tabell)
    assert [c.text for c in tabell.huvud[0]] == ["Åtgärd", "Effekt mkr", "Andel"]
    assert [r.celler for r in tabell.rader] == [
        ("Minskad inhyrning", f"12{NB}345,5", f"7,5{NB}%"),
        ("Färre köpta platser", f"{M}1{NB}234", "–"),
        ("Summa", f"11{NB}111,5", f"100{NB}%")]
    assert [r.typ for r in tabell.rader] == ["normal", "normal", "summa"]
    assert tabell.justering == ("vanster", "hoger", "hoger")
    assert text_av(stycke.innehall).endswith("kronor¹.")
    assert isinstance(not_, Stycke) and text_av(not_.innehall) == f"¹{NB}Beräknat på helårsbasis, se bilaga 2."


def test_textkolumn_star_till_vanster_och_bryts():
    (t,) = tolka("| Åtgärd | Beskrivning | Effekt |\n|--|--|--|\n| A | Lång text om åtgärden | 1,5 |\n")
    assert isinstance(t, Tabell)
    assert t.justering == ("vanster", "vanster", "hoger")
    assert t.bredder is not None and round(sum(t.bredder)) == 100
    assert t.rader[0].celler == ("A", "Lång text om åtgärden", "1,5")


def test_kolumn_med_artal_star_som_den_ar_skriven():
    (t,) = tolka("| Projekt | Klart | Kostnad |\n|--|--|--|\n| Akuten | 2026 | 2026 |\n| Lab | 2027 | 19500 |\n")
    assert isinstance(t, Tabell)
    assert [r.celler for r in t.rader] == [("Akuten", "2026", f"2{NB}026"), ("Lab", "2027", f"19{NB}500")]
    assert t.justering == ("vanster", "hoger", "hoger")


def test_docx_har_riktig_tabell_med_hogerstallda_tal():
    doc = Document(io.BytesIO(docx_bytes(dokument(*tolka(TEXT)), resurser.fil(resurser.WORDMALL))))
    (tabell,) = doc.tables
    assert [[c.text for c in r.cells] for r in tabell.rows] == [
        ["Åtgärd", "Effekt mkr", "Andel"],
        ["Minskad inhyrning", f"12{NB}345,5", f"7,5{NB}%"],
        ["Färre köpta platser", f"{M}1{NB}234", "–"],
        ["Summa", f"11{NB}111,5", f"100{NB}%"]]
    for rad in tabell.rows[1:]:
        assert rad.cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
        assert all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in rad.cells[1:])
    # rubrikraden är tabellens rubrikrad (upprepas, skärmläsare), summaraden fet
    assert tabell.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r.bold for c in tabell.rows[-1].cells for p in c.paragraphs for r in p.runs)
    texten = "\n".join(p.text for p in doc.paragraphs)
    assert "|" not in texten and "[^1]" not in texten
    assert f"¹{NB}Beräknat på helårsbasis" in texten


def test_pdf_visar_talen_och_inga_streck(tmp_path: Path):
    kraver_program("pdftotext", PDFTOTEXT)
    res = rendera_pdf(dokument(*tolka(TEXT)), resurser.fil(resurser.STILMALL), tmp_path)
    fil = tmp_path / "ut.pdf"
    fil.write_bytes(res.pdf)
    text = subprocess.run(["pdftotext", "-layout", str(fil), "-"], check=True, capture_output=True,
                          text=True).stdout.replace(NB, " ")
    assert "|---" not in text and "| Åtgärd" not in text and "[^1]" not in text
    assert "12 345,5" in text and f"{M}1 234" in text and "11 111,5" in text and "7,5 %" in text
    assert "Beräknat på helårsbasis" in text


@pytest.mark.parametrize(("text", "rad", "ord_"), [
    ("Inledning.\n\n| Åtgärd | Effekt |\n|---|\n| A | 1 |\n", 3, "rubrikraden har 2 kolumner"),
    ("Inledning.\n\n| Åtgärd | Effekt |\n| A | 1 |\n", 3, "saknar raden med streck"),
    ("| Åtgärd | Effekt |\n|---|---|\n| A | 1 | 2 |\n", 3, "tabellraden har 3 celler"),
    ("| Åtgärd |\n|---|\n| ![bild](x.png) |\n", 3, "bild kan inte stå i en tabellcell"),
    ("Text[^2].\n", 1, "fotnoten [^2] har ingen förklaring"),
    ("Text.\n\n[^1]: Oanvänd.\n", 3, "fotnoten [^1] används inte"),
    ("Text[^1].\n\n[^1]: Ett.\n[^1]: Två.\n", 4, "förklaras två gånger"),
])
def test_det_som_inte_kan_visas_blir_fel_med_fil_och_rad(text: str, rad: int, ord_: str):
    with pytest.raises(RapportverkFel) as exc:
        tolka(text, visning="texter/ekonomi.md")
    (fel,) = exc.value.fel
    assert (fel.fil, fel.rad) == ("texter/ekonomi.md", rad)
    assert ord_ in fel.text


def test_fotnoter_numreras_i_hanvisningarnas_ordning_och_kod_rors_inte():
    block = tolka("Först[^b] sedan[^a]: och[^b] igen.\n\n```\n[^x] i kod\n```\n\n[^a]: A-not.\n[^b]: B-not\n"
                  "  som fortsätter.\n")
    assert [text_av(b.innehall) for b in block if isinstance(b, Stycke)] == [
        "Först¹ sedan²: och¹ igen.", "[^x] i kod", f"¹{NB}B-not som fortsätter.", f"²{NB}A-not."]
