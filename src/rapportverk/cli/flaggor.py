"""Kommandoradens flaggor (typer-typer med svensk hjälptext) och tolkningen av deras värden."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rapportverk.period import Period

Konfigfil = Annotated[Path, typer.Option("--konfig", help="Konfigurationsfilen.")]
Jobb = Annotated[int | None, typer.Option("--jobb", metavar="N", show_default=False,
                                          help="Antal processer som bygger samtidigt; standard en per processor.")]

# Flaggor som rapportkommandona delar.
PeriodFlagga = Annotated[str, typer.Option("--period", help="Perioden, ÅÅÅÅ-MM (sista månaden som ingår).")]
Namnder = Annotated[list[str] | None, typer.Option("--namnd", help="Nämndens id; kan anges flera gånger. "
                                                   "Utan --namnd byggs alla nämnder.")]
Format = Annotated[str, typer.Option("--format", help="docx, pdf eller docx,pdf.")]
Utkatalog = Annotated[Path, typer.Option("--ut", help="Katalog för rapporterna.")]
Slutlig = Annotated[bool, typer.Option("--slutlig", help="Slutlig version: saknade textblock, textblock som inte "
                                       "är klara (status: utkast) och avstämningsfel är fel i stället för "
                                       "markeringar.")]
Pdfa = Annotated[bool, typer.Option("--pdfa", help="PDF/A-2u och PDF/UA-1 i samma fil, för arkivering.")]
Alla = Annotated[bool, typer.Option("--alla", help="Alla nämnder i konfigurationen (som utan --namnd).")]
Shard = Annotated[str | None, typer.Option(
    "--shard", metavar="K/N", help="Bygg bara del K av N, för en CI-matris med N jobb: nämnderna sorteras på "
    "id och delas ut i tur och ordning, så delarna 1/N … N/N tillsammans är alla nämnder en gång.")]

Inkrementell = Annotated[bool, typer.Option(
    "--inkrementell", help="Bygg bara om rapporter vars indata, mallar, texter eller programkod har ändrats sedan "
    "förra bygget i katalogen (standard när alla nämnder byggs och katalogen har ett manifest).")]
Full = Annotated[bool, typer.Option("--full", help="Bygg om alla valda rapporter, också de som inte har ändrats.")]


Bilaga = Annotated[list[str] | None, typer.Option(
    "--bilaga", help="Lägg till en bilaga: sparbarhet (underlaget per kostnadsställe och kostnadsslag bakom "
    "varje ekonomisk tabell). Kan anges flera gånger.")]
Region = Annotated[bool, typer.Option("--region", help="Regionens delårsrapport (hela regionen: måluppfyllelse, "
                                       "resultat- och balansräkning, balanskrav …). Med --alla eller --namnd byggs "
                                       "också nämndernas.")]



def period(text: str) -> Period:
    try:
        return Period.tolka(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None



def lage(inkrementell: bool, full: bool) -> bool | None:
    """True: bygg bara om det som ändrats; False: bygg allt; None: standard (bara om det ändrade när alla
    nämnder byggs och katalogen redan har ett manifest)."""
    if inkrementell and full:
        raise typer.BadParameter("ange antingen --inkrementell eller --full, inte båda.", param_hint="--full")
    return True if inkrementell else False if full else None


def jobb(jobb: int | None) -> int:
    from rapportverk.bygg.batch import antal_processorer  # sent: bara kommandon som bygger läser in bygget

    if jobb is not None and jobb < 1:
        raise typer.BadParameter(f"'{jobb}' ska vara minst 1.", param_hint="--jobb")
    return jobb or antal_processorer()


def shard(text: str | None) -> tuple[int, int] | None:
    from rapportverk.bygg.batch import tolka_shard  # sent, som ovan

    if text is None:
        return None
    try:
        return tolka_shard(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--shard") from None
