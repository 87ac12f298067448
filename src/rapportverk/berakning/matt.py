"""Måtten (DESIGN §4), vart och ett deklarerat en gång.

Ett mått är en linjär summa av operander; en operand är en bassumma (`Bas`: en kolumn i en källa, summerad över
en serie och ett fönster av månader) eller en kvot av två sådana summor. Allt annat härleds ur deklarationen:
bassummornas aggregering (`bassummor`), radfiltren (`Bas.manader`), måttets Polars-uttryck över de oavrundade
bassummorna (`Matt.uttryck`), termerna som `rapport forklara` visar och referensens måttlista (dokumentation.py).

Bassummorna summeras per rad och för summarader; varje mått räknas sedan från de oavrundade summorna — en procent
i en summarad räknas alltså aldrig från rader.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import polars as pl

from rapportverk.berakning.modell import Kolumntyp
from rapportverk.period import Period

Fonster = Literal["manad", "manad_fg", "ack", "ack_fg", "ar", "ar_fg", "r12", "r12_fg"]
Kalla = Literal["huvudbok", "prognos", "budgetomfordelningar", "personal", "atgarder", "investeringar"]
# Fönstrets första och sista månad för rapportperioden P (fg = samma månad ett år tidigare).
FONSTER: dict[str, Callable[[Period], tuple[Period, Period]]] = {
    "manad": lambda p: (p, p),
    "manad_fg": lambda p: (p.fg, p.fg),
    "ack": lambda p: (Period(p.ar, 1), p),
    "ack_fg": lambda p: (Period(p.fg.ar, 1), p.fg),
    "ar": lambda p: (Period(p.ar, 1), Period(p.ar, 12)),
    "ar_fg": lambda p: (Period(p.fg.ar, 1), Period(p.fg.ar, 12)),
    "r12": lambda p: (p.plus_manader(-11), p),
    "r12_fg": lambda p: (p.plus_manader(-23), p.plus_manader(-12)),
}


@dataclass(frozen=True)
class Bas:
    """En additiv bassumma: kolumnen `falt` i källan `kalla`, summerad över raderna i fönstrets månader (och, i
    huvudboken, med serien `serie`). Utan fönster är talet inmatat och läggs på av tabellen (prognosavvikelsen).
    Med `grund` är bassumman grunden gånger (1 − tabellens minskning): reduktionsplanen."""

    namn: str
    benamning: str
    kalla: Kalla = "huvudbok"
    falt: str = "belopp"
    serie: str | None = None
    fonster: Fonster | None = None
    enhet: str = "kr"
    grund: Bas | None = None

    @property
    def summerad(self) -> bool:
        """Tabellen summerar den själv ur källans rader (inte inmatad, inte räknad ur en annan bassumma)."""
        return self.fonster is not None and self.grund is None

    def manader(self, period: Period) -> tuple[Period, Period]:
        """Första och sista månaden som bassumman summerar."""
        assert self.fonster is not None, self.namn
        return FONSTER[self.fonster](period)

    def aggregat(self, period: Period) -> pl.Expr:
        """Summan över källans rader i fönstret (och serien)."""
        fran, till = self.manader(period)
        villkor = pl.col("period").is_between(fran.forsta_dag, till.forsta_dag)
        if self.serie is not None:
            villkor = (pl.col("serie") == self.serie) & villkor
        return pl.col(self.falt).filter(villkor).sum().alias(self.namn)

    def uttryck(self) -> pl.Expr:
        if self.grund is not None:
            return pl.col(self.grund.namn) * (1 - pl.col("minskning"))
        return pl.col(self.namn)

    def __add__(self, annan: Operand | Summa) -> Summa:
        return Summa(((self, 1),)) + annan

    def __sub__(self, annan: Operand | Summa) -> Summa:
        return Summa(((self, 1),)) - annan


@dataclass(frozen=True)
class Kvot:
    """taljare / namnare. `andel`: × 100 med nämnarens absolutbelopp (en budget för kostnader är negativ);
    `utveckling`: (taljare / namnare − 1) × 100. Tom (null) när nämnaren är 0; med `positiv` (timmar, personer)
    också när den är negativ, och då utan absolutbelopp."""

    taljare: Summa
    namnare: Summa
    slag: Literal["andel", "utveckling"]
    positiv: bool = False

    def uttryck(self) -> pl.Expr:
        t, n = self.taljare.uttryck(), self.namnare.uttryck()
        if self.positiv:
            return pl.when(n > 0).then(t / n * 100)
        if self.slag == "andel":
            return pl.when(n != 0).then(t / n.abs() * 100).otherwise(None)
        return pl.when(n != 0).then((t / n - 1) * 100).otherwise(None)

    def __add__(self, annan: Operand | Summa) -> Summa:
        return Summa(((self, 1),)) + annan

    def __sub__(self, annan: Operand | Summa) -> Summa:
        return Summa(((self, 1),)) - annan


Operand = Bas | Kvot


@dataclass(frozen=True)
class Summa:
    """Σ koefficient × operand, i deklarationens ordning."""

    delar: tuple[tuple[Operand, int], ...]

    def __add__(self, annan: Operand | Summa) -> Summa:
        return Summa(self.delar + _summa(annan).delar)

    def __sub__(self, annan: Operand | Summa) -> Summa:
        return Summa(self.delar + tuple((o, -k) for o, k in _summa(annan).delar))

    def uttryck(self) -> pl.Expr:
        # a − b skrivs som subtraktion (inte a + b × −1), så att uttrycket är det som alltid har räknat måtten.
        (forsta, k), *resten = self.delar
        ut = forsta.uttryck() if k == 1 else forsta.uttryck() * k
        for o, k in resten:
            if k == 1:
                ut = ut + o.uttryck()
            elif k == -1:
                ut = ut - o.uttryck()
            else:
                ut = ut + o.uttryck() * k
        return ut

    @property
    def baser(self) -> tuple[Bas, ...]:
        """Bassummorna i summan, också inne i kvoter och under en reduktionsplan, var och en en gång."""
        ut: list[Bas] = []
        for o, _k in self.delar:
            delar = [o] if isinstance(o, Bas) else [*o.taljare.baser, *o.namnare.baser]
            for b in delar:
                ut.extend(x for x in (b.grund, b) if x is not None)
        return tuple(dict.fromkeys(ut))


def _summa(o: Operand | Summa) -> Summa:
    return o if isinstance(o, Summa) else Summa(((o, 1),))


def andel(taljare: Operand | Summa, namnare: Operand | Summa, positiv: bool = False) -> Kvot:
    return Kvot(_summa(taljare), _summa(namnare), "andel", positiv)


def utveckling(nu: Operand | Summa, fore: Operand | Summa) -> Kvot:
    return Kvot(_summa(nu), _summa(fore), "utveckling")


@dataclass(frozen=True)
class Matt:
    """Ett mått: nyckeln i konfigurationen, standardrubriken (en mall, se formatering.rubrik), typen, formeln i
    ord (docs/referens/matt.md och forklara) och formeln själv (`summa`)."""

    nyckel: str
    rubrik: str
    typ: Kolumntyp
    formel: str
    summa: Summa
    decimaler: int | None = None

    def __init__(self, nyckel: str, rubrik: str, typ: Kolumntyp, formel: str, summa: Operand | Summa,
                 decimaler: int | None = None) -> None:
        for namn, varde in (("nyckel", nyckel), ("rubrik", rubrik), ("typ", typ), ("formel", formel),
                            ("summa", _summa(summa)), ("decimaler", decimaler)):
            object.__setattr__(self, namn, varde)

    def uttryck(self) -> pl.Expr:
        """Måttet ur bassummornas kolumner (och `minskning` för en reduktionsplan)."""
        return self.summa.uttryck()

    @property
    def kvot(self) -> Kvot | None:
        """Kvoten, när måttet är en enda kvot."""
        ((o, k), *resten) = self.summa.delar
        return o if isinstance(o, Kvot) and k == 1 and not resten else None

    @property
    def linjar(self) -> bool:
        """En summa av bassummor (ingen kvot)."""
        return all(isinstance(o, Bas) for o, _k in self.summa.delar)

    @property
    def baser(self) -> tuple[Bas, ...]:
        return self.summa.baser


def summerade(matt: Iterable[Matt], kalla: Kalla | None = None) -> tuple[Bas, ...]:
    """Bassummorna som tabellen summerar ur källans rader för måtten, i deklarationens ordning."""
    return tuple(dict.fromkeys(b for m in matt for b in m.baser if b.summerad and kalla in (None, b.kalla)))


def bassummor(period: Period, baser: Iterable[Bas] | None = None) -> list[pl.Expr]:
    """Bassummornas aggregat (huvudbokens, om inget annat anges); ramen ska ha kolumnerna period och fälten (och
    serie för huvudboken)."""
    return [b.aggregat(period) for b in (HUVUDBOKSBASER if baser is None else baser)]




# --- Bassummorna ------------------------------------------------------------------------------------------------

UTFALL_M = Bas("utfall_m", "utfall för månaden", serie="utfall", fonster="manad")
BUDGET_M = Bas("budget_m", "budget för månaden", serie="budget", fonster="manad")
UTFALL_M_FG = Bas("utfall_m_fg", "utfall samma månad föregående år", serie="utfall", fonster="manad_fg")
ACK_UTFALL = Bas("ack_utfall", "ack utfall", serie="utfall", fonster="ack")
ACK_BUDGET = Bas("ack_budget", "ack budget", serie="budget", fonster="ack")
ACK_UTFALL_FG = Bas("ack_utfall_fg", "ack utfall föregående år", serie="utfall", fonster="ack_fg")
ARSBUDGET = Bas("arsbudget", "årsbudget", serie="budget", fonster="ar")
R12 = Bas("r12", "utfall rullande tolv månader", serie="utfall", fonster="r12")
R12_FG = Bas("r12_fg", "utfall rullande tolv månader ett år tidigare", serie="utfall", fonster="r12_fg")
# Ingående balans (serie ib) för året och för föregående år: balanskontonas saldo vid årets början.
IB = Bas("ib", "ingående balans", serie="ib", fonster="ar")
IB_FG = Bas("ib_fg", "ingående balans föregående år", serie="ib", fonster="ar_fg")
# Reduktionsplanen: ack utfall föregående år × (1 − minskning), där minskningen anges per tabell.
PLAN = dataclasses.replace(ACK_UTFALL_FG, namn="plan", benamning="reduktionsplan", grund=ACK_UTFALL_FG)
PROGNOS_AVVIKELSE = Bas("prognos_avvikelse", "prognosavvikelse (inmatad)", kalla="prognos")
OMFORDELAT = Bas("omfordelat", "budgetomfördelningar (inmatade)", kalla="budgetomfordelningar", fonster="ack")


def _inmatad(kalla: Kalla, falt: str, benamning: str) -> Bas:
    """Ett tal per rad och rapportmånad i en inmatad fil (åtgärder, investeringar)."""
    return Bas(falt, benamning, kalla, falt, fonster="manad")


PLAN_HELAR = _inmatad("atgarder", "plan_helar", "planerad effekt för hela året")
EFFEKT_ACK = _inmatad("atgarder", "effekt_ack", "bedömd effekt t.o.m. perioden")
PLAN_ACK = _inmatad("atgarder", "plan_ack", "planerad effekt t.o.m. perioden")
INV_UTFALL = _inmatad("investeringar", "utfall_ack", "investeringsutgift januari t.o.m. perioden")
INV_PROGNOS = _inmatad("investeringar", "prognos", "prognos för helåret")
INV_ARSBUDGET = _inmatad("investeringar", "arsbudget", "investeringsbudget för året")

_PERSONALFALT = {"anstallda": ("anställda", "personer"), "sjuk_timmar": ("sjuktimmar", "timmar"),
                 "ordinarie_timmar": ("ordinarie timmar", "timmar"),
                 "utan_sjukfranvaro": ("anställda utan sjukdag i år", "personer")}


def _personal(falt: str, fonster: Fonster) -> Bas:
    benamning, enhet = _PERSONALFALT[falt]
    return Bas(f"{falt}_{fonster}", benamning, "personal", falt, fonster=fonster, enhet=enhet)


ANST, ANST_FG = _personal("anstallda", "manad"), _personal("anstallda", "manad_fg")
SJUK, ORD = _personal("sjuk_timmar", "manad"), _personal("ordinarie_timmar", "manad")
SJUK_FG, ORD_FG = _personal("sjuk_timmar", "manad_fg"), _personal("ordinarie_timmar", "manad_fg")
SJUK_ACK, ORD_ACK = _personal("sjuk_timmar", "ack"), _personal("ordinarie_timmar", "ack")
SJUK_ACK_FG, ORD_ACK_FG = _personal("sjuk_timmar", "ack_fg"), _personal("ordinarie_timmar", "ack_fg")
UTAN = _personal("utan_sjukfranvaro", "manad")


def _sjukfranvaro(sjuk: Bas, ordinarie: Bas) -> Kvot:
    """Sjuktimmar / ordinarie timmar × 100 — alltid från summor av timmar, aldrig ett medelvärde av procent."""
    return andel(sjuk, ordinarie, positiv=True)


# --- Måtten, per tabelltyp ----------------------------------------------------------------------------------------


def _register(*matt: Matt) -> dict[str, Matt]:
    return {m.nyckel: m for m in matt}


MATT = _register(
    Matt("utfall", "Utfall {man} {ar}", "belopp", "utfall för månaden", UTFALL_M),
    Matt("budget", "Budget {man} {ar}", "belopp", "budget för månaden", BUDGET_M),
    Matt("avvikelse", "Budgetavvikelse {man} {ar}", "belopp", "utfall − budget för månaden", UTFALL_M - BUDGET_M),
    Matt("utfall_fg", "Utfall {man} {fg_ar}", "belopp", "utfall för samma månad föregående år", UTFALL_M_FG),
    Matt("ack_utfall", "Ack utfall {ar}", "belopp", "utfall januari t.o.m. perioden", ACK_UTFALL),
    Matt("ack_budget", "Ack budget {ar}", "belopp", "budget januari t.o.m. perioden", ACK_BUDGET),
    Matt("ack_avvikelse", "Ack budgetavvikelse", "belopp", "ack utfall − ack budget", ACK_UTFALL - ACK_BUDGET),
    Matt("ack_avvikelse_procent", "Ack budgetavvikelse %", "procent",
         "ack avvikelse / abs(ack budget) × 100 (tomt när ack budget är 0)",
         andel(ACK_UTFALL - ACK_BUDGET, ACK_BUDGET), 1),
    Matt("ack_utfall_fg", "Ack utfall föreg. år", "belopp", "utfall samma månader föregående år", ACK_UTFALL_FG),
    Matt("nettokostnadsutveckling", "Nettokostnadsutveckling %", "procent",
         "(ack utfall / ack utfall föreg. år − 1) × 100", utveckling(ACK_UTFALL, ACK_UTFALL_FG), 1),
    Matt("arsbudget", "Årsbudget {ar}", "belopp", "budget för hela året", ARSBUDGET),
    Matt("prognos", "Prognos helår {ar}", "belopp", "årsbudget + prognos avvikelse", ARSBUDGET + PROGNOS_AVVIKELSE),
    Matt("prognos_avvikelse", "Prognos avvikelse helår", "belopp",
         "prognos − årsbudget (lämnas som avvikelse eller som helårsutfall)", PROGNOS_AVVIKELSE),
    Matt("r12", "Utfall R12", "belopp", "utfall för de tolv månaderna t.o.m. perioden", R12),
    Matt("r12_procent", "R12 förändring %", "procent", "(R12 / R12 tolv månader tidigare − 1) × 100",
         utveckling(R12, R12_FG), 1),
    Matt("reduktionsplan", "Ack plan {ar}", "belopp",
         "ack utfall föreg. år × (1 − minskning); minskningen anges per tabell", PLAN),
    Matt("diff_mot_plan", "Diff mot plan {ar}", "belopp", "ack utfall − reduktionsplan", ACK_UTFALL - PLAN),
    Matt("diff_mot_fg", "Diff mot utfall {fg_ar}", "belopp", "ack utfall − ack utfall föreg. år",
         ACK_UTFALL - ACK_UTFALL_FG),
    Matt("saldo", "{slutdatum}", "belopp", "ingående balans + utfall januari t.o.m. perioden (balanskonton)",
         IB + ACK_UTFALL),
    Matt("ingaende_saldo", "{fg_bokslut}", "belopp", "ingående balans för året = saldo vid föregående års slut", IB),
    Matt("saldo_fg", "{fg_slutdatum}", "belopp", "saldo vid samma periods slut föregående år", IB_FG + ACK_UTFALL_FG),
    Matt("forandring_mot_plan_procent", "Förändring mot plan %", "procent", "(ack utfall / reduktionsplan − 1) × 100",
         utveckling(ACK_UTFALL, PLAN), 0),
)
# Uppställningar känner också budgetomfördelningarna per nämnd (bassumman omfordelat).
UPPSTALLNINGSMATT = {**MATT, **_register(Matt(
    "ursprunglig_arsbudget", "Ursprunglig budget {ar}", "belopp",
    "årsbudget före årets budgetomfördelningar t.o.m. perioden (visas bara när någon rad har omfördelningar)",
    ARSBUDGET + OMFORDELAT))}
# Mått för tabeller som inte räknas från huvudboken.
ATGARDSMATT = _register(
    Matt("plan_helar", "Total plan {ar}", "belopp", "planerad effekt för hela året", PLAN_HELAR),
    Matt("effekt_ack", "Summa effekt", "belopp", "bedömd effekt t.o.m. perioden", EFFEKT_ACK),
    Matt("plan_ack", "Summa plan", "belopp", "planerad effekt t.o.m. perioden", PLAN_ACK),
    Matt("effekt_procent", "Summa effekt %", "procent", "summa effekt / summa plan × 100",
         andel(EFFEKT_ACK, PLAN_ACK), 0),
)
INVESTERINGSMATT = _register(
    Matt("utfall_ack", "Utfall t.o.m. {man} {ar}", "belopp", "investeringsutgift januari t.o.m. perioden", INV_UTFALL),
    Matt("prognos", "Prognos {ar}", "belopp", "prognos för helåret", INV_PROGNOS),
    Matt("arsbudget", "Årsbudget {ar}", "belopp", "investeringsbudget för året", INV_ARSBUDGET),
    Matt("prognos_avvikelse", "Prognos avvikelse", "belopp", "årsbudget − prognos (positivt = under budget)",
         INV_ARSBUDGET - INV_PROGNOS),
)
PERSONALMATT = _register(
    Matt("anstallda", "Anställda {man} {ar}", "antal", "månadsavlönade anställda i månaden", ANST),
    Matt("anstallda_fg", "Anställda {man} {fg_ar}", "antal", "samma månad föregående år", ANST_FG),
    Matt("forandring", "Förändring", "antal", "anställda − anställda föreg. år", ANST - ANST_FG),
    Matt("sjukfranvaro", "Sjukfrånvaro {man} %", "procent", "sjuktimmar / ordinarie timmar × 100",
         _sjukfranvaro(SJUK, ORD), 1),
    Matt("sjukfranvaro_fg", "Sjukfrånvaro {man} {fg_ar} %", "procent", "samma månad föregående år",
         _sjukfranvaro(SJUK_FG, ORD_FG), 1),
)
SJUKFRANVAROMATT = _register(
    Matt("sjukfranvaro_ack", "Sjukfrånvaro jan–{man} {ar} %", "procent",
         "sjuktimmar / ordinarie timmar × 100, januari t.o.m. perioden", _sjukfranvaro(SJUK_ACK, ORD_ACK), 1),
    Matt("sjukfranvaro_ack_fg", "Sjukfrånvaro jan–{man} {fg_ar} %", "procent", "samma månader föregående år",
         _sjukfranvaro(SJUK_ACK_FG, ORD_ACK_FG), 1),
    Matt("forandring_procentenheter", "Förändring, procentenheter", "procent",
         "sjukfrånvaro i år − sjukfrånvaro föregående år (procentenheter, från oavrundade värden)",
         _sjukfranvaro(SJUK_ACK, ORD_ACK) - _sjukfranvaro(SJUK_ACK_FG, ORD_ACK_FG), 1),
    Matt("andel_utan_sjukfranvaro", "Utan sjukfrånvaro {man} {ar} %", "procent",
         "anställda utan någon sjukdag i år t.o.m. perioden / anställda i månaden × 100",
         andel(UTAN, ANST, positiv=True), 1),
    Matt("anstallda", "Anställda {man} {ar}", "antal", "månadsavlönade anställda i månaden", ANST),
)
OMFORDELNINGSMATT = _register(Matt("belopp", "mkr", "belopp", "beslutad omfördelning", OMFORDELAT))
MATT_PER_TYP = {"matt": MATT, "atgarder": ATGARDSMATT, "budgetomfordelningar": OMFORDELNINGSMATT,
                "uppstallning": UPPSTALLNINGSMATT, "investeringar": INVESTERINGSMATT, "personal": PERSONALMATT,
                "sjukfranvaro": SJUKFRANVAROMATT}

# Huvudbokens bassummor: de som något huvudboksmått summerar, i deklarationens ordning.
HUVUDBOKSBASER = summerade(UPPSTALLNINGSMATT.values(), "huvudbok")
BASSUMMOR = tuple(b.namn for b in HUVUDBOKSBASER)
