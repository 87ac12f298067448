"""Mallfunktionerna för sidorna: titelsida(), innehall() och sidbrytning()."""

from __future__ import annotations

from rapportverk.dokument.funktioner.bygge import Bygge, bind
from rapportverk.dokument.mall import Funktioner
from rapportverk.dokument.modell import Innehall, Sidbrytning, Titelsida
from rapportverk.konfig import REGION


def titelsida(*, bygge: Bygge) -> str:
    """Titel, nämnd och raderna under (organisation, diarienummer, antagen, datum, status)."""
    nd, rdef = bygge.nd, bygge.rdef
    status = rdef.status_slutlig if bygge.slutlig else rdef.status_utkast
    rader = (None if nd.id == REGION else bygge.projekt.konfig.organisation.namn,
             nd.diarienummer_for(bygge.rapport, str(bygge.period)), rdef.antagen,
             f"Datum {rdef.datum.isoformat()}" if rdef.datum else None, status)
    return bygge.infoga(Titelsida(bygge.titeltext(rdef.titel), nd.namn, tuple(r for r in rader if r)))


def innehall(djup: int = 2, *, bygge: Bygge) -> str:
    """Innehållsförteckningen, med rubriker ned till nivån `djup` och sidnummer."""
    return bygge.infoga(Innehall(djup=djup))


def sidbrytning(*, bygge: Bygge) -> str:
    """Nästa block börjar på en ny sida."""
    return bygge.infoga(Sidbrytning())


def funktioner(bygge: Bygge) -> Funktioner:
    return bind(bygge, titelsida, innehall, sidbrytning)
