"""Svensk text för tal, belopp, procent, månader och perioder (Babel, sv_SE).

Rådata in, text ut. Avrundning sker halvt bort från noll (som Excel) på talets
decimala form, så att 2,45 med en decimal blir 2,5. Tusentalsavgränsare är
U+00A0, decimaltecken komma och minustecken U+2212. Ett tal som avrundas till
noll skrivs utan tecken, och None, NaN och ±oändligt blir tom sträng.
"""

from __future__ import annotations

import calendar
import functools
import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import NumberPattern, parse_pattern

if TYPE_CHECKING:
    from rapportverk.period import Period

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"

ENHETSTEXT: dict[str, str] = {
    "kr": "Belopp i kronor",
    "tkr": "Belopp i tusentals kronor",
    "mkr": "Belopp i miljoner kronor",
}
_EXPONENT = {"kr": 0, "tkr": 3, "mkr": 6}

_MANADER = dict(get_month_names("wide", "stand-alone", locale=LOCALE))
# CLDR sv ger "jan.", "mars", "juni" ...; tabellhuvuden använder enhetligt tre bokstäver.
_MANADER_KORT = {
    m: namn.rstrip(".")[:3]
    for m, namn in get_month_names("abbreviated", "stand-alone", locale=LOCALE).items()
}

_TAL_RE = re.compile(r"-?\d+(\.\d+)?")

Tal = float | int | Decimal | None


def _till_decimal(varde: Tal) -> Decimal | None:
    if varde is None:
        return None
    if isinstance(varde, Decimal):
        return varde if varde.is_finite() else None
    if isinstance(varde, int):
        return Decimal(varde)
    # NumPy-tal (t.ex. från matplotlib) har en annan repr i NumPy 2; gör dem till vanliga float först.
    varde = float(varde)
    if not math.isfinite(varde):
        return None
    # repr ger den kortaste decimalformen, dvs. det användaren ser/skrev (2.45, inte 2.4499999...).
    return Decimal(repr(varde))


def _avrunda_decimal(d: Decimal | None, decimaler: int) -> Decimal | None:
    if d is None:
        return None
    if decimaler < 0:
        raise ValueError(f"Antal decimaler måste vara minst 0, fick {decimaler}")
    # Tillräcklig precision även för mycket stora tal (standardkontextens 28 siffror räcker inte).
    with localcontext(Context(prec=max(28, d.adjusted() + decimaler + 3))):
        r = d.quantize(Decimal(1).scaleb(-decimaler), rounding=ROUND_HALF_UP)
    return abs(r) if r.is_zero() else r


def avrunda(varde: Tal, decimaler: int = 0) -> Decimal | None:
    """Avrunda halvt bort från noll; None för None/NaN/±inf; aldrig negativ nolla."""
    return _avrunda_decimal(_till_decimal(varde), decimaler)


@functools.lru_cache(maxsize=16)
def _monster(decimaler: int) -> tuple[NumberPattern, Locale]:
    # Det Babels format_decimal gör vid varje anrop (tolka mönstret och språket), en gång: en rapport formaterar
    # ett tusental tal. Begränsat: antalet decimaler kommer från mallarna.
    return parse_pattern("#,##0" + ("." + "0" * decimaler if decimaler else "")), Locale.parse(LOCALE)


def _text(r: Decimal | None, decimaler: int, enkelt_minus: bool) -> str:
    if r is None:
        return ""
    monster, sprak = _monster(decimaler)
    # Babel skriver ASCII "-" för negativa tal trots att sv:s minusSign är U+2212,
    # så vi formaterar beloppet och sätter tecknet själva.
    with localcontext(Context(prec=max(28, r.adjusted() + decimaler + 3))):
        text = monster.apply(abs(r), sprak, decimal_quantization=False)
    text = text.replace("\u202f", NBSP).replace(" ", NBSP)
    if r < 0:
        text = ("-" if enkelt_minus else MINUS) + text
    return text


def tal(varde: Tal, decimaler: int = 0, *, enkelt_minus: bool = False, extra: int = 0) -> str:
    """Tal som svensk text: "−1 083", "7,5"; "" för None/NaN/±inf.

    enkelt_minus=True ger ASCII-bindestreck i stället för U+2212 (CSV, terminal); extra > 0 ger ett tal som inte
    är noll högst så många decimaler till i stället för "0" (se synliga_decimaler).
    """
    if extra:
        decimaler = synliga_decimaler(varde, decimaler, extra=extra)
    return _text(avrunda(varde, decimaler), decimaler, enkelt_minus)


def skala(enhet: str) -> float:
    """Antal kronor per enhet: kr 1, tkr 1 000, mkr 1 000 000."""
    return float(10 ** _exponent(enhet))


def _exponent(enhet: str) -> int:
    try:
        return _EXPONENT[enhet]
    except KeyError:
        raise ValueError(f"Okänd enhet {enhet!r}; tillåtna enheter är kr, tkr och mkr") from None


def synliga_decimaler(varde: Tal, decimaler: int = 0, *, extra: int = 2) -> int:
    """Minst `decimaler`, men fler (högst `extra` till) om talet annars skulle skrivas 0: en avvikelse på
    −0,05 Mkr ska inte läsas som "0" i ett diagram eller en mening. Noll, och ett tal som är noll även med
    `extra` decimaler till, behåller `decimaler` ("0", inte "0,00")."""
    d = _till_decimal(varde)
    if d is None or d.is_zero():
        return decimaler
    for n in range(decimaler, decimaler + extra + 1):
        r = _avrunda_decimal(d, n)
        if r is not None and not r.is_zero():
            return n
    return decimaler


