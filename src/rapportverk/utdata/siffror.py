"""Rapportens siffror som data: varje cell i varje beräknad tabell, oavrundad, med ett stabilt id och sitt urval.

Varje bygge skriver `<ut>/<period>/tabeller/<rapport>-<nämnd>-<period>.parquet` bredvid dokumenten (och i
manifestet). Dokumenten är produkten; filen är det `rapport forklara` och `rapport jamfor` läser, och det en
controller kan öppna i Excel. En cell bär inte sina huvudboksrader, bara sitt urval (nämnd, rad i hierarkin,
konton) och sitt mått (månader och serie) — raderna hittas igen vid behov.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import polars as pl

from rapportverk.berakning.modell import Tabell, Urval
from rapportverk.fel import Fel, RapportverkFel
from rapportverk.formatering import cell
from rapportverk.period import Period

KATALOG = "tabeller"
SCHEMA = {"cell_id": pl.Utf8, "rapport": pl.Utf8, "namnd": pl.Utf8, "period": pl.Utf8, "tabell": pl.Utf8,
          "rubrik": pl.Utf8, "radindex": pl.Int32, "rad": pl.Utf8, "radtyp": pl.Utf8, "kolumn": pl.Utf8,
          "kolumnrubrik": pl.Utf8, "typ": pl.Utf8, "enhet": pl.Utf8, "decimaler": pl.Int32, "varde": pl.Float64,
          "visat": pl.Utf8, "urval": pl.Utf8}


def cell_id(namnd: str, period: Period | str, tabell: str, rad: str, kolumn: str) -> str:
    """Samma cell får samma id i varje bygge (och i varje rapport som visar den): nämnd, period, tabell, rad och
    kolumn. Tio hexsiffror räcker för några miljoner celler utan krock."""
    nyckel = "\x1f".join((namnd, str(period), tabell, rad, kolumn))
    return "c" + hashlib.sha256(nyckel.encode("utf-8")).hexdigest()[:10]


def urval_json(u: Urval | None) -> str | None:
    return None if u is None else json.dumps(asdict(u), ensure_ascii=False, sort_keys=True)


def urval_fran_json(text: str | None) -> Urval | None:
    if not text:
        return None

    def bygg(d: dict) -> Urval:
        return Urval(d["kalla"], tuple((a, b) for a, b in d["lika"]), tuple(d["konton"]), d["tecken"],
                     tuple(bygg(x) for x in d["delar"]))

    return bygg(json.loads(text))


def ram(rapport: str, period: Period, tabeller: Iterable[tuple[str, Tabell]]) -> pl.DataFrame:
    """En rad per cell i tabellerna ((nämnd, tabell)-par, i den ordning de byggdes). Rubrikrader utan värden
    tas inte med."""
    rader = []
    for namnd, t in tabeller:
        for i, r in enumerate(t.rader):
            if r.typ == "rubrik":
                continue
            for k, v in zip(t.kolumner, r.varden, strict=True):
                rader.append((cell_id(namnd, period, t.namn, r.etikett, k.nyckel), rapport, namnd, str(period),
                              t.namn, t.rubrik, i, r.etikett, r.typ, k.nyckel, k.rubrik, k.typ, t.enhet, k.decimaler,
                              v, cell(k.typ, v, t.enhet, k.decimaler, extra=k.extra_decimaler),
                              urval_json(r.urval)))
    return pl.DataFrame(rader, schema=SCHEMA, orient="row")


def som_bytes(data: pl.DataFrame) -> bytes:
    """Deterministisk Parquet: samma siffror ger samma byte."""
    buf = io.BytesIO()
    data.write_parquet(buf, compression="zstd", statistics=False)
    return buf.getvalue()


def las(filer: Iterable[Path]) -> pl.DataFrame:
    delar = [pl.read_parquet(f) for f in filer]
    return pl.concat(delar) if delar else pl.DataFrame(schema=SCHEMA)


def hitta(ut: Path, id_: str) -> pl.DataFrame:
    """Cellen med id:t i någon av byggkatalogens sifferfiler (`<ut>/*/tabeller/*.parquet`)."""
    filer = sorted(ut.glob(f"*/{KATALOG}/*.parquet")) + sorted(ut.glob(f"{KATALOG}/*.parquet"))
    for fil in filer:
        traff = pl.read_parquet(fil).filter(pl.col("cell_id") == id_)
        if traff.height:
            return traff.head(1)
    return pl.DataFrame(schema=SCHEMA)


def hitta_cell(ut: Path, id_: str) -> dict[str, Any]:
    """Cellen med id:t (period, namnd, tabell, rad, kolumn …); ett id som inte finns är ett fel."""
    traff = hitta(ut, id_)
    if traff.height == 0:
        raise RapportverkFel(Fel(f"cellen '{id_}' finns inte i någon sifferfil under {ut}; bygg rapporten först, "
                                 "eller ange --bygge KATALOG."))
    return traff.row(0, named=True)
