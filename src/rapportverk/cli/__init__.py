"""Kommandoraden `rapport`: tunn — tolkar argument, anropar biblioteket, skriver en sammanfattning."""

from __future__ import annotations

import signal
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text
from typer.exceptions import TyperException

from rapportverk import __version__
from rapportverk.cli import svenska  # noqa: F401 (typers texter på svenska)
from rapportverk.cli.tabellutskrift import csv_text, rich_tabell, som_ram, som_text
from rapportverk.fel import Fel, RapportverkFel
from rapportverk.konfig import STANDARDFIL
from rapportverk.period import Period
from rapportverk.skriv import skriv_atomiskt

app = typer.Typer(help="rapportverk — uppföljningsrapporter från huvudbok till DOCX och PDF.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
# I en pipe eller CI-logg finns ingen terminalbredd; 80 tecken skulle klippa radrubrikerna.
# Ingen Rich-markup och inga emojikoder: det som skrivs ut innehåller data (organisationsnamn, filnamn, värden), och
# `[/]` eller `[link=…]` i en CSV-cell får varken krascha utskriften eller ändra den.
ut = Console(width=None if sys.stdout.isatty() else 200, markup=False, emoji=False)
fel_ut = Console(stderr=True, highlight=False, markup=False, emoji=False)
_tillstand = {"debug": False, "konfig": STANDARDFIL}

Konfigfil = Annotated[Path, typer.Option("--konfig", help="Konfigurationsfilen.")]
Jobb = Annotated[int | None, typer.Option("--jobb", metavar="N", show_default=False,
                                          help="Antal processer som bygger samtidigt; standard en per processor.")]

# Flaggor som rapportkommandona delar.
PeriodFlagga = Annotated[str, typer.Option("--period", help="Perioden, ÅÅÅÅ-MM (sista månaden som ingår).")]
Namnder = Annotated[list[str] | None, typer.Option("--namnd", help="Nämndens id; kan anges flera gånger. "
                                                   "Utan --namnd byggs alla nämnder.")]
Format = Annotated[str, typer.Option("--format", help="docx, pdf eller docx,pdf.")]
Utkatalog = Annotated[Path, typer.Option("--ut", help="Katalog för rapporterna.")]
Slutlig = Annotated[bool, typer.Option("--slutlig", help="Slutlig version: saknade textblock och avstämningsfel "
                                       "är fel i stället för markeringar.")]
Pdfa = Annotated[bool, typer.Option("--pdfa", help="PDF/A-2u och PDF/UA-1 i samma fil, för arkivering.")]
Alla = Annotated[bool, typer.Option("--alla", help="Alla nämnder i konfigurationen (som utan --namnd).")]
Shard = Annotated[str | None, typer.Option(
    "--shard", metavar="K/N", help="Bygg bara del K av N, för en CI-matris med N jobb: nämnderna sorteras på "
    "id och delas ut i tur och ordning, så delarna 1/N … N/N tillsammans är alla nämnder en gång.")]

Inkrementell = Annotated[bool, typer.Option(
    "--inkrementell", help="Bygg bara om rapporter vars indata, mallar, texter eller programkod har ändrats sedan "
    "förra bygget i katalogen (standard när alla nämnder byggs och katalogen har ett manifest).")]
Full = Annotated[bool, typer.Option("--full", help="Bygg om alla valda rapporter, också de som inte har ändrats.")]


class Tabellformat(StrEnum):
    text = "text"
    csv = "csv"
    xlsx = "xlsx"


def _version(varde: bool) -> None:
    if varde:
        ut.print(f"rapportverk {__version__}")
        raise typer.Exit()


@app.callback()
def _huvud(
    konfig: Konfigfil = STANDARDFIL,
    debug: Annotated[bool, typer.Option("--debug", help="Visa fullständig felsökningsinformation vid fel.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Visa versionen.")] = False,
) -> None:
    _tillstand["debug"] = debug
    _tillstand["konfig"] = konfig


def _period(text: str) -> Period:
    try:
        return Period.tolka(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def tabell(
    namn: Annotated[str | None, typer.Argument(help="Tabellens namn i konfigurationen.")] = None,
    period: Annotated[str | None, typer.Option(help="Perioden, ÅÅÅÅ-MM (sista månaden som ingår).")] = None,
    namnd: Annotated[str | None, typer.Option(help="Nämndens id, t.ex. regionstyrelsen.")] = None,
    format: Annotated[Tabellformat, typer.Option(help="text (som i rapporten), csv eller xlsx (oavrundat).")
                      ] = Tabellformat.text,
    ut_fil: Annotated[Path | None, typer.Option("--ut", help="Fil att skriva till (krävs för xlsx).")] = None,
    lista: Annotated[bool, typer.Option("--lista", help="Lista tabellerna i konfigurationen.")] = False,
    visa_id: Annotated[bool, typer.Option("--id", help="Visa varje cells id (för 'rapport forklara ID').")
                       ] = False,
) -> None:
    """Visa en beräknad tabell som i rapporten, eller skriv dess oavrundade tal till CSV/Excel."""
    from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt, las_indata

    p = _period(period) if period else None
    projekt = ladda_projekt(_tillstand["konfig"])
    if lista:
        for tnamn, tdef in projekt.konfig.tabeller.items():
            ut.print(f"{tnamn:<32} {tdef.rubrik}")
        return
    if not namn or p is None or not namnd:
        raise typer.BadParameter("ange tabellens namn, --period och --namnd (eller --lista).")
    projekt.namnd(namnd)
    resultat = bygg_tabell(projekt, las_indata(projekt, p), namn, namnd, p)
    from rapportverk.dokument.tabell import avstamningstext, kontrolltexter

    for varning in [v for v in [avstamningstext(resultat)] if v] + kontrolltexter(resultat):
        fel_ut.print(f"Varning: {varning}", markup=False, soft_wrap=True)
    if visa_id:
        from rapportverk.utdata import siffror

        for r in siffror.ram("", p, [(namnd, resultat)]).iter_rows(named=True):
            ut.print(f"{r['cell_id']}  {r['rad']:<40} {r['kolumn']:<26} {r['visat']:>12}", markup=False,
                     highlight=False, soft_wrap=True)
        return
    if format == Tabellformat.text:
        if ut_fil:
            skriv_atomiskt(ut_fil, lambda t: t.write_text(som_text(resultat), encoding="utf-8"))
        else:
            ut.print(rich_tabell(resultat))
        return
    ram = som_ram(resultat)
    if format == Tabellformat.csv:
        if ut_fil:
            skriv_atomiskt(ut_fil, lambda t: csv_text(ram).write_csv(t, separator=";"))
        else:
            sys.stdout.write(csv_text(ram).write_csv(separator=";"))
        return
    if not ut_fil:
        raise typer.BadParameter("xlsx kräver --ut FIL.xlsx.")
    skriv_atomiskt(ut_fil, lambda t: ram.write_excel(t, worksheet=resultat.namn[:31]))
    ut.print(f"Skrev {ut_fil}")


Bilaga = Annotated[list[str] | None, typer.Option(
    "--bilaga", help="Lägg till en bilaga: sparbarhet (underlaget per kostnadsställe och kostnadsslag bakom "
    "varje ekonomisk tabell). Kan anges flera gånger.")]
Region = Annotated[bool, typer.Option("--region", help="Regionens delårsrapport (hela regionen: måluppfyllelse, "
                                       "resultat- och balansräkning, balanskrav …). Med --alla eller --namnd byggs "
                                       "också nämndernas.")]


@app.command()
def delar(period: PeriodFlagga, namnd: Namnder = None, format: Format = "docx,pdf", ut_katalog: Utkatalog = Path("ut"),
          slutlig: Slutlig = False, pdfa: Pdfa = False, alla: Alla = False, jobb: Jobb = None,
          shard: Shard = None, region: Region = False, bilaga: Bilaga = None, inkrementell: Inkrementell = False,
          full: Full = False) -> None:
    """Bygg delårsrapporten per nämnd (eller med --region för hela regionen) som DOCX och PDF, och manifest.json
    i samma katalog."""
    bilagor = _bilagor(bilaga)
    if not region:
        _bygg("delarsrapport", period, namnd, format, ut_katalog, slutlig, pdfa, alla, jobb, shard, bilagor,
              _lage(inkrementell, full))
        return
    from rapportverk.konfig import REGION
    from rapportverk.underlag.tabeller import ladda_projekt

    projekt = ladda_projekt(_tillstand["konfig"])
    rdef = projekt.konfig.rapporter.get("delarsrapport")
    if rdef is None or not rdef.region:
        raise RapportverkFel(f"rapporttypen delarsrapport anger ingen rapporttyp för regionen; lägg till t.ex. "
                             f"region: delarsrapport_region under rapporter.delarsrapport i {projekt.fil}.")
    kod = 0
    if namnd or alla:
        try:
            _bygg("delarsrapport", period, namnd, format, ut_katalog, slutlig, pdfa, alla, jobb, shard, bilagor,
                  _lage(inkrementell, full))
        except typer.Exit as exc:
            kod = exc.exit_code  # regionens rapport byggs ändå; den högsta koden gäller
    try:
        _bygg(rdef.region, period, [REGION], format, ut_katalog, slutlig, pdfa, False, jobb, None, bilagor,
              _lage(inkrementell, full))
    except typer.Exit as exc:
        kod = max(kod, exc.exit_code)
    if kod:
        raise typer.Exit(kod)


def _bilagor(bilaga: list[str] | None) -> tuple[str, ...]:
    from rapportverk.fel import forslag

    kanda = ("sparbarhet",)
    for b in bilaga or []:
        if b not in kanda:
            raise typer.BadParameter(f"okänd bilaga '{b}'{forslag(b, kanda)}; välj {', '.join(kanda)}.",
                                     param_hint="--bilaga")
    return tuple(dict.fromkeys(bilaga or []))


def _lage(inkrementell: bool, full: bool) -> bool | None:
    """True: bygg bara om det som ändrats; False: bygg allt; None: standard (bara om det ändrade när alla
    nämnder byggs och katalogen redan har ett manifest)."""
    if inkrementell and full:
        raise typer.BadParameter("ange antingen --inkrementell eller --full, inte båda.", param_hint="--full")
    return True if inkrementell else False if full else None


def _visa_plan(plan, antal: int) -> None:
    """Skälen till ett inkrementellt bygge: vilka nämnder som byggs om, och varför."""
    ut.print(f"Bygger om {len(plan.bygg)} av {antal} rapporter; {len(plan.behall)} är oförändrade sedan "
             "förra bygget (--full bygger om alla).", markup=False, highlight=False, soft_wrap=True)
    for namnd in plan.bygg:
        skal = plan.skal[namnd]
        fler = f" (och {len(skal) - 3} skäl till)" if len(skal) > 3 else ""
        ut.print(f"  {namnd}: {'; '.join(skal[:3])}{fler}", markup=False, highlight=False, soft_wrap=True)


def _bygg(rapport: str, period: str, namnder: list[str] | None, format: str, ut_katalog: Path, slutlig: bool,
          pdfa: bool, alla: bool = False, jobb: int | None = None, shard: str | None = None,
          bilagor: tuple[str, ...] = (), lage: bool | None = False, periodtyp_egen: bool = False) -> None:
    """Gemensamt för rapportkommandona: tolka, bygg med biblioteket (bygge.bygg), sammanfatta."""
    from rapportverk.bygg import bygge
    from rapportverk.cli import batchutskrift
    from rapportverk.underlag.tabeller import ladda_projekt

    if alla and namnder:
        raise typer.BadParameter("ange antingen --alla eller --namnd, inte båda.", param_hint="--alla")
    # delar och manad tar en månad (ett skrivfel är ett fel i kommandoraden); bygg tolkar efter rapporttypen.
    p: Period | str = period if periodtyp_egen else _period(period)
    del_, antal = _shard(shard), _jobb(jobb)
    format_ = tuple(f.strip() for f in format.split(",") if f.strip())
    projekt = ladda_projekt(_tillstand["konfig"])
    resultat = bygge.bygg(projekt, rapport, p, konfig=_tillstand["konfig"], namnder=namnder, alla=alla, format=format_,
                          ut=ut_katalog, slutlig=slutlig, pdfa=pdfa, jobb=antal, shard=del_, bilagor=bilagor,
                          inkrementellt=lage, framsteg=lambda n: batchutskrift.framsteg(ut, n, "Bygger"),
                          vid_plan=_visa_plan)
    if del_ and not resultat.resultat and resultat.plan is None:
        ut.print(f"Del {del_[0]}/{del_[1]} innehåller inga nämnder; inget att bygga.")
        return
    ut.print(f"Klart på {batchutskrift.sekunder(resultat.sekunder)}: {len(resultat.lyckade)} av "
             f"{len(resultat.resultat)} rapporter byggda i {resultat.katalog}.", soft_wrap=True, markup=False,
             highlight=False)
    batchutskrift.varningar(fel_ut, resultat.resultat)
    kod = batchutskrift.misslyckade(fel_ut, resultat.resultat, _tillstand["debug"])
    if kod:
        raise typer.Exit(kod)


@app.command()
def manad(period: PeriodFlagga, namnd: Namnder = None, format: Format = "docx,pdf", ut_katalog: Utkatalog = Path("ut"),
          slutlig: Slutlig = False, pdfa: Pdfa = False, alla: Alla = False, jobb: Jobb = None,
          shard: Shard = None, bilaga: Bilaga = None, inkrementell: Inkrementell = False,
          full: Full = False) -> None:
    """Bygg månadsrapporten per nämnd som DOCX och PDF, och manifest.json i samma katalog."""
    _bygg("manadsrapport", period, namnd, format, ut_katalog, slutlig, pdfa, alla, jobb, shard, _bilagor(bilaga),
          _lage(inkrementell, full))


@app.command("bygg")
def bygg_kommando(
    rapport: Annotated[str | None, typer.Argument(help="Rapporttypen, t.ex. indikatorer (se --lista).")] = None,
    period: Annotated[str | None, typer.Option(help="Perioden efter rapporttypens periodtyp: ÅÅÅÅ-MM (månad), "
                                                    "ÅÅÅÅ-Q1 (kvartal) eller ÅÅÅÅ (år).")] = None,
    namnd: Annotated[list[str] | None, typer.Option(help="Nämndens id; kan anges flera gånger. Utan --namnd "
                                                    "byggs rapporttypens nämnder (eller alla).")] = None,
    format: Format = "docx,pdf",
    ut_katalog: Utkatalog = Path("ut"),
    slutlig: Slutlig = False,
    pdfa: Pdfa = False,
    lista: Annotated[bool, typer.Option("--lista", help="Lista rapporttyperna i konfigurationen.")] = False,
    bilaga: Bilaga = None,
    inkrementell: Inkrementell = False,
    full: Full = False,
) -> None:
    """Bygg en rapporttyp ur konfigurationen (rapporter: eller konfig/rapporter/NAMN.yaml) som DOCX och PDF."""
    from rapportverk.bygg.rapport import rapporttyper
    from rapportverk.underlag.tabeller import ladda_projekt

    projekt = ladda_projekt(_tillstand["konfig"])
    if lista:
        for t in rapporttyper(projekt):
            ut.print(f"{t.namn:<16} {t.periodtyp:<8} {t.fil:<36} {t.beskrivning or t.titel}", markup=False,
                     highlight=False, soft_wrap=True)
        return
    if not rapport or not period:
        raise typer.BadParameter("ange rapporttypen och --period (eller --lista).")
    _bygg(rapport, period, namnd, format, ut_katalog, slutlig, pdfa, False, 1, None, _bilagor(bilaga),
          _lage(inkrementell, full), periodtyp_egen=True)


@app.command()
def forklara(
    cell: Annotated[str | None, typer.Argument(help="Cellens id (se 'rapport tabell … --id' eller sifferfilen "
                                                    "tabeller/*.parquet i byggkatalogen).")] = None,
    period: Annotated[str | None, typer.Option(help="Perioden, ÅÅÅÅ-MM (i stället för ett id).")] = None,
    namnd: Annotated[str | None, typer.Option(help="Nämndens id, eller region för hela regionen.")] = None,
    tabell_: Annotated[str | None, typer.Option("--tabell", help="Tabellens namn.")] = None,
    rad: Annotated[str | None, typer.Option(help="Radens namn som i tabellen, t.ex. \"Primärvård beställning\".")
                   ] = None,
    kolumn: Annotated[str | None, typer.Option(help="Kolumnens mått (t.ex. ack_avvikelse) eller rubrik.")] = None,
    bygge: Annotated[Path, typer.Option("--bygge", help="Byggkatalogen där id:t söks.")] = Path("ut"),
    ut_fil: Annotated[Path | None, typer.Option("--ut", help="Excel-fil med varje bidragande rad och summor.")
                      ] = None,
) -> None:
    """Förklara en siffra: formeln, det oavrundade värdet, operanderna och huvudboksraderna bakom den."""
    from rapportverk.analys.forklara import forklara as forklara_cell
    from rapportverk.cli import forklaringsutskrift
    from rapportverk.underlag.tabeller import ladda_projekt, las_indata
    from rapportverk.utdata import siffror

    if cell:
        traff = siffror.hitta(bygge, cell)
        if traff.height == 0:
            raise RapportverkFel(Fel(f"cellen '{cell}' finns inte i någon sifferfil under {bygge}; bygg rapporten "
                                     "först, eller ange --bygge KATALOG.", ))
        r = traff.row(0, named=True)
        period, namnd, tabell_, rad, kolumn = r["period"], r["namnd"], r["tabell"], r["rad"], r["kolumn"]
    if not (period and namnd and tabell_ and rad and kolumn):
        raise typer.BadParameter("ange ett cell-id, eller --period, --namnd, --tabell, --rad och --kolumn.")
    p = _period(period)
    projekt = ladda_projekt(_tillstand["konfig"])
    f = forklara_cell(projekt, las_indata(projekt, p), p, namnd, tabell_, rad, kolumn)
    for rad_ in forklaringsutskrift.text(f):
        ut.print(rad_, markup=False, highlight=False, soft_wrap=True)
    if ut_fil:
        forklaringsutskrift.till_excel(f, ut_fil)
        ut.print(f"Skrev {ut_fil}", markup=False, highlight=False)


@app.command()
def ny(katalog: Annotated[Path, typer.Argument(help="Katalogen som skapas; den får inte finnas eller ska vara tom.",
                                               metavar="KATALOG", show_default=False)]) -> None:
    """Skapa ett nytt projekt för en region: konfiguration, mallar, textblock och exempeldata som går att bygga
    direkt."""
    from rapportverk.bygg.nytt_projekt import sammanfattning, skapa_projekt

    for rad in sammanfattning(katalog, skapa_projekt(katalog)):
        ut.print(rad, markup=False, highlight=False, soft_wrap=True)


@app.command()
def kontrollera(
    filer: Annotated[list[Path], typer.Argument(help="PDF- och DOCX-filer att kontrollera.", metavar="FIL...",
                                                show_default=False)],
) -> None:
    """Kontrollera tillgänglighet (PDF/UA-1, WCAG) och arkivformat (PDF/A) i PDF- och DOCX-filer; kod 1 vid fel."""
    from rapportverk.kontroll import kor

    raise typer.Exit(kor(filer, lambda rad: ut.print(rad, markup=False, highlight=False, soft_wrap=True)))


@app.command()
def forhandsgranska(
    period: Annotated[str, typer.Option(help="Perioden, ÅÅÅÅ-MM (sista månaden som ingår).")],
    namnd: Annotated[str, typer.Option(help="Nämndens id, t.ex. regionstyrelsen.")],
    rapport: Annotated[str, typer.Option(help="Rapporttypen i konfigurationen (delarsrapport, manadsrapport …).")
                       ] = "delarsrapport",
    port: Annotated[int, typer.Option(help="Porten sidan visas på; 0 väljer en ledig.")] = 8000,
    host: Annotated[str, typer.Option(help="Adressen servern lyssnar på. Standard är bara den här datorn; "
                                      "0.0.0.0 gör sidan nåbar för andra i nätet.")] = "127.0.0.1",
    slutlig: Annotated[bool, typer.Option("--slutlig", help="Som den slutliga versionen: saknade textblock är fel.")
                       ] = False,
    oppna: Annotated[bool, typer.Option("--oppna", help="Öppna sidan i webbläsaren.")] = False,
    ut_katalog: Annotated[Path, typer.Option("--ut", help="Katalog för PDF:er som byggs från sidan.")
                          ] = Path("ut") / "forhandsgranskning",
) -> None:
    """Visa rapporten i webbläsaren; sidan uppdateras själv när du sparar en text, en mall, stilen eller data."""
    from rapportverk.forhandsgranska import kor

    kod = kor(_tillstand["konfig"], rapport, namnd, _period(period), host=host, port=port, slutlig=slutlig,
              ut=ut_katalog, oppna=oppna)
    if kod:
        raise SystemExit(kod)  # inte typer.Exit: kod 130 har redan sin egen avbrottsrad


@app.command()
def verifiera(
    katalog: Annotated[Path, typer.Argument(help="Katalogen med rapporterna och manifest.json, t.ex. ut/2021-04.")],
    namnd: Annotated[list[str] | None, typer.Option(help="Verifiera bara den här nämndens rapporter; kan anges "
                                                    "flera gånger.")] = None,
    jobb: Jobb = None,
) -> None:
    """Bygg om rapporterna enligt katalogens manifest och jämför byte för byte; kod 1 om något skiljer."""
    from rapportverk.bygg import bygge
    from rapportverk.cli import batchutskrift
    from rapportverk.utdata import manifest

    antal = _jobb(jobb)
    poster = manifest.las(katalog)["rapporter"]
    antal_poster = len([p for p in poster.values() if not namnd or p["namnd"] in namnd])
    ut.print(f"Verifierar {katalog}: {antal_poster} rapporter byggs om och jämförs med manifestet.", markup=False,
             highlight=False, soft_wrap=True)
    # Manifestets konfiguration, om inte --konfig anges (den är relativ till projektroten, där man står).
    konfig = _tillstand["konfig"] if _tillstand["konfig"] != STANDARDFIL else None
    s = bygge.verifiera(katalog, konfig, namnd, antal,
                        framsteg=lambda n: batchutskrift.framsteg(ut, n, "Bygger om", visa_filer=False),
                        internt=lambda tb: batchutskrift.internt(tb, _tillstand["debug"]))
    kod = batchutskrift.skillnader(ut, fel_ut, s, katalog, antal_poster)
    if kod:
        raise typer.Exit(kod)


class Jamforformat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def jamfor(
    a: Annotated[Path, typer.Argument(help="Byggkatalogen före, t.ex. ut/2024-08 från förra körningen.")],
    b: Annotated[Path, typer.Argument(help="Byggkatalogen efter.")],
    ut_fil: Annotated[Path | None, typer.Option("--ut", help="Skriv jämförelsen till en Excel-fil (blad indata, "
                                                "siffror och rader).")] = None,
    format: Annotated[Jamforformat, typer.Option(help="text (sammanfattning) eller json (för CI).")
                      ] = Jamforformat.text,
    strikt: Annotated[bool, typer.Option("--strikt", help="Avsluta med kod 1 om någon siffra har ändrats.")
                      ] = False,
) -> None:
    """Jämför två byggen: ändrade indata och huvudboksrader, ändrade siffror och raderna som förklarar dem."""
    from rapportverk.analys.jamfor import jamfor as jamfor_
    from rapportverk.analys.jamfor import som_json
    from rapportverk.cli import jamforutskrift

    resultat = jamfor_(a, b)
    if format == Jamforformat.json:
        sys.stdout.write(som_json(resultat))
    else:
        jamforutskrift.skriv_terminal(ut, resultat)
    if ut_fil is not None:
        jamforutskrift.skriv_xlsx(ut_fil, resultat)
        if format == Jamforformat.text:
            ut.print(f"Skrev {ut_fil}", markup=False, highlight=False)
    if strikt and resultat.siffror_andrade:
        raise typer.Exit(1)


def _jobb(jobb: int | None) -> int:
    from rapportverk.bygg.batch import antal_processorer

    if jobb is not None and jobb < 1:
        raise typer.BadParameter(f"'{jobb}' ska vara minst 1.", param_hint="--jobb")
    return jobb or antal_processorer()


def _shard(text: str | None) -> tuple[int, int] | None:
    from rapportverk.bygg.batch import tolka_shard

    if text is None:
        return None
    try:
        return tolka_shard(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--shard") from None


def main() -> None:
    """Ingång för konsolskriptet: svenska fel utan traceback (om inte --debug), kod 1 vid indatafel."""
    debug = "--debug" in sys.argv
    # Ett skal eller en CI-löpare kan starta oss med SIGINT ignorerad; då skulle Ctrl-C inte nå fram.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        kod = app(standalone_mode=False)
        # Utan standalone_mode lämnar typer tillbaka koden från typer.Exit i stället för att avsluta, och
        # Ctrl-C kommer som kod 130 i stället för KeyboardInterrupt.
        if kod == 130:
            raise KeyboardInterrupt
        if isinstance(kod, int) and kod:
            sys.exit(kod)
    except RapportverkFel as exc:
        if debug:
            raise
        for f in exc.fel:
            fel_ut.print(Text.assemble(("Fel:", "bold red"), f" {f}"), soft_wrap=True)
        antal = len(exc.fel)
        if antal > 1:
            fel_ut.print(f"{antal} fel hittades; rätta dem och kör igen.")
        sys.exit(1)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # ett andra Ctrl-C ska inte ge en traceback här
        fel_ut.print("Avbrutet. Inga ofullständiga filer har skrivits.")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        fel_ut.print("Avbrutet.")
        sys.exit(130)
    except TyperException as exc:
        if not hasattr(exc, "exit_code"):
            raise
        fel_ut.print(f"Fel i kommandoraden: {_anvandningsfel(exc)}", soft_wrap=True, markup=False)
        fel_ut.print("Se 'rapport --help' eller 'rapport KOMMANDO --help'.")
        sys.exit(2)
    except Exception as exc:  # sista skyddsnätet: aldrig en traceback för användaren
        if debug:
            if hasattr(exc, "detaljer"):  # felet hände i en arbetsprocess; dess traceback först
                fel_ut.print(exc.detaljer, markup=False, highlight=False)
            raise
        fel_ut.print(f"Internt fel i rapportverk ({type(exc).__name__}: {exc}). Kör igen med --debug och "
                     "skicka utskriften till den som förvaltar rapportverk.", markup=False)
        sys.exit(3)


def _anvandningsfel(exc: TyperException) -> str:
    """Typer/click skriver engelska ramar runt felen; vi säger samma sak på svenska."""
    namn = type(exc).__name__
    param = getattr(exc, "param", None)
    flagga = "/".join(getattr(param, "opts", []) or []) or getattr(exc, "param_hint", None) or ""
    meddelande = getattr(exc, "message", str(exc))
    if namn == "BadParameter":
        return f"ogiltigt värde för {flagga}: {meddelande}" if flagga else meddelande
    if namn == "NoSuchOption":
        return f"okänd flagga {getattr(exc, 'option_name', '')}"
    if namn == "MissingParameter":
        return f"{flagga or 'ett argument'} saknas"
    if namn == "NoSuchCommand" or "No such command" in meddelande:
        return f"okänt kommando ({meddelande})"
    return meddelande
