"""`rapport ny KATALOG`: ett nytt projekt ur paketets startprojekt, som byggs direkt av en användare.

Siffrorna som testerna väntar sig är räknade för hand ur exempeldatan (exempeldata/generera_startprojekt.py skriver
den): varje konto på ett kostnadsställe har ett grundbelopp per månad; lönerna (5010) är halva i juli, så att
januari–augusti är 7,5 månadsbelopp och januari–oktober 9,5; allt annat summerar till 8 respektive 10 månadsbelopp
(månadsprofilen är 1 i oktober). Huvudboken har debet positivt och vänds vid inläsningen; budgeten är i tkr.

Regionstyrelsen, januari–augusti 2024 (kr, kostnad positiv som i exporten):
- Regionledning, utfall: 1100: 1 000 000·7,5 + 200 000·8 + 150 000·8 + 30 000·8 = 10 540 000;
  1110: 1 600 000·7,5 + 300 000·8 + 150 000·8 + 20 000·8 = 15 760 000; summa 26 300 000 → −26,3 Mkr.
  Föregående år 10 165 000 + 14 930 000 = 25 095 000 → −25,1; utveckling 26 300/25 095 − 1 = 4,8 %.
  Budget 10 500 000 + 15 050 000 = 25 550 000: avvikelse −750 000 → −0,8; −750/25 550 = −2,9 %.
  Årsbudget 1100: 1 000 000·11,5 + 200 000·12 + 150 000·12 + 25 000·12 = 16 000 000; 1110: 22 950 000 → −39,0.
- Service och fastighet, utfall: 1200: (800 000·7,5 + 150 000·8 + 2 500 000·8 + 1 000 000·8) − 2 000 000·8
  = 19 200 000; 1210: (1 200 000·7,5 + 200 000·8 + 100 000·8 + 10 000·8) − 500 000·8 = 7 480 000; → −26,7.
  Föregående år 17 770 000 + 7 065 000 = 24 835 000 → −24,8; 26 680/24 835 − 1 = 7,4 %. Budget 17 600 000 +
  6 680 000 = 24 280 000: avvikelse −2 400 000 → −2,4; −9,9 %. Årsbudget 26 600 000 + 10 320 000 → −36,9.
- Summa −52 980 000 → −53,0; föregående år −49 930 000 → −49,9; 6,1 %; avvikelse −3 150 000 → −3,2 (−6,3 %);
  årsbudget −75 870 000 → −75,9. Prognos: −1,5 + −2,5 = −4,0 Mkr.
- Personal: 280 anställda (170 kvinnor, 110 män), 275 året före. Sjukfrånvaro januari–augusti: kvinnor
  medel(7,0 7,2 6,4 5,6 5,0 4,6 3,6 4,2) − 0,3 = 5,15 %, män 0,7·5,45 − 0,3 = 3,515 %; vägt med timmarna
  (170·5,15 + 110·3,515)/280 = 4,5 %; 2023 (165·5,45 + 110·3,815)/275 = 4,8 %.

Hälso- och sjukvårdsnämnden, oktober 2024:
- Specialiserad vård i oktober: 2200: −300 000 + 1 500 000 + 4 000 000 + 12 000 000 + 2 000 000 + 1 000 000 =
  20 200 000; 2210: 14 650 000; → −34,9. Budget 19 200 000 + 14 650 000 = 33 850 000 → −33,9; avvikelse −1,0.
  Januari–oktober 2023: 181 500 000 + 135 750 000 → −317,3; 2024: 196 000 000 + 141 500 000 → −337,5; budget
  186 250 000 + 141 500 000, avvikelse −9 750 000 → −9,8.
- Hela nämnden i oktober: 9 700 000 + 34 850 000 = 44 550 000 → 44,6; budget 43 400 000; 1 150 000 → 1,2 mer.
- Prognos per oktober: −2,0 + −13,0 = −15,0. Regionstyrelsen i tabellen över nämnderna: utfall 66 800 000,
  budget 62 850 000 (→ −62,9), avvikelse −3 950 000 (→ −4,0), årsbudget −75,9, prognos −1,5 + −3,0 = −4,5.
- Investeringar t.o.m. oktober: (4,0 + 1,5 + 0,8)·10 = 63,0 mot prognos 45 + 18 + 11 = 74,0 och budget 78,0.
- Anställda i oktober 280 + 1 080 + 66 = 1 426 (1 432 året före); sjukfrånvaro kvinnor 5,6 − 0,3 = 5,3 %, män
  0,7·5,6 − 0,3 = 3,62 %: (1 050·5,3 + 376·3,62)/1 426 = 4,9 %; 2023 (1 056·5,6 + 376·3,92)/1 432 = 5,2 %.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import PDFTOTEXT, kraver_program

from rapportverk.bygg import nytt_projekt

ROT = Path(__file__).resolve().parents[1]
MINUS = "\u2212"


def rapport(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    """Kommandot som användaren kör: venv:ens konsolskript `rapport`, annars samma sak genom `python -m`."""
    skript = Path(sys.executable).with_name("rapport")
    kommando = [str(skript)] if skript.exists() else [sys.executable, "-m", "rapportverk"]
    return subprocess.run([*kommando, *argv], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"})


def ny(tmp_path: Path, namn: str = "region") -> Path:
    r = rapport("ny", namn, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return tmp_path / namn


def rader(text: str) -> str:
    """pdftotext -layout: hårda mellanslag som vanliga och kolumnernas mellanrum som ett."""
    return re.sub(r"[ \t]+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


# --- Snabba: kommandot och filerna -----------------------------------------------------------------------------


def test_ny_skriver_projektet_och_nasta_kommandon(tmp_path):
    r = rapport("ny", "region", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    skapade = sorted(str(p.relative_to(tmp_path / "region")) for p in (tmp_path / "region").rglob("*")
                     if p.is_file())
    assert skapade == [str(f) for f in nytt_projekt.startfiler()]
    assert f"Skapade region med {len(skapade)} filer:" in r.stdout
    assert "  konfig/: kostnadsslag.yaml, rapportverk.yaml" in r.stdout
    assert "  cd region\n  rapport delar --period 2024-08\n  rapport manad --period 2024-10\n" in r.stdout
    # Inget tillfälligt kvar bredvid, och README:n har samma kommandon som utskriften.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["region"]
    readme = (tmp_path / "region" / "README.md").read_text(encoding="utf-8")
    for kommando in nytt_projekt.EXEMPELKOMMANDON:
        assert kommando in readme


def test_ny_vagrar_en_katalog_som_inte_ar_tom(tmp_path):
    (tmp_path / "region").mkdir()
    (tmp_path / "region" / "anteckningar.txt").write_text("mitt\n", encoding="utf-8")
    r = rapport("ny", "region", cwd=tmp_path)
    assert r.returncode == 1
    assert "katalogen region finns redan och är inte tom" in r.stderr and "Traceback" not in r.stderr
    assert [p.name for p in (tmp_path / "region").iterdir()] == ["anteckningar.txt"]
    assert (tmp_path / "region" / "anteckningar.txt").read_text(encoding="utf-8") == "mitt\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["region"]
    # En fil med samma namn är inte heller en plats för ett projekt.
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    r = rapport("ny", "fil", cwd=tmp_path)
    assert r.returncode == 1 and "fil finns redan och är inte en katalog" in r.stderr


def test_ny_i_en_tom_katalog_och_i_en_som_inte_finns(tmp_path):
    (tmp_path / "tom").mkdir()
    assert (ny(tmp_path, "tom") / "konfig" / "rapportverk.yaml").is_file()
    assert (ny(tmp_path, "regioner/vast") / "konfig" / "rapportverk.yaml").is_file()
    # `mkdir region && cd region && rapport ny .`: samma katalog (inode) som skalet står i får filerna.
    (tmp_path / "har").mkdir()
    inode = (tmp_path / "har").stat().st_ino
    r = rapport("ny", ".", cwd=tmp_path / "har")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "har").stat().st_ino == inode
    assert sorted(p.name for p in (tmp_path / "har").iterdir()) == ["README.md", "data", "konfig", "mallar", "texter"]
    assert "Skapade . med" in r.stdout and "cd " not in r.stdout and "  rapport delar --period 2024-08" in r.stdout


@pytest.mark.parametrize("fanns", [False, True], ids=["ny katalog", "tom katalog"])
@pytest.mark.parametrize("nar", ["skrivning", "flytt"])
def test_ett_avbrott_lamnar_inget_halvskrivet(tmp_path, monkeypatch, fanns, nar):
    katalog = tmp_path / "region"
    if fanns:
        katalog.mkdir()
    anrop = []
    # En ny katalog får sitt namn med ett enda namnbyte (avbrottet kommer i det); i en tom katalog flyttas
    # posterna en i taget (avbrottet kommer när tre är flyttade).
    grans = 0 if nar == "flytt" and not fanns else 3

    def avbryt(original):
        def gor(self, *args):
            if len(anrop) == grans:
                raise KeyboardInterrupt
            anrop.append(self)
            return original(self, *args)
        return gor

    metod = "write_bytes" if nar == "skrivning" else "rename"
    monkeypatch.setattr(Path, metod, avbryt(getattr(Path, metod)))
    with pytest.raises(KeyboardInterrupt):
        nytt_projekt.skapa_projekt(katalog)
    # Varken projektet eller den tillfälliga katalogen är kvar; en tom katalog som fanns är tom igen.
    if fanns:
        assert list(tmp_path.iterdir()) == [katalog] and list(katalog.iterdir()) == []
    else:
        assert list(tmp_path.iterdir()) == []


def test_startprojektet_har_det_en_region_byter_men_inte_inbyggda_standarder():
    filer = {str(f) for f in nytt_projekt.startfiler()}
    assert {"mallar/referens.docx", "mallar/stil.css", "README.md", "konfig/rapportverk.yaml",
            "konfig/kostnadsslag.yaml", "mallar/delarsrapport/rapport.md", "mallar/manadsrapport/rapport.md"} <= filer
    assert not any(f.endswith(("dokument.html.j2", "diagram.mplstyle")) or "__pycache__" in f for f in filer)


def test_exempeldatan_ar_den_som_generatorn_skriver(tmp_path, monkeypatch):
    """Startprojektets data/ är exakt det exempeldata/generera_startprojekt.py skriver (ingen handändring)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("generera_startprojekt",
                                                  ROT / "exempeldata" / "generera_startprojekt.py")
    assert spec and spec.loader
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    monkeypatch.setattr(modul, "UT", tmp_path)
    modul.main()
    data = nytt_projekt.startprojekt() / "data"
    skrivna = sorted(p.name for p in tmp_path.iterdir())
    assert skrivna == sorted(p.name for p in data.iterdir())
    for namn in skrivna:
        assert (tmp_path / namn).read_bytes() == (data / namn).read_bytes(), namn


