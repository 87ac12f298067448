"""Den enda Jinja-miljön för filer och texter som en användare kan ändra: layoutmallar, textblock och HTML-mallen.

Allt som går genom Jinja i rapportverk går genom `miljo()` här, så att sandlådan och dess gränser gäller lika för
alla mallar. Sandlådan (`ImmutableSandboxedEnvironment`) stoppar åtkomst till Pythons interna attribut och
ändringar av listor och ordlistor; ovanpå den sätter vi gränser för hur stora tal, strängar och listor ett uttryck
får bygga, så att en mall inte kan fylla minnet eller låsa processen.
"""

from __future__ import annotations

import contextvars
import operator
import re
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

# Gränser för ett enskilt uttryck. En rapport behöver aldrig mer: den största tabellen har några hundra rader.
MAX_INTERVALL = 100_000  # element i range()
MAX_STRANG = 1_000_000  # tecken i en sträng eller element i en lista som byggs med *
MAX_EXPONENT_BITAR = 4_096  # bitar i resultatet av ** med heltal


class Gransfel(SecurityError):
    """Ett uttryck i en mall skulle bli orimligt stort; meddelandet är svenskt och säger vad."""


def _storlek(v: Any) -> int:
    return len(v) if isinstance(v, str | bytes | list | tuple) else 0


def _multiplicera(a: Any, b: Any) -> Any:
    # "A" * 10**9 eller [0] * 10**9: räkna ut storleken innan Python bygger objektet.
    for sekvens, antal in ((a, b), (b, a)):
        if _storlek(sekvens) and isinstance(antal, int) and _storlek(sekvens) * antal > MAX_STRANG:
            raise Gransfel(f"uttrycket bygger en text eller lista med fler än {MAX_STRANG:,} tecken".replace(",", " "))
    return operator.mul(a, b)


def _upphoj(a: Any, b: Any) -> Any:
    # 9**(9**9) tar minuter att räkna ut; storleken på ett heltalsresultat är känd i förväg.
    if (isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1
            and abs(a).bit_length() * b > MAX_EXPONENT_BITAR):
        raise Gransfel("uttrycket räknar ut ett orimligt stort tal (en för stor exponent)")
    return operator.pow(a, b)


# En fältbredd i en formatsträng ('%0999999999d', '{:>999999999}') bygger en lika lång text.
_BREDD = re.compile(r"(?:%[-#0 +]*|:[^}]*?)(\d{7,})")


def _formatera(a: Any, b: Any) -> Any:
    if isinstance(a, str) and _BREDD.search(a):
        raise Gransfel("formatsträngen begär en orimligt bred text")
    return operator.mod(a, b)


class _Intervall:
    """range() i mallar: högst MAX_INTERVALL värden, och tiden kontrolleras medan det loopas (nästlade loopar
    över range() gör inga anrop som sandlådan annars ser). Annars som range: len, index och `in`."""

    def __init__(self, *args: int) -> None:
        self._r = range(*args)
        if len(self._r) > MAX_INTERVALL:
            raise Gransfel(f"range() ger fler än {MAX_INTERVALL:,} värden".replace(",", " "))

    def __iter__(self) -> Iterator[int]:
        for i, v in enumerate(self._r):
            if i % 1024 == 0:
                _kontrollera_tid()
            yield v

    def __len__(self) -> int:
        return len(self._r)

    def __getitem__(self, i: Any) -> Any:
        return self._r[i]

    def __contains__(self, v: object) -> bool:
        return v in self._r


class Sandlada(ImmutableSandboxedEnvironment):
    """Jinjas sandlåda med gränser för *, ** och range()."""

    intercepted_binops = frozenset(["*", "**", "%"])
    granser: Granser

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _kontrollera_tid()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _kontrollera_tid()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _kontrollera_tid()
        return super().getitem(obj, argument)

    def call_binop(self, context: jinja2.runtime.Context, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "*":
            return _multiplicera(left, right)
        if operator_ == "**":
            return _upphoj(left, right)
        if operator_ == "%":
            return _formatera(left, right)
        return super().call_binop(context, operator_, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # '{:>999999999}'.format(1): sandlådan slår in str.format när attributet hämtas; vi kontrollerar där.
        inslagen = super().wrap_str_format(value)
        if inslagen is not None and _BREDD.search(value.__self__):
            def vagra(*_args: Any, **_kwargs: Any) -> str:
                raise Gransfel("formatsträngen begär en orimligt bred text")
            return vagra
        return inslagen


def miljo(sokvagar: Sequence[Path], *, autoescape: bool, filter: dict[str, Callable[..., Any]] | None = None,
          globala: dict[str, Any] | None = None, granser: Granser | None = None, **alternativ: Any) -> Sandlada:
    """En sandlåda som läser mallar ur `sokvagar` (i den ordningen), med okända namn som fel."""
    env = Sandlada(loader=jinja2.FileSystemLoader([str(s) for s in sokvagar]), undefined=jinja2.StrictUndefined,
                   autoescape=autoescape, **alternativ)
    env.granser = granser or Granser()
    env.globals["range"] = _Intervall
    env.filters.update(filter or {})
    env.globals.update(globala or {})
    return env


def mallrad(exc: BaseException, filnamn: str | None) -> int | None:
    """Raden i mallen där felet uppstod: Jinja skriver om traceback så att ramarna pekar på mallens rader."""
    rad = None
    for ram in traceback.extract_tb(exc.__traceback__):
        if ram.filename == "<template>" or (filnamn and ram.filename.endswith(filnamn)):
            rad = ram.lineno
    return rad


# --- Gränser för en hel rendering: tid och storlek -------------------------------------------------------------


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


def _kontrollera_tid() -> None:
    grans = _GRANS.get()
    if grans is not None and time.monotonic() > grans[0]:
        raise Tidsgrans(grans[1])


def _larm(_signum: int, _ram: Any) -> None:
    _kontrollera_tid()


@contextmanager
def tidsgrans(sekunder: float) -> Iterator[None]:
    """Stoppa det som körs inom blocket efter `sekunder`. Sandlådan kontrollerar tiden vid varje anrop,
    attribut och utdatabit; i huvudtråden stoppar dessutom en SIGALRM-timer en loop som inte gör något av det."""
    fore = _GRANS.get()
    ny = (time.monotonic() + sekunder, sekunder)
    if fore is not None and fore[0] <= ny[0]:
        ny = fore
    token = _GRANS.set(ny)
    larm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    gammal_hanterare = None
    if larm:
        gammal_hanterare = signal.signal(signal.SIGALRM, _larm)
        signal.setitimer(signal.ITIMER_REAL, max(ny[0] - time.monotonic(), 0.001))
    try:
        yield
    finally:
        _GRANS.reset(token)
        if larm:
            signal.setitimer(signal.ITIMER_REAL, max(fore[0] - time.monotonic(), 0.001) if fore is not None else 0.0)
            signal.signal(signal.SIGALRM, gammal_hanterare)


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
                _kontrollera_tid()
    except RecursionError:
        raise Gransfel("mallen anropar sig själv utan slut (ett makro eller en include som tar med sig själv)"
                       ) from None
    return "".join(delar)
