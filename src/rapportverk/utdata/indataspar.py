"""Huvudboksraderna som ett bygge läste, sparade bredvid rapporterna: `<ut>/<period>/indata/huvudbok-<sha16>.parquet`.

`rapport jamfor` behöver den gamla huvudbokens rader för att säga vilka rader som ändrats, men en export som
skrivs över på plats finns inte kvar. Därför sparar varje bygge de normaliserade raderna (nyckel, belopp, fil
och rad; hierarkins kolumner en gång per kostnadsställe och konto bredvid). Filnamnet är en kontrollsumma över
indatafilerna: alla rapporter i en byggkatalog som läste samma indata delar en fil, och ett ombygge utan ändrade
indata skriver ingenting. Filen står bland varje rapports utdata i manifestet.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import polars as pl

from rapportverk.skriv import skriv_atomiskt

KATALOG = "indata"
PREFIX = "huvudbok-"
NYCKEL = ("period", "enhet", "konto", "serie")

# Per process: samma inlästa huvudbok skrivs (och hashas) en gång, fast 40 rapporter byggs av den. Ramen själv
# hålls kvar (inte bara dess id), så att en ny ram aldrig kan förväxlas med en gammal.
_senaste: list[tuple[pl.DataFrame, Path, Path]] = []


RADKOLUMNER = (*NYCKEL, "belopp", "kalla", "rad")
# Hierarkins kolumner (cellernas urval filtrerar på dem) sparas en gång per kostnadsställe och konto i två små
# filer bredvid raderna: att skriva dem på varje rad kostade 5 s av 7 vid 10M rader (uppmätt).
ENHETER, KONTON = "enheter", "konton"


def rader(huvudbok: pl.DataFrame) -> pl.DataFrame:
    """Raderna i en bestämd ordning (fil, rad) och med text i stället för kategorier, så att samma rader
    alltid ger samma byte (kategoriernas interna nummer beror på i vilken ordning strängarna sågs)."""
    # Sorterat före omvandlingen till text (kategorier sorteras som sin text): sorteringen flyttar då heltal, inte
    # miljontals strängar (10M rader: 1,8 GB mindre). Källraden sparas som Int64 som förut (i minnet UInt32), så att
    # äldre och nyare filer har samma form.
    return (huvudbok.select(RADKOLUMNER).sort("kalla", "rad")
            .with_columns(pl.col(pl.Categorical).cast(pl.Utf8), pl.col("rad").cast(pl.Int64)))


def hierarki(huvudbok: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Organisationens nivåer per kostnadsställe och kostnadsslagets kolumner per konto, som de var i bygget."""
    ovriga = [c for c in huvudbok.columns if c not in RADKOLUMNER]
    kontokolumner = [c for c in ("kostnadsslag", "varav", "sektion") if c in ovriga]
    enhetskolumner = [c for c in ovriga if c not in kontokolumner]
    def unika(nyckel: str, kolumner: list[str]) -> pl.DataFrame:
        return (huvudbok.select(nyckel, *kolumner).unique(nyckel)
                .with_columns(pl.col(pl.Categorical).cast(pl.Utf8)).sort(nyckel))
    return {ENHETER: unika("enhet", enhetskolumner), KONTON: unika("konto", kontokolumner)}


def _bytes(ram: pl.DataFrame) -> bytes:
    buffert = io.BytesIO()
    ram.write_parquet(buffert, compression="zstd", statistics=False)
    return buffert.getvalue()


def skriv(huvudbok: pl.DataFrame, katalog: Path, nyckel: str | None = None) -> Path | None:
    """Spara raderna under `katalog/indata/`; None när bygget inte läste någon huvudbok. `nyckel` (en kontrollsumma
    över indatafilerna) namnger filen; finns den redan skrivs ingenting. Utan nyckel namnges den efter innehållet."""
    if huvudbok.height == 0:
        return None
    for ram, kat, fil in _senaste:
        if ram is huvudbok and kat == katalog.resolve() and fil.exists():
            return fil
    if nyckel is not None:
        fil = katalog / KATALOG / f"{PREFIX}{nyckel[:16]}.parquet"
        if fil.exists():
            _senaste[:] = [(huvudbok, katalog.resolve(), fil)]
            return fil
    data = _bytes(rader(huvudbok))
    if nyckel is None:
        fil = katalog / KATALOG / f"{PREFIX}{hashlib.sha256(data).hexdigest()[:16]}.parquet"
    if not fil.exists():
        for del_, ram in hierarki(huvudbok).items():
            skriv_atomiskt(_bredvid(fil, del_), lambda tmp, r=ram: tmp.write_bytes(_bytes(r)))
        skriv_atomiskt(fil, lambda tmp: tmp.write_bytes(data))
    _senaste[:] = [(huvudbok, katalog.resolve(), fil)]
    return fil


def _bredvid(fil: Path, del_: str) -> Path:
    return fil.with_name(f"{fil.stem}.{del_}.parquet")


def las(fil: Path) -> pl.DataFrame:
    """De sparade raderna med hierarkins kolumner igen, som kategorier som i bygget: som text kostade kopplingen
    (sju kolumner på varje rad) 2,7 s av 3,5 per fil vid 10M rader, som kategorier 0,7 s (uppmätt)."""
    ram = pl.read_parquet(fil)
    for del_, nyckel in ((ENHETER, "enhet"), (KONTON, "konto")):
        extra = _bredvid(fil, del_)
        if extra.exists():
            kolumner = pl.read_parquet(extra).with_columns(pl.exclude(nyckel).cast(pl.Categorical))
            ram = ram.join(kolumner, on=nyckel, how="left")
    return ram


def fil_i(utdata: dict[str, str]) -> str | None:
    """Huvudboksfilen bland en manifestposts utdata (namn relativt manifestets katalog)."""
    return next((n for n in sorted(utdata) if n.startswith(f"{KATALOG}/{PREFIX}")), None)


def stada(katalog: Path, anvanda: set[str], aldre_an: float | None = None) -> None:
    """Ta bort sparade huvudböcker som ingen rapport i manifestet längre pekar på (efter ett ombygge med
    ändrad huvudbok), så att katalogen blir densamma som efter ett helt nytt bygge. `aldre_an` (tid som
    time.time()): bara filer som är äldre än så, så att en annan körning som skrev sin fil medan den här pågick
    och ännu inte har publicerat sitt manifest behåller den."""
    behall = {Path(n).stem for n in anvanda if n.startswith(f"{KATALOG}/{PREFIX}")}
    for fil in sorted((katalog / KATALOG).glob(f"{PREFIX}*.parquet")):
        if fil.name.split(".")[0] not in behall and (aldre_an is None or fil.stat().st_mtime < aldre_an):
            fil.unlink(missing_ok=True)