def test_tabellerna_ur_exempeldatan_som_csv(tmp_path):
    """Oavrundade tal (rapport tabell --format csv) ur ett nytt projekt, utan att bygga någon rapport."""
    projekt = ny(tmp_path)
    r = rapport("tabell", "budgetavvikelse_per_omrade", "--period", "2024-08", "--namnd", "regionstyrelsen",
                "--format", "csv", cwd=projekt)
    assert r.returncode == 0, r.stderr
    assert "Regionledning;normal;-26.3;-25.095;" in r.stdout
    assert "Summa;summa;-52.98;-49.93;" in r.stdout
    # Tabellen över alla nämnder har varje nämnds prognos, också i en annan nämnds rapport.
    r = rapport("tabell", "resultat_per_namnd", "--period", "2024-10", "--namnd", "halso_och_sjukvardsnamnden",
                "--format", "csv", cwd=projekt)
    assert r.returncode == 0, r.stderr
    prognos = {rad.split(";")[0]: rad.split(";")[-1] for rad in r.stdout.splitlines()[1:]}
    assert prognos == {"Regionstyrelsen": "-4.5", "Hälso- och sjukvårdsnämnden": "-15.0",
                       "Regionala utvecklingsnämnden": "-3.5", "Summa nämnder": "-23.0"}


