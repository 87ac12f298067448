"""Produktens första kommando: `rapport delar --period 2024-08` bygger alla nämnders rapporter."""

import subprocess
import sys
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_delar_augusti_2024_alla_namnder(tmp_path):
    r = subprocess.run([sys.executable, "-m", "rapportverk", "delar", "--period", "2024-08", "--ut", str(tmp_path)],
                       cwd=ROT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    filer = sorted(p.name for p in (tmp_path / "2024-08").iterdir() if not p.name.startswith("."))
    namnder = ["folkhogskolestyrelsen", "halso_och_sjukvardsnamnden", "patientnamnden",
               "regionala_utvecklingsnamnden", "regionstyrelsen", "revisionen"]
    for n in namnder:
        assert f"delarsrapport-{n}-2024-08.pdf" in filer and f"delarsrapport-{n}-2024-08.docx" in filer
    text = subprocess.run(["pdftotext", str(tmp_path / "2024-08" / "delarsrapport-regionstyrelsen-2024-08.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    assert "Delårsrapport per augusti 2024" in text and "Text saknas" not in text
    assert "Digitalisering och service" in text  # 2024 års organisation
