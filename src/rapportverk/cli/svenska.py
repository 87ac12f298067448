"""Typers och clicks egna texter på svenska: rubrikerna i hjälpen, användningsraden, --help och typnamnen.

Typer har ingen översättning (bara `gettext` utan katalog på några ställen), så texterna byts här, en gång vid
import (rich_utils när typer läser in den). Versionen av typer är låst (uv.lock); `tests/test_cli.py` kontrollerar
att ingen engelska finns kvar i något kommandos hjälp, så en ny typer som flyttar en text märks i testerna.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from types import ModuleType
from typing import Any

import typer.core
from typer._click import formatting

HJALP = "Visa den här hjälpen och avsluta."
ANVANDNING = "Användning: "
FLAGGOR = "[FLAGGOR]"
UNDERKOMMANDO = "KOMMANDO [ARGUMENT]..."

# Typnamnen som typer visar inom <>; flaggor utan värde (bool) visas utan typ.
TYPNAMN = {"str": "text", "int": "heltal", "float": "tal", "path": "sökväg", "list[str]": "text …",
           "list[path]": "sökväg …", "list[int]": "heltal …", "file": "fil", "directory": "katalog"}

def _oversatt(rich_utils: Any) -> None:
    rich_utils.OPTIONS_PANEL_TITLE = "Flaggor"
    rich_utils.ARGUMENTS_PANEL_TITLE = "Argument"
    rich_utils.COMMANDS_PANEL_TITLE = "Kommandon"
    rich_utils.ERRORS_PANEL_TITLE = "Fel"
    rich_utils.ABORTED_TEXT = "Avbrutet."
    rich_utils.DEFAULT_STRING = "[standard: {}]"
    rich_utils.ENVVAR_STRING = "[miljövariabel: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[krävs]"
    rich_utils.DEPRECATED_STRING = "(utgår) "
    rich_utils.RICH_HELP = "Se [blue]'{command_path} {help_option}'[/] för hjälp."
    # Användningsraden färgas efter sitt prefix; med ett svenskt prefix måste mönstret också vara svenskt.
    rich_utils.highlighter.highlights = [m.replace("Usage: ", ANVANDNING) for m in rich_utils.highlighter.highlights]


class _Oversattande(importlib.abc.Loader):
    """Läser in modulen som vanligt och översätter den sedan."""

    def __init__(self, inre: importlib.abc.Loader) -> None:
        self.inre = inre

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.inre.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.inre.exec_module(module)
        _oversatt(module)


class _NarRichUtilsLasesIn(importlib.abc.MetaPathFinder):
    """typer läser in rich_utils först när hjälpen eller ett fel ska visas; texterna översätts då. Att läsa in den
    (med rich.markdown) vid varje kommando kostade 80 ms innan något byggdes."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != "typer.rich_utils":
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Oversattande(spec.loader)
        return spec


if "typer.rich_utils" in sys.modules:
    _oversatt(sys.modules["typer.rich_utils"])
elif not any(isinstance(f, _NarRichUtilsLasesIn) for f in sys.meta_path):
    sys.meta_path.insert(0, _NarRichUtilsLasesIn())


def _svensk_typ(original: Any) -> Any:
    def display_type(self: Any, ctx: Any) -> str | None:
        text = original(self, ctx)
        if not text or not (text.startswith("<") and text.endswith(">")):
            return text
        namn = text[1:-1]
        if namn == "bool":
            return None
        return f"<{TYPNAMN.get(namn.lower(), namn)}>"
    display_type._svensk = True  # type: ignore[attr-defined]
    return display_type


for _klass in (typer.core.TyperOption, typer.core.TyperArgument):
    if not getattr(_klass.display_type, "_svensk", False):
        _klass.display_type = _svensk_typ(_klass.display_type)  # type: ignore[method-assign]

_skriv_anvandning = formatting.HelpFormatter.write_usage
if not getattr(_skriv_anvandning, "_svensk", False):
    def _write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        _skriv_anvandning(self, prog, args, ANVANDNING if prefix is None else prefix)
    _write_usage._svensk = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = _write_usage  # type: ignore[method-assign]

_hjalpflagga = typer.core.TyperCommand.get_help_option


def _get_help_option(self: Any, ctx: Any) -> Any:
    flagga = _hjalpflagga(self, ctx)
    if flagga is not None:
        flagga.help = HJALP
    return flagga


for _klass in (typer.core.TyperCommand, typer.core.TyperGroup):
    _klass.get_help_option = _get_help_option  # type: ignore[method-assign]

_ERSATT = {"[OPTIONS]": FLAGGOR, "COMMAND [ARGS]...": UNDERKOMMANDO}


def _svenska_delar(original: Any) -> Any:
    def collect_usage_pieces(self: Any, ctx: Any) -> list[str]:
        return [_ERSATT.get(d, d) for d in original(self, ctx)]
    collect_usage_pieces._svensk = True  # type: ignore[attr-defined]
    return collect_usage_pieces


for _klass in (typer.core.TyperCommand, typer.core.TyperGroup):
    if not getattr(_klass.collect_usage_pieces, "_svensk", False):
        _klass.collect_usage_pieces = _svenska_delar(_klass.collect_usage_pieces)  # type: ignore[method-assign]
