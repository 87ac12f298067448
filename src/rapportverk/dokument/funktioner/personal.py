"""Mallfunktionerna för personalen: anställda och sjukfrånvaro för nämnden (i regionens rapport hela regionen)."""

from __future__ import annotations

from rapportverk.dokument.funktioner.bygge import Bygge, bind
from rapportverk.dokument.mall import Funktioner, Mallfel
from rapportverk.konfig import REGION
from rapportverk.period import Period


def _kravs(bygge: Bygge) -> None:
    if not bygge.underlag.finns("personal"):
        raise Mallfel(f"personaluppgifter saknas; lägg till källan kallor.personal i {bygge.projekt.fil}.")


def _vilken(bygge: Bygge, fg: bool, region: bool) -> tuple[str, Period]:
    """Nämnden (eller hela regionen) och perioden (eller samma månad i fjol): samma två val i varje
    personalfunktion, så att varje mått finns för föregående år och för regionen."""
    _kravs(bygge)
    return (REGION if region else bygge.namnd), (bygge.period.fg if fg else bygge.period)


def anstallda(kon: str | None = None, tillsvidare: bool = False, fg: bool = False, region: bool = False, *,
              bygge: Bygge) -> float | None:
    """Genomsnittligt antal månadsavlönade januari t.o.m. perioden; fg: samma månader i fjol; region: hela
    regionen."""
    namnd, p = _vilken(bygge, fg, region)
    kolumn = "tillsvidareanstallda" if tillsvidare else "anstallda"
    return bygge.underlag.anstallda(namnd, Period(p.ar, 1), p, kon, kolumn)


def anstallda_manad(kon: str | None = None, tillsvidare: bool = False, fg: bool = False, region: bool = False, *,
                    bygge: Bygge) -> float | None:
    """Antal månadsavlönade anställda i periodens månad; fg: samma månad föregående år; region: hela regionen."""
    namnd, p = _vilken(bygge, fg, region)
    kolumn = "tillsvidareanstallda" if tillsvidare else "anstallda"
    return bygge.underlag.anstallda(namnd, p, p, kon, kolumn)


def utan_sjukfranvaro(kon: str | None = None, fg: bool = False, region: bool = False, *,
                      bygge: Bygge) -> float | None:
    """Andel anställda i procent som inte har haft någon sjukfrånvaro i år t.o.m. perioden; fg: samma tid
    föregående år; region: hela regionen."""
    namnd, p = _vilken(bygge, fg, region)
    return bygge.underlag.utan_sjukfranvaro(namnd, p, kon)


def sjukfranvaro(kon: str | None = None, aldersgrupp: str | None = None, manad: str | None = None,
                 ack: bool = False, fg: bool = False, region: bool = False, *, bygge: Bygge) -> float | None:
    """Sjukfrånvaro i procent för perioden (eller en annan månad 'ÅÅÅÅ-MM'); ack: januari t.o.m.;
    fg: samma tid föregående år; region: hela regionen i stället för nämnden."""
    try:
        p = Period.tolka(manad) if manad else bygge.period
    except ValueError as exc:
        raise Mallfel(str(exc)) from None
    p = p.fg if fg else p
    namnd, _ = _vilken(bygge, fg, region)
    return bygge.underlag.sjukfranvaro(namnd, Period(p.ar, 1) if ack else p, p, kon, aldersgrupp)


def funktioner(bygge: Bygge) -> Funktioner:
    return bind(bygge, anstallda, anstallda_manad, utan_sjukfranvaro, sjukfranvaro)
