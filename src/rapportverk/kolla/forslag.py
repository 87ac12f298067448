"""Förslaget till källa i konfigurationen: som värden (det konfigurationens modell godtar), som YAML-text, och
prövat genom att exporten läses med det av rapportverks egna läsare — samma väg som ett bygge tar."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from rapportverk.fel import Fel, RapportverkFel
from rapportverk.kallor.dubbletter import kontrollera_huvudboksfil
from rapportverk.kallor.filer import RAD, las_ra
from rapportverk.kallor.indata import KRAV, las_kalla
from rapportverk.kallor.mappning import normalisera
from rapportverk.konfig import Projekt
from rapportverk.konfig.modell import MAX_BELOPP, Kalla

# I den ordning en människa läser en källa: var filen finns, hur den läses, vad den innehåller, kolumnerna.
ORDNING = ("fil", "sql", "blad", "rubrikrad", "kodning", "separator", "decimal", "ar", "serie", "tecken", "enhet",
           "periodformat", "dubbletter", "kolumner")


def ordnat(forslag: dict[str, Any]) -> dict[str, Any]:
    return {k: forslag[k] for k in sorted(forslag, key=lambda k: ORDNING.index(k) if k in ORDNING else 99)}


def skalar(varde: Any) -> str:
    """Ett värde som YAML läser tillbaka oförändrat: utan citattecken när det går, annars i dubbla citattecken."""
    if isinstance(varde, bool | int | float):
        return json.dumps(varde)
    text = str(varde)
    if len(text) == 1 and not text.isalnum():
        return json.dumps(text)  # separator och decimal: ett ensamt skiljetecken läses lättare inom citattecken
    try:
        tillbaka = yaml.safe_load(f"k: {text}\nl: {{k: {text}}}\n")
    except yaml.YAMLError:
        tillbaka = None
    if text and tillbaka == {"k": text, "l": {"k": text}} and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def yamlblock(forslag: dict[str, Any], indrag: int, kommentar: str | None = None) -> str:
    """Källan som ett listelement ('- fil: …') med strecket i kolumnen `indrag`, som i startprojektets
    konfiguration; kolumnerna på en rad."""
    fore = " " * indrag
    rader = [f"{fore}# {kommentar}"] if kommentar else []
    forsta = True
    for nyckel, varde in ordnat(forslag).items():
        borjan = f"{fore}- " if forsta else f"{fore}  "
        forsta = False
        if nyckel == "kolumner":
            par = ", ".join(f"{k}: {skalar(v)}" for k, v in varde.items())
            rader.append(f"{borjan}kolumner: {{{par}}}")
        elif isinstance(varde, dict):
            rader.append(f"{borjan}{nyckel}:")
            rader += [f"{fore}    {k}: {skalar(v)}" for k, v in varde.items()]
        else:
            rader.append(f"{borjan}{nyckel}: {skalar(varde)}")
    text = "\n".join(rader) + "\n"
    assert yaml.safe_load(text) == [ordnat(forslag)], text  # blocket säger exakt förslaget
    return text


def provlas(kalla: Kalla, projekt: Projekt | None, sokvag: Path | None, visning: str
            ) -> tuple[pl.DataFrame | None, list[Fel]]:
    """Exporten läst med förslaget som ett bygge läser huvudboken: normaliserad (kronor, kostnader negativa, period
    som datum), med serie, källa och rad, och kontrollerad för år och dubbletter. Fel som läsaren ger dem."""
    if projekt is not None:
        ram, fel = las_kalla(projekt, kalla, "huvudbok")
        if ram is None:
            return None, fel
        visning = ram["kalla"][0] if ram.height else visning
    else:
        assert sokvag is not None
        try:
            ra = las_ra(kalla, sokvag, visning)
        except RapportverkFel as exc:
            return None, exc.fel
        if ra.height == 0:
            return None, [Fel("filen har bara en rubrikrad och inga data; exportera den igen.", visning)]
        ram, fel = normalisera(ra, kalla, KRAV["huvudbok"], visning, (), MAX_BELOPP)
        if fel:
            return None, fel
        ram = ram.rename({RAD: "rad"}).with_columns(pl.lit(visning).alias("kalla"))
    if kalla.serie:
        ram = ram.with_columns(pl.lit(kalla.serie).alias("serie"))
    elif "serie" not in ram.columns:
        return None, [Fel("exporten har ingen kolumn för serie och förslaget ingen 'serie'; ange --serie utfall "
                          "eller --serie budget.", visning)]
    ram = ram.select("period", "enhet", "konto", "serie", "belopp", "kalla", "rad")
    fel = kontrollera_huvudboksfil(ram, kalla, visning)
    return (None, fel) if fel else (ram, [])
