"""Rapporttyper i egna filer: konfig/rapporter/<namn>.yaml bredvid konfigurationsfilen.

Filens namn (utan .yaml) är rapporttypens namn. Filen innehåller samma nycklar som en rapporttyp under
`rapporter:` och kan dessutom ha egna `tabeller`, `diagram`, `listor` och `pivottabeller`; de läggs till
konfigurationens. Sökvägar i filen är relativa till filen. Samma namn två gånger är ett fel som pekar ut
båda filerna med rad. Varje del minns sin fil, så att senare fel pekar på rätt fil och rad.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from rapportverk.fel import Fel, RapportverkFel, visningsnamn
from rapportverk.konfig.modell import Rapportfil
from rapportverk.konfig.validering import validera
from rapportverk.konfig.yamlrader import Vag, las_yaml, rad_for

KATALOG = "rapporter"
SEKTIONER = ("tabeller", "diagram", "listor", "pivottabeller", "nyckeltal")
SOKVAGAR = ("mall", "stil", "wordmall", "texter")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

# Vag i den sammanslagna konfigurationen → (fil, filens radkarta, samma nods väg i filen).
Ursprung = dict[Vag, tuple[str, dict[Vag, int], Vag]]


def rapportfiler(katalog: Path) -> list[Path]:
    rot = katalog / KATALOG
    return sorted(rot.glob("*.yaml")) if rot.is_dir() else []


def sla_ihop(katalog: Path, data: Any, rader: dict[Vag, int], huvudfil: str, utan: frozenset[Path] = frozenset()
             ) -> tuple[Any, Ursprung, list[Path]]:
    """Lägg rapportfilerna till konfigurationens data. Fel (i alla filer) samlas och kastas tillsammans.
    `utan`: filer som hoppas över (en trasig rapporttyp ska inte dölja de andra i `rapport bygg --lista`)."""
    filer = [f for f in rapportfiler(katalog) if f.resolve() not in utan]
    ursprung: Ursprung = {}
    if not filer or not isinstance(data, dict):
        return data, ursprung, filer
    fel: list[Fel] = []
    data = dict(data)
    # Var varje namn redan finns: (fil, rad), för dubblettfelen.
    var: dict[Vag, tuple[str, int | None]] = {}
    for sek in ("rapporter", *SEKTIONER):
        if isinstance(data.get(sek), dict):
            for namn in data[sek]:
                var[(sek, namn)] = (huvudfil, rad_for(rader, (sek, namn)))
        data[sek] = dict(data.get(sek) or {})
    for fil in filer:
        visning = visningsnamn(fil)
        namn = fil.stem
        if not _ID.match(namn):
            fel.append(Fel(f"filnamnet '{fil.name}' duger inte som namn på en rapporttyp; använd små bokstäver a–z, "
                           "siffror och _ (t.ex. indikatorer.yaml).", visning))
            continue
        try:
            fdata, frader = las_yaml(fil, visning)
            validera(Rapportfil, fdata, frader, visning)
        except RapportverkFel as exc:
            fel.extend(exc.fel)
            continue
        if ("rapporter", namn) in var:
            f, r = var[("rapporter", namn)]
            fel.append(Fel(f"rapporttypen '{namn}' finns redan i {f}" + (f":{r}" if r else "")
                           + "; ta bort den ena eller byt namn på filen.", visning, 1))
            continue
        rapport = {k: v for k, v in fdata.items() if k not in SEKTIONER}
        for nyckel in SOKVAGAR:
            if isinstance(rapport.get(nyckel), str):
                rapport[nyckel] = _relativ(fil.parent, rapport[nyckel], katalog)
        data["rapporter"][namn] = rapport
        var[("rapporter", namn)] = (visning, 1)
        ursprung[("rapporter", namn)] = (visning, frader, ())
        for sek in SEKTIONER:
            for delnamn, varde in (fdata.get(sek) or {}).items():
                rad = rad_for(frader, (sek, delnamn))
                if (sek, delnamn) in var:
                    f, r = var[(sek, delnamn)]
                    fel.append(Fel(f"'{delnamn}' under {sek} finns redan i {f}" + (f":{r}" if r else "")
                                   + f" (och här, i {visning}:{rad}); ge den ena ett annat namn.", visning, rad))
                    continue
                data[sek][delnamn] = varde
                var[(sek, delnamn)] = (visning, rad)
                ursprung[(sek, delnamn)] = (visning, frader, (sek, delnamn))
    if fel:
        raise RapportverkFel(fel)
    return data, ursprung, filer


def _relativ(bas: Path, sokvag: str, katalog: Path) -> str:
    """En sökväg relativ till rapportfilen, skriven relativt konfigurationens katalog (som resten)."""
    if os.path.isabs(sokvag):
        return sokvag
    return os.path.relpath(os.path.normpath(bas / sokvag), katalog)
