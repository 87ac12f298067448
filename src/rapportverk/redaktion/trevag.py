"""Tre-vägs-sammanfogning ord för ord: källtexten, innehållet som det byggdes och innehållet som det står i Word.

För text med villkor och loopar (`{% if %}` …) går det inte att bygga om ett stycke ur Word: vilken gren som
visades står inte i dokumentet. Men det byggda innehållet (sparat i DOCX:en) och källtexten delar de ord som
inte kommer ur ett villkor; en ändring i Word som bara rör sådana ord förs in på samma plats i källtexten.
En ändring som rör ett ord som inte finns i källtexten, eller ett tillägg intill en sats (`{% %}`, där det inte
går att veta på vilken sida av villkoret det hör hemma), går inte: då blir svaret None.

Texterna är tokeniserade (hamta._tokeniserad): uttryck och satser är enskilda tecken, så ett värde i Word
(`Genererad`) och dess uttryck i källan är samma ord.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

# Ett ord: en sats eller ett uttryck (privata tecken, se hamta), ett styckebyte, ett radbyte, eller annan text.
_ORD = re.compile(r"\ue012\d+\ue013|\ue010\d+\ue011|\n[ \t]*\n\s*|\n|[^\s\ue010\ue012]+")
_SATS = "\ue012"
_VARDE = re.compile(r"\ue010\d+\ue011")
STYCKE, RAD = "¶", "⏎"


@dataclass(frozen=True)
class _Ord:
    nyckel: str
    start: int
    slut: int


def _ord(text: str) -> list[_Ord]:
    ut = []
    for m in _ORD.finditer(text):
        t = m.group(0)
        nyckel = STYCKE if t.startswith("\n") and t.count("\n") > 1 else RAD if t.startswith("\n") else t
        ut.append(_Ord(nyckel, m.start(), m.end()))
    return ut


def _text(ord_: list[str]) -> str:
    ut = ""
    for o in ord_:
        t = "\n\n" if o == STYCKE else "\n" if o == RAD else o
        if ut and not ut.endswith("\n") and not t.startswith("\n"):
            ut += " "
        ut += t
    return ut


def sammanfoga(kalla: str, byggd: str, word: str) -> str | None:
    """Källtexten med ändringarna från `byggd` till `word`, eller None om någon ändring inte kan placeras."""
    k, b, w = _ord(kalla), _ord(byggd), _ord(word)
    bn, wn = [o.nyckel for o in b], [o.nyckel for o in w]
    # Byggda ord → källans ord, där texterna är lika (radbrytningar inne i ett stycke räknas inte).
    till_kalla: dict[int, int] = {}
    kn = [o.nyckel for o in k]
    for op, i1, i2, j1, _ in difflib.SequenceMatcher(None, bn, kn, autojunk=False).get_opcodes():
        if op == "equal":
            till_kalla.update({i: j1 + (i - i1) for i in range(i1, i2)})
    ersattningar: list[tuple[int, int, str]] = []  # (start, slut, ny text) i källan
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, bn, wn, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        nya = wn[j1:j2]
        if Counter(v for v in bn[i1:i2] if _VARDE.fullmatch(v)) - Counter(v for v in nya if _VARDE.fullmatch(v)):
            return None  # ett framräknat värde försvann
        if i1 == i2:  # tillägg: efter byggt ord i1 - 1 (eller före det första)
            plats = _plats_for_tillagg(k, till_kalla, i1, len(b))
            if plats is None:
                return None
            ersattningar.append((plats, plats, _text(nya)))
            continue
        spann = _spann(k, till_kalla, i1, i2)
        if spann is None:
            return None
        a, z = spann
        ny = _text(nya)
        if not ny:  # strykning: ta också bort blanksteget före
            while a > 0 and kalla[a - 1] in " \t":
                a -= 1
        ersattningar.append((a, z, ny))
    ut = kalla
    for a, z, ny in sorted(ersattningar, reverse=True):
        if a == z and ny:  # tillägg: blanksteg mot orden intill
            fore = ut[:a]
            if fore and not fore[-1].isspace() and not ny.startswith("\n"):
                ny = " " + ny
            if a < len(ut) and not ut[a].isspace() and not ny.endswith("\n"):
                ny += " "
        ut = ut[:a] + ny + ut[z:]
    return ut


def _spann(k: list[_Ord], till_kalla: dict[int, int], i1: int, i2: int) -> tuple[int, int] | None:
    """Källans teckenspann för byggda ord i1..i2, om alla finns i källan i följd (radbrytningar emellan går)."""
    if any(i not in till_kalla for i in range(i1, i2)):
        return None
    index = [till_kalla[i] for i in range(i1, i2)]
    for x, y in pairwise(index):
        if y <= x or any(k[m].nyckel != RAD for m in range(x + 1, y)):
            return None
    return k[index[0]].start, k[index[-1]].slut


def _plats_for_tillagg(k: list[_Ord], till_kalla: dict[int, int], i1: int, antal: int) -> int | None:
    """Var i källan ett tillägg före byggt ord i1 hamnar: direkt efter källans motsvarighet till ord i1 - 1, och
    bara om nästa ord i källan inte är en sats (då vet vi inte om tillägget hör till villkoret)."""
    if i1 > 0:
        if i1 - 1 not in till_kalla:
            return None
        j = till_kalla[i1 - 1]
        nasta = next((o for o in k[j + 1:] if o.nyckel != RAD), None)
        if nasta is not None and nasta.nyckel.startswith(_SATS):
            return None
        if i1 < antal and (i1 not in till_kalla or till_kalla[i1] <= j):
            return None
        return k[j].slut
    if 0 not in till_kalla:
        return None
    j = till_kalla[0]
    if any(o.nyckel.startswith(_SATS) for o in k[:j]):
        return None
    return k[j].start
