"""Ögonblicksbilder av exempelrapporternas dokumentmodell (syrupy), som versionerad JSON.

Modellen är det läsaren kommer att se — text, tal, tabeller, layout — innan DOCX och PDF översätter den. En
ändring i en mall, en beräkning eller layouten syns därför som en diff i `__snapshots__/test_modell_snapshot/`,
en fil per rapport. Efter en avsiktlig ändring: `pytest tests/test_modell_snapshot.py --snapshot-update`, och
granska diffen. Modellen byggs utan att renderas; månadsrapporterna ritar många diagram och räknas som långsamma.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from rapportverk.bygg.batch import Bestallning, las
from rapportverk.bygg.rapport import tolka_period, valj_namnder
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.serialisera import VERSION, till_json
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

ROT = Path(__file__).resolve().parents[1]
KONFIG = ROT / "konfig" / "rapportverk.yaml"


class ModellJson(SingleFileSnapshotExtension):
    """En .json-fil per rapport, så att en ändring syns som en vanlig diff av modellens text."""

    _write_mode = WriteMode.TEXT
    file_extension = "json"


@functools.cache
def _projekt():
    return ladda_projekt(KONFIG)


@functools.cache
def _underlag(rapport: str, period: str) -> Underlag:
    p = _projekt()
    per = tolka_period(p, rapport, period)
    return Underlag(p, las(p, Bestallning(KONFIG, rapport, per, ROT / "ut")), per)


def _fall(rapport: str, period: str, namnder: list[str] | None = None, *marks) -> list:
    valda = namnder or valj_namnder(_projekt(), rapport, None)
    return [pytest.param(rapport, period, n, id=f"{rapport}-{n}-{period}", marks=marks) for n in valda]


# Exempelrapporterna, som dokumentationens exempel och CI bygger dem.
FALL = [
    *_fall("delarsrapport", "2024-08"),
    *_fall("delarsrapport_region", "2024-08"),
    *_fall("delarsrapport", "2021-04", ["regionstyrelsen"]),
    *_fall("manadsrapport", "2024-10", None, pytest.mark.slow),
    *_fall("indikatorer", "2024-01"),
    *_fall("aterrapport", "2024"),
]


@pytest.mark.parametrize(("rapport", "period", "namnd"), FALL)
def test_modellen(snapshot, rapport: str, period: str, namnd: str):
    dok = bygg_dokument(_underlag(rapport, period), rapport, namnd)
    text = till_json(dok)
    assert json.loads(text)["version"] == VERSION
    assert text == snapshot(extension_class=ModellJson)
