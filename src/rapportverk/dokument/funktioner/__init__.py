"""Funktionerna som layoutmallen och textblocken anropar ({{ tabell(...) }}, {{ text(...) }} …), efter ämne.

Varje funktion prövar mallens argument (ett fel får mallens fil och rad), läser underlaget och infogar block i
det pågående bygget (`Bygge`); ingen räknar själv på källornas data.
"""

from __future__ import annotations

from rapportverk.dokument.funktioner import indikatorer, listor, mal, personal, sidor, tabeller, texter
from rapportverk.dokument.funktioner.bygge import Bygge
from rapportverk.dokument.mall import Funktioner


def alla(bygge: Bygge) -> Funktioner:
    # Måtten sist: ett mått med samma namn som en annan funktion har alltid vunnit.
    delar = [m.funktioner(bygge) for m in (tabeller, texter, sidor, personal, listor, indikatorer, mal)]
    return {k: v for d in [*delar, tabeller.mattfunktioner(bygge)] for k, v in d.items()}


__all__ = ["Bygge", "alla"]
