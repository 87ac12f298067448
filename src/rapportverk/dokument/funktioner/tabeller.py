"""Mallfunktionerna för ekonomin: tabell(), varde(), diagram(), namndavsnitt(), senaste_prognos() och en per mått
({{ ack_avvikelse() }}). Allt läses ur underlaget; här prövas mallens argument och byggs dokumentets block."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from rapportverk.berakning import MATT
from rapportverk.berakning import Tabell as Berakning
from rapportverk.dokument.diagramval import rita
from rapportverk.dokument.funktioner.bygge import Bygge, bind
from rapportverk.dokument.layout_tabell import utelamnad_tabell
from rapportverk.dokument.mall import Funktioner, Mallfel
from rapportverk.dokument.modell import Markering, Stycke, Text
from rapportverk.dokument.tabell import avrundningsdifferens, avstamningstext, dokumenttabell, kontrolltexter
from rapportverk.fel import Fel, forslag
from rapportverk.formatering import manadsnamn

EKONOMI = ("matt", "uppstallning")  # tabelltyperna som räknas ur huvudboken och visas i bilagan Spårbarhet


def _kand_tabell(namn: str, b: Bygge) -> None:
    tabeller = b.projekt.konfig.tabeller
    if namn not in tabeller:
        raise Mallfel(f"okänd tabell '{namn}'{forslag(namn, tabeller)}; tabellerna står under "
                      f"{b.var_star('tabeller')}.")


def _har_rader(t: Berakning) -> bool:
    """En tabell med bara en nollsumma (inga vanliga rader) har inget att redovisa."""
    return any(r.typ == "normal" for r in t.rader)


def har_uppgifter(namn: str, namnd: str | None = None, *, bygge: Bygge) -> bool:
    """Om tabellen har något att redovisa för perioden: så kan mallen utelämna en bilaga som bara skulle säga
    att den är tom, och skriva en mening där läsaren letar i stället ({% if har_uppgifter("...") %})."""
    _kand_tabell(namn, bygge)
    return _har_rader(bygge.tabell(namn, bygge.kand_namnd(namnd or bygge.namnd)))


def tabell(namn: str, bred: bool = False, namnd: str | None = None, *, bygge: Bygge) -> str:
    """Tabellen ur konfigurationen; `namnd` väljer en annan nämnd (nämndernas avsnitt i regionens rapport)."""
    b = bygge
    _kand_tabell(namn, b)
    tabeller = b.projekt.konfig.tabeller
    vilken = b.kand_namnd(namnd or b.namnd)
    tdef = tabeller[namn]
    if tdef.typ in EKONOMI:
        b.huvudbok_kravs(f"tabellen '{namn}'")
    lasts_forut = (vilken, namn) in b.tabeller
    t = b.tabell(namn, vilken)
    varningar = [v for v in [avstamningstext(t)] if v] + kontrolltexter(t)
    if varningar and b.slutlig:
        b.fel.extend(Fel(v[0].upper() + v[1:]) for v in varningar)  # samla alla, visa tillsammans
        return ""
    if not _har_rader(t):
        # En tabell med bara en nollsumma säger ingenting; säg det i klartext i stället.
        return b.infoga(Stycke((Text(f"{t.rubrik}: inga uppgifter att redovisa t.o.m. "
                                     f"{manadsnamn(b.period.manad)} {b.period.ar}."),)))
    noter = []
    if tdef.fotnot:
        noter.append(b.titeltext(tdef.fotnot, b.underlag.tabellens_namnd(namn, vilken)))
    if t.utan_prognos:
        noter.append(f"Prognos saknas för {_upprakning(t.utan_prognos)}; prognosen är där lika med årsbudgeten.")
    modell = dokumenttabell(t, bred)
    if b.projekt.konfig.avrundningsnot and avrundningsdifferens(t, modell):
        noter.append(b.projekt.konfig.avrundningsnot)
    tom_text = b.titeltext(tdef.tom_text, b.underlag.tabellens_namnd(namn, vilken)) if tdef.tom_text else None
    if mening := utelamnad_tabell(modell, tom_text):
        # Tabellen visas inte, och dess celler står inte i sifferfilen om inget annat i mallen läste den.
        if not lasts_forut:
            b.tabeller.remove((vilken, namn))
        return "".join(b.infoga(Markering(v, "varning")) + "\n\n" for v in varningar) + b.infoga(
            Stycke((Text(mening),)))
    modell = dataclasses.replace(modell, noter=tuple(noter))
    if tdef.typ in EKONOMI:
        b.visade.append(("" if vilken == b.nd.id else vilken, t))
    return "".join(b.infoga(Markering(v, "varning")) + "\n\n" for v in varningar) + b.infoga(modell)


def varde(tabellnamn: str, rad: str, kolumn: str, *, bygge: Bygge) -> float | None:
    """En cell ur en tabell för nämnden, oavrundad. Raden anges med sitt id i konfigurationen (uppställningens
    radnamn, nämndens id) eller med sin etikett; id:t håller när etiketten skrivs om."""
    if tabellnamn not in bygge.projekt.konfig.tabeller:
        raise Mallfel(f"okänd tabell '{tabellnamn}'{forslag(tabellnamn, bygge.projekt.konfig.tabeller)}.")
    t = bygge.tabell(tabellnamn, bygge.namnd)
    if rad not in t.radnamn:
        raise Mallfel(f"raden '{rad}' finns inte i tabellen '{tabellnamn}'{forslag(rad, t.radnamn)}.")
    nycklar = [k.nyckel for k in t.kolumner]
    if kolumn not in nycklar:
        raise Mallfel(f"kolumnen '{kolumn}' finns inte i tabellen '{tabellnamn}'{forslag(kolumn, nycklar)}.")
    return t.varde(rad, kolumn)


def diagram(namn: str, *, bygge: Bygge) -> str:
    """Diagrammet ur konfigurationen (diagram), med bildtext och alternativtext ur samma data."""
    b = bygge
    ddef = b.projekt.konfig.diagram.get(namn)
    if ddef is None:
        raise Mallfel(f"okänt diagram '{namn}'{forslag(namn, b.projekt.konfig.diagram)}; diagrammen står under "
                      f"diagram i {b.projekt.fil}.")
    if ddef.typ not in ("sjukfranvaro", "investeringar"):
        b.huvudbok_kravs(f"diagrammet '{namn}'")
    png, alt, rubrik = b.ritad(("diagram", namn, b.namnd), lambda: rita(b.underlag, namn, ddef, b.namnd))
    return b.figur(png, alt, rubrik)


def namndavsnitt(niva: int = 2, *, bygge: Bygge) -> str:
    """Varje nämnds tabeller (rapporttypens namndavsnitt) under en rubrik med nämndens namn."""
    delar = []
    for n in bygge.projekt.konfig.namnder:
        delar.append(f"{'#' * niva} {n.namn}")
        delar.extend(tabell(t, namnd=n.id, bygge=bygge) for t in bygge.rdef.namndavsnitt)
    return "\n\n".join(delar)


def senaste_prognos(annan_namnd: str | None = None, *, bygge: Bygge) -> dict[str, Any] | None:
    """Den senaste prognosen t.o.m. perioden: {"period", "avvikelse"} (kronor, oavrundad), eller None."""
    svar = bygge.underlag.senaste_prognos(annan_namnd or bygge.namnd)
    return None if svar is None else {"period": svar[0], "avvikelse": svar[1]}


def _matt(namn: str, bygge: Bygge) -> Callable[[str | None], float | None]:
    def varde(annan_namnd: str | None = None) -> float | None:
        vilken = bygge.kand_namnd(annan_namnd or bygge.namnd)
        return bygge.underlag.nyckeltal(vilken)[namn]
    return varde


def _upprakning(delar: tuple[str, ...] | list[str]) -> str:
    """'a', 'a och b', 'a, b och c'."""
    return delar[0] if len(delar) == 1 else ", ".join(delar[:-1]) + " och " + delar[-1]


def funktioner(bygge: Bygge) -> Funktioner:
    return bind(bygge, tabell, har_uppgifter, varde, diagram, namndavsnitt, senaste_prognos)


def mattfunktioner(bygge: Bygge) -> Funktioner:
    """En funktion per mått: nämndens (eller en annan nämnds) värde som helhet."""
    return {namn: _matt(namn, bygge) for namn in MATT}
