"""Bygg rapporter för många nämnder: parallellt i arbetsprocesser, varje nämnds fel för sig, delning för CI.

Samma funktion (`kor`) används av `rapport delar`, av `rapport verifiera` och av skript.

Arbetsprocesserna startas med 'spawn' och läser konfiguration och indata en gång var, i sin initierare.
'fork' vore billigare (indata ärvs utan kopiering) men Polars trådpool följer inte med över fork: ett barn
som filtrerar en ram efter fork väntar för evigt på trådar som inte finns (uppmätt här, Polars 2.1). Att
skicka den inlästa huvudboken till processerna kostar mer än att läsa den igen (se benchmarks/).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapportverk.bygg.rapport import FORMAT, Byggd, bygg_rapport
from rapportverk.fel import Fel, RapportverkFel
from rapportverk.kallor import Indata
from rapportverk.konfig import Projekt
from rapportverk.period import Period
from rapportverk.skriv import kasta
from rapportverk.underlag import Underlag

if TYPE_CHECKING:
    from rapportverk.utdata.huvudbokscache import Delar
    from rapportverk.utdata.manifest import Hashar


@dataclass(frozen=True)
class Bestallning:
    """Vad som ska byggas, utom vilka nämnder. Skickas till arbetsprocesserna, så bara enkla värden."""

    konfig: Path
    rapport: str
    period: Period
    ut: Path
    format: tuple[str, ...] = FORMAT
    slutlig: bool = False
    pdfa: bool = False
    bilagor: tuple[str, ...] = ()
    # False: rapportens filer lämnas som utkast (Byggd.utkast) och publiceras tillsammans med manifestet.
    publicera: bool = True
    # True: huvudboken läses ur den sparade, prövade huvudboken under `ut` (utdata.huvudbokscache), och bara de
    # nämnders delar som byggs; den skrivs först om den saknas. False (verifiera): ur källorna, som förut.
    huvudbokscache: bool = False
    # Den sparade huvudboken för rapport jamfor, när huvudprocessen redan har skrivit den (en gång per bygge).
    huvudboksfil: Path | None = None
    # Den sparade, prövade huvudboken som huvudprocessen tog fram (katalog, nyckel): arbetsprocesserna läser samma
    # indata som den, utan att räkna kontrollsummorna av indatafilerna en gång till var (0,17 s vid 10M rader).
    huvudboksdelar: tuple[Path, str] | None = None


@dataclass(frozen=True)
class Resultat:
    """Hur det gick för en nämnd: byggd, eller fel (rapportverks egna) eller ett internt fel med traceback."""

    namnd: str
    byggd: Byggd | None = None
    fel: tuple[Fel, ...] = ()
    internt: str | None = None
    sekunder: float = 0.0
    laddning: bool = field(default=False, repr=False)  # felet gäller indata, alltså alla nämnder

    @property
    def ok(self) -> bool:
        return self.byggd is not None


Rapportera = Callable[[Resultat], None]


class ArbetsprocessFel(RuntimeError):
    """Ett internt fel i en arbetsprocess: sista raden som text, hela tracebacken i `detaljer` (för --debug)."""

    def __init__(self, detaljer: str):
        self.detaljer = detaljer
        super().__init__(detaljer.splitlines()[-1] if detaljer else "okänt fel i en arbetsprocess")


def antal_processorer() -> int:
    """Processorerna som processen får använda (i en container ofta färre än maskinens)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # inte Linux
        return os.cpu_count() or 1


_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def tolka_shard(text: str) -> tuple[int, int]:
    """'2/4' → (2, 4). ValueError med svensk text annars."""
    m = _SHARD.match(text)
    if not m:
        raise ValueError(f"'{text}' ska skrivas K/N, till exempel 1/4 (del 1 av 4)")
    k, n = int(m.group(1)), int(m.group(2))
    if n < 1 or not 1 <= k <= n:
        raise ValueError(f"'{text}': delen K ska vara mellan 1 och antalet delar N, till exempel 1/{max(n, 2)}")
    return k, n


def valj_shard(namnder: Sequence[str], k: int, n: int) -> list[str]:
    """Del K av N: nämnderna sorteras på id och nämnd nummer i (0, 1, …) hamnar i del i % N + 1.

    Sorteringen gör delningen oberoende av ordningen i konfigurationen, och delarna blir lika stora (±1).
    Samma konfiguration ger alltid samma delning; en ny nämnd kan flytta andra mellan delarna, men
    delarna 1..N tillsammans är alltid exakt alla nämnder, var och en en gång. Byggordningen är
    konfigurationens.
    """
    valda = {x for i, x in enumerate(sorted(namnder)) if i % n == k - 1}
    return [x for x in namnder if x in valda]


