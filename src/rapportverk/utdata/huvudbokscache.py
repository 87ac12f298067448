"""Den prövade och kopplade huvudboken, sparad en gång per uppsättning indata och delad per nämnd.

Att läsa, pröva och koppla hela huvudboken mot hierarkierna är den största delen av ett inkrementellt ombygge av
en nämnds rapport och av `rapport forklara` (vid 10M rader). Därför sparar bygget huvudboken som las_indata gav
den — efter kontrollerna och kopplingen — i en fil per nämnd under `<ut>/<period>/indata/delar-<nyckel>/`, och ett
senare bygge eller `forklara` läser bara den nämndens fil. En tabell som behöver hela regionen (omfang: region, en
uppställning, regionens rapport) läser alla filerna (underlag.Underlag avgör det per beräkning).

Nyckeln är en kontrollsumma över perioden, rapportverks version och kod, Polars version och varje fil som
konfigurationen pekar ut (konfigurationen, kostnadsslagen, organisationen, alla källor), som i manifestet: en
ändrad fil ger en ny nyckel och den gamla katalogen tas bort när den nya skrivits. Katalogen skrivs först under
ett tillfälligt namn och byter namn när allt är skrivet; `meta.json` anger varje fils storlek och kontrollsumma,
och en fil som inte stämmer (avbruten skrivning, ändrad för hand) gör att katalogen inte används utan skrivs om,
eller att nämndens rader läses ur källorna. En konfiguration med SQL-källor får ingen sparad huvudbok (en
SQL-källas data är inte känd förrän den lästs).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from rapportverk import __version__
from rapportverk.fel import Fel
from rapportverk.kallor import Indata
from rapportverk.kallor.indata import OVRIGA, las_indata_med_huvudbok
from rapportverk.konfig import Projekt
from rapportverk.period import Period
from rapportverk.utdata import manifest

KATALOG = "indata"
PREFIX = "delar-"
META = "meta.json"
_ORDNING = "_ordning"  # radens plats i hela huvudboken, så att alla delarna tillsammans ger samma ordning igen
_TOM, _ORG, _UTAN = "tom.parquet", "organisation.parquet", "utan-namnd.parquet"
FORMAT = 4  # höj när filernas form ändras, så att äldre kataloger skrivs om

# Filerna som lästs i den här processen (namn i katalogen), för testerna: ett ombygge av en nämnd läser bara den.
LASTA: list[str] = []


class Trasig(Exception):
    """En fil i den sparade huvudboken stämmer inte med meta.json."""


def nyckel(projekt: Projekt, konfig: Path, period: Period, hashar: manifest.Hashar | None = None) -> str | None:
    """Kontrollsumman som namnger den sparade huvudboken; None när någon källa är en SQL-fråga."""
    k = projekt.konfig
    for namn in type(k.kallor).model_fields:
        varde = getattr(k.kallor, namn)
        for kalla in (varde.values() if isinstance(varde, dict) else varde if isinstance(varde, list) else [varde]):
            if getattr(kalla, "sql", None) is not None:
                return None
    hashar = hashar or manifest.Hashar()
    rot = manifest.projektrot(projekt)
    h = hashlib.sha256(f"huvudbok|{FORMAT}|{period}|{__version__}|{manifest.kodsumma()}|polars {pl.__version__}"
                       .encode())
    for fil in [*manifest.konfigfiler(projekt, konfig), *projekt.rapportfiler]:
        h.update(f"\0{manifest.relativ(fil, rot)}={hashar(fil) if fil.exists() else '-'}".encode())
    return h.hexdigest()


def katalog_for(ut: Path, period: Period, nyckel_: str) -> Path:
    return ut / str(period) / KATALOG / f"{PREFIX}{nyckel_[:16]}"


def _bytes(ram: pl.DataFrame) -> bytes:
    # Kategorierna skrivs som de är (parquets ordlista byggs i radernas ordning, så samma rader ger samma byte) och
    # läses tillbaka som kategorier: att göra om dem till text och tillbaka kostade mer än att läsa källorna.
    buffert = io.BytesIO()
    ram.write_parquet(buffert, compression="lz4", statistics=False)
    return buffert.getvalue()


def _ipc(ram: pl.DataFrame) -> bytes:
    # De andra källornas små ramar som Arrow IPC: läses tillbaka med exakt samma typer, utan att avkodas.
    buffert = io.BytesIO()
    ram.write_ipc(buffert, compression="uncompressed")
    return buffert.getvalue()


def skriv(mal: Path, nyckel_: str, indata: Indata) -> bool:
    """Spara indatas (hela, prövade) huvudbok delad per nämnd i katalogen `mal`. Finns den redan görs ingenting.
    Ett fel vid skrivningen (full disk …) lämnar ingenting efter sig: den sparade huvudboken är bara en genväg."""
    if indata.huvudbok_namnder is not None or indata.huvudbok.height == 0:
        return False
    if oppna(mal, nyckel_) is not None:
        return True
    tmp = mal.parent / f".{mal.name}.tmp-{os.getpid()}-{time.monotonic_ns()}"
    try:
        tmp.mkdir(parents=True)
        huvudbok = indata.huvudbok
        # En stabil sortering på nämnd: varje nämnds rader efter varandra, i huvudbokens ordning; _ordning ger
        # tillbaka hela huvudbokens ordning. Bara radnumren sorteras, och en nämnds rader hämtas när dess del
        # skrivs: ingen sorterad kopia av hela huvudboken i minnet.
        ordning = huvudbok.select(pl.arg_sort_by("namnd", maintain_order=True, nulls_last=True)).to_series()
        antal_per = huvudbok["namnd"].value_counts().sort("namnd", nulls_last=True)
        filer: dict[str, bytes] = {_TOM: _bytes(huvudbok.clear()), _ORG: _bytes(indata.organisation)}
        namnder: dict[str, str] = {}
        utan = None
        borjan = 0
        for i, (namnd, antal) in enumerate(antal_per.iter_rows()):
            namn = _UTAN if namnd is None else f"del-{i:03d}.parquet"
            rader = ordning.slice(borjan, antal)
            filer[namn] = _bytes(huvudbok[rader].select(rader.alias(_ORDNING), *huvudbok.columns))
            borjan += antal
            if namnd is None:
                utan = namn
            else:
                namnder[namnd] = namn
        # De andra källorna, lästa och prövade (budget, prognos, personal, mål, listor …): ett bygge som läser den
        # sparade huvudboken läser dem också härifrån i stället för att tolka och pröva källfilerna igen.
        ovriga: dict[str, dict[str, object]] = {}
        for typ, ramar in (("ovriga", {n: getattr(indata, n) for n in OVRIGA}), ("lista", indata.listor or {})):
            for i, (namn, ram) in enumerate(ramar.items()):
                if ram is not None:
                    fil = f"{typ}-{i:03d}.arrow"
                    filer[fil] = _ipc(ram)
                    ovriga[f"{typ}:{namn}"] = {"fil": fil, "schema": {c: str(t) for c, t in ram.schema.items()}}
        for namn, data in filer.items():
            (tmp / namn).write_bytes(data)
        meta = {"ovriga": ovriga, "format": FORMAT, "nyckel": nyckel_, "rader": huvudbok.height,
                "schema": {c: str(t) for c, t in huvudbok.schema.items()}, "delar": namnder, "utan_namnd": utan,
                "organisation_schema": {c: str(t) for c, t in indata.organisation.schema.items()},
                "huvudboksfel": [[f.text, f.fil, f.rad] for f in indata.huvudboksfel],
                "filer": {n: {"storlek": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in filer.items()}}
        (tmp / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        if mal.exists():  # en trasig katalog med samma nyckel (oppna ovan sa nej)
            shutil.rmtree(mal, ignore_errors=True)
        try:
            tmp.rename(mal)
        except OSError:  # en annan körning hann före
            shutil.rmtree(tmp, ignore_errors=True)
            return oppna(mal, nyckel_) is not None
    except BaseException as exc:  # också Ctrl-C: ingen halvskriven katalog blir kvar
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            return False
        raise
    _stada(mal)
    return True


def _stada(mal: Path) -> None:
    """Ta bort sparade huvudböcker med andra nycklar, och tillfälliga kataloger som blivit kvar efter ett avbrott
    (äldre än en timme, så att en annan körning som skriver just nu får göra klart)."""
    for annan in mal.parent.glob(f"{PREFIX}*"):
        if annan != mal and annan.is_dir():
            shutil.rmtree(annan, ignore_errors=True)
    for tmp in mal.parent.glob(f".{PREFIX}*.tmp-*"):
        try:
            if tmp.stat().st_mtime < time.time() - 3600:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass


def oppna(mal: Path, nyckel_: str) -> Delar | None:
    """Den sparade huvudboken i `mal`, eller None om den saknas, har en annan nyckel eller inte är hel."""
    try:
        meta = json.loads((mal / META).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("nyckel") != nyckel_:
            return None
        for namn, f in meta["filer"].items():
            if (mal / namn).stat().st_size != f["storlek"]:
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Delar(mal, meta)


class Delar:
    """En sparad huvudbok: en nämnds rader eller alla, som las_indata gav dem (underlag.Huvudboksdelar)."""

    def __init__(self, katalog: Path, meta: dict) -> None:
        self.katalog = katalog
        self.meta = meta
        self.huvudboksfel = tuple(Fel(t, f, r) for t, f, r in meta["huvudboksfel"])
        # Läser huvudboken ur källorna i stället, om en fil visar sig trasig (sätts av indata()).
        self._ur_kallor: Callable[[], pl.DataFrame] | None = None
        self._hela: pl.DataFrame | None = None

    def _las(self, namn: str, schema: dict[str, str]) -> pl.DataFrame:
        fil = self.katalog / namn
        try:
            data = fil.read_bytes()
            if hashlib.sha256(data).hexdigest() != self.meta["filer"][namn]["sha256"]:
                raise Trasig(namn)
            ram = (pl.read_ipc if namn.endswith(".arrow") else pl.read_parquet)(io.BytesIO(data))
        except (OSError, KeyError, pl.exceptions.PolarsError) as exc:
            raise Trasig(namn) from exc
        if {c: str(t) for c, t in ram.schema.items() if c != _ORDNING} != schema:
            raise Trasig(namn)
        LASTA.append(namn)
        return ram

    def organisation(self) -> pl.DataFrame:
        return self._las(_ORG, self.meta["organisation_schema"])

    def tom(self) -> pl.DataFrame:
        return self._las(_TOM, self.meta["schema"])

    def _trasig(self) -> pl.DataFrame:
        """En fil stämmer inte: katalogen tas bort (nästa bygge skriver den igen) och huvudboken läses ur källorna."""
        shutil.rmtree(self.katalog, ignore_errors=True)
        if self._hela is None:
            assert self._ur_kallor is not None, "indata() sätter läsningen ur källorna"
            self._hela = self._ur_kallor()
        return self._hela

    def namnd(self, namnd: str) -> pl.DataFrame:
        if self._hela is not None:
            return self._hela.filter(pl.col("namnd") == namnd)
        fil = self.meta["delar"].get(namnd)
        if fil is None:  # nämnden har inga rader i huvudboken
            return self.tom()
        try:
            return self._las(fil, self.meta["schema"]).drop(_ORDNING)
        except Trasig:
            return self._trasig().filter(pl.col("namnd") == namnd)

    def hela(self) -> pl.DataFrame:
        if self._hela is not None:
            return self._hela
        namn = [*self.meta["delar"].values(), *([self.meta["utan_namnd"]] if self.meta["utan_namnd"] else [])]
        try:
            delar = [self._las(n, self.meta["schema"]) for n in namn]
        except Trasig:
            return self._trasig()
        if not delar:
            return self.tom()
        # Delarna ligger nämnd för nämnd; _ordning säger var varje rad stod (en gather är snabbare än en sortering).
        alla = pl.concat(delar, rechunk=True)
        self._hela = alla.drop(_ORDNING).gather(alla[_ORDNING].arg_sort())
        return self._hela

    def indata(self, projekt: Projekt, period: Period, strikt: bool, kallor: frozenset[str] | None,
               ur_kallor: Callable[[], pl.DataFrame]) -> Indata:
        """Indata med de andra källorna lästa som vanligt och ännu ingen nämnds huvudboksrader (underlaget läser
        dem när en beräkning behöver dem). `ur_kallor` läser huvudboken ur källorna om en fil visar sig trasig."""
        self._ur_kallor = ur_kallor
        return las_indata_med_huvudbok(projekt, period, strikt, self.tom(), self.organisation(), self.huvudboksfel,
                                       frozenset(), kallor, self._ovriga())

    def _ovriga(self) -> tuple[dict[str, pl.DataFrame | None], dict[str, pl.DataFrame]] | None:
        """De andra källornas ramar som de sparades (None: läs källorna, om en fil inte stämmer)."""
        ovriga: dict[str, pl.DataFrame | None] = dict.fromkeys(OVRIGA)
        listor: dict[str, pl.DataFrame] = {}
        try:
            for nyckel_, post in self.meta["ovriga"].items():
                typ, namn = nyckel_.split(":", 1)
                (ovriga if typ == "ovriga" else listor)[namn] = self._las(post["fil"], post["schema"])
        except Trasig:
            return None
        return ovriga, listor


def forbered(projekt: Projekt, konfig: Path, period: Period, ut: Path, las_hela: Callable[[], Indata],
             hashar: manifest.Hashar | None = None) -> tuple[Delar | None, Indata | None]:
    """Den sparade huvudboken för indata nu, skriven först om den saknas: (delarna, None) när den fanns, (delarna,
    hela indata) när den lästes och skrevs nu, (None, None) när den inte kan användas (SQL-källor) och (None, hela
    indata) när den inte kunde skrivas (t.ex. full disk)."""
    n = nyckel(projekt, konfig, period, hashar)
    if n is None:
        return None, None
    mal = katalog_for(ut, period, n)
    delar = oppna(mal, n)
    if delar is not None:
        return delar, None
    indata = las_hela()
    skriv(mal, n, indata)
    return oppna(mal, n), indata
