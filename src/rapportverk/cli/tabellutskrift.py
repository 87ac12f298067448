"""Beräknade tabeller för terminalen och för kontroll i Excel: formaterade som i rapporten, eller oavrundade."""

from __future__ import annotations

import polars as pl
from rich.console import Console
from rich.table import Table

from rapportverk.berakning import Tabell
from rapportverk.formatering import ENHETSTEXT, cell, skala


def rich_tabell(t: Tabell) -> Table:
    tabell_ = Table(title=t.rubrik, caption=ENHETSTEXT.get(t.enhet, ""), caption_justify="left")
    tabell_.add_column(t.radrubrik, no_wrap=True)
    for k in t.kolumner:
        tabell_.add_column(f"{k.grupp} {k.rubrik}" if k.grupp else k.rubrik, justify="right")
    for rad in t.rader:
        stil = "bold" if rad.typ in ("summa", "delsumma", "rubrik") else ("italic" if rad.typ == "varav" else "")
        celler = [cell(k.typ, v, t.enhet, k.decimaler) for k, v in zip(t.kolumner, rad.varden, strict=True)]
        tabell_.add_row("  " * rad.niva + rad.etikett, *celler, style=stil)
    return tabell_


def som_text(t: Tabell) -> str:
    konsol = Console(width=200, record=True, file=open("/dev/null", "w"), markup=False, emoji=False)  # noqa: SIM115
    konsol.print(rich_tabell(t))
    return konsol.export_text()


# Ett kalkylprogram läser en cell som börjar med något av dessa som en formel (=HYPERLINK(…) ur ett
# organisationsnamn). En inledande apostrof gör cellen till text, som OWASP:s råd om CSV-injektion säger.
FORMELTECKEN = ("=", "+", "-", "@", "\t", "\r")


def csv_text(ram: pl.DataFrame) -> pl.DataFrame:
    """Textkolumnerna säkra att öppna i Excel/LibreOffice: formelinledande celler får en apostrof först."""
    monster = "^[" + "".join("\\" + t if t in "-^]\\" else t for t in FORMELTECKEN) + "]"
    return ram.with_columns(
        pl.when(pl.col(k).str.contains(monster)).then("'" + pl.col(k)).otherwise(pl.col(k)).alias(k)
        for k, typ in ram.schema.items() if typ == pl.String)


def som_ram(t: Tabell) -> pl.DataFrame:
    """Oavrundade tal i tabellens enhet (belopp) eller i procent, för kontroll i Excel."""
    data: dict[str, list] = {t.radrubrik or "Rad": [r.etikett for r in t.rader], "Radtyp": [r.typ for r in t.rader]}
    for i, k in enumerate(t.kolumner):
        delare = skala(t.enhet) if k.typ == "belopp" else 1.0
        # Gruppens rubrik först: "Avvikelse" under både månaden och året är två kolumner, inte en som skrivs över.
        rubrik = f"{k.grupp} {k.rubrik}" if k.grupp else k.rubrik
        rubrik = f"{rubrik} ({t.enhet})" if k.typ == "belopp" else rubrik
        if rubrik in data:
            rubrik = f"{rubrik} [{k.nyckel}]"
        data[rubrik] = [None if r.varden[i] is None else r.varden[i] / delare for r in t.rader]
    return pl.DataFrame(data)
