"""Vilken kolumn i exporten som är period, kostnadsställe (enhet), konto, belopp och serie, och periodens format.

Namnet ger en ledtråd (Ansvar, Kst, Månad, Belopp tkr …), värdena avgör: en period ser ut som en period, ett belopp
är tal med tecken och decimaler, koder är korta heltal. När konfigurationen finns prövas koderna mot organisationen
och kontoplanen, så att två kolumner med koder (Ansvar och Verksamhet) skiljs åt av vad de innehåller."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

import polars as pl

from rapportverk.kolla.resultat import Beslut
from rapportverk.konfig.modell import SERIER

FALT = ("period", "enhet", "konto", "belopp", "serie")
FALTNAMN = {"period": "period", "enhet": "kostnadsställe", "konto": "konto", "belopp": "belopp", "serie": "serie"}
# Kolumnnamn som system brukar ge fälten, utan å, ä, ö och skiljetecken.
_NAMN = {
    "period": ({"period", "manad", "man", "perioder", "bokforingsperiod", "redovisningsperiod", "periodid",
                "datum", "bokforingsdatum", "armanad", "yyyymm", "month", "date", "per"},
               ("period", "manad", "datum")),
    "enhet": ({"ansvar", "ansvarsenhet", "kostnadsstalle", "kst", "enhet", "resultatenhet", "ansv", "kstalle",
               "costcenter", "ansvarskod", "kostnadsstallekod"}, ("ansvar", "kostnadsst", "kst")),
    "konto": ({"konto", "kto", "account", "kontonr", "kontonummer", "baskonto", "kontokod"}, ("konto",)),
    "belopp": ({"belopp", "amount", "summa", "saldo", "utfall", "varde", "bel", "beloppkr", "belopptkr", "sek",
                "budget", "beloppsek", "kronor", "tkr"}, ("belopp", "amount")),
    "serie": ({"serie", "typ", "version", "scenario", "datatyp", "beloppstyp"}, ("serie", "scenario")),
}
_ASCII = str.maketrans("åäöÅÄÖéÉ", "aaoAAOeE")
PERIODFORMAT = {"ÅÅÅÅ-MM": r"^(\d{4})-(\d{2})$", "ÅÅÅÅMM": r"^(\d{4})(\d{2})$",
                "ÅÅÅÅ-MM-DD": r"^(\d{4})-(\d{2})-(\d{2})$"}
# Format som syns i exporter men som läsaren inte tar: sägs ut i stället för att gissas om.
_OKANDA_PERIODER = {r"^\d{4}/\d{1,2}$": "ÅÅÅÅ/MM", r"^\d{1,2}/\d{4}$": "MM/ÅÅÅÅ", r"^\d{4}-\d$": "ÅÅÅÅ-M",
                    r"^\d{4} ?\d{2}$": "ÅÅÅÅ MM", r"^\d{4}-\d{2}-\d{2}[ T]\d": "datum med klockslag",
                    r"^[a-zåäö]{3}-?\d{2,4}$": "månadsnamn"}
_PROV = 20_000


@dataclass(frozen=True)
class Egenskaper:
    """Det kolla ser i en kolumn."""

    namn: str
    periodformat: str | None  # ett format läsaren tar, eller None
    period_okant: str | None  # ett periodformat läsaren inte tar (t.ex. ÅÅÅÅ/MM)
    tal: bool  # alla värden är tal
    heltal: bool
    negativa: bool
    decimaler: bool
    kod: bool  # korta koder (siffror eller bokstäver och siffror), som konton och kostnadsställen
    unika: int
    exempel: str
    serievarden: tuple[str, ...]  # textvärden när de är få (serie)


def normalisera_namn(namn: str) -> str:
    return re.sub(r"[^a-z0-9]", "", namn.translate(_ASCII).lower())


def _som_text(s: pl.Series) -> pl.Series:
    if s.dtype.is_temporal():
        return s.cast(pl.Date, strict=False).cast(pl.Utf8)  # en period: klockslaget säger inget
    if s.dtype.is_float() and (s.drop_nulls() % 1 == 0).all():
        return s.cast(pl.Int64, strict=False).cast(pl.Utf8)
    return s.cast(pl.Utf8)


def egenskaper(s: pl.Series) -> Egenskaper:
    prov = s.drop_nulls().head(_PROV)
    text = _som_text(prov).str.strip_chars()
    text = text.filter(text != "")
    exempel = text[0] if text.len() else ""
    periodformat = None
    if s.dtype in (pl.Date, pl.Datetime) or isinstance(s.dtype, pl.Datetime):
        periodformat = "datum"
    elif text.len():
        for namn, monster in PERIODFORMAT.items():
            delar = text.str.extract_groups(monster)
            ar = delar.struct.field("1").cast(pl.Int32, strict=False)
            manad = delar.struct.field("2").cast(pl.Int32, strict=False)
            if (ar.is_between(1990, 2100) & manad.is_between(1, 12)).fill_null(False).all():
                periodformat = namn
                break
    okant = None
    if periodformat is None and text.len():
        lag = text.str.to_lowercase()
        okant = next((n for m, n in _OKANDA_PERIODER.items() if lag.str.contains(m).all()), None)
    if s.dtype.is_numeric():
        tal = prov.len() > 0
        heltal = bool((prov % 1 == 0).all()) if tal else False
        negativa = bool((prov < 0).any())
    else:
        rensad = text.str.replace_all("[\u00a0\u202f ']", "").str.replace_all("\u2212", "-")
        # Som läsaren: också '1e5' är ett tal (och '1e20' stoppas där, som orimligt stort, med fil och rad).
        tal = text.len() > 0 and bool(
            rensad.str.contains(r"^[-+]?(\d+|\d{1,3}([.,]\d{3})+)([.,]\d+)?([eE][-+]?\d+)?$").all())
        heltal = tal and bool(rensad.str.contains(r"^[-+]?\d+$").all())
        negativa = tal and bool(rensad.str.starts_with("-").any())
    kod = text.len() > 0 and bool(text.str.contains(r"^[A-Za-z0-9_]{1,20}$").all()) and (
        heltal or not tal) and not negativa and bool(text.str.contains(r"\d").mean() >= 0.5)
    unika = text.n_unique()
    serievarden = tuple(sorted(text.unique().to_list())) if not tal and 0 < unika <= 10 else ()
    return Egenskaper(str(s.name), periodformat, okant, tal, heltal, negativa, tal and not heltal, kod, unika,
                      str(exempel), serievarden)


def _namnpoang(falt: str, kolumn: str) -> int:
    exakta, delar = _NAMN[falt]
    n = normalisera_namn(kolumn)
    if n in exakta:
        return 5
    return 3 if any(d in n for d in delar) else 0


def _poang(falt: str, e: Egenskaper, rader: int, traff: Callable[[str, Egenskaper], float | None]) -> float:
    """Hur väl kolumnen passar fältet; 0 betyder att den inte kan vara det. En kolumn som heter precis som ett annat
    fält (Belopp, Konto) får avdrag: koder i den som råkar finnas i kontoplanen gör den inte till konto."""
    namn = _namnpoang(falt, e.namn) - 4 * any(_namnpoang(f, e.namn) == 5 for f in _NAMN if f != falt)
    if falt == "period":
        return 0 if e.periodformat is None else 5 + namn
    if e.periodformat is not None:
        return 0
    if falt == "belopp":
        if not e.tal:
            return 0
        return namn + 1 + 2 * e.decimaler + 2 * e.negativa + (e.unika > max(3, rader // 20))
    if falt in ("enhet", "konto"):
        if not e.kod:
            return 0
        andel = traff(falt, e)
        return namn + 1 + (0 if andel is None else 6 * andel) - (3 if e.decimaler or e.negativa else 0)
    if falt == "serie":
        if not e.serievarden:
            return 0
        # Värdena måste stå precis som serierna (utfall, budget); 'Utfall' pekar ut kolumnen men läses inte.
        return namn + (5 if set(e.serievarden) <= set(SERIER) else
                       2 if {v.lower() for v in e.serievarden} <= set(SERIER) else 0)
    return 0


def kanna_kolumner(ram: pl.DataFrame, kanda: Mapping[str, Callable[[list[str]], Collection[str]]] | None = None,
                   tvingade: Mapping[str, str] | None = None) -> tuple[dict[str, Beslut], dict[str, Egenskaper]]:
    """Fält → kolumn. `kanda` ger per fält ('enhet', 'konto') en funktion som av en lista koder lämnar de som
    konfigurationen känner (organisationens kostnadsställen, kontona med en rad i kostnadsslagen), så att koderna
    avgör; `tvingade` är användarens egna val (--kolumn)."""
    kanda = kanda or {}
    tvingade = dict(tvingade or {})
    egen = {c: egenskaper(ram[c]) for c in ram.columns}
    andelar: dict[tuple[str, str], float | None] = {}

    def traff(falt: str, e: Egenskaper) -> float | None:
        if (falt, e.namn) in andelar:
            return andelar[(falt, e.namn)]
        k = kanda.get(falt)
        varden = _som_text(ram[e.namn].drop_nulls().head(_PROV)).str.strip_chars().unique().to_list()
        andel = None if k is None or not varden else len(set(k(varden)) & set(varden)) / len(varden)
        andelar[(falt, e.namn)] = andel
        return andel

    poang = {(f, c): _poang(f, e, ram.height, traff) for f in FALT for c, e in egen.items()}
    val: dict[str, Beslut] = {}
    tagna: set[str] = set(tvingade.values())
    for falt, kolumn in tvingade.items():
        val[falt] = Beslut(kolumn, "angiven med --kolumn")
    # Det säkraste paret först, så att en tydlig period eller ett tydligt belopp inte tas av ett annat fält.
    for (falt, kolumn), p in sorted(poang.items(), key=lambda x: -x[1]):
        if falt in val or kolumn in tagna or p <= 0:
            continue
        andra = sorted((q, c) for (f, c), q in poang.items() if f == falt and c != kolumn and c not in tagna
                       and q > 0)
        val[falt] = _beslut(falt, kolumn, egen[kolumn], p, andra[-1] if andra else None, traff)
        tagna.add(kolumn)
    for falt in FALT:
        if falt not in val:
            val[falt] = _saknas(falt, egen)
    return {f: val[f] for f in FALT}, egen


def _beslut(falt: str, kolumn: str, e: Egenskaper, p: float, tvaa: tuple[float, str] | None,
            traff: Callable[[str, Egenskaper], float | None]) -> Beslut:
    skal = {
        "period": f"perioder som '{e.exempel}'" + (f" ({e.periodformat})" if e.periodformat != "datum" else
                                                    " (datum)"),
        "belopp": f"tal som '{e.exempel}'" + (" med decimaler" if e.decimaler else "") + (
            " och minustecken" if e.negativa else ""),
        "enhet": f"{e.unika} olika koder, t.ex. '{e.exempel}'" if e.unika > 1 else f"koden '{e.exempel}'",
        "konto": f"{e.unika} olika koder, t.ex. '{e.exempel}'" if e.unika > 1 else f"koden '{e.exempel}'",
        "serie": f"värdena {', '.join(e.serievarden)}",
    }[falt]
    andel = traff(falt, e) if falt in ("enhet", "konto") else None
    if andel is not None:
        var = "organisationen" if falt == "enhet" else "kostnadsslagen"
        if e.unika == 1:
            skal += f"; den finns {'' if andel else 'inte '}i {var}"
        else:
            skal += f"; {andel:.0%} av dem finns i {var}".replace("%", " %")
    if falt == "serie" and not set(e.serievarden) <= set(SERIER):
        return Beslut(kolumn, f"{skal}, men rapportverk känner bara serierna {', '.join(SERIER)}; skriv värdena så "
                      "i exporten, eller dela filen per serie", saker=False, flagga="--serie")
    if tvaa is not None and p - tvaa[0] < 2:
        return Beslut(kolumn, f"{skal}; kolumnen '{tvaa[1]}' skulle också kunna vara {FALTNAMN[falt]}", saker=False,
                      flagga=f"--kolumn {falt}=KOLUMN")
    return Beslut(kolumn, skal)


def _saknas(falt: str, egen: Mapping[str, Egenskaper]) -> Beslut:
    if falt == "serie":
        return Beslut(None, "ingen kolumn säger utfall eller budget")
    namnlika = [e for e in egen.values() if _namnpoang(falt, e.namn)]
    if falt == "period" and namnlika and namnlika[0].period_okant:
        e = namnlika[0]
        return Beslut(None, f"kolumnen '{e.namn}' har perioder som '{e.exempel}' ({e.period_okant}), som rapportverk "
                      "inte läser; exportera perioden som ÅÅÅÅ-MM, ÅÅÅÅMM eller ett datum", saker=False)
    if namnlika:
        e = namnlika[0]
        return Beslut(None, f"kolumnen '{e.namn}' har värden som '{e.exempel}', som inte ser ut som "
                      f"{FALTNAMN[falt]}", saker=False, flagga=f"--kolumn {falt}=KOLUMN")
    return Beslut(None, f"ingen kolumn ser ut som {FALTNAMN[falt]}", saker=False, flagga=f"--kolumn {falt}=KOLUMN")


def kanna_serie(namn: str, kolumn: Beslut) -> Beslut:
    """Serien för hela filen när ingen kolumn säger den: ur fil-, blad- eller tabellnamnet."""
    if kolumn.varde is not None:
        return Beslut(None, f"kolumnen '{kolumn.varde}' säger serien", saker=kolumn.saker, flagga=kolumn.flagga)
    n = namn.translate(_ASCII).lower()
    if "budget" in n:
        return Beslut("budget", f"namnet '{namn}' säger budget")
    if re.search(r"utfall|huvudbok|hb|ledger|bokf|redovisning|resultat", n):
        return Beslut("utfall", f"namnet '{namn}' säger utfall")
    return Beslut("utfall", f"varken en kolumn eller namnet '{namn}' säger om det är utfall eller budget; utfall "
                  "är antaget", saker=False, flagga="--serie")
