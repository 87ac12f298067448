"""YAML med radnummer: värdet plus en karta från nyckelväg till rad, så att fel pekar på rätt rad."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from rapportverk.fel import Fel, RapportverkFel

Vag = tuple[str | int, ...]

_PROBLEM = {
    "mapping values are not allowed here": "ett kolon står på fel ställe; kontrollera indraget och att "
    "det finns ett blanksteg efter kolon",
    "could not find expected ':'": "ett kolon saknas efter en nyckel",
    "found character '\\t' that cannot start any token": "tabbtecken är inte tillåtna; dra in med blanksteg",
    "found undefined alias": "en YAML-referens (*namn) saknar sitt ankare",
    "expected <block end>, but found '-'": "ett listelement har fel indrag",
    "did not find expected key": "en nyckel har fel indrag",
    "found unexpected end of stream": "filen tar slut mitt i ett värde; saknas ett citattecken?",
    "expected the node content": "ett värde saknas; är en [ eller { inte stängd?",
    "expected ',' or ']'": "en lista inom [ ] är inte stängd, eller ett komma saknas mellan två värden",
    "expected ',' or '}'": "en karta inom { } är inte stängd, eller ett komma saknas mellan två värden",
    "expected <block end>, but found '<block sequence start>'": "ett listelement har fel indrag",
    "expected <block end>, but found '?'": "en nyckel står efter en lista med samma indrag; kontrollera indraget",
    "expected <block end>": "ett värde har fel indrag",
    "could not determine a constructor for the tag": "taggar som !!python är inte tillåtna i konfigurationen; "
    "ta bort taggen",
}


def _syntaxfel(fil: str, exc: yaml.YAMLError) -> Fel:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    svensk = next((v for k, v in _PROBLEM.items() if problem.startswith(k)), None)
    if svensk is None and (tecken := re.match(r"found character '(.+)' that cannot start any token", problem)):
        svensk = f"ett värde kan inte börja med tecknet {tecken[1]}; sätt värdet inom citattecken"
    text = svensk or f"YAML-filen kan inte läsas ({problem})"
    return Fel(text if text.endswith("?") else f"{text}.", fil, mark.line + 1 if mark else None)


# En konfiguration är några kB och några hundra värden. Gränserna stoppar en fil som av misstag (eller med flit) är
# enorm, oändlig (/dev/zero) eller blåses upp av YAML-referenser (*namn) till miljarder värden.
MAX_BYTE = 5_000_000
MAX_VARDEN = 200_000


def las_yaml(sokvag: Path, visningsnamn: str) -> tuple[Any, dict[Vag, int]]:
    """Läs en YAML-fil. Returnerar (värde, {nyckelväg: radnummer})."""
    if not sokvag.exists():
        raise RapportverkFel(Fel("filen finns inte; kontrollera sökvägen.", visningsnamn))
    if sokvag.is_dir():
        raise RapportverkFel(Fel("sökvägen är en katalog, inte en YAML-fil; ange själva filen i katalogen.",
                                 visningsnamn))
    if not sokvag.is_file():
        raise RapportverkFel(Fel("det här är ingen vanlig fil (en enhet eller en pipe); ange en YAML-fil.",
                                 visningsnamn))
    if sokvag.stat().st_size > MAX_BYTE:
        raise RapportverkFel(Fel(f"filen är större än {MAX_BYTE // 1_000_000} MB, och en konfiguration är några kB; "
                                 "kontrollera att det är rätt fil.", visningsnamn))
    try:
        text = sokvag.read_text(encoding="utf-8-sig")
    except PermissionError:
        raise RapportverkFel(Fel("filen får inte läsas (behörighet saknas); ge läsrätt till filen.",
                                 visningsnamn)) from None
    except UnicodeDecodeError:
        raise RapportverkFel(Fel("filen är inte UTF-8; spara den som UTF-8.", visningsnamn)) from None
    except OSError as exc:
        raise RapportverkFel(Fel(f"filen kan inte läsas ({exc.strerror or exc}); kontrollera behörigheten.",
                                 visningsnamn)) from None
    try:
        try:
            # Med tabbtecken Pythonversionen direkt: libyaml godtar tabb efter ett värde eller inne i det, som
            # Pythonversionen (och därmed rapportverk) avvisar med ett eget fel.
            nod, varde = _tolka(yaml.SafeLoader if "\t" in text else _SNABB, text, visningsnamn)
        except yaml.YAMLError:
            # Felet med Pythonversionens text, som _PROBLEM översätter (libyaml säger samma sak med andra ord).
            nod, varde = _tolka(yaml.SafeLoader, text, visningsnamn)
    except yaml.YAMLError as exc:
        raise RapportverkFel(_syntaxfel(visningsnamn, exc)) from None
    except RecursionError:
        raise RapportverkFel(Fel("filen är nästlad för djupt för att läsas; kontrollera indragen.",
                                 visningsnamn)) from None
    if nod is None:
        return {}, {}
    rader: dict[Vag, int] = {}
    dubbletter: list[Fel] = []
    _kartlagg(nod, (), rader, dubbletter, visningsnamn)
    if dubbletter:
        raise RapportverkFel(dubbletter)
    return varde, rader


# libyaml (C) när PyYAML byggts med den: en konfiguration läses på en tiondel av tiden (0,1 s → 0,01 s för
# exemplets fem filer, vid varje kommando). Samma konstruktör och samma upplösning av typer ger samma värden.
_SNABB: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _tolka(laddare: type[yaml.SafeLoader], text: str, visningsnamn: str) -> tuple[yaml.Node | None, Any]:
    loader = laddare(text)
    try:
        nod = loader.get_single_node()
        if nod is None:
            return None, {}
        _kontrollera_storlek(nod, visningsnamn)
        return nod, loader.construct_document(nod)
    finally:
        loader.dispose()


def _kontrollera_storlek(rot: yaml.Node, fil: str) -> None:
    """Antalet värden när varje referens är utskriven, räknat en gång per nod (utan att skriva ut något), och
    referenser som pekar på sig själva."""
    storlek: dict[int, int] = {}
    pagar: set[int] = set()

    def rakna(nod: yaml.Node) -> int:
        if id(nod) in storlek:
            return storlek[id(nod)]
        if id(nod) in pagar:
            raise RapportverkFel(Fel("en YAML-referens (*namn) pekar på ett värde som innehåller referensen själv; "
                                     "ta bort referensen.", fil, nod.start_mark.line + 1))
        pagar.add(id(nod))
        barn: list[yaml.Node] = []
        if isinstance(nod, yaml.MappingNode):
            barn = [n for par in nod.value for n in par]
        elif isinstance(nod, yaml.SequenceNode):
            barn = list(nod.value)
        antal = 1 + sum(rakna(b) for b in barn)
        pagar.discard(id(nod))
        storlek[id(nod)] = antal
        if antal > MAX_VARDEN:
            raise RapportverkFel(Fel(f"YAML-referenserna (*namn) gör filen till mer än {MAX_VARDEN:,} värden; "
                                     "skriv ut värdena i stället för att referera till dem.".replace(",", " "),
                                     fil, nod.start_mark.line + 1))
        return antal

    rakna(rot)


def _kartlagg(nod: yaml.Node, vag: Vag, rader: dict[Vag, int], fel: list[Fel], fil: str) -> None:
    rader.setdefault(vag, nod.start_mark.line + 1)
    if isinstance(nod, yaml.MappingNode):
        sedda: set[str] = set()
        for nyckel, varde in nod.value:
            namn = str(nyckel.value)
            if namn in sedda:
                fel.append(Fel(f"nyckeln '{namn}' förekommer två gånger; ta bort den ena.", fil,
                               nyckel.start_mark.line + 1))
            sedda.add(namn)
            rader[(*vag, namn)] = nyckel.start_mark.line + 1
            _kartlagg(varde, (*vag, namn), rader, fel, fil)
    elif isinstance(nod, yaml.SequenceNode):
        for i, barn in enumerate(nod.value):
            _kartlagg(barn, (*vag, i), rader, fel, fil)


def rad_for(rader: dict[Vag, int], vag: Vag) -> int | None:
    """Raden för den längsta kända början av vägen."""
    for n in range(len(vag), -1, -1):
        if vag[:n] in rader:
            return rader[vag[:n]]
    return None
