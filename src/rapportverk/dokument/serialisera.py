"""Dokumentmodellen som versionerad JSON: det läsaren kommer att se, oberoende av DOCX och PDF.

Som pandoc-types JSON: ett verktyg utanför Python kan läsa modellen, och ögonblicksbilderna av exempelrapporternas
modeller (tests/test_modell_snapshot.py) visar varje ändring av text, tal och layout som en diff att granska.

Formen (version 1):

- `{"version": 1, "meta": {...}, "ordnad": true, "block": [...]}`;
- ett block eller en inline-del är ett objekt med `"slag"` (klassens namn: Rubrik, Tabell, Betonad …) och
  fälten i modellens ordning; en ren textdel (`Text`) är bara strängen;
- bilder står som `"sha256:<hex>"` i stället för sina byte;
- ett objekt eller en lista som bara har enkla värden står på en rad (en tabellrad, en kolumnrubrik), så att en
  ändring i en cell blir en ändrad rad i diffen.

Samma modell ger alltid samma text: fälten i klassens ordning, tal som Python skriver dem (kortaste form).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from rapportverk.dokument.modell import Dokument, Text

VERSION = 1

# Block och inline-delar kan vara flera slag på samma plats: de får sitt slag utskrivet. Övriga (Meta, Huvudcell,
# Tabellrad) har en bestämd plats och klarar sig utan.
_MED_SLAG = frozenset({"Rubrik", "Stycke", "Lista", "Tabell", "Figur", "Markering", "Sidbrytning", "Innehall",
                       "Titelsida", "Liggande", "Betonad", "Stark", "Lank", "Radbrytning", "Genererad",
                       "Textblock", "Textblockslut"})


def som_data(dok: Dokument) -> dict[str, Any]:
    """Modellen som JSON-data (dict, list, str, int, float, bool, None)."""
    return {"version": VERSION, "meta": _data(dok.meta), "ordnad": dok.ordnad, "block": _data(dok.block)}


def till_json(dok: Dokument) -> str:
    """Modellen som JSON-text, deterministisk och radbruten för läsbara diffar; slutar med radbrytning."""
    return _skriv(som_data(dok), 0) + "\n"


def _data(x: Any) -> Any:
    if isinstance(x, Text):
        return x.text
    if isinstance(x, bytes):
        return "sha256:" + hashlib.sha256(x).hexdigest()
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        namn = type(x).__name__
        ut: dict[str, Any] = {"slag": namn} if namn in _MED_SLAG else {}
        for f in dataclasses.fields(x):
            ut[f.name] = _data(getattr(x, f.name))
        return ut
    if isinstance(x, tuple | list):
        return [_data(v) for v in x]
    return x


def _enkel(x: Any) -> bool:
    """Ett värde som står på en rad: ett tal eller en text, eller en lista eller ett objekt av sådana."""
    if isinstance(x, list):
        return all(not isinstance(v, list | dict) for v in x)
    if isinstance(x, dict):
        return all(not isinstance(v, dict) and (not isinstance(v, list) or _enkel(v)) for v in x.values())
    return True


def _skriv(x: Any, indrag: int) -> str:
    if not isinstance(x, list | dict) or _enkel(x):
        return json.dumps(x, ensure_ascii=False)
    inre = " " * (indrag + 2)
    if isinstance(x, list):
        delar = [inre + _skriv(v, indrag + 2) for v in x]
        return "[\n" + ",\n".join(delar) + "\n" + " " * indrag + "]"
    delar = [inre + json.dumps(k, ensure_ascii=False) + ": " + _skriv(v, indrag + 2) for k, v in x.items()]
    return "{\n" + ",\n".join(delar) + "\n" + " " * indrag + "}"
