"""DOCX och PDF är samma dokument sida för sida (issue 21, punkt 3, 7 och 8): varje exempelrapport byggs, DOCX-filen
läggs ut av LibreOffice och jämförs med PDF:en (tests/sidjamforelse.py): lika många sidor, varje rubrik på samma
sida (så att innehållsförteckningens sidnummer stämmer i båda), ingen rubrik sist på en sida och ingen sida mer än
halvtom när nästa block hade fått plats."""

from __future__ import annotations

import pytest
from conftest import PDFTOTEXT, SOFFICE, kraver_program
from sidjamforelse import jamfor_alla, tabell

pytestmark = pytest.mark.slow

# Kvar att lösa (mätt 2026-12-05, före 46 av 226 rubriker på annan sida och två rapporter med olika sidantal):
# en kort tabell som precis ryms längst ned på en sida i DOCX-filen men inte i PDF:en (PDF:ens rubrikrader är
# ungefär 1 pt högre per rad), så att allt efter den hamnar en sida tidigare i DOCX-filen. Rapporten står här med
# rubrikerna som ännu står på olika sidor; allt annat ska stämma, och en ny avvikelse fäller testet.
# Efter sammanslagningen med de tomma kolumnerna och bilagorna som utelämnas (mätt 2026-12-05, 2 av 214) är det
# samma slags fall i två andra rapporter: regionstyrelsens 2024-08 stämmer nu sida för sida. Med diagrammens text i
# 9,5 pt (förklaringen var 7 pt) blev sjukfrånvarodiagrammet något högre, och rubriken efter det ryms precis
# längst ned på sidan i DOCX-filen men inte i PDF:en (4 av 214).
KANDA_AVVIKELSER = {
    "delarsrapport-regionala_utvecklingsnamnden-2024-08": {"Framtidsbedömning", "3. Ekonomisk analys"},
    "delarsrapport-revisionen-2024-08": {"3. Ekonomisk analys"},
    "delarsrapport-region-2024-08": {"Balanskravsutredning"},
}
KANDA_SIDANTAL = {"delarsrapport-regionala_utvecklingsnamnden-2024-08"}


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
    assert sum(len(j.rubriker_fel) for j in jamforelser) <= 4


def test_ingen_rubrik_sist_pa_en_sida(jamforelser):
    strandade = [(j.namn, f, s, r) for j in jamforelser for f, lista in j.strandade.items() for s, r in lista]
    assert not strandade, tabell(jamforelser)


def test_ingen_halvtom_sida_nar_nasta_block_far_plats(jamforelser):
    halvtomma = [(j.namn, f, s, a) for j in jamforelser for f, lista in j.halvtomma.items() for s, a in lista]
    assert not halvtomma, tabell(jamforelser)
