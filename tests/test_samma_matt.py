"""Samma mått i DOCX-filen och PDF:en (issue 21 punkt 7): det som tests/test_sidparitet.py mätte skilja mellan
LibreOffices utlägg av DOCX-filen och WeasyPrints PDF, här prövat utan LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import re
import struct

import pytest
from docx import Document
from docx.oxml.ns import qn
from dokumentprov import omradestabell

from rapportverk import resurser
from rapportverk.dokument import stil
from rapportverk.dokument.diagram import DPI, figurer, till_png
from rapportverk.dokument.kolumnbredd import CELLMARGINAL
from rapportverk.dokument.layout import ordna
from rapportverk.dokument.modell import Dokument, Lista, Meta, Stycke, Text
from rapportverk.rendera.docx import docx_bytes
from rapportverk.rendera.html import _symboler, html_for

WORDMALL = resurser.fil(resurser.WORDMALL)
CSS = resurser.fil(resurser.STILMALL)
TEXTSTILAR = (stil.BRODTEXT, stil.TABELLRUBRIK, stil.ENHETSRAD, stil.TABELLTEXT, stil.LISTPUNKT, stil.BILDTEXT,
              stil.KALLA, *stil.RUBRIKER.values())


def test_radhojden_ar_densamma_i_bada_formaten():
    # DOCX-filens exakta radhöjd (twips) och CSS:ens line-height gånger storleken är samma tal.
    for m in TEXTSTILAR:
        assert m.radavstand() == round(float(m.css_radhojd()) * m.storlek * 20, 3), m
    normal = Document(str(WORDMALL)).styles["Normal"].element.pPr.find(qn("w:spacing"))
    assert normal.get(qn("w:lineRule")) == "exact" and normal.get(qn("w:line")) == "286"


def test_avstavningstecknet_och_listans_indrag_ur_modellen():
    variabler = stil.css_variabler()
    assert '--avstavningstecken: "-";' in variabler and "--listindrag: 18pt;" in variabler
    css = CSS.read_text(encoding="utf-8")
    assert "hyphenate-character: var(--avstavningstecken)" in css and "padding-left: var(--listindrag)" in css


def test_symboler_far_eget_element_men_inte_minustecknet():
    assert _symboler("◐ Delvis <b>") == '<span class="symbol">◐</span> Delvis &lt;b&gt;'
    assert _symboler("\u22125 ▲") == '\u22125 <span class="symbol">▲</span>'


def _docx(*block) -> Document:
    return Document(io.BytesIO(docx_bytes(ordna(Dokument(Meta("T", "F"), block)), WORDMALL)))


def test_noterna_under_en_tabell_star_tatt_som_i_pdfen():
    t = dataclasses.replace(omradestabell(), noter=("Budget avser reviderad budget.", "Prognos saknas."),
                            kalla="Ekonomisystemet")
    kalla = [p for p in _docx(t).paragraphs if p.style.name == "Källa"]
    assert [p.text for p in kalla] == ["Budget avser reviderad budget.", "Prognos saknas.", "Källa: Ekonomisystemet"]
    assert [p.paragraph_format.space_after for p in kalla[:2]] == [stil.twips(stil.KALLA.fore) * 635] * 2
    assert kalla[2].paragraph_format.space_after is None  # stilens luft efter tabellen
    html = html_for(ordna(Dokument(Meta("T", "F"), (t,))), CSS)
    assert html.count('<p class="kalla">') == 3


def test_rubrikraderna_har_bara_linjen_under_sista_raden_och_tabellen_borjar_vid_marginalen():
    tbl = _docx(omradestabell()).tables[0]._tbl
    assert tbl.tblPr.find(qn("w:tblInd")).get(qn("w:w")) == str(CELLMARGINAL)  # referensmallen är Word 2010
    rader = tbl.findall(qn("w:tr"))
    for r, rad in enumerate(rader[:2]):
        for kanter in rad.iter(qn("w:tcBorders")):
            under = kanter.find(qn("w:bottom")).get(qn("w:val"))
            assert under == ("single" if r == 1 else "nil")
            if r:
                assert kanter.find(qn("w:top")).get(qn("w:val")) == "nil"


def test_diagrammets_png_och_svg_har_samma_proportioner():
    fig, ax = figurer().subplots(figsize=(6.3, 2.9))
    ax.bar(["Kollektivtrafik", "Kultur"], [5, -0.2])
    ax.set_ylabel("Mkr")
    bild = till_png(fig)
    bredd, hojd = struct.unpack(">II", bytes(bild)[16:24])
    svg = re.search(r'<svg[^>]*width="([\d.]+)pt" height="([\d.]+)pt"', bild.svg.decode())
    # Samma bildpunkter som punkter vid DPI (SVG:n har en decimal): samma proportioner i båda.
    assert (bredd, hojd) == (round(float(svg[1]) / 72 * DPI), round(float(svg[2]) / 72 * DPI))
    assert bredd / hojd == pytest.approx(float(svg[1]) / float(svg[2]), rel=1e-9)
    # Och rutan är textbredden: bilden står i naturlig storlek, texten i stilens storlek.
    assert float(svg[1]) == pytest.approx(16.0 / 2.54 * 72, abs=0.5)


def test_tva_stycken_i_en_punkt_utan_luft_mellan_som_pdfens_radbrytning():
    lista = Lista(((Stycke((Text("Första stycket"),)), Stycke((Text("Andra stycket"),))), (Stycke((Text("Nästa"),)),)))
    stycken = [p for p in _docx(lista).paragraphs if p.text]
    assert [p.text for p in stycken] == ["Första stycket", "Andra stycket", "Nästa"]
    assert stycken[0].paragraph_format.space_after == 0 and stycken[1].paragraph_format.space_after is None
    assert "Första stycket<br>Andra stycket" in html_for(ordna(Dokument(Meta("T", "F"), (lista,))), CSS)
