"""Ett pågående dokumentbygge: det mallfunktionerna delar.

Underlaget (allt som räknas ur data), rapporten och nämnden, mallmiljön och kontexten som block infogas i, felen
som samlas för att visas tillsammans, figurnumren, filerna som lästes och tabellerna som visades. Funktionerna
i modulerna bredvid tar bygget som nyckelordsargumentet `bygge`; `bind` binder det, så att mallen anropar dem
med sina egna argument (och Pythons fel om antalet argument räknar bara dem).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rapportverk.berakning import Tabell
from rapportverk.dokument import ritning
from rapportverk.dokument.mall import Funktioner, Kontext, Mallfel
from rapportverk.dokument.markdown import platshallare
from rapportverk.dokument.modell import Block, Figur
from rapportverk.dokument.textstatus import Anvant
from rapportverk.fel import Fel, forslag
from rapportverk.formatering import rubrik as rubrikmall
from rapportverk.konfig import REGION, Projekt
from rapportverk.konfig.modell import Namnd, Rapport
from rapportverk.period import Period
from rapportverk.sandlada import Sandlada
from rapportverk.underlag import Underlag

T = TypeVar("T")


def titeltext(mall: str, period: Period, namnd: str = "") -> str:
    """Titel eller rubrik med fälten i docs/ekonomistab/konfiguration.md ({ar}, {manad}, {kvartal}, {namnd} …);
    `namnd` är nämndens namn. Samma fält och samma funktion som tabellernas rubriker (formatering.rubrik)."""
    return rubrikmall(mall, period, namnd)


@dataclass(eq=False)
class Bygge:
    underlag: Underlag
    rapport: str
    namnd: str
    slutlig: bool
    env: Sandlada
    kontext: Kontext
    rotter: list[Path]  # textblockens sökordning
    stil: Path  # diagramstilen
    lasta: list[Path] = field(default_factory=list)  # mall- och textfilerna som lästes (för manifestet)
    fel: list[Fel] = field(default_factory=list)
    saknade: list[str] = field(default_factory=list)  # textblock som saknas (ett fel i en slutlig version)
    textblock: list[Anvant] = field(default_factory=list)  # varje text("…") som renderades, med fil och status
    pagaende: list[Path] = field(default_factory=list)  # textblocken som renderas just nu, inifrån och ut
    visade: list[tuple[str, Tabell]] = field(default_factory=list)  # (nämnd, tabell) för bilagan Spårbarhet
    tabeller: list[tuple[str, str]] = field(default_factory=list)  # (nämnd, tabell) som lästes, för sifferfilen
    figurer: int = 0

    @property
    def projekt(self) -> Projekt:
        return self.underlag.projekt

    @property
    def period(self) -> Period:
        return self.underlag.period

    @property
    def rdef(self) -> Rapport:
        return self.projekt.konfig.rapporter[self.rapport]

    @functools.cached_property
    def nd(self) -> Namnd:
        return self.projekt.namnd(self.namnd)

    @functools.cached_property
    def namnnamn(self) -> dict[str, str]:
        return {n.id: n.namn for n in self.projekt.konfig.namnder}

    @functools.cached_property
    def _stilsumma(self) -> str:
        # Diagrammen minns med stilens innehåll: en ändrad stilfil ritar om dem, samma data räknas inte om.
        return hashlib.sha256(self.stil.read_bytes()).hexdigest()

    def titeltext(self, mall: str, namnd: str | None = None) -> str:
        """Rubriken med rapportens period och nämndens namn (med `namnd` en annan nämnds, t.ex. i regionens
        nämndavsnitt)."""
        return titeltext(mall, self.period, self.projekt.namnd(namnd).namn if namnd else self.nd.namn)

    def infoga(self, block: Block | list[Block]) -> str:
        """Spara blocket vid sidan av och lämna en platshållare i mallens text."""
        self.kontext.infogade.append(block)
        return platshallare(len(self.kontext.infogade) - 1)

    def figur(self, png: bytes, alt: str, rubrik: str) -> str:
        self.figurer += 1
        return self.infoga(Figur(f"figur-{self.figurer}", bytes(png) or None, alt,
                                 f"Figur {self.figurer}. {rubrik}", svg=getattr(png, "svg", None)))

    def ritad(self, nyckel: tuple, rita: Callable[[], T]) -> T:
        """Ett diagram ur underlaget (png, alternativtext …), ritat en gång per data och diagramstil."""
        return self.underlag.minns(("ritat", self._stilsumma, ritning.png_ritas(), *nyckel), rita)

    def huvudbok_kravs(self, vad: str) -> None:
        if not self.underlag.har("huvudbok"):
            raise Mallfel(f"{vad} räknas från huvudboken, men rapporttypen '{self.rapport}' läser den inte; lägg "
                          f"till huvudbok under kallor för rapporttypen "
                          f"({self.projekt.fil_for(('rapporter', self.rapport))}).")

    def var_star(self, sektion: str) -> str:
        """Var en sektion (tabeller, listor …) står: konfigurationen, och rapporttypens egen fil när den har en,
        så att ett fel inte pekar på fel fil."""
        huvud = self.projekt.fil
        egen = self.projekt.fil_for(("rapporter", self.rapport))
        return f"{sektion} i {huvud}" + (f" eller i rapporttypens fil {egen}" if egen != huvud else "")

    def kand_namnd(self, vilken: str) -> str:
        if vilken != REGION and vilken not in self.projekt.namnd_ids:
            raise Mallfel(f"okänd nämnd '{vilken}'{forslag(vilken, self.projekt.namnd_ids)}.")
        return vilken

    def tabell(self, namn: str, namnd: str) -> Tabell:
        """Tabellen ur underlaget; den hamnar i sifferfilen (också om den bara gav ett tal i en text)."""
        t = self.underlag.tabell(namn, namnd)
        if (namnd, namn) not in self.tabeller:
            self.tabeller.append((namnd, namn))
        return t


def bind(bygge: Bygge, *funktioner: Callable[..., Any]) -> Funktioner:
    """Mallfunktionerna med bygget bundet, under sina egna namn."""
    return {f.__name__: _bunden(f, bygge) for f in funktioner}


def _bunden(f: Callable[..., Any], bygge: Bygge) -> Callable[..., Any]:
    # Inte functools.partial: där kunde mallen byta ut bygget med bygge=…; här blir det ett TypeError, som mallen
    # visar med rad som andra felaktiga argument.
    signatur = _mallsignatur(f)

    @functools.wraps(f)
    def anropa(*args: Any, **kwargs: Any) -> Any:
        _kontrollera_argument(f.__name__, signatur, args, kwargs)
        return f(*args, **kwargs, bygge=bygge)
    return anropa


def _mallsignatur(f: Callable[..., Any]) -> inspect.Signature:
    """Signaturen som mallen ser: utan det bundna bygget."""
    sig = inspect.signature(f)
    return sig.replace(parameters=[p for n, p in sig.parameters.items() if n != "bygge"])


def _kontrollera_argument(namn: str, sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Fel argument blir ett svenskt fel som namnger funktionen, argumentet och de tillåtna (inte Pythons
    "bygg_dokument.<locals>.x() got an unexpected keyword argument")."""
    tillatna = list(sig.parameters)
    lista = ", ".join(tillatna) if tillatna else "inga argument"
    for nyckel in kwargs:
        if nyckel not in sig.parameters:
            raise Mallfel(f"{namn}() har inget argument '{nyckel}'{forslag(nyckel, tillatna)}; tillåtna argument: "
                          f"{lista} (se docs/referens/mallfunktioner.md).")
    try:
        sig.bind(*args, **kwargs)
    except TypeError:
        positionella = [n for n, p in sig.parameters.items()
                        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        saknas = [n for n, p in sig.parameters.items() if p.default is p.empty and n not in kwargs
                  and (n not in positionella or positionella.index(n) >= len(args))]
        if len(args) > len(positionella):
            orsak = f"fick {len(args)} argument utan namn men tar högst {len(positionella)}"
        elif saknas:
            orsak = f"saknar argumentet '{saknas[0]}'"
        else:
            orsak = "fick samma argument två gånger"
        raise Mallfel(f"{namn}() {orsak}; tillåtna argument: {lista} (se docs/referens/mallfunktioner.md)."
                      ) from None
