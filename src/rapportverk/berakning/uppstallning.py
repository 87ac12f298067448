"""Uppställningar: regionens resultat, resultaträkning, balansräkning, kassaflödesanalys och balanskrav.

Varje rad har samma additiva bassummor som måttabellerna (plus prognosavvikelsen); en summarad är summan av
delarnas oavrundade bassummor, och måtten räknas sedan på varje rad — ingen summa matas in eller räknas från
avrundade tal. Rader kan vara nämnderna, ett kostnadsslag, kontointervall, en rad ur en annan uppställning
eller en manuell rad (t.ex. resultatutjämningsreserven), se konfig.modell.Uppstallningsrad.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from rapportverk.berakning.matt import BASSUMMOR, OMFORDELAT, PROGNOS_AVVIKELSE, UPPSTALLNINGSMATT, bassummor
from rapportverk.berakning.modell import Kontrollavvikelse, Rad, Tabell, Urval
from rapportverk.berakning.tabell import kolumner
from rapportverk.berakning.urval import i_intervall
from rapportverk.konfig.modell import Tabell as TabellDef
from rapportverk.period import Period

# Huvudbokens bassummor och de inmatade: prognosavvikelsen och årets budgetomfördelningar per nämnd.
BAS = (*BASSUMMOR, PROGNOS_AVVIKELSE.namn, OMFORDELAT.namn)
# Skillnad (kr) som en kontroll tål: öresavrundning i indata.
TOLERANS = 0.5


@dataclass(frozen=True)
class Prognoser:
    """Prognosavvikelser för perioden: per nämnd (summa över nämndens noder) och per radnamn (regionens
    prognosfil). `None` betyder att ingen prognos har lämnats för perioden; då visas prognoskolumnerna tomma."""

    per_namnd: Mapping[str, float] | None = None
    per_rad: Mapping[str, float] | None = None
    # Manuella rader: utfall januari t.o.m. perioden och samma period föregående år.
    utfall: Mapping[str, float] | None = None
    utfall_fg: Mapping[str, float] | None = None
    # Årets budgetomfördelningar t.o.m. perioden per nämnd (positivt = ökad ram), för ursprunglig budget.
    omfordelat: Mapping[str, float] | None = None
    # Och per rad i uppställningarna (t.ex. generella statsbidrag): ändringen av radens budget med radens tecken.
    omfordelat_rad: Mapping[str, float] | None = None


def uppstallning_bas(tdef: TabellDef, huvudbok: pl.DataFrame, namnder: list[tuple[str, str]], period: Period,
                     prognoser: Prognoser, externa: Mapping[str, Mapping[str, pl.DataFrame]] | None = None
                     ) -> tuple[list[tuple[str, str, pl.DataFrame, Urval | None]], dict[str, pl.DataFrame], list[str],
                           dict[int, tuple[int, ...]], dict[int, str]]:
    """Bassummorna per visad rad: (etikett, radtyp, en rad med BAS, radens urval), alla rader per namn (för
    summor, kontroller och andra uppställningar), raderna som saknade prognos, och för varje summarad (index)
    indexen för de visade rader den summerar, och varje visad rads id (konfigurationens namn för raden, nämndens id
    för nämndraderna) — det mallar och nyckeltal hänvisar till, så att etiketten kan ändras fritt."""
    uttryck = bassummor(period)
    har_prognos = prognoser.per_namnd is not None or prognoser.per_rad is not None
    tom = pl.DataFrame({b: [0.0] for b in BAS})

    def med_prognos(bas: pl.DataFrame, avvikelse: float | None, omfordelat: float = 0.0) -> pl.DataFrame:
        varde = (avvikelse or 0.0) if har_prognos else None
        return bas.with_columns(pl.lit(varde, dtype=pl.Float64).alias("prognos_avvikelse"),
                                pl.lit(omfordelat, dtype=pl.Float64).alias("omfordelat")).select(BAS)

    def summor(urval: pl.DataFrame) -> pl.DataFrame:
        return urval.select(uttryck) if urval.height else tom.drop("prognos_avvikelse")

    def rad_omfordelat(namn: str) -> float:
        # Ursprunglig budget = årsbudget + omfordelat: en höjd budget på raden dras alltså ifrån.
        return -(prognoser.omfordelat_rad or {}).get(namn, 0.0)

    def rad_prognos(namn: str) -> float | None:
        if prognoser.per_rad is None or namn not in prognoser.per_rad:
            if har_prognos:
                utan.append(namn)
            return None
        return prognoser.per_rad[namn]

    utan: list[str] = []
    per_namnd = huvudbok.filter(pl.col("sektion") == "verksamhet").group_by("namnd").agg(uttryck)
    linjer: dict[str, pl.DataFrame] = {}
    urvalen: dict[str, Urval] = {}
    visade: dict[str, tuple[int, ...]] = {}  # radnamn → index för de visade rader som är raden (nämnderna: flera)
    rader: list[tuple[str, str, pl.DataFrame, Urval | None]] = []
    ids: dict[int, str] = {}
    sista_summa = max((i for i, r in enumerate(tdef.uppstallning) if r.summa), default=-1)
    for i, r in enumerate(tdef.uppstallning):
        typ = r.typ or "normal"
        if r.namnder:
            delar, namnd_urval = [], []
            for namnd_id, namnd_namn in namnder:
                bas = per_namnd.filter(pl.col("namnd").cast(pl.Utf8) == namnd_id).drop("namnd")
                if bas.height:
                    avv = (prognoser.per_namnd or {}).get(namnd_id)
                    if har_prognos and avv is None:
                        utan.append(namnd_namn)  # visas som årsbudgeten, med en not under tabellen
                    bas = med_prognos(bas, avv, (prognoser.omfordelat or {}).get(namnd_id, 0.0))
                    u = Urval("huvudbok", (("sektion", "verksamhet"), ("namnd", namnd_id)))
                    ids[len(rader)] = namnd_id
                    rader.append((namnd_namn, typ, bas, u))
                    delar.append(bas)
                    namnd_urval.append(u)
            bas = _summa(delar) if delar else med_prognos(tom, 0.0)
            urval = Urval("huvudbok", (("sektion", "verksamhet"),))
            visade[r.namn] = tuple(range(len(rader) - len(delar), len(rader)))
        elif r.kostnadsslag:
            bas = med_prognos(summor(huvudbok.filter(pl.col("kostnadsslag") == r.kostnadsslag)),
                              rad_prognos(r.etikett or r.namn), rad_omfordelat(r.etikett or r.namn))
            urval = Urval("huvudbok", (("kostnadsslag", r.kostnadsslag), ("_rad", r.etikett or r.namn)))
        elif r.konton:
            bas = med_prognos(summor(huvudbok.filter(i_intervall(r.konton, huvudbok.schema["konto"]))),
                              rad_prognos(r.etikett or r.namn), rad_omfordelat(r.etikett or r.namn))
            urval = Urval("huvudbok", (("_rad", r.etikett or r.namn),), tuple(r.konton))
        elif r.fran:
            bas = (externa or {}).get(r.fran, {}).get(r.namn, med_prognos(tom, None))
            urval = Urval(f"tabell:{r.fran}", (("rad", r.namn),))
        elif r.manuell:
            namn = r.etikett or r.namn
            utfall = (prognoser.utfall or {}).get(namn, 0.0)
            utfall_fg = (prognoser.utfall_fg or {}).get(namn, 0.0)
            bas = med_prognos(tom.with_columns(pl.lit(utfall).alias("ack_utfall"),
                                               pl.lit(utfall_fg).alias("ack_utfall_fg")), rad_prognos(namn),
                              rad_omfordelat(namn))
            urval = Urval("regionprognos", (("radnamn", namn),))
        elif r.rubrik is not None:
            ids[len(rader)] = r.rubrik
            rader.append((r.rubrik, "rubrik", pl.DataFrame({b: [None] for b in BAS}, schema=dict.fromkeys(
                BAS, pl.Float64)), None))
            continue
        else:
            bas = _summa([linjer[a] for a in r.av])
            typ = r.typ or ("summa" if i == sista_summa else "delsumma")
            urval = Urval("summa", delar=tuple(urvalen[a] for a in r.av))
        if r.tecken == "omvant":
            bas = bas.select(-pl.col(c) for c in BAS)
            urval = dataclasses.replace(urval, tecken=-urval.tecken)
        linjer[r.namn] = bas
        urvalen[r.namn] = urval
        if not r.namnder:
            visade[r.namn] = (len(rader),)
            ids[len(rader)] = r.namn
            rader.append((r.etikett or r.namn, typ, bas, urval))
    summadelar = {visade[r.namn][0]: tuple(i for a in r.av for i in visade[a])
                  for r in tdef.uppstallning if r.summa}
    return rader, linjer, utan, summadelar, ids


def _summa(delar: list[pl.DataFrame]) -> pl.DataFrame:
    """Summan av rader; prognosen är tom om någon del saknar den (då finns ingen prognos alls)."""
    ram = pl.concat(delar)
    return ram.select([pl.col(c).sum() for c in (*BASSUMMOR, "omfordelat")]
                      + [pl.when(pl.col("prognos_avvikelse").null_count() == 0)
                         .then(pl.col("prognos_avvikelse").sum()).alias("prognos_avvikelse")]).select(BAS)


def uppstallning(namn: str, tdef: TabellDef, huvudbok: pl.DataFrame, namnder: list[tuple[str, str]],
                 period: Period, prognoser: Prognoser | None = None,
                 externa: Mapping[str, Mapping[str, pl.DataFrame]] | None = None) -> Tabell:
    """`huvudbok` är hela regionens (alla sektioner); `namnder` är (id, namn) i visningsordning; `externa` har
    bassummorna för raderna i de uppställningar som rader med `fran` hämtar från."""
    kol = kolumner(tdef.kolumner, UPPSTALLNINGSMATT, tdef)
    rader, linjer, utan, summadelar, ids = uppstallning_bas(tdef, huvudbok, namnder, period, prognoser or Prognoser(),
                                                       externa)
    if not any((bas["omfordelat"][0] or 0.0) != 0 for _e, _t, bas, _u in rader):
        # Ursprunglig budget är då samma som den reviderade; kolumnen skulle bara upprepa årsbudgeten.
        kol = tuple(k for k in kol if k.nyckel != "ursprunglig_arsbudget")
    ut = []
    # En reduktionsplan räknas med tabellens minskning, som i en måttabell.
    minskning = pl.lit(tdef.minskning or 0.0).alias("minskning")
    for i, (etikett, typ, bas, urval) in enumerate(rader):
        varden = bas.with_columns(minskning).with_columns(
            UPPSTALLNINGSMATT[k.nyckel].uttryck().alias(k.nyckel) for k in kol).row(0, named=True)
        niva = 1 if typ == "varav" else 0
        ut.append(Rad(etikett, typ, tuple(varden[k.nyckel] for k in kol), niva, urval,  # type: ignore[arg-type]
                      summadelar.get(i, ()), ids.get(i)))
    avvikelser = []
    for kontroll in tdef.kontroller:
        andra = (externa or {}).get(kontroll.tabell, {}) if kontroll.tabell else linjer
        if kontroll.lika_med not in andra:
            continue
        a, b = (ram.with_columns(minskning).with_columns(UPPSTALLNINGSMATT[k.nyckel].uttryck().alias(k.nyckel)
                                                          for k in kol)
                for ram in (linjer[kontroll.rad], andra[kontroll.lika_med]))
        for k in kol:
            va, vb = a[k.nyckel][0], b[k.nyckel][0]
            if k.typ == "belopp" and va is not None and vb is not None and abs(va - vb) > TOLERANS:
                avvikelser.append(Kontrollavvikelse(kontroll.rad, kontroll.lika_med, k.rubrik, va - vb))
    visade_prognos = any(k.nyckel.startswith("prognos") for k in kol)
    return Tabell(namn, tdef.rubrik, "", kol, tuple(ut), tdef.enhet, (), tuple(avvikelser),
                  tuple(utan) if visade_prognos else ())
