"""Kommandona som granskar: forklara, kontrollera, forhandsgranska, jamfor, status och kolla.

Bygget (Polars, WeasyPrint, matplotlib) läses in först i kommandot som använder det: `rapport --help` och ett fel i
flaggorna svarar direkt."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rapportverk.cli import (
    flaggor,
    svenska,  # noqa: F401 (typers texter på svenska)
    )
from rapportverk.cli.app import app
from rapportverk.cli.konsol import tillstand, ut


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
        r = siffror.hitta_cell(bygge, cell)
        period, namnd, tabell_, rad, kolumn = r["period"], r["namnd"], r["tabell"], r["rad"], r["kolumn"]
    if not (period and namnd and tabell_ and rad and kolumn):
        raise typer.BadParameter("ange ett cell-id, eller --period, --namnd, --tabell, --rad och --kolumn.")
    from rapportverk.utdata import huvudbokscache

    p = flaggor.period(period)
    projekt = ladda_projekt(tillstand["konfig"])
    # Har ett bygge i --bygge sparat den prövade huvudboken för samma indata läses bara det förklaringen behöver
    # (nämndens del); annars läses källorna. forklara skriver ingenting i byggkatalogen.
    nyckel = huvudbokscache.nyckel(projekt, Path(tillstand["konfig"]), p)
    delar = None if nyckel is None else huvudbokscache.oppna(huvudbokscache.katalog_for(bygge, p, nyckel), nyckel)
    if delar is not None:
        indata = delar.indata(projekt, p, True, None, lambda: las_indata(projekt, p).huvudbok)
    else:
        indata = las_indata(projekt, p)
    f = forklara_cell(projekt, indata, p, namnd, tabell_, rad, kolumn, delar)
    for rad_ in forklaringsutskrift.text(f):
        ut.print(rad_, markup=False, highlight=False, soft_wrap=True)
    if ut_fil:
        forklaringsutskrift.till_excel(f, ut_fil)
        ut.print(f"Skrev {ut_fil}", markup=False, highlight=False)


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
    slutlig: Annotated[bool, typer.Option("--slutlig", help="Som den slutliga versionen: saknade textblock och "
                                          "textblock som inte är klara är fel.")] = False,
    oppna: Annotated[bool, typer.Option("--oppna", help="Öppna sidan i webbläsaren.")] = False,
    ut_katalog: Annotated[Path, typer.Option("--ut", help="Katalog för PDF:er som byggs från sidan.")
                          ] = Path("ut") / "forhandsgranskning",
) -> None:
    """Visa rapporten i webbläsaren; sidan uppdateras själv när du sparar en text, en mall, stilen eller data."""
    from rapportverk.forhandsgranska import kor

    kod = kor(tillstand["konfig"], rapport, namnd, flaggor.period(period), host=host, port=port, slutlig=slutlig,
              ut=ut_katalog, oppna=oppna)
    if kod:
        raise SystemExit(kod)  # inte typer.Exit: kod 130 har redan sin egen avbrottsrad


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


class Statusformat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def status(
    period: Annotated[str, typer.Option(help="Perioden, som för rapporttypen (t.ex. 2024-08).")],
    namnd: Annotated[list[str] | None, typer.Option(
        "--namnd", help="Nämndens id; kan anges flera gånger. Utan --namnd visas alla nämnder rapporttypen byggs "
        "för.")] = None,
    rapport: Annotated[str, typer.Option(help="Rapporttypen i konfigurationen (delarsrapport, "
                                         "delarsrapport_region, manadsrapport …).")] = "delarsrapport",
    format: Annotated[Statusformat, typer.Option(help="text (tavla) eller json (för CI).")] = Statusformat.text,
    strikt: Annotated[bool, typer.Option("--strikt", help="Avsluta med kod 1 om något textblock inte är klart.")
                      ] = False,
) -> None:
    """Statustavlan: varje textblock rapporten använder, per nämnd — saknas, utkast eller klar (front matter
    status: i textblocket), med antal. Kod 0, också när texter återstår (1 med --strikt); kod 1 vid fel."""
    from rapportverk.bygg.status import tavla
    from rapportverk.cli import statusutskrift
    from rapportverk.fel import RapportverkFel
    from rapportverk.underlag.tabeller import ladda_projekt

    t = tavla(ladda_projekt(tillstand["konfig"]), rapport, period, namnd)
    if format == Statusformat.json:
        sys.stdout.write(t.som_json())
    else:
        statusutskrift.skriv_terminal(ut, t)
    if t.fel:
        raise RapportverkFel(list(t.fel))
    if strikt and not t.alla_klara:
        raise typer.Exit(1)


class Kollaformat(StrEnum):
    text = "text"
    json = "json"


_KOLLAVAL = {"serie": ("utfall", "budget", "ib"), "enhet": ("kr", "tkr", "mkr"),
             "tecken": ("kostnad_negativ", "kostnad_positiv"), "decimal": (",", "."), "kodning": ("utf-8", "cp1252")}


@app.command()
def kolla(
    filer: Annotated[list[str], typer.Argument(
        help="Exporten: CSV, Excel (.xlsx) eller Parquet; med --tabell en DuckDB-fil eller postgresql://…",
        metavar="FIL", show_default=False)],
    skriv: Annotated[bool, typer.Option("--skriv", help="Lägg förslaget under kallor.huvudbok i konfigurationen "
                                        "(kommentarer och resten av filen lämnas orörda).")] = False,
    ersatt: Annotated[Path | None, typer.Option(
        "--ersatt", metavar="FIL", help="Med --skriv: ersätt källan som läser FIL (t.ex. exemplets "
        "data/huvudbok_2024.csv) i stället för att lägga till en ny.")] = None,
    format: Annotated[Kollaformat, typer.Option(help="text eller json (för CI).")] = Kollaformat.text,
    kolumn: Annotated[list[str] | None, typer.Option(
        "--kolumn", metavar="FÄLT=KOLUMN", help="Ange en kolumn själv, t.ex. --kolumn enhet=Ansvar; kan anges "
        "flera gånger.")] = None,
    serie: Annotated[str | None, typer.Option(help="utfall, budget eller ib för hela filen.")] = None,
    enhet: Annotated[str | None, typer.Option(help="Beloppens enhet: kr, tkr eller mkr.")] = None,
    tecken: Annotated[str | None, typer.Option(help="kostnad_positiv eller kostnad_negativ.")] = None,
    separator: Annotated[str | None, typer.Option(help="Avgränsaren i en CSV-fil.")] = None,
    decimal: Annotated[str | None, typer.Option(help="Decimaltecknet: , eller .")] = None,
    kodning: Annotated[str | None, typer.Option(help="utf-8 eller cp1252.")] = None,
    rubrikrad: Annotated[int | None, typer.Option(metavar="N", help="Raden med kolumnnamnen (1 = första).")] = None,
    blad: Annotated[str | None, typer.Option(help="Bladet i en Excel-fil.")] = None,
    tabell: Annotated[str | None, typer.Option(help="En tabell eller vy i databasen FIL.")] = None,
    losenord_miljo: Annotated[str | None, typer.Option(
        "--losenord-miljo", help="Miljövariabeln med databasens lösenord.")] = None,
) -> None:
    """Granska en export innan den används: form, kolumner, tecken och enhet, ett prövat förslag till källa,
    okända koder och avstämning per månad och nämnd mot rapportraderna. Kod 1 om förslaget inte kan läsas eller
    exporten har koder som konfigurationen inte känner."""
    from rapportverk.cli import kollautskrift
    from rapportverk.kolla import Val, som_json
    from rapportverk.kolla import kolla as kolla_
    from rapportverk.kolla.konfigfil import skriv_forslag
    from rapportverk.kolla.undersok import las_projekt

    tvingat = {k: v for k, v in (("serie", serie), ("enhet", enhet), ("tecken", tecken), ("separator", separator),
                                 ("decimal", decimal), ("kodning", kodning), ("blad", blad)) if v is not None}
    for nyckel, varde in tvingat.items():
        if nyckel in _KOLLAVAL and varde not in _KOLLAVAL[nyckel]:
            raise typer.BadParameter(f"'{varde}' ska vara en av {', '.join(_KOLLAVAL[nyckel])}.",
                                     param_hint=f"--{nyckel}")
    if separator is not None and len(separator) != 1:
        raise typer.BadParameter("avgränsaren är ett enda tecken, t.ex. ';' eller ','.", param_hint="--separator")
    if rubrikrad is not None:
        if rubrikrad < 1:
            raise typer.BadParameter(f"'{rubrikrad}' ska vara minst 1 (den första raden).", param_hint="--rubrikrad")
        tvingat["rubrikrad"] = str(rubrikrad)
    kolumner = {}
    for par in kolumn or []:
        falt, lika, namn = par.partition("=")
        if not lika or falt not in ("period", "enhet", "konto", "belopp", "serie") or not namn:
            raise typer.BadParameter(f"'{par}' ska vara FÄLT=KOLUMN med fältet period, enhet, konto, belopp eller "
                                     "serie, t.ex. enhet=Ansvar.", param_hint="--kolumn")
        kolumner[falt] = namn
    if ersatt is not None and (len(filer) != 1 or not skriv):
        raise typer.BadParameter("--ersatt gäller med --skriv och en enda fil.", param_hint="--ersatt")
    konfigfil = tillstand["konfig"]
    projekt, konfigfel = las_projekt(konfigfil)
    if skriv and projekt is None:
        raise typer.BadParameter(konfigfel or f"konfigurationen {konfigfil} finns inte; kör i projektkatalogen "
                                 "eller ange --konfig.", param_hint="--skriv")
    val = Val(kolumner, tvingat, ersatt, tabell, losenord_miljo, konfigfel)
    resultat = [kolla_(fil, projekt, val) for fil in filer]
    p = {"markup": False, "highlight": False, "soft_wrap": True}
    if format == Kollaformat.json:
        sys.stdout.write(som_json(resultat))
    else:
        for i, r in enumerate(resultat):
            if i:
                ut.print("", **p)
            kollautskrift.skriv_text(lambda rad: ut.print(rad, **p), r, projekt.fil if projekt else None)
    kod = 0 if all(r.provad and not r.okanda and not r.ovrigt.get("overlapp") for r in resultat) else 1
    if skriv:
        assert projekt is not None
        for r in resultat:
            meddelande = skriv_forslag(projekt, konfigfil, r)
            if format == Kollaformat.text:
                ut.print(meddelande, **p)
            projekt, _ = las_projekt(konfigfil)  # nästa fil läggs till i den nya konfigurationen
            assert projekt is not None
    raise typer.Exit(kod)
