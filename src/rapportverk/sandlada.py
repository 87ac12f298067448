"""Den enda Jinja-miljön för filer och texter som en användare kan ändra: layoutmallar, textblock och HTML-mallen.

Allt som går genom Jinja i rapportverk går genom `miljo()` här, så att sandlådan och dess gränser gäller lika för
alla mallar. Sandlådan (`ImmutableSandboxedEnvironment`) stoppar åtkomst till Pythons interna attribut och
ändringar av listor och ordlistor; ovanpå den sätter vi gränser för hur stora tal, strängar och listor ett uttryck
får bygga, så att en mall inte kan fylla minnet eller låsa processen.
"""

from __future__ import annotations

import operator
import re
import traceback
from collections.abc import Callable, Sequence
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


def _intervall(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_INTERVALL:
        raise Gransfel(f"range() ger fler än {MAX_INTERVALL:,} värden".replace(",", " "))
    return r


class Sandlada(ImmutableSandboxedEnvironment):
    """Jinjas sandlåda med gränser för *, ** och range()."""

    intercepted_binops = frozenset(["*", "**", "%"])

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
          globala: dict[str, Any] | None = None, **alternativ: Any) -> Sandlada:
    """En sandlåda som läser mallar ur `sokvagar` (i den ordningen), med okända namn som fel."""
    env = Sandlada(loader=jinja2.FileSystemLoader([str(s) for s in sokvagar]), undefined=jinja2.StrictUndefined,
                   autoescape=autoescape, **alternativ)
    env.globals["range"] = _intervall
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
