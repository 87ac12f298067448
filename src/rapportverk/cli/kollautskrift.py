"""Utskriften av `rapport kolla`: vad exporten är, förslaget, provläsningen, okända koder och avstämningen, på
svenska för en controller. JSON:en för CI skrivs av kolla.resultat.som_json."""

from __future__ import annotations

from collections.abc import Callable

from rapportverk.formatering import belopp, procent
from rapportverk.kolla.kolumner import FALTNAMN
from rapportverk.kolla.resultat import Beslut, Kollresultat, Summa

Ut = Callable[[str], None]

_FILBESLUT = {"kodning": "Teckenkodning", "separator": "Avgränsare", "decimal": "Decimaltecken",
              "tusental": "Tusentalsavgränsare", "rubrikrad": "Rubrikrad", "blad": "Blad"}
_BELOPPSBESLUT = {"periodformat": "Periodformat", "serie": "Serie", "tecken": "Tecken", "enhet": "Enhet",
                  "ar": "År", "dubbletter": "Dubbletter"}
_VISAT = {"\t": "tabb", ",": "',' (komma)", ".": "'.' (punkt)", ";": "';' (semikolon)", "|": "'|' (lodstreck)",
          "kostnad_positiv": "kostnad_positiv (kostnader positiva i exporten; vänds vid inläsningen)",
          "kostnad_negativ": "kostnad_negativ (kostnader negativa i exporten, som i rapporterna)",
          "cp1252": "cp1252 (Windows-1252)"}
_FORMAT = {"csv": "CSV", "excel": "Excel", "parquet": "Parquet", "duckdb": "DuckDB", "postgresql": "PostgreSQL"}


def kr(varde: float) -> str:
    return belopp(varde, "kr", 0)


def skriv_text(ut: Ut, r: Kollresultat, konfigfil: str | None) -> None:
    manader = "" if not r.manader else f", månaden {r.manader[0]}" if len(r.manader) == 1 else \
        f", {len(r.manader)} månader {r.manader[0]} – {r.manader[-1]}"
    rader = f", {r.rader} rader{manader}" if r.rader or not r.fel else ""
    ut(f"Granskar {r.fil} ({_FORMAT.get(r.format, r.format) or 'okänt format'}{rader})")
    _beslut(ut, "Filen", _FILBESLUT, r.beslut)
    if r.kolumner:
        ut("")
        ut("Kolumner")
        for falt, b in r.kolumner.items():
            kolumn = f"'{b.varde}'" if b.varde else "(ingen)"
            ut(f"  {falt:<8} {kolumn:<20} {b.skal}")
        if r.ovriga_kolumner:
            ut(f"  Används inte: {', '.join(r.ovriga_kolumner)}")
    _beslut(ut, "Beloppen", _BELOPPSBESLUT, r.beslut)
    if r.yaml:
        ut("")
        under = "kallor: huvudbok:" + (f" i {konfigfil}" if konfigfil else "")
        ut(f"Förslag till källa, under {under}" + (f" (ersätter {r.ersatter})" if r.ersatter else ""))
        for rad in r.yaml.rstrip("\n").split("\n"):
            ut(rad)
    _provlasning(ut, r)
    _okanda(ut, r)
    _avstamning(ut, r)
    if r.anmarkningar:
        ut("")
        ut("Att veta")
        for text in r.anmarkningar:
            ut(f"  - {text}.")
    osakra = r.osakra
    ut("")
    if osakra:
        ut("Kan inte avgöra (förslaget har det troligaste; kontrollera det)")
        for namn, b in osakra:
            rubrik = _FILBESLUT.get(namn) or _BELOPPSBESLUT.get(namn) or f"Kolumnen för {FALTNAMN.get(namn, namn)}"
            hur = f"; ange rätt med {b.flagga}" if b.flagga else ""
            ut(f"  - {rubrik}: {b.skal}{hur}.")
    elif r.yaml:
        ut("Kan inte avgöra: inget — allt ovan avgjordes av exportens innehåll.")
    for f in r.fel:
        ut(f"Fel: {f}")


