"""Gemensamma fixturer: ett litet projekt i en temporär katalog som testerna kan förstöra på olika sätt."""

from __future__ import annotations

import importlib
import os
import shutil
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

ROT = Path(__file__).resolve().parents[1]


# --- program och paket som testerna behöver ---------------------------------------------------------------


def i_ci() -> bool:
    """Körs vi i CI? CI=true (som GitHub och GitLab sätter); CI=false eller 0 räknas inte."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def kraver(villkor: object, orsak: str) -> None:
    """Ett test som behöver ett program eller paket som kan saknas på en utvecklares maskin: där hoppas det över
    med `orsak`, men i CI misslyckas det, så att CI aldrig tyst låter bli att prova något (make test installerar
    allt). Det enda stället testerna hoppar över för att något saknas."""
    if villkor:
        return
    if i_ci():
        pytest.fail(f"{orsak}; i CI ska det finnas (make test installerar det), så testet hoppas inte över.",
                    pytrace=False)
    pytest.skip(orsak, allow_module_level=True)


def kraver_program(namn: str, orsak: str) -> str:
    """Sökvägen till programmet `namn` (kraver: hoppa över lokalt, fel i CI)."""
    sokvag = shutil.which(namn)
    kraver(sokvag, orsak)
    assert sokvag is not None
    return sokvag


def kraver_modul(namn: str, orsak: str) -> ModuleType:
    """Python-modulen `namn` (kraver: hoppa över lokalt, fel i CI), i stället för pytest.importorskip."""
    try:
        return importlib.import_module(namn)
    except ImportError:
        kraver(False, orsak)
        raise


PDFTOTEXT = "pdftotext saknas (Debian-paketet poppler-utils)"
PIKEPDF = "pikepdf saknas (pip install -e .)"
PAGE = "page-validation saknas (pip install -e .)"
SOFFICE = "LibreOffice saknas (Debian-paketet libreoffice-writer-nogui)"

MINI_KONFIG = """\
organisation:
  namn: Testregionen
kallor:
  huvudbok:
    - fil: ../data/huvudbok.csv
      serie: utfall
      kolumner: {period: Period, enhet: Kst, konto: Konto, belopp: Belopp}
hierarkier:
  organisation:
    fil: ../data/organisation.csv
    nivaer: [enhet, delomrade, omrade, namnd]
  kostnadsslag: kostnadsslag.yaml
namnder:
  - id: styrelsen
    namn: Styrelsen
tabeller:
  per_omrade:
    rubrik: Per område
    rader: delomrade
    kolumner:
      - ack_utfall
      - ack_utfall_fg
"""

ORGANISATION = """\
enhet;delomrade;omrade;namnd
100;Service;Drift;styrelsen
101;Service;Drift;styrelsen
200;Stab;Ledning;styrelsen
"""

HUVUDBOK = """\
Period;Kst;Konto;Belopp
2021-01;100;5010;-1000,50
2021-02;101;3210;250
2021-03;200;6010;-300
2021-04;200;6010;0
2020-02;200;6010;-100
"""


class Mini:
    """Ett minimalt projekt: konfig/, data/. Metoderna skriver om en fil för ett testfall."""

    def __init__(self, rot: Path):
        self.rot = rot
        (rot / "konfig").mkdir()
        (rot / "data").mkdir()
        shutil.copy(ROT / "konfig" / "kostnadsslag.yaml", rot / "konfig" / "kostnadsslag.yaml")
        self.konfig.write_text(MINI_KONFIG, encoding="utf-8")
        self.skriv("organisation.csv", ORGANISATION)
        self.skriv("huvudbok.csv", HUVUDBOK)

    @property
    def konfig(self) -> Path:
        return self.rot / "konfig" / "rapportverk.yaml"

    def skriv(self, namn: str, text: str, kodning: str = "utf-8") -> Path:
        fil = self.rot / "data" / namn
        fil.write_text(textwrap.dedent(text), encoding=kodning)
        return fil

    def ersatt(self, gammalt: str, nytt: str) -> None:
        text = self.konfig.read_text(encoding="utf-8")
        assert gammalt in text, gammalt
        self.konfig.write_text(text.replace(gammalt, nytt, 1), encoding="utf-8")


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Mini:
    monkeypatch.chdir(tmp_path)
    return Mini(tmp_path)


@pytest.fixture(scope="session")
def projekt():
    """Exempelregionens projekt (konfig/rapportverk.yaml), laddat en gång för alla tester som bara läser det."""
    from rapportverk.underlag.tabeller import ladda_projekt

    return ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
