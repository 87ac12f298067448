"""Tabellernas layout: kolumnbredder, radernas stil, vad som hålls ihop, och kolumnrubrikernas sammanslagning och
avstavning. Bestäms här en gång och står i modellen; DOCX och PDF översätter fälten (DESIGN §2, en layout).
"""

from __future__ import annotations

import dataclasses
import functools
from itertools import pairwise

from rapportverk.dokument.modell import Huvudcell, Tabell, Tabellrad, avstavade_led

# En tabell med högst så många rader delas inte mellan sidor: den flyttas hel, med sin rubrik, till nästa sida i
# stället för att lämna en ensam rad kvar. Längre tabeller delas mellan rader och upprepar rubrikraderna.
KORT_TABELL = 25

# Siffertabeller: radrubrikerna får det mesta av bredden, värdekolumnerna lika delar, så att siffrorna står i jämna
# kolumner i stället för att en lång kolumnrubrik (Nettokostnadsutveckling %) tar platsen. Procent av textbredden.
FORSTA_KOLUMN_MINST = 30
PER_VARDEKOLUMN = 11

FETA_RADER = frozenset({"summa", "delsumma", "rubrik"})

# Långa sammansättningar i kolumnrubriker avstavas, men inte så att korta stavelser hänger löst: ord kortare än
# AVSTAVA_FRAN tecken avstavas inte, och minst AVSTAVA_KANT tecken står före och efter bindestrecket.
AVSTAVA_FRAN = 8
AVSTAVA_KANT = 4
# Ett led i en känd sammansättning avstavas inom sig bara när det är så här långt: annars bryts "Budgetavvikelse" som
# "Budgetav-vikelse" när ledet "avvikelse" hade fått plats på raden under, och LibreOffice och WeasyPrint väljer
# olika bland punkterna.
LANGT_LED = 10


@functools.cache
def _ordlista():
    """pyphens svenska ordlista, läst först när ett långt ord ska avstavas (att läsa den kostar 50 ms vid start)."""
    try:  # pyphen följer med WeasyPrint; utan den avstavas inga kolumnrubriker (bara bredare kolumner)
        import pyphen
    except ImportError:  # pragma: no cover
        return None
    return pyphen.Pyphen(lang="sv_SE", left=AVSTAVA_KANT, right=AVSTAVA_KANT)


# Sammansättningarna i ekonomirapporternas kolumnrubriker, med | i fogarna. Ordlistan ovan känner inte fogarna och
# delar "Budgetavvikelse" som "Budge-tavvikelse"; ett ord som börjar som en av dessa (också förkortat, "Budgetavv")
# delas bara i fogarna. Konfigurationen lägger till egna (`avstavning:`).
SAMMANSATTNINGAR = (
    "budget|avvikelse", "prognos|avvikelse", "netto|kostnads|utveckling", "kostnads|utveckling",
    "netto|kostnad", "helårs|prognos", "års|budget", "års|prognos", "budget|omfördelning", "reduktions|plan",
    "personal|kostnader", "verksamhets|kostnader", "verksamhets|intäkter", "sjuk|frånvaro", "sjuk|frånvaron",
    "investerings|utgift", "investerings|utgifter", "investerings|budget", "finans|netto", "skatte|intäkter",
    "utfalls|prognos", "före|gående", "region|direktör", "kostnads|slag", "del|område", "mål|värde",
    "mål|uppfyllelse", "års|arbetare", "helårs|utfall",
    "bokslut|prognos", "avvikelse|procent", "procent|enheter", "av|vikelse", "ut|veckling",
)


def ordna_tabell(t: Tabell, sammansattningar: tuple[str, ...] = SAMMANSATTNINGAR) -> Tabell:
    """Tabellen med layoutens fält ifyllda. `sammansattningar`: orden med | i fogarna som kolumnrubrikerna
    avstavas i."""
    t = utan_tomma_kolumner(t)
    bryt_text = t.bredder is not None
    return dataclasses.replace(
        t, huvud=_huvud(t.huvud, sammansattningar), rader=_rader(t.rader), bryt_text=bryt_text,
        bredder=t.bredder if t.bredder is not None else siffertabellens_bredder(len(t.justering)),
        hall_ihop=len(t.rader) <= KORT_TABELL)


def _tomma_kolumner(t: Tabell) -> tuple[list[int], list[str]]:
    """Värdekolumnerna som är tomma på varje rad: index och namn (kolumnrubriken närmast värdena)."""
    varden = [r for r in t.rader if r.typ != "rubrik"]
    tomma = [c for c in range(1, len(t.justering)) if varden and all(not r.celler[c].strip() for r in varden)]
    namn = []
    for c in tomma:
        texter = [x for x in kolumntexter(t.huvud, c) if x and x != "\0"]
        namn.append(texter[-1] if texter else f"kolumn {c + 1}")
    return tomma, namn


