"""Tabeller med radnivåer (issue 22 punkt 2): `underrader` ställer en lägre organisationsnivå indragen under varje
rad — delområdena under sitt område — och området blir deras delsumma, i samma tabell och i båda formaten."""

from __future__ import annotations

import io

import pytest
from docx import Document
from test_dokument import bygg, rapport  # noqa: F401  (fixturen rapport)

from rapportverk import resurser
from rapportverk.dokument.modell import Tabell
from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.rendera.docx import docx_bytes
from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt

ORGANISATION = """\
enhet;delomrade;omrade;namnd
100;Service;Drift;styrelsen
101;IT;Drift;styrelsen
200;Stab;Ledning;styrelsen
"""


@pytest.fixture
def nivaer(rapport):  # noqa: F811
    rapport.skriv("organisation.csv", ORGANISATION)
    rapport.ersatt("    rader: delomrade\n", "    rader: omrade\n    underrader: delomrade\n")
    return rapport


def test_delomradena_star_under_sitt_omrade_som_ar_delsumman(nivaer):
    projekt = ladda_projekt(nivaer.konfig)
    p = Period(2021, 4)
    t = bygg_tabell(projekt, las_indata(projekt, p), "per_omrade", "styrelsen", p)
    assert [(r.etikett, r.typ, r.niva, r.varden[0]) for r in t.rader] == [
        ("Drift", "delsumma", 0, pytest.approx(-750.5)),
        ("Service", "normal", 1, pytest.approx(-1000.5)),
        ("IT", "normal", 1, 250.0),
        ("Ledning", "delsumma", 0, -300.0),
        ("Stab", "normal", 1, -300.0),
        ("Summa", "summa", 0, pytest.approx(-1050.5)),
    ]
    # Summan är områdenas summa, varje område sina delområdens (avrundningskontrollen läser samma index).
    assert [r.delar for r in t.rader] == [(1, 2), (), (), (4,), (), (0, 3)]


def test_radnivaerna_i_modellen_och_i_docx(nivaer):
    dok = bygg(nivaer)
    (tabell,) = [b for b in dok.block if isinstance(b, Tabell)]
    assert [(r.celler[0], r.indrag, r.fet) for r in tabell.rader] == [
        ("Drift", 0, True), ("Service", 1, False), ("IT", 1, False), ("Ledning", 0, True), ("Stab", 1, False),
        ("Summa", 0, True)]
    docx = Document(io.BytesIO(docx_bytes(dok, resurser.fil(resurser.WORDMALL))))
    (t,) = docx.tables
    rader = [[c.text for c in r.cells] for r in t.rows]
    assert [r[0] for r in rader[1:]] == ["Drift", "Service", "IT", "Ledning", "Stab", "Summa"]
    indrag = [r.cells[0].paragraphs[0].paragraph_format.left_indent for r in t.rows[1:]]
    assert [i is not None and i > 0 for i in indrag] == [False, True, True, False, True, False]


def test_underrader_som_inte_ar_en_lagre_niva_ar_konfigurationsfel(nivaer):
    nivaer.ersatt("    underrader: delomrade\n", "    underrader: namnd\n")
    with pytest.raises(RapportverkFel) as exc:
        ladda_projekt(nivaer.konfig)
    (fel,) = [str(f) for f in exc.value.fel]
    assert fel.endswith("underraderna 'namnd' i tabellen 'per_omrade' är inte en organisationsnivå under 'omrade'; "
                        "välj en av: enhet, delomrade.")
