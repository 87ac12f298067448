"""`rapport kolla --skriv`: förslaget in i konfigurationsfilen, med kommentarerna och resten av filen orörda.

Filen redigeras som text, på de rader PyYAML säger att listan kallor.huvudbok står på: ett nytt listelement efter
det sista, eller i stället för källan som ersätts (med kommentaren ovanför den, som beskrev den gamla filen).
Ingen YAML-skrivare behövs (ruamel är inget beroende), och ingenting annat i filen flyttas. Den nya texten prövas
som en hel konfiguration innan den skrivs, atomiskt."""

from __future__ import annotations

import bisect
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from rapportverk.fel import Fel, RapportverkFel, visningsnamn
from rapportverk.kolla.forslag import yamlblock
from rapportverk.kolla.resultat import Kollresultat
from rapportverk.konfig import Projekt, ladda
from rapportverk.skriv import skriv_atomiskt


class Redigeringsfel(ValueError):
    """Listan kallor.huvudbok står i en form som inte går att redigera som text (meddelandet säger varför)."""


def infoga(text: str, forslag: dict[str, Any], kommentar: str | None = None, ersatt: int | None = None) -> str:
    """Texten med förslaget som ett nytt sista element i kallor.huvudbok, eller i stället för element `ersatt`."""
    rot = yaml.compose(text, Loader=yaml.SafeLoader)
    lista = _under(_under(rot, "kallor"), "huvudbok")
    if not isinstance(lista, yaml.SequenceNode) or not lista.value:
        raise Redigeringsfel("kallor.huvudbok är ingen lista med källor")
    if lista.flow_style:
        raise Redigeringsfel("kallor.huvudbok står i flödesform ([…]); skriv den som en lista med '- ' per källa")
    radstart = [0]
    for rad in text.splitlines(keepends=True):
        radstart.append(radstart[-1] + len(rad))
    element = lista.value[ersatt if ersatt is not None else -1]
    rad = element.start_mark.line
    streck = text.rfind("-", radstart[rad], radstart[rad] + element.start_mark.column)
    if streck < 0:
        raise Redigeringsfel("källorna under kallor.huvudbok står inte på egna rader som börjar med '- '")
    indrag = streck - radstart[rad]
    slutrad = _radnummer(radstart, _slut(element)) + 1
    block = yamlblock(forslag, indrag, kommentar)
    if ersatt is None:
        slut = radstart[min(slutrad, len(radstart) - 1)]
        fore = text[:slut] if text[:slut].endswith("\n") else text[:slut] + "\n"
        return fore + block + text[slut:]
    start = rad
    # Kommentarer direkt ovanför källan, med samma indrag, beskriver den gamla källan och byts tillsammans med den.
    while start > 0 and text[radstart[start - 1]:radstart[start]].startswith(" " * indrag + "#"):
        start -= 1
    slut = radstart[min(slutrad, len(radstart) - 1)]
    return text[:radstart[start]] + block + text[slut:]


def _under(nod: yaml.Node | None, nyckel: str) -> yaml.Node | None:
    if not isinstance(nod, yaml.MappingNode):
        return None
    return next((v for k, v in nod.value if isinstance(k, yaml.ScalarNode) and k.value == nyckel), None)


def _slut(nod: yaml.Node) -> int:
    """Var nodens innehåll slutar (teckenindex): det sista värdet, inte kommentarerna och tomraderna efter det."""
    if isinstance(nod, yaml.MappingNode) and not nod.flow_style:
        return max(_slut(n) for par in nod.value for n in par)
    if isinstance(nod, yaml.SequenceNode) and not nod.flow_style:
        return max(_slut(n) for n in nod.value)
    return nod.end_mark.index


def _radnummer(radstart: list[int], index: int) -> int:
    """Raden (0-baserad) där teckenindex `index - 1` står: det sista tecknet i innehållet."""
    return bisect.bisect_right(radstart, max(index - 1, 0)) - 1


def skriv_forslag(projekt: Projekt, konfigfil: Path, resultat: Kollresultat) -> str:
    """Skriv förslaget i konfigurationsfilen och säg vad som gjordes; RapportverkFel med alla skäl när det inte går
    (ingenting skrivs då)."""
    fil = projekt.fil
    fel: list[Fel] = []
    if not resultat.provad:
        fel.append(Fel("förslaget kunde inte läsas utan fel, så det skrivs inte in; rätta felen ovan och kör igen.",
                       resultat.fil))
    if resultat.ovrigt.get("utanfor_projektet"):
        fel.append(Fel("filen ligger utanför projektet, så konfigurationen skulle vägra läsa den; kopiera den till "
                       "projektets data/ och kör rapport kolla på kopian.", resultat.fil))
    redan = resultat.ovrigt.get("redan_kalla")
    if redan and redan != resultat.ersatter:
        fel.append(Fel(f"en källa med filen finns redan under kallor.huvudbok (fil: {redan}); ändra den källan, eller "
                       f"ersätt den med --ersatt {resultat.fil}.", fil))
    fel += [Fel(f"{text}.", resultat.fil) for text in resultat.ovrigt.get("overlapp", [])]
    if ("kallor", "huvudbok") in projekt.ursprung or ("kallor",) in projekt.ursprung:
        fel.append(Fel(f"kallor.huvudbok står i basfilen, inte i {fil}; kör med --konfig och basfilen.", fil))
    if fel:
        raise RapportverkFel(fel)
    ersatt = None
    if resultat.ersatter is not None:
        ersatt = next(i for i, k in enumerate(projekt.konfig.kallor.huvudbok) if k.fil == resultat.ersatter)
    data = konfigfil.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    try:
        ny = infoga(text, resultat.forslag, resultat.ovrigt.get("kommentar"), ersatt)
    except (Redigeringsfel, yaml.YAMLError) as exc:
        raise RapportverkFel(Fel(f"förslaget kan inte skrivas in automatiskt: {exc}; klistra in blocket ovan själv.",
                                 fil)) from None
    _prova(konfigfil, ny, fil)
    skriv_atomiskt(konfigfil, (b"\xef\xbb\xbf" if bom else b"") + ny.encode("utf-8"))
    if resultat.ersatter is not None:
        return f"Ersatte källan {resultat.ersatter} med förslaget i {fil}."
    return f"La till förslaget sist under kallor.huvudbok i {fil}."


def _prova(konfigfil: Path, text: str, visning: str) -> None:
    """Den nya konfigurationen laddas (bredvid den gamla, så att relativa sökvägar gäller) innan den skrivs."""
    fd, namn = tempfile.mkstemp(prefix=".kolla-", suffix=".yaml", dir=konfigfil.parent)
    prov = Path(namn)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        ladda(prov)
    except RapportverkFel as exc:
        tmp = visningsnamn(prov)
        fel = [Fel(f"med förslaget skulle konfigurationen bli ogiltig: {f.text}", visning if f.fil == tmp else f.fil,
                   f.rad) for f in exc.fel]
        raise RapportverkFel(fel) from None
    finally:
        prov.unlink(missing_ok=True)
