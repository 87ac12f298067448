"""Den enda Jinja-miljön för filer och texter som en användare kan ändra: layoutmallar, textblock och HTML-mallen.

Allt som går genom Jinja i rapportverk går genom `miljo()` här, så att sandlådan och dess gränser gäller lika för
alla mallar. Sandlådan (`ImmutableSandboxedEnvironment`) stoppar åtkomst till Pythons interna attribut och
ändringar av listor och ordlistor. Ovanpå den får inget enskilt uttryck bygga en text eller lista större än
MAX_STRANG: operatorerna * ** % + och ~, filtren som förlänger text (center, indent, format, replace, join) och
range() kontrolleras innan Python bygger resultatet, och strängmetoder som gör detsamma (ljust, zfill …) är
avstängda. Varje loopvarv kontrollerar tiden (mallgranser.py).
"""

from __future__ import annotations

import operator
import re
import traceback
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from numbers import Number
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.filters import do_center, do_indent, do_join, do_replace
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import internalcode
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from rapportverk.sandlada.granser import Granser, Gransfel, Tidsgrans, kontrollera_tid, rendera

__all__ = ["Granser", "Gransfel", "Sandlada", "Tidsgrans", "mallrad", "miljo", "rendera"]

# Gränser för ett enskilt uttryck. En rapport behöver aldrig mer: den största tabellen har några hundra rader.
MAX_INTERVALL = 100_000  # element i range()
MAX_STRANG = 1_000_000  # tecken i en text, eller element i en lista
MAX_EXPONENT_BITAR = 4_096  # bitar i resultatet av ** med heltal
MAX_FALTBREDD = 10_000  # en fältbredd som ges som argument ('%*d', '{:{}}')

# Strängmetoder som bygger en längre text än den de anropas på; deras filter (med kontroll) finns i stället.
_AVSTANGDA_METODER = frozenset(("ljust", "rjust", "center", "zfill", "expandtabs", "replace", "join", "translate"))


def _for_stor(vad: str = "en text eller lista") -> Gransfel:
    return Gransfel(f"uttrycket bygger {vad} med fler än {MAX_STRANG:,} tecken eller element".replace(",", " "))


def _storlek(v: Any) -> int:
    return len(v) if isinstance(v, str | bytes | list | tuple) else 0


def _multiplicera(a: Any, b: Any) -> Any:
    # "A" * 10**9 eller [0] * 10**9: räkna ut storleken innan Python bygger objektet. En lista räknas i tecken när
    # den innehåller text, så att ["a" * 10**6] * 10**6 inte blir en biljon tecken i en join.
    for sekvens, antal in ((a, b), (b, a)):
        if _storlek(sekvens) and isinstance(antal, int) and _vikt(sekvens) * antal > MAX_STRANG:
            raise _for_stor()
    return operator.mul(a, b)


def _vikt(v: Any) -> int:
    if isinstance(v, list | tuple):
        return sum(max(_storlek(x), 1) for x in v)
    return _storlek(v)


def _addera(a: Any, b: Any) -> Any:
    if _storlek(a) and _storlek(b) and _vikt(a) + _vikt(b) > MAX_STRANG:
        raise _for_stor()
    return operator.add(a, b)


def _upphoj(a: Any, b: Any) -> Any:
    # 9**(9**9) tar minuter att räkna ut; storleken på ett heltalsresultat är känd i förväg.
    if (isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1
            and abs(a).bit_length() * b > MAX_EXPONENT_BITAR):
        raise Gransfel("uttrycket räknar ut ett orimligt stort tal (en för stor exponent)")
    return operator.pow(a, b)


# En fältbredd i en formatsträng ('%0999999999d', '{:>999999999}') bygger en lika lång text; en bredd som ges som
# argument ('%*d', '{:{}}') får inte vara större än MAX_FALTBREDD.
_BREDD = re.compile(r"(?:%[-#0 +]*|:[^}]*?)(\d{6,})")
_ARGUMENTBREDD = re.compile(r"%[-#0 +]*\*|\{[^{}]*:[^{}]*\{")


def _kontrollera_format(fmt: str, argument: Iterable[Any]) -> None:
    if _BREDD.search(fmt):
        raise Gransfel("formatsträngen begär en orimligt bred text")
    if _ARGUMENTBREDD.search(fmt) and any(isinstance(a, int) and abs(a) > MAX_FALTBREDD for a in argument):
        raise Gransfel("formatsträngen begär en orimligt bred text")


