"""Biblioteksgränssnittet för tabeller: konfiguration + indata + nämnd + period → Tabell.

Allt som kommandoraden gör kan ett skript eller en CI-körning göra med samma anrop.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl

from rapportverk.berakning import MATT, MATT_PER_TYP, Tabell
from rapportverk.berakning.aggregat import aggregera, kontoklasser
from rapportverk.berakning.listor import atgardstabell, investeringstabell, omfordelningstabell
from rapportverk.berakning.modell import Urval
from rapportverk.berakning.personal import personaltabell, sjukfranvarotabell
from rapportverk.berakning.prognos import prognos_per_rad, senaste_prognos
from rapportverk.berakning.tabell import mattabell, med_underrader
from rapportverk.berakning.uppstallning import Prognoser, uppstallning, uppstallning_bas
from rapportverk.berakning.urval import i_intervall
from rapportverk.fel import RapportverkFel, forslag
from rapportverk.formatering import rubrik
from rapportverk.kallor import Indata, las_indata
from rapportverk.kallor.hierarki import kontomappning
from rapportverk.konfig import REGION, STANDARDFIL, Projekt, ladda
from rapportverk.konfig.modell import Kolumn as KolumnDef
from rapportverk.konfig.modell import Tabell as TabellDef
from rapportverk.period import Period


def ladda_projekt(konfigfil: Path | str = STANDARDFIL, utan: frozenset[Path] = frozenset()) -> Projekt:
    return ladda(konfigfil, matt={typ: list(m) for typ, m in MATT_PER_TYP.items()}, utan=utan)


def tabellnamn(projekt: Projekt) -> list[str]:
    return list(projekt.konfig.tabeller)


def bygg_tabell(projekt: Projekt, indata: Indata, namn: str, namnd: str, period: Period) -> Tabell:
    return med_rubriker(_berakna(projekt, summerad(projekt, indata), namn, namnd, period), period,
                        projekt.namnd(namnd).namn)


# Den senast summerade huvudboken och dess summa: tabellerna, nyckeltalen och diagrammen läser summan, som räknas en
# gång per inläst huvudbok (eller del av den) i stället för att varje tabell filtrerar och grupperar raderna.
_SUMMERAD: list[tuple[pl.DataFrame, pl.DataFrame]] = []


def summerad(projekt: Projekt, indata: Indata) -> Indata:
    """Indata med huvudboken summerad (berakning.aggregat) till den upplösning konfigurationens tabeller,
    nyckeltal och diagram läser; de räknar då samma tal ur några hundratusen rader i stället för miljontals."""
    huvudbok = indata.huvudbok
    if huvudbok.height == 0:
        return indata
    for ram, summa in _SUMMERAD:
        if ram is huvudbok:
            return dataclasses.replace(indata, huvudbok=summa)
    k = projekt.konfig
    nivaer = projekt.org_nivaer
    # Den lägsta organisationsnivå som någon tabell eller prognos delar upp på, och nivåerna ovanför.
    anvanda = {n for t in k.tabeller.values() for n in (t.rader, t.underrader)} | {p.niva for p in k.kallor.prognos}
    lagsta = min((nivaer.index(n) for n in anvanda if n in nivaer), default=len(nivaer) - 1)
    nycklar = [n for n in nivaer[lagsta:] if n in huvudbok.columns]
    konton = kontomappning(huvudbok["konto"].unique().sort().to_list(), projekt.kostnadsslag)
    kontokolumner = [c for c in konton.columns if c != "konto" and c in huvudbok.columns]
    intervall = [*k.kontogrupper.values(), *(r.konton for t in k.tabeller.values() if t.typ == "uppstallning"
                                             for r in t.uppstallning if r.konton)]
    klasser = kontoklasser(konton.select("konto", *kontokolumner), intervall)
    summa = aggregera(huvudbok, nycklar, kontokolumner, klasser)
    _SUMMERAD[:] = [(huvudbok, summa)]
    return dataclasses.replace(indata, huvudbok=summa)


def med_rubriker(t: Tabell, period: Period, namnd: str = "") -> Tabell:
    """Beräkningen lämnar rubrikerna som mallar ({ar}, {man}, {namnd} …); de fylls i här med svenska månadsnamn
    och nämndens namn (`namnd`; regionens namn för en tabell över hela regionen)."""
    kolumner = tuple(dataclasses.replace(k, rubrik=rubrik(k.rubrik, period, namnd),
                                         grupp=rubrik(k.grupp, period, namnd) if k.grupp else None)
                     for k in t.kolumner)
    kontroller = tuple(dataclasses.replace(k, kolumn=rubrik(k.kolumn, period, namnd)) for k in t.kontroller)
    return dataclasses.replace(t, rubrik=rubrik(t.rubrik, period, namnd), kolumner=kolumner, kontroller=kontroller)


def _berakna(projekt: Projekt, indata: Indata, namn: str, namnd: str, period: Period) -> Tabell:
    tabeller = projekt.konfig.tabeller
    if namn not in tabeller:
        raise RapportverkFel(f"tabellen '{namn}' finns inte i {projekt.fil}{forslag(namn, tabeller)}; "
                             f"se 'rapport tabell --lista'.")
    tdef = tabeller[namn]
    namnd_def = projekt.namnd(namnd)
    if tdef.typ == "atgarder":
        if indata.atgarder is None:
            raise RapportverkFel(f"tabellen '{namn}' behöver källan kallor.atgarder i {projekt.fil}.")
        if namnd == REGION:
            return atgardstabell(namn, tdef, indata.atgarder, None, namnd_def.namn, period)
        return atgardstabell(namn, tdef, indata.atgarder.filter(pl.col("namnd") == namnd), namnd, namnd_def.namn,
                             period)
    if tdef.typ == "budgetomfordelningar":
        if indata.budgetomfordelningar is None:
            raise RapportverkFel(f"tabellen '{namn}' behöver källan kallor.budgetomfordelningar i {projekt.fil}.")
        namnder = {n.id: n.namn for n in projekt.konfig.namnder}
        return omfordelningstabell(namn, tdef, indata.budgetomfordelningar, namnder, period)
    if tdef.typ == "investeringar":
        if indata.investeringar is None:
            raise RapportverkFel(f"tabellen '{namn}' behöver källan kallor.investeringar i {projekt.fil}.")
        if not galler_hela_regionen(tdef, indata):
            # Filen har nämnder: en nämnds tabell visar nämndens investeringar, regionens alla.
            return investeringstabell(namn, tdef, indata.investeringar, period, None if namnd == REGION else namnd)
        return investeringstabell(namn, tdef, indata.investeringar, period)
    if tdef.typ == "personal":
        if indata.personal is None:
            raise RapportverkFel(f"tabellen '{namn}' behöver källan kallor.personal i {projekt.fil}.")
        namnder_ = [(n.id, n.namn) for n in projekt.konfig.namnder]
        hela = tdef.omfang == "region" or namnd == REGION
        personal = indata.personal if hela else indata.personal.filter(pl.col("namnd") == namnd)
        return personaltabell(namn, tdef, personal, namnder_, period,
                              Urval("personal", () if hela else (("namnd", namnd),)))
    if tdef.typ == "sjukfranvaro":
        if indata.personal is None:
            raise RapportverkFel(f"tabellen '{namn}' behöver källan kallor.personal i {projekt.fil}.")
        hela = tdef.omfang == "region" or namnd == REGION
        personal = indata.personal if hela else indata.personal.filter(pl.col("namnd") == namnd)
        return sjukfranvarotabell(namn, tdef, personal, period,
                                  Urval("personal", () if hela else (("namnd", namnd),)))
    if tdef.typ == "uppstallning":
        namnder_ = [(n.id, n.namn) for n in projekt.konfig.namnder]
        return uppstallning(namn, tdef, _kontofilter(projekt, indata.huvudbok, tdef.kontogrupp), namnder_, period,
                            regionprognoser(projekt, indata, period), _externa(projekt, indata, tdef, period))

    return mattabell_for(projekt, indata, namn, tdef, namnd, period)


def galler_hela_regionen(tdef: TabellDef, indata: Indata | None = None) -> bool:
    """Om tabellen blir densamma i varje nämnds rapport (bygg_tabell läser då inte nämnden): uppställningar,
    budgetomfördelningar, investeringar (utom när investeringsfilen har en kolumn namnd) och tabeller med
    `omfang: region`, men aldrig åtgärderna."""
    if tdef.typ == "investeringar" and tdef.omfang != "region":
        ram = indata.investeringar if indata is not None else None
        return ram is None or "namnd" not in ram.columns
    return tdef.typ in ("uppstallning", "budgetomfordelningar") or (
        tdef.typ != "atgarder" and tdef.omfang == "region")


# Den senast filtrerade nämndens rader: en nämnds tabeller byggs efter varandra, så huvudboken filtreras en gång per
# nämnd i stället för en gång per tabell. Bara en nämnd åt gången per ram (summan och raderna, som diagrammen
# läser), så att minnet inte växer med antalet nämnder.
_SENASTE: list[tuple[pl.DataFrame, str, pl.DataFrame]] = []


def namndens_rader(huvudbok: pl.DataFrame, namnd: str) -> pl.DataFrame:
    """Nämndens rader i huvudboken (eller i summan av den), i samma ordning."""
    for ram, n, rader in _SENASTE:
        if ram is huvudbok and n == namnd:
            return rader
    rader = huvudbok.filter(pl.col("namnd") == namnd)
    andra = [x for x in _SENASTE if x[0] is not huvudbok]
    _SENASTE[:] = [*andra[-1:], (huvudbok, namnd, rader)]
    return rader


def mattabell_for(projekt: Projekt, indata: Indata, namn: str, tdef: TabellDef, namnd: str, period: Period) -> Tabell:
    """En tabell av mått för en nämnd: filtrera huvudboken, välj raderna, koppla prognosen; med `underrader` står
    den lägre nivåns rader indragna under sin rad."""
    tabell = _mattabell_for(projekt, indata, namn, tdef, namnd, period)
    if tdef.underrader is None or tdef.rader is None:
        return tabell
    under = _mattabell_for(projekt, indata, namn, tdef.model_copy(update={"rader": tdef.underrader,
                                                                          "underrader": None}), namnd, period)
    org = indata.organisation.select(pl.col(tdef.underrader).cast(pl.Utf8), pl.col(tdef.rader).cast(pl.Utf8))
    return med_underrader(tabell, under, dict(org.unique().iter_rows()))


def _mattabell_for(projekt: Projekt, indata: Indata, namn: str, tdef: TabellDef, namnd: str, period: Period
                   ) -> Tabell:
    dimension = tdef.rader or ""
    _filtrerat: set[str] = set()
    huvudbok = indata.huvudbok
    if tdef.omfang == "namnd" and namnd != REGION:
        huvudbok = namndens_rader(huvudbok, namnd)
        _filtrerat.add("namnd")
    huvudbok = _kontofilter(projekt, huvudbok.filter(pl.col("sektion") == tdef.sektion), tdef.kontogrupp)
    if dimension == "kostnadsslag":
        finns = set(huvudbok["kostnadsslag"].unique().to_list())  # en gång, inte en gång per rad
        ordning = [r.namn for r in projekt.kostnadsslag.rader if not r.varav and r.sektion == tdef.sektion
                   and r.namn in finns]
    elif dimension == "namnd":
        med_data = set(huvudbok["namnd"].unique())
        ordning = [n for n in projekt.namnd_ids if n in med_data]
    else:
        # Hierarkins ordning, men bara noder med bokningar i tabellens sektion (en finansförvaltning
        # utan verksamhetskonton ska inte bli en nollrad i verksamhetens tabeller).
        med_data = set(huvudbok[dimension].unique())
        org = (indata.organisation if tdef.omfang == "region" or namnd == REGION
               else indata.organisation.filter(pl.col("namnd") == namnd))
        ordning = [n for n in org[dimension].unique(maintain_order=True).to_list() if n in med_data]
    huvudbok = huvudbok.with_columns(pl.col(dimension).cast(pl.Utf8).alias("radnyckel"))
    if dimension != "kostnadsslag":
        huvudbok = huvudbok.drop("varav")
    prognos = None
    pk = projekt.konfig.kallor.prognos[0] if projekt.konfig.kallor.prognos else None
    if indata.prognos is not None and pk is not None and any(k.matt.startswith("prognos") for k in tdef.kolumner):
        # En tabell över hela regionen (omfang: region, t.ex. en rad per nämnd) har alla nämnders prognoser,
        # också i en nämnds egen rapport.
        hela = namnd == REGION or tdef.omfang == "region"
        prognos = prognos_per_rad(indata.prognos, indata.organisation, huvudbok, None if hela else namnd,
                                  period, pk.niva, pk.typ, dimension, projekt.org_nivaer)
    urval = Urval("huvudbok", (("sektion", tdef.sektion),) + ((("namnd", namnd),) if "namnd" in _filtrerat else ()),
                  tuple(projekt.konfig.kontogrupper[tdef.kontogrupp]) if tdef.kontogrupp else ())
    tabell = mattabell(namn, tdef, huvudbok, ordning, period, prognos, urval)
    if dimension == "namnd":
        namn_for = {n.id: n.namn for n in projekt.konfig.namnder}
        tabell = dataclasses.replace(tabell, rader=tuple(
            dataclasses.replace(r, etikett=namn_for.get(r.etikett, r.etikett)) if r.typ == "normal" else r
            for r in tabell.rader))
    return tabell


def regionprognoser(projekt: Projekt, indata: Indata, period: Period) -> Prognoser:
    """Prognosavvikelserna för perioden per nämnd (nämndernas prognosfiler) och per rad (regionens prognosfil),
    och de manuella radernas utfall."""
    per_namnd: dict[str, float] | None = None
    pk = projekt.konfig.kallor.prognos[0] if projekt.konfig.kallor.prognos else None
    if indata.prognos is not None and pk is not None:
        per_namnd = {}
        # Huvudboken behövs bara för att räkna om ett helårsutfall till avvikelse (årsbudgeten per nod); för en
        # prognos lämnad som avvikelse räcker prognosfilen, och 40 filter över huvudboken per tabell sparas.
        helar = pk.typ == "helarsutfall"
        verksamhet = indata.huvudbok.filter(pl.col("sektion") == "verksamhet") if helar else indata.huvudbok.clear()
        for n in projekt.namnd_ids:
            rader = prognos_per_rad(indata.prognos, indata.organisation,
                                    verksamhet.filter(pl.col("namnd").cast(pl.Utf8) == n) if helar else verksamhet,
                                    n, period, pk.niva, pk.typ, None, projekt.org_nivaer)
            if rader is not None:
                per_namnd[n] = float(rader["prognos_avvikelse"].sum())
        per_namnd = per_namnd or None
    per_rad = utfall = utfall_fg = None
    if indata.regionprognos is not None:
        rp = indata.regionprognos

        def summa(p: Period, kolumn: str) -> dict[str, float]:
            ram = rp.filter((pl.col("period") == p.forsta_dag) & pl.col(kolumn).is_not_null())
            return dict(ram.group_by("radnamn").agg(pl.col(kolumn).sum()).iter_rows())

        per_rad = summa(period, "prognos_avvikelse") or None
        if "utfall" in rp.columns:
            utfall, utfall_fg = summa(period, "utfall"), summa(period.fg, "utfall")
    omfordelat = omfordelat_rad = None
    if indata.budgetomfordelningar is not None:
        i_ar = indata.budgetomfordelningar.filter(
            pl.col("period").is_between(Period(period.ar, 1).forsta_dag, period.forsta_dag))
        # En omfördelning gäller en nämnds ram (namnd) eller en rad i uppställningarna (radnamn), aldrig båda.
        omfordelat = dict(i_ar.filter(pl.col("namnd").is_not_null())
                          .group_by("namnd").agg(pl.col("belopp").sum()).iter_rows())
        if "radnamn" in i_ar.columns:
            omfordelat_rad = dict(i_ar.filter(pl.col("radnamn").is_not_null())
                                  .group_by("radnamn").agg(pl.col("belopp").sum()).iter_rows())
    return Prognoser(per_namnd, per_rad, utfall, utfall_fg, omfordelat, omfordelat_rad)


def _externa(projekt: Projekt, indata: Indata, tdef: TabellDef, period: Period, djup: int = 0
             ) -> dict[str, dict[str, pl.DataFrame]]:
    """Bassummorna i de uppställningar som tabellens `fran`-rader hämtar från (konfigurationen förbjuder
    att en tabell hämtar från sig själv; djupet skyddar mot längre kretsar)."""
    if djup > 8:
        raise RapportverkFel("uppställningarna hämtar rader från varandra i en krets (fran); bryt kretsen i "
                             f"{projekt.fil}.")
    namnder_ = [(n.id, n.namn) for n in projekt.konfig.namnder]
    ut: dict[str, dict[str, pl.DataFrame]] = {}
    hamtas = [r.fran for r in tdef.uppstallning if r.fran] + [k.tabell for k in tdef.kontroller if k.tabell]
    for fran in hamtas:
        if fran not in ut:
            annan = projekt.konfig.tabeller[fran]
            _rader, linjer, _utan, _delar, _ids = uppstallning_bas(
                annan, _kontofilter(projekt, indata.huvudbok, annan.kontogrupp), namnder_, period,
                regionprognoser(projekt, indata, period), _externa(projekt, indata, annan, period, djup + 1))
            ut[fran] = linjer
    return ut


def _kontofilter(projekt: Projekt, huvudbok: pl.DataFrame, kontogrupp: str | None) -> pl.DataFrame:
    if kontogrupp is None:
        return huvudbok
    return huvudbok.filter(i_intervall(projekt.konfig.kontogrupper[kontogrupp], huvudbok.schema["konto"]))


def nyckeltal(projekt: Projekt, indata: Indata, namnd: str, period: Period, sektion: str = "verksamhet"
              ) -> dict[str, float | None]:
    """Varje mått för nämnden som helhet — det textblock hämtar med t.ex. {{ ack_avvikelse() }}."""
    tdef = TabellDef(rubrik="", rader="namnd", kolumner=[KolumnDef(matt=m) for m in MATT], sektion=sektion)
    t = mattabell_for(projekt, summerad(projekt, indata), "nyckeltal", tdef, namnd, period)
    return dict(zip([k.nyckel for k in t.kolumner], t.rader[-1].varden, strict=True))


def senaste_prognosen(projekt: Projekt, indata: Indata, namnd: str, period: Period) -> tuple[Period, float] | None:
    """Nämndens senaste prognosavvikelse för helåret t.o.m. perioden: (prognosens period, avvikelse i kr)."""
    pk = projekt.konfig.kallor.prognos[0] if projekt.konfig.kallor.prognos else None
    if indata.prognos is None or pk is None:
        return None
    indata = summerad(projekt, indata)
    urval = pl.col("sektion") == "verksamhet"
    if namnd != REGION:
        urval &= pl.col("namnd") == namnd
    return senaste_prognos(indata.prognos, indata.organisation, indata.huvudbok.filter(urval),
                           None if namnd == REGION else namnd, period, pk.niva, pk.typ, projekt.org_nivaer)


__all__ = ["bygg_tabell", "ladda_projekt", "las_indata", "nyckeltal", "summerad", "tabellnamn"]
