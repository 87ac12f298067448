"""Beloppens tecken (är kostnaderna positiva i exporten?) och enhet (kr, tkr eller mkr), ur beloppen själva."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable

import polars as pl

from rapportverk.formatering import belopp as formatera
from rapportverk.kallor.hierarki import kontomappning
from rapportverk.kolla.resultat import Beslut
from rapportverk.konfig.modell import Kostnadsslagplan

Slag = Callable[[str], str | None]  # konto → "kostnad", "intakt" eller None (balans, finansnetto, okänt)


def kontoslag(konton: Iterable[str], plan: Kostnadsslagplan | None) -> dict[str, str | None]:
    """Konto → kostnad eller intäkt: ur kostnadsslagen när kontot har en rad där (en rad vars namn säger intäkt,
    eller sektionen skatter, är intäkter; de andra i verksamheten kostnader), annars ur kontoklassen som i
    kommunernas och regionernas kontoplaner (3 intäkter, 4–7 kostnader)."""
    unika = sorted({k for k in konton if k})
    svar: dict[str, str | None] = {}
    rader = kontomappning(unika, plan).iter_rows(named=True) if plan is not None else ()
    for r in rader:
        if r["kostnadsslag"] is None:
            continue
        if r["sektion"] == "skatter" or "intäkt" in r["kostnadsslag"].lower():
            svar[r["konto"]] = "intakt"
        else:
            svar[r["konto"]] = "kostnad" if r["sektion"] == "verksamhet" else None
    for k in unika:
        if k not in svar:
            svar[k] = "intakt" if k[0] == "3" else "kostnad" if k[0] in "4567" else None
    return svar


def kanna_tecken(konto: pl.Series, belopp: pl.Series, slag: Slag) -> Beslut:
    """`kostnad_positiv` när kostnadskontona summerar till ett positivt belopp (och intäkterna till ett negativt),
    `kostnad_negativ` i det omvända fallet; annars kan det inte avgöras."""
    text = konto.cast(pl.Utf8)
    unika = text.unique().drop_nulls()
    klass = text.replace_strict(unika, [slag(k) for k in unika.to_list()], default=None, return_dtype=pl.Utf8)
    ram = pl.DataFrame({"slag": klass, "belopp": belopp.cast(pl.Float64)})
    kost = ram.filter(pl.col("slag") == "kostnad")["belopp"]
    intakt = ram.filter(pl.col("slag") == "intakt")["belopp"]
    if kost.len() == 0 and intakt.len() == 0:
        return Beslut("kostnad_negativ", "inget konto kan sägas vara kostnad eller intäkt (varken i kostnadsslagen "
                      "eller som kontoklass 3–7); kostnader negativa är antaget", saker=False, flagga="--tecken")
    k, i = float(kost.sum()), float(intakt.sum())
    delar = []
    if kost.len():
        delar.append(f"kostnadskontona summerar till {_kr(k)} i exporten ({_andel(kost, k)} av raderna med samma "
                     "tecken)")
    if intakt.len():
        delar.append(f"intäktskontona till {_kr(i)}")
    skal = ", ".join(delar)
    if kost.len() == 0:
        tecken = "kostnad_positiv" if i < 0 else "kostnad_negativ"
        return Beslut(tecken, f"bara intäktskonton: {skal}", saker=False, flagga="--tecken")
    tecken = "kostnad_positiv" if k > 0 else "kostnad_negativ"
    if intakt.len() and (k > 0) == (i > 0) and abs(i) > 0:
        return Beslut(tecken, f"{skal}: samma tecken, så det går inte att avgöra", saker=False, flagga="--tecken")
    saker = (kost > 0).mean() >= 0.8 if k > 0 else (kost < 0).mean() >= 0.8  # type: ignore[operator]
    return Beslut(tecken, skal, saker=bool(saker), flagga=None if saker else "--tecken")


def _andel(s: pl.Series, summa: float) -> str:
    andel = float((s > 0).mean() if summa > 0 else (s < 0).mean())  # type: ignore[arg-type]
    return f"{andel:.0%}".replace("%", " %")


def _kr(x: float) -> str:
    text = formatera(x, "kr", 0)
    return f"+{text}" if x > 0 else text


_SKALA = {"kr": 0, "tkr": 3, "mkr": 6}


def median_belopp(belopp: pl.Series) -> float | None:
    """Medianen av beloppen utan tecken, utan nollor."""
    s = belopp.cast(pl.Float64).abs()
    s = s.filter(s > 0)
    m = s.median() if s.len() else None
    return float(m) if m is not None else None  # type: ignore[arg-type]


def enhet_i_namnet(kolumn: str) -> str | None:
    """'Belopp tkr', 'belopp_tkr', 'Belopp (Mkr)' → tkr, mkr; 'Belopp kr' → kr."""
    traff = re.search(r"(?<![a-z])(t|m)?(kr|sek)(?![a-z])", kolumn.lower().replace("_", " "))
    return None if traff is None else {"t": "tkr", "m": "mkr"}.get(traff.group(1) or "", "kr")


def kanna_enhet(belopp: pl.Series, decimaler: int | None = None, referens: float | None = None,
                kolumn: str = "") -> Beslut:
    """kr, tkr eller mkr. Säkrast genom att jämföra med huvudbokens andra källor (`referens`: deras median i kronor):
    en export i tkr har belopp ungefär tusen gånger mindre. Annars kolumnens namn ('Belopp tkr'), tre decimaler
    (tkr med kronorna som decimaler), två (kronor och ören) och till sist storleken."""
    m = median_belopp(belopp)
    if m is None:
        return Beslut("kr", "alla belopp är noll; kr är antaget", saker=False, flagga="--enhet")
    tecken = f"median {formatera(m, 'kr', 3 if m < 10 else 0)}"
    namnet = enhet_i_namnet(kolumn)
    beslut = _kanna_enhet(m, tecken, decimaler, referens)
    if namnet is None or (namnet == beslut.varde and beslut.saker):
        return beslut
    if namnet == beslut.varde or not referens:
        return Beslut(namnet, f"kolumnen heter '{kolumn}' ({tecken})")
    return Beslut(beslut.varde, f"{beslut.skal}, men kolumnen heter '{kolumn}'", saker=False, flagga="--enhet")


def _kanna_enhet(m: float, tecken: str, decimaler: int | None, referens: float | None) -> Beslut:
    if referens:
        kvot = math.log10(referens / m)
        enhet = next((e for e, s in _SKALA.items() if abs(kvot - s) < 1), None)
        if enhet is not None:
            gang = {"kr": "ungefär lika stora som", "tkr": "ungefär tusen gånger mindre än",
                    "mkr": "ungefär en miljon gånger mindre än"}[enhet]
            skal = (f"beloppen ({tecken}) är {gang} i huvudbokens andra källor (median "
                    f"{formatera(referens, 'kr', 0)} kr)")
            if (decimaler, enhet) in ((3, "kr"), (2, "tkr")):
                return Beslut(enhet, f"{skal}, men de har {decimaler} decimaler", saker=False, flagga="--enhet")
            return Beslut(enhet, skal)
        return Beslut(_efter_storlek(m), f"beloppen ({tecken}) är {10 ** kvot:.0f} gånger mindre än i huvudbokens "
                      "andra källor, vilket varken är kr, tkr eller mkr", saker=False, flagga="--enhet")
    if decimaler == 3:
        return Beslut("tkr", f"beloppen har tre decimaler ({tecken}): tusental kronor med kronorna som decimaler",
                      saker=m < 1_000_000, flagga=None if m < 1_000_000 else "--enhet")
    if decimaler == 2 and m >= 1_000:
        return Beslut("kr", f"beloppen har två decimaler, kronor och ören ({tecken})")
    enhet = _efter_storlek(m)
    if m >= 20_000:
        return Beslut("kr", f"beloppen är stora ({tecken}) och inga andra källor finns att jämföra med",
                      saker=False, flagga="--enhet")
    if m < 2_000:
        return Beslut(enhet, f"beloppen är små ({tecken}) för kronor och inga andra källor finns att jämföra med",
                      saker=False, flagga="--enhet")
    return Beslut(enhet, f"beloppens storlek ({tecken}) säger inte om det är kr eller tkr", saker=False,
                  flagga="--enhet")


def _efter_storlek(m: float) -> str:
    return "kr" if m >= 5_000 else "tkr" if m >= 1 else "mkr"
