"""Måtten (DESIGN §4) som Polars-uttryck över additiva bassummor.

Bassummorna (t.ex. ack_utfall, ack_budget) summeras per rad och för summarader; varje mått räknas
sedan från de oavrundade summorna — en procent i en summarad räknas alltså aldrig från rader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from rapportverk.period import Period

BASSUMMOR = ("utfall_m", "budget_m", "utfall_m_fg", "ack_utfall", "ack_budget", "ack_utfall_fg",
             "arsbudget", "r12", "r12_fg", "ib", "ib_fg")


def bassummor(period: Period) -> list[pl.Expr]:
    """Villkorade summor av belopp; ramen ska ha kolumnerna period, serie och belopp."""
    p, s, b = pl.col("period"), pl.col("serie"), pl.col("belopp")
    utfall, budget, ib = s == "utfall", s == "budget", s == "ib"

    def mellan(fran: Period, till: Period) -> pl.Expr:
        return p.is_between(fran.forsta_dag, till.forsta_dag)

    def summa(villkor: pl.Expr, namn: str) -> pl.Expr:
        return b.filter(villkor).sum().alias(namn)

    fg = period.fg
    return [
        summa(utfall & (p == period.forsta_dag), "utfall_m"),
        summa(budget & (p == period.forsta_dag), "budget_m"),
        summa(utfall & (p == fg.forsta_dag), "utfall_m_fg"),
        summa(utfall & mellan(Period(period.ar, 1), period), "ack_utfall"),
        summa(budget & mellan(Period(period.ar, 1), period), "ack_budget"),
        summa(utfall & mellan(Period(fg.ar, 1), fg), "ack_utfall_fg"),
        summa(budget & mellan(Period(period.ar, 1), Period(period.ar, 12)), "arsbudget"),
        summa(utfall & mellan(period.plus_manader(-11), period), "r12"),
        summa(utfall & mellan(period.plus_manader(-23), period.plus_manader(-12)), "r12_fg"),
        # Ingående balans (serie ib) för året och för föregående år: balanskontonas saldo vid årets början.
        summa(ib & (p.dt.year() == period.ar), "ib"),
        summa(ib & (p.dt.year() == fg.ar), "ib_fg"),
    ]


def _kvot(taljare: pl.Expr, namnare: pl.Expr) -> pl.Expr:
    """taljare / |namnare| × 100; odefinierad (null) när nämnaren är 0."""
    return pl.when(namnare != 0).then(taljare / namnare.abs() * 100).otherwise(None)


def _utveckling(nu: pl.Expr, fore: pl.Expr) -> pl.Expr:
    return pl.when(fore != 0).then((nu / fore - 1) * 100).otherwise(None)


c = pl.col


def _plan() -> pl.Expr:
    return c("ack_utfall_fg") * (1 - c("minskning"))


@dataclass(frozen=True)
class Matt:
    namn: str
    rubrik: str
    typ: str  # "belopp", "procent" eller "antal"
    formel: str
    uttryck: Callable[[], pl.Expr]
    decimaler: int | None = None


# Hur varje mått byggs av bassummor, för att förklara en cell (rapport forklara): en linjär summa
# (bassumma, koefficient), eller en kvot av två sådana. "plan" är ack utfall föreg. år × (1 − minskning).
TERMER: dict[str, tuple[tuple[str, float], ...]] = {
    "utfall": (("utfall_m", 1),), "budget": (("budget_m", 1),), "avvikelse": (("utfall_m", 1), ("budget_m", -1)),
    "utfall_fg": (("utfall_m_fg", 1),), "ack_utfall": (("ack_utfall", 1),), "ack_budget": (("ack_budget", 1),),
    "ack_avvikelse": (("ack_utfall", 1), ("ack_budget", -1)), "ack_utfall_fg": (("ack_utfall_fg", 1),),
    "arsbudget": (("arsbudget", 1),), "prognos": (("arsbudget", 1), ("prognos_avvikelse", 1)),
    "prognos_avvikelse": (("prognos_avvikelse", 1),), "r12": (("r12", 1),), "reduktionsplan": (("plan", 1),),
    "diff_mot_plan": (("ack_utfall", 1), ("plan", -1)), "diff_mot_fg": (("ack_utfall", 1), ("ack_utfall_fg", -1)),
    "saldo": (("ib", 1), ("ack_utfall", 1)), "ingaende_saldo": (("ib", 1),),
    "saldo_fg": (("ib_fg", 1), ("ack_utfall_fg", 1)),
    "ursprunglig_arsbudget": (("arsbudget", 1), ("omfordelat", 1)),
}
# Kvoter: (täljare, nämnare, slag); "andel" = täljare / |nämnare| × 100, "utveckling" = (täljare / nämnare − 1) × 100.
KVOTER: dict[str, tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...], str]] = {
    "ack_avvikelse_procent": ((("ack_utfall", 1), ("ack_budget", -1)), (("ack_budget", 1),), "andel"),
    "nettokostnadsutveckling": ((("ack_utfall", 1),), (("ack_utfall_fg", 1),), "utveckling"),
    "r12_procent": ((("r12", 1),), (("r12_fg", 1),), "utveckling"),
    "forandring_mot_plan_procent": ((("ack_utfall", 1),), (("plan", 1),), "utveckling"),
}


def basfilter(namn: str, period: Period) -> tuple[str, Period, Period] | None:
    """Serien och månaderna (från, till) som en bassumma summerar; None för inmatade tal (prognos)."""
    fg = period.fg
    return {
        "utfall_m": ("utfall", period, period), "budget_m": ("budget", period, period),
        "utfall_m_fg": ("utfall", fg, fg), "ack_utfall": ("utfall", Period(period.ar, 1), period),
        "ack_budget": ("budget", Period(period.ar, 1), period), "ack_utfall_fg": ("utfall", Period(fg.ar, 1), fg),
        "arsbudget": ("budget", Period(period.ar, 1), Period(period.ar, 12)),
        "r12": ("utfall", period.plus_manader(-11), period),
        "r12_fg": ("utfall", period.plus_manader(-23), period.plus_manader(-12)),
        "ib": ("ib", Period(period.ar, 1), Period(period.ar, 12)), "ib_fg": ("ib", Period(fg.ar, 1), Period(fg.ar, 12)),
        "plan": ("utfall", Period(fg.ar, 1), fg),
    }.get(namn)


MATT: dict[str, Matt] = {m.namn: m for m in [
    Matt("utfall", "Utfall {man} {ar}", "belopp", "utfall för månaden", lambda: c("utfall_m")),
    Matt("budget", "Budget {man} {ar}", "belopp", "budget för månaden", lambda: c("budget_m")),
    Matt("avvikelse", "Budgetavvikelse {man} {ar}", "belopp", "utfall − budget för månaden",
         lambda: c("utfall_m") - c("budget_m")),
    Matt("utfall_fg", "Utfall {man} {fg_ar}", "belopp", "utfall för samma månad föregående år",
         lambda: c("utfall_m_fg")),
    Matt("ack_utfall", "Ack utfall {ar}", "belopp", "utfall januari t.o.m. perioden", lambda: c("ack_utfall")),
    Matt("ack_budget", "Ack budget {ar}", "belopp", "budget januari t.o.m. perioden", lambda: c("ack_budget")),
    Matt("ack_avvikelse", "Ack budgetavvikelse", "belopp", "ack utfall − ack budget",
         lambda: c("ack_utfall") - c("ack_budget")),
    Matt("ack_avvikelse_procent", "Ack budgetavvikelse %", "procent",
         "ack avvikelse / abs(ack budget) × 100 (tomt när ack budget är 0)",
         lambda: _kvot(c("ack_utfall") - c("ack_budget"), c("ack_budget")), 1),
    Matt("ack_utfall_fg", "Ack utfall föreg. år", "belopp", "utfall samma månader föregående år",
         lambda: c("ack_utfall_fg")),
    Matt("nettokostnadsutveckling", "Nettokostnadsutveckling %", "procent",
         "(ack utfall / ack utfall föreg. år − 1) × 100", lambda: _utveckling(c("ack_utfall"), c("ack_utfall_fg")), 1),
    Matt("arsbudget", "Årsbudget {ar}", "belopp", "budget för hela året", lambda: c("arsbudget")),
    Matt("prognos", "Prognos helår {ar}", "belopp", "årsbudget + prognos avvikelse",
         lambda: c("arsbudget") + c("prognos_avvikelse")),
    Matt("prognos_avvikelse", "Prognos avvikelse helår", "belopp",
         "prognos − årsbudget (lämnas som avvikelse eller som helårsutfall)", lambda: c("prognos_avvikelse")),
    Matt("r12", "Utfall R12", "belopp", "utfall för de tolv månaderna t.o.m. perioden", lambda: c("r12")),
    Matt("r12_procent", "R12 förändring %", "procent",
         "(R12 / R12 tolv månader tidigare − 1) × 100", lambda: _utveckling(c("r12"), c("r12_fg")), 1),
    Matt("reduktionsplan", "Ack plan {ar}", "belopp",
         "ack utfall föreg. år × (1 − minskning); minskningen anges per tabell", lambda: _plan()),
    Matt("diff_mot_plan", "Diff mot plan {ar}", "belopp", "ack utfall − reduktionsplan",
         lambda: c("ack_utfall") - _plan()),
    Matt("diff_mot_fg", "Diff mot utfall {fg_ar}", "belopp", "ack utfall − ack utfall föreg. år",
         lambda: c("ack_utfall") - c("ack_utfall_fg")),
    Matt("saldo", "{slutdatum}", "belopp", "ingående balans + utfall januari t.o.m. perioden (balanskonton)",
         lambda: c("ib") + c("ack_utfall")),
    Matt("ingaende_saldo", "{fg_bokslut}", "belopp", "ingående balans för året = saldo vid föregående års slut",
         lambda: c("ib")),
    Matt("saldo_fg", "{fg_slutdatum}", "belopp", "saldo vid samma periods slut föregående år",
         lambda: c("ib_fg") + c("ack_utfall_fg")),
    Matt("forandring_mot_plan_procent", "Förändring mot plan %", "procent", "(ack utfall / reduktionsplan − 1) × 100",
         lambda: _utveckling(c("ack_utfall"), _plan()), 0),
]}

# Mått för tabeller som inte räknas från huvudboken.
ATGARDSMATT: dict[str, Matt] = {m.namn: m for m in [
    Matt("plan_helar", "Total plan {ar}", "belopp", "planerad effekt för hela året", lambda: c("plan_helar")),
    Matt("effekt_ack", "Summa effekt", "belopp", "bedömd effekt t.o.m. perioden", lambda: c("effekt_ack")),
    Matt("plan_ack", "Summa plan", "belopp", "planerad effekt t.o.m. perioden", lambda: c("plan_ack")),
    Matt("effekt_procent", "Summa effekt %", "procent", "summa effekt / summa plan × 100",
         lambda: _kvot(c("effekt_ack"), c("plan_ack")), 0),
]}
INVESTERINGSMATT: dict[str, Matt] = {m.namn: m for m in [
    Matt("utfall_ack", "Utfall t.o.m. {man} {ar}", "belopp", "investeringsutgift januari t.o.m. perioden",
         lambda: c("utfall_ack")),
    Matt("prognos", "Prognos {ar}", "belopp", "prognos för helåret", lambda: c("prognos")),
    Matt("arsbudget", "Årsbudget {ar}", "belopp", "investeringsbudget för året", lambda: c("arsbudget")),
    Matt("prognos_avvikelse", "Prognos avvikelse", "belopp", "årsbudget − prognos (positivt = under budget)",
         lambda: c("arsbudget") - c("prognos")),
]}
PERSONALMATT: dict[str, Matt] = {m.namn: m for m in [
    Matt("anstallda", "Anställda {man} {ar}", "antal", "månadsavlönade anställda i månaden", lambda: c("anst")),
    Matt("anstallda_fg", "Anställda {man} {fg_ar}", "antal", "samma månad föregående år", lambda: c("anst_fg")),
    Matt("forandring", "Förändring", "antal", "anställda − anställda föreg. år", lambda: c("anst") - c("anst_fg")),
    Matt("sjukfranvaro", "Sjukfrånvaro {man} %", "procent", "sjuktimmar / ordinarie timmar × 100",
         lambda: pl.when(c("ord") > 0).then(c("sjuk") / c("ord") * 100), 1),
    Matt("sjukfranvaro_fg", "Sjukfrånvaro {man} {fg_ar} %", "procent", "samma månad föregående år",
         lambda: pl.when(c("ord_fg") > 0).then(c("sjuk_fg") / c("ord_fg") * 100), 1),
]}
SJUKFRANVAROMATT: dict[str, Matt] = {m.namn: m for m in [
    Matt("sjukfranvaro_ack", "Sjukfrånvaro jan–{man} {ar} %", "procent",
         "sjuktimmar / ordinarie timmar × 100, januari t.o.m. perioden",
         lambda: pl.when(c("ord") > 0).then(c("sjuk") / c("ord") * 100), 1),
    Matt("sjukfranvaro_ack_fg", "Sjukfrånvaro jan–{man} {fg_ar} %", "procent", "samma månader föregående år",
         lambda: pl.when(c("ord_fg") > 0).then(c("sjuk_fg") / c("ord_fg") * 100), 1),
    Matt("forandring_procentenheter", "Förändring, procentenheter", "procent",
         "sjukfrånvaro i år − sjukfrånvaro föregående år (procentenheter, från oavrundade värden)",
         lambda: pl.when((c("ord") > 0) & (c("ord_fg") > 0))
         .then(c("sjuk") / c("ord") * 100 - c("sjuk_fg") / c("ord_fg") * 100), 1),
    Matt("andel_utan_sjukfranvaro", "Utan sjukfrånvaro {man} {ar} %", "procent",
         "anställda utan någon sjukdag i år t.o.m. perioden / anställda i månaden × 100",
         lambda: pl.when(c("anst") > 0).then(c("utan") / c("anst") * 100), 1),
    Matt("anstallda", "Anställda {man} {ar}", "antal", "månadsavlönade anställda i månaden", lambda: c("anst")),
]}
OMFORDELNINGSMATT: dict[str, Matt] = {
    "belopp": Matt("belopp", "mkr", "belopp", "beslutad omfördelning", lambda: c("belopp")),
}
# Uppställningar känner också budgetomfördelningarna per nämnd (bassumman omfordelat).
UPPSTALLNINGSMATT: dict[str, Matt] = {**MATT, "ursprunglig_arsbudget": Matt(
    "ursprunglig_arsbudget", "Ursprunglig budget {ar}", "belopp",
    "årsbudget före årets budgetomfördelningar t.o.m. perioden (visas bara när någon rad har omfördelningar)",
    lambda: c("arsbudget") + c("omfordelat"))}
MATT_PER_TYP = {"matt": MATT, "atgarder": ATGARDSMATT, "budgetomfordelningar": OMFORDELNINGSMATT,
                "uppstallning": UPPSTALLNINGSMATT, "investeringar": INVESTERINGSMATT, "personal": PERSONALMATT,
                "sjukfranvaro": SJUKFRANVAROMATT}

