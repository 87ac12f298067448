"""Öppna en export för granskning: känn igen filens form (kodning, avgränsare, rubrikrad, blad) och läs den sedan
med rapportverks egen läsare (kallor/filer.py) i den formen, så att det som granskas är det en rapport skulle läsa."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from rapportverk.fel import Fel, RapportverkFel
from rapportverk.kallor.databas import SqlFel
from rapportverk.kallor.databas import oppna as oppna_databas
from rapportverk.kallor.filer import RAD, las_ra
from rapportverk.kallor.sql import citera
from rapportverk.kolla.resultat import Beslut
from rapportverk.kolla.textfil import (
    PROVRADER,
    BinarFil,
    dela,
    kanna_kodning,
    kanna_rubrikrad,
    kanna_separator,
    rader,
)
from rapportverk.konfig import Projekt
from rapportverk.konfig.anslutning import dold
from rapportverk.konfig.modell import Fil, Sql

# Så mycket av en textfil som granskas (läsaren läser sedan hela filen i provläsningen).
MAX_GRANSKAT = 64 << 20
SQL_PROV = 200_000


@dataclass(frozen=True)
class Ra:
    """Exporten som rapportverks läsare ger den (text för CSV, typade kolumner för Excel och Parquet), med de beslut
    om filens form som behövdes för att läsa den och nycklarna de blir i källan."""

    format: str
    ram: pl.DataFrame
    beslut: dict[str, Beslut]
    nycklar: dict[str, Any] = field(default_factory=dict)


def las(sokvag: Path, visning: str, tvingat: dict[str, str], projekt: Projekt | None = None,
        sql: Sql | None = None) -> tuple[Ra | None, list[Fel]]:
    """Exporten, eller fel (en svensk mening var) när den inte går att läsa alls."""
    if sql is not None:
        return _sql(sql, visning, projekt)
    if not sokvag.exists():
        return None, [Fel("filen finns inte; kontrollera sökvägen.", visning)]
    if sokvag.is_dir():
        return None, [Fel("sökvägen är en katalog; ange själva exportfilen.", visning)]
    if not sokvag.is_file():
        return None, [Fel("det här är ingen vanlig fil (en enhet eller en pipe); ange en exportfil.", visning)]
    if sokvag.stat().st_size == 0:
        return None, [Fel("filen är tom; exportera den igen.", visning)]
    form = Fil(fil=sokvag.name).filformat
    try:
        if form == "parquet":
            return Ra("parquet", las_ra(Fil(fil=sokvag.name), sokvag, visning), {}), []
        if form == "excel":
            return _excel(sokvag, visning, tvingat)
        return _csv(sokvag, visning, tvingat)
    except RapportverkFel as exc:
        return None, exc.fel


def _csv(sokvag: Path, visning: str, tvingat: dict[str, str]) -> tuple[Ra | None, list[Fel]]:
    try:
        with sokvag.open("rb") as f:
            data = f.read(MAX_GRANSKAT)
    except OSError as exc:
        return None, [Fel(f"filen kan inte läsas ({exc.strerror or type(exc).__name__}); kontrollera behörigheten.",
                          visning)]
    if len(data) == MAX_GRANSKAT:
        data = data[: data.rfind(b"\n") + 1] or data  # ett helt antal rader, inget halvt tecken
    try:
        kodning = kanna_kodning(data)
    except BinarFil as exc:
        return None, [Fel(str(exc), visning)]
    if "kodning" in tvingat:
        kodning = Beslut(tvingat["kodning"], "angiven med --kodning")
    if kodning.varde is None:
        return None, [Fel(f"{kodning.skal}.", visning)]
    text = data.decode("utf-8-sig" if kodning.varde == "utf-8" else "cp1252", errors="replace")
    prov = rader(text, PROVRADER)
    separator = (Beslut(tvingat["separator"], "angiven med --separator") if "separator" in tvingat
                 else kanna_separator(prov))
    if separator.varde is None:
        return None, [Fel(f"avgränsaren går inte att känna igen: {separator.skal}; ange den med --separator.",
                          visning)]
    delade = dela(prov, separator.varde)
    if sum(1 for r in delade if any(c.strip() for c in r)) < 2:
        return None, [Fel("filen har bara en rad och inga data; exportera den igen.", visning)]
    rubrik = _rubrik(tvingat, delade)
    if rubrik.varde is None:
        return None, [Fel(f"rubrikraden går inte att hitta: {rubrik.skal}; ange den med --rubrikrad.", visning)]
    nycklar = {"rubrikrad": int(rubrik.varde), "separator": separator.varde, "kodning": kodning.varde}
    fil = Fil(fil=sokvag.name, format="csv", **nycklar)
    ram = las_ra(fil, sokvag, visning)
    beslut = {"kodning": kodning, "separator": separator, "rubrikrad": rubrik}
    return Ra("csv", ram, beslut, nycklar), []


def _rubrik(tvingat: dict[str, str], delade: list[list[str]] | list[list[str | None]]) -> Beslut:
    if "rubrikrad" in tvingat:
        return Beslut(tvingat["rubrikrad"], "angiven med --rubrikrad")
    return kanna_rubrikrad(delade)


def _excel(sokvag: Path, visning: str, tvingat: dict[str, str]) -> tuple[Ra | None, list[Fel]]:
    import fastexcel

    try:
        bok = fastexcel.read_excel(str(sokvag))
    except Exception:  # trasig eller inte en arbetsbok: läsaren själv säger vad filen är
        las_ra(Fil(fil=sokvag.name), sokvag, visning)
        return None, [Fel("filen kan inte läsas som Excel (.xlsx); spara om den i Excel och kör igen.", visning)]
    blad_namn = list(bok.sheet_names)
    beslut: dict[str, Beslut] = {}
    if "blad" in tvingat:
        blad = tvingat["blad"]
        beslut["blad"] = Beslut(blad, "angivet med --blad")
        if blad not in blad_namn:
            las_ra(Fil(fil=sokvag.name, blad=blad), sokvag, visning)  # läsarens fel, med förslag och bladen
    else:
        med_tabell = [b for b in blad_namn if kanna_rubrikrad(_bladrader(bok, b)).varde is not None]
        blad = med_tabell[0] if med_tabell else blad_namn[0]
        if len(blad_namn) == 1:
            beslut["blad"] = Beslut(blad, "det enda bladet")
        elif len(med_tabell) > 1:
            beslut["blad"] = Beslut(blad, f"flera blad har en tabell ({', '.join(med_tabell)}); det första är valt",
                                    saker=False, flagga="--blad")
        else:
            beslut["blad"] = Beslut(blad, f"det enda bladet med en tabell av {len(blad_namn)} "
                                    f"({', '.join(blad_namn)})")
    prov = _bladrader(bok, blad)
    if sum(1 for r in prov if any(c is not None and c.strip() for c in r)) < 2:
        return None, [Fel(f"bladet '{blad}' har högst en rad och inga data; välj rätt blad med --blad eller exportera "
                          "filen igen.", visning)]
    rubrik = _rubrik(tvingat, prov)
    beslut["rubrikrad"] = rubrik
    if rubrik.varde is None:
        return None, [Fel(f"rubrikraden i bladet '{blad}' går inte att hitta: {rubrik.skal}; ange den med "
                          "--rubrikrad.", visning)]
    nycklar: dict[str, Any] = {"blad": blad, "rubrikrad": int(rubrik.varde)}
    ram = las_ra(Fil(fil=sokvag.name, **nycklar), sokvag, visning)
    if len(blad_namn) == 1 and blad == blad_namn[0]:
        nycklar.pop("blad")  # det första bladet läses ändå; en rad mindre att byta när bladet byter namn
    return Ra("excel", ram, beslut, nycklar), []


def _bladrader(bok: Any, blad: str) -> list[list[str | None]]:
    """Bladets första rader som text, räknade från rad 1 (också tomma rader överst, så att radnumren är Excels)."""
    try:
        ram = bok.load_sheet_by_name(blad, header_row=None, skip_rows=0, n_rows=PROVRADER).to_polars()
    except Exception:
        return []
    ram = ram.select(pl.all().cast(pl.Utf8))
    return [list(r) for r in ram.iter_rows()]


def _sql(sql: Sql, visning: str, projekt: Projekt | None) -> tuple[Ra | None, list[Fel]]:
    if projekt is None:
        return None, [Fel("en databastabell granskas mot en konfiguration; kör i projektkatalogen eller ange "
                          "--konfig.", visning)]
    assert sql.tabell is not None
    tabell = ".".join(citera(d) for d in sql.tabell.split("."))
    try:
        with oppna_databas(projekt, sql) as db:
            ram = db.fraga(f"SELECT * FROM {tabell} LIMIT {SQL_PROV}", ())
    except SqlFel as exc:
        return None, [Fel(f"{dold(str(exc)).rstrip('.')}.", visning)]
    if ram.height == 0:
        return None, [Fel("tabellen har inga rader.", visning)]
    form = "duckdb" if "://" not in sql.anslutning else sql.anslutning.split("://", 1)[0]
    # PostgreSQL:s numeric kommer genom ADBC som en utökad typ (text med decimalpunkt): som tal, som läsaren gör.
    utokad = getattr(pl, "Extension", ())
    ram = ram.with_columns(ram[c].ext.storage().cast(pl.Float64, strict=False).alias(c) for c, typ in
                           ram.schema.items() if isinstance(typ, utokad))
    ram = ram.with_row_index(RAD, offset=1).with_columns(pl.col(RAD).cast(pl.Int64))
    return Ra(form, ram, {}), []