def _formatera(a: Any, b: Any) -> Any:
    if isinstance(a, str):
        _kontrollera_format(a, b if isinstance(b, tuple) else (b,))
    return operator.mod(a, b)


class _Intervall:
    """range() i mallar: högst MAX_INTERVALL värden. Annars som range: len, index och `in`."""

    def __init__(self, *args: int) -> None:
        self._r = range(*args)
        if len(self._r) > MAX_INTERVALL:
            raise Gransfel(f"range() ger fler än {MAX_INTERVALL:,} värden".replace(",", " "))

    def __iter__(self) -> Iterator[int]:
        return iter(self._r)

    def __len__(self) -> int:
        return len(self._r)

    def __getitem__(self, i: Any) -> Any:
        return self._r[i]

    def __contains__(self, v: object) -> bool:
        return v in self._r


# --- Filtren som kan förlänga text, med kontroll före ----------------------------------------------------------


def _center(value: Any, width: int = 80) -> str:
    if isinstance(width, int) and width > MAX_STRANG:
        raise _for_stor("en text")
    return do_center(value, width)


def _indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> str:
    bredd = width if isinstance(width, int) else len(str(width))
    if len(str(s)) + bredd * (str(s).count("\n") + 1) > MAX_STRANG:
        raise _for_stor("en text")
    return do_indent(s, width, first, blank)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _kontrollera_format(str(value), (*args, *kwargs.values()))
    resultat = str(value) % (kwargs or args)
    return Markup(resultat) if isinstance(value, Markup) else resultat


@jinja2.pass_eval_context
def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    text, gammal, ny = str(s), str(old), str(new)
    antal = text.count(gammal) if count is None else min(count, text.count(gammal))
    if len(text) + antal * max(len(ny) - len(gammal), 0) > MAX_STRANG:
        raise _for_stor("en text")
    return do_replace(eval_ctx, s, old, new, count)


@jinja2.pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    delar = list(value)
    if sum(len(str(x)) if not isinstance(x, int | float) else 8 for x in delar) + len(d) * len(delar) > MAX_STRANG:
        raise _for_stor("en text")
    return do_join(eval_ctx, delar, d, attribute)


def _sum(iterable: Iterable[Any], attribute: Any = None, start: Any = 0) -> Any:
    # sum() över listor kopierar om listan för varje element (kvadratisk tid i ett enda C-anrop); tal räcker.
    varden = [getattr(v, attribute) if isinstance(attribute, str) and attribute else v for v in iterable]
    if not isinstance(start, Number) or not all(isinstance(v, Number) for v in varden):
        raise Gransfel("sum fungerar bara på tal i en mall")
    return sum(varden, start)


_FILTER = {"center": _center, "indent": _indent, "format": _format, "replace": _replace, "join": _join, "sum": _sum}


# --- Kod som mallen kompileras till: loopar och ~ ---------------------------------------------------------------


def _loopa(varden: Any) -> Iterator[Any]:
    """Varje {% for %} i en mall går igenom det här: tiden kontrolleras varje varv, också där loopen inte anropar
    något (två nästlade loopar över en lista med en miljon element)."""
    for v in varden:
        kontrollera_tid()
        yield v