def bygg_en(underlag: Underlag, best: Bestallning, namnd: str) -> Resultat:
    """Bygg en nämnds rapport; ett fel stannar i dess Resultat i stället för att stoppa de andra."""
    start = time.perf_counter()
    try:
        byggd = bygg_rapport(underlag, best.rapport, namnd, best.ut, best.format, best.slutlig, best.pdfa,
                             best.bilagor, publicera=best.publicera)
        if best.huvudboksfil is not None:
            byggd = dataclasses.replace(byggd, filer=(*byggd.filer, best.huvudboksfil))
        else:
            byggd = _med_indataspar(underlag.projekt, byggd, underlag.indata, best)
        return Resultat(namnd, byggd, sekunder=time.perf_counter() - start)
    except RapportverkFel as exc:
        return Resultat(namnd, fel=tuple(exc.fel), sekunder=time.perf_counter() - start)
    except Exception as exc:  # ett programfel i en nämnd ska inte stoppa de andra
        return Resultat(namnd, internt=_beskriv(exc), sekunder=time.perf_counter() - start)


_HASHAR: dict[str, object] = {}


def _med_indataspar(projekt: Projekt, byggd: Byggd, indata: Indata, best: Bestallning) -> Byggd:
    """Huvudboksraderna som rapporten byggdes av, sparade en gång per katalog (för rapport jamfor). Filen
    namnges efter indatafilernas kontrollsummor, så att ett ombygge med samma indata (inkrementellt, verifiera)
    hittar den utan att skriva raderna igen (2,4 s vid 10M rader)."""
    fil = _indataspar(projekt, indata, best)
    return byggd if fil is None else dataclasses.replace(byggd, filer=(*byggd.filer, fil))


def _indataspar_nyckel(projekt: Projekt, best: Bestallning, indata: Indata, hashar: Hashar | None = None) -> str:
    import hashlib

    from rapportverk.utdata import manifest

    hashar = hashar or _hashar()
    h = hashlib.sha256(f"{best.period}|{best.slutlig}|{manifest.kodsumma()}".encode())
    for fil in manifest.konfigfiler(projekt, best.konfig):
        if fil.exists():
            h.update(f"{manifest.relativ(fil, manifest.projektrot(projekt))}={hashar(fil)}".encode())
    for u in indata.sql:
        h.update(u.sha256.encode())
    return h.hexdigest()


def _indataspar(projekt: Projekt, indata: Indata, best: Bestallning) -> Path | None:
    from rapportverk.utdata import indataspar

    return indataspar.skriv(indata.huvudbok, best.ut / str(best.period), _indataspar_nyckel(projekt, best, indata))


def _indataspar_fil(projekt: Projekt, indata: Indata, best: Bestallning, hashar: Hashar) -> Path:
    """Var jamfors sparade huvudbok hamnar (indataspar.skriv med nyckel)."""
    from rapportverk.utdata import indataspar

    nyckel = _indataspar_nyckel(projekt, best, indata, hashar)
    return best.ut / str(best.period) / indataspar.KATALOG / f"{indataspar.PREFIX}{nyckel[:16]}.parquet"


def _hashar() -> Hashar:
    """En per process (kontrollsummorna räknas en gång)."""
    from rapportverk.utdata import manifest

    return _HASHAR.setdefault("hashar", manifest.Hashar())


def las(projekt: Projekt, best: Bestallning) -> Indata:
    """Indata för beställningen: bara de källor rapporttypen anger (`kallor`), annars alla."""
    from rapportverk.underlag.tabeller import las_indata

    rdef = projekt.konfig.rapporter.get(best.rapport)
    kallor = getattr(rdef, "kallor", None)
    # Ett utkast byggs trots okända koder (de blir varningsrutor); en slutlig version stoppar på dem.
    if kallor:
        return las_indata(projekt, best.period, kallor=kallor, strikt=best.slutlig)
    return las_indata(projekt, best.period, strikt=best.slutlig)


