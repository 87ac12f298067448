"""Gränser för en hel rendering av en mall eller ett textblock: tid, mängd utdata och rekursion.

Tiden räknas bara medan mallens eget kod körs: när mallen anropar en av projektets funktioner (tabell(), diagram(),
text() …) står klockan still (`utan_klocka`), så att en stor huvudbok inte räknas mot redaktörens mall och så att en
tidsgräns aldrig slår till mitt i matplotlib eller Polars. Sandlådan kontrollerar tiden vid varje anrop, attribut,
loopvarv och utdatabit (det fungerar i alla trådar, också förhandsgranskningens); i huvudtråden stoppar dessutom en
SIGALRM-timer det som inte passerar någon av de kontrollerna.
"""

from __future__ import annotations

import contextvars
import functools
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError


class Gransfel(SecurityError):
    """Ett uttryck eller en rendering skulle bli orimligt stor eller lång; meddelandet är svenskt och säger vad."""


@dataclass(frozen=True)
class Granser:
    """Hur länge en mall eller ett textblock får renderas och hur mycket text det får ge (konfigurerbart)."""

    tid_s: float = 10.0
    utdata_tecken: int = 5_000_000


class Tidsgrans(Gransfel):
    """Renderingen tog längre tid än gränsen."""

    def __init__(self, sekunder: float) -> None:
        self.sekunder = sekunder
        super().__init__(f"mallen tog längre tid än {f'{sekunder:g}'.replace('.', ',')} s och stoppades")


# Den närmaste tidsgränsen för den rendering som pågår: (monoton tid, gränsen i s). En inre gräns (ett textblock
# inne i en layoutmall) kan bara korta den yttre; felet fångas av den innersta renderingen, där tiden gick.
_GRANS: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("rapportverk_grans", default=None)


def kontrollera_tid() -> None:
    grans = _GRANS.get()
    if grans is not None and time.monotonic() > grans[0]:
        raise Tidsgrans(grans[1])


def _i_huvudtraden() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


def _stall_larm(grans: tuple[float, float] | None) -> None:
    signal.setitimer(signal.ITIMER_REAL, max(grans[0] - time.monotonic(), 0.001) if grans is not None else 0.0)


def _larm(_signum: int, _ram: Any) -> None:
    kontrollera_tid()


@contextmanager
def tidsgrans(sekunder: float) -> Iterator[None]:
    """Stoppa det som körs inom blocket efter `sekunder` (Tidsgrans)."""
    fore = _GRANS.get()
    ny = (time.monotonic() + sekunder, sekunder)
    if fore is not None and fore[0] <= ny[0]:
        ny = fore
    token = _GRANS.set(ny)
    larm = _i_huvudtraden()
    gammal_hanterare = None
    if larm:
        gammal_hanterare = signal.signal(signal.SIGALRM, _larm)
        _stall_larm(ny)
    try:
        yield
    finally:
        _GRANS.reset(token)
        if larm:
            _stall_larm(fore)
            signal.signal(signal.SIGALRM, gammal_hanterare)


@contextmanager
def _pausad() -> Iterator[None]:
    grans = _GRANS.get()
    if grans is None:
        yield
        return
    larm = _i_huvudtraden()
    start = time.monotonic()
    token = _GRANS.set(None)
    if larm:
        _stall_larm(None)
    try:
        yield
    finally:
        _GRANS.reset(token)
        # Tiden som gick åt i projektets funktion läggs till gränsen: mallen har kvar det den hade.
        flyttad = (grans[0] + (time.monotonic() - start), grans[1])
        _GRANS.set(flyttad)
        if larm:
            _stall_larm(flyttad)


def utan_klocka(funktion: Callable[..., Any]) -> Callable[..., Any]:
    """En av projektets funktioner som mallar anropar: dess tid räknas inte mot mallens tidsgräns."""

    @functools.wraps(funktion)
    def pausad(*args: Any, **kwargs: Any) -> Any:
        with _pausad():
            return funktion(*args, **kwargs)

    return pausad


def rendera(mall: jinja2.Template, kontext: dict[str, Any], granser: Granser | None = None) -> str:
    """Rendera en mall inom gränserna: tid, mängd utdata och rekursion (ett makro eller en include som tar med sig
    själv). Fel blir `Gransfel` med ett svenskt meddelande; andra Jinja-fel går vidare till anroparen."""
    granser = granser or getattr(mall.environment, "granser", None) or Granser()
    delar: list[str] = []
    antal = 0
    try:
        with tidsgrans(granser.tid_s):
            for bit in mall.generate(kontext):
                antal += len(bit)
                if antal > granser.utdata_tecken:
                    raise Gransfel(f"mallen ger mer än {granser.utdata_tecken:,} tecken text".replace(",", " "))
                delar.append(bit)
                kontrollera_tid()
    except RecursionError:
        raise Gransfel("mallen anropar sig själv utan slut (ett makro eller en include som tar med sig själv)"
                       ) from None
    return "".join(delar)