# --- Långsamma: hela rapporter, byggda och lästa tillbaka som en användare gör --------------------------------


@pytest.fixture(scope="module")
def byggt(tmp_path_factory) -> Path:
    projekt = ny(tmp_path_factory.mktemp("nytt"))
    for argv in (("delar", "--period", "2024-08"), ("manad", "--period", "2024-10")):
        r = rapport(*argv, cwd=projekt)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "3 av 3 rapporter byggda" in r.stdout
    return projekt


def pdftext(fil: Path) -> str:
    kraver_program("pdftotext", PDFTOTEXT)
    return rader(subprocess.run(["pdftotext", "-layout", str(fil), "-"], capture_output=True, text=True,
                                check=True).stdout)


def docx_tabell(fil: Path, rubrik: str) -> list[list[str]]:
    """Tabellen vars rubrik (tabellens alternativa rubrik, tblCaption) är `rubrik`, som rader av celltexter."""
    import docx
    from docx.oxml.ns import qn

    for t in docx.Document(str(fil)).tables:
        caption = t._tbl.tblPr.find(qn("w:tblCaption"))
        if caption is not None and caption.get(qn("w:val")) == rubrik:
            return [[c.text for c in rad.cells] for rad in t.rows]
    raise AssertionError(f"ingen tabell '{rubrik}' i {fil.name}")


def docx_text(fil: Path) -> str:
    import docx

    return rader("\n".join(p.text for p in docx.Document(str(fil)).paragraphs))


