"""Mallfunktionerna för personalen: anställda och sjukfrånvaro för nämnden (i regionens rapport hela regionen)."""

from __future__ import annotations

from rapportverk.dokument.funktioner.bygge import Bygge, bind
from rapportverk.dokument.mall import Funktioner, Mallfel
from rapportverk.konfig import REGION
from rapportverk.period import Period


def _kravs(bygge: Bygge) -> None:
    if not bygge.underlag.finns("personal"):
        raise Mallfel(f"personaluppgifter saknas; lägg till källan kallor.personal i {bygge.projekt.fil}.")


def anstallda(kon: str | None = None, tillsvidare: bool = False, fg: bool = False, *, bygge: Bygge) -> float | None:
    """Genomsnittligt antal månadsavlönade januari t.o.m. perioden (fg: samma månader i fjol)."""
    _kravs(bygge)
    p = bygge.period.fg if fg else bygge.period
    kolumn = "tillsvidareanstallda" if tillsvidare else "anstallda"
    return bygge.underlag.anstallda(bygge.namnd, Period(p.ar, 1), p, kon, kolumn)


def anstallda_manad(fg: bool = False, *, bygge: Bygge) -> float | None:
    """Antal månadsavlönade anställda i periodens månad (fg: samma månad föregående år)."""
    _kravs(bygge)
    p = bygge.period.fg if fg else bygge.period
    return bygge.underlag.anstallda(bygge.namnd, p, p)


def utan_sjukfranvaro(*, bygge: Bygge) -> float | None:
    """Andel anställda i procent som inte har haft någon sjukfrånvaro i år t.o.m. perioden."""
    _kravs(bygge)
    return bygge.underlag.utan_sjukfranvaro(bygge.namnd)


def sjukfranvaro(kon: str | None = None, aldersgrupp: str | None = None, manad: str | None = None,
                 ack: bool = False, fg: bool = False, region: bool = False, *, bygge: Bygge) -> float | None:
    """Sjukfrånvaro i procent för perioden (eller en annan månad 'ÅÅÅÅ-MM'); ack: januari t.o.m.;
    fg: samma tid föregående år; region: hela regionen i stället för nämnden."""
    try:
        p = Period.tolka(manad) if manad else bygge.period
    except ValueError as exc:
        raise Mallfel(str(exc)) from None
    p = p.fg if fg else p
    _kravs(bygge)
    namnd = REGION if region else bygge.namnd
    return bygge.underlag.sjukfranvaro(namnd, Period(p.ar, 1) if ack else p, p, kon, aldersgrupp)


def funktioner(bygge: Bygge) -> Funktioner:
    return bind(bygge, anstallda, anstallda_manad, utan_sjukfranvaro, sjukfranvaro)
