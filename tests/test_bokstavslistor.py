"""Bokstavslistor i textblock (issue 22 punkt 1): a), b), c) — också inne i en punkt — blir en numrerad lista
med bokstäver i modellen, i DOCX-filen (numFmt lowerLetter) och i PDF:en, och kommer tillbaka oförändrade
genom `rapport hamta`. Ett ensamt "b)" i en mening är text."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from conftest import PDFTOTEXT, kraver_program
from docx import Document

from rapportverk import resurser
from rapportverk.dokument import markdown_ut
from rapportverk.dokument.markdown import tolka
from rapportverk.dokument.modell import Dokument, Lista, Meta, Stycke, Textblock, Textblockslut
from rapportverk.dokument.textblock import fingeravtryck, kallhash
from rapportverk.redaktion.hamta import hamta
from rapportverk.rendera.docx import docx_bytes
from rapportverk.rendera.pdf import rendera_pdf

TEXT = """\
Fullmäktige gav nämnden tre uppdrag:

a) att minska väntetiderna,
b) att öppna två vårdcentraler, nämligen
   a) en i norr och
   b) en i söder,
c) att redovisa resultatet b) i bokslutet.

1. En vanlig numrerad lista
2. står kvar med siffror.
"""


def _listor(block) -> list[Lista]:
    return [b for b in block if isinstance(b, Lista)]


def test_bokstavslistan_i_modellen_och_som_markdown():
    block = tolka(TEXT)
    bokstaver, siffror = _listor(block)
    assert (bokstaver.numrerad, bokstaver.bokstaver, len(bokstaver.punkter)) == (True, True, 3)
    (inre,) = [b for b in bokstaver.punkter[1] if isinstance(b, Lista)]
    assert inre.bokstaver and len(inre.punkter) == 2
    assert (siffror.numrerad, siffror.bokstaver) == (True, False)
    sista = bokstaver.punkter[2][0]
    assert isinstance(sista, Stycke) and sista.innehall[0].text == "att redovisa resultatet b) i bokslutet."
    assert markdown_ut.skriv(block).splitlines()[2:8] == [
        "a) att minska väntetiderna,", "b) att öppna två vårdcentraler, nämligen", "   a) en i norr och",
        "   b) en i söder,", "c) att redovisa resultatet b) i bokslutet.", ""]


def test_bokstaver_i_docx_och_pdf(tmp_path: Path):
    dok = Dokument(Meta("Prov", "Region Prov"), tuple(tolka(TEXT)))
    docx = Document(io.BytesIO(docx_bytes(dok, resurser.fil(resurser.WORDMALL))))
    numrering = docx.part.numbering_part.element.xml
    assert re.search(r'<w:numFmt w:val="lowerLetter"/>\s*<w:lvlText w:val="%1\)"/>', numrering)
    kraver_program("pdftotext", PDFTOTEXT)
    css = resurser.fil("stil.css")
    pdf = tmp_path / "prov.pdf"
    pdf.write_bytes(rendera_pdf(dok, css, tmp_path).pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    rader = [r.strip() for r in text.splitlines() if r.strip()]
    assert rader[1:6] == ["a) att minska väntetiderna,", "b) att öppna två vårdcentraler, nämligen",
                          "a) en i norr och", "b) en i söder,", "c) att redovisa resultatet b) i bokslutet."]
    assert rader[6:8] == ["1. En vanlig numrerad lista", "2. står kvar med siffror."]


def test_oandrad_bokstavslista_kommer_tillbaka_oforandrad(tmp_path: Path):
    block = tolka(TEXT)
    marke = Textblock("texter/uppdrag.md", kallhash(TEXT), fingeravtryck(markdown_ut.skriv(block, jamfor=True)))
    rot = tmp_path / "projekt"
    (rot / "texter").mkdir(parents=True)
    (rot / "texter" / "uppdrag.md").write_text(TEXT, encoding="utf-8")
    fil = tmp_path / "uppdrag.docx"
    fil.write_bytes(docx_bytes(Dokument(Meta("Prov", "Region Prov"), (marke, *block, Textblockslut())),
                               resurser.fil(resurser.WORDMALL)))
    (r,) = hamta([fil], rot)
    assert [b.status for b in r.block] == ["oforandrat"], r.block[0].diff
