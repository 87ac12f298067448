"""De publicerade siffrorna (exempeldata/publicerat.yaml) som generatorns mål.

Filen har talen som rapporten trycker dem ("-1 150", "15,6", "-0", ""); här blir de tal med samma precision: heltal,
decimaltal, -0.0 för "-0" (ett litet negativt värde) och None för en tom cell. Fröna för fördelningen och
månadsrapportens rimlighetsval kommer ur generatorns egna datafiler.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import yaml

from .gemensamt import PUBLICERAT_YAML, avrunda, las_yaml
from .organisation import NAMN_FOR_NAMND

_PUBLICERAT: dict[str, Any] = yaml.safe_load(PUBLICERAT_YAML.read_text(encoding="utf-8"))
# Regionens resultat: summaraderna (räknade ur delarna); raderna som varken är en nämnd eller en summa är
# regionens rader utanför verksamheten.
SUMMOR = ("Verksamhetens nettokostnader", "Summa skatter och statsbidrag", "Verksamhetens resultat",
          "Summa finansnetto", "Resultat")
VARAV = "varav "
_NAMND_FOR_NAMN = {namn: nid for nid, namn in NAMN_FOR_NAMND.items()}


def tal(text: str) -> Any:
    """Ett tryckt tal: "-1 150" -> -1150, "15,6" -> 15.6, "-0" -> -0.0, "" -> None."""
    if text == "":
        return None
    t = text.replace(" ", "").replace(",", ".")
    if t == "-0":
        return -0.0
    return float(t) if "." in t else int(t)


def avrundas_till(varde: Fraction, text: str) -> bool:
    """Avrundas det exakta värdet (halva bort från noll) till det tryckta talet, med dess decimaler?"""
    decimaler = len(text.partition(",")[2])
    return avrunda(varde, decimaler) == Fraction(text.replace(" ", "").replace(",", "."))


def _rad(varden: list[str]) -> tuple[Any, ...]:
    return tuple(tal(v) for v in varden)


def _period(text: str) -> tuple[int, int]:
    ar, manad = str(text).split("-")
    return int(ar), int(manad)


@dataclass(frozen=True)
class Arsmal:
    ar: int
    manad: int  # rapportperiodens månad; ack = jan..manad
    namnd: str
    # delområde, ack utfall, ack utfall fg, ntk-utv %, ack avvikelse, ack avvikelse %, årsbudget
    per_delomrade: tuple[tuple[str, float, float, float, float, float, float], ...]
    summa: tuple[float, float, float, float, float, float]
    # rapportrad, månadsavvikelse, ack utfall, kostnadsutv %, ack avvikelse, ack avvikelse % (None = tom),
    # årsbudget. Rapportraderna heter som i konfig/kostnadsslag.yaml.
    per_kostnadsslag: tuple[tuple[str, float, float, float, float, float | None, float], ...]
    summa_manadsavvikelse: float
    # Ledtrådar ur rapportens text (ack avvikelse per delområde, en decimal). Inte tabellsiffror.
    ledtradar: tuple[tuple[str, float], ...]
    # Frö för fördelningen delområde x blad: ack utfall jan..manad, bruttobelopp i Mkr (positiva).
    fro: dict[str, dict[str, float]]
    # Avvikande frön för enskilda storheter ("U20", "B", "R" = budget resten av året):
    # (delområde, blad) -> Mkr i samma skala som fro.
    fro_avvikande: dict[str, dict[tuple[str, str], float]]
    # Blad där periodens månadsavvikelse samlas på ett delområde (engångspost), i stället för att
    # fördelas proportionellt.
    engangspost: dict[str, str]


def _arsmal(ar: int) -> Arsmal:
    pub = _PUBLICERAT["delarsrapport"][ar]
    fordelning = las_yaml(f"delarsrapport_{ar}.yaml")
    omraden = {namn: _rad(v) for namn, v in pub["budgetavvikelse_per_omrade"].items()}
    summa = omraden.pop("Summa")
    kostnadsslag = {namn.removeprefix(VARAV): _rad(v) for namn, v in pub["resultat_per_kostnadsslag"].items()}
    vnk = kostnadsslag.pop("Verksamhetens nettokostnader")
    if vnk[1:] != (summa[0], *summa[2:]):
        raise ValueError(f"publicerat {ar}: kostnadsslagens summa är inte delområdenas")
    avvikande = {q: {(d, b): v for d, per_blad in per_d.items() for b, v in per_blad.items()}
                 for q, per_d in fordelning["fro_avvikande"].items()}
    return Arsmal(
        *(_period(pub["period"])), pub["namnd"],
        per_delomrade=tuple((namn, *v) for namn, v in omraden.items()), summa=summa,
        per_kostnadsslag=tuple((namn, *v) for namn, v in kostnadsslag.items()), summa_manadsavvikelse=vnk[0],
        ledtradar=tuple((namn, tal(v)) for namn, v in pub["ledtradar"].items()),
        fro=fordelning["fro"], fro_avvikande=avvikande, engangspost=fordelning["engangspost"])


@dataclass(frozen=True)
class Manadsmal:
    """Siffrorna i månadsrapportens tabeller, som de står (Mkr; resekostnader i tkr, kostnader positiva)."""
    ar: int
    manad: int
    # Resultatrapport regionstyrelsen: delområde, utfall månad, budget månad, avvikelse månad,
    # ack utfall fg år, ack utfall, ack avvikelse.
    rs: tuple[tuple[str, float, float, float, float, float, float], ...]
    rs_summa: tuple[float, float, float, float, float, float]
    # Regionens resultat: rad, ack utfall fg år, ack utfall, ack budget, ack avvikelse, årsbudget.
    namnder: tuple[tuple[str, float, float, float, float, float], ...]
    regionrader: tuple[tuple[str, float, float, float, float, float], ...]
    # Verksamhetens nettokostnader, Summa skatter och statsbidrag, Verksamhetens resultat, Summa finansnetto,
    # Resultat (beräknade ur delarna).
    summor: tuple[tuple[str, float, float, float, float, float], ...]
    # Reduktionsplan resekostnader (tkr, kostnader positiva): nämnd, ack utfall, ack utfall fg, plan,
    # diff mot plan, diff mot fg.
    resor: tuple[tuple[str, float, float, float, float, float], ...]
    resor_summa: tuple[float, float, float, float, float]
    resor_minskning: Fraction
    # Ack avvikelse per nämnd i procent av ack budget vid delårsbokslutet (ingen publicerad siffra: rimlighet).
    # Regionstyrelsens delområden följer i stället sin avvikelse per rapportmånaden.
    delar_manad: int
    delar_avvikelse_procent: dict[str, float]


def _manadsmal(ar: int) -> Manadsmal:
    pub = _PUBLICERAT["manadsrapport"][ar]
    val = las_yaml(f"manadsrapport_{ar}.yaml")
    rs = {namn: _rad(v) for namn, v in pub["resultatrapport"].items()}
    rs_summa = rs.pop("Verksamhetens nettokostnader")
    region = {namn: _rad(v) for namn, v in pub["regionens_resultat"].items()}
    namnder = tuple((_NAMND_FOR_NAMN[n], *v) for n, v in region.items() if n in _NAMND_FOR_NAMN)
    summor = tuple((n, *v) for n, v in region.items() if n in SUMMOR)
    regionrader = tuple((n, *v) for n, v in region.items() if n not in _NAMND_FOR_NAMN and n not in SUMMOR)
    resor = {namn: _rad(v) for namn, v in pub["reduktionsplan_resor"].items()}
    resor_summa = resor.pop("Total")
    return Manadsmal(
        *(_period(pub["period"])),
        rs=tuple((namn, *v) for namn, v in rs.items()), rs_summa=rs_summa,
        namnder=namnder, regionrader=regionrader, summor=summor,
        resor=tuple((_NAMND_FOR_NAMN[n], *v) for n, v in resor.items()), resor_summa=resor_summa,
        resor_minskning=Fraction(tal(pub["resor_minskning_procent"]), 100),
        delar_manad=val["delar_manad"], delar_avvikelse_procent=val["delar_avvikelse_procent"])


PUBLICERAT: dict[int, Arsmal] = {ar: _arsmal(ar) for ar in _PUBLICERAT["delarsrapport"]}
PUBLICERAT_MANAD: dict[int, Manadsmal] = {ar: _manadsmal(ar) for ar in _PUBLICERAT["manadsrapport"]}

_DELAR_2021 = _PUBLICERAT["delarsrapport"][2021]
_MANAD_2024 = _PUBLICERAT["manadsrapport"][2024]
# Tabelldata utanför huvudboken, som generatorn prövar sina val mot (tryckta, med avrundas_till).
OMSTALLNING: dict[str, dict[str, list[str]]] = _DELAR_2021["omstallning"]
BUDGETOMFORDELNINGAR: dict[str, str] = _DELAR_2021["budgetomfordelningar"]
ARSPROGNOS_2021: dict[str, str] = _DELAR_2021["arsprognos"]
MEDARBETARE_2021: dict[str, Any] = _DELAR_2021["medarbetare"]
INVESTERINGAR_PUBLICERAT = tuple((namn, *_rad(v)) for namn, v in _MANAD_2024["investeringar"].items())
PROGNOS_RS_SEPTEMBER = tal(_MANAD_2024["prognos_september"])
ANSTALLDA_AUGUSTI = _MANAD_2024["anstallda_augusti"]
