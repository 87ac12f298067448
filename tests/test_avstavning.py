"""Kolumnrubriker avstavas i sammansättningarnas fogar, lika i DOCX och PDF (issue 21 punkt 2)."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from dokumentprov import provdokument
from pydantic import ValidationError

from rapportverk import resurser
from rapportverk.dokument.layout import ordna
from rapportverk.dokument.layout_tabell import SAMMANSATTNINGAR, avstavningspunkter
from rapportverk.dokument.modell import Tabell
from rapportverk.konfig.modell import Konfig
from rapportverk.rendera.docx import docx_bytes
from rapportverk.rendera.html import html_for

MJUKT = "\u00ad"


def avstavat(text: str, ord_: tuple[str, ...] = SAMMANSATTNINGAR) -> str:
    punkter = set(avstavningspunkter(text, ord_))
    return "".join(("-" if i in punkter else "") + c for i, c in enumerate(text))


@pytest.mark.parametrize(("text", "vantat"), [
    ("Budgetavvikelse", "Budget-avvikelse"),          # ordlistan ensam ger Budge-tavvikelse; ledet är kort
    ("Förändring, procentenheter", "Föränd-ring, procent-enheter"),  # ordlistan ensam ger procen-tenheter
    ("Budgetavv", "Budget-avv"),                      # förkortat: fogen räknas när tre tecken står efter den
    ("Ack budgetavv %", "Ack budget-avv %"),
    ("Kostnadsutv %", "Kostnads-utv %"),
    ("Nettokostnadsutveckling %", "Netto-kostnads-ut-veckling %"),  # inom ett långt led får det avstavas
    ("Målvärde", "Mål-värde"),
    ("Prognos avvikelse", "Prognos av-vikelse"),      # ordlistan ensam ger avvi-kelse
    ("Utfall", "Utfall"),                             # för kort för att avstavas
])
def test_fogarna(text, vantat):
    assert avstavat(text) == vantat


def test_konfigurationen_lagger_till_egna_ord():
    assert avstavat("Hyresintäkter") == "Hyre-s-in-täkter"  # ordlistan ensam, utan fogen
    assert avstavat("Hyresintäkter", ("hyres|intäkter", *SAMMANSATTNINGAR)) == "Hyres-intäkter"


@pytest.mark.parametrize("fel", ["budgetavvikelse", "budget|", "budget|av vikelse", "budget|avv1"])
def test_konfigurationens_ord_har_fogar_och_bara_bokstaver(fel):
    with pytest.raises(ValidationError, match=re.escape("ett ord med | i fogarna")):
        Konfig.model_validate({"avstavning": [fel]}, context=None)


def test_samma_brytpunkter_i_docx_och_pdf():
    dok = ordna(provdokument(0))
    tabell = next(b for b in dok.block if isinstance(b, Tabell))
    celler = [c for rad in tabell.huvud for c in rad if c.avstavning]
    assert celler, "provtabellen ska ha en avstavad kolumnrubrik"
    html = html_for(dok, resurser.fil(resurser.STILMALL))
    word = Document(io.BytesIO(docx_bytes(dok, resurser.fil(resurser.WORDMALL))))
    xml = "".join(t._tbl.xml for t in word.tables)
    for c in celler:
        mjuk = "".join((MJUKT if i in c.avstavning else "") + t for i, t in enumerate(c.text))
        assert mjuk in html  # PDF:en: mjuka bindestreck där layouten tillåter, och hyphens: manual
        assert xml.count("<w:softHyphen/>") >= len(c.avstavning)
    assert "hyphens: manual" in resurser.fil(resurser.STILMALL).read_text(encoding="utf-8")
