"""Gemensamma fixturer: ett litet projekt i en temporär katalog som testerna kan förstöra på olika sätt."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[1]

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