class _Kodgenerator(jinja2.compiler.CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        # `a ~ b` blir annars str_join/markup_join direkt, utan att sandlådan ser hur lång texten blir; samma val
        # av funktion som Jinjas egen kodgenerator, men genom sammanfoga, som mäter först.
        if frame.eval_ctx.volatile:
            funktion = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            funktion = "markup_join"
        else:
            funktion = "str_join"
        self.write(f"environment.sammanfoga({funktion}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _Loopar(NodeTransformer):
    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.Name("_rapportverk_loopa", "load"), [node.iter], [], None, None,
                               lineno=node.lineno)
        return node


# Kompilerade mallar i den här processen, efter källtext och miljöns form (Sandlada._kodens_form): varje rapport
# har en egen miljö, men 40 nämnders rapporter i en arbetsprocess kompilerar samma layoutmall, HTML-mall och
# gemensamma textblock, och förhandsgranskningen samma mallar vid varje ändring (tolv mallar, 0,04 s per rapport,
# uppmätt). Bara i minnet: inget som någon annan kan skriva läses som kod.
_KOMPILERAT: OrderedDict[tuple[Any, ...], CodeType] = OrderedDict()
_MAX_KOMPILERAT = 1_000


class Sandlada(ImmutableSandboxedEnvironment):
    """Jinjas sandlåda med gränser för vad ett uttryck får bygga, och tidskontroller."""

    intercepted_binops = frozenset(["*", "**", "%", "+"])
    code_generator_class = _Kodgenerator
    granser: Granser

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return _Loopar().visit(super()._parse(source, name, filename))

    @internalcode
    def compile(self, source: str | nodes.Template, name: str | None = None, filename: str | None = None,
                raw: bool = False, defer_init: bool = False) -> Any:
        """Som Jinjas, men en källtext kompileras en gång per process och miljöns form (_KOMPILERAT)."""
        if raw or not isinstance(source, str) or self.extensions:  # ett tillägg kan ha eget tillstånd
            return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]
        nyckel = (self._kodens_form(), source, name, filename, defer_init)
        kod = _KOMPILERAT.get(nyckel)
        if kod is None:
            kod = super().compile(source, name, filename, False, defer_init)
            _KOMPILERAT[nyckel] = kod
            while len(_KOMPILERAT) > _MAX_KOMPILERAT:
                _KOMPILERAT.popitem(last=False)
        else:
            _KOMPILERAT.move_to_end(nyckel)  # de mallar som används mest blir kvar
        return kod

    def _kodens_form(self) -> tuple[Any, ...]:
        """Allt i miljön som den kompilerade koden beror på: syntaxen (avgränsare, radslut, blanksteg), filtren
        och testerna själva (Jinja slår upp dem när koden genereras, och anropar dem med konstanta argument redan
        då), hur odefinierade värden behandlas, sandlådans operatorer och kompileringens inställningar. Laddaren,
        gränserna och de globala värdena används först när mallen körs."""
        return (type(self), self.block_start_string, self.block_end_string, self.variable_start_string,
                self.variable_end_string, self.comment_start_string, self.comment_end_string,
                self.line_statement_prefix, self.line_comment_prefix, self.trim_blocks, self.lstrip_blocks,
                self.newline_sequence, self.keep_trailing_newline, self.optimized, self.finalize, self.autoescape,
                self.is_async, self.undefined, self.intercepted_binops, self.intercepted_unops,
                tuple(sorted(self.filters.items())), tuple(sorted(self.tests.items())))

    def sammanfoga(self, foga: Callable[[Iterable[Any]], str], delar: tuple[Any, ...]) -> str:
        kontrollera_tid()
        if sum(len(d) if isinstance(d, str) else 20 for d in delar) > MAX_STRANG:
            raise _for_stor("en text")
        return foga(delar)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, str) and attr in _AVSTANGDA_METODER:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        kontrollera_tid()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        kontrollera_tid()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        kontrollera_tid()
        return super().getitem(obj, argument)

    def call_binop(self, context: jinja2.runtime.Context, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "*":
            return _multiplicera(left, right)
        if operator_ == "**":
            return _upphoj(left, right)
        if operator_ == "%":
            return _formatera(left, right)
        if operator_ == "+":
            return _addera(left, right)
        return super().call_binop(context, operator_, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # '{:>999999999}'.format(1): sandlådan slår in str.format när attributet hämtas; vi kontrollerar där.
        inslagen = super().wrap_str_format(value)
        if inslagen is None:
            return None
        fmt = value.__self__

        def kontrollerad(*args: Any, **kwargs: Any) -> str:
            _kontrollera_format(fmt, (*args, *kwargs.values()))
            return inslagen(*args, **kwargs)

        return kontrollerad


class _Laddare(jinja2.FileSystemLoader):
    """Läser mallar bara inifrån sina kataloger: en symbolisk länk ut ur katalogen (mallar/x -> /etc) följs inte."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        kalla, filnamn, aktuell = super().get_source(environment, template)
        riktig = Path(filnamn).resolve()
        if not any(riktig.is_relative_to(Path(s).resolve()) for s in self.searchpath):
            raise jinja2.TemplateNotFound(template)
        return kalla, filnamn, aktuell


def miljo(sokvagar: Sequence[Path], *, autoescape: bool, filter: dict[str, Callable[..., Any]] | None = None,
          globala: dict[str, Any] | None = None, granser: Granser | None = None, **alternativ: Any) -> Sandlada:
    """En sandlåda som läser mallar ur `sokvagar` (i den ordningen), med okända namn som fel."""
    env = Sandlada(loader=_Laddare([str(s) for s in sokvagar]), undefined=jinja2.StrictUndefined,
                   autoescape=autoescape, **alternativ)
    env.granser = granser or Granser()
    env.globals["range"] = _Intervall
    env.globals["_rapportverk_loopa"] = _loopa
    env.filters.update(_FILTER)
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