def kor(best: Bestallning, namnder: Sequence[str], jobb: int = 1, rapportera: Rapportera | None = None,
        projekt: Projekt | None = None, indata: Indata | None = None,
        hashar: Hashar | None = None) -> list[Resultat]:
    """Bygg `namnder` med `jobb` processer; resultaten i samma ordning som `namnder`.

    Ett fel i indata (som gäller alla nämnder) kastas som RapportverkFel; ett fel i en nämnd hamnar i
    dess Resultat. Med en process (eller en nämnd) byggs allt i den här processen.

    Med `best.huvudbokscache` läses huvudboken ur den sparade, prövade huvudboken under `best.ut` (den skrivs här
    först om den saknas), och varje process läser bara delarna för de nämnder den bygger — hela huvudboken bara när
    en rapport visar regionens tabeller. Den sparade huvudboken för jamfor skrivs här, en gång per bygge.
    """
    rapportera = rapportera or (lambda _r: None)
    delar = None
    skriv_spar: Callable[[], object] | None = None
    if best.huvudbokscache and indata is None:
        from rapportverk.underlag.tabeller import ladda_projekt

        projekt = projekt or ladda_projekt(best.konfig)
        best, indata, delar, skriv_spar = _forbered(projekt, best, hashar)
    if jobb <= 1 or len(namnder) <= 1:
        if skriv_spar is not None:
            skriv_spar()
        return _i_processen(best, namnder, rapportera, projekt, indata, delar)
    return _parallellt(best, namnder, min(jobb, len(namnder)), rapportera, skriv_spar)


def _forbered(projekt: Projekt, best: Bestallning, hashar: Hashar | None = None
              ) -> tuple[Bestallning, Indata | None, Delar | None, Callable[[], object] | None]:
    """Den sparade huvudboken för beställningen (utdata.huvudbokscache), och hur jamfors sparade huvudbok skrivs:
    (beställningen med jamfors fil, indata för den här processen, delarna, skrivningen av jamfors fil eller None).
    Utan huvudbok eller med SQL-källor används ingen sparad huvudbok (beställningen utan huvudbokscache)."""
    from rapportverk.utdata import huvudbokscache, manifest

    rdef = projekt.konfig.rapporter.get(best.rapport)
    kallor = getattr(rdef, "kallor", None)
    utan = dataclasses.replace(best, huvudbokscache=False)
    # Kontrollsummorna räknas om för varje bygge (bygge.bygg ger byggets egna): en process som bygger flera gånger
    # (ett skript) får inte använda en sparad huvudbok för indata som ändrats sedan förra bygget.
    hashar = hashar if hashar is not None else manifest.Hashar()
    if kallor and "huvudbok" not in kallor:
        return utan, None, None, None
    delar, hela = huvudbokscache.forbered(projekt, best.konfig, best.period, best.ut, lambda: las(projekt, best),
                                          hashar)
    if delar is None:
        # SQL-källor (hela is None): som förut läser och sparar varje process själv. Gick den inte att skriva (full
        # disk): den här processen bygger av det den läste, andra processer läser källorna.
        return utan, hela, None, None
    indata = hela or delar.indata(projekt, best.period, best.slutlig, frozenset(kallor) if kallor else None,
                                  lambda: las(projekt, best).huvudbok)
    best = dataclasses.replace(best, huvudboksdelar=(delar.katalog, delar.meta["nyckel"]))
    fil = _indataspar_fil(projekt, indata, best, hashar)
    if fil.exists():
        return dataclasses.replace(best, huvudboksfil=fil), indata, delar, None

    def skriv_spar() -> object:
        from rapportverk.utdata import indataspar

        huvudbok = indata.huvudbok if indata.huvudbok_namnder is None else delar.hela()
        return indataspar.skriv(huvudbok, best.ut / str(best.period),
                                _indataspar_nyckel(projekt, best, indata, hashar))
    return dataclasses.replace(best, huvudboksfil=fil), indata, delar, skriv_spar


def _i_processen(best: Bestallning, namnder: Sequence[str], rapportera: Rapportera, projekt: Projekt | None,
                 indata: Indata | None, delar: Delar | None = None) -> list[Resultat]:
    from rapportverk.underlag.tabeller import ladda_projekt

    projekt = projekt or ladda_projekt(best.konfig)
    # Ett underlag för alla nämnderna: det som är detsamma i varje rapport räknas en gång.
    underlag = Underlag(projekt, indata or las(projekt, best), best.period, delar)
    resultat: list[Resultat] = []
    try:
        for n in namnder:
            r = bygg_en(underlag, best, n)
            resultat.append(r)
            rapportera(r)
    except BaseException:
        kasta_utkast(resultat)  # Ctrl-C: de nämnder som hann byggas publiceras inte, och inget blir kvar
        raise
    return resultat


def kasta_utkast(resultat: Iterable[Resultat]) -> None:
    """Ta bort de förberedda filerna (Byggd.utkast) för rapporter som inte ska publiceras."""
    kasta(u for r in resultat if r.byggd is not None for u in r.byggd.utkast)


