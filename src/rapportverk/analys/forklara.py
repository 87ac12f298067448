"""Förklara en siffra: formeln, operanderna och indataraderna bakom en cell (`rapport forklara`).

Cellen räknas om från sin tabell; raderna bakom hittas med radens urval (berakning.modell.Urval) och måttets
deklaration (berakning.matt): varje bassumma säger källa, fält, serie och månader. Summan av bidragen är cellens
oavrundade värde till öret; ett inmatat tal (prognos, investering, personal, budgetomfördelning) förklaras med
sin fil och rad.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from rapportverk.berakning.matt import MATT_PER_TYP, Bas, Kvot, Matt, Summa
from rapportverk.berakning.modell import Rad, Tabell, Urval
from rapportverk.berakning.urval import filtrera, manader
from rapportverk.fel import Fel, RapportverkFel, forslag
from rapportverk.formatering import manad_kort
from rapportverk.kallor import Indata
from rapportverk.konfig import REGION, Projekt
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.underlag import Huvudboksdelar

RADKOLUMNER = ["kalla", "rad", "period", "enhet", "konto", "serie", "belopp"]
# Kolumnerna som visas för en rad ur en inmatad källa, utöver kalla, rad och period (annars fältet självt).
VISADE = {"personal": ("namnd", "kon", "aldersgrupp")}


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
class Delkvot:
    """En kvot i ett mått som är en summa av kvoter: koefficienten, täljarens och nämnarens termer och slaget."""

    koefficient: float
    taljare: tuple[Term, ...]
    namnare: tuple[Term, ...]
    kvot: str

    @property
    def termer(self) -> tuple[Term, ...]:
        return (*self.taljare, *self.namnare)


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

    # Ett mått som är en summa av kvoter (sjukfrånvaro i år − i fjol): varje kvot med sin koefficient.
    delkvoter: tuple[Delkvot, ...] = ()

    @property
    def alla_termer(self) -> tuple[Term, ...]:
        return (*self.termer, *self.taljare, *self.namnare, *(t for d in self.delkvoter for t in d.termer))


def forklara(projekt: Projekt, indata: Indata, period: Period, namnd: str, tabell: str, rad: str, kolumn: str,
             delar: Huvudboksdelar | None = None) -> Forklaring:
    """Förklaringen av en cell. Okänd tabell, rad eller kolumn är ett fel med förslag. Med `delar` (den sparade
    huvudboken, utdata.huvudbokscache) kan `indata` ha bara en del av huvudboken; det som behövs läses då ur den."""
    if tabell not in projekt.konfig.tabeller:
        raise RapportverkFel(Fel(f"tabellen '{tabell}' finns inte{forslag(tabell, projekt.konfig.tabeller)}; se "
                                 "'rapport tabell --lista'."))
    namndnamn = projekt.namnd(namnd).namn
    underlag = Underlag(projekt, indata, period, delar)  # tabellen, och de som en rad hämtas ur, räknas en gång
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
    matt = MATT_PER_TYP.get(tdef.typ, {}).get(kolumn)
    formel = matt.formel if matt else kolumn
    bas = Forklaring(namnd, period, tabell, t.rubrik, r.etikett, kolumn, k.rubrik, k.typ, t.enhet, k.decimaler,
                     varde, formel, r.urval, namndnamn=namndnamn)
    if r.urval is None:
        return _med(bas, anmarkningar=("Raden har inget urval att följa tillbaka (en rubrik eller en tabelltyp utan "
                                       "spårbarhet).",))
    if matt is None:
        return _med(bas, anmarkningar=(f"Måttet '{kolumn}' är inte deklarerat för tabelltypen {tdef.typ}.",))
    return _Sammanhang(projekt, indata, period, tdef.minskning or 0.0, underlag).forklara(bas, matt, r.urval)


def _med(f: Forklaring, **andra: object) -> Forklaring:
    import dataclasses

    return dataclasses.replace(f, **andra)  # type: ignore[arg-type]


def _rad(t: Tabell, rad: str) -> Rad:
    if rad not in t.radnamn:
        raise RapportverkFel(Fel(f"raden '{rad}' finns inte i tabellen '{t.namn}'{forslag(rad, t.radnamn)}."))
    return t.rad(rad)


@dataclass
class _Sammanhang:
    projekt: Projekt
    indata: Indata
    period: Period
    minskning: float
    underlag: Underlag

    def forklara(self, f: Forklaring, matt: Matt, urval: Urval) -> Forklaring:
        """Måttets termer för radens urval: en kvot som täljare och nämnare, annars en summa av termer (och av
        kvoter, när måttet är en skillnad mellan två kvoter)."""
        if (kvot := matt.kvot) is not None:
            return _med(f, taljare=self._termer(kvot.taljare, urval), namnare=self._termer(kvot.namnare, urval),
                        kvot=kvot.slag)
        termer, delkvoter = [], []
        for operand, koefficient in matt.summa.delar:
            if isinstance(operand, Kvot):
                delkvoter.append(Delkvot(koefficient, self._termer(operand.taljare, urval),
                                         self._termer(operand.namnare, urval), operand.slag))
            else:
                termer.append(self.term(operand, koefficient, urval))
        return _med(f, termer=tuple(termer), delkvoter=tuple(delkvoter))

    def _termer(self, summa: Summa, urval: Urval) -> tuple[Term, ...]:
        """En täljare eller nämnare: bassummor (en kvot av kvoter deklareras inte)."""
        assert all(isinstance(b, Bas) for b, _k in summa.delar), summa
        return tuple(self.term(b, k, urval) for b, k in summa.delar)  # type: ignore[arg-type]

    def term(self, bas: Bas, koefficient: float, urval: Urval) -> Term:
        """Bassummans rader i radens urval, ur dess källa."""
        if bas.kalla == "huvudbok":
            return self._huvudbok(bas, koefficient, urval)
        if bas.kalla == "prognos":
            return self._prognos(urval, koefficient)
        if bas.kalla == urval.kalla:
            return self._inmatad(bas, koefficient, urval)
        assert bas.kalla == "budgetomfordelningar", bas
        return self._omfordelat(bas, urval, koefficient)

    def _huvudbok(self, bas: Bas, koefficient: float, urval: Urval) -> Term:
        assert bas.serie is not None, bas
        fran, till = bas.manader(self.period)
        faktor = (1 - self.minskning) if bas.grund is not None else 1.0
        rader = manader(self._huvudboksrader(urval), bas.serie, fran, till)
        rader = rader.select(*RADKOLUMNER, (pl.col("belopp") * pl.col("tecken") * faktor).alias("bidrag"))
        text = f"{bas.benamning} ({bas.serie} {_manader(fran, till)})"
        if bas.grund is not None:
            text = f"{bas.benamning}: {bas.grund.benamning} × (1 − {self.minskning:g}) ({_manader(fran, till)})"
        return Term(bas.namn, text, koefficient, float(rader["bidrag"].sum()), rader)

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
        return filtrera(self.underlag.huvudbok_for(urval), urval).with_columns(
            pl.col("enhet", "konto", "serie", "kalla").cast(pl.Utf8), pl.col("rad").cast(pl.Int64))

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

    def _prognos(self, urval: Urval, koefficient: float) -> Term:
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

    def _omfordelat(self, bas: Bas, urval: Urval, koefficient: float) -> Term:
        """Årets budgetomfördelningar bakom en rad i en uppställning (ursprunglig budget)."""
        rader = self._omfordelningsrader(bas, urval)
        rader = rader.select("kalla", "rad", "period", "text", (pl.col("belopp") * pl.col("tecken")).alias("bidrag"))
        return Term(bas.namn, "årets budgetomfördelningar t.o.m. perioden, inmatade", koefficient,
                    float(rader["bidrag"].sum() or 0.0), rader, inmatad=True)

    def _omfordelningsrader(self, bas: Bas, urval: Urval) -> pl.DataFrame:
        """En nämnds rad har nämndens omfördelningar och raden för alla nämnder (bara sektionen) allas; en summarad
        har sina delars, och andra rader (kostnadsslag, konton, manuella) de omfördelningar som anger radens namn
        — som uppställningen räknar."""
        if urval.kalla.startswith("tabell:"):
            return self._omfordelningsrader(bas, self._folj(urval))
        omf = self.indata.budgetomfordelningar
        tom = pl.DataFrame(schema={"kalla": pl.Utf8, "rad": pl.Int64, "period": pl.Date, "text": pl.Utf8,
                                   "belopp": pl.Float64, "tecken": pl.Int8})
        if urval.delar:
            delar = [self._omfordelningsrader(bas, d).with_columns(pl.col("tecken") * urval.tecken)
                     for d in urval.delar]
            return pl.concat([tom, *delar], how="vertical_relaxed")
        lika = dict(urval.lika)
        if omf is None:
            return tom
        fran, till = bas.manader(self.period)
        rader = omf.filter(pl.col("period").is_between(fran.forsta_dag, till.forsta_dag))
        radnamn = lika.get("_rad") or (lika.get("radnamn") if urval.kalla == "regionprognos" else None)
        if radnamn is not None:
            # En höjd budget på raden dras ifrån i ursprunglig budget (berakning.uppstallning, rad_omfordelat).
            if "radnamn" not in rader.columns:
                return tom
            return rader.filter(pl.col("radnamn") == radnamn).select(
                "kalla", "rad", "period", "text", "belopp", pl.lit(-urval.tecken, dtype=pl.Int8).alias("tecken"))
        if urval.konton or set(lika) - {"sektion", "namnd"}:
            return tom
        rader = rader.filter(pl.col("namnd") == lika["namnd"]) if "namnd" in lika else rader.filter(
            pl.col("namnd").is_not_null())
        return rader.select("kalla", "rad", "period", "text", "belopp",
                            pl.lit(urval.tecken, dtype=pl.Int8).alias("tecken"))

    def _inmatad(self, bas: Bas, koefficient: float, urval: Urval) -> Term:
        """Ett tal ur en inmatad källa (personal, åtgärder, investeringar, budgetomfördelningar): källans rader i
        urvalet och i bassummans månader."""
        ram = getattr(self.indata, bas.kalla)
        assert ram is not None, bas.kalla  # tabellen byggdes ur samma källa
        fran, till = bas.manader(self.period)
        rader = filtrera(ram, urval).filter(pl.col("period").is_between(fran.forsta_dag, till.forsta_dag))
        visade = [c for c in ("kalla", "rad", "period", *VISADE.get(bas.kalla, (bas.falt,))) if c in rader.columns]
        rader = rader.select(*visade, (pl.col(bas.falt).cast(pl.Float64) * pl.col("tecken")).alias("bidrag"))
        return Term(bas.namn, f"{bas.benamning} ({_manader(fran, till)})", koefficient,
                    float(rader["bidrag"].sum() or 0.0), rader, inmatad=True, enhet=bas.enhet)


def _manader(fran: Period, till: Period) -> str:
    if fran == till:
        return f"{manad_kort(fran.manad)} {fran.ar}"
    if fran.ar == till.ar:
        return f"{manad_kort(fran.manad)}–{manad_kort(till.manad)} {till.ar}"
    return f"{manad_kort(fran.manad)} {fran.ar}–{manad_kort(till.manad)} {till.ar}"


def kvotvarde(taljare: tuple[Term, ...], namnare: tuple[Term, ...], kvot: str) -> float | None:
    """Kvoten räknad från termerna, som måttet räknar den (None när nämnaren är 0)."""
    a = sum(t.koefficient * t.varde for t in taljare)
    b = sum(t.koefficient * t.varde for t in namnare)
    if b == 0:
        return None
    return a / abs(b) * 100 if kvot == "andel" else (a / b - 1) * 100


def kontroll(f: Forklaring) -> float | None:
    """Värdet räknat från bidragen (linjärt: Σ koefficient × term; kvot: som måttet), för att visa att raderna
    förklarar hela siffran."""
    if f.taljare:
        return kvotvarde(f.taljare, f.namnare, f.kvot)
    if not f.termer and not f.delkvoter:
        return None
    varde = sum(t.koefficient * t.varde for t in f.termer)
    for d in f.delkvoter:
        v = kvotvarde(d.taljare, d.namnare, d.kvot)
        if v is None:
            return None
        varde += d.koefficient * v
    return varde
