"""Kommandoradens typer-app och dess globala flaggor (--konfig, --debug, --version)."""

from __future__ import annotations

from typing import Annotated

import typer

from rapportverk import __version__
from rapportverk.cli import svenska  # noqa: F401 (typers texter på svenska)
from rapportverk.cli.flaggor import Konfigfil
from rapportverk.cli.konsol import tillstand, ut
from rapportverk.konfig import STANDARDFIL

app = typer.Typer(help="rapportverk — uppföljningsrapporter från huvudbok till DOCX och PDF.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


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
    tillstand["debug"] = debug
    tillstand["konfig"] = konfig