def _parallellt(best: Bestallning, namnder: Sequence[str], jobb: int, rapportera: Rapportera,
                skriv_spar: Callable[[], object] | None = None) -> list[Resultat]:
    klara: dict[str, Resultat] = {}
    vantande: dict[Future, str] = {}
    pool = ProcessPoolExecutor(jobb, mp_context=multiprocessing.get_context("spawn"), initializer=_starta,
                               initargs=(best,))
    # Jamfors sparade huvudbok skrivs här, en gång, medan arbetsprocesserna bygger (den här processen väntar ändå).
    spar: dict[str, BaseException] = {}
    trad = None
    if skriv_spar is not None:
        def skriv() -> None:
            try:
                skriv_spar()
            except BaseException as exc:
                spar["fel"] = exc
        trad = threading.Thread(target=skriv, name="indataspar")
        trad.start()
    try:
        vantande = {pool.submit(_arbeta, n): n for n in namnder}
        while vantande:
            gjorda, _ = wait(vantande, return_when=FIRST_COMPLETED)
            for f in gjorda:
                namnd = vantande.pop(f)
                try:
                    r = f.result()
                except BrokenProcessPool:
                    r = Resultat(namnd, internt="arbetsprocessen avslutades oväntat (slut på minne?); "
                                                "kör igen med färre --jobb.")
                if r.laddning:
                    raise RapportverkFel(r.fel) if r.fel else ArbetsprocessFel(r.internt or "")
                klara[namnd] = r
                rapportera(r)
        if trad is not None:
            trad.join()
            if "fel" in spar:
                raise spar["fel"]
    except BaseException:
        if trad is not None:
            trad.join()
        # Ctrl-C, eller fel i indata: inga nya nämnder påbörjas. Arbetsprocesserna ignorerar själva
        # Ctrl-C, så de som redan bygger gör klart sina utkast innan poolen stängs; inget av det publiceras.
        pool.shutdown(wait=True, cancel_futures=True)
        sena = [f.result() for f in vantande if f.done() and not f.cancelled() and f.exception() is None]
        kasta_utkast([*klara.values(), *sena])
        raise
    pool.shutdown(wait=True)
    return [klara[n] for n in namnder]


# --- i arbetsprocessen ---------------------------------------------------------------------------------

_ARBETE: dict = {}


def _starta(best: Bestallning) -> None:
    """Initierare: läs konfiguration och indata en gång per process, till ett underlag som processens alla
    nämnder delar. Fel sparas och lämnas med varje uppgift, eftersom ett undantag här gör hela poolen obrukbar
    utan att säga varför."""
    from rapportverk.underlag.tabeller import ladda_projekt

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _ARBETE.clear()
    _ARBETE["best"] = best
    try:
        projekt = ladda_projekt(best.konfig)
        _ARBETE["underlag"] = _underlag(projekt, best)
    except RapportverkFel as exc:
        _ARBETE["fel"] = tuple(exc.fel)
    except Exception as exc:
        _ARBETE["internt"] = _beskriv(exc)


def _underlag(projekt: Projekt, best: Bestallning) -> Underlag:
    """Arbetsprocessens underlag: ur den sparade huvudboken (bara de nämnder processen bygger läses), annars ur
    källorna."""
    if best.huvudbokscache:
        from rapportverk.utdata import huvudbokscache

        if best.huvudboksdelar is not None:
            katalog, nyckel = best.huvudboksdelar
            delar = huvudbokscache.oppna(katalog, nyckel)
        else:
            nyckel = huvudbokscache.nyckel(projekt, best.konfig, best.period)
            delar = None if nyckel is None else huvudbokscache.oppna(
                huvudbokscache.katalog_for(best.ut, best.period, nyckel), nyckel)
        if delar is not None:
            rdef = projekt.konfig.rapporter.get(best.rapport)
            kallor = getattr(rdef, "kallor", None)
            indata = delar.indata(projekt, best.period, best.slutlig, frozenset(kallor) if kallor else None,
                                  lambda: las(projekt, best).huvudbok)
            return Underlag(projekt, indata, best.period, delar)
    return Underlag(projekt, las(projekt, best), best.period)


def _arbeta(namnd: str) -> Resultat:
    if "fel" in _ARBETE or "internt" in _ARBETE:
        return Resultat(namnd, fel=_ARBETE.get("fel", ()), internt=_ARBETE.get("internt"), laddning=True)
    return bygg_en(_ARBETE["underlag"], _ARBETE["best"], namnd)


def _beskriv(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)).rstrip()
