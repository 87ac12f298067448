"""Dokumentmodellens block → Markdown: vägen tillbaka från ett dokument till ett textblock (`rapport hamta`).

Inline-innehållet skrivs som platta körningar (text, fet, kursiv, länk), så att samma innehåll alltid ger samma
Markdown oavsett hur det var nästlat: `**a***b*` och Words körningar blir lika. `jamfor=True` ger formen som
jämförs (rubrikernas nivå räknas inte: layouten kan ha flyttat dem, se layout.utan_hoppade_nivaer).
Framräknade värden (`Genererad`) skrivs med `varde`, t.ex. som det uttryck i källtexten som gav dem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from rapportverk.dokument.modell import (
    Betonad,
    Block,
    Figur,
    Genererad,
    Inline,
    Lank,
    Lista,
    Markering,
    Radbrytning,
    Rubrik,
    Stark,
    Stycke,
    Tabell,
    Text,
)
from rapportverk.dokument.textblock import ur_text

Varde = Callable[[Genererad], str]
_SPECIAL = re.compile(r"([\\`*_\[\]])")
_RADSTART = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s|$)")


def token(g: Genererad) -> str:
    """Ett värde som sitt nummer i källtexten (jämförelseformen: talet kan ha ändrats sedan bygget)."""
    return f"\ue010{g.nummer}\ue011"


@dataclass(frozen=True)
class Korning:
    text: str
    fet: bool = False
    kursiv: bool = False
    url: str | None = None
    nummer: int | None = None  # ett framräknat värde


def korningar(innehall: tuple[Inline, ...] | list[Inline], fet: bool = False, kursiv: bool = False,
              url: str | None = None) -> list[Korning]:
    """Inline-innehållet som platta körningar; intilliggande med samma format slås ihop."""
    ut: list[Korning] = []
    for i in innehall:
        if isinstance(i, Text):
            ut.append(Korning(i.text, fet, kursiv, url))
        elif isinstance(i, Genererad):
            ut.append(Korning(i.text, fet, kursiv, url, i.nummer))
        elif isinstance(i, Radbrytning):
            ut.append(Korning("\n", fet, kursiv, url))
        elif isinstance(i, Betonad):
            ut.extend(korningar(i.innehall, fet, True, url))
        elif isinstance(i, Stark):
            ut.extend(korningar(i.innehall, True, kursiv, url))
        elif isinstance(i, Lank):
            ut.extend(korningar(i.innehall, fet, kursiv, i.url))
    sammanslagna: list[Korning] = []
    for k in ut:
        if not k.text:
            continue
        f = sammanslagna[-1] if sammanslagna else None
        if f and f.nummer is None and k.nummer is None and (f.fet, f.kursiv, f.url) == (k.fet, k.kursiv, k.url):
            sammanslagna[-1] = Korning(f.text + k.text, k.fet, k.kursiv, k.url)
        else:
            sammanslagna.append(k)
    return sammanslagna


def _skydda(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _omslut(text: str, tecken: str) -> str:
    """`**text**` med blanksteg i kanterna utanför markörerna (annars är det ingen betoning i Markdown)."""
    karna = text.strip(" ")
    if not karna:
        return text
    fore, efter = text[:len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")):]
    return f"{fore}{tecken}{karna}{tecken}{efter}"


def inline(innehall: tuple[Inline, ...] | list[Inline], varde: Varde = token) -> str:
    delar: list[str] = []
    for url, grupp in groupby(korningar(innehall), key=lambda k: k.url):
        text = ""
        for k in grupp:
            t = varde(Genererad(k.text, k.nummer)) if k.nummer is not None else _skydda(k.text).replace("\n", "\\\n")
            if k.kursiv:
                t = _omslut(t, "*")
            if k.fet:
                t = _omslut(t, "**")
            text += t
        delar.append(f"[{text}]({url})" if url else text)
    text = "".join(delar)
    # Text som i början av en rad skulle läsas som rubrik, citat eller lista får ett skyddat tecken.
    return _RADSTART.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def skriv(block: list[Block] | tuple[Block, ...], varde: Varde = token, jamfor: bool = False) -> str:
    """Blocken som Markdown, ett block per stycke med tom rad emellan; slutar med radbrytning."""
    return "".join(f"{b}\n\n" for b in delar(block, varde, jamfor)).rstrip("\n") + "\n" if block else ""


def delar(block: list[Block] | tuple[Block, ...], varde: Varde = token, jamfor: bool = False) -> list[str]:
    """Varje block som Markdown för sig (de översta nivåerna; en lista är ett block)."""
    return [t for b in block if (t := ett(b, varde, jamfor))]


def ett(b: Block, varde: Varde = token, jamfor: bool = False) -> str:
    if isinstance(b, Rubrik):
        return f"{'#' if jamfor else '#' * b.niva} {inline(b.innehall, varde)}"
    if isinstance(b, Stycke):
        return inline(b.innehall, varde)
    if isinstance(b, Lista):
        return _lista(b, varde, jamfor)
    # Genererade tabeller och figurer (tabell(), diagram() i ett textblock) är inte redaktörens text.
    if isinstance(b, Tabell):
        return _tabell(b) if ur_text(b) else ""
    if isinstance(b, Figur):
        return f"![{_skydda(b.alt)}]()" if ur_text(b) else ""
    if isinstance(b, Markering):
        return _skydda(b.text)
    return ""


def _lista(lista: Lista, varde: Varde, jamfor: bool) -> str:
    rader: list[str] = []
    for nr, punkt in enumerate(lista.punkter, start=1):
        markor = (f"{chr(96 + nr)}) " if lista.bokstaver and nr <= 26 else f"{nr}. ") if lista.numrerad else "- "
        indrag = " " * len(markor)
        for i, b in enumerate(punkt):
            text = ett(b, varde, jamfor)
            forsta, *resten = text.split("\n") if text else [""]
            rader.append((markor if i == 0 else indrag) + forsta)
            rader.extend(indrag + r if r else r for r in resten)
    return "\n".join(rader)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _tabell(t: Tabell) -> str:
    """En GFM-tabell: sista rubrikraden, strecken med justering, raderna."""
    huvud = [h.text for h in t.huvud[-1]] if t.huvud else [""] * len(t.justering)
    streck = ["---:" if j == "hoger" else "---" for j in t.justering]
    rader = [huvud, streck, *[list(r.celler) for r in t.rader]]
    return "\n".join("| " + " | ".join(r if i == 1 else [_cell(c) for c in r]) + " |" for i, r in enumerate(rader))
