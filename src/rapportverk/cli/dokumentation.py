"""Dokumentation som genereras från koden, så att den inte kan glida isär från den: referenssidorna i
docs/referens/ (kommandonas hjälp, måtten, mallfunktionerna, konfigurationens nycklar).

`python -m rapportverk.cli.dokumentation` skriver om referenssidorna (make docs gör det före mkdocs build).
tests/test_dokumentation.py prövar att det incheckade stämmer."""

from __future__ import annotations

import inspect
import sys
import types
import typing
from pathlib import Path

import typer
import typer.core
from jinja2.defaults import DEFAULT_FILTERS
from pydantic import BaseModel
from pydantic_core import PydanticUndefined
from typer import rich_utils
from typer.testing import CliRunner

from rapportverk.berakning.matt import ATGARDSMATT, INVESTERINGSMATT, MATT, PERSONALMATT, SJUKFRANVAROMATT, Matt
from rapportverk.cli import analyskommandon, byggkommandon  # noqa: F401 (registrerar kommandona i appen)
from rapportverk.cli.app import app
from rapportverk.dokument import mall
from rapportverk.dokument.funktioner import Bygge, alla
from rapportverk.konfig.beskrivningar import BESKRIVNINGAR
from rapportverk.konfig.innehall import Kostnadsslagplan, Rapportfil
from rapportverk.konfig.modell import Konfig

# Bredden som hjälptexterna återges med: fast, så att sidan blir densamma i varje terminal och i CI.
HJALPBREDD = 100
REFERENS = Path("docs") / "referens"


def _tabell(register: dict[str, Matt]) -> str:
    rader = ["| mått | standardrubrik | formel |", "|---|---|---|"]
    rader += [f"| `{m.nyckel}` | {m.rubrik} | {m.formel} |" for m in register.values()]
    return "\n".join(rader)


def mattlista() -> str:
    """Markdown-tabeller över måtten, som de står i docs/referens/matt.md."""
    return (f"{_tabell(MATT)}\n\nFör tabeller av typen `atgarder`:\n\n{_tabell(ATGARDSMATT)}\n\n"
            f"För tabeller av typen `investeringar`:\n\n{_tabell(INVESTERINGSMATT)}\n\n"
            f"För tabeller av typen `personal`:\n\n{_tabell(PERSONALMATT)}\n\n"
            f"För tabeller av typen `sjukfranvaro`:\n\n{_tabell(SJUKFRANVAROMATT)}\n")


_GENERERAD = ("<!-- Genererad av `python -m rapportverk.cli.dokumentation` (make docs) ur koden; "
              "ändra i koden, inte här. -->\n\n")