@pytest.mark.slow
def test_delarsrapporten_regionstyrelsen_pdf(byggt):
    text = pdftext(byggt / "ut" / "2024-08" / "delarsrapport-regionstyrelsen-2024-08.pdf")
    assert "Delårsrapport per augusti 2024" in text and "Region Exempel" in text and "Text saknas" not in text
    for rad in (f"Regionledning {MINUS}26,3 {MINUS}25,1 4,8 {MINUS}0,8 {MINUS}2,9 {MINUS}39,0",
                f"Service och fastighet {MINUS}26,7 {MINUS}24,8 7,4 {MINUS}2,4 {MINUS}9,9 {MINUS}36,9",
                f"Summa {MINUS}53,0 {MINUS}49,9 6,1 {MINUS}3,2 {MINUS}6,3 {MINUS}75,9",
                f"Summa {MINUS}75,9 {MINUS}79,9 {MINUS}4,0"):
        assert rad in text
    enkel = re.sub(r"\s+", " ", text)
    assert ("Nettokostnaden till och med augusti 2024 är 53,0 miljoner kronor. Det är 3,2 miljoner kronor mer än "
            f"budgeten för perioden ({MINUS}6,3 %). Jämfört med samma period föregående år har nettokostnaden ökat "
            "med 6,1 %.") in enkel
    assert f"Service och fastighet har den största avvikelsen mot budget, {MINUS}2,4 miljoner kronor." in enkel
    assert "i genomsnitt 280 månadsavlönade medarbetare, 170 kvinnor och 110 män. Det är 5 fler" in enkel
    assert "Sjukfrånvaron var 4,5 % av den ordinarie arbetstiden under perioden, mot 4,8 %" in enkel
    assert "underskott mot budgeten på 4,0 miljoner kronor" in enkel


@pytest.mark.slow
def test_delarsrapporten_regionstyrelsen_docx(byggt):
    fil = byggt / "ut" / "2024-08" / "delarsrapport-regionstyrelsen-2024-08.docx"
    tabell = docx_tabell(fil, "Budgetavvikelse per område t.o.m. augusti 2024")
    assert tabell[-1] == ["Summa", f"{MINUS}53,0", f"{MINUS}49,9", "6,1", f"{MINUS}3,2", f"{MINUS}6,3",
                          f"{MINUS}75,9"]
    assert [r[0] for r in tabell[-3:]] == ["Regionledning", "Service och fastighet", "Summa"]
    text = docx_text(fil)
    assert "Nettokostnaden till och med augusti 2024 är 53,0 miljoner kronor." in text
    # Stapeldiagrammets alternativtext har tabellens tal.
    with zipfile.ZipFile(fil) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert f"Regionledning {MINUS}0,8; Service och fastighet {MINUS}2,4." in xml


@pytest.mark.slow
def test_manadsrapporten_halso_och_sjukvard_pdf(byggt):
    text = pdftext(byggt / "ut" / "2024-10" / "manadsrapport-halso_och_sjukvardsnamnden-2024-10.pdf")
    assert "Månadsrapport oktober 2024" in text and "Text saknas" not in text
    for rad in (f"Specialiserad vård {MINUS}34,9 {MINUS}33,9 {MINUS}1,0 {MINUS}317,3 {MINUS}337,5 {MINUS}9,8",
                f"Regionstyrelsen {MINUS}66,8 {MINUS}62,9 {MINUS}4,0 {MINUS}75,9 {MINUS}4,5",
                "Totalt 63,0 74,0 78,0 4,0",
                f"Totalt 1 426 1 432 {MINUS}6 4,9 5,2"):
        assert rad in text
    enkel = re.sub(r"\s+", " ", text)
    assert ("Nettokostnaden i oktober 2024 var 44,6 miljoner kronor, vilket är 1,2 miljoner kronor mer än budgeten "
            "för månaden.") in enkel
    assert f"prognos per oktober 2024 är en avvikelse mot årsbudgeten på {MINUS}15,0 miljoner kronor." in enkel


@pytest.mark.slow
def test_manadsrapporten_halso_och_sjukvard_docx(byggt):
    fil = byggt / "ut" / "2024-10" / "manadsrapport-halso_och_sjukvardsnamnden-2024-10.docx"
    tabell = docx_tabell(fil, "Resultatrapport oktober 2024")
    assert ["Specialiserad vård", f"{MINUS}34,9", f"{MINUS}33,9", f"{MINUS}1,0", f"{MINUS}317,3", f"{MINUS}337,5",
            f"{MINUS}9,8"] in tabell
    namnder = docx_tabell(fil, "Nämndernas resultat t.o.m. oktober 2024")
    assert {r[0]: r[-1] for r in namnder[1:]} == {
        "Regionstyrelsen": f"{MINUS}4,5", "Hälso- och sjukvårdsnämnden": f"{MINUS}15,0",
        "Regionala utvecklingsnämnden": f"{MINUS}3,5", "Summa nämnder": f"{MINUS}23,0"}
    assert f"årsbudgeten på {MINUS}15,0 miljoner kronor." in docx_text(fil)
