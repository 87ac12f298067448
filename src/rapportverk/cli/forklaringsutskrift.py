"""En förklaring (forklara.Forklaring) som svensk text i terminalen och som Excel-fil med varje bidragande rad."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from rapportverk.analys.forklara import Forklaring, Term, kontroll, kvotvarde
from rapportverk.formatering import belopp, cell, manadsnamn, procent, tal
from rapportverk.konfig import REGION
from rapportverk.utdata.siffror import cell_id

VISADE = 20
ENHETSORD = {"mkr": "miljoner kronor", "tkr": "tusen kronor", "kr": "kronor"}


def kr(v: float | None, enhet: str = "kr") -> str:
    if v is None:
        return "–"
    return f"{belopp(v, 'kr', 2)} kr" if enhet == "kr" else f"{tal(v, 2)} {enhet}"


def _varde(f: Forklaring, v: float | None) -> str:
    if f.typ == "procent":
        return procent(v, 6) if v is not None else "–"
    if f.typ == "antal":
        return cell("antal", v, f.enhet, 6) if v is not None else "–"
    return kr(v)


def text(f: Forklaring) -> list[str]:
    """Rader att skriva ut: cellen, värdet och hur det avrundas, formeln, termerna och de största bidragen."""
    vem = f"{f.namndnamn} (hela regionen)" if f.namnd == REGION else f.namndnamn or f.namnd
    ut = [f"Cell {cell_id(f.namnd, f.period, f.tabell, f.rad, f.kolumn)}: {f.tabellrubrik} — {f.rad} — "
          f"{f.kolumnrubrik} ({f.kolumn})",
          f"{vem}, {manadsnamn(f.period.manad)} {f.period.ar}"]
    visat = cell(f.typ, f.varde, f.enhet, f.decimaler)
    enhet = "procent" if f.typ == "procent" else "antal" if f.typ == "antal" else ENHETSORD.get(f.enhet, f.enhet)
    ut.append(f"Värde: {_varde(f, f.varde)}; visas som {visat or '–'} ({enhet}, {f.decimaler} decimaler, "
              "avrundat som Excel: hälften bort från noll).")
    ut.append(f"Formel: {f.formel}.")
    if f.termer:
        for t in f.termer:
            ut.append(f"  {'+' if t.koefficient >= 0 else '−'} {t.beskrivning}: {kr(t.varde, t.enhet)}")
    if f.taljare:
        ut.extend(_kvot(f.taljare, f.namnare, f.kvot, "  "))
    for d in f.delkvoter:
        v = kvotvarde(d.taljare, d.namnare, d.kvot)
        namn = f"{d.taljare[0].beskrivning} / {d.namnare[0].beskrivning}"
        ut.append(f"  {'+' if d.koefficient >= 0 else '−'} {namn}: {_varde(f, v)}")
        ut.extend(_kvot(d.taljare, d.namnare, d.kvot, "    "))
    k = kontroll(f)
    if k is not None and f.varde is not None:
        stammer = abs(k - f.varde) < 0.005 if f.typ == "belopp" else abs(k - f.varde) < 1e-9
        ut.append(f"Räknat från raderna nedan: {_varde(f, k)} — " + (
            ("stämmer med cellen till öret." if f.typ == "belopp" else "stämmer med cellen.") if stammer
            else "STÄMMER INTE med cellen."))
    ut.extend(f"Obs: {a}" for a in f.anmarkningar)
    for t in f.alla_termer:
        ut.extend(_bidrag(t))
    return ut


def _kvot(taljare: tuple[Term, ...], namnare: tuple[Term, ...], kvot: str, indrag: str) -> list[str]:
    """Täljaren och nämnaren på var sin rad."""
    a = sum(t.koefficient * t.varde for t in taljare)
    b = sum(t.koefficient * t.varde for t in namnare)
    ea, eb = taljare[0].enhet, namnare[0].enhet
    return [f"{indrag}Täljare: {kr(a, ea)}" + (" = " + " ".join(
                f"{'+' if t.koefficient >= 0 else '−'} {t.beskrivning} {kr(t.varde, t.enhet)}" for t in taljare)
                if len(taljare) > 1 else f" ({taljare[0].beskrivning})"),
            f"{indrag}Nämnare: {kr(b, eb)} ({', '.join(t.beskrivning for t in namnare)})"
            + ("; absolutbeloppet används" if kvot == "andel" and eb == "kr" else "")]


def _rader(n: int) -> str:
    return f"{n} rad" if n == 1 else f"{n} rader"


def _falt(v: object) -> str:
    import datetime as dt

    if isinstance(v, dt.date):
        return f"{v:%Y-%m}"
    if isinstance(v, float):
        return kr(v)
    return str(v)


def _bidrag(t: Term) -> list[str]:
    if t.rader.height == 0:
        return [f"{t.beskrivning}: inga rader."]
    if t.inmatad:
        ut = [f"{t.beskrivning} — {_rader(t.rader.height)}:"]
        for r in t.rader.head(VISADE).iter_rows(named=True):
            detalj = ", ".join(f"{k} {_falt(v)}" for k, v in r.items()
                               if k not in ("kalla", "rad", "bidrag", "tecken") and v is not None)
            ut.append(f"    {r['kalla']} rad {r['rad']}: {detalj}" + (f" → {kr(r['bidrag'], t.enhet)}"
                                                                       if r.get("bidrag") is not None else ""))
        return ut
    grupper = (t.rader.group_by("enhet", "konto")
               .agg(pl.col("bidrag").sum(), pl.len().alias("antal"), pl.col("kalla").first(),
                    pl.col("rad").min().alias("forsta"))
               .with_columns(pl.col("bidrag").abs().alias("_abs")).sort("_abs", "enhet", "konto",
                                                                        descending=[True, False, False]))
    ut = [f"{t.beskrivning} — största bidragen per kostnadsställe och konto ({_rader(t.rader.height)}):"]
    for r in grupper.head(VISADE).iter_rows(named=True):
        ut.append(f"    {r['enhet'] or '':<10} {r['konto']:<8} {kr(r['bidrag']):>24}   "
                  f"{_rader(r['antal'])}, {r['kalla']} rad {r['forsta']}" + (" …" if r["antal"] > 1 else ""))
    if grupper.height > VISADE:
        resten = grupper.slice(VISADE)
        ut.append(f"    övriga {_rader(int(resten['antal'].sum()))} ({resten.height} kombinationer), summa "
                  f"{kr(float(resten['bidrag'].sum()))}")
    return ut


def till_excel(f: Forklaring, fil: Path) -> None:
    """Varje bidragande rad med term, fil och rad, och en summarad per term (och för cellen när den är en summa
    av termerna), så att controllern kan stämma av i Excel."""
    from rapportverk.skriv import skriv_atomiskt

    delar = []
    for t in f.alla_termer:
        if "bidrag" not in t.rader.columns or t.rader.height == 0:
            continue
        ram = t.rader.with_columns(pl.lit(t.beskrivning).alias("term"), pl.lit(t.koefficient).alias("koefficient"),
                                   (pl.col("bidrag") * t.koefficient).alias("bidrag_i_cellen"))
        kol = ["term", "koefficient", *[c for c in ("kalla", "rad", "period", "enhet", "konto", "serie", "nod", "text",
                                                     "belopp") if c in ram.columns], "bidrag", "bidrag_i_cellen"]
        ram = ram.select(pl.col(c).cast(pl.Utf8) if c in ("period", "enhet", "konto", "serie", "kalla") else pl.col(c)
                         for c in kol)
        summa = {c: None for c in kol} | {"term": f"Summa {t.beskrivning}", "bidrag": t.varde,
                                          "bidrag_i_cellen": t.varde * t.koefficient}
        delar.append(pl.concat([ram, pl.DataFrame([summa], schema=ram.schema)], how="vertical_relaxed"))
    alla = pl.concat(delar, how="diagonal_relaxed") if delar else pl.DataFrame({"term": []})
    if f.termer and alla.height:
        total = {"term": f"Summa = cellen ({f.kolumnrubrik}, {f.rad})",
                 "bidrag_i_cellen": sum(t.varde * t.koefficient for t in f.termer)}
        alla = pl.concat([alla, pl.DataFrame([total])], how="diagonal_relaxed")
    skriv_atomiskt(fil, lambda tmp: alla.write_excel(tmp, worksheet="Rader"))