def belopp(varde_kr: Tal, enhet: str = "mkr", decimaler: int = 0, *, enkelt_minus: bool = False,
           synlig: bool = False, extra: int = 0) -> str:
    """Belopp i kronor skalat till enheten och formaterat: belopp(-1_150_123_456) == "−1 150".

    synlig=True ger ett belopp som inte är noll fler decimaler (högst två till) i stället för "0" (se
    synliga_decimaler); extra anger högst hur många."""
    exponent = _exponent(enhet)
    d = _till_decimal(varde_kr)
    skalat = None if d is None else d.scaleb(-exponent)  # exakt decimal division, inga flyttalsfel
    if synlig or extra:
        decimaler = synliga_decimaler(skalat, decimaler, extra=extra or 2)
    return _text(_avrunda_decimal(skalat, decimaler), decimaler, enkelt_minus)


def procent(varde: Tal, decimaler: int = 1, tecken: bool = True, *, enkelt_minus: bool = False,
            extra: int = 0) -> str:
    """Värde redan i procent: 7.5 -> "7,5 %" (U+00A0 före %), "7,5" om tecken=False; odefinierat -> ""."""
    text = tal(varde, decimaler, enkelt_minus=enkelt_minus, extra=extra)
    return text + NBSP + "%" if text and tecken else text


def _kontrollera_manad(manad: int) -> None:
    if manad not in _MANADER:
        raise ValueError(f"Ogiltig månad {manad!r}; månad ska vara 1–12")


def manadsnamn(manad: int) -> str:
    """4 -> "april"."""
    _kontrollera_manad(manad)
    return _MANADER[manad]


def manad_kort(manad: int) -> str:
    """4 -> "apr", 10 -> "okt" (tre bokstäver, ingen punkt)."""
    _kontrollera_manad(manad)
    return _MANADER_KORT[manad]


def period_text(ar: int, manad: int) -> str:
    """(2021, 4) -> "april 2021"."""
    return f"{manadsnamn(manad)} {ar}"


# Fälten som varje rubrik och titel i konfigurationen får använda (tabeller, kolumner, fotnoter, listor,
# pivottabeller, diagram och rapporttitlar); konfig/samband.py prövar mot samma uppsättning, med fil och rad.
RUBRIKFALT = ("ar", "fg_ar", "manad", "man", "period", "aamm", "fg_aamm", "slutdatum", "fg_slutdatum", "fg_bokslut",
              "kvartal", "namnd")


def rubrik(mall: str, period: Period, namnd: str = "") -> str:
    """Kolumnrubrik, tabellrubrik eller titel från mall: {ar}, {fg_ar}, {manad}, {man}, {period}, {aamm} (2410),
    {fg_aamm} (2310), {slutdatum} (2024-08-31), {fg_slutdatum} (2023-08-31), {fg_bokslut} (2023-12-31),
    {kvartal} (1–4) och {namnd} (nämndens namn, 'Regionstyrelsen'; hela regionens namn för regionen).
    Beräkningen lämnar rubrikerna som mallar; de fylls i här, med resten av den svenska texten."""

    def slut(ar: int) -> str:
        return f"{ar}-{period.manad:02d}-{calendar.monthrange(ar, period.manad)[1]:02d}"

    return mall.format(ar=period.ar, fg_ar=period.ar - 1, manad=manadsnamn(period.manad),
                       man=manad_kort(period.manad), period=str(period),
                       aamm=f"{period.ar % 100:02d}{period.manad:02d}",
                       fg_aamm=f"{(period.ar - 1) % 100:02d}{period.manad:02d}",
                       slutdatum=slut(period.ar), fg_slutdatum=slut(period.ar - 1), fg_bokslut=f"{period.ar - 1}-12-31",
                       kvartal=period.kvartal, namnd=namnd)


def tolka_tal(text: str) -> Decimal:
    """Tolka svensk taltext ("−1 083,5", "-7,5") till Decimal; ValueError om texten inte är ett tal."""
    rensad = text.strip().replace(MINUS, "-")
    for mellanrum in (NBSP, "\u202f", " "):
        rensad = rensad.replace(mellanrum, "")
    rensad = rensad.replace(",", ".")
    if not _TAL_RE.fullmatch(rensad):
        raise ValueError(f"Kan inte tolka {text!r} som ett tal")
    return Decimal(rensad)


def cell(typ: str, varde: Tal, enhet: str = "mkr", decimaler: int = 0, *, enkelt_minus: bool = False,
         extra: int = 0) -> str:
    """En tabellcell: belopp skalas till tabellens enhet, procent visas utan %-tecken (rubriken säger %). `extra`:
    högst så många decimaler till för ett tal som inte är noll men annars skulle skrivas 0 (kolumnens
    extra_decimaler), så att −0,4 Mkr inte står som 0 i en kolumn av hela Mkr."""
    if typ == "procent":
        return procent(varde, decimaler, tecken=False, enkelt_minus=enkelt_minus, extra=extra)
    if typ == "antal":
        return tal(varde, decimaler, enkelt_minus=enkelt_minus, extra=extra)
    return belopp(varde, enhet, decimaler, enkelt_minus=enkelt_minus, extra=extra)


def sekunder(s: float, decimaler: int = 1) -> str:
    """En tid i sekunder för en människa: '2,4 s' (decimalkomma, som alla tal rapportverk skriver)."""
    return f"{tal(s, decimaler)} s"