def _beslut(ut: Ut, rubrik: str, namn: dict[str, str], beslut: dict[str, Beslut]) -> None:
    valda = [(n, beslut[k]) for k, n in namn.items() if k in beslut]
    if not valda:
        return
    ut("")
    ut(rubrik)
    for n, b in valda:
        varde = _VISAT.get(b.varde, b.varde) if b.varde is not None else "–"
        ut(f"  {n:<20} {varde} — {b.skal}" + ("" if b.saker else " (osäkert)"))


def _provlasning(ut: Ut, r: Kollresultat) -> None:
    p = r.provlasning
    if p is None:
        return
    ut("")
    if p.fel:
        ut(f"Provläsning med förslaget: {len(p.fel)} fel, som ett bygge skulle ge dem:")
        for f in p.fel:
            ut(f"  {f}")
        return
    text = f"Provläsning med förslaget: {p.rader} rader lästa utan fel av rapportverks läsare."
    if p.kostnader is not None and p.intakter is not None and (p.kostnader or p.intakter):
        text += f" Kostnader {kr(p.kostnader)} kr, intäkter {kr(p.intakter)} kr"
        text += (": kostnaderna blir negativa, som i rapporterna." if p.kostnader <= 0 <= p.intakter else
                 ": kostnaderna blir inte negativa — kontrollera tecken.")
    ut(text)


def _okanda(ut: Ut, r: Kollresultat) -> None:
    if not r.per_manad:
        return
    ut("")
    if not r.okanda:
        ut("Okända koder: inga — varje kostnadsställe finns i organisationen och varje konto i kostnadsslagen.")
        return
    ut("Okända koder (finns i exporten men inte i konfigurationen)")
    for o in r.okanda:
        vad = {"enhet": "kostnadsställe", "konto": "konto", "serie": "serien"}[o.slag]
        ut(f"  {vad} '{o.kod}'{o.forslag}: {o.rader} rader, {kr(o.belopp)} kr, {_andel(o.andel)} av beloppen; första "
           f"raden {o.kalla}:{o.rad}")
    ut("  Lägg till kostnadsställena i organisationsfilen och kontona i kostnadsslagen, eller rätta exporten (en "
       "serie ska vara utfall, budget eller ib).")


def _andel(a: float) -> str:
    return procent(a * 100, 1, tecken=False) if a >= 0.0005 else "under 0,1 %"


def _avstamning(ut: Ut, r: Kollresultat) -> None:
    if not r.per_manad:
        return
    for rubrik, summor in (("månad", r.per_manad), ("nämnd", r.per_namnd)):
        ut("")
        ut(f"Avstämning per {rubrik} (kronor, kostnader negativa)")
        bredd = max(len(rubrik), *(len(s.namn) for s in summor), len("Summa"))
        ut(f"  {rubrik.capitalize():<{bredd}} {'Exporten':>16} {'Nämndernas rader':>18} {'Andra rader':>16} "
           f"{'Utan rad':>14}")
        total = Summa("Summa", *(sum(getattr(s, f) for s in summor) for f in ("export", "verksamhet", "ovriga",
                                                                              "utan_rad")))
        for s in [*summor, total]:
            ut(f"  {s.namn:<{bredd}} {kr(s.export):>16} {kr(s.verksamhet):>18} {kr(s.ovriga):>16} "
               f"{kr(s.utan_rad):>14}")
    utan = sum(s.utan_rad for s in r.per_manad)
    ut("")
    if abs(utan) < 0.5 and not any(s.utan_rad for s in r.per_manad):
        ut("Varje krona i exporten hamnar på en rad i rapporterna.")
    else:
        ut(f"{kr(utan)} kr i exporten hamnar inte på någon rad i rapporterna (se okända koder ovan); ett bygge stoppar "
           "på dem.")
    ovriga = sum(s.ovriga for s in r.per_manad)
    if ovriga:
        ut(f"Andra rader: {kr(ovriga)} kr på konton för skatter, finansnetto eller balans, som regionens "
           "uppställningar visar men inte nämndernas tabeller.")
