"""Bygg bara om det som ändrats: vilka nämnders rapporter som måste byggas om, och varför.

Manifestet i målkatalogen säger vad varje rapport byggdes av (kontrollsumma per indatafil, rapportverks version
och kod, format och val). En rapport behålls bara när allt det stämmer med filerna nu, dess utdatafiler är
orörda och ingen ny fil har dykt upp där den letar efter textblock och mallar sedan den byggdes; annars byggs
den om, med skälet. Ett ombygge är alltså alltid detsamma som ett helt nytt bygge, byte för byte. En ändrad
huvudboksfil bygger om varje rapport som läste den (radnivå vore finare, men måste då vara lika säker).

SQL-källor har ingen fil att jämföra med; en rapport som läser en byggs alltid om.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapportverk import __version__
from rapportverk.analys.jamfor import slag
from rapportverk.bygg.rapport import filnamn
from rapportverk.dokument.bygg import textrotter
from rapportverk.fel import RapportverkFel
from rapportverk.konfig import Projekt
from rapportverk.period import Period
from rapportverk.utdata import manifest

SLAGTEXT = {"textblock": "textblocket", "konfiguration": "konfigurationen", "data": "indatafilen",
            "mall": "mallen", "kod": "filen"}


@dataclass(frozen=True)
class Plan:
    """Nämnderna som byggs om (med skäl) och manifestposterna för dem som behålls."""

    bygg: tuple[str, ...]
    skal: dict[str, tuple[str, ...]] = field(default_factory=dict)
    behall: dict[str, dict[str, Any]] = field(default_factory=dict)  # manifestnyckel → post


def planera(projekt: Projekt, konfig: Path, rapport: str, period: Period, namnder: list[str], format: tuple[str, ...],
            slutlig: bool, pdfa: bool, ut: Path, bilagor: tuple[str, ...] = (),
            hashar: manifest.Hashar | None = None) -> Plan | None:
    """None när katalogen inte har något användbart manifest (då byggs allt, som vanligt). `hashar`: byggets
    kontrollsummor, så att varje indatafil läses en gång per bygge (planen, den sparade huvudboken, manifestet)."""

    katalog = ut / str(period)
    try:
        data = manifest.las(katalog)
    except RapportverkFel:
        return None
    rot = manifest.projektrot(projekt)
    if data.get("period") != str(period) or data.get("konfig") != manifest.relativ(konfig, rot):
        return None
    hashar = hashar if hashar is not None else manifest.Hashar()
    bygg, skal, behall = [], {}, {}
    for namnd in namnder:
        nyckel = filnamn(projekt, rapport, namnd, period)
        post = data["rapporter"].get(nyckel)
        varfor = (["ingen tidigare rapport i katalogen"] if post is None
                  else skal_for(projekt, rapport, namnd, period, post, format, slutlig, pdfa, katalog, rot, hashar,
                                   bilagor))
        if varfor:
            bygg.append(namnd)
            skal[namnd] = tuple(varfor)
        else:
            behall[nyckel] = post
    return Plan(tuple(bygg), skal, behall)


def skal_for(projekt: Projekt, rapport: str, namnd: str, period: Period, post: dict[str, Any],
             format: tuple[str, ...], slutlig: bool, pdfa: bool, katalog: Path, rot: Path,
             hashar: manifest.Hashar, bilagor: tuple[str, ...] = ()) -> list[str]:
    """Varför rapporten måste byggas om; tom lista när den kan behållas som den är."""

    if post.get("rapport") != rapport or post.get("format") != list(format) or post.get("slutlig") != slutlig \
            or post.get("pdfa") != pdfa or post.get("bilagor", []) != list(bilagor):
        return ["byggdes förra gången med andra val (format, --slutlig, --pdfa eller --bilaga)"]
    if post.get("version") != __version__ or post.get("kod") != manifest.kodsumma():
        return ["rapportverks programkod har ändrats sedan förra bygget"]
    if post.get("sql"):
        return ["rapporten läser en SQL-källa, som inte kan jämföras utan att läsas om"]
    skal = []
    for fil, sha in sorted(post["indata"].items()):
        vag = manifest.sokvag(fil, rot)
        if not vag.exists():
            skal.append(f"{fil} finns inte längre")
        elif hashar(vag) != sha:
            skal.append(f"{SLAGTEXT[slag(fil)]} {fil} har ändrats")
    for namn, sha in sorted(post["utdata"].items()):
        vag = katalog / namn
        if not vag.exists():
            skal.append(f"utdatafilen {namn} saknas")
        elif hashar(vag) != sha:
            skal.append(f"utdatafilen {namn} har ändrats efter bygget")
    if not skal:
        skal = nya_filer(projekt, rapport, namnd, period, post, katalog, rot)
    return skal


def nya_filer(projekt: Projekt, rapport: str, namnd: str, period: Period, post: dict[str, Any], katalog: Path,
              rot: Path) -> list[str]:
    """Filer där bygget letar efter textblock och mallar som inte lästes förra gången men har skapats eller
    ändrats sedan rapporten byggdes (ett textblock som saknades, en nämnds egen mall, en bild): manifestet kan
    inte veta om dem, så filernas tid jämförs med rapportens egna utdatafiler."""

    rdef = projekt.konfig.rapporter[rapport]
    # Den sparade huvudboken delas av katalogens rapporter och skrivs inte om; den säger inte när rapporten byggdes.
    byggd = min((katalog / n).stat().st_mtime for n in post["utdata"] if not n.startswith("indata/"))
    mallar = projekt.sokvag(rdef.mall).parent
    rotter = [*textrotter(projekt, rapport, namnd, period), mallar / namnd, mallar]
    lasta = set(post["indata"])
    skal = []
    for r in dict.fromkeys(rotter):
        if not r.is_dir():
            continue
        for fil in sorted(r.rglob("*")):
            if fil.is_file() and not fil.name.startswith(".") and fil.stat().st_mtime > byggd \
                    and manifest.relativ(fil, rot) not in lasta:
                skal.append(f"filen {manifest.relativ(fil, rot)} är ny eller ändrad sedan rapporten byggdes")
    return skal
