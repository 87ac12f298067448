"""Kommandona som bygger: tabell, delar, manad, bygg, ny och verifiera. Tolka flaggorna, anropa biblioteket
(bygg.bygge), skriv ut.

Bygget (Polars, WeasyPrint, matplotlib) läses in först i kommandot som använder det: `rapport --help` och ett fel i
flaggorna svarar direkt."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rapportverk.cli import (
    flaggor,
    svenska,  # noqa: F401 (typers texter på svenska)
    tabellutskrift,
)
from rapportverk.cli.app import app
from rapportverk.cli.flaggor import (
    Alla,
    Bilaga,
    Format,
    Full,
    Inkrementell,
    Jobb,
    Namnder,
    Pdfa,
    PeriodFlagga,
    Region,
    Shard,
    Slutlig,
    Utkatalog,
)
from rapportverk.cli.konsol import fel_ut, tillstand, ut
from rapportverk.fel import RapportverkFel
from rapportverk.konfig import STANDARDFIL
from rapportverk.period import Period


class Tabellformat(StrEnum):
    text = "text"
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def tabell(
    namn: Annotated[str | None, typer.Argument(help="Tabellens namn i konfigurationen.")] = None,
    period: Annotated[str | None, typer.Option(help="Perioden, ÅÅÅÅ-MM (sista månaden som ingår).")] = None,
    namnd: Annotated[str | None, typer.Option(help="Nämndens id, t.ex. regionstyrelsen.")] = None,
    format: Annotated[Tabellformat, typer.Option(help="text (som i rapporten), csv eller xlsx (oavrundat).")
                      ] = Tabellformat.text,
    ut_fil: Annotated[Path | None, typer.Option("--ut", help="Fil att skriva till (krävs för xlsx).")] = None,
    lista: Annotated[bool, typer.Option("--lista", help="Lista tabellerna i konfigurationen.")] = False,
    visa_id: Annotated[bool, typer.Option("--id", help="Visa varje cells id (för 'rapport forklara ID').")
                       ] = False,
) -> None:
    """Visa en beräknad tabell som i rapporten, eller skriv dess oavrundade tal till CSV/Excel."""
    from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt, las_indata

    p = flaggor.period(period) if period else None
    if format == Tabellformat.xlsx and not ut_fil and not lista:
        raise typer.BadParameter("xlsx kräver --ut FIL.xlsx.")
    projekt = ladda_projekt(tillstand["konfig"])
    if lista:
        for tnamn, tdef in projekt.konfig.tabeller.items():
            ut.print(f"{tnamn:<32} {tdef.rubrik}")
        return
    if not namn or p is None or not namnd:
        raise typer.BadParameter("ange tabellens namn, --period och --namnd (eller --lista).")
    projekt.namnd(namnd)
    resultat = bygg_tabell(projekt, las_indata(projekt, p), namn, namnd, p)
    tabellutskrift.visa(resultat, p, namnd, format, ut_fil, visa_id)



@app.command()
def delar(period: PeriodFlagga, namnd: Namnder = None, format: Format = "docx,pdf", ut_katalog: Utkatalog = Path("ut"),
          slutlig: Slutlig = False, pdfa: Pdfa = False, alla: Alla = False, jobb: Jobb = None,
          shard: Shard = None, region: Region = False, bilaga: Bilaga = None, inkrementell: Inkrementell = False,
          full: Full = False) -> None:
    """Bygg delårsrapporten per nämnd (eller med --region för hela regionen) som DOCX och PDF, och manifest.json
    i samma katalog."""
    bilagor = tuple(bilaga or ())
    if not region:
        _bygg("delarsrapport", period, namnd, format, ut_katalog, slutlig, pdfa, alla, jobb, shard, bilagor,
              flaggor.lage(inkrementell, full))
        return
    from rapportverk.bygg.rapport import regionens_rapporttyp
    from rapportverk.konfig import REGION
    from rapportverk.underlag.tabeller import ladda_projekt

    regionens = regionens_rapporttyp(ladda_projekt(tillstand["konfig"]))
    kod = 0
    if namnd or alla:
        try:
            _bygg("delarsrapport", period, namnd, format, ut_katalog, slutlig, pdfa, alla, jobb, shard, bilagor,
                  flaggor.lage(inkrementell, full))
        except typer.Exit as exc:
            kod = exc.exit_code  # regionens rapport byggs ändå; den högsta koden gäller
    try:
        _bygg(regionens, period, [REGION], format, ut_katalog, slutlig, pdfa, False, jobb, None, bilagor,
              flaggor.lage(inkrementell, full))
    except typer.Exit as exc:
        kod = max(kod, exc.exit_code)
    if kod:
        raise typer.Exit(kod)


def _bygg(rapport: str, period: str, namnder: list[str] | None, format: str, ut_katalog: Path, slutlig: bool,
          pdfa: bool, alla: bool = False, jobb: int | None = None, shard: str | None = None,
          bilagor: tuple[str, ...] = (), lage: bool | None = False, periodtyp_egen: bool = False) -> None:
    """Gemensamt för rapportkommandona: tolka, bygg med biblioteket (bygge.bygg), sammanfatta."""
    from rapportverk.bygg import bygge
    from rapportverk.cli import batchutskrift
    from rapportverk.underlag.tabeller import ladda_projekt

    if alla and namnder:
        raise typer.BadParameter("ange antingen --alla eller --namnd, inte båda.", param_hint="--alla")
    # delar och manad tar en månad (ett skrivfel är ett fel i kommandoraden); bygg tolkar efter rapporttypen.
    p: Period | str = period if periodtyp_egen else flaggor.period(period)
    del_, antal = flaggor.shard(shard), flaggor.jobb(jobb)
    projekt = ladda_projekt(tillstand["konfig"])
    resultat = bygge.bygg(projekt, rapport, p, konfig=tillstand["konfig"], namnder=namnder, alla=alla, format=format,
                          ut=ut_katalog, slutlig=slutlig, pdfa=pdfa, jobb=antal, shard=del_, bilagor=bilagor,
                          inkrementellt=lage, framsteg=lambda n: batchutskrift.framsteg(ut, n, "Bygger"),
                          vid_plan=lambda plan, antal: batchutskrift.plan(ut, plan, antal))
    if del_ and not resultat.resultat and resultat.plan is None:
        ut.print(f"Del {del_[0]}/{del_[1]} innehåller inga nämnder; inget att bygga.")
        return
    ut.print(f"Klart på {batchutskrift.sekunder(resultat.sekunder)}: {len(resultat.lyckade)} av "
             f"{len(resultat.resultat)} rapporter byggda i {resultat.katalog}.", soft_wrap=True, markup=False,
             highlight=False)
    batchutskrift.varningar(fel_ut, resultat.resultat)
    kod = batchutskrift.misslyckade(fel_ut, resultat.resultat, tillstand["debug"])
    if kod:
        raise typer.Exit(kod)


@app.command()
def manad(period: PeriodFlagga, namnd: Namnder = None, format: Format = "docx,pdf", ut_katalog: Utkatalog = Path("ut"),
          slutlig: Slutlig = False, pdfa: Pdfa = False, alla: Alla = False, jobb: Jobb = None,
          shard: Shard = None, bilaga: Bilaga = None, inkrementell: Inkrementell = False,
          full: Full = False) -> None:
    """Bygg månadsrapporten per nämnd som DOCX och PDF, och manifest.json i samma katalog."""
    _bygg("manadsrapport", period, namnd, format, ut_katalog, slutlig, pdfa, alla, jobb, shard, tuple(bilaga or ()),
          flaggor.lage(inkrementell, full))


@app.command("bygg")
def bygg_kommando(
    rapport: Annotated[str | None, typer.Argument(help="Rapporttypen, t.ex. indikatorer (se --lista).")] = None,
    period: Annotated[str | None, typer.Option(help="Perioden efter rapporttypens periodtyp: ÅÅÅÅ-MM (månad), "
                                                    "ÅÅÅÅ-Q1 (kvartal) eller ÅÅÅÅ (år).")] = None,
    namnd: Annotated[list[str] | None, typer.Option(help="Nämndens id; kan anges flera gånger. Utan --namnd "
                                                    "byggs rapporttypens nämnder (eller alla).")] = None,
    format: Format = "docx,pdf",
    ut_katalog: Utkatalog = Path("ut"),
    slutlig: Slutlig = False,
    pdfa: Pdfa = False,
    lista: Annotated[bool, typer.Option("--lista", help="Lista rapporttyperna i konfigurationen.")] = False,
    bilaga: Bilaga = None,
    inkrementell: Inkrementell = False,
    full: Full = False,
) -> None:
    """Bygg en rapporttyp ur konfigurationen (rapporter: eller konfig/rapporter/NAMN.yaml) som DOCX och PDF."""
    from rapportverk.bygg.rapport import lista_rapporttyper

    if lista:
        typer, fel = lista_rapporttyper(tillstand["konfig"])
        bredd = [max((len(v) for v in kolumn), default=0) for kolumn in
                 ([t.namn for t in typer], [t.periodtyp for t in typer], [t.fil for t in typer])]
        for t in typer:
            ut.print(f"{t.namn:<{bredd[0]}}  {t.periodtyp:<{bredd[1]}}  {t.fil:<{bredd[2]}}  "
                     f"{t.beskrivning or t.titel}", markup=False, highlight=False, soft_wrap=True)
        if fel:
            raise RapportverkFel(fel)
        return
    if not rapport or not period:
        raise typer.BadParameter("ange rapporttypen och --period (eller --lista).")
    _bygg(rapport, period, namnd, format, ut_katalog, slutlig, pdfa, False, 1, None, tuple(bilaga or ()),
          flaggor.lage(inkrementell, full), periodtyp_egen=True)


@app.command()
def ny(katalog: Annotated[Path, typer.Argument(help="Katalogen som skapas; den får inte finnas eller ska vara tom.",
                                               metavar="KATALOG", show_default=False)]) -> None:
    """Skapa ett nytt projekt för en region: konfiguration, mallar, textblock och exempeldata som går att bygga
    direkt."""
    from rapportverk.bygg.nytt_projekt import sammanfattning, skapa_projekt

    for rad in sammanfattning(katalog, skapa_projekt(katalog)):
        ut.print(rad, markup=False, highlight=False, soft_wrap=True)


@app.command()
def verifiera(
    katalog: Annotated[Path, typer.Argument(help="Katalogen med rapporterna och manifest.json, t.ex. ut/2021-04.")],
    namnd: Annotated[list[str] | None, typer.Option(help="Verifiera bara den här nämndens rapporter; kan anges "
                                                    "flera gånger.")] = None,
    jobb: Jobb = None,
) -> None:
    """Bygg om rapporterna enligt katalogens manifest och jämför byte för byte; kod 1 om något skiljer."""
    from rapportverk.bygg import bygge
    from rapportverk.cli import batchutskrift
    from rapportverk.utdata import manifest

    antal = flaggor.jobb(jobb)
    poster = manifest.las(katalog)["rapporter"]
    antal_poster = len([p for p in poster.values() if not namnd or p["namnd"] in namnd])
    ut.print(f"Verifierar {katalog}: {antal_poster} rapporter byggs om och jämförs med manifestet.", markup=False,
             highlight=False, soft_wrap=True)
    # Manifestets konfiguration, om inte --konfig anges (den är relativ till projektroten, där man står).
    konfig = tillstand["konfig"] if tillstand["konfig"] != STANDARDFIL else None
    s = bygge.verifiera(katalog, konfig, namnd, antal,
                        framsteg=lambda n: batchutskrift.framsteg(ut, n, "Bygger om", visa_filer=False),
                        internt=lambda tb: batchutskrift.internt(tb, tillstand["debug"]))
    kod = batchutskrift.skillnader(ut, fel_ut, s, katalog, antal_poster)
    if kod:
        raise typer.Exit(kod)
