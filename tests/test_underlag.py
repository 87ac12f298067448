"""Underlaget: allt ett bygge räknar ur data, räknat en gång och läst av dokumentet, diagrammen och sifferfilen."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.konfig import REGION
from rapportverk.period import Period
from rapportverk.underlag import Underlag, tabeller
from rapportverk.underlag.tabeller import bygg_tabell, galler_hela_regionen, ladda_projekt

ROT = Path(__file__).resolve().parents[1]
P = Period(2024, 8)
RS = "regionstyrelsen"


@pytest.fixture(scope="module")
def indata(projekt):
    return las_indata(projekt, P)


@pytest.fixture
def raknade(monkeypatch) -> list[tuple[str, str]]:
    """(tabell, nämnd) för varje gång en tabell faktiskt räknas."""
    anrop: list[tuple[str, str]] = []
    original = tabeller.bygg_tabell

    def spion(projekt, indata, namn, namnd, period):
        anrop.append((namn, namnd))
        return original(projekt, indata, namn, namnd, period)

    monkeypatch.setattr(tabeller, "bygg_tabell", spion)
    return anrop


def test_en_tabell_over_hela_regionen_ar_densamma_for_varje_namnd(projekt, indata):
    """Underlaget räknar en sådan tabell en gång för alla nämnder; det förutsätter att bygg_tabell inte läser
    nämnden för den. Prövas här för varje sådan tabell i exemplet, så att en ändring i bygg_tabell syns."""
    hela = [n for n, t in projekt.konfig.tabeller.items() if galler_hela_regionen(t)]
    assert {"regionens_resultat", "personal_per_namnd", "budgetomfordelningar"} <= set(hela)
    for namn in hela:
        region = bygg_tabell(projekt, indata, namn, REGION, P)
        for namnd in projekt.namnd_ids:
            assert bygg_tabell(projekt, indata, namn, namnd, P) == region, (namn, namnd)


def test_en_tabell_raknas_en_gang(projekt, indata, raknade):
    u = Underlag(projekt, indata, P)
    t = u.tabell("budgetavvikelse_per_omrade", RS)
    assert u.tabell("budgetavvikelse_per_omrade", RS) is t
    assert t == bygg_tabell(projekt, indata, "budgetavvikelse_per_omrade", RS, P)
    u.tabell("budgetavvikelse_per_omrade", "patientnamnden")  # en annan nämnd är en annan tabell
    # Regionens resultat är detsamma i varje nämnds rapport: en gång för alla nämnder.
    assert all(u.tabell("regionens_resultat", n) is u.tabell("regionens_resultat", RS) for n in projekt.namnd_ids)
    assert raknade == [("budgetavvikelse_per_omrade", RS), ("budgetavvikelse_per_omrade", "patientnamnden"),
                       ("regionens_resultat", REGION)]


def test_nyckeltal_och_prognos_minns(projekt, indata):
    u = Underlag(projekt, indata, P)
    assert u.nyckeltal(RS) is u.nyckeltal(RS)
    assert u.nyckeltal(RS) == tabeller.nyckeltal(projekt, indata, RS, P)
    assert u.senaste_prognos(RS) == tabeller.senaste_prognosen(projekt, indata, RS, P)
    antal = u.berakningar
    u.nyckeltal(RS), u.senaste_prognos(RS), u.tabell("budgetavvikelse_per_omrade", RS)
    assert u.berakningar == antal + 1  # bara tabellen var ny


def test_okand_namnd_ar_fel_ocksa_for_en_tabell_over_hela_regionen(projekt, indata):
    u = Underlag(projekt, indata, P)
    u.tabell("regionens_resultat", RS)
    with pytest.raises(RapportverkFel, match="nämnden 'okand' finns inte"):
        u.tabell("regionens_resultat", "okand")


def test_ett_fel_minns_inte(projekt, indata):
    u = Underlag(projekt, indata, P)
    forsok = []

    def berakna() -> int:
        forsok.append(1)
        if len(forsok) == 1:
            raise RapportverkFel("första gången går det inte")
        return 7

    with pytest.raises(RapportverkFel):
        u.minns("x", berakna)
    assert u.minns("x", berakna) == 7 and u.minns("x", berakna) == 7
    assert len(forsok) == 2


def test_tva_tradar_raknar_samma_svar_en_gang(projekt, indata, raknade):
    """Förhandsgranskningen bygger sidan och PDF:en i var sin tråd med samma underlag."""
    u = Underlag(projekt, indata, P)
    svar: list[object] = []
    start = threading.Barrier(4)

    def las() -> None:
        start.wait()
        svar.append(u.tabell("resultat_per_kostnadsslag", RS))

    tradar = [threading.Thread(target=las) for _ in range(4)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    assert len(svar) == 4 and all(s is svar[0] for s in svar)
    assert raknade == [("resultat_per_kostnadsslag", RS)]


# --- dokumentet, diagrammen och sifferfilen läser samma underlag ---------------------------------------------

APRIL = Period(2021, 4)


@pytest.fixture(scope="module")
def april(projekt):
    return las_indata(projekt, APRIL)


def test_namndernas_rapporter_delar_underlaget(projekt, april, raknade):
    """Som i en arbetsprocess: två nämnders dokument ur samma underlag. Budgetomfördelningarna (samma för alla)
    räknas en gång, och ett andra bygge av samma dokument räknar ingenting och ritar inget diagram igen."""
    from rapportverk.dokument.bygg import bygg_dokument

    u = Underlag(projekt, april, APRIL)
    forsta = bygg_dokument(u, "delarsrapport", RS)
    bygg_dokument(u, "delarsrapport", "halso_och_sjukvardsnamnden")
    assert len(raknade) == len(set(raknade)), "ingen tabell räknas två gånger"
    assert ("budgetomfordelningar", REGION) in raknade
    antal, berakningar = len(raknade), u.berakningar
    assert bygg_dokument(u, "delarsrapport", RS) == forsta
    assert (len(raknade), u.berakningar) == (antal, berakningar)


@pytest.mark.slow
def test_en_rapport_raknar_varje_tabell_en_gang(projekt, april, raknade, tmp_path):
    """Tabellen budgetavvikelse_per_omrade visas, ritas som stapeldiagram och skrivs till sifferfilen: den räknas
    en gång i hela bygget, och det gör varje annan tabell också."""
    import polars as pl

    from rapportverk.bygg.rapport import bygg_rapport

    byggd = bygg_rapport(Underlag(projekt, april, APRIL), "delarsrapport", RS, tmp_path)
    assert raknade.count(("budgetavvikelse_per_omrade", RS)) == 1
    assert len(raknade) == len(set(raknade)), "ingen tabell räknas två gånger"
    siffror = pl.read_parquet(next(f for f in byggd.filer if f.suffix == ".parquet"))
    assert "budgetavvikelse_per_omrade" in siffror["tabell"].to_list()
    assert {t for t, _ in raknade} >= set(siffror["tabell"].unique().to_list())


def test_dokumentet_laser_aldrig_indata_genom_underlaget():
    """Importkontraktet ser inte attribut: underlaget bär indata åt bygget (manifestet), men dokumentet läser bara
    underlagets metoder, så att allt det visar är räknat en gång."""
    moduler = sorted((ROT / "src" / "rapportverk" / "dokument").rglob("*.py"))
    assert moduler
    for fil in moduler:
        assert ".indata" not in fil.read_text(encoding="utf-8"), fil.name


def test_en_andrad_diagramstil_ritar_om_diagrammen_men_raknar_inte_om_tabellerna(tmp_path, raknade):
    """Förhandsgranskningen behåller underlaget när diagramstilen sparas; diagrammen minns med stilens innehåll."""
    import shutil

    from rapportverk.dokument.bygg import bygg_dokument
    from rapportverk.dokument.modell import Figur, alla_block

    for katalog in ("konfig", "mallar", "exempeldata"):
        shutil.copytree(ROT / katalog, tmp_path / katalog, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    projekt = ladda_projekt(tmp_path / "konfig" / "rapportverk.yaml")
    stil = tmp_path / "mallar" / "delarsrapport" / "diagram.mplstyle"
    stil.write_text("axes.facecolor: ffffff\n", encoding="utf-8")
    u = Underlag(projekt, las_indata(projekt, APRIL), APRIL)

    def figurer() -> list[bytes]:
        return [b.png for b in alla_block(bygg_dokument(u, "delarsrapport", RS)) if isinstance(b, Figur)]

    fore = figurer()
    tabeller_fore = list(raknade)
    assert figurer() == fore and raknade == tabeller_fore
    stil.write_text("axes.facecolor: eeeeee\n", encoding="utf-8")
    efter = figurer()
    assert len(efter) == len(fore) and all(a != b for a, b in zip(fore, efter, strict=True))
    assert raknade == tabeller_fore, "en ny diagramstil ska inte räkna om tabellerna"


def test_ett_bygge_utan_docx_ritar_diagrammen_bara_som_svg(projekt, indata):
    """En PDF behöver bara diagrammens SVG; PNG-bilden (DOCX, förhandsgranskningen) ritas inte, och SVG:n är
    densamma som i ett bygge som ritar båda (PDF:en blir byte för byte densamma)."""
    from rapportverk.dokument.bygg import bygg_dokument
    from rapportverk.dokument.modell import Figur, alla_block

    u = Underlag(projekt, indata, P)

    def figurer(png: bool) -> list[Figur]:
        return [b for b in alla_block(bygg_dokument(u, "delarsrapport", RS, png=png)) if isinstance(b, Figur)]

    bada, bara_svg = figurer(True), figurer(False)
    assert len(bada) == len(bara_svg) >= 3
    assert all(f.png is not None and f.png.startswith(b"\x89PNG") for f in bada)
    assert all(f.png is None for f in bara_svg)
    assert [f.svg for f in bara_svg] == [f.svg for f in bada]
