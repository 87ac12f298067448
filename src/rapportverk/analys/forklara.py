"""Förklara en siffra: formeln, operanderna och indataraderna bakom en cell (`rapport forklara`).

Cellen räknas om från sin tabell; raderna bakom hittas med radens urval (berakning.modell.Urval) och måttets
bassummor (serie och månader, berakning.matt.TERMER/KVOTER). Summan av bidragen är cellens oavrundade värde
till öret; ett inmatat tal (prognos, investering, budgetomfördelning) förklaras med sin fil och rad.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from rapportverk.berakning.matt import KVOTER, TERMER, basfilter
from rapportverk.berakning.modell import Rad, Tabell, Urval
from rapportverk.berakning.urval import filtrera, manader
from rapportverk.fel import Fel, RapportverkFel, forslag
from rapportverk.formatering import manad_kort
from rapportverk.kallor import Indata
from rapportverk.konfig import REGION, Projekt
from rapportverk.period import Period
from rapportverk.underlag import Underlag

RADKOLUMNER = ["kalla", "rad", "period", "enhet", "konto", "serie", "belopp"]
# Personalmåtten: (täljare, nämnare) som (kolumn i personalfilen, månader); nämnare None = en summa.
# Månaderna: "m" periodens månad, "m_fg" samma månad i fjol, "ack" januari t.o.m., "ack_fg" samma i fjol.
PERSONAL: dict[str, tuple[tuple[str, str], tuple[str, str] | None]] = {
    "sjukfranvaro": (("sjuk_timmar", "m"), ("ordinarie_timmar", "m")),
    "sjukfranvaro_fg": (("sjuk_timmar", "m_fg"), ("ordinarie_timmar", "m_fg")),
    "sjukfranvaro_ack": (("sjuk_timmar", "ack"), ("ordinarie_timmar", "ack")),
    "sjukfranvaro_ack_fg": (("sjuk_timmar", "ack_fg"), ("ordinarie_timmar", "ack_fg")),
    "andel_utan_sjukfranvaro": (("utan_sjukfranvaro", "m"), ("anstallda", "m")),
    "anstallda": (("anstallda", "m"), None), "anstallda_fg": (("anstallda", "m_fg"), None),
}
# Bassummornas namn i löptext.
BENAMNING = {"utfall_m": "utfall för månaden", "budget_m": "budget för månaden",
             "utfall_m_fg": "utfall samma månad föregående år", "ack_utfall": "ack utfall",
             "ack_budget": "ack budget", "ack_utfall_fg": "ack utfall föregående år", "arsbudget": "årsbudget",
             "r12": "utfall rullande tolv månader", "r12_fg": "utfall rullande tolv månader ett år tidigare",
             "ib": "ingående balans", "ib_fg": "ingående balans föregående år", "plan": "reduktionsplan",
             "prognos_avvikelse": "prognosavvikelse (inmatad)", "omfordelat": "budgetomfördelningar (inmatade)"}


@dataclass(frozen=True)
class Term:
    """En operand: bassumman, dess koefficient i formeln, värdet och raderna bakom (kolumnen `bidrag` är
    radens belopp × tecken × faktor, så att bidragen summerar till termens värde)."""

    namn: str
    beskrivning: str
    koefficient: float
    varde: float
    rader: pl.DataFrame
    inmatad: bool = False
    enhet: str = "kr"


@dataclass(frozen=True)
class Forklaring:
    namnd: str
    period: Period
    tabell: str
    tabellrubrik: str
    rad: str
    kolumn: str
    kolumnrubrik: str
    typ: str
    enhet: str
    decimaler: int
    varde: float | None
    formel: str
    urval: Urval | None
    termer: tuple[Term, ...] = ()
    # En kvot: täljarens och nämnarens termer och slaget ("andel" eller "utveckling").
    taljare: tuple[Term, ...] = ()
    namnare: tuple[Term, ...] = ()
    kvot: str = ""
    anmarkningar: tuple[str, ...] = field(default=())
    namndnamn: str = ""

    @property
    def alla_termer(self) -> tuple[Term, ...]:
        return self.termer or (*self.taljare, *self.namnare)


def forklara(projekt: Projekt, indata: Indata, period: Period, namnd: str, tabell: str, rad: str, kolumn: str
             ) -> Forklaring:
    """Förklaringen av en cell. Okänd tabell, rad eller kolumn är ett fel med förslag."""
    if tabell not in projekt.konfig.tabeller:
        raise RapportverkFel(Fel(f"tabellen '{tabell}' finns inte{forslag(tabell, projekt.konfig.tabeller)}; se "
                                 "'rapport tabell --lista'."))
    namndnamn = projekt.namnd(namnd).namn
    underlag = Underlag(projekt, indata, period)  # tabellen, och de som en rad hämtas ur, räknas en gång
    t = underlag.tabell(tabell, namnd)
    r = _rad(t, rad)
    nycklar = [k.nyckel for k in t.kolumner]
    rubriker = {k.rubrik: k.nyckel for k in t.kolumner}
    kolumn = rubriker.get(kolumn, kolumn)
    if kolumn not in nycklar:
        raise RapportverkFel(Fel(f"kolumnen '{kolumn}' finns inte i tabellen '{tabell}'{forslag(kolumn, nycklar)}; "
                                 f"kolumnerna är {', '.join(nycklar)}."))
    k = t.kolumner[nycklar.index(kolumn)]
    varde = r.varden[nycklar.index(kolumn)]
    tdef = projekt.konfig.tabeller[tabell]
    from rapportverk.berakning.matt import MATT_PER_TYP

    matt = MATT_PER_TYP.get(tdef.typ, {}).get(kolumn)
    formel = matt.formel if matt else kolumn
    bas = Forklaring(namnd, period, tabell, t.rubrik, r.etikett, kolumn, k.rubrik, k.typ, t.enhet, k.decimaler,
                     varde, formel, r.urval, namndnamn=namndnamn)
    if r.urval is None:
        return _med(bas, anmarkningar=("Raden har inget urval att följa tillbaka (en rubrik eller en tabelltyp utan "
                                       "spårbarhet).",))
    sammanhang = _Sammanhang(projekt, indata, period, tdef.minskning or 0.0, underlag)
    if r.urval.kalla == "personal" and kolumn in PERSONAL:
        return sammanhang.personal(bas, r.urval, kolumn)
    if r.urval.kalla not in ("huvudbok", "summa", "regionprognos") and not r.urval.kalla.startswith("tabell:"):
        return _med(bas, termer=(sammanhang.inmatad(r.urval, kolumn, varde),))
    if kolumn in KVOTER:
        taljare, namnare, slag = KVOTER[kolumn]
        return _med(bas, taljare=tuple(sammanhang.term(n, f, r.urval, r.etikett) for n, f in taljare),
                    namnare=tuple(sammanhang.term(n, f, r.urval, r.etikett) for n, f in namnare), kvot=slag)
    if kolumn in TERMER:
        return _med(bas, termer=tuple(sammanhang.term(n, f, r.urval, r.etikett) for n, f in TERMER[kolumn]))
    return _med(bas, anmarkningar=(f"Måttet '{kolumn}' räknas inte från huvudboken.",))


def _med(f: Forklaring, **andra: object) -> Forklaring:
    import dataclasses

    return dataclasses.replace(f, **andra)  # type: ignore[arg-type]


def _rad(t: Tabell, rad: str) -> Rad:
    etiketter = [r.etikett for r in t.rader]
    if rad not in etiketter:
        raise RapportverkFel(Fel(f"raden '{rad}' finns inte i tabellen '{t.namn}'{forslag(rad, etiketter)}."))
    return t.rader[etiketter.index(rad)]


@dataclass
class _Sammanhang:
    projekt: Projekt
    indata: Indata
    period: Period
    minskning: float
    underlag: Underlag

    def term(self, namn: str, koefficient: float, urval: Urval, etikett: str) -> Term:
        if namn == "prognos_avvikelse":
            return self._prognos(urval, etikett, koefficient)
        if namn == "omfordelat":
            return self._omfordelat(urval, koefficient)
        filt = basfilter(namn, self.period)
        assert filt is not None, namn
        serie, fran, till = filt
        faktor = (1 - self.minskning) if namn == "plan" else 1.0
        rader = manader(self._huvudboksrader(urval), serie, fran, till)
        rader = rader.select(*RADKOLUMNER, (pl.col("belopp") * pl.col("tecken") * faktor).alias("bidrag"))
        text = f"{BENAMNING.get(namn, namn)} ({serie} {_manader(fran, till)})"
        if namn == "plan":
            text = f"reduktionsplan: ack utfall föregående år × (1 − {self.minskning:g}) ({_manader(fran, till)})"
        return Term(namn, text, koefficient, float(rader["bidrag"].sum()), rader)

    def _folj(self, urval: Urval) -> Urval:
        """En rad hämtad ur en annan uppställning (fran): den radens urval, med den här radens tecken."""
        annan = self.underlag.tabell(urval.kalla.removeprefix("tabell:"), REGION)
        rad = _rad(annan, dict(urval.lika)["rad"])
        assert rad.urval is not None
        return Urval("summa", delar=(rad.urval,), tecken=urval.tecken)

    def _huvudboksrader(self, urval: Urval) -> pl.DataFrame:
        """Huvudbokens rader för urvalet; en rad ur en annan uppställning följs dit, en manuell rad läses ur
        regionens prognosfil (som ett inmatat utfall)."""
        if urval.kalla.startswith("tabell:"):
            return self._huvudboksrader(self._folj(urval))
        if urval.delar:
            delar = [self._huvudboksrader(d).with_columns(pl.col("tecken") * urval.tecken) for d in urval.delar]
            return pl.concat(delar, how="diagonal_relaxed")
        if urval.kalla == "regionprognos":
            return self._manuell(urval)
        return filtrera(self.indata.huvudbok, urval).with_columns(
            pl.col("enhet", "serie", "kalla").cast(pl.Utf8))

    def _manuell(self, urval: Urval) -> pl.DataFrame:
        """En manuell rad (t.ex. resultatutjämningsreserven): utfallet ur regionens prognosfil, som om det vore
        huvudboksrader för periodens och föregående års månad."""
        rp = self.indata.regionprognos
        namn = dict(urval.lika).get("radnamn", "")
        if rp is None or "utfall" not in rp.columns:
            return pl.DataFrame(schema={**dict.fromkeys(RADKOLUMNER, pl.Utf8), "tecken": pl.Int8})
        perioder = [self.period.forsta_dag, self.period.fg.forsta_dag]  # som tabellen: periodens och fjolårets
        rader = rp.filter((pl.col("radnamn") == namn) & pl.col("utfall").is_not_null()
                          & pl.col("period").is_in(perioder))
        return rader.select(
            pl.col("kalla"), pl.col("rad"), pl.col("period"), pl.lit(None, pl.Utf8).alias("enhet"),
            pl.lit(namn).alias("konto"), pl.lit("utfall").alias("serie"), pl.col("utfall").alias("belopp"),
            pl.lit(urval.tecken, dtype=pl.Int8).alias("tecken"))

    def _prognos(self, urval: Urval, etikett: str, koefficient: float) -> Term:
        """Prognosavvikelsen är inmatad: nämndens prognosrader (för radens del av hierarkin) eller regionens
        prognos per rad."""
        rader = self._prognosrader(urval)
        if rader.height:
            rader = rader.with_columns((pl.col("belopp") * pl.col("tecken")).alias("bidrag"))
        else:
            rader = rader.with_columns(pl.lit(None, pl.Float64).alias("bidrag"))
        return Term("prognos_avvikelse", f"prognosavvikelse, inmatad för {self.period}", koefficient,
                    float(rader["bidrag"].sum() or 0.0), rader, inmatad=True)

    def _prognosrader(self, urval: Urval) -> pl.DataFrame:
        tom = pl.DataFrame(schema={"kalla": pl.Utf8, "rad": pl.Int64, "period": pl.Date, "nod": pl.Utf8,
                                   "belopp": pl.Float64, "tecken": pl.Int8})
        if urval.kalla.startswith("tabell:"):
            return self._prognosrader(self._folj(urval))
        if urval.delar:
            delar = [self._prognosrader(d).with_columns(pl.col("tecken") * urval.tecken) for d in urval.delar]
            return pl.concat(delar)
        lika = dict(urval.lika)
        p = self.period.forsta_dag
        if "_rad" in lika or urval.kalla == "regionprognos":
            namn = lika.get("_rad") or lika.get("radnamn", "")
            rp = self.indata.regionprognos
            if rp is None:
                return tom
            return rp.filter((pl.col("radnamn") == namn) & (pl.col("period") == p)).select(
                "kalla", "rad", "period", pl.col("radnamn").alias("nod"), pl.col("prognos_avvikelse").alias("belopp"),
                pl.lit(urval.tecken, dtype=pl.Int8).alias("tecken"))
        prognos = self.indata.prognos
        if prognos is None or not self.projekt.konfig.kallor.prognos:
            return tom
        niva = self.projekt.konfig.kallor.prognos[0].niva
        urvalet = prognos.filter(pl.col("period") == p)
        if "namnd" in lika:
            urvalet = urvalet.filter(pl.col("namnd") == lika["namnd"])
        nivaer = self.projekt.org_nivaer
        for kolumn, varde in lika.items():
            if kolumn in nivaer and kolumn not in ("namnd", niva) and nivaer.index(kolumn) > nivaer.index(niva):
                karta = self.indata.organisation.filter(pl.col(kolumn) == varde)[niva].unique()
                urvalet = urvalet.filter(pl.col("nod").is_in(karta.implode()))
            elif kolumn == niva:
                urvalet = urvalet.filter(pl.col("nod") == varde)
        return urvalet.select("kalla", "rad", "period", "nod", "belopp",
                              pl.lit(urval.tecken, dtype=pl.Int8).alias("tecken"))

    def _omfordelat(self, urval: Urval, koefficient: float) -> Term:
        omf = self.indata.budgetomfordelningar
        namnd = dict(urval.lika).get("namnd")
        if omf is None or namnd is None:
            rader = pl.DataFrame(schema={"kalla": pl.Utf8, "rad": pl.Int64, "text": pl.Utf8, "bidrag": pl.Float64})
        else:
            rader = omf.filter((pl.col("namnd") == namnd) & pl.col("period").is_between(
                Period(self.period.ar, 1).forsta_dag, self.period.forsta_dag)).select(
                "kalla", "rad", "period", "text", (pl.col("belopp") * urval.tecken).alias("bidrag"))
        return Term("omfordelat", "årets budgetomfördelningar t.o.m. perioden, inmatade", koefficient,
                    float(rader["bidrag"].sum() or 0.0), rader, inmatad=True)

    def personal(self, bas: Forklaring, urval: Urval, kolumn: str) -> Forklaring:
        """Ett personalmått ur personalfilen: timmar eller antal per rad, för de månader måttet avser."""
        ram = self.indata.personal
        assert ram is not None
        p, fg = self.period, self.period.fg
        manader = {"m": (p, p), "m_fg": (fg, fg), "ack": (Period(p.ar, 1), p), "ack_fg": (Period(fg.ar, 1), fg)}

        def term(falt: str, nar: str) -> Term:
            fran, till = manader[nar]
            rader = filtrera(ram, urval).filter(pl.col("period").is_between(fran.forsta_dag, till.forsta_dag))
            rader = rader.select("kalla", "rad", "period", "namnd", "kon", "aldersgrupp",
                                 pl.col(falt).cast(pl.Float64).alias("bidrag"))
            enhet = "timmar" if falt.endswith("timmar") else "personer"
            return Term(falt, f"{falt.replace('_', ' ')} ({_manader(fran, till)})", 1.0,
                        float(rader["bidrag"].sum() or 0.0), rader, inmatad=True, enhet=enhet)

        taljare, namnare = PERSONAL[kolumn]
        if namnare is None:
            return _med(bas, termer=(term(*taljare),))
        return _med(bas, taljare=(term(*taljare),), namnare=(term(*namnare),), kvot="andel")

    def inmatad(self, urval: Urval, kolumn: str, varde: float | None) -> Term:
        """Ett tal ur en inmatad källa (investeringar, åtgärder, budgetomfördelningar): källans rader."""
        ram = getattr(self.indata, urval.kalla, None)
        if ram is None:
            rader = pl.DataFrame(schema={"kalla": pl.Utf8, "rad": pl.Int64})
        else:
            rader = filtrera(ram, urval)
            kolumner = [c for c in ("kalla", "rad", "period", kolumn if kolumn in ram.columns else "belopp")
                        if c in rader.columns]
            rader = rader.select(kolumner)
            if kolumn in rader.columns or "belopp" in rader.columns:
                kol = kolumn if kolumn in rader.columns else "belopp"
                rader = rader.with_columns((pl.col(kol) * urval.tecken).alias("bidrag"))
        summa = float(rader["bidrag"].sum()) if "bidrag" in rader.columns else (varde or 0.0)
        return Term(kolumn, f"inmatat i källan {urval.kalla}", 1.0, summa, rader, inmatad=True)


def _manader(fran: Period, till: Period) -> str:
    if fran == till:
        return f"{manad_kort(fran.manad)} {fran.ar}"
    if fran.ar == till.ar:
        return f"{manad_kort(fran.manad)}–{manad_kort(till.manad)} {till.ar}"
    return f"{manad_kort(fran.manad)} {fran.ar}–{manad_kort(till.manad)} {till.ar}"


def kontroll(f: Forklaring) -> float | None:
    """Värdet räknat från bidragen (linjärt: Σ koefficient × term; kvot: som måttet), för att visa att raderna
    förklarar hela siffran."""
    if f.termer:
        return sum(t.koefficient * t.varde for t in f.termer)
    if f.taljare:
        a = sum(t.koefficient * t.varde for t in f.taljare)
        b = sum(t.koefficient * t.varde for t in f.namnare)
        if b == 0:
            return None
        return a / abs(b) * 100 if f.kvot == "andel" else (a / b - 1) * 100
    return None