def _uppraknat(namn: list[str]) -> str:
    return namn[0] if len(namn) == 1 else ", ".join(namn[:-1]) + " och " + namn[-1]


def utelamnad_tabell(t: Tabell, tom_text: str | None = None) -> str | None:
    """Meningen som står i stället för en tabell där fler än hälften av värdekolumnerna är tomma på varje rad (en
    prognostabell innan någon prognos har lämnats visar annars bara budgeten), annars None: `tom_text` (tabellens
    i konfigurationen) om den finns, annars en mening med tabellens namn och kolumnerna."""
    tomma, namn = _tomma_kolumner(t)
    if len(t.justering) < 3 or 2 * len(tomma) <= len(t.justering) - 1:
        return None
    if tom_text:
        return tom_text
    return (f"Tabellen {t.rubrik} visas inte: kolumnerna {_uppraknat(namn)} är tomma på varje rad." if t.rubrik
            else f"Tabellen visas inte: kolumnerna {_uppraknat(namn)} är tomma på varje rad.")


def utan_tomma_kolumner(t: Tabell) -> Tabell:
    """Tabellen utan kolumner som är tomma på varje rad (t.ex. Analys när ingen analys har lämnats), med en not
    under tabellen som säger vilka som utelämnats: en tom kolumn ser ut som ett fel, en not säger varför."""
    tomma, namn = _tomma_kolumner(t)
    if not tomma:
        return t
    huvud = t.huvud
    for c in reversed(tomma):
        huvud = tuple(_utan_kolumn(rad, c) for rad in huvud)
    behall = [c for c in range(len(t.justering)) if c not in tomma]
    bredder = None
    if t.bredder is not None:
        kvar = [t.bredder[c] for c in behall]
        bredder = tuple(round(b * 100 / sum(kvar), 2) for b in kvar)
    rader = tuple(dataclasses.replace(r, celler=tuple(r.celler[c] for c in behall)) for r in t.rader)
    lista = _uppraknat(namn)
    not_ = (f"Kolumnen {lista} visas inte: den är tom på varje rad." if len(namn) == 1
            else f"Kolumnerna {lista} visas inte: de är tomma på varje rad.")
    return dataclasses.replace(t, huvud=huvud, rader=rader, justering=tuple(t.justering[c] for c in behall),
                               bredder=bredder, noter=(*t.noter, not_))


def _utan_kolumn(rad: tuple[Huvudcell, ...], pos: int) -> tuple[Huvudcell, ...]:
    """Rubrikraden utan kolumn `pos`: en cell som spänner över den blir en kolumn smalare, annars tas cellen bort."""
    ut, p = [], 0
    for c in rad:
        if p <= pos < p + c.spann:
            if c.spann > 1:
                ut.append(dataclasses.replace(c, spann=c.spann - 1))
        else:
            ut.append(c)
        p += c.spann
    return tuple(ut)


def siffertabellens_bredder(n: int) -> tuple[float, ...]:
    """Radrubrikerna max(30 %, 100 − 11 % per värdekolumn), värdekolumnerna lika delar av resten."""
    if n < 2:
        return (100.0,)
    forsta = max(FORSTA_KOLUMN_MINST, 100 - PER_VARDEKOLUMN * (n - 1))
    return (float(forsta), *(round((100 - forsta) / (n - 1), 2) for _ in range(n - 1)))


def _rader(rader: tuple[Tabellrad, ...]) -> tuple[Tabellrad, ...]:
    ut = []
    for i, rad in enumerate(rader):
        nasta = rader[i + 1].typ if i + 1 < len(rader) else None
        ut.append(dataclasses.replace(
            rad, fet=rad.typ in FETA_RADER, kursiv=rad.typ == "varav", linje_over=rad.typ == "summa",
            # En varav-rad delar upp raden ovanför: den står minst ett steg in, också på översta nivån.
            indrag=max(rad.niva, 1) if rad.typ == "varav" else rad.niva,
            # En grupprubrik står inte ensam sist på en sida, en varav-rad följer med raden den delar upp, första
            # raden följer med rubrikraderna, och summaraden sist står inte ensam under upprepade rubrikrader.
            hall_ihop=rad.typ == "rubrik" or nasta == "varav" or (i == 0 and nasta is not None)
            or (nasta == "summa" and i + 2 == len(rader))))
    return tuple(ut)


