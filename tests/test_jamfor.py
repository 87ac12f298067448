"""Kända svar för `rapport jamfor` och det inkrementella bygget (issue 12, punkt 5 och 6).

Exempelprojektet kopieras och byggs en gång per testsession (två nämnder, bara PDF); varje test ändrar en kopia
av det bygget: en huvudboksrad (+1 234 567 kr) eller ett textblock.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
import yaml
from test_batch import kopiera_projekt, rapport

PERIOD = "2024-08"
NAMNDER = ("regionstyrelsen", "patientnamnden")
BYGG = ("delar", "--period", PERIOD, "--format", "pdf", "--jobb", "1",
        *(a for n in NAMNDER for a in ("--namnd", n)))
HUVUDBOK = "exempeldata/huvudbok_utfall_2024.parquet"
RAD = {"Period": "202403", "Kostnadsstalle": "10101", "Konto": "5010"}
TILLAGG = 1_234_567.0
TEXT = "exempeldata/texter/2024-08/regionstyrelsen/viktiga_handelser.md"
# Måtten (DESIGN §4) som läser utfallet för en månad i år före perioden: ack utfall och allt som räknas av det.
# Månadens utfall och avvikelse (augusti), föregående års utfall, budget och prognos läser inte raden.
LASER_ACK_UTFALL = {"ack_utfall", "ack_avvikelse", "ack_avvikelse_procent", "nettokostnadsutveckling", "r12",
                    "r12_procent", "diff_mot_plan", "diff_mot_fg", "forandring_mot_plan_procent", "saldo"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def byggt(tmp_path_factory) -> Path:
    rot = kopiera_projekt(tmp_path_factory.mktemp("jamfor") / "projekt")
    r = rapport(rot, *BYGG)
    assert r.returncode == 0, r.stderr
    return rot


def _kopia(byggt: Path, tmp_path: Path, namn: str) -> Path:
    mal = tmp_path / namn
    shutil.copytree(byggt, mal)  # copy2: filtiderna följer med, som för en katalog som ligger kvar
    return mal


def _andra_rad(rot: Path) -> int:
    """Lägg TILLAGG på raden RAD i huvudboken; radens nummer i filen (1 = första dataraden)."""
    fil = rot / HUVUDBOK
    ram = pl.read_parquet(fil).with_row_index("i")
    villkor = pl.all_horizontal(pl.col(k) == v for k, v in RAD.items())
    index = ram.filter(villkor)["i"].to_list()
    assert len(index) == 1
    ram.with_columns(pl.when(villkor).then(pl.col("Belopp") + TILLAGG).otherwise(pl.col("Belopp"))
                     .alias("Belopp")).drop("i").write_parquet(fil)
    return index[0] + 1


def _forvantade(rot: Path) -> set[tuple[str, str, str, str]]:
    """(rapport, tabell, rad, kolumn) som beror på raden, härlett ur konfigurationen utan rapportverks kod:
    raden hör till ett delområde (organisation.csv) och ett kostnadsslag (kostnadsslag.yaml); varje tabell av
    mått per delområde eller kostnadsslag i nämndens rapport visar den raden och summaraden."""
    with open(rot / "exempeldata/organisation.csv", encoding="utf-8") as f:
        org = {r["enhet"]: r for r in csv.DictReader(f, delimiter=";")}
    enhet = org[RAD["Kostnadsstalle"]]
    slag = yaml.safe_load((rot / "konfig/kostnadsslag.yaml").read_text(encoding="utf-8"))["rader"]

    def i(konto: str, intervall: list[str]) -> bool:
        return any(konto[:len(a)] >= a and konto[:len(a)] <= (b or a)
                   for a, _, b in (x.partition("-") for x in intervall))

    kostnadsslag = [s["namn"] for s in slag if i(RAD["Konto"], s["konton"])]
    konfig = yaml.safe_load((rot / "konfig/rapportverk.yaml").read_text(encoding="utf-8"))
    tabeller = konfig["tabeller"]
    visade = set(pl.read_parquet(rot / f"ut/{PERIOD}/tabeller/delarsrapport-{enhet['namnd']}-{PERIOD}.parquet")
                 ["tabell"].unique())
    ut = set()
    for namn in visade:
        t = tabeller[namn]
        if t.get("typ") or t.get("sektion", "verksamhet") != "verksamhet":
            continue
        rader = {"delomrade": [enhet["delomrade"]], "omrade": [enhet["omrade"]],
                 "kostnadsslag": [f"varav {k}" if any(s["namn"] == k and s.get("varav") for s in slag) else k
                                  for k in kostnadsslag]}[t["rader"]]
        for kolumn in t["kolumner"]:
            matt = kolumn if isinstance(kolumn, str) else kolumn["matt"]
            if matt in LASER_ACK_UTFALL:
                for rad in [*rader, t.get("summarad", "Summa")]:
                    ut.add((f"delarsrapport-{enhet['namnd']}-{PERIOD}", namn, rad, matt))
    return ut


def test_en_andrad_huvudboksrad(byggt, tmp_path):
    rot = _kopia(byggt, tmp_path, "rad")
    radnummer = _andra_rad(rot)
    assert rapport(rot, *BYGG, "--ut", "efter").returncode == 0
    r = rapport(rot, "jamfor", f"ut/{PERIOD}", f"efter/{PERIOD}", "--format", "json")
    assert r.returncode == 0, r.stderr  # utan --strikt
    data = json.loads(r.stdout)
    assert data["siffror_andrade"] is True
    assert [(i["fil"], i["slag"], i["andring"]) for i in data["indata"]] == [(HUVUDBOK, "huvudbok", "andrad")]
    [rad] = data["rader"]
    assert (rad["period"], rad["enhet"], rad["konto"], rad["serie"]) == ("2024-03", "10101", "5010", "utfall")
    assert (rad["fil_b"], rad["rad_b"], rad["fil_a"], rad["rad_a"]) == (HUVUDBOK, radnummer, HUVUDBOK, radnummer)
    assert rad["skillnad"] == pytest.approx(TILLAGG)
    andrade = {(s["dokument"], s["tabell"], s["rad"], s["kolumn"]) for s in data["siffror"]}
    assert andrade == _forvantade(rot)
    for s in data["siffror"]:
        assert s["andring"] == "andrad" and s["rader"] == [rad["id"]]
        if s["typ"] == "belopp":
            assert s["skillnad"] == pytest.approx(TILLAGG)

    assert rapport(rot, "jamfor", f"ut/{PERIOD}", f"efter/{PERIOD}", "--strikt").returncode == 1
    text = rapport(rot, "jamfor", f"ut/{PERIOD}", f"efter/{PERIOD}", "--ut", "j.xlsx")
    utskrift = text.stdout.replace("\u00a0", " ")  # tusentalen skiljs av hårda mellanslag
    assert f"{HUVUDBOK}:{radnummer}" in utskrift and "+1 234 567 kr" in utskrift

    import fastexcel

    assert fastexcel.read_excel(rot / "j.xlsx").sheet_names == ["indata", "siffror", "rader"]
    rader = pl.read_excel(rot / "j.xlsx", sheet_name="rader")
    assert rader.columns[:4] == ["Nr", "Ändring", "Period", "Enhet"] and rader.height == 1
    assert rader.row(0)[11:] == (HUVUDBOK, radnummer)
    assert pl.read_excel(rot / "j.xlsx", sheet_name="siffror").height == len(data["siffror"])


def test_textblock_inkrementellt(byggt, tmp_path):
    inkr, full = _kopia(byggt, tmp_path, "inkr"), _kopia(byggt, tmp_path, "full")
    for rot in (inkr, full):
        with open(rot / TEXT, "a", encoding="utf-8") as f:
            f.write("\nEn mening till om årets viktiga händelser.\n")
    r = rapport(inkr, *BYGG, "--inkrementell")
    assert r.returncode == 0, r.stderr
    assert f"regionstyrelsen: textblocket {TEXT} har ändrats" in r.stdout
    assert "Bygger om 1 av 2 rapporter" in r.stdout and "[1/1] regionstyrelsen" in r.stdout
    assert "patientnamnden: skrev" not in r.stdout
    assert rapport(full, *BYGG, "--full").returncode == 0

    def filer(rot: Path) -> dict[str, bytes]:
        return {f.relative_to(rot).as_posix(): f.read_bytes() for f in sorted((rot / "ut").rglob("*"))
                if f.is_file()}

    a, b = filer(inkr), filer(full)
    assert sorted(a) == sorted(b) and "ut/2024-08/manifest.json" in a
    assert [n for n in a if a[n] != b[n]] == []

    # Igen utan ändringar: inget byggs.
    r = rapport(inkr, *BYGG, "--inkrementell")
    assert "Bygger om 0 av 2 rapporter" in r.stdout

    j = rapport(inkr, "jamfor", str(byggt / "ut" / PERIOD), f"ut/{PERIOD}", "--format", "json", "--strikt")
    assert j.returncode == 0, j.stderr
    data = json.loads(j.stdout)
    assert data["siffror"] == [] and data["rader"] == [] and data["siffror_andrade"] is False
    assert [(i["fil"], i["slag"]) for i in data["indata"]] == [(TEXT, "textblock")]
    assert "ingen siffra har ändrats" in rapport(inkr, "jamfor", str(byggt / "ut" / PERIOD), f"ut/{PERIOD}").stdout


def test_jamfor_utan_manifest(byggt, tmp_path):
    r = rapport(byggt, "jamfor", f"ut/{PERIOD}", str(tmp_path))
    assert r.returncode == 1
    assert "manifest.json saknas" in r.stderr and "Traceback" not in r.stderr


def test_de_sparade_raderna_far_hierarkin_som_kategorier_med_samma_varden(tmp_path):
    """indataspar.las kopplar hierarkins kolumner (en gång per kostnadsställe och konto i filerna bredvid) till
    varje rad som kategorier, som i bygget: samma värden som när de kopplades som text, utan 10M strängar."""
    import datetime

    from rapportverk.utdata import indataspar

    huvudbok = pl.DataFrame({
        "period": [datetime.date(2024, 1, 1)] * 3, "enhet": ["10", "20", "10"], "konto": ["4010", "4010", "5010"],
        "serie": ["utfall"] * 3, "belopp": [1.0, 2.0, 3.0], "kalla": ["h.csv"] * 3, "rad": [2, 3, 4],
        "namnd": ["rs", "hsn", "rs"], "kostnadsslag": ["Personal", "Personal", "Lokaler"],
    }).with_columns(pl.col(pl.String).cast(pl.Categorical), pl.col("rad").cast(pl.UInt32))
    fil = indataspar.skriv(huvudbok, tmp_path)
    assert fil is not None
    las = indataspar.las(fil)
    assert las.schema["namnd"] == pl.Categorical and las.schema["kostnadsslag"] == pl.Categorical
    assert las.sort("rad")[["enhet", "namnd", "kostnadsslag"]].with_columns(pl.all().cast(pl.String)).rows() == [
        ("10", "rs", "Personal"), ("20", "hsn", "Personal"), ("10", "rs", "Lokaler")]
