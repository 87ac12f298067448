"""Tabeller ur inmatade listor: åtgärder (plan och effekt) och budgetomfördelningar; summorna i en lista under
kallor.listor."""

from __future__ import annotations

import polars as pl

from rapportverk.berakning.matt import ATGARDSMATT, INVESTERINGSMATT, OMFORDELAT, OMFORDELNINGSMATT, summerade
from rapportverk.berakning.modell import Rad, Tabell, Urval
from rapportverk.berakning.tabell import kolumner, summarad
from rapportverk.konfig.modell import Kolumn as KolumnDef
from rapportverk.konfig.modell import Tabell as TabellDef
from rapportverk.period import Period

_ATGARDSBAS = summerade(ATGARDSMATT.values())


def atgardstabell(namn: str, tdef: TabellDef, atgarder: pl.DataFrame, namnd: str | None, namnd_namn: str,
                  period: Period) -> Tabell:
    """Åtgärder per enhet med summarad per enhet och för nämnden (None: redan urvalet för hela regionen);
    effekt % från summorna. `atgarder` är redan filtrerad på nämnden."""
    defs = tdef.kolumner or [KolumnDef(matt=m) for m in ATGARDSMATT]
    kol = kolumner(defs, ATGARDSMATT, tdef)
    urval = atgarder.filter(pl.col("period") == period.forsta_dag).sort("rad")

    def varden(ram: pl.DataFrame) -> tuple[float | None, ...]:
        summor = ram.select(b.aggregat(period) for b in _ATGARDSBAS)
        rad = summor.with_columns(ATGARDSMATT[k.nyckel].uttryck().alias(k.nyckel) for k in kol).row(0, named=True)
        return tuple(rad[k.nyckel] for k in kol)

    rader: list[Rad] = []
    bas = Urval("atgarder", (("period", str(period)),) + ((("namnd", namnd),) if namnd else ()))
    for (enhet,), grupp in urval.group_by("enhet", maintain_order=True):
        rader.append(Rad(str(enhet), "rubrik", tuple(None for _ in kol)))
        forsta = len(rader)
        for i in range(grupp.height):
            rader.append(Rad(grupp["atgard"][i], "normal", varden(grupp.slice(i, 1)), niva=1,
                             urval=bas.med(enhet=str(enhet), atgard=grupp["atgard"][i])))
        rader.append(Rad(f"Summa {enhet}", "delsumma", varden(grupp), urval=bas.med(enhet=str(enhet)),
                         delar=tuple(range(forsta, len(rader)))))
    rader.append(Rad(summarad(tdef, f"Summa {namnd_namn}"), "summa", varden(urval),
                     urval=bas, delar=_index(rader, "delsumma")))
    return Tabell(namn, tdef.rubrik, "Enhet / åtgärd", kol, tuple(rader), tdef.enhet)


def omfordelningstabell(namn: str, tdef: TabellDef, omfordelningar: pl.DataFrame, namnder: dict[str, str],
                        period: Period) -> Tabell:
    """Budgetomfördelningar under året t.o.m. perioden, per nämnd och grupp, med nettoförändring."""
    defs = tdef.kolumner or [KolumnDef(matt="belopp")]
    kol = kolumner(defs, OMFORDELNINGSMATT, tdef)
    fran, till = OMFORDELAT.manader(period)
    # Omfördelningar på en rad i uppställningarna (namnd tom) ändrar bara radens ursprungliga budget; tabellen
    # visar nämndernas ramar.
    urval = omfordelningar.filter(pl.col("period").is_between(fran.forsta_dag, till.forsta_dag)
                                  & pl.col("namnd").is_not_null())
    ordning = {n: i for i, n in enumerate(namnder)}
    urval = urval.with_columns(pl.col("namnd").replace_strict(ordning, default=len(ordning)).alias("_ordning"))
    rader: list[Rad] = []
    for (namnd,), per_namnd in urval.sort("_ordning", "rad").group_by("namnd", maintain_order=True):
        visat = namnder.get(str(namnd), str(namnd))
        rader.append(Rad(visat, "rubrik", (None,)))
        forsta = len(rader)
        for (grupp,), per_grupp in per_namnd.group_by("grupp", maintain_order=True):
            rader.append(Rad(str(grupp), "rubrik", (None,), niva=1))
            for text, belopp in per_grupp.select("text", "belopp").iter_rows():
                rader.append(Rad(text, "normal", (belopp,), niva=2, urval=Urval("budgetomfordelningar", (
                    ("namnd", str(namnd)), ("grupp", str(grupp)), ("text", text)))))
        delar = tuple(i for i in range(forsta, len(rader)) if rader[i].typ == "normal")
        rader.append(Rad(f"Summa {visat}", "delsumma", (per_namnd["belopp"].sum(),), delar=delar))
    rader.append(Rad(summarad(tdef, "Nettoförändring"), "summa",
                     (urval["belopp"].sum(),), delar=_index(rader, "delsumma")))
    return Tabell(namn, tdef.rubrik, "", kol, tuple(rader), tdef.enhet)


_INVESTERINGSBAS = summerade(INVESTERINGSMATT.values())


def investeringstabell(namn: str, tdef: TabellDef, investeringar: pl.DataFrame, period: Period,
                       namnd: str | None = None) -> Tabell:
    """Investeringar per område för perioden, med summarad; avvikelsen räknas från summorna. Med `namnd` bara
    nämndens rader (filen har då en kolumn namnd)."""
    defs = tdef.kolumner or [KolumnDef(matt=m) for m in INVESTERINGSMATT]
    kol = kolumner(defs, INVESTERINGSMATT, tdef)
    urval = investeringar.filter(pl.col("period") == period.forsta_dag).sort("rad")
    bas = Urval("investeringar", (("period", str(period)),))
    if namnd is not None:
        urval = urval.filter(pl.col("namnd") == namnd)
        bas = bas.med(namnd=namnd)

    def varden(ram: pl.DataFrame) -> tuple[float | None, ...]:
        summor = ram.select(b.aggregat(period) for b in _INVESTERINGSBAS)
        rad = summor.with_columns(INVESTERINGSMATT[k.nyckel].uttryck().alias(k.nyckel) for k in kol).row(0, named=True)
        return tuple(rad[k.nyckel] for k in kol)

    rader = [Rad(str(omrade), "normal", varden(grupp), urval=bas.med(investeringsomrade=str(omrade)))
             for (omrade,), grupp in urval.group_by("investeringsomrade", maintain_order=True)]
    rader.append(Rad(summarad(tdef, "Totalt"), "summa", varden(urval), urval=bas, delar=_index(rader, "normal")))
    return Tabell(namn, tdef.rubrik, "Investeringsområde", kol, tuple(rader), tdef.enhet)


def _index(rader: list[Rad], typ: str) -> tuple[int, ...]:
    """Index för raderna av typen (delarna som en summarad summerar)."""
    return tuple(i for i, r in enumerate(rader) if r.typ == typ)


def listsummor(ram: pl.DataFrame, kolumner: tuple[str, ...]) -> tuple[float | None, ...]:
    """Summan av varje kolumn (tolkade tal, oavrundade); tomma celler räknas inte, en kolumn utan tal ger None."""
    return tuple(None if ram[k].is_null().all() else float(ram[k].sum()) for k in kolumner)
