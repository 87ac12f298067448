"""Läs en fil (CSV, Parquet, Excel) till en rå Polars-ram med källrad `_rad` på varje rad."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl

from rapportverk.fel import Fel, RapportverkFel
from rapportverk.konfig.modell import Fil

RAD = "_rad"


def las_ra(fil: Fil, sokvag: Path, visning: str) -> pl.DataFrame:
    """Filens kolumner oförändrade (CSV som text) plus `_rad`: raden som användaren ser den i filen."""
    if not sokvag.exists():
        raise RapportverkFel(Fel("filen finns inte; kontrollera sökvägen i konfigurationen.", visning))
    if sokvag.stat().st_size == 0:
        raise RapportverkFel(Fel("filen är tom; exportera den igen.", visning))
    form = fil.filformat
    if form == "csv":
        ram = _csv(fil, sokvag, visning)
        start = 2  # rubrikraden är rad 1
    elif form == "parquet":
        ram = _parquet(sokvag, visning)
        start = 1
    else:
        ram = _excel(fil, sokvag, visning)
        start = 2
    return ram.with_row_index(RAD, offset=start).with_columns(pl.col(RAD).cast(pl.Int64))


def _csv(fil: Fil, sokvag: Path, visning: str) -> pl.DataFrame:
    data = sokvag.read_bytes()
    kodning = "utf-8-sig" if fil.kodning == "utf-8" else "cp1252"
    try:
        text = data.decode(kodning)
    except UnicodeDecodeError as exc:
        rad = data[: exc.start].count(b"\n") + 1
        raise RapportverkFel(Fel(
            f"filen är inte kodad som {fil.kodning}; ange rätt kodning (utf-8 eller cp1252) under "
            "'kodning' i konfigurationen eller spara om filen.", visning, rad)) from None
    if "\x00" in text[:4096]:
        raise RapportverkFel(Fel("filen ser ut att vara binär, inte en CSV-textfil; exportera den som CSV.",
                                 visning))
    try:
        ram = pl.read_csv(io.StringIO(text), separator=fil.separator, infer_schema=False,
                          quote_char='"', truncate_ragged_lines=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError):
        raise RapportverkFel(_ojamn_rad(text, fil.separator, visning)) from None
    ram = ram.rename({k: k.strip() for k in ram.columns})
    if ram.width == 1 and fil.separator not in ram.columns[0] and any(s in ram.columns[0] for s in ";,\t|"):
        raise RapportverkFel(Fel(
            f"rubrikraden innehåller inte avgränsaren '{fil.separator}'; ange rätt 'separator' i "
            "konfigurationen.", visning, 1))
    return ram


def _ojamn_rad(text: str, separator: str, visning: str) -> Fel:
    """Den första raden med annat antal fält än rubriken (polars säger inte vilken)."""
    import csv

    rader = csv.reader(io.StringIO(text), delimiter=separator)
    rubrik = next(rader, [])
    for nummer, falt in enumerate(rader, start=2):
        if falt and len(falt) != len(rubrik):
            return Fel(f"raden har {len(falt)} fält men rubrikraden har {len(rubrik)}; kontrollera avgränsaren "
                       f"('{separator}') och om ett värde innehåller avgränsaren utan citattecken.", visning, nummer)
    return Fel(f"filen kan inte läsas som CSV med avgränsaren '{separator}'; kontrollera avgränsaren och att alla "
               "rader har lika många fält.", visning)


def _parquet(sokvag: Path, visning: str) -> pl.DataFrame:
    try:
        return pl.read_parquet(sokvag)
    except Exception as exc:  # polars kastar olika typer för trasiga filer
        raise RapportverkFel(Fel(f"filen kan inte läsas som Parquet ({type(exc).__name__}); den kan vara "
                                 "trasig eller av annat format — exportera den igen.", visning)) from None


def _excel(fil: Fil, sokvag: Path, visning: str) -> pl.DataFrame:
    import fastexcel

    try:
        bok = fastexcel.read_excel(str(sokvag))
    except Exception as exc:
        raise RapportverkFel(Fel(f"filen kan inte läsas som Excel ({type(exc).__name__}); den kan vara "
                                 "trasig eller inte en .xlsx-fil.", visning)) from None
    blad = fil.blad or bok.sheet_names[0]
    if blad not in bok.sheet_names:
        from rapportverk.fel import forslag

        raise RapportverkFel(Fel(f"bladet '{blad}' finns inte{forslag(blad, bok.sheet_names)}; filen har "
                                 f"bladen: {', '.join(bok.sheet_names)}.", visning))
    ram = bok.load_sheet_by_name(blad).to_polars()
    return ram.rename({k: str(k).strip() for k in ram.columns})
