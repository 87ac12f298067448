"""Kommandoraden `rapport`: tunn — tolkar argument, anropar biblioteket, skriver en sammanfattning.

Här finns ingången (`main`): svenska fel utan traceback och slutkoderna. Kommandona står i `byggkommandon`
och `analyskommandon`."""

from __future__ import annotations

import signal
import sys

import typer
from rich.text import Text
from typer.exceptions import TyperException

from rapportverk.cli.app import app

# Kommandona registreras i appen i den ordning hjälpen visar dem: först de som bygger, sedan de som granskar.
from rapportverk.cli import byggkommandon  # noqa: F401  # isort: skip
from rapportverk.cli import analyskommandon  # noqa: F401  # isort: skip
from rapportverk.cli import redaktionskommandon  # noqa: F401  # isort: skip
from rapportverk.avslut import avbruten, avsluta
from rapportverk.cli.konsol import fel_ut
from rapportverk.fel import RapportverkFel


def main() -> None:
    """Ingång för konsolskriptet: svenska fel utan traceback (om inte --debug), kod 1 vid indatafel."""
    debug = "--debug" in sys.argv
    # Ett skal eller en CI-löpare kan starta oss med SIGINT ignorerad; då skulle Ctrl-C inte nå fram.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        kod = app(standalone_mode=False)
        # Utan standalone_mode lämnar typer tillbaka koden från typer.Exit i stället för att avsluta, och
        # Ctrl-C kommer som kod 130 i stället för KeyboardInterrupt.
        if kod == 130:
            raise KeyboardInterrupt
        if isinstance(kod, int) and kod:
            sys.exit(kod)
    except RapportverkFel as exc:
        if debug:
            raise
        for f in exc.fel:
            fel_ut.print(Text.assemble(("Fel:", "bold red"), f" {f}"), soft_wrap=True)
        antal = len(exc.fel)
        if antal > 1:
            fel_ut.print(f"{antal} fel hittades; rätta dem och kör igen.")
        sys.exit(1)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # ett andra Ctrl-C ska inte ge en traceback här
        fel_ut.print("Avbrutet. Inga ofullständiga filer har skrivits.")
        avbruten()
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        fel_ut.print("Avbrutet.")
        avbruten()
    except TyperException as exc:
        if not hasattr(exc, "exit_code"):
            raise
        fel_ut.print(f"Fel i kommandoraden: {_anvandningsfel(exc)}", soft_wrap=True, markup=False)
        fel_ut.print("Se 'rapport --help' eller 'rapport KOMMANDO --help'.")
        sys.exit(2)
    except Exception as exc:  # sista skyddsnätet: aldrig en traceback för användaren
        if debug:
            if hasattr(exc, "detaljer"):  # felet hände i en arbetsprocess; dess traceback först
                fel_ut.print(exc.detaljer, markup=False, highlight=False)
            raise
        fel_ut.print(f"Internt fel i rapportverk ({type(exc).__name__}: {exc}). Kör igen med --debug och "
                     "skicka utskriften till den som förvaltar rapportverk.", markup=False)
        sys.exit(3)


def kommandorad() -> None:
    """Konsolskriptet `rapport` och `python -m rapportverk`: main, sedan avslut utan tolkens nedstängning
    (avslut.avsluta). Ett programfel med --debug går vidare som vanligt, med sin traceback."""
    try:
        main()
        kod = 0
    except SystemExit as exc:
        if isinstance(exc.code, str):
            sys.stderr.write(exc.code + "\n")
            kod = 1
        else:
            kod = exc.code or 0
    avsluta(kod)


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


__all__ = ["app", "kommandorad", "main"]
