"""Tecken som varken Word (XML 1.0) eller en PDF kan visa: styrtecken utom tab, radbyte och vagnretur, och
U+FFFE/U+FFFF. De följer ofta med när text klistras in från ett annat program; både textblock (dokument) och
textkolumner i källorna (kallor) prövas mot samma mönster."""

from __future__ import annotations

import re

MONSTER = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]"
_UTTRYCK = re.compile(MONSTER)


def forsta(text: str) -> re.Match[str] | None:
    """Det första tecknet i `text` som inte kan visas, eller None."""
    return _UTTRYCK.search(text)
