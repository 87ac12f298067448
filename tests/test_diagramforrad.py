"""Diagrammen som redan ritats i byggkatalogen (utdata.diagramforrad, dokument.ritning.sparat): samma data, stil
och kod ger samma byte, så ett nytt bygge hämtar bilden i stället för att rita den — och ritar om allt som ändrats."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rapportverk.bygg import bygge
from rapportverk.dokument import diagram, ritning
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.modell import Figur, alla_block
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import las_indata
from rapportverk.utdata import manifest
from rapportverk.utdata.diagramforrad import KATALOG, Diagramforrad

ROT = Path(__file__).resolve().parents[1]
APRIL = Period(2021, 4)
RS = "regionstyrelsen"


@pytest.fixture(scope="module")
def underlag(projekt) -> Underlag:
    return Underlag(projekt, las_indata(projekt, APRIL), APRIL)


@pytest.fixture
def ritade(monkeypatch) -> list[object]:
    """Varje diagram som faktiskt ritas (till_png anropas)."""
    ritat: list[object] = []
    original = diagram.till_png

    def spion(fig):
        ritat.append(fig)
        return original(fig)

    monkeypatch.setattr(diagram, "till_png", spion)
    return ritat


def _figurer(underlag: Underlag, forrad: Diagramforrad | None, png: bool = True) -> list[Figur]:
    # Ett nytt underlag varje gång: underlaget minns annars sina diagram i processen, och förrådet prövas inte.
    ny = Underlag(underlag.projekt, underlag.indata, underlag.period)
    return [b for b in alla_block(bygg_dokument(ny, "delarsrapport", RS, png=png, forrad=forrad))
            if isinstance(b, Figur)]


def test_ett_diagram_som_redan_ritats_hamtas_med_samma_byte(underlag, ritade, tmp_path):
    utan = _figurer(underlag, None)
    assert len(ritade) == len(utan) >= 3
    forsta = Diagramforrad(tmp_path)
    med = _figurer(underlag, forsta)
    assert len(ritade) == 2 * len(utan) and len(forsta.anvanda) == len(utan)
    andra = Diagramforrad(tmp_path)
    igen = _figurer(underlag, andra)
    assert len(ritade) == 2 * len(utan), "inget diagram ska ritas när alla redan finns"
    assert sorted(andra.anvanda) == sorted(forsta.anvanda)
    for a, b, c in zip(utan, med, igen, strict=True):
        assert a.png == b.png == c.png and a.svg == b.svg == c.svg and a.alt == b.alt == c.alt
    # Bara SVG (en PDF) är ett annat diagram än SVG och PNG: det hämtas inte i stället för det.
    bara_svg = _figurer(underlag, Diagramforrad(tmp_path), png=False)
    assert len(ritade) == 3 * len(utan) and all(f.png is None for f in bara_svg)


def test_andrade_data_eller_en_andrad_stil_ritas_om(underlag, ritade, tmp_path):
    t = underlag.tabell("budgetavvikelse_per_omrade", RS)
    kolumn = t.kolumner[-1].nyckel
    forrad = Diagramforrad(tmp_path)
    with ritning.med_stil(ritning.STIL, True, forrad):
        fore = diagram.stapel(t, kolumn, "Avvikelse", "mkr")
        assert diagram.stapel(t, kolumn, "Avvikelse", "mkr") == fore and len(ritade) == 1
        rad = t.rader[0]
        andrad = dataclasses.replace(t, rader=(dataclasses.replace(rad, varden=tuple(
            (v or 0) + 1_000_000 for v in rad.varden)), *t.rader[1:]))
        efter = diagram.stapel(andrad, kolumn, "Avvikelse", "mkr")
        assert len(ritade) == 2 and efter[0] != fore[0] and efter[1] != fore[1]
        assert diagram.stapel(t, kolumn, "En annan rubrik", "mkr") and len(ritade) == 3
    egen = tmp_path / "egen.mplstyle"
    egen.write_text(ritning.STIL.read_text(encoding="utf-8") + "\naxes.facecolor: eeeeee\n", encoding="utf-8")
    with ritning.med_stil(egen, True, forrad):
        assert diagram.stapel(t, kolumn, "Avvikelse", "mkr")[0] != fore[0] and len(ritade) == 4


def test_en_trasig_fil_i_forradet_ritas_om_och_skrivs_om(underlag, ritade, tmp_path):
    _figurer(underlag, Diagramforrad(tmp_path))
    antal = len(ritade)
    filer = sorted((tmp_path / KATALOG).glob("*.json"))
    filer[0].write_text('{"png": "inte base64!!"', encoding="utf-8")
    _figurer(underlag, Diagramforrad(tmp_path))
    assert len(ritade) == antal + 1
    assert json.loads(filer[0].read_text(encoding="ascii"))["alt"]


NYCKLAR = r"""
import sys
from pathlib import Path
from rapportverk.dokument import diagram, ritning, sparklinjer
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt, las_indata
projekt = ladda_projekt(Path(sys.argv[1]) / "konfig" / "rapportverk.yaml")
p = Period(2021, 4)
u = Underlag(projekt, las_indata(projekt, p), p)
t = u.tabell("budgetavvikelse_per_omrade", "regionstyrelsen")
pdef = next(iter(projekt.konfig.pivottabeller.values()))
print(ritning.nyckel_for(diagram.stapel, (t, t.kolumner[-1].nyckel, "Avvikelse", "mkr"), {}))
print(ritning.nyckel_for(sparklinjer.sparklinjer, (t.kolumner, pdef, p, "Utveckling"), {"x": {"b", "a", "c"}}))
"""


def test_nyckeln_ar_densamma_i_varje_process():
    """Nyckeln ska inte bero på processens slumpade hashfrö (mängder, pydantic-modellernas satta fält): annars
    hittar en arbetsprocess eller nästa bygge aldrig det förra byggets diagram."""
    svar = []
    for fro in ("1", "2"):
        r = subprocess.run([sys.executable, "-c", NYCKLAR, str(ROT)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": fro})
        svar.append(r.stdout.split())
    assert svar[0] == svar[1] and len(svar[0]) == 2 and all(len(n) == 64 for n in svar[0])


@pytest.mark.slow
def test_manifestet_namnger_rapportens_diagram_och_inga_andra_blir_kvar(projekt, tmp_path):
    katalog = tmp_path / "ut" / str(APRIL) / KATALOG
    katalog.mkdir(parents=True)
    gammal = katalog / ("0" * 32 + ".json")
    gammal.write_text("{}", encoding="ascii")
    os.utime(gammal, (time.time() - 60, time.time() - 60))

    def bygg() -> dict:
        r = bygge.bygg(projekt, "delarsrapport", APRIL, namnder=[RS], ut=tmp_path / "ut", format=("pdf",),
                       inkrementellt=False, kommando=["rapport"])
        assert [x.namnd for x in r.lyckade] == [RS]
        return next(iter(manifest.las(tmp_path / "ut" / str(APRIL))["rapporter"].values()))

    post = bygg()
    assert len(post["diagram"]) >= 3
    assert sorted(f.name for f in katalog.glob("*.json")) == post["diagram"]
    assert bygg()["diagram"] == post["diagram"]
