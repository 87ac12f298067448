"""benchmarks/readme_tabell.py skriver bara om raderna mellan bench-markeringarna (issue 23, punkt 5)."""

import importlib.util
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parent.parent


def _modul():
    spec = importlib.util.spec_from_file_location("readme_tabell", ROT / "benchmarks" / "readme_tabell.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def test_bara_tabellen_mellan_markeringarna_skrivs_om():
    m = _modul()
    text = "# Rubrik\nFöre.\n<!-- bench:start -->\n| gammal |\n<!-- bench:end -->\nEfter.\n"
    assert m.skriv_om(text, "| ny |\n|---|\n") == (
        "# Rubrik\nFöre.\n<!-- bench:start -->\n| ny |\n|---|\n<!-- bench:end -->\nEfter.\n")


def test_saknade_markeringar_ar_ett_fel():
    with pytest.raises(SystemExit, match="hittar inte markeringarna"):
        _modul().skriv_om("# Rubrik\n", "| ny |")


def test_readme_har_markeringarna():
    text = (ROT / "README.md").read_text(encoding="utf-8")
    assert text.count("<!-- bench:start -->") == 1 and text.count("<!-- bench:end -->") == 1