def _hjalp(argument: list[str]) -> str:
    # Fast bredd och ingen färg. Typer läser TERMINAL_WIDTH, FORCE_COLOR och GITHUB_ACTIONS en gång när modulen
    # importeras, så dess värden sätts här för stunden i stället för genom miljön.
    miljo = {"COLUMNS": str(HJALPBREDD), "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None, "PY_COLORS": None}
    fast = {"MAX_WIDTH": HJALPBREDD, "FORCE_TERMINAL": False, "COLOR_SYSTEM": None}
    tidigare = {namn: getattr(rich_utils, namn) for namn in fast}
    try:
        for namn, varde in fast.items():
            setattr(rich_utils, namn, varde)
        resultat = CliRunner().invoke(app, [*argument, "--help"], env=miljo, terminal_width=HJALPBREDD,
                                      prog_name="rapport")
    finally:
        for namn, varde in tidigare.items():
            setattr(rich_utils, namn, varde)
    if resultat.exit_code != 0:
        raise RuntimeError(f"rapport {' '.join(argument)} --help gav kod {resultat.exit_code}: {resultat.output}")
    return "\n".join(rad.rstrip() for rad in resultat.output.splitlines()).strip("\n")


def kommandon() -> list[str]:
    """Kommandonas namn i den ordning appen har dem."""
    grupp = typer.main.get_command(app)
    assert isinstance(grupp, typer.core.TyperGroup)
    return [namn for namn, kommando in grupp.commands.items() if not kommando.hidden]


def cli_sida() -> str:
    """docs/referens/cli.md: `rapport --help` och varje kommandos --help."""
    delar = ["# Kommandon\n\n", _GENERERAD,
             "Varje kommandos hjälptext, som `rapport KOMMANDO --help` skriver den.\n\n",
             "```text\n", _hjalp([]), "\n```\n"]
    for namn in kommandon():
        delar += [f"\n## `rapport {namn}`\n\n```text\n", _hjalp([namn]), "\n```\n"]
    return "".join(delar)


def matt_sida() -> str:
    """docs/referens/matt.md: måtten som tabellernas kolumner kan ha."""
    return ("# Mått\n\n" + _GENERERAD
            + "Måtten som en tabells `kolumner` kan ha: nyckeln, rubriken som används om tabellen inte anger en "
              "egen, och formeln. Hur måtten räknas och skrivs står i [Mått och tal](../ekonomistab/matt.md).\n\n"
            + mattlista())


def _typnamn(typ: object) -> str:
    if typ is type(None):
        return "null"
    if isinstance(typ, type) and not isinstance(typ, types.GenericAlias):
        return typ.__name__
    ursprung = typing.get_origin(typ)
    argument = typing.get_args(typ)
    if ursprung is typing.Literal:
        return " \\| ".join(repr(a) if not isinstance(a, str) else f'"{a}"' for a in argument)
    if ursprung in (typing.Union, types.UnionType):
        return " \\| ".join(_typnamn(a) for a in argument)
    if ursprung is typing.Annotated:
        return _typnamn(argument[0])
    if ursprung is not None:
        namn = getattr(ursprung, "__name__", str(ursprung))
        return f"{namn}[{', '.join(_typnamn(a) for a in argument)}]"
    return str(typ).replace("typing.", "")


def _modeller_i(typ: object) -> list[type[BaseModel]]:
    if isinstance(typ, type) and issubclass(typ, BaseModel):
        return [typ]
    return [m for a in typing.get_args(typ) for m in _modeller_i(a)]


def _standard(falt: typing.Any) -> str:
    if falt.is_required():
        return "*krävs*"
    varde = falt.get_default(call_default_factory=True) if falt.default is PydanticUndefined else falt.default
    if isinstance(varde, BaseModel):
        return f"`{type(varde).__name__}()`"
    return f"`{varde!r}`".replace("|", "\\|")


def _beskrivning(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def beskrivning(modell: type[BaseModel], namn: str) -> str | None:
    """Nyckelns rad: fältets egen beskrivning, annars den i konfig/beskrivningar.py för modellen eller en förälder."""
    falt = modell.model_fields[namn]
    if falt.description:
        return falt.description
    return next((BESKRIVNINGAR[f"{k.__name__}.{namn}"] for k in modell.__mro__
                 if f"{k.__name__}.{namn}" in BESKRIVNINGAR), None)


def konfigmodeller() -> list[type[BaseModel]]:
    """Alla modeller som referensen beskriver, från de tre rötterna."""
    sedda: list[type[BaseModel]] = []

    def besok(modell: type[BaseModel]) -> None:
        if modell not in sedda:
            sedda.append(modell)
            for falt in modell.model_fields.values():
                for barn in _modeller_i(falt.annotation):
                    besok(barn)

    for rot in (Konfig, Rapportfil, Kostnadsslagplan):
        besok(rot)
    return sedda


def _modellavsnitt(modell: type[BaseModel], sedda: set[type[BaseModel]]) -> list[str]:
    if modell in sedda:
        return []
    sedda.add(modell)
    rader = [f"\n## {modell.__name__}\n"]
    dokstrang = " ".join((modell.__doc__ or "").split())
    if dokstrang and modell.__doc__ is not BaseModel.__doc__:
        rader.append(f"\n{dokstrang}\n")
    rader += ["\n| nyckel | typ | standard | beskrivning |", "\n|---|---|---|---|"]
    under: list[type[BaseModel]] = []
    for namn, falt in modell.model_fields.items():
        nyckel = falt.alias or namn
        rader.append(f"\n| `{nyckel}` | {_typnamn(falt.annotation)} | {_standard(falt)} | "
                     f"{_beskrivning(beskrivning(modell, namn))} |")
        under += _modeller_i(falt.annotation)
    rader.append("\n")
    for barn in under:
        rader += _modellavsnitt(barn, sedda)
    return rader


def konfig_sida() -> str:
    """docs/referens/konfig.md: konfigurationens nycklar, genom att gå igenom pydantic-modellerna i konfig/."""
    delar = ["# Konfigurationens nycklar\n\n", _GENERERAD,
             "Varje avsnitt är en del av konfigurationen: nycklarna, deras typ och standardvärde. En nyckel som "
             "inte står här är ett fel. Huvudfilen (`konfig/rapportverk.yaml`) börjar i **Konfig**, en "
             "rapporttyps fil (`konfig/rapporter/*.yaml`) i **Rapportfil** och kostnadsslagsplanen i "
             "**Kostnadsslagplan**.\n"]
    sedda: set[type[BaseModel]] = set()
    for rot in (Konfig, Rapportfil, Kostnadsslagplan):
        delar += _modellavsnitt(rot, sedda)
    return "".join(delar)


def _anrop(namn: str, funktion: typing.Callable[..., typing.Any]) -> str:
    # Bygget binds av rapportverk och syns inte för mallen; resten av signaturen är det mallen skriver.
    signatur = inspect.signature(funktion)
    parametrar = [p.replace(annotation=inspect.Parameter.empty) for n, p in signatur.parameters.items()
                  if n != "bygge"]
    return f"{namn}{signatur.replace(parameters=parametrar, return_annotation=inspect.Signature.empty)}"


def mallfunktioner_sida() -> str:
    """docs/referens/mallfunktioner.md: funktionerna och filtren som layoutmallar och textblock kan använda."""
    # Funktionerna binds till ett bygge först när de anropas, så namn, signatur och beskrivning går att läsa utan ett.
    funktioner = alla(typing.cast(Bygge, None))
    rader = ["# Mallfunktioner\n\n", _GENERERAD,
             "Funktionerna och filtren som layoutmallar och textblock kan använda. Exempel och hur de används står "
             "hos [redaktörerna](../redaktorer/index.md).\n\n## Funktioner\n\n| anrop | gör |\n|---|---|\n"]
    for namn, funktion in funktioner.items():
        if namn in MATT:
            continue
        forsta = " ".join((inspect.getdoc(funktion) or "").split("\n\n")[0].split()).replace("|", "\\|")
        rader.append(f"| `{_anrop(namn, funktion)}` | {forsta} |\n")
    matt = [namn for namn in funktioner if namn in MATT]
    rader.append("\n## Mått\n\nEn funktion per mått ger nämndens värde som helhet, eller en annan nämnds med "
                 "`annan_namnd`: " + ", ".join(f"`{namn}()`" for namn in matt)
                 + ". Måtten står i [referensen över måtten](matt.md).\n")
    egna = sorted(set(mall.miljo([]).filters) - set(DEFAULT_FILTERS))
    rader.append("\n## Filter\n\nUtöver Jinjas vanliga filter: " + ", ".join(f"`{f}`" for f in egna) + ".\n")
    return "".join(rader)


def referenssidor() -> dict[str, str]:
    """Referenssidornas innehåll, per filnamn under docs/referens/."""
    return {"cli.md": cli_sida(), "matt.md": matt_sida(), "konfig.md": konfig_sida(),
            "mallfunktioner.md": mallfunktioner_sida()}


def skriv_referens(katalog: Path = REFERENS) -> list[Path]:
    katalog.mkdir(parents=True, exist_ok=True)
    skrivna = []
    for namn, text in referenssidor().items():
        sokvag = katalog / namn
        sokvag.write_text(text, encoding="utf-8")
        skrivna.append(sokvag)
    return skrivna


if __name__ == "__main__":
    for sokvag in skriv_referens(Path(sys.argv[1]) if sys.argv[1:] else REFERENS):
        print(sokvag)