def _huvud(huvud: tuple[tuple[Huvudcell, ...], ...], sammansattningar: tuple[str, ...]
           ) -> tuple[tuple[Huvudcell, ...], ...]:
    """Kolumner som har text i bara en av flera rubrikrader slås ihop lodrätt: ingen tom rubrikcell, och varje
    värdecell får sin kolumnrubrik (skärmläsare). Texten står i den sammanslagna cellen."""
    sammanslagna = lodrata_sammanslagningar(huvud)
    rader = []
    for r, rad in enumerate(huvud):
        ut, pos = [], 0
        for c in rad:
            lage = sammanslagna.get((r, pos))
            if lage == "restart":
                text = next(t for t in kolumntexter(huvud, pos) if t)
                c = dataclasses.replace(c, text=text, radspann=len(huvud))
            elif lage == "continue":
                c = dataclasses.replace(c, text="", tackt=True)
            ut.append(dataclasses.replace(c, avstavning=avstavningspunkter(c.text, sammansattningar)))
            pos += c.spann
        rader.append(tuple(ut))
    return tuple(rader)


def kolumntexter(huvud: tuple[tuple[Huvudcell, ...], ...], pos: int) -> list[str]:
    """Texten i kolumn `pos` i varje rubrikrad ('\\0' för en cell som spänner över flera kolumner)."""
    ut = []
    for rad in huvud:
        p = 0
        for c in rad:
            if p == pos:
                ut.append(c.text if c.spann == 1 else "\0")
            p += c.spann
    return ut


def lodrata_sammanslagningar(huvud: tuple[tuple[Huvudcell, ...], ...]) -> dict[tuple[int, int], str]:
    """{(rad, kolumn): 'restart' | 'continue'}: en kolumn (spann 1 i alla rubrikrader) med text i högst en rad
    slås ihop lodrätt från första raden."""
    if len(huvud) < 2:
        return {}
    ut: dict[tuple[int, int], str] = {}
    bredd = sum(c.spann for c in huvud[0])
    for pos in range(bredd):
        texter = kolumntexter(huvud, pos)
        if len(texter) == len(huvud) and "\0" not in texter and sum(1 for x in texter if x) == 1:
            ut[(0, pos)] = "restart"
            for r in range(1, len(huvud)):
                ut[(r, pos)] = "continue"
    return ut


def avstavningspunkter(text: str, sammansattningar: tuple[str, ...] = SAMMANSATTNINGAR) -> tuple[int, ...]:
    """Var texten får brytas med bindestreck (index i texten), ord för ord: i en känd sammansättnings fogar, annars
    där ordlistan säger."""
    punkter, pos = [], 0
    for ord_ in text.split(" "):
        if len(ord_) >= AVSTAVA_FRAN:
            punkter.extend(pos + p for p in _punkter(ord_, sammansattningar))
        pos += len(ord_) + 1
    return tuple(punkter)


def _punkter(ord_: str, sammansattningar: tuple[str, ...]) -> list[int]:
    """Fogarna, och inom ett långt led (LANGT_LED; det kan vara en sammansättning i sin tur: ut-veckling) ordlistans
    punkter; aldrig en punkt över en fog (ut-veck-ling, inte Budge-tavv)."""
    fogar = _fogar(ord_, sammansattningar)
    if not fogar:
        ordlista = _ordlista() if len(ord_) >= AVSTAVA_FRAN else None
        return list(ordlista.positions(ord_)) if ordlista else []
    ut: list[int] = []
    for a, b in pairwise([0, *fogar, len(ord_)]):
        if b - a >= LANGT_LED:
            ut.extend(a + p for p in _punkter(ord_[a:b], sammansattningar))
        if b < len(ord_):
            ut.append(b)
    return ut


def _fogar(ord_: str, sammansattningar: tuple[str, ...]) -> list[int]:
    """Fogarna i ordet ur den sammansättning som ordet börjar som (längst gemensam början vinner). En fog räknas
    när minst tre tecken av efterleden står kvar i ordet, så att "Budgetavv" delas men inte "Budgeta"; förleden
    får vara två tecken (av-vikelse), eftersom fogen är utskriven i listan och inte gissad."""
    litet = ord_.lower()
    basta: list[int] = []
    langst = 0
    for s in sammansattningar:
        hel = s.replace("|", "").lower()
        gemensamt = next((i for i, (a, b) in enumerate(zip(litet, hel, strict=False)) if a != b),
                         min(len(litet), len(hel)))
        if gemensamt < min(len(litet), len(hel)):
            continue  # ordet är varken sammansättningen, en förkortning av den eller den med en ändelse
        fogar, p = [], 0
        for led in s.split("|")[:-1]:
            p += len(led)
            if p >= 2 and p + 3 <= len(litet):
                fogar.append(p)
        if fogar and gemensamt > langst:
            basta, langst = fogar, gemensamt
    return basta


def delar(text: str, punkter: tuple[int, ...]) -> list[str]:
    """Textens minsta delar på en rad: orden, delade vid avstavningspunkterna (med bindestrecket)."""
    ut: list[str] = []
    led = avstavade_led(text, punkter)
    for i, bit in enumerate(led):
        ord_ = bit.split(" ")
        if i + 1 < len(led):
            ord_[-1] += "-"  # ledet slutar mitt i ett ord: där står bindestrecket om raden bryts
        ut.extend(ord_)
    return ut
