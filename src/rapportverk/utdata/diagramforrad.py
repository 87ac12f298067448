"""Diagrammen som redan ritats i byggkatalogen: `<ut>/<period>/diagram/<nyckel>.json`.

Ett diagram är en ren funktion av sina data, stilen, koden och versionerna av matplotlib, Pillow och typsnittet
(dokument.ritning ger nyckeln för de tre första, här läggs kod och versioner till). Ett nytt bygge i samma katalog
hämtar då en bild vars indata inte ändrats i stället för att rita den: efter en ändrad text ritas inget diagram om.
Samma byte som en ny ritning; `rapport verifiera` bygger om i en tom katalog och ritar allt.

Varje rapports post i manifestet namnger sina diagram; filer som ingen post namnger tas bort när manifestet
publicerats (`stada`), som de sparade huvudböckerna.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from pathlib import Path

from rapportverk.fel import RapportverkFel
from rapportverk.skriv import skriv_atomiskt

KATALOG = "diagram"


@functools.lru_cache(maxsize=1)
def _salt() -> str:
    from rapportverk.utdata.manifest import kodsumma, versioner

    return f"{kodsumma()}|{json.dumps(versioner(), sort_keys=True)}"


class Diagramforrad:
    """Förrådet för en rapport i ett bygge; `anvanda` är filerna rapportens diagram hämtades ur eller sparades i
    (för manifestets post)."""

    def __init__(self, katalog: Path) -> None:
        self.katalog = katalog / KATALOG
        self.anvanda: list[str] = []

    def _fil(self, nyckel: str) -> Path:
        return self.katalog / f"{hashlib.sha256(f'{_salt()}|{nyckel}'.encode()).hexdigest()[:32]}.json"

    def hamta(self, nyckel: str) -> tuple[bytes, bytes | None, str] | None:
        fil = self._fil(nyckel)
        try:
            data = json.loads(fil.read_bytes())
            svar = (base64.b64decode(data["png"]), None if data["svg"] is None else base64.b64decode(data["svg"]),
                    str(data["alt"]))
        except (OSError, ValueError, KeyError, TypeError):  # saknas eller trasig: ritas och skrivs om
            return None
        self.anvanda.append(fil.name)
        return svar

    def spara(self, nyckel: str, png: bytes, svg: bytes | None, alt: str) -> None:
        fil = self._fil(nyckel)
        data = {"png": base64.b64encode(png).decode("ascii"),
                "svg": None if svg is None else base64.b64encode(svg).decode("ascii"), "alt": alt}
        try:
            # Hela filen eller ingen: en annan process som läser samtidigt ser aldrig en halv fil.
            skriv_atomiskt(fil, json.dumps(data).encode("ascii"))
        except RapportverkFel:  # full disk, skrivskyddad katalog: bygget fungerar ändå, nästa ritar igen
            return
        self.anvanda.append(fil.name)


def stada(katalog: Path, anvanda: set[str], aldre_an: float | None = None) -> None:
    """Ta bort sparade diagram som ingen rapport i manifestet namnger. `aldre_an` (tid som time.time()): bara
    filer som är äldre än så, så att en annan körning som ännu inte publicerat sitt manifest behåller sina."""
    for fil in sorted((katalog / KATALOG).glob("*.json")) + sorted((katalog / KATALOG).glob(".*.tmp")):
        if fil.name not in anvanda and (aldre_an is None or fil.stat().st_mtime < aldre_an):
            fil.unlink(missing_ok=True)
