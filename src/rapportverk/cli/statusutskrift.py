"""Statustavlan i terminalen: textblock × nämnd med saknas, utkast och klar, antalen och det som återstår."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rapportverk.bygg.status import TILLSTAND, Tavla
from rapportverk.dokument.textstatus import MARKE
from rapportverk.fel import visningsnamn

FARG = {"klar": "green", "utkast": "yellow", "saknas": "red", "fel": "bold red"}
RUBRIK = {"klar": "Klara", "utkast": "Utkast", "saknas": "Saknas", "fel": "Fel"}


def rich_tavla(t: Tavla) -> Table:
    tabell = Table(title=f"Textblockens status: {t.rapport} {t.period}", title_justify="left",
                   caption="– = används inte i nämndens rapport", caption_justify="left")
    tabell.add_column("Textblock", no_wrap=True)
    for r in t.namnder:
        tabell.add_column(r.namn, overflow="fold")
    tabell.add_column("Totalt", justify="right")
    for i, block in enumerate(t.block):
        celler = []
        for r in t.namnder:
            tillstand = r.tillstand(block)
            celler.append(Text(MARKE[tillstand], FARG[tillstand]) if tillstand else Text("–", "dim"))
        klara = sum(1 for r in t.namnder if r.tillstand(block) == "klar")
        anvant = sum(1 for r in t.namnder if r.tillstand(block) is not None)
        tabell.add_row(Text(block), *celler, f"{klara} av {anvant} klara", end_section=i == len(t.block) - 1)
    summa = t.antal()
    for tillstand in TILLSTAND:
        if tillstand != "fel" or summa["fel"]:
            tabell.add_row(RUBRIK[tillstand], *(str(r.antal()[tillstand]) for r in t.namnder),
                           str(summa[tillstand]), style="bold")
    return tabell


def skriv_terminal(konsol: Console, t: Tavla) -> None:
    konsol.print(rich_tavla(t))
    summa = t.antal()
    totalt = sum(summa.values())
    konsol.print(f"{summa['klar']} av {totalt} textblock klara, {summa['utkast']} utkast, {summa['saknas']} saknas"
                 + (f", {summa['fel']} med fel" if summa["fel"] else "") + ".", markup=False, highlight=False)
    kvar = _aterstar(t)
    if kvar:
        konsol.print("Återstår:", markup=False, highlight=False)
        for rad in kvar:
            konsol.print(f"  {rad}", markup=False, highlight=False, soft_wrap=True)


def _aterstar(t: Tavla) -> list[str]:
    """En rad per fil som inte är klar (en gemensam text en gång), och en per saknat block och nämnd."""
    rader: dict[str, None] = {}
    for r in t.namnder:
        for a in r.textblock:
            if a.tillstand == "klar":
                continue
            if a.fil is None:
                rader[f"saknas   {r.namnd}: {a.namn}"] = None
                continue
            rader[f"{a.tillstand:<8} {visningsnamn(a.fil)}" + (f" ({a.om})" if a.om else "")] = None
    return list(rader)
