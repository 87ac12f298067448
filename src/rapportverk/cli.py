"""Kommandoraden `rapport`: tunn — tolkar argument, anropar biblioteket, skriver en sammanfattning."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.table import Table
from typer.exceptions import TyperException

from rapportverk import __version__
from rapportverk.berakning import Tabell
from rapportverk.fel import RapportverkFel
from rapportverk.formatering import ENHETSTEXT, cell
from rapportverk.konfig import STANDARDFIL
from rapportverk.period import Period
from rapportverk.skriv import skriv_atomiskt

app = typer.Typer(help="rapportverk — uppföljningsrapporter från huvudbok till DOCX och PDF.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
# I en pipe eller CI-logg finns ingen terminalbredd; 80 tecken skulle klippa radrubrikerna.
ut = Console(width=None if sys.stdout.isatty() else 200)
fel_ut = Console(stderr=True, highlight=False)
_tillstand = {"debug": False, "konfig": STANDARDFIL}

Konfigfil = Annotated[Path, typer.Option("--konfig", help="Konfigurationsfilen.")]


class Tabellformat(StrEnum):
    text = "text"
    csv = "csv"
    xlsx = "xlsx"


def _version(varde: bool) -> None:
    if varde:
        ut.print(f"rapportverk {__version__}")
        raise typer.Exit()


@app.callback()
def _huvud(
    konfig: Konfigfil = STANDARDFIL,
    debug: Annotated[bool, typer.Option("--debug", help="Visa fullständig felsökningsinformation vid fel.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Visa versionen.")] = False,
) -> None:
    _tillstand["debug"] = debug
    _tillstand["konfig"] = konfig


def _period(text: str) -> Period:
    try:
        return Period.tolka(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def tabell(
    namn: Annotated[str | None, typer.Argument(help="Tabellens namn i konfigurationen.")] = None,
    period: Annotated[str | None, typer.Option(help="Perioden, ÅÅÅÅ-MM (sista månaden som ingår).")] = None,
    namnd: Annotated[str | None, typer.Option(help="Nämndens id, t.ex. regionstyrelsen.")] = None,
    format: Annotated[Tabellformat, typer.Option(help="text (som i rapporten), csv eller xlsx (oavrundat).")
                      ] = Tabellformat.text,
    ut_fil: Annotated[Path | None, typer.Option("--ut", help="Fil att skriva till (krävs för xlsx).")] = None,
    lista: Annotated[bool, typer.Option("--lista", help="Lista tabellerna i konfigurationen.")] = False,
) -> None:
    """Visa en beräknad tabell som i rapporten, eller skriv dess oavrundade tal till CSV/Excel."""
    from rapportverk.tabeller import bygg_tabell, ladda_projekt, las_indata

    p = _period(period) if period else None
    projekt = ladda_projekt(_tillstand["konfig"])
    if lista:
        for tnamn, tdef in projekt.konfig.tabeller.items():
            ut.print(f"{tnamn:<32} {tdef.rubrik}")
        return
    if not namn or p is None or not namnd:
        raise typer.BadParameter("ange tabellens namn, --period och --namnd (eller --lista).")
    projekt.namnd(namnd)
    resultat = bygg_tabell(projekt, las_indata(projekt, p), namn, namnd, p)
    if format == Tabellformat.text:
        if ut_fil:
            skriv_atomiskt(ut_fil, lambda t: t.write_text(_som_text(resultat), encoding="utf-8"))
        else:
            ut.print(_rich_tabell(resultat))
        return
    ram = _som_ram(resultat)
    if format == Tabellformat.csv:
        if ut_fil:
            skriv_atomiskt(ut_fil, lambda t: ram.write_csv(t, separator=";"))
        else:
            sys.stdout.write(ram.write_csv(separator=";"))
        return
    if not ut_fil:
        raise typer.BadParameter("xlsx kräver --ut FIL.xlsx.")
    skriv_atomiskt(ut_fil, lambda t: ram.write_excel(t, worksheet=resultat.namn[:31]))
    ut.print(f"Skrev {ut_fil}")


@app.command()
def delar(
    period: Annotated[str, typer.Option(help="Perioden, ÅÅÅÅ-MM (sista månaden som ingår).")],
    namnd: Annotated[list[str] | None, typer.Option(help="Nämndens id; kan anges flera gånger. "
                                                    "Utan --namnd byggs alla nämnder.")] = None,
    format: Annotated[str, typer.Option(help="docx, pdf eller docx,pdf.")] = "docx,pdf",
    ut_katalog: Annotated[Path, typer.Option("--ut", help="Katalog för rapporterna.")] = Path("ut"),
    slutlig: Annotated[bool, typer.Option("--slutlig", help="Slutlig version: saknade textblock är fel.")] = False,
    pdfa: Annotated[bool, typer.Option("--pdfa", help="PDF/A för arkivering (också taggad).")] = False,
) -> None:
    """Bygg delårsrapporten per nämnd som DOCX och PDF."""
    _bygg("delarsrapport", period, namnd, format, ut_katalog, slutlig, pdfa)


def _bygg(rapport: str, period: str, namnder: list[str] | None, format: str, ut_katalog: Path, slutlig: bool,
          pdfa: bool) -> None:
    from rapportverk.rapport import bygg_rapport
    from rapportverk.tabeller import ladda_projekt, las_indata

    p = _period(period)
    format_ = tuple(f.strip() for f in format.split(",") if f.strip())
    projekt = ladda_projekt(_tillstand["konfig"])
    valda = namnder or projekt.namnd_ids
    for n in valda:
        projekt.namnd(n)
    indata = las_indata(projekt, p)
    for n in valda:
        byggd = bygg_rapport(projekt, indata, rapport, n, p, ut_katalog, format_, slutlig, pdfa)
        for fil in byggd.filer:
            ut.print(f"Skrev {fil} ({byggd.sidor} sidor)" if fil.suffix == ".pdf" else f"Skrev {fil}")


def _rich_tabell(t: Tabell) -> Table:
    tabell_ = Table(title=t.rubrik, caption=ENHETSTEXT.get(t.enhet, ""), caption_justify="left")
    tabell_.add_column(t.radrubrik, no_wrap=True)
    for k in t.kolumner:
        tabell_.add_column(f"{k.grupp} {k.rubrik}" if k.grupp else k.rubrik, justify="right")
    for rad in t.rader:
        stil = "bold" if rad.typ in ("summa", "delsumma", "rubrik") else ("italic" if rad.typ == "varav" else "")
        celler = [cell(k.typ, v, t.enhet, k.decimaler) for k, v in zip(t.kolumner, rad.varden, strict=True)]
        tabell_.add_row("  " * rad.niva + rad.etikett, *celler, style=stil)
    return tabell_


def _som_text(t: Tabell) -> str:
    konsol = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    konsol.print(_rich_tabell(t))
    return konsol.export_text()


def _som_ram(t: Tabell) -> pl.DataFrame:
    """Oavrundade tal i tabellens enhet (belopp) eller i procent, för kontroll i Excel."""
    from rapportverk.formatering import skala

    data: dict[str, list] = {t.radrubrik or "Rad": [r.etikett for r in t.rader], "Radtyp": [r.typ for r in t.rader]}
    for i, k in enumerate(t.kolumner):
        delare = skala(t.enhet) if k.typ == "belopp" else 1.0
        rubrik = f"{k.rubrik} ({t.enhet})" if k.typ == "belopp" else k.rubrik
        data[rubrik] = [None if r.varden[i] is None else r.varden[i] / delare for r in t.rader]
    return pl.DataFrame(data)


def main() -> None:
    """Ingång för konsolskriptet: svenska fel utan traceback (om inte --debug), kod 1 vid indatafel."""
    debug = "--debug" in sys.argv
    try:
        app(standalone_mode=False)
    except RapportverkFel as exc:
        if debug:
            raise
        for f in exc.fel:
            fel_ut.print(f"[bold red]Fel:[/] {f}", markup=True, soft_wrap=True)
        antal = len(exc.fel)
        if antal > 1:
            fel_ut.print(f"{antal} fel hittades; rätta dem och kör igen.")
        sys.exit(1)
    except KeyboardInterrupt:
        fel_ut.print("Avbrutet. Inga ofullständiga filer har skrivits.")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        fel_ut.print("Avbrutet.")
        sys.exit(130)
    except TyperException as exc:
        if not hasattr(exc, "exit_code"):
            raise
        fel_ut.print(f"Fel i kommandoraden: {_anvandningsfel(exc)}", soft_wrap=True, markup=False)
        fel_ut.print("Se 'rapport --help' eller 'rapport KOMMANDO --help'.")
        sys.exit(2)
    except Exception as exc:  # sista skyddsnätet: aldrig en traceback för användaren
        if debug:
            raise
        fel_ut.print(f"Internt fel i rapportverk ({type(exc).__name__}: {exc}). Kör igen med --debug och "
                     "skicka utskriften till den som förvaltar rapportverk.", markup=False)
        sys.exit(3)


def _anvandningsfel(exc: TyperException) -> str:
    """Typer/click skriver engelska ramar runt felen; vi säger samma sak på svenska."""
    namn = type(exc).__name__
    param = getattr(exc, "param", None)
    flagga = "/".join(getattr(param, "opts", []) or []) or getattr(exc, "param_hint", None) or ""
    meddelande = getattr(exc, "message", str(exc))
    if namn == "BadParameter":
        return f"ogiltigt värde för {flagga}: {meddelande}" if flagga else meddelande
    if namn == "NoSuchOption":
        return f"okänd flagga {getattr(exc, 'option_name', '')}"
    if namn == "MissingParameter":
        return f"{flagga or 'ett argument'} saknas"
    if namn == "NoSuchCommand" or "No such command" in meddelande:
        return f"okänt kommando ({meddelande})"
    return meddelande
