"""`rapport kolla` med en controllers egna exporter, i ett projekt från `rapport ny`.

De tre exporterna görs av startprojektets egna exempeldata, så att rätt svar är känt: huvudboken 2023 som
Windows-1252 med komma som avgränsare, decimalpunkt och kostnader positiva i tkr (som Raindance); huvudboken 2024
som Excel med rapportnamn ovanför rubriken på rad 4, datum som period och kostnader negativa i kronor (som Agresso);
budgeten som Parquet med perioden som '202401' och kostnader negativa i tkr (som ett datalager). Issue 25: kolla
föreslår konfigurationen, och delårsrapporten byggd med den har samma siffror som den byggd av exemplets filer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from rapportverk.bygg.nytt_projekt import skapa_projekt
from rapportverk.kolla import Val, kolla
from rapportverk.konfig import ladda

KONTONAMN = {"3": "Försäljning av tjänster", "4": "Köpt vård", "5": "Löner och arvoden", "6": "Lokalkostnader",
             "7": "Övriga kostnader"}
EXPORTER = {"raindance_hb_2023.csv": "data/huvudbok_2023.csv", "agresso_huvudbok_2024.xlsx": "data/huvudbok_2024.csv",
            "dw_budget_2024.parquet": "data/budget_2024.csv"}


def rapport(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    """Kommandot som användaren kör; hårda mellanslag i talen som vanliga, så att testerna läses lätt."""
    skript = Path(sys.executable).with_name("rapport")
    kommando = [str(skript)] if skript.exists() else [sys.executable, "-m", "rapportverk"]
    r = subprocess.run([*kommando, *argv], cwd=cwd, capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8",
                            "HOME": os.environ.get("HOME", "/tmp"),
                            **{k: v for k, v in os.environ.items() if k.startswith("KOLLA_")}})
    r.stdout, r.stderr = (s.replace("\u00a0", " ").replace("\u202f", " ") for s in (r.stdout, r.stderr))
    return r


def skriv_exporter(rot: Path) -> Path:
    """Exemplets huvudbok och budget som tre exporter av andra slag, i rot/export/."""
    data, ut = rot / "data", rot / "export"
    ut.mkdir(exist_ok=True)
    hb23 = pl.read_csv(data / "huvudbok_2023.csv", separator=";", infer_schema=False)
    rader = ["Månad,Ansvar,Konto,Kontonamn,Belopp tkr"]
    for period, ansvar, konto, belopp in hb23.iter_rows():
        tkr = float(belopp.replace(",", ".")) / 1000
        rader.append(f"{period[:4]}-{period[4:]},{ansvar},{konto},{KONTONAMN.get(konto[0], 'Övrigt')},{tkr:.3f}")
    (ut / "raindance_hb_2023.csv").write_bytes(("\r\n".join(rader) + "\r\n").encode("cp1252"))

    import xlsxwriter

    hb24 = pl.read_csv(data / "huvudbok_2024.csv", separator=";", infer_schema=False)
    bok = xlsxwriter.Workbook(str(ut / "agresso_huvudbok_2024.xlsx"))
    blad = bok.add_worksheet("Huvudbok")
    blad.write(0, 0, "Huvudbok Region Exempel")
    blad.write(1, 0, "Utskriven 2024-11-05 av ekonomistaben")
    blad.write_row(3, 0, ["Period", "Kostnadsställe", "Konto", "Belopp"])
    datum = bok.add_format({"num_format": "yyyy-mm-dd"})
    for i, (period, ansvar, konto, belopp) in enumerate(hb24.iter_rows(), start=4):
        ar, manad = int(period[:4]), int(period[4:])
        blad.write_datetime(i, 0, dt.datetime(ar, manad, calendar.monthrange(ar, manad)[1]), datum)
        blad.write_string(i, 1, ansvar)
        blad.write_number(i, 2, int(konto))
        blad.write_number(i, 3, -float(belopp.replace(",", ".")))
    bok.close()

    budget = pl.read_csv(data / "budget_2024.csv", separator=";", infer_schema=False)
    pl.DataFrame({"bolag": ["100"] * budget.height, "period": budget["Period"].str.replace("-", ""),
                  "ansvar": budget["Ansvar"], "konto": budget["Konto"],
                  "belopp_tkr": -budget["Belopp tkr"].str.replace(",", ".").cast(pl.Float64)}
                 ).write_parquet(ut / "dw_budget_2024.parquet")
    return ut


@pytest.fixture
def projekt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    rot = tmp_path / "region"
    skapa_projekt(rot)
    skriv_exporter(rot)
    monkeypatch.chdir(rot)
    return rot


def varden(r) -> dict[str, str | None]:
    return {k: b.varde for k, b in r.beslut.items()}


# --- biblioteket: varje export känns igen ------------------------------------------------------------------------


def test_raindance_cp1252_decimalpunkt_kostnader_positiva_i_tkr(projekt):
    r = kolla("export/raindance_hb_2023.csv", ladda("konfig/rapportverk.yaml"),
              Val(ersatt=Path("data/huvudbok_2023.csv")))
    assert varden(r) == {"kodning": "cp1252", "separator": ",", "rubrikrad": "1", "periodformat": "ÅÅÅÅ-MM",
                         "decimal": ".", "tusental": "inget", "tecken": "kostnad_positiv", "enhet": "tkr",
                         "serie": "utfall", "ar": "2023"}
    assert {f: b.varde for f, b in r.kolumner.items()} == {"period": "Månad", "enhet": "Ansvar", "konto": "Konto",
                                                           "belopp": "Belopp tkr", "serie": None}
    assert r.ovriga_kolumner == ("Kontonamn",) and r.osakra == [] and r.provad and r.okanda == ()
    assert r.manader == tuple(f"2023-{m:02d}" for m in range(1, 13)) and r.rader == 588
    assert r.ersatter == "../data/huvudbok_2023.csv" and not r.ovrigt["overlapp"]
    # Kostnaderna blir negativa efter inläsningen, som i rapporterna, och varje krona hamnar på en rad.
    assert r.provlasning.kostnader < 0 < r.provlasning.intakter
    assert sum(s.export for s in r.per_manad) == pytest.approx(-665_155_000)
    assert all(s.utan_rad == 0 and s.export == pytest.approx(s.verksamhet) for s in r.per_manad + r.per_namnd)
    assert [s.namn for s in r.per_namnd] == ["Hälso- och sjukvårdsnämnden", "Regionala utvecklingsnämnden",
                                             "Regionstyrelsen"]


def test_excel_med_rubriken_pa_rad_4(projekt):
    r = kolla("export/agresso_huvudbok_2024.xlsx", ladda("konfig/rapportverk.yaml"),
              Val(ersatt=Path("data/huvudbok_2024.csv")))
    assert varden(r) == {"blad": "Huvudbok", "rubrikrad": "4", "periodformat": "datum", "tecken": "kostnad_negativ",
                         "enhet": "kr", "serie": "utfall", "ar": "2024"}
    assert r.forslag == {"fil": "../export/agresso_huvudbok_2024.xlsx", "rubrikrad": 4, "ar": 2024, "serie": "utfall",
                         "tecken": "kostnad_negativ", "enhet": "kr",
                         "kolumner": {"period": "Period", "enhet": "Kostnadsställe", "konto": "Konto",
                                      "belopp": "Belopp"}}
    assert "'Huvudbok Region Exempel'" in r.beslut["rubrikrad"].skal
    assert r.provad and r.osakra == [] and r.manader[-1] == "2024-10"


def test_parquet_med_perioden_som_aaaamm(projekt):
    r = kolla("export/dw_budget_2024.parquet", ladda("konfig/rapportverk.yaml"),
              Val(ersatt=Path("data/budget_2024.csv")))
    assert r.forslag == {"fil": "../export/dw_budget_2024.parquet", "ar": 2024, "serie": "budget",
                         "tecken": "kostnad_negativ", "enhet": "tkr", "periodformat": "ÅÅÅÅMM",
                         "kolumner": {"period": "period", "enhet": "ansvar", "konto": "konto", "belopp": "belopp_tkr"}}
    assert r.ovriga_kolumner == ("bolag",) and r.provad and r.osakra == []
    assert "tusen gånger mindre" in r.beslut["enhet"].skal


def test_csv_med_forspann_och_tvetydigt_decimaltecken(projekt):
    (projekt / "export/rd.csv").write_text(
        "Raindance resultatrapport;;;\nUtskriven 2024-09-02;;;\n;;;\nPeriod;Ansvar;Konto;Belopp tkr\n"
        "202408;1100;5010;950.000\n202408;1100;3010;-12.500\n202408;1200;6010;743.823\n", encoding="utf-8")
    r = rapport("kolla", "export/rd.csv", cwd=projekt)
    assert ("Rubrikrad            4 — kolumnnamnen står på rad 4; raderna ovanför ('Raindance resultatrapport', "
            "'Utskriven 2024-09-02', tom) är inte data") in r.stdout
    assert "      rubrikrad: 4\n" in r.stdout and "Provläsning med förslaget: 3 rader lästa utan fel" in r.stdout
    assert ("  - Decimaltecken: alla tal med punkt ser ut som '950.000': tre decimaler (t.ex. tkr) eller punkt som "
            "tusentalsavgränsare går inte att skilja åt; ange rätt med --decimal.") in r.stdout
    r = rapport("kolla", "export/rd.csv", "--decimal", ".", "--enhet", "tkr", cwd=projekt)
    assert "Decimaltecken        '.' (punkt) — angivet med --decimal" in r.stdout
    assert "Kostnader −1 693 823 kr, intäkter 12 500 kr" in r.stdout


def test_excel_med_perioden_som_tal(projekt):
    """Excel sparar 202401 som flyttal; läsaren tar det som perioden 202401, inte '202401.0'."""
    pl.DataFrame({"Period": [202401, 202402], "Ansvar": ["1100", "1200"], "Konto": [5010, 3010],
                  "Belopp": [-1_000_500.0, 20_000.0]}).write_excel(projekt / "export/tal.xlsx")
    r = kolla("export/tal.xlsx", ladda("konfig/rapportverk.yaml"))
    assert r.provad, r.provlasning
    assert r.forslag["periodformat"] == "ÅÅÅÅMM" and r.manader == ("2024-01", "2024-02")


def test_utan_konfiguration_granskas_filen_anda(projekt, tmp_path):
    r = kolla(projekt / "export/raindance_hb_2023.csv")
    assert r.provad and r.per_manad == () and "ingen konfiguration" in r.anmarkningar[0]
    # Utan andra källor att jämföra med säger de tre decimalerna tkr.
    assert r.beslut["enhet"].varde == "tkr" and "tre decimaler" in r.beslut["enhet"].skal


# --- kommandoraden -----------------------------------------------------------------------------------------------


def test_kolla_skriver_svenska_och_foreslar_kallan(projekt):
    r = rapport("kolla", "export/raindance_hb_2023.csv", "--ersatt", "data/huvudbok_2023.csv", cwd=projekt)
    assert r.returncode == 2 and "--ersatt gäller med --skriv" in r.stderr
    r = rapport("kolla", "export/raindance_hb_2023.csv", cwd=projekt)
    ut = r.stdout
    assert "Teckenkodning        cp1252 (Windows-1252) — inte giltig UTF-8 (byte 0xE5 på rad 1)" in ut
    assert "Decimaltecken        '.' (punkt) — tal som '1500.000' har decimalpunkt" in ut
    assert "    - fil: ../export/raindance_hb_2023.csv\n      kodning: cp1252\n      separator: \",\"\n" in ut
    assert "Provläsning med förslaget: 588 rader lästa utan fel" in ut
    assert "Varje krona i exporten hamnar på en rad i rapporterna." in ut
    # Exemplets fil har redan samma utfall: kolla säger det, och ger kod 1 tills den ersätts.
    assert "källan data/huvudbok_2023.csv i konfigurationen har redan utfall för 2023-01 – 2023-12" in ut
    assert "ersätt den med --ersatt data/huvudbok_2023.csv" in ut
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_skriv_vagrar_overlapp_och_en_kalla_som_redan_finns(projekt):
    fore = (projekt / "konfig/rapportverk.yaml").read_bytes()
    r = rapport("kolla", "export/raindance_hb_2023.csv", "--skriv", cwd=projekt)
    assert r.returncode == 1 and "räknas två gånger" in r.stderr
    r = rapport("kolla", "data/huvudbok_2024.csv", "--skriv", cwd=projekt)
    assert r.returncode == 1
    assert "en källa med filen finns redan under kallor.huvudbok (fil: ../data/huvudbok_2024.csv)" in r.stderr
    assert (projekt / "konfig/rapportverk.yaml").read_bytes() == fore


def test_skriv_ersatter_kallan_och_behaller_resten_av_filen(projekt):
    konfig = projekt / "konfig/rapportverk.yaml"
    fore = konfig.read_text(encoding="utf-8")
    r = rapport("kolla", "export/dw_budget_2024.parquet", "--skriv", "--ersatt", "data/budget_2024.csv", cwd=projekt)
    assert r.returncode == 0, r.stderr
    assert "Ersatte källan ../data/budget_2024.csv med förslaget i konfig/rapportverk.yaml." in r.stdout
    efter = konfig.read_text(encoding="utf-8")
    borta = set(fore.splitlines()) - set(efter.splitlines())
    # Bara budgetkällans rader (och kommentaren som beskrev den) är borta; alla andra kommentarer står kvar.
    assert "    # Budgeten per månad från budgetsystemet: tusentals kronor, kostnader positiva." in borta
    assert all(rad.strip().startswith(("- fil: ../data/budget", "periodformat", "kolumner", "tecken", "# Budgeten"))
               for rad in borta), borta
    assert "    - fil: ../export/dw_budget_2024.parquet" in efter
    assert [k.fil for k in ladda(konfig).konfig.kallor.huvudbok] == [
        "../data/huvudbok_2023.csv", "../data/huvudbok_2024.csv", "../export/dw_budget_2024.parquet"]
    assert not list(konfig.parent.glob(".*"))  # inga tillfälliga filer kvar


def test_okanda_koder_med_belopp_forsta_rad_och_andel(projekt):
    fil = projekt / "export/raindance_hb_2023.csv"
    with fil.open("ab") as f:
        f.write("2023-05,9999,5010,Löner och arvoden,100.000\r\n2023-05,1100,9990,Okänt,50.000\r\n".encode("cp1252"))
    r = rapport("kolla", "export/raindance_hb_2023.csv", "--ersatt", "data/huvudbok_2023.csv", "--skriv",
                cwd=projekt)
    assert r.returncode == 1
    assert ("kostnadsställe '9999': 1 rader, −100 000 kr, under 0,1 % av beloppen; första raden "
            "export/raindance_hb_2023.csv:590") in r.stdout
    assert "konto '9990': 1 rader, −50 000 kr" in r.stdout and "export/raindance_hb_2023.csv:591" in r.stdout
    assert "−150 000 kr i exporten hamnar inte på någon rad i rapporterna" in r.stdout
    rad_maj = next(rad for rad in r.stdout.splitlines() if rad.strip().startswith("2023-05"))
    assert rad_maj.split()[-2:] == ["−150", "000"]
    # Förslaget i sig går att läsa, så det skrivs in; koderna rättas i organisationen och kontoplanen.
    assert "Ersatte källan ../data/huvudbok_2023.csv" in r.stdout


def test_json_for_ci(projekt):
    r = rapport("kolla", "export/agresso_huvudbok_2024.xlsx", "export/dw_budget_2024.parquet", "--format", "json",
                cwd=projekt)
    svar = json.loads(r.stdout)
    assert [s["fil"] for s in svar] == ["export/agresso_huvudbok_2024.xlsx", "export/dw_budget_2024.parquet"]
    assert svar[0]["forslag"]["rubrikrad"] == 4 and svar[1]["forslag"]["periodformat"] == "ÅÅÅÅMM"
    assert svar[0]["provad"] and svar[0]["kan_inte_avgora"] == []
    assert r.returncode == 1  # exemplets filer har samma månader
    assert "har redan utfall" in svar[0]["anmarkningar"][0]


def test_det_som_inte_kan_avgoras_namnges_med_flaggan(projekt):
    (projekt / "export/export.csv").write_text("Period;Kst;Konto;Belopp\n2024-01;1100;9010;4500\n"
                                               "2024-02;1100;9010;5500\n", encoding="utf-8")
    r = rapport("kolla", "export/export.csv", cwd=projekt)
    assert "Kan inte avgöra (förslaget har det troligaste; kontrollera det)" in r.stdout
    assert "  - Serie: varken en kolumn eller namnet 'export.csv' säger om det är utfall eller budget; utfall är " \
           "antaget; ange rätt med --serie." in r.stdout
    assert "  - Tecken: inget konto kan sägas vara kostnad eller intäkt" in r.stdout
    r = rapport("kolla", "export/export.csv", "--serie", "budget", "--tecken", "kostnad_positiv", "--enhet", "tkr",
                cwd=projekt)
    assert "      serie: budget\n      tecken: kostnad_positiv\n      enhet: tkr\n" in r.stdout
    assert "Serie                budget — angivet med --serie" in r.stdout
    r = rapport("kolla", "export/export.csv", "--enhet", "ton", cwd=projekt)
    assert r.returncode == 2 and "'ton' ska vara en av kr, tkr, mkr" in r.stderr


# --- fientlig indata: svenska meddelanden, aldrig en traceback -----------------------------------------------------


@pytest.mark.parametrize(("namn", "innehall", "text"), [
    ("tom.csv", b"", "export/tom.csv: filen är tom; exportera den igen."),
    ("bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "export/bild.csv: filen är binär, inte text"),
    ("rubrik.csv", b"Period;Ansvar;Konto;Belopp\n", "export/rubrik.csv: filen har bara en rad och inga data"),
    ("rubrik.xlsx", "excel", "export/rubrik.xlsx: bladet 'Sheet1' har högst en rad och inga data"),
    ("utf16.csv", "Period;Konto\n2024-01;5010\n".encode("utf-16"), "filen är kodad som UTF-16"),
    ("trasig.parquet", b"PAR1 inte alls parquet", "filen kan inte läsas som Parquet"),
    ("trasig.xlsx", b"Period;Konto\n", "filen kan inte läsas som Excel (.xlsx): den är en textfil"),
    ("stort.csv", b"Period;Ansvar;Konto;Belopp\n2024-01;1100;5010;1e20\n2024-02;1100;5010;12,5\n",
     "export/stort.csv:2: kolumnen 'Belopp' ('1e20') är orimligt stort"),
])
def test_fientlig_indata(projekt, namn, innehall, text):
    if innehall == "excel":
        pl.DataFrame(schema={"Period": pl.Utf8, "Konto": pl.Utf8}).write_excel(projekt / "export" / namn)
    else:
        (projekt / "export" / namn).write_bytes(innehall)
    r = rapport("kolla", f"export/{namn}", cwd=projekt)
    assert r.returncode == 1, r.stdout
    assert text in r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "Internt fel" not in r.stderr


def test_fil_som_inte_finns_och_katalog(projekt):
    r = rapport("kolla", "export/finns_inte.csv", "export", cwd=projekt)
    assert r.returncode == 1
    assert "Fel: export/finns_inte.csv: filen finns inte; kontrollera sökvägen." in r.stdout
    assert "Fel: export: sökvägen är en katalog; ange själva exportfilen." in r.stdout


def test_en_enda_datarad_gar_att_granska(projekt):
    (projekt / "export/en_rad.csv").write_text("Period;Ansvar;Konto;Belopp\n202408;1100;5010;1250,50\n",
                                               encoding="utf-8")
    r = kolla("export/en_rad.csv", ladda("konfig/rapportverk.yaml"))
    assert r.provad and r.rader == 1 and r.forslag["periodformat"] == "ÅÅÅÅMM"


def test_fil_utanfor_projektet_granskas_men_skrivs_inte_in(projekt, tmp_path):
    utanfor = tmp_path / "nedladdat"
    utanfor.mkdir()
    (utanfor / "hb.parquet").write_bytes((projekt / "export/dw_budget_2024.parquet").read_bytes())
    r = rapport("kolla", str(utanfor / "hb.parquet"), "--skriv", "--ersatt", "data/budget_2024.csv", cwd=projekt)
    assert r.returncode == 1
    assert "filen ligger utanför projektet" in r.stdout
    assert "kopiera den till projektets data/ och kör rapport kolla på kopian" in r.stderr
    assert "hb.parquet" not in (projekt / "konfig/rapportverk.yaml").read_text(encoding="utf-8")


def test_trasig_konfiguration_hindrar_inte_granskningen(projekt):
    (projekt / "konfig/rapportverk.yaml").write_text("organisation: [\n", encoding="utf-8")
    r = rapport("kolla", "export/dw_budget_2024.parquet", cwd=projekt)
    assert r.returncode == 0, r.stderr
    assert "konfigurationen kunde inte läsas: konfig/rapportverk.yaml:2:" in r.stdout
    r = rapport("kolla", "export/dw_budget_2024.parquet", "--skriv", cwd=projekt)
    assert r.returncode == 2 and "konfigurationen kunde inte läsas" in r.stderr


# --- en tabell i en databas ---------------------------------------------------------------------------------------


def test_tabell_i_duckdb(projekt):
    duckdb = pytest.importorskip("duckdb")
    with duckdb.connect(str(projekt / "data/lager.duckdb")) as con:
        con.execute("CREATE TABLE budget AS SELECT * FROM read_parquet(?)",
                    [str(projekt / "export/dw_budget_2024.parquet")])
    r = kolla("data/lager.duckdb", ladda("konfig/rapportverk.yaml"),
              Val(tabell="budget", ersatt=Path("data/budget_2024.csv")))
    assert r.format == "duckdb" and r.provad, r.provlasning
    assert r.forslag["sql"] == {"anslutning": "../data/lager.duckdb", "tabell": "budget"}
    assert (r.forslag["enhet"], r.forslag["tecken"], r.forslag["periodformat"]) == ("tkr", "kostnad_negativ",
                                                                                    "ÅÅÅÅMM")
    assert "    - sql:\n        anslutning: ../data/lager.duckdb\n        tabell: budget\n" in r.yaml


def test_tabell_i_postgresql(projekt, monkeypatch):
    import importlib.util

    import pgkluster
    from conftest import kraver

    kraver(pgkluster.binarer(), "PostgreSQL-programmen saknas (Debian-paketet postgresql)")
    kraver(importlib.util.find_spec("adbc_driver_postgresql"), "ADBC-drivrutinen för PostgreSQL saknas")
    with pgkluster.kluster("hemligt-i-kolla") as k:
        budget = pl.read_parquet(projekt / "export/dw_budget_2024.parquet")
        pgkluster.ladda(k.uri_med_losenord(), {"budget": budget}, numeric={"budget.belopp_tkr": "numeric(18,3)"})
        monkeypatch.setenv("KOLLA_LOSENORD", "hemligt-i-kolla")
        r = rapport("kolla", k.uri(), "--tabell", "budget", "--losenord-miljo", "KOLLA_LOSENORD", cwd=projekt)
        assert r.returncode == 1, r.stderr  # exemplets budget har samma månader
        assert "Granskar " + k.uri() + " (budget) (PostgreSQL, 588 rader" in r.stdout
        assert (f"    - sql:\n        anslutning: {k.uri()}\n        tabell: budget\n"
                "        losenord_miljo: KOLLA_LOSENORD\n") in r.stdout
        assert "      enhet: tkr\n" in r.stdout and "Provläsning med förslaget: 588 rader lästa utan fel" in r.stdout
        assert "hemligt-i-kolla" not in r.stdout + r.stderr


# --- issue 25, klart när: kolla föreslår konfigurationen, och rapporten får samma siffror ------------------------


def _siffror(rot: Path) -> pl.DataFrame:
    delar = [pl.read_parquet(f) for f in sorted((rot / "ut/2024-08/tabeller").glob("delarsrapport-*.parquet"))]
    assert len(delar) == 3
    return pl.concat(delar).select("namnd", "tabell", "rad", "kolumn", "varde", "visat").sort(
        "namnd", "tabell", "rad", "kolumn")


@pytest.mark.slow
def test_tre_exporter_ger_samma_delarsrapport_som_exemplet(tmp_path):
    exemplet, egna = tmp_path / "exemplet", tmp_path / "egna"
    for rot in (exemplet, egna):
        assert rapport("ny", rot.name, cwd=tmp_path).returncode == 0
    skriv_exporter(egna)
    for export, exemplets in EXPORTER.items():
        r = rapport("kolla", f"export/{export}", "--skriv", "--ersatt", exemplets, cwd=egna)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "Kan inte avgöra: inget" in r.stdout and "Varje krona i exporten hamnar på en rad" in r.stdout
    kallor = [k.fil for k in ladda(egna / "konfig/rapportverk.yaml").konfig.kallor.huvudbok]
    assert kallor == [f"../export/{e}" for e in EXPORTER]
    for rot in (exemplet, egna):
        r = rapport("delar", "--period", "2024-08", "--format", "docx", cwd=rot)
        assert r.returncode == 0, r.stderr
    a, b = _siffror(exemplet), _siffror(egna)
    assert a.height > 100
    assert a.drop("varde").equals(b.drop("varde"))
    assert a["varde"].to_list() == pytest.approx(b["varde"].to_list(), nan_ok=True)
