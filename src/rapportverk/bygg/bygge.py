"""Ett bygge av en rapporttyp, som `rapport delar/manad/bygg` gör det och som ett CI-skript kan anropa det.

Välj nämnder (och del av dem för en CI-matris), planera vad som behöver byggas om (inkrementellt), bygg
(parallellt), och publicera rapporternas filer tillsammans med deras poster i manifestet. Kommandoraden tolkar
argument och skriver ut; allt annat sker här.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapportverk import barnprocess
from rapportverk.bygg import batch, inkrementell
from rapportverk.bygg.batch import Resultat
from rapportverk.bygg.rapport import FORMAT, filnamn, tolka_bilagor, tolka_format, tolka_period, valj_namnder
from rapportverk.fel import RapportverkFel
from rapportverk.konfig import Projekt
from rapportverk.period import Period
from rapportverk.rendera import pdfprocess
from rapportverk.skriv import kasta
from rapportverk.underlag.tabeller import ladda_projekt
from rapportverk.utdata import diagramforrad, indataspar, manifest

Rapportera = Callable[[Resultat], None]
# Får antalet rapporter som ska byggas och ger funktionen som anropas för varje färdig (en förloppsindikator).
Framsteg = Callable[[int], AbstractContextManager[Rapportera]]


@dataclass(frozen=True)
class Bygge:
    """Vad ett bygge gav: perioden, katalogen, ett resultat per byggd nämnd och planen (None: allt byggdes)."""

    period: Period
    katalog: Path
    resultat: list[Resultat]
    plan: inkrementell.Plan | None
    sekunder: float

    @property
    def lyckade(self) -> list[Resultat]:
        return [r for r in self.resultat if r.byggd is not None]


def bygg(projekt: Projekt, rapport: str, period: Period | str, *, konfig: Path | None = None,
         namnder: list[str] | None = None,
         alla: bool = False, format: str | tuple[str, ...] = FORMAT, ut: Path = Path("ut"), slutlig: bool = False,
         pdfa: bool = False, jobb: int = 1, shard: tuple[int, int] | None = None, bilagor: tuple[str, ...] = (),
         inkrementellt: bool | None = None, kommando: list[str] | None = None, framsteg: Framsteg | None = None,
         vid_plan: Callable[[inkrementell.Plan, int], None] | None = None) -> Bygge:
    """Bygg rapporttypen `rapport` för perioden och publicera den. `inkrementellt`: True bygger bara om det som
    ändrats sedan förra bygget i katalogen, False bygger allt, None gör det förra när alla nämnder byggs.
    `kommando` står i manifestet (standard: processens egna argument)."""
    start = time.perf_counter()
    konfig = konfig if konfig is not None else projekt.katalog / Path(projekt.fil).name
    format, bilagor = tolka_format(format), tolka_bilagor(bilagor)
    projekt.rapport(rapport)  # okänd rapporttyp: fel innan något läses
    p = period if isinstance(period, Period) else tolka_period(projekt, rapport, period)
    valda = valj_namnder(projekt, rapport, namnder)
    if shard:
        valda = batch.valj_shard(valda, *shard)
        if not valda:
            return Bygge(p, ut / str(p), [], None, time.perf_counter() - start)
    plan = None
    # Kontrollsummorna räknas en gång per bygge (en fil på 100 MB tar en tiondels sekund, och planen, den sparade
    # huvudboken och manifestet frågar efter samma filer).
    hashar = manifest.Hashar()
    if inkrementellt or (inkrementellt is None and (alla or not namnder)):
        plan = inkrementell.planera(projekt, konfig, rapport, p, valda, format, slutlig, pdfa, ut, bilagor, hashar)
        if plan is not None and vid_plan is not None:
            vid_plan(plan, len(valda))
    att_bygga = list(plan.bygg) if plan is not None else valda
    # Rapporternas filer publiceras tillsammans med manifestet (publicera), inte var för sig av arbetsprocesserna.
    best = batch.Bestallning(konfig, rapport, p, ut, format, slutlig, pdfa, bilagor, publicera=False,
                             huvudbokscache=True)
    resultat: list[Resultat] = []
    i_processen = bool(att_bygga) and (jobb == 1 or len(att_bygga) == 1)
    if not i_processen:  # inget att bygga, eller arbetsprocesser som gör sina PDF:er: ingen PDF-process behövs
        barnprocess.stang_forstartade()
    if att_bygga:
        med_framsteg = framsteg(len(att_bygga)) if framsteg is not None else nullcontext(lambda _r: None)
        if i_processen:
            # Med sparade diagram i katalogen ritas troligen inget, och matplotlib behöver inte läsas in.
            forvarm(diagram=not any((ut / str(p) / diagramforrad.KATALOG).glob("*.json")), docx="docx" in format)
        # Byggs rapporterna här (inte av arbetsprocesser, som redan använder kärnorna) gör en egen process PDF:erna.
        with pdfprocess.startad() if i_processen else nullcontext(), med_framsteg as rapportera:
            resultat = batch.kor(best, att_bygga, jobb, rapportera, projekt=projekt, hashar=hashar)
    publicera(projekt, konfig, rapport, p, resultat, format, slutlig, pdfa, ut, start, bilagor,
              behallna=plan.behall if plan is not None else None, kommando=kommando, hashar=hashar)
    return Bygge(p, ut / str(p), resultat, plan, time.perf_counter() - start)


def forvarm(diagram: bool = True, docx: bool = False) -> None:
    """Läs in diagrammens matplotlib (med `diagram`) och python-docx (med `docx`) i en egen tråd medan huvudboken
    läses: Polars läser utan att hålla tolkens lås, så inläsningen av modulerna (ett par tiondels sekunder var)
    sker under tiden i stället för efteråt. WeasyPrint läser PDF-processen in (rendera.pdfprocess). Ett fel här
    syns inte: samma import görs igen där modulerna används, och felar då där."""

    def las_in() -> None:
        try:
            for modul in ("rapportverk.rendera.docx",) if docx else ():
                importlib.import_module(modul)
            if diagram:
                from rapportverk.dokument.diagram import figurer

                figurer()
        except BaseException:  # felet visas där modulen används på riktigt
            pass

    threading.Thread(target=las_in, name="forvarm", daemon=True).start()


def publicera(projekt: Projekt, konfig: Path, rapport: str, p: Period, resultat: list[Resultat],
              format: tuple[str, ...], slutlig: bool, pdfa: bool, ut: Path, start: float,
              bilagor: tuple[str, ...] = (), behallna: dict[str, Any] | None = None,
              kommando: list[str] | None = None, hashar: manifest.Hashar | None = None) -> None:
    """Manifestets poster för de byggda rapporterna (och de oförändrade, `behallna`), publicerade tillsammans med
    rapporternas filer under katalogens lås; därefter städas sparade huvudböcker som ingen post pekar på.
    `hashar`: byggets kontrollsummor (indatafilerna räknas då inte en gång till)."""
    lyckade = [r for r in resultat if r.byggd is not None]
    utkast = [u for r in lyckade if r.byggd is not None for u in r.byggd.utkast]
    if not (lyckade or behallna):
        return
    start_klocka = time.time() - (time.perf_counter() - start)
    kommando = kommando if kommando is not None else standardkommando()
    hashar = hashar if hashar is not None else manifest.Hashar()
    try:
        for u in utkast:  # manifestets kontrollsummor för filer som ännu inte fått sina namn
            hashar.kand(u.mal, u.tmp)
        poster = {n: {**post, "kommando": kommando} for n, post in (behallna or {}).items()}
        poster |= {filnamn(projekt, rapport, r.namnd, p): manifest.post(
            projekt, konfig, rapport, r.namnd, r.byggd.filer, r.byggd.lasta, format, slutlig, pdfa, kommando,
            hashar, r.byggd.sql, bilagor, r.byggd.diagram)
            for r in lyckade if r.byggd is not None}
    except BaseException:
        kasta(utkast)
        raise
    katalog = ut / str(p)
    # Låst: två körningar mot samma katalog får inte läsa samma gamla manifest och skriva över varandras poster.
    with manifest.las_katalogen(katalog):
        manifest.publicera(katalog, str(p), manifest.relativ(konfig, manifest.projektrot(projekt)), poster, utkast)
        publicerade = manifest.las(katalog)["rapporter"].values()
        indataspar.stada(katalog, {n for post in publicerade for n in post["utdata"]}, aldre_an=start_klocka)
        diagramforrad.stada(katalog, {n for post in publicerade for n in post.get("diagram", [])},
                            aldre_an=start_klocka)


def standardkommando(argv: list[str] | None = None) -> list[str]:
    """Kommandot i manifestet: --full och --inkrementell ändrar inte utdata, så det är detsamma med och utan dem."""
    return ["rapport", *(a for a in (sys.argv[1:] if argv is None else argv)
                         if a not in ("--full", "--inkrementell"))]


def verifiera(katalog: Path, konfig: Path | None = None, namnder: list[str] | None = None, jobb: int = 1,
              framsteg: Framsteg | None = None,
              internt: Callable[[str], str] = lambda tb: tb.splitlines()[-1] if tb else "okänt") -> manifest.Skillnader:
    """Bygg om rapporterna i katalogens manifest och jämför: indata sedan bygget, filerna i katalogen och
    ombyggets byte. Ombygget görs i en tillfällig katalog bredvid `katalog` (inget skrivs utanför utkatalogen).
    `konfig`: standard är manifestets. `internt` formulerar ett internt fel (CLI:t visar tracebacken med --debug)."""
    data = manifest.las(katalog)
    konfig = konfig if konfig is not None else Path(data["konfig"])
    projekt = ladda_projekt(konfig)
    p = Period.tolka(data["period"])
    poster: dict[str, Any] = data["rapporter"]
    if namnder:
        okanda = sorted(set(namnder) - {post["namnd"] for post in poster.values()})
        if okanda:
            raise RapportverkFel(f"{katalog}/manifest.json har inga rapporter för {', '.join(okanda)}.")
        poster = {k: v for k, v in poster.items() if v["namnd"] in namnder}
    hashar, s = manifest.Hashar(), manifest.Skillnader()
    manifest.jamfor_indata(poster, manifest.projektrot(projekt), hashar, s)
    manifest.jamfor_utdata(poster, katalog, hashar, s)
    grupper: dict[tuple[Any, ...], list[str]] = {}
    for nyckel, post in sorted(poster.items()):
        grupper.setdefault((post["rapport"], tuple(post["format"]), post["slutlig"], post["pdfa"],
                            tuple(post.get("bilagor", []))), []).append(nyckel)
    with tempfile.TemporaryDirectory(prefix=".rapportverk-verifiera-", dir=katalog.parent) as tmp:
        for (rapport, format_, slutlig, pdfa, bilagor), nycklar in grupper.items():
            best = batch.Bestallning(konfig, rapport, p, Path(tmp), format_, slutlig, pdfa, bilagor)
            med_framsteg = framsteg(len(nycklar)) if framsteg is not None else nullcontext(lambda _r: None)
            with med_framsteg as rapportera:
                resultat = batch.kor(best, [poster[n]["namnd"] for n in nycklar], jobb, rapportera, projekt=projekt)
            for nyckel, r in zip(nycklar, resultat, strict=True):
                if r.byggd is None:
                    s.misslyckade[nyckel] = [str(f) for f in r.fel] or [internt(r.internt or "")]
                    continue
                ny = manifest.post(projekt, konfig, rapport, r.namnd, r.byggd.filer, r.byggd.lasta, format_,
                                   slutlig, pdfa, [], hashar, r.byggd.sql, bilagor)
                manifest.jamfor_ombygge(nyckel, poster[nyckel], ny, s)
    return s
