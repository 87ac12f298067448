"""Layoutmallen (Markdown + Jinja i sandlåda) och textblocken → dokumentmodellen.

Mallen anropar `tabell()`, `diagram()` och `text()`; varje anrop lämnar en platshållare i Markdown-texten
och blocket sparas vid sidan av. Textblock renderas och tolkas var för sig, så fel och bilder pekar på
rätt fil och rad. Ett textblock kan bara visa text: HTML är avstängt och sandlådan stoppar åtkomst till
Pythons interna attribut.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from rapportverk import sandlada, tecken
from rapportverk.dokument import mallsyntax
from rapportverk.fel import Fel, RapportverkFel, forslag, visningsnamn
from rapportverk.formatering import belopp, manadsnamn, period_text, procent, tal
from rapportverk.sandlada import Sandlada
from rapportverk.sandlada.granser import utan_klocka

Funktioner = dict[str, Callable[..., Any]]


class Tidsgransfel(RapportverkFel):
    """En mall eller ett textblock stoppades av tidsgränsen. Går igenom de yttre mallarna utan att samlas ihop med
    andra fel: tiden är slut för hela renderingen, och ett fel räcker."""


class Mallfel(Exception):
    """Kastas av mallens funktioner; få rad och fil från Jinjas traceback."""


@dataclass
class Kontext:
    """Det mallen ser: funktioner, filter och värden. Block som infogas sparas i `infogade`."""

    funktioner: Funktioner
    varden: dict[str, Any]
    infogade: list[Any] = field(default_factory=list)


@functools.cache  # samma funktioner i varje miljö: de kompilerade mallarna delas (sandlada._KOMPILERAT)
def _filter() -> dict[str, Callable[..., str]]:
    return {
        # Ett belopp som inte är noll skrivs aldrig "0" i löptext ("0 miljoner kronor sämre än budget"): det får
        # en eller två decimaler till, som i diagrammen (diagram.diagramtal).
        "mkr": lambda v, decimaler=0: belopp(v, "mkr", decimaler, synlig=True),
        "tkr": lambda v, decimaler=0: belopp(v, "tkr", decimaler, synlig=True),
        "kr": lambda v, decimaler=0: belopp(v, "kr", decimaler, synlig=True),
        "procent": lambda v, decimaler=1: procent(v, decimaler),
        "antal": lambda v, decimaler=0: tal(v, decimaler),
        "med_tecken": _med_tecken,
        "manad": lambda v: ("" if v is None else period_text(v.ar, v.manad) if hasattr(v, "manad")
                            else manadsnamn(int(v))),
    }


def _med_tecken(v: float | None, decimaler: int = 0, enhet: str | None = None) -> str:
    """Förändringar skrivs med tecken: +5,7 och −230 (0 utan tecken); `enhet` skalar kronor (t.ex. mkr)."""
    text = belopp(v, enhet, decimaler) if enhet else tal(v, decimaler)
    return f"+{text}" if text and not text.startswith("\u2212") and text.strip("0,") else text


def miljo(sokvagar: list[Path], granser: sandlada.Granser | None = None) -> Sandlada:
    return sandlada.miljo(sokvagar, autoescape=False, keep_trailing_newline=True, filter=_filter(), granser=granser)


def rendera(env: Sandlada, kontext: Kontext, *, namn: str | None = None, kalla: str | None = None,
            visning: str) -> str:
    """Rendera en mall (via namn i laddaren) eller en källtext; alla Jinja-fel blir svenska fel med rad."""
    # Projektets funktioner (tabell(), diagram(), text() …) räknas inte mot mallens tid: de räknar på data, och ett
    # textblock som text() renderar har sin egen gräns.
    alla = {**{n: utan_klocka(f) for n, f in kontext.funktioner.items()}, **kontext.varden}
    try:
        mall = env.get_template(namn) if namn else env.from_string(kalla or "")
        return _utan_styrtecken(sandlada.rendera(mall, alla), visning)
    except jinja2.TemplateSyntaxError as exc:
        raise RapportverkFel(Fel(f"fel i mallsyntaxen: {mallsyntax.svenska(exc.message or '')}; kontrollera att varje "
                                 "{{ }} och {% %} är stängd.", visning, exc.lineno)) from None
    except SyntaxError as exc:
        # Jinja släpper igenom Pythons eget kompileringsfel, t.ex. för tabell(bred=true, bred=false).
        upprepat = (exc.msg or "").removeprefix("keyword argument repeated: ")
        text = (f"argumentet '{upprepat}' står två gånger i samma anrop" if upprepat != exc.msg
                else f"ett uttryck kan inte tolkas ({exc.msg})")
        raise RapportverkFel(Fel(f"fel i mallsyntaxen: {text}; ta bort det ena.", visning,
                                 _upprepad_rad(kalla if kalla is not None else _kalltext(env, namn), upprepat))
                             ) from None
    except jinja2.UndefinedError as exc:
        raise RapportverkFel(Fel(_odefinierat(exc, alla), visning, _rad(exc, namn))) from None
    except sandlada.Tidsgrans as exc:
        # Utan rad: var tiden tog slut är en slump (loopen, eller mellan två bitar utdata), inte felets plats.
        raise Tidsgransfel(Fel(f"{exc}; förenkla den, eller höj granser.mall_tid_s i konfigurationen om den "
                               "verkligen behöver längre tid.", visning)) from None
    except sandlada.Gransfel as exc:
        text = str(exc) if str(exc).startswith("mallen ") else f"mallen stoppades: {exc}"
        raise RapportverkFel(Fel(f"{text}; ta bort eller ändra uttrycket.", visning, _rad(exc, namn))) from None
    except SecurityError as exc:
        raise RapportverkFel(Fel("mallen försöker nå något som inte är tillåtet i en rapportmall (Pythons interna "
                                 "attribut, eller strängmetoder som ljust, zfill och replace; använd filtren center, "
                                 "format och replace); ta bort uttrycket.", visning, _rad(exc, namn))) from None
    except Mallfel as exc:
        raise RapportverkFel(Fel(str(exc), visning, _rad(exc, namn))) from None
    except jinja2.TemplateNotFound as exc:
        raise RapportverkFel(Fel(f"mallen '{exc.name}' finns inte bland mallarna; kontrollera namnet i "
                                 "include/extends.", visning)) from None
    except (TypeError, ValueError, ZeroDivisionError) as exc:
        raise RapportverkFel(Fel(f"ett uttryck i mallen gick inte att räkna ut ({exc}); kontrollera "
                                 "argumenten.", visning, _rad(exc, namn))) from None


def _utan_styrtecken(text: str, visning: str) -> str:
    traff = tecken.forsta(text)
    if traff is None:
        return text
    rad = text.count("\n", 0, traff.start()) + 1
    raise RapportverkFel(Fel(f"texten innehåller styrtecknet U+{ord(traff.group()):04X}, som inte kan visas i ett "
                             "dokument (det följer ofta med när text klistras in från ett annat program); ta bort "
                             "det.", visning, rad))


def _kalltext(env: Sandlada, namn: str | None) -> str:
    if namn is None or env.loader is None:
        return ""
    return env.loader.get_source(env, namn)[0]


def _upprepad_rad(kalla: str, argument: str) -> int | None:
    """Raden där argumentet står två gånger: Pythons radnummer gäller den kod Jinja skapade, inte mallen."""
    monster = re.compile(rf"\b{re.escape(argument)}\s*=(?!=)")
    for nr, rad in enumerate(kalla.splitlines(), start=1):
        if len(monster.findall(rad)) > 1:
            return nr
    return None


def _rad(exc: BaseException, namn: str | None) -> int | None:
    return sandlada.mallrad(exc, namn)


def _odefinierat(exc: jinja2.UndefinedError, alla: dict[str, Any]) -> str:
    meddelande = exc.message or ""
    if meddelande.startswith("'") and meddelande.endswith("' is undefined"):
        namn = meddelande[1:-len("' is undefined")]
        # Inte alla 47 namnen: ett förslag när ett liknar, annars var listan finns.
        return (f"okänt namn '{namn}' i mallen{forslag(namn, alla)}; mallens funktioner och värden står i "
                "docs/referens/mallfunktioner.md.")
    return f"ett värde saknas i mallen ({meddelande})."


def textfil(rotter: list[Path], namn: str) -> Path | None:
    """Första textblocket som finns, i sökordningen."""
    for rot in rotter:
        kandidat = rot / f"{namn}.md"
        if kandidat.is_file():
            # En symbolisk länk ut ur textkatalogen (ovrigt.md -> /etc/…) följs inte: texten skulle hamna i rapporten.
            if not kandidat.resolve().is_relative_to(rot.resolve()):
                raise Mallfel(f"textblocket {visningsnamn(kandidat)} är en länk till en fil utanför textkatalogen; "
                              "kopiera in texten i filen i stället.")
            return kandidat
    return None


def las_text(fil: Path) -> str:
    try:
        return fil.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RapportverkFel(Fel("textblocket är inte sparat som UTF-8; spara om det som UTF-8.",
                                 visningsnamn(fil))) from None
