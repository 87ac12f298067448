"""Batch: alla nämnder parallellt, ett fel per nämnd för sig, delning (--shard) för CI, verifiering.

De långsamma testerna bygger exempelregionens rapporter (bara PDF, för att spara tid) i en kopia av
projektet, så att ett test kan förstöra ett textblock utan att röra det riktiga.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapportverk.bygg import batch
from rapportverk.period import Period

ROT = Path(__file__).resolve().parents[1]
NAMNDER = ["regionstyrelsen", "halso_och_sjukvardsnamnden", "regionala_utvecklingsnamnden", "folkhogskolestyrelsen",
           "patientnamnden", "revisionen"]


def rapport(cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    # Utan terminal (som i CI): stdout och stderr är pipes.
    return subprocess.run([sys.executable, "-m", "rapportverk", *argv], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(cwd)})


def kopiera_projekt(mal: Path) -> Path:
    for katalog in ("konfig", "mallar", "exempeldata"):
        shutil.copytree(ROT / katalog, mal / katalog, ignore=shutil.ignore_patterns("__pycache__"))
    return mal


def byggda(katalog: Path) -> dict[str, str]:
    """Rapportfilerna i katalogen med sin SHA-256."""
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(katalog.glob("*.pdf"))}


# --- delning ----------------------------------------------------------------------------------------------


def test_tolka_shard():
    assert batch.tolka_shard("1/2") == (1, 2)
    assert batch.tolka_shard(" 3 / 4 ") == (3, 4)


@pytest.mark.parametrize("text", ["1", "0/2", "3/2", "a/b", "1/0", "-1/2", "1/2/3", ""])
def test_ogiltig_shard(text):
    with pytest.raises(ValueError, match=r"K/N|mellan 1"):
        batch.tolka_shard(text)


@given(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True), unique=True, max_size=50),
       st.integers(1, 9))
def test_delarna_ger_varje_namnd_exakt_en_gang(namnder, n):
    delar = [batch.valj_shard(namnder, k, n) for k in range(1, n + 1)]
    alla = [x for d in delar for x in d]
    assert sorted(alla) == sorted(namnder)
    assert max(map(len, delar)) - min(map(len, delar)) <= 1  # jämnt fördelade


def test_delning_beror_inte_pa_ordningen_i_konfigurationen():
    a = batch.valj_shard(NAMNDER, 1, 2)
    b = batch.valj_shard(list(reversed(NAMNDER)), 1, 2)
    assert sorted(a) == sorted(b) == ["folkhogskolestyrelsen", "patientnamnden", "regionstyrelsen"]
    assert a == [n for n in NAMNDER if n in a]  # byggs i konfigurationens ordning


# --- kommandoraden: fel i argumenten stoppar innan något byggs -------------------------------------------


@pytest.mark.parametrize(("argv", "text"), [
    (["--shard", "3/2"], "--shard: '3/2': delen K ska vara mellan 1"),
    (["--shard", "ett/två"], "ska skrivas K/N"),
    (["--alla", "--namnd", "styrelsen"], "antingen --alla eller --namnd"),
    (["--jobb", "0"], "--jobb: '0' ska vara minst 1"),
])
def test_felaktiga_flaggor_ger_kod_2(mini, argv, text):
    r = rapport(mini.rot, "delar", "--period", "2021-04", *argv)
    assert r.returncode == 2, r.stderr
    assert text in r.stderr and "Traceback" not in r.stderr


def test_verifiera_utan_manifest_ger_kod_1(tmp_path):
    r = rapport(tmp_path, "verifiera", "ut/2021-04")
    assert r.returncode == 1
    assert "ut/2021-04/manifest.json: manifest.json saknas" in r.stderr


# --- hela byggen --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_en_trasig_namnd_stoppar_inte_de_andra(tmp_path):
    projekt = kopiera_projekt(tmp_path)
    trasig = projekt / "exempeldata" / "texter" / "2021-04" / "revisionen" / "inledning.md"
    trasig.parent.mkdir(parents=True, exist_ok=True)
    trasig.write_text("Revisionens kostnader är {{ ack_avvikelsen() }}.\n", encoding="utf-8")

    r = rapport(projekt, "delar", "--period", "2021-04", "--alla", "--jobb", "2", "--format", "pdf")

    assert r.returncode == 1, r.stderr
    assert "\x1b[" not in r.stdout + r.stderr  # inga färgkoder i en CI-logg
    assert "[6/6]" in r.stdout and "revisionen: misslyckades" in r.stdout
    assert "5 av 6 rapporter byggda" in r.stdout
    assert ("1 nämnd kunde inte byggas:\n  revisionen:\n    Fel: exempeldata/texter/2021-04/revisionen/"
            "inledning.md:1: okänt namn 'ack_avvikelsen'") in r.stderr
    filer = byggda(projekt / "ut" / "2021-04")
    assert sorted(filer) == sorted(f"delarsrapport-{n}-2021-04.pdf" for n in NAMNDER if n != "revisionen")
    manifest = json.loads((projekt / "ut" / "2021-04" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["rapporter"]) == 5 and "delarsrapport-revisionen-2021-04" not in manifest["rapporter"]


@pytest.mark.slow
def test_delar_och_verifiering(tmp_path):
    """--shard 1/2 och 2/2 bygger tillsammans alla nämnder en gång; verifieringen bygger om dem och ska ge
    samma byte, och ska hitta ett ändrat textblock.

    Samma byte oavsett --jobb: del 1 byggs i den här processen (--jobb 1) och del 2 i två arbetsprocesser,
    och verifieringen bygger om allt i två arbetsprocesser. Att den går igenom visar att antalet processer
    inte påverkar en enda byte (ett eget test av det vore ytterligare en omgång byggen)."""
    projekt = kopiera_projekt(tmp_path)
    forsta = rapport(projekt, "delar", "--period", "2021-04", "--shard", "1/2", "--jobb", "1", "--format", "pdf")
    efter_forsta = byggda(projekt / "ut" / "2021-04")
    andra = rapport(projekt, "delar", "--period", "2021-04", "--shard", "2/2", "--jobb", "2", "--format", "pdf")
    assert forsta.returncode == 0 and andra.returncode == 0, forsta.stderr + andra.stderr
    alla = byggda(projekt / "ut" / "2021-04")
    assert len(efter_forsta) == 3 and len(alla) == 6
    assert sorted(alla) == sorted(f"delarsrapport-{n}-2021-04.pdf" for n in NAMNDER)

    manifest = json.loads((projekt / "ut" / "2021-04" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["rapporter"]) == 6  # del 2 slogs ihop med del 1
    post = manifest["rapporter"]["delarsrapport-regionstyrelsen-2021-04"]
    # Dokumenten; siffrorna (tabeller/) och huvudboksraderna (indata/) står också bland utdata.
    assert {n: h for n, h in post["utdata"].items() if "/" not in n} == {
        "delarsrapport-regionstyrelsen-2021-04.pdf": alla["delarsrapport-regionstyrelsen-2021-04.pdf"]}
    assert sorted(n.split("/")[0] for n in post["utdata"] if "/" in n) == ["indata", "tabeller"]
    for fil in ("konfig/rapportverk.yaml", "konfig/kostnadsslag.yaml", "exempeldata/organisation.csv",
                "exempeldata/huvudbok_utfall_2021.parquet", "mallar/delarsrapport/rapport.md",
                "rapportverk:resurser/stil.css", "exempeldata/texter/2021-04/regionstyrelsen/viktiga_handelser.md"):
        assert fil in post["indata"], fil
    assert post["kommando"][:2] == ["rapport", "delar"] and post["version"]

    r = rapport(projekt, "verifiera", "ut/2021-04", "--jobb", "2")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Verifierat: alla 6 rapporter byggs om byte för byte lika" in r.stdout

    text = projekt / "exempeldata" / "texter" / "2021-04" / "regionstyrelsen" / "viktiga_handelser.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nEn mening till.\n", encoding="utf-8")
    # Bara två nämnder den här gången (--namnd), så att testet inte bygger om alla sex igen.
    r = rapport(projekt, "verifiera", "ut/2021-04", "--namnd", "regionstyrelsen", "--namnd", "revisionen")
    assert r.returncode == 1
    assert ("Indata som har ändrats sedan bygget:\n  exempeldata/texter/2021-04/regionstyrelsen/viktiga_handelser.md "
            "(delarsrapport-regionstyrelsen-2021-04)") in r.stdout
    assert ("Filer som byggs om till andra byte än i manifestet:\n  delarsrapport-regionstyrelsen-2021-04.pdf\n"
            in r.stdout)
    assert "revisionen-2021-04.pdf" not in r.stdout.split("andra byte")[1]  # den andra nämnden är oförändrad

    # Som om revisionens PDF byggts med en annan WeasyPrint: andra byte, samma indata, en annan version i manifestet.
    katalog = projekt / "ut" / "2021-04"
    pdf = katalog / "delarsrapport-revisionen-2021-04.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% annan version\n")
    data = json.loads((katalog / "manifest.json").read_text(encoding="utf-8"))
    post = data["rapporter"]["delarsrapport-revisionen-2021-04"]
    post["utdata"][pdf.name] = hashlib.sha256(pdf.read_bytes()).hexdigest()
    nu = post["versioner"]["weasyprint"]
    post["versioner"]["weasyprint"] = "69.0"
    (katalog / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    r = rapport(projekt, "verifiera", "ut/2021-04", "--namnd", "revisionen")
    assert r.returncode == 1
    assert f"Versioner som skiljer sig från bygget:\n  weasyprint 69.0 → {nu}" in r.stdout
    assert (f"Skillnaderna i utdata kommer med en versionsändring (weasyprint 69.0 → {nu}), inte med en ändring i "
            "indata") in r.stdout


def test_ci_exemplen_anvander_flaggor_som_finns():
    import re

    import typer
    import yaml

    from rapportverk.cli import app

    flaggor = {o for p in typer.main.get_command(app).commands["delar"].params for o in p.opts}
    for fil in sorted((ROT / "exempel" / "ci").glob("*.yml")):
        text = fil.read_text(encoding="utf-8")
        yaml.safe_load(text)
        kommandon = re.findall(r"rapport delar [^\n]*", text)
        assert kommandon, fil
        for kommando in kommandon:
            assert "--shard" in kommando and "--alla" in kommando
            assert set(re.findall(r"--[a-z]+", kommando)) <= flaggor, kommando


# --- mätningarnas påhittade region (mätningarna själva körs bara med make bench) ----------------------------


def _benchmodul(namn: str):
    """En modul ur benchmarks/ (som inte är ett paket), registrerad i sys.modules som när skripten körs."""
    spec = importlib.util.spec_from_file_location(namn, ROT / "benchmarks" / f"{namn}.py")
    modul = importlib.util.module_from_spec(spec)
    sys.modules[namn] = modul  # dataklasserna slår upp sin modul där
    spec.loader.exec_module(modul)
    return modul


def _benchprojekt(tmp_path: Path):
    """Mätningarnas konfiguration och mallar i en kopia (data skriver testet själv); modulen syntetisk."""
    for katalog in ("mallar", "konfig"):
        shutil.copytree(ROT / katalog, tmp_path / katalog)
    (tmp_path / "benchmarks").mkdir()
    shutil.copy(ROT / "benchmarks" / "rapportverk.yaml", tmp_path / "benchmarks")
    return _benchmodul("syntetisk")


def test_syntetisk_region_har_den_deklarerade_formen(tmp_path):
    from rapportverk.kallor import las_indata
    from rapportverk.underlag.tabeller import ladda_projekt

    syntetisk = _benchprojekt(tmp_path)
    rader = syntetisk.MANADSSERIER * 100
    form = syntetisk.forbered(rader, tmp_path / "benchmarks" / "data")
    forsta = {f.name: f.read_bytes() for f in (tmp_path / "benchmarks" / "data").glob("*.parquet")}
    syntetisk.forbered(rader, tmp_path / "benchmarks" / "data2")
    assert forsta == {f.name: f.read_bytes() for f in (tmp_path / "benchmarks" / "data2").glob("*.parquet")}

    assert (form.namnder, form.kostnadsstallen, form.konton) == (40, 2400, 450)
    assert len(set(syntetisk.konton())) == 450
    projekt = ladda_projekt(tmp_path / "benchmarks" / "rapportverk.yaml")
    assert projekt.namnd_ids == [syntetisk.namnd_id(i) for i in range(40)]
    indata = las_indata(projekt, Period(2021, 4))
    assert indata.huvudbok.height == rader
    assert indata.organisation.height == 2400 and indata.organisation["namnd"].n_unique() == 40


@pytest.mark.slow
def test_matstegen_for_en_rapport_gar_att_kora(tmp_path):
    """`steg.py rapport` (make bench-detaljer) på en liten påhittad region: varje mätning görs. Steget hade
    slutat fungera (stilmallen lästes ur en inställning som numera får vara tom) utan att något test märkte det."""
    syntetisk = _benchprojekt(tmp_path)
    syntetisk.forbered(syntetisk.MANADSSERIER * 20, tmp_path / "benchmarks" / "data")
    steg = _benchmodul("steg")
    r = steg.rapport(1, tmp_path / "benchmarks" / "rapportverk.yaml")
    for namn in ("docx", "pdf", "docx_pdf", "dokumentmodell", "dokumentmodell_utan_diagram", "rendera_pdf",
                 "weasyprint", "kall_docx_pdf"):
        assert len(r[namn]) == 1 and r[namn][0] > 0, namn
    assert r["sidor"] >= 5 and r["namnd"] == syntetisk.namnd_id(0)


@pytest.mark.slow
def test_biblioteket_bygger_samma_byte_som_kommandoraden(tmp_path):
    """Ett CI-skript som anropar bygge.bygg får samma rapporter och samma manifest som `rapport delar`."""
    from rapportverk.bygg import bygge
    from rapportverk.underlag.tabeller import ladda_projekt

    konfig = ROT / "konfig" / "rapportverk.yaml"
    resultat = bygge.bygg(ladda_projekt(konfig), "delarsrapport", "2021-04", konfig=konfig,
                          namnder=["regionstyrelsen", "revisionen"], format=("docx", "pdf"), ut=tmp_path / "bib",
                          jobb=1, kommando=["rapport", "delar"])
    assert [r.namnd for r in resultat.lyckade] == ["regionstyrelsen", "revisionen"]
    r = rapport(ROT, "delar", "--period", "2021-04", "--namnd", "regionstyrelsen", "--namnd", "revisionen",
                "--ut", str(tmp_path / "cli"), "--jobb", "2")
    assert r.returncode == 0, r.stderr

    def innehall(katalog: Path) -> dict[str, str]:
        return {str(p.relative_to(katalog)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(katalog.rglob("*")) if p.is_file() and p.name != "manifest.json"}

    bib, cli = tmp_path / "bib" / "2021-04", tmp_path / "cli" / "2021-04"
    assert innehall(bib) == innehall(cli) and len(innehall(bib)) >= 6
    poster = [{n: {k: v for k, v in post.items() if k != "kommando"}
               for n, post in json.loads((k / "manifest.json").read_text(encoding="utf-8"))["rapporter"].items()}
              for k in (bib, cli)]
    assert poster[0] == poster[1]
