"""En hjälpprocess som bygget startar för ett tungt steg (i dag PDF:ens sidor) medan det gör annat.

Processen kör samma tolk och samma rapportverk som bygget, läser beställningar (pickle med längd före) på stdin och
skriver svaren i samma ordning på stdout. Den startas i en egen processgrupp: Ctrl-C i terminalen når bara bygget,
som stänger processen. När bygget stänger stdin (också när bygget dör) avslutar processen sig själv.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO

_LANGD = struct.Struct("<Q")


def skicka(ut: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    ut.write(_LANGD.pack(len(data)) + data)
    ut.flush()


def ta_emot(in_: IO[bytes]) -> object:
    """Nästa meddelande; EOFError när den andra sidan stängt."""
    huvud = in_.read(_LANGD.size)
    if len(huvud) < _LANGD.size:
        raise EOFError
    langd = _LANGD.unpack(huvud)[0]
    data = in_.read(langd)
    if len(data) < langd:
        raise EOFError
    return pickle.loads(data)


class Barnprocess:
    """En startad hjälpprocess som kör `modul.tjana()`. `skicka` lämnar en beställning, `ta_emot` väntar på nästa
    svar (None om processen dog), `stang` avslutar processen."""

    def __init__(self, modul: str) -> None:
        # Samma rapportverk som bygget, också när bygget hittade paketet genom en ändrad sys.path (ett skript) i
        # stället för genom installationen eller PYTHONPATH. Ett installerat paket hittar processen själv
        # (site-packages först i PYTHONPATH kunde skugga standardmoduler).
        paketrot = Path(__file__).resolve().parents[1]
        egen = "" if paketrot.name in ("site-packages", "dist-packages") else str(paketrot)
        sokvag = os.pathsep.join(p for p in (egen, os.environ.get("PYTHONPATH", "")) if p)
        self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-c", f"from {modul} import tjana; tjana()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": sokvag},
            # En egen processgrupp: Ctrl-C i terminalen når bara bygget (som stänger processen), inte processen
            # medan den ännu startar (innan den hunnit ignorera SIGINT gav det en traceback).
            start_new_session=True)

    @property
    def lever(self) -> bool:
        return self._process is not None

    def skicka(self, bestallning: object) -> bool:
        """Lämna en beställning; False om processen inte tar emot (då är den stängd)."""
        p = self._process
        if p is None or p.stdin is None:
            return False
        try:
            skicka(p.stdin, bestallning)
        except (OSError, pickle.PickleError, TypeError, AttributeError):
            self.stang(vanta=False)
            return False
        return True

    def ta_emot(self) -> object | None:
        """Svaret på den äldsta beställningen utan svar; None om processen dog (då är den stängd)."""
        p = self._process
        if p is None or p.stdout is None:
            return None
        try:
            return ta_emot(p.stdout)
        except (OSError, EOFError, pickle.PickleError, AttributeError, ImportError):
            self.stang(vanta=False)
            return None

    def stang(self, vanta: bool = True) -> None:
        """Avsluta processen: när den gjort klart (`vanta`), annars genast (Ctrl-C, ett fel i bygget)."""
        p, self._process = self._process, None
        if p is None:
            return
        with contextlib.suppress(OSError):
            if p.stdin is not None:
                p.stdin.close()  # processen avslutar sig själv när den läser slutet
        try:
            p.wait(timeout=5 if vanta else 0)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        finally:
            if p.stdout is not None:
                p.stdout.close()


# Hjälpprocesser som startats i förväg (forstarta), efter modul; starta tar dem i stället för att starta nya.
_FORSTARTADE: dict[str, Barnprocess] = {}


def forstarta(*moduler: str) -> None:
    """Starta hjälpprocesserna för `moduler` redan nu, så att de läser in sina bibliotek medan kommandoraden läser
    in sina. En process som inget bygge tar stängs med stang_forstartade (senast när kommandot slutar)."""
    if not _FORSTARTADE:
        atexit.register(stang_forstartade)
    for modul in moduler:
        if modul not in _FORSTARTADE:
            with contextlib.suppress(OSError):
                _FORSTARTADE[modul] = Barnprocess(modul)


def starta(modul: str) -> Barnprocess:
    """En ny hjälpprocess för `modul`: den som startats i förväg om det finns en, annars en som startas nu."""
    barn = _FORSTARTADE.pop(modul, None)
    return barn if barn is not None and barn.lever else Barnprocess(modul)


def stang_forstartade() -> None:
    """Stäng de hjälpprocesser som startats i förväg men inte tagits (bygget behövde dem inte)."""
    while _FORSTARTADE:
        _FORSTARTADE.popitem()[1].stang(vanta=False)


def tjana(forbered: Callable[[], Callable[[object], object]]) -> None:
    """Hjälpprocessens slinga: `forbered` läser in det som behövs och ger funktionen som besvarar en beställning.
    Svaret är ("ok", värde), eller ("internt", (text, traceback)) för ett programfel; andra fel gör funktionen
    själv till värden. Slutar när bygget stänger stdin."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    in_, ut = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # en utskrift i processen får inte blandas in i svaren
    besvara = forbered()
    while True:
        try:
            fraga = ta_emot(in_)
        except EOFError:
            break
        try:
            svar: tuple[str, object] = ("ok", besvara(fraga))
        except Exception as exc:  # bygget visar det som ett internt fel, eller gör steget självt
            svar = ("internt", (f"{type(exc).__name__}: {exc}", traceback.format_exc()))
        try:
            skicka(ut, svar)
        except (OSError, pickle.PickleError):
            break
    sys.stderr.flush()
    os._exit(0)  # som rapport själv: ingen nedstängning av tolken (avslut.avsluta)
