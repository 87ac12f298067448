"""Mellanlager för förhandsgranskningen: tabeller, nyckeltal och diagram räknas en gång per inläst data.

`bygg_dokument` räknar om varje tabell och ritar om varje diagram vid varje anrop; diagrammen ensamma tar
ungefär 0,8 s för delårsrapporten. Allt det beror bara på konfigurationen och indata, som förhandsgranskningen
har oförändrade tills en konfigurations- eller datafil sparas. Mellanlagret ger därför `bygg_dokument` en
uppsättning `Berakningar` som minns svaret för just den sessionens `Projekt` och `Indata` (samma objekt,
jämfört med `is`); för andra objekt anropas originalen, så resultatet blir alltid detsamma som utan
mellanlager, bara snabbare. Inget byts ut i andra moduler: ett bygge bredvid påverkas inte.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

from rapportverk.dokument.bygg import Berakningar

# Beräkningarna som bara beror på (projekt, indata, …) och som mellanlagret minns.
NAMN = ("rita", "bygg_tabell", "nyckeltal", "senaste_prognosen")
DIAGRAM = "rita"


def _nyckel(varde: Any) -> Hashable:
    """Argumentet självt om det går att hasha, annars objektets identitet (det lever lika länge som projektet)."""
    try:
        hash(varde)
    except TypeError:
        return ("id", id(varde))
    return varde


class Mellanlager:
    """Svar från `bygg`-modulens beräkningar för en (projekt, indata); töms när data läses om."""

    def __init__(self) -> None:
        self._las = threading.Lock()
        # matplotlibs pyplot tål inte två trådar samtidigt (förhandsvisningen och ett PDF-bygge).
        self._ritlas = threading.Lock()
        self._data: tuple[Any, Any] | None = None
        self._svar: dict[tuple, Any] = {}
        self.traffar = 0
        self.missar = 0
        self.aktiva: tuple[str, ...] = ()

    def aterstall(self, projekt: Any, indata: Any) -> None:
        """Ny data: glöm alla svar och minns bara svar för de här objekten från och med nu."""
        with self._las:
            self._data = (projekt, indata)
            self._svar.clear()

    def glom_diagram(self) -> None:
        """Diagrammens stilfil har ändrats: rita om dem, men behåll tabellerna."""
        with self._las:
            self._svar = {k: v for k, v in self._svar.items() if k[0] != DIAGRAM}

    def _omslag(self, namn: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def anropa(*args: Any, **kwargs: Any) -> Any:
            if namn == DIAGRAM:
                with self._ritlas:
                    return original(*args, **kwargs)
            return original(*args, **kwargs)

        def omslag(projekt: Any, indata: Any, *args: Any, **kwargs: Any) -> Any:
            data = self._data
            if data is None or projekt is not data[0] or indata is not data[1]:
                return anropa(projekt, indata, *args, **kwargs)
            nyckel = (namn, *(_nyckel(a) for a in args), *sorted((k, _nyckel(v)) for k, v in kwargs.items()))
            with self._las:
                if nyckel in self._svar:
                    self.traffar += 1
                    return self._svar[nyckel]
                self.missar += 1
            svar = anropa(projekt, indata, *args, **kwargs)  # ett fel sparas inte: nästa bygge försöker igen
            with self._las:
                if self._data is data:
                    self._svar[nyckel] = svar
            return svar

        omslag.__wrapped__ = original  # type: ignore[attr-defined]
        return omslag

    def berakningar(self) -> Berakningar:
        """Beräkningarna som `bygg_dokument` ska använda under förhandsgranskningen."""
        original = Berakningar()
        self.aktiva = NAMN
        return Berakningar(**{n: self._omslag(n, getattr(original, n)) for n in NAMN})
