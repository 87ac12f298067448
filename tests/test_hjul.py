"""Paketet är självständigt: ett hjul installerat i en ren miljö utanför utcheckningen bygger exempelrapporterna ur en
kopia av projektets egna filer (konfig/, mallar/, data och textblock), byte för byte som utvecklingsinstallationen.

Det inbyggda (HTML-sidmall, stilmall, diagramstil, Word-mall) måste alltså komma ur hjulet, inte ur utcheckningen.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import kraver
from publicerade_tal import DELARSRAPPORT_2021, NBSP

ROT = Path(__file__).resolve().parents[1]
UV = Path(sys.executable).parent / "uv"
RAPPORT = ("delar", "--period", "2021-04", "--namnd", "regionstyrelsen")
PDF = Path("2021-04") / "delarsrapport-regionstyrelsen-2021-04.pdf"
DOCX = Path("2021-04") / "delarsrapport-regionstyrelsen-2021-04.docx"

pytestmark = pytest.mark.slow


def kor(*argv: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    r = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True, env=env)
    assert r.returncode == 0, f"{argv}\n{r.stdout}\n{r.stderr}"
    return r


def sha(fil: Path) -> str:
    return hashlib.sha256(fil.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def installerat(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Hjulet byggt ur utcheckningen och installerat (med beroendena ur uv.lock) i en ny miljö utanför den."""
    kraver(UV.exists(), f"uv saknas i {UV.parent} (installera med make install)")
    tmp = tmp_path_factory.mktemp("hjul")
    kor(UV, "build", "--wheel", "--quiet", "--out-dir", tmp / "dist", ROT, cwd=tmp)
    (hjul,) = (tmp / "dist").glob("rapportverk-*.whl")
    with zipfile.ZipFile(hjul) as z:
        namn = set(z.namelist())
    for fil in ("dokument.html.j2", "stil.css", "diagram.mplstyle", "referens.docx"):
        assert f"rapportverk/resurser/{fil}" in namn, f"{fil} saknas i hjulet"
    krav = tmp / "krav.txt"
    kor(UV, "export", "--frozen", "--no-emit-project", "--no-dev", "--format", "requirements-txt", "--quiet",
        "--output-file", krav, cwd=ROT)
    miljo = tmp / "miljo"
    kor(UV, "venv", "--quiet", "--python", sys.executable, miljo, cwd=tmp)
    python = miljo / "bin" / "python"
    kor(UV, "pip", "install", "--quiet", "--python", python, "--require-hashes", "-r", krav, cwd=tmp)
    kor(UV, "pip", "install", "--quiet", "--python", python, "--no-deps", hjul, cwd=tmp)
    return miljo


def test_hjulet_bygger_exempelrapporten_ur_en_kopia_av_projektet(installerat, tmp_path):
    projekt = tmp_path / "projekt"
    for katalog in ("konfig", "mallar", "exempeldata"):
        shutil.copytree(ROT / katalog, projekt / katalog, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    env = {"PATH": f"{installerat / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}

    # Paketet kommer ur den nya miljön, inte ur utcheckningen.
    var = kor(installerat / "bin" / "python", "-c", "import rapportverk.resurser as r; print(r.katalog())",
              cwd=projekt, env=env).stdout.strip()
    assert Path(var).is_relative_to(installerat) and not Path(var).is_relative_to(ROT)

    kor(installerat / "bin" / "rapport", *RAPPORT, "--ut", projekt / "ut", cwd=projekt, env=env)
    text = kor("pdftotext", "-layout", projekt / "ut" / PDF, "-", cwd=tmp_path).stdout
    summa = DELARSRAPPORT_2021["budgetavvikelse_per_omrade"]["Summa"][0].removeprefix("-")  # ack utfall, −1 150
    assert "Regionstyrelsen" in text and summa.replace(" ", NBSP) in text.replace(" ", NBSP)

    # Samma byte som utvecklingsinstallationen ger ur utcheckningen.
    kor(sys.executable, "-m", "rapportverk", *RAPPORT, "--ut", tmp_path / "utv", cwd=ROT)
    for fil in (PDF, DOCX):
        assert sha(projekt / "ut" / fil) == sha(tmp_path / "utv" / fil), f"{fil} skiljer sig"


def test_rapport_ny_ur_hjulet_bygger_docx_och_pdf(installerat, tmp_path):
    """Ett projekt som `rapport ny` skriver ur det installerade hjulet (startprojektet är paketdata) bygger direkt."""
    from rapportverk.bygg import nytt_projekt

    env = {"PATH": f"{installerat / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    kor(installerat / "bin" / "rapport", "ny", "region", cwd=tmp_path, env=env)
    region = tmp_path / "region"
    assert sorted(str(p.relative_to(region)) for p in region.rglob("*") if p.is_file()) == [
        str(f) for f in nytt_projekt.startfiler()]
    kor(installerat / "bin" / "rapport", "delar", "--period", "2024-08", "--namnd", "regionstyrelsen", cwd=region,
        env=env)
    ut = region / "ut" / "2024-08"
    (pdf,) = ut.glob("*regionstyrelsen*.pdf")
    (docx,) = ut.glob("*regionstyrelsen*.docx")
    text = kor("pdftotext", "-layout", pdf, "-", cwd=tmp_path).stdout
    assert "\u221253,0" in text  # Summa ack utfall t.o.m. augusti, räknat för hand i tests/test_nytt_projekt.py
    import docx as python_docx

    celler = {c.text for t in python_docx.Document(str(docx)).tables for r in t.rows for c in r.cells}
    assert "\u221253,0" in celler
