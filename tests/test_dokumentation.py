"""Dokumentationens genererade delar ska stämma med koden: referenssidorna i docs/referens/ (också måttlistan, som
README förr hade), och docs/ ska byggas med mkdocs utan varningar. README börjar med de två kommandona."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import kraver_modul
from pydantic import BaseModel

from rapportverk.cli.dokumentation import beskrivning, kommandon, konfigmodeller, referenssidor
from rapportverk.konfig.beskrivningar import BESKRIVNINGAR

ROT = Path(__file__).resolve().parents[1]
README = ROT / "README.md"
REFERENS = ROT / "docs" / "referens"


def test_readme_borjar_med_tva_kommandon():
    block = re.findall(r"```[a-z]*\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert [b.strip() for b in block[:2]] == ["make rapport", "make test"]


@pytest.mark.parametrize("namn", sorted(referenssidor()))
def test_referenssidan_ar_aktuell(namn: str):
    # Sidan görs om i minnet och jämförs med den incheckade: en ny flagga, ett nytt mått eller en ny nyckel i
    # konfigurationen utan att referensen gjorts om är ett fel här, inte en tyst inaktuell dokumentation.
    incheckad = (REFERENS / namn).read_text(encoding="utf-8")
    assert incheckad == referenssidor()[namn], f"docs/referens/{namn} är inaktuell; kör: make docs och checka in"


def test_referensen_har_varje_kommando_och_varje_konfigmodell():
    sidor = referenssidor()
    for namn in kommandon():
        assert f"## `rapport {namn}`" in sidor["cli.md"]
    for modell in ("Konfig", "Kalla", "Sql", "Tabell", "Rapportfil", "Kostnadsslagplan"):
        assert f"\n## {modell}\n" in sidor["konfig.md"]
    assert "`tabell(namn, bred=False, namnd=None)`" in sidor["mallfunktioner.md"]
    assert "`mkr`" in sidor["mallfunktioner.md"]
    assert "| `decimaler` |" in sidor["konfig.md"] and "| `etikett` |" in sidor["konfig.md"]


def test_varje_nyckel_i_konfigurationen_har_en_beskrivning():
    # En ny nyckel utan en rad i konfig/beskrivningar.py (eller Field(description=...)) syns här, liksom en rad
    # för en nyckel som inte längre finns.
    utan = [f"{m.__name__}.{n}" for m in konfigmodeller() for n in m.model_fields if not beskrivning(m, n)]
    assert not utan, f"skriv en rad om varje nyckel i src/rapportverk/konfig/beskrivningar.py: {utan}"
    finns = {f"{k.__name__}.{n}" for m in konfigmodeller() for k in m.__mro__
             if isinstance(k, type) and issubclass(k, BaseModel) for n in k.model_fields}
    assert not set(BESKRIVNINGAR) - finns, f"rader för nycklar som inte finns: {set(BESKRIVNINGAR) - finns}"


@pytest.mark.slow
def test_docs_byggs_utan_varningar(tmp_path: Path):
    kraver_modul("mkdocs", "mkdocs saknas (extra-gruppen docs: make install)")
    kraver_modul("material", "mkdocs-material saknas (extra-gruppen docs: make install)")
    resultat = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROT / "mkdocs.yml"),
         "-d", str(tmp_path / "site")],
        cwd=ROT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert resultat.returncode == 0, resultat.stderr
    assert "WARNING" not in resultat.stderr, resultat.stderr
    for sida in ("index.html", "ekonomistab/index.html", "redaktorer/index.html", "ci-it/index.html",
                 "referens/cli/index.html", "referens/matt/index.html", "referens/konfig/index.html",
                 "referens/mallfunktioner/index.html"):
        assert (tmp_path / "site" / sida).is_file(), sida
