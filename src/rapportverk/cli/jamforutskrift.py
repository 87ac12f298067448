"""Utskriften av `rapport jamfor`: en svensk sammanfattning i terminalen och Excel-filen (blad indata, siffror,
rader). JSON:en för CI skrivs av jamfor.som_json."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from rich.console import Console
from rich.table import Table

from rapportverk.analys.jamfor import Jamforelse, Radandring, Sifferandring
from rapportverk.formatering import belopp
from rapportverk.skriv import skriv_atomiskt

SLAG = {"huvudbok": "huvudbok", "data": "indatafil", "textblock": "textblock", "mall": "mall",
        "konfiguration": "konfiguration", "kod": "programkod"}
ANDRING = {"andrad": "ändrad", "ny": "ny", "borttagen": "borttagen"}


def kr(varde: float | None) -> str:
    return "" if varde is None else belopp(varde, "kr", 0) + " kr"


def med_tecken(text: str) -> str:
    """'+1' för en ökning; minus står redan i texten."""
    return text if not text or text.startswith("\u2212") or text.strip("0, ") == "" else "+" + text


def skriv_terminal(ut: Console, j: Jamforelse) -> None:
    p = {"markup": False, "highlight": False, "soft_wrap": True}
    ut.print(f"Jämför {j.a} (före) med {j.b} (efter).", **p)
    for text in j.anmarkningar:
        ut.print(f"Obs: {text}", **p)
    for rubrik, rapporter in (("Rapporter som bara finns i", j.bara_i_a), ("Rapporter som bara finns i", j.bara_i_b)):
        if rapporter:
            ut.print(f"{rubrik} {j.a if rapporter is j.bara_i_a else j.b}: {', '.join(rapporter)}", **p)
    if not j.indata:
        ut.print("Indata: inga ändrade filer.", **p)
    else:
        ut.print("Ändrade indata:", **p)
        for i in j.indata:
            ut.print(f"  {SLAG[i.slag]} {i.fil} ({ANDRING[i.andring]}; {_antal(len(i.rapporter), 'rapport')})", **p)
    if j.rader:
        ut.print(f"Ändrade huvudboksrader ({len(j.rader)}):", **p)
        for r in j.rader[:50]:
            ut.print("  " + radtext(r), **p)
        if len(j.rader) > 50:
            ut.print(f"  … och {len(j.rader) - 50} rader till (se --ut fil.xlsx eller --format json)", **p)
    if not j.siffror:
        ut.print("Siffror: ingen siffra har ändrats.", **p)
        return
    dokument = sorted({s.dokument for s in j.siffror})
    ut.print(f"Ändrade siffror: {len(j.siffror)} i {_antal(len(dokument), 'rapport')}.", **p)
    for d in dokument:
        ut.print(sifftabell(d, [s for s in j.siffror if s.dokument == d]))
    if any(s.rader for s in j.siffror):
            ut.print("Kolumnen Rader anger de huvudboksrader (numren ovan) som förklarar siffran.", **p)


def radtext(r: Radandring) -> str:
    nyckel = f"{r.period} enhet {r.enhet} konto {r.konto} {r.serie}"
    if r.andring == "ny":
        return f"[{r.id}] {nyckel}: ny rad {kr(r.nytt)} ({r.plats})"
    if r.andring == "borttagen":
        return f"[{r.id}] {nyckel}: borttagen, var {kr(r.gammalt)} ({r.plats})"
    return (f"[{r.id}] {nyckel}: {kr(r.gammalt)} → {kr(r.nytt)} ({med_tecken(kr(r.skillnad))}) "
            f"({r.plats})")


def sifftabell(dokument: str, andringar: list[Sifferandring]) -> Table:
    t = Table(title=dokument, title_justify="left")
    for rubrik, hoger in (("Tabell", False), ("Rad", False), ("Kolumn", False), ("Före", True), ("Efter", True),
                          ("Skillnad", True), ("Oavrundad skillnad", True), ("Rader", False)):
        t.add_column(rubrik, justify="right" if hoger else "left")
    for s in andringar:
        if s.andring != "andrad":
            fore, efter, skillnad = (s.gammalt_visat or "–", s.nytt_visat or "–",
                                     "ny cell" if s.andring == "ny" else "borttagen cell")
        else:
            fore, efter, skillnad = s.gammalt_visat, s.nytt_visat, med_tecken(s.skillnad_visad)
        kronor = med_tecken(s.i_kronor(s.skillnad)) if s.skillnad is not None else ""
        rader = ", ".join(str(i) for i in s.rader) + (f" +{s.ovriga_rader}" if s.ovriga_rader else "")
        kolumn = s.kolumn if s.kolumnrubrik in ("", s.kolumn) else f"{s.kolumnrubrik} ({s.kolumn})"
        t.add_row(s.rubrik or s.tabell, s.rad, kolumn, fore, efter, skillnad, kronor, rader)
    return t


def _antal(n: int, ord_: str) -> str:
    return f"{n} {ord_}" if n == 1 else f"{n} {ord_}er"


def skriv_xlsx(fil: Path, j: Jamforelse) -> None:
    """Tre blad: indata (ändrade filer), siffror (före, efter, skillnad, oavrundat och som i rapporten) och
    rader (ändrade huvudboksrader med fil och rad)."""
    import xlsxwriter

    indata = pl.DataFrame({"Fil": [i.fil for i in j.indata], "Slag": [SLAG[i.slag] for i in j.indata],
                           "Ändring": [ANDRING[i.andring] for i in j.indata],
                           "Rapporter": [", ".join(i.rapporter) for i in j.indata]},
                          schema={"Fil": pl.Utf8, "Slag": pl.Utf8, "Ändring": pl.Utf8, "Rapporter": pl.Utf8})
    sifferkolumner = {"Rapport": pl.Utf8, "Nämnd": pl.Utf8, "Tabell": pl.Utf8, "Rubrik": pl.Utf8, "Rad": pl.Utf8,
                      "Kolumn": pl.Utf8, "Kolumnrubrik": pl.Utf8, "Ändring": pl.Utf8, "Före": pl.Float64,
                      "Efter": pl.Float64, "Skillnad": pl.Float64, "Före (visat)": pl.Utf8, "Efter (visat)": pl.Utf8,
                      "Skillnad (visad)": pl.Utf8, "Enhet": pl.Utf8, "Rader": pl.Utf8}
    siffror = pl.DataFrame([(s.dokument, s.namnd, s.tabell, s.rubrik, s.rad, s.kolumn, s.kolumnrubrik,
                             ANDRING[s.andring], s.gammalt, s.nytt, s.skillnad, s.gammalt_visat, s.nytt_visat,
                             s.skillnad_visad, "kr" if s.typ == "belopp" else s.typ,
                             ", ".join(str(i) for i in s.rader)) for s in j.siffror],
                           schema=sifferkolumner, orient="row")
    radkolumner = {"Nr": pl.Int64, "Ändring": pl.Utf8, "Period": pl.Utf8, "Enhet": pl.Utf8, "Konto": pl.Utf8,
                   "Serie": pl.Utf8, "Före (kr)": pl.Float64, "Efter (kr)": pl.Float64, "Skillnad (kr)": pl.Float64,
                   "Fil före": pl.Utf8, "Rad före": pl.Int64, "Fil efter": pl.Utf8, "Rad efter": pl.Int64}
    rader = pl.DataFrame([(r.id, ANDRING[r.andring], r.period, r.enhet, r.konto, r.serie, r.gammalt, r.nytt,
                           r.skillnad, r.fil_a, r.rad_a, r.fil_b, r.rad_b) for r in j.rader],
                         schema=radkolumner, orient="row")

    def skriv(tmp: Path) -> None:
        with xlsxwriter.Workbook(tmp) as bok:
            indata.write_excel(bok, worksheet="indata", autofit=True)
            siffror.write_excel(bok, worksheet="siffror", autofit=True)
            rader.write_excel(bok, worksheet="rader", autofit=True)

    skriv_atomiskt(fil, skriv)
