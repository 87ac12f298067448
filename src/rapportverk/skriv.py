"""Atomisk skrivning: först en temporär fil i samma katalog, sedan namnbyte — aldrig en halv fil."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rapportverk.fel import Fel, RapportverkFel


def skriv_atomiskt(mal: Path, skrivare: Callable[[Path], None]) -> None:
    """`skrivare` får en temporär sökväg att skriva till; filen får sitt riktiga namn först när den är klar."""
    try:
        mal.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{mal.name}.", suffix=".tmp", dir=mal.parent)
    except OSError as exc:
        raise RapportverkFel(Fel(f"katalogen kan inte skrivas ({exc.strerror}); välj en annan katalog med --ut "
                                 "eller ändra behörigheterna.", str(mal.parent))) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        skrivare(tmp_path)
        with open(tmp_path, "rb") as f:
            os.fsync(f.fileno())
        # mkstemp skapar filen läsbar bara för ägaren; en rapport ska få samma rättigheter som en vanlig fil.
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, mal)
    finally:
        tmp_path.unlink(missing_ok=True)


def _umask() -> int:
    nuvarande = os.umask(0)
    os.umask(nuvarande)
    return nuvarande
