"""Personalfunktionerna i mallarna tar samma två val — föregående år (fg) och hela regionen (region) — och
räknar som måtten i DESIGN.md; förväntningarna är räknade för hand ur en liten personalfil."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_delarsrapport_region import MINSTA, MINSTA_KONFIG, ROT

from rapportverk.dokument.funktioner import personal
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

P = Period(2024, 8)


@pytest.fixture(scope="module")
def bygge(tmp_path_factory):
    rot = tmp_path_factory.mktemp("personal")
    (rot / "data").mkdir()
    for namn, text in MINSTA.items():
        (rot / "data" / namn).write_text(text, encoding="utf-8")
    (rot / "konfig").mkdir()
    # Målfilen behöver regionens nyckeltal och rapporttypen sin regionrapport; här prövas bara personalen.
    konfig = (MINSTA_KONFIG.format(rot=ROT).replace("    region: delarsrapport_region\n", "")
              .replace("  mal:\n    - fil: ../data/mal.csv\n", ""))
    (rot / "konfig" / "rapportverk.yaml").write_text(konfig, encoding="utf-8")
    projekt = ladda_projekt(rot / "konfig" / "rapportverk.yaml")
    underlag = Underlag(projekt, las_indata(projekt, P, strikt=False), P)
    return SimpleNamespace(underlag=underlag, projekt=projekt, period=P, namnd="styrelsen")


def test_anstallda_for_namnden_fjolaret_och_regionen(bygge):
    # Bara augusti finns i filen, så medeltalet januari–augusti är augustis antal.
    assert personal.anstallda(bygge=bygge) == 100
    assert personal.anstallda(fg=True, bygge=bygge) == 95
    assert personal.anstallda(region=True, bygge=bygge) == 300
    assert personal.anstallda(region=True, fg=True, bygge=bygge) == 285
    assert personal.anstallda(tillsvidare=True, region=True, bygge=bygge) == 270
    assert personal.anstallda(kon="M", region=True, bygge=bygge) == 200


def test_anstallda_manad_tar_samma_val(bygge):
    assert personal.anstallda_manad(bygge=bygge) == 100
    assert personal.anstallda_manad(fg=True, region=True, bygge=bygge) == 285
    assert personal.anstallda_manad(tillsvidare=True, fg=True, bygge=bygge) == 85
    assert personal.anstallda_manad(kon="K", region=True, bygge=bygge) == 100


def test_utan_sjukfranvaro_for_fjolaret_regionen_och_kon(bygge):
    assert personal.utan_sjukfranvaro(bygge=bygge) == pytest.approx(50.0)       # 50 / 100
    assert personal.utan_sjukfranvaro(fg=True, bygge=bygge) == pytest.approx(45 / 95 * 100)
    assert personal.utan_sjukfranvaro(region=True, bygge=bygge) == pytest.approx(140 / 300 * 100)
    assert personal.utan_sjukfranvaro(region=True, fg=True, bygge=bygge) == pytest.approx(125 / 285 * 100)
    assert personal.utan_sjukfranvaro(kon="M", region=True, bygge=bygge) == pytest.approx(45.0)  # 90 / 200


def test_sjukfranvaro_for_fjolaret_och_regionen(bygge):
    assert personal.sjukfranvaro(bygge=bygge) == pytest.approx(5.0)               # 800 / 16000
    assert personal.sjukfranvaro(region=True, fg=True, bygge=bygge) == pytest.approx(2490 / 45600 * 100)
