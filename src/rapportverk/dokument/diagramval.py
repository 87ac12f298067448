"""Rita ett diagram ur konfigurationen med data ur underlaget: ett stapeldiagram läser samma tabell som tabellen
(samma beräkning), ett diagram över tid underlagets serier."""

from __future__ import annotations

from rapportverk.dokument import diagram as d
from rapportverk.dokument import diagram_serier as ds
from rapportverk.dokument.mall import Mallfel
from rapportverk.formatering import rubrik as rubrikmall
from rapportverk.konfig.modell import Diagram
from rapportverk.underlag import Underlag


def rita(underlag: Underlag, namn: str, ddef: Diagram, namnd: str) -> tuple[bytes, str, str]:
    """(png, alternativtext, rubrik) för diagrammet `namn`."""
    rubrik = rubrikmall(ddef.rubrik, underlag.period, underlag.projekt.namnd(namnd).namn)
    ar, manad = underlag.period.ar, underlag.period.manad
    if ddef.typ == "stapel":
        t = underlag.tabell(ddef.tabell or "", namnd)
        return (*d.stapel(t, ddef.kolumn or "", rubrik, ddef.enhet), rubrik)
    if ddef.typ == "investeringar":
        t = underlag.tabell(ddef.tabell or "", namnd)
        return (*ds.investeringar(t, rubrik, ddef.enhet), rubrik)
    if ddef.typ == "sjukfranvaro" and not underlag.finns("personal"):
        raise Mallfel(f"diagrammet '{namn}' behöver källan kallor.personal i {underlag.projekt.fil}.")
    serier = underlag.diagramserier(namn, namnd)
    if ddef.typ == "sjukfranvaro":
        return (*d.sjukfranvaro(serier["serie"], ar, manad, rubrik, ddef.malvarde), rubrik)
    if ddef.typ == "manadslinje":
        return (*d.manadslinje(serier["serie"], ar, manad, rubrik, ddef.enhet), rubrik)
    if ddef.typ == "manad_budget":
        return (*ds.manad_budget(serier["serie"], serier["budget"], ar, manad, rubrik, ddef.enhet), rubrik)
    return (*ds.r12(serier["serie"], ar, manad, rubrik, ddef.enhet), rubrik)
