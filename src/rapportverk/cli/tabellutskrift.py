"""Beräknade tabeller för terminalen och för kontroll i Excel: formaterade som i rapporten, eller oavrundade."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.table import Table

from rapportverk.berakning import Tabell
from rapportverk.dokument.tabell import avstamningstext, kontrolltexter
from rapportverk.formatering import ENHETSTEXT, cell, skala
from rapportverk.period import Period
from rapportverk.skriv import skriv_atomiskt
from rapportverk.utdata import siffror


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


def visa(resultat: Tabell, p: Period, namnd: str, format: str, ut_fil: Path | None, visa_id: bool) -> None:
    """`rapport tabell`: varningarna på stderr, sedan tabellen som text, CSV eller Excel (eller cellernas id)."""
    from rapportverk.cli.konsol import fel_ut, ut

    for varning in [v for v in [avstamningstext(resultat)] if v] + kontrolltexter(resultat):
        fel_ut.print(f"Varning: {varning}", markup=False, soft_wrap=True)
    if visa_id:
        for r in siffror.ram("", p, [(namnd, resultat)]).iter_rows(named=True):
            ut.print(f"{r['cell_id']}  {r['rad']:<40} {r['kolumn']:<26} {r['visat']:>12}", markup=False,
                     highlight=False, soft_wrap=True)
        return
    if format == "text":
        if ut_fil:
            skriv_atomiskt(ut_fil, lambda t: t.write_text(som_text(resultat), encoding="utf-8"))
        else:
            ut.print(rich_tabell(resultat))
        return
    ram = som_ram(resultat)
    if format == "csv":
        if ut_fil:
            skriv_atomiskt(ut_fil, lambda t: csv_text(ram).write_csv(t, separator=";"))
        else:
            sys.stdout.write(csv_text(ram).write_csv(separator=";"))
        return
    assert ut_fil is not None  # kommandot kräver --ut för xlsx innan tabellen räknas
    skriv_atomiskt(ut_fil, lambda t: ram.write_excel(t, worksheet=resultat.namn[:31]))
    ut.print(f"Skrev {ut_fil}")
