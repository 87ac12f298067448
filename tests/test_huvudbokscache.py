"""Den sparade, prövade huvudboken delad per nämnd (utdata.huvudbokscache, issue 23 punkt 3).

- En nämnds tabeller, nyckeltal och förklaringar läser bara nämndens del (och ger samma svar som hela huvudboken);
  regionens tabeller (uppställningar, omfang: region) läser alla delarna.
- Nyckeln ändras med varje indatafil, konfigurationen och koden; en trasig fil används aldrig.
- Ett bygge med och utan den sparade huvudboken ger samma byte.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from rapportverk.analys.forklara import forklara
from rapportverk.bygg import batch, bygge
from rapportverk.kallor import las_indata
from rapportverk.konfig import REGION
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt
from rapportverk.utdata import huvudbokscache, manifest

ROT = Path(__file__).resolve().parents[1]
APRIL = Period(2021, 4)


def kopiera_projekt(mal: Path) -> Path:
    for katalog in ("konfig", "mallar", "exempeldata"):
        shutil.copytree(ROT / katalog, mal / katalog, ignore=shutil.ignore_patterns("__pycache__", "*.duckdb"))
    return mal / "konfig" / "rapportverk.yaml"


@pytest.fixture(scope="module")
def hela(projekt):
    return las_indata(projekt, APRIL, strikt=False)


@pytest.fixture
def sparad(projekt, hela, tmp_path):
    """Den sparade huvudboken i tmp_path/ut, och katalogen den ligger i."""
    nyckel = huvudbokscache.nyckel(projekt, ROT / "konfig" / "rapportverk.yaml", APRIL)
    assert nyckel is not None
    mal = huvudbokscache.katalog_for(tmp_path / "ut", APRIL, nyckel)
    assert huvudbokscache.skriv(mal, nyckel, hela)
    return mal, nyckel


def _delvis(projekt, mal, nyckel, strikt=False):
    delar = huvudbokscache.oppna(mal, nyckel)
    assert delar is not None
    indata = delar.indata(projekt, APRIL, strikt, None, lambda: pytest.fail("läste källorna"))
    return indata, delar


def _fil(mal: Path, namnd: str) -> str:
    """Filen med nämndens del (enligt meta.json)."""
    return json.loads((mal / huvudbokscache.META).read_text(encoding="utf-8"))["delar"][namnd]


def test_delarna_ar_hela_huvudboken_i_samma_ordning(projekt, hela, sparad):
    mal, nyckel = sparad
    indata, delar = _delvis(projekt, mal, nyckel)
    assert indata.huvudbok.height == 0 and indata.huvudbok_namnder == frozenset()
    assert indata.huvudbok.schema == hela.huvudbok.schema
    assert delar.hela().equals(hela.huvudbok)
    for n in projekt.namnd_ids[:3]:
        assert delar.namnd(n).equals(hela.huvudbok.filter(pl.col("namnd") == n))
    assert indata.avstamning == hela.avstamning and indata.organisation.equals(hela.organisation)


def test_de_andra_kallorna_lases_ur_den_sparade_som_de_lastes_ur_kallorna(projekt, hela, sparad, monkeypatch):
    """Budget, prognos, personal, mål, listor …: samma ramar (typer och rader) ur den sparade huvudboken, utan att
    källfilerna tolkas; en fil som inte stämmer gör att källorna läses i stället, med samma svar."""
    from rapportverk.kallor import indata as indatamodul

    mal, nyckel = sparad
    monkeypatch.setattr(indatamodul, "_las_ovriga", lambda *a: pytest.fail("läste de andra källorna"))
    indata, _ = _delvis(projekt, mal, nyckel)
    for namn in indatamodul.OVRIGA:
        fore, efter = getattr(hela, namn), getattr(indata, namn)
        assert (fore is None and efter is None) or (efter is not None and efter.equals(fore)), namn
        assert fore is None or efter.schema == fore.schema, namn
    assert hela.listor and indata.listor is not None and indata.listor.keys() == hela.listor.keys()
    assert all(indata.listor[n].equals(hela.listor[n]) for n in hela.listor)
    assert sum(getattr(hela, n) is not None for n in indatamodul.OVRIGA) >= 8  # exemplet har nästan alla källor

    monkeypatch.undo()
    meta = json.loads((mal / huvudbokscache.META).read_text(encoding="utf-8"))
    fil = mal / meta["ovriga"]["ovriga:personal"]["fil"]
    data = bytearray(fil.read_bytes())
    data[len(data) // 2] ^= 0xFF
    fil.write_bytes(bytes(data))
    indata, _ = _delvis(projekt, mal, nyckel)
    assert indata.personal is not None and indata.personal.equals(hela.personal)


def test_en_namnds_tabeller_laser_bara_namndens_del(projekt, hela, sparad):
    mal, nyckel = sparad
    indata, delar = _delvis(projekt, mal, nyckel)
    delvis, full = Underlag(projekt, indata, APRIL, delar), Underlag(projekt, hela, APRIL)
    tabeller = projekt.konfig.tabeller
    namndens = [t for t, d in tabeller.items() if d.typ == "matt" and d.omfang == "namnd"]
    assert namndens
    huvudbokscache.LASTA.clear()
    for t in namndens:
        assert delvis.tabell(t, "regionstyrelsen") == full.tabell(t, "regionstyrelsen"), t
    assert delvis.nyckeltal("regionstyrelsen") == full.nyckeltal("regionstyrelsen")
    assert [_fil(mal, "regionstyrelsen")] == huvudbokscache.LASTA
    assert delvis.indata.huvudbok_namnder == frozenset({"regionstyrelsen"})

    # En annan nämnd: dess del; de tidigare svaren gäller fortfarande.
    assert delvis.tabell(namndens[0], "revisionen") == full.tabell(namndens[0], "revisionen")
    assert huvudbokscache.LASTA[-1] == _fil(mal, "revisionen")

    # Regionens tabeller (uppställningar, omfang: region) och regionens nyckeltal läser hela huvudboken.
    regionens = [t for t, d in tabeller.items() if d.typ == "uppstallning" or d.omfang == "region"]
    assert regionens
    for t in regionens:
        assert delvis.tabell(t, "regionstyrelsen") == full.tabell(t, "regionstyrelsen"), t
    assert delvis.indata.huvudbok_namnder is None
    assert delvis.nyckeltal(REGION) == full.nyckeltal(REGION)


def test_forklara_laser_bara_namndens_del(projekt, hela, sparad):
    mal, nyckel = sparad
    indata, delar = _delvis(projekt, mal, nyckel, strikt=True)
    huvudbokscache.LASTA.clear()
    f = forklara(projekt, indata, APRIL, "regionstyrelsen", "budgetavvikelse_per_omrade", "Summa", "ack_avvikelse",
                 delar)
    assert [_fil(mal, "regionstyrelsen")] == huvudbokscache.LASTA
    g = forklara(projekt, hela, APRIL, "regionstyrelsen", "budgetavvikelse_per_omrade", "Summa", "ack_avvikelse")
    assert f.varde == g.varde
    assert [t.rader.equals(u.rader) for t, u in zip(f.alla_termer, g.alla_termer, strict=True)] == [True] * 2


def test_en_andrad_indatafil_konfiguration_eller_kod_ger_en_ny_nyckel(tmp_path, monkeypatch):
    konfig = kopiera_projekt(tmp_path)
    projekt = ladda_projekt(konfig)
    forst = huvudbokscache.nyckel(projekt, konfig, APRIL)
    assert forst == huvudbokscache.nyckel(ladda_projekt(konfig), konfig, APRIL)
    assert forst != huvudbokscache.nyckel(projekt, konfig, Period(2021, 5))

    prognos = projekt.sokvag(projekt.konfig.kallor.prognos[0].fil)
    prognos.write_bytes(prognos.read_bytes() + b"\n")
    andrad = huvudbokscache.nyckel(ladda_projekt(konfig), konfig, APRIL)
    assert andrad != forst

    # En lista (källor efter namn, inte en lista av källor): den sparas också, så den måste ändra nyckeln.
    lista = projekt.sokvag(projekt.konfig.kallor.listor["uppdrag"].fil)
    lista.write_bytes(lista.read_bytes() + b"\n")
    listan = huvudbokscache.nyckel(ladda_projekt(konfig), konfig, APRIL)
    assert listan not in (forst, andrad)
    andrad = listan

    org = projekt.sokvag(projekt.konfig.hierarkier.organisation.fil)
    org.write_bytes(org.read_bytes() + b"\n")
    assert huvudbokscache.nyckel(ladda_projekt(konfig), konfig, APRIL) not in (forst, andrad)

    konfig.write_text(konfig.read_text(encoding="utf-8") + "\n# ändrad\n", encoding="utf-8")
    nu = huvudbokscache.nyckel(ladda_projekt(konfig), konfig, APRIL)
    monkeypatch.setattr(manifest, "kodsumma", lambda: "annan kod")
    assert len({forst, andrad, nu, huvudbokscache.nyckel(ladda_projekt(konfig), konfig, APRIL)}) == 4


def test_en_ny_nyckel_ersatter_den_gamla_katalogen(projekt, hela, sparad):
    mal, _nyckel = sparad
    ny = mal.parent / f"{huvudbokscache.PREFIX}{'0' * 16}"
    assert huvudbokscache.skriv(ny, "0" * 64, hela)
    assert sorted(p.name for p in mal.parent.iterdir()) == [ny.name]
    assert huvudbokscache.oppna(ny, "1" * 64) is None  # fel nyckel: används inte


def test_en_avhuggen_fil_anvands_inte_utan_skrivs_om(projekt, hela, sparad, tmp_path):
    mal, nyckel = sparad
    fil = mal / _fil(mal, "regionstyrelsen")
    data = fil.read_bytes()
    fil.write_bytes(data[: len(data) // 2])
    assert huvudbokscache.oppna(mal, nyckel) is None
    lasta = []
    delar, indata = huvudbokscache.forbered(projekt, ROT / "konfig" / "rapportverk.yaml", APRIL, tmp_path / "ut",
                                            lambda: lasta.append(1) or hela)
    assert lasta == [1] and indata is hela and delar is not None
    assert fil.read_bytes() == data
    assert delar.namnd("regionstyrelsen").equals(hela.huvudbok.filter(pl.col("namnd") == "regionstyrelsen"))
    assert not list(mal.parent.glob(".*"))  # ingen tillfällig katalog kvar


def test_en_andrad_fil_med_samma_storlek_laser_kallorna_i_stallet(projekt, hela, sparad):
    mal, nyckel = sparad
    _indata, delar = _delvis(projekt, mal, nyckel)
    fil = mal / _fil(mal, "revisionen")
    data = bytearray(fil.read_bytes())
    data[len(data) // 2] ^= 0xFF
    fil.write_bytes(bytes(data))
    delar._ur_kallor = lambda: hela.huvudbok  # som batch och forklara: läs källorna igen
    assert delar.namnd("revisionen").equals(hela.huvudbok.filter(pl.col("namnd") == "revisionen"))
    assert not mal.exists()  # nästa bygge skriver den igen


def test_sql_kallor_far_ingen_sparad_huvudbok(tmp_path):
    """En SQL-källas data är inte känd förrän den lästs: ingen nyckel, och bygget läser källorna som förut."""
    konfig = kopiera_projekt(tmp_path).with_name("rapportverk-duckdb.yaml")
    (tmp_path / "exempeldata" / "exempel.duckdb").touch()  # laddningen prövar bara att filen finns
    assert huvudbokscache.nyckel(ladda_projekt(konfig), konfig, APRIL) is None


def _utdata(katalog: Path) -> dict[str, str]:
    return {p.relative_to(katalog).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(katalog.rglob("*")) if p.is_file() and p.name != "manifest.json"
            and "/delar-" not in p.as_posix()}


@pytest.mark.slow
def test_inkrementellt_med_sparad_huvudbok_ger_samma_byte_som_utan(tmp_path):
    """Samma rapporter ur källorna (som verifiera), ur hela huvudboken som just sparades, och ur en nämnds del."""
    konfig = kopiera_projekt(tmp_path)
    projekt = ladda_projekt(konfig)
    namnder = ["regionstyrelsen", "revisionen"]
    utan = batch.Bestallning(konfig, "delarsrapport", APRIL, tmp_path / "utan", ("docx", "pdf"))
    assert all(r.ok for r in batch.kor(utan, namnder, projekt=projekt))
    assert not (tmp_path / "utan" / "2021-04" / "indata" / "delar-").exists()

    def bygg(ut: Path, namnder: list[str]) -> None:
        r = bygge.bygg(projekt, "delarsrapport", APRIL, konfig=konfig, namnder=namnder, ut=ut, format=("docx", "pdf"),
                       inkrementellt=False, kommando=["rapport"])
        assert [x.namnd for x in r.lyckade] == namnder

    huvudbokscache.LASTA.clear()
    bygg(tmp_path / "med", namnder)  # skriver den sparade huvudboken och bygger av det som lästes
    assert huvudbokscache.LASTA == []
    assert len(list((tmp_path / "med" / "2021-04" / "indata").glob("delar-*/del-*.parquet"))) == 6
    bygg(tmp_path / "med", ["revisionen"])  # läser bara revisionens del
    assert ["tom.parquet", "organisation.parquet",
                                    _fil(next((tmp_path / "med" / "2021-04" / "indata").glob("delar-*")),
                                         "revisionen")] == [n for n in huvudbokscache.LASTA if n.endswith(".parquet")]
    assert any(n.endswith(".arrow") for n in huvudbokscache.LASTA)  # de andra källorna, ur den sparade
    a, b = _utdata(tmp_path / "utan" / "2021-04"), _utdata(tmp_path / "med" / "2021-04")
    assert a == b and len(a) >= 9


@pytest.mark.slow
def test_inkrementellt_i_samma_process_efter_en_andrad_fil_anvander_inte_den_gamla(tmp_path):
    """Ett skript som bygger två gånger i samma process: kontrollsummorna räknas om, så en ändrad huvudboksfil ger
    en ny sparad huvudbok (och den gamla tas bort) i stället för att den gamla läses."""
    konfig = kopiera_projekt(tmp_path)
    projekt = ladda_projekt(konfig)

    def bygg() -> list[str]:
        r = bygge.bygg(projekt, "delarsrapport", APRIL, konfig=konfig, namnder=["revisionen"], ut=tmp_path / "ut",
                       format=("pdf",), inkrementellt=False, kommando=["rapport"])
        assert [x.namnd for x in r.lyckade] == ["revisionen"]
        return sorted(p.name for p in (tmp_path / "ut" / "2021-04" / "indata").glob("delar-*"))

    forst = bygg()
    fil = next(projekt.sokvag(k.fil) for k in projekt.konfig.kallor.huvudbok if str(k.fil).endswith(".parquet"))
    pl.read_parquet(fil).write_parquet(fil, compression="uncompressed")  # samma rader, andra byte
    huvudbokscache.LASTA.clear()
    andra = bygg()
    assert len(forst) == len(andra) == 1 and forst != andra
    assert huvudbokscache.LASTA == []  # lästes ur källorna, inte ur den gamla


@pytest.mark.parametrize("fel", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_en_avbruten_skrivning_lamnar_ingenting_efter_sig(projekt, hela, tmp_path, monkeypatch, fel):
    """Full disk: ingen sparad huvudbok (bygget läser källorna); Ctrl-C: avbrottet går vidare. Ingen halvskriven
    katalog blir kvar i någotdera fallet."""
    skrivna = []
    riktig = huvudbokscache._bytes

    def _bytes(ram):
        skrivna.append(1)
        if len(skrivna) == 3:
            raise fel
        return riktig(ram)

    monkeypatch.setattr(huvudbokscache, "_bytes", _bytes)
    mal = tmp_path / "ut" / "2021-04" / "indata" / f"{huvudbokscache.PREFIX}{'a' * 16}"
    if isinstance(fel, OSError):
        assert huvudbokscache.skriv(mal, "a" * 64, hela) is False
    else:
        with pytest.raises(KeyboardInterrupt):
            huvudbokscache.skriv(mal, "a" * 64, hela)
    assert list(mal.parent.iterdir()) == []


def test_arbetsprocessen_laser_den_sparade_huvudbok_som_huvudprocessen_tog_fram(projekt, sparad, tmp_path,
                                                                                  monkeypatch):
    """Huvudprocessen lämnar den sparade huvudbokens katalog och nyckel i beställningen: arbetsprocessen läser samma
    indata som den, utan att räkna om kontrollsummorna av indatafilerna."""
    mal, nyckel = sparad
    best = batch.Bestallning(ROT / "konfig" / "rapportverk.yaml", "delarsrapport", APRIL, tmp_path / "ut",
                             huvudbokscache=True)
    forberedd, _, delar, _ = batch._forbered(projekt, best)
    assert delar is not None and forberedd.huvudboksdelar == (mal, nyckel)
    monkeypatch.setattr(huvudbokscache, "nyckel", lambda *a, **k: pytest.fail("räknade nyckeln igen"))
    underlag = batch._underlag(projekt, forberedd)
    assert underlag._delar is not None and underlag._delar.katalog == mal
