"""Dokumentmodellen som versionerad JSON (dokument/serialisera.py)."""

from __future__ import annotations

import hashlib
import json

from dokumentprov import provdokument

from rapportverk.dokument.layout import ordna
from rapportverk.dokument.modell import Dokument, Lank, Meta, Stycke, Text
from rapportverk.dokument.serialisera import VERSION, som_data, till_json


def test_version_och_ordnad_modell():
    data = json.loads(till_json(ordna(provdokument(0))))
    assert data["version"] == VERSION == 1
    assert data["ordnad"] is True
    assert [b["slag"] for b in data["block"]][:4] == ["Titelsida", "Innehall", "Rubrik", "Stycke"]


def test_bilder_som_kontrollsumma_inte_byte():
    dok = provdokument(0)
    figur = next(b for b in dok.block if type(b).__name__ == "Figur")
    data = som_data(dok)
    ut = next(b for b in data["block"] if b["slag"] == "Figur")
    assert ut["png"] == "sha256:" + hashlib.sha256(figur.png).hexdigest()
    assert ut["id"] == "figur-1"


def test_text_ar_strangar_och_inline_har_slag():
    dok = Dokument(Meta("T", "F"), (Stycke((Text("Se "), Lank((Text("webben"),), "https://example.se"))),))
    assert som_data(dok)["block"] == [
        {"slag": "Stycke", "innehall": ["Se ", {"slag": "Lank", "innehall": ["webben"], "url": "https://example.se"}]}]


def test_samma_modell_ger_samma_text_och_en_tabellrad_per_rad():
    a, b = till_json(ordna(provdokument(0))), till_json(ordna(provdokument(0)))
    assert a == b and a.endswith("}\n")
    summa = [r for r in a.splitlines() if '"celler": ["Summa"' in r]
    assert len(summa) == 2 and all('"typ": "summa"' in r and '"fet": true' in r for r in summa)
