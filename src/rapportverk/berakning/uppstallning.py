"""Uppställningar: rader för nämnderna, för kostnadsslag och summor av rader ovanför (regionens resultat).

Varje rad har samma additiva bassummor som måttabellerna; en summarad är summan av delarnas oavrundade
bassummor, och måtten räknas sedan på varje rad — ingen summa matas in eller räknas från avrundade tal.
"""

from __future__ import annotations

import polars as pl

from rapportverk.berakning.matt import BASSUMMOR, MATT, bassummor, rubrik
from rapportverk.berakning.modell import Rad, Tabell
from rapportverk.berakning.tabell import kolumner
from rapportverk.konfig.modell import Tabell as TabellDef
from rapportverk.period import Period


def uppstallning(namn: str, tdef: TabellDef, huvudbok: pl.DataFrame, namnder: list[tuple[str, str]],
                 period: Period) -> Tabell:
    """`huvudbok` är hela regionens (alla sektioner); `namnder` är (id, namn) i visningsordning."""
    kol = kolumner(tdef.kolumner, MATT, tdef.decimaler, period)
    uttryck = bassummor(period)
    tom = pl.DataFrame({b: [0.0] for b in BASSUMMOR})

    def summor(urval: pl.DataFrame) -> pl.DataFrame:
        return urval.select(uttryck) if urval.height else tom

    per_namnd = (huvudbok.filter(pl.col("sektion") == "verksamhet").group_by("namnd").agg(uttryck))
    linjer: dict[str, pl.DataFrame] = {}
    rader: list[tuple[str, str, pl.DataFrame]] = []
    sista_summa = max((i for i, r in enumerate(tdef.uppstallning) if r.summa), default=-1)
    for i, r in enumerate(tdef.uppstallning):
        if r.namnder:
            delar = []
            for namnd_id, namnd_namn in namnder:
                bas = per_namnd.filter(pl.col("namnd") == namnd_id).drop("namnd")
                if bas.height:
                    rader.append((namnd_namn, r.typ or "normal", bas))
                    delar.append(bas)
            linjer["namnder"] = pl.concat(delar).sum() if delar else tom
        elif r.kostnadsslag:
            bas = summor(huvudbok.filter(pl.col("kostnadsslag") == r.kostnadsslag))
            linjer[r.kostnadsslag] = bas
            rader.append((r.etikett or r.kostnadsslag, r.typ or "normal", bas))
        else:
            assert r.summa is not None
            bas = pl.concat([linjer[a] for a in r.av]).sum()
            linjer[r.summa] = bas
            rader.append((r.etikett or r.summa, r.typ or ("summa" if i == sista_summa else "delsumma"), bas))

    utan_prognos = pl.lit(None, dtype=pl.Float64).alias("prognos_avvikelse")
    ut = []
    for etikett, typ, bas in rader:
        varden = bas.with_columns(utan_prognos).with_columns(MATT[k.nyckel].uttryck().alias(k.nyckel) for k in kol)
        ut.append(Rad(etikett, typ, tuple(varden.row(0, named=True)[k.nyckel] for k in kol)))  # type: ignore[arg-type]
    return Tabell(namn, rubrik(tdef.rubrik, period), "", kol, tuple(ut), tdef.enhet)
