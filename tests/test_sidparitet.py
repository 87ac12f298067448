"""DOCX och PDF är samma dokument sida för sida (issue 21, punkt 3, 7 och 8): varje exempelrapport byggs, DOCX-filen
läggs ut av LibreOffice och jämförs med PDF:en (tests/sidjamforelse.py): lika många sidor, varje rubrik på samma
sida (så att innehållsförteckningens sidnummer stämmer i båda), ingen rubrik sist på en sida och ingen sida mer än
halvtom när nästa block hade fått plats."""

from __future__ import annotations

import pytest
from conftest import PDFTOTEXT, SOFFICE, kraver_program
from sidjamforelse import jamfor_alla, tabell

pytestmark = pytest.mark.slow

# Mätt 2026-12-06: 0 av 214 rubriker på annan sida och lika många sidor i alla 16 rapporter, efter att båda formaten
# fick samma mått (dokument/stil.py): exakt radhöjd i DOCX-filen (LibreOffice räknade brödtextens rad 14,25 pt mot
# PDF:ens 14,3), kerning i båda, samma avstavningstecken (U+2010 tog ett högre reservtypsnitt i PDF:en), samma luft
# mellan listpunkter och mellan noter, linjen under rubrikraderna också under en cell som spänner över två rader,
# symboler utan egen radhöjd, samma proportioner på diagrammens PNG och SVG, och ny stående sida efter ett liggande
# avsnitt också i PDF:en. En ny avvikelse fäller testet.
KANDA_AVVIKELSER: dict[str, set[str]] = {}
KANDA_SIDANTAL: set[str] = set()


@pytest.fixture(scope="module")
def jamforelser(tmp_path_factory):
    kraver_program("pdftotext", PDFTOTEXT)
    kraver_program("pdftoppm", PDFTOTEXT)
    kraver_program("soffice", SOFFICE)
    j = jamfor_alla(tmp_path_factory.mktemp("sidparitet"))
    print("\n" + tabell(j))  # synlig med pytest -s: hela tabellen, också när allt stämmer
    return j


def test_alla_exempelrapporter_jamfors(jamforelser):
    assert len(jamforelser) == 16
    assert all(j.rubriker for j in jamforelser)
    # Varje rubrik hittas i båda utläggen (annars säger jämförelsen inget om den).
    saknas = [(j.namn, r) for j in jamforelser for r, p, d in j.rubriker if p is None or d is None]
    assert not saknas


def test_lika_manga_sidor(jamforelser):
    olika = {j.namn: (j.sidor_pdf, j.sidor_docx) for j in jamforelser if j.sidor_pdf != j.sidor_docx}
    assert set(olika) <= KANDA_SIDANTAL, tabell(jamforelser)


def test_varje_rubrik_pa_samma_sida(jamforelser):
    fel = [(j.namn, r, p, d) for j in jamforelser for r, p, d in j.rubriker_fel
           if r not in KANDA_AVVIKELSER.get(j.namn, ())]
    assert not fel, tabell(jamforelser)
    assert sum(len(j.rubriker_fel) for j in jamforelser) == 0


def test_ingen_rubrik_sist_pa_en_sida(jamforelser):
    strandade = [(j.namn, f, s, r) for j in jamforelser for f, lista in j.strandade.items() for s, r in lista]
    assert not strandade, tabell(jamforelser)


def test_ingen_halvtom_sida_nar_nasta_block_far_plats(jamforelser):
    halvtomma = [(j.namn, f, s, a) for j in jamforelser for f, lista in j.halvtomma.items() for s, a in lista]
    assert not halvtomma, tabell(jamforelser)
