"""Atomisk skrivning, av en fil och av en hel uppsättning filer.

En fil skrivs först till en temporär fil i samma katalog (`forbered`) och får sitt riktiga namn först när den är
klar. En rapports filer (DOCX, PDF, siffror) och manifestet förbereds alla innan någon av dem får sitt namn
(`publicera`); tar disken slut under förberedelsen ersätts ingenting, och går ett namnbyte fel läggs de gamla
filerna tillbaka. Namnbyten i samma katalog tar inget nytt diskutrymme, så det är förberedelsen som kan fylla disken.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapportverk.fel import Fel, RapportverkFel, visningsnamn


@dataclass(frozen=True)
class Utkast:
    """En färdigskriven temporär fil som väntar på sitt riktiga namn `mal`."""

    tmp: Path
    mal: Path


def _storlek(antal: int) -> str:
    for enhet, delare in (("MB", 1 << 20), ("kB", 1 << 10)):
        if antal >= delare:
            return f"{antal / delare:.1f} {enhet}".replace(".", ",")
    return f"{antal} byte"


def forbered(mal: Path, data: bytes | Callable[[Path], None]) -> Utkast:
    """Skriv `data` (innehållet, eller en funktion som skriver till en given sökväg) till en temporär fil bredvid
    `mal`, synkad till disken. Full disk eller en katalog som inte går att skriva blir ett svenskt fel som säger
    vilken fil och hur mycket utrymme som behövdes."""
    storlek = len(data) if isinstance(data, bytes) else None
    try:
        mal.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{mal.name}.", suffix=".tmp", dir=mal.parent)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise _diskfull(mal, storlek) from None
        raise RapportverkFel(Fel(f"katalogen kan inte skrivas ({exc.strerror}); välj en annan katalog med --ut "
                                 "eller ändra behörigheterna.", str(mal.parent))) from None
    tmp_path = Path(tmp)
    try:
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        else:
            os.close(fd)
            data(tmp_path)
        with open(tmp_path, "rb") as f:
            os.fsync(f.fileno())
        # mkstemp skapar filen läsbar bara för ägaren; en rapport ska få samma rättigheter som en vanlig fil.
        os.chmod(tmp_path, 0o666 & ~_umask())
    except BaseException as exc:
        skrivet = tmp_path.stat().st_size if tmp_path.exists() else 0
        tmp_path.unlink(missing_ok=True)
        if _ar_diskfull(exc):
            raise _diskfull(mal, storlek, skrivet) from None
        if isinstance(exc, OSError):
            raise RapportverkFel(Fel(f"filen kunde inte skrivas ({exc.strerror or exc}).", visningsnamn(mal))
                                 ) from None
        raise
    return Utkast(tmp_path, mal)


def _ar_diskfull(exc: BaseException) -> bool:
    # Polars och andra bibliotek skriver själva och rapporterar en full disk i sin egen text.
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return "No space left on device" in str(exc) or "os error 28" in str(exc)


def _diskfull(mal: Path, behov: int | None, skrivet: int = 0) -> RapportverkFel:
    try:
        ledigt = f", {_storlek(shutil.disk_usage(mal.parent).free)} ledigt"
    except OSError:
        ledigt = ""
    mangd = f"{_storlek(behov)} behövdes" if behov is not None else f"mer än {_storlek(skrivet)} behövdes"
    return RapportverkFel(Fel(f"disken är full: filen kunde inte skrivas ({mangd}{ledigt}); "
                              "frigör utrymme eller välj en annan katalog med --ut. Inga tidigare filer har ersatts.",
                              visningsnamn(mal)))


def kasta(utkast: Iterable[Utkast]) -> None:
    """Ta bort förberedda filer som inte ska publiceras."""
    for u in utkast:
        u.tmp.unlink(missing_ok=True)


def publicera(utkast: Sequence[Utkast]) -> None:
    """Ge varje förberedd fil sitt riktiga namn, alla eller ingen: de gamla filerna hålls kvar (som hårda länkar)
    tills alla nya är på plats, och läggs tillbaka om ett namnbyte misslyckas."""
    with _utan_avbrott():
        _publicera(utkast)


@contextlib.contextmanager
def _utan_avbrott() -> Iterator[None]:
    """Ctrl-C och SIGTERM väntar medan filerna byter namn (några millisekunder), så att ett avbrott aldrig kommer
    mitt i bytet; de levereras när det är klart."""
    blockera = threading.current_thread() is threading.main_thread() and hasattr(signal, "pthread_sigmask")
    fore = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM}) if blockera else None
    try:
        yield
    finally:
        if fore is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, fore)


def _publicera(utkast: Sequence[Utkast]) -> None:
    gjorda: list[tuple[Utkast, Path | None]] = []
    try:
        for u in utkast:
            gammal: Path | None = None
            if u.mal.exists():
                gammal = u.tmp.with_name(u.tmp.name + ".gammal")
                try:
                    os.link(u.mal, gammal)
                except OSError:  # ett filsystem utan hårda länkar (FAT, vissa nätverksdiskar): en kopia
                    shutil.copy2(u.mal, gammal)
            os.replace(u.tmp, u.mal)
            gjorda.append((u, gammal))
    except BaseException:
        for u, gammal in reversed(gjorda):
            with contextlib.suppress(OSError):
                if gammal is not None:
                    os.replace(gammal, u.mal)
                else:
                    u.mal.unlink()
        kasta(utkast)
        raise
    for _, gammal in gjorda:
        if gammal is not None:
            gammal.unlink(missing_ok=True)


def skriv_atomiskt(mal: Path, skrivare: Callable[[Path], None] | bytes) -> None:
    """En fil, atomiskt: `skrivare` är innehållet eller en funktion som skriver till en temporär sökväg."""
    publicera([forbered(mal, skrivare)])


def _umask() -> int:
    nuvarande = os.umask(0)
    os.umask(nuvarande)
    return nuvarande
