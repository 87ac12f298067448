"""Läs en fil (CSV, Parquet, Excel) till en rå Polars-ram med källrad `_rad` på varje rad."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl

from rapportverk import tecken
from rapportverk.fel import Fel, RapportverkFel, forslag
from rapportverk.konfig.modell import Fil

RAD = "_rad"


def las_ra(fil: Fil, sokvag: Path, visning: str, radtyp: pl.DataType = pl.Int64) -> pl.DataFrame:
    """Filens kolumner oförändrade (CSV som text) plus `_rad`: raden som användaren ser den i filen (`radtyp`;
    huvudboken tar UInt32, hälften av Int64 på miljontals rader)."""
    if not sokvag.exists():
        raise RapportverkFel(Fel("filen finns inte; kontrollera sökvägen i konfigurationen.", visning))
    if sokvag.is_dir():
        raise RapportverkFel(Fel("sökvägen är en katalog, inte en fil; skriv sökvägen till själva filen under 'fil' "
                                 "i konfigurationen.", visning))
    if sokvag.stat().st_size == 0:
        raise RapportverkFel(Fel("filen är tom; exportera den igen.", visning))
    form = fil.filformat
    if form == "csv":
        ram = _csv(fil, sokvag, visning)
        start = fil.rubrikrad + 1  # raden efter rubrikraden
    elif form == "parquet":
        ram = _parquet(sokvag, visning)
        start = 1
    else:
        ram = _excel(fil, sokvag, visning)
        start = fil.rubrikrad + 1
    return ram.with_row_index(RAD, offset=start).with_columns(pl.col(RAD).cast(radtyp))


def _las_bytes(sokvag: Path, visning: str) -> bytes:
    try:
        return sokvag.read_bytes()
    except PermissionError:
        raise RapportverkFel(Fel("filen får inte läsas (behörighet saknas); ge rapportverk läsrätt till filen.",
                                 visning)) from None
    except OSError as exc:
        raise RapportverkFel(Fel(f"filen kan inte läsas ({exc.strerror or type(exc).__name__}); kontrollera att den "
                                 "finns och går att öppna.", visning)) from None


def _csv(fil: Fil, sokvag: Path, visning: str) -> pl.DataFrame:
    data = _las_bytes(sokvag, visning)
    kodning = "utf-8-sig" if fil.kodning == "utf-8" else "cp1252"
    try:
        text = data.decode(kodning)
    except UnicodeDecodeError as exc:
        rad = data[: exc.start].count(b"\n") + 1
        raise RapportverkFel(Fel(
            f"filen är inte kodad som {fil.kodning}; ange rätt kodning (utf-8 eller cp1252) under "
            "'kodning' i konfigurationen eller spara om filen.", visning, rad)) from None
    if "\x00" in text[:4096]:
        raise RapportverkFel(Fel("filen ser ut att vara binär, inte en CSV-textfil; exportera den som CSV.",
                                 visning))
    fore = fil.rubrikrad - 1
    if fore:
        # Rader ovanför rubrikraden (rapportnamn, datum) tas bort här: de har sällan lika många fält som tabellen.
        delar = text.split("\n", fore)
        if len(delar) <= fore or not delar[fore].strip():
            raise RapportverkFel(Fel(f"filen har ingen rubrikrad på rad {fil.rubrikrad} (rubrikrad: {fil.rubrikrad} "
                                     "i konfigurationen); ange raden där kolumnnamnen står.", visning))
        text = delar[fore]
    try:
        ram = pl.read_csv(io.StringIO(text), separator=fil.separator, infer_schema=False,
                          quote_char='"', truncate_ragged_lines=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError):
        fel = _ojamn_rad(text, fil.separator, visning)
        raise RapportverkFel(Fel(fel.text, fel.fil, None if fel.rad is None else fel.rad + fore)) from None
    ram = ram.rename({k: k.strip() for k in ram.columns})
    if ram.width == 1 and fil.separator not in ram.columns[0] and any(s in ram.columns[0] for s in ";,\t|"):
        raise RapportverkFel(Fel(
            f"rubrikraden innehåller inte avgränsaren '{fil.separator}'; ange rätt 'separator' i "
            "konfigurationen.", visning, fil.rubrikrad))
    return ram


def _ojamn_rad(text: str, separator: str, visning: str) -> Fel:
    """Den första raden som polars inte kunde läsa, med radnummer (polars säger inte vilken): ett citattecken som
    aldrig stängs, eller annat antal fält än rubriken."""
    import csv

    # strict: ett citattecken som aldrig stängs blir ett fel (inte ett fält som slukar resten av filen).
    rader = csv.reader(io.StringIO(text), delimiter=separator, strict=True)
    nummer = 1
    try:
        rubrik = next(rader, [])
        while True:
            nummer = rader.line_num + 1  # raden där nästa post börjar
            falt = next(rader, None)
            if falt is None:
                break
            if falt and len(falt) != len(rubrik):
                if rader.line_num > nummer and any("\n" in f for f in falt):
                    return _oppet_citat(visning, nummer)
                return Fel(f"raden har {len(falt)} fält men rubrikraden har {len(rubrik)}; kontrollera avgränsaren "
                           f"('{separator}') och om ett värde innehåller avgränsaren utan citattecken.", visning,
                           nummer)
    except csv.Error as exc:
        if "expected after" in str(exc):
            return Fel("ett värde på raden har text efter sitt avslutande citattecken (\"); sätt hela värdet inom "
                       "citattecken och skriv ett citattecken inuti värdet dubbelt (\"\").", visning,
                       rader.line_num)
        # "unexpected end of data" eller "field larger than field limit": ett värde som börjar med " tar med
        # resten av filen eftersom citattecknet aldrig stängs.
        return _oppet_citat(visning, nummer)
    return Fel(f"filen kan inte läsas som CSV med avgränsaren '{separator}'; kontrollera avgränsaren och att alla "
               "rader har lika många fält.", visning)


def _oppet_citat(visning: str, rad: int) -> Fel:
    return Fel("ett värde på raden börjar med citattecken (\") som aldrig stängs, så resten av filen läses som ett "
               "enda värde; ta bort citattecknet eller lägg till det som stänger värdet.", visning, rad)


def _parquet(sokvag: Path, visning: str) -> pl.DataFrame:
    try:
        return pl.read_parquet(sokvag)
    except Exception as exc:  # polars kastar olika typer för trasiga filer
        raise RapportverkFel(Fel(f"filen kan inte läsas som Parquet ({type(exc).__name__}); den kan vara "
                                 "trasig eller av annat format — exportera den igen.", visning)) from None


def _excel(fil: Fil, sokvag: Path, visning: str) -> pl.DataFrame:
    import fastexcel

    try:
        bok = fastexcel.read_excel(str(sokvag))
    except Exception:  # fastexcel: CalamineError för trasiga filer och filer i andra format
        raise RapportverkFel(Fel(_inte_excel(sokvag), visning)) from None
    blad = fil.blad or bok.sheet_names[0]
    if blad not in bok.sheet_names:

        raise RapportverkFel(Fel(f"bladet '{blad}' finns inte{forslag(blad, bok.sheet_names)}; filen har "
                                 f"bladen: {', '.join(bok.sheet_names)}.", visning))
    try:
        # calamine läser bladets innehåll först här: en fil med hel förteckning men trasigt blad felar nu.
        # header_row räknas från bladets första rad (inte från den första som används) när den är större än 0.
        ark = (bok.load_sheet_by_name(blad) if fil.rubrikrad == 1
               else bok.load_sheet_by_name(blad, header_row=fil.rubrikrad - 1))
        ram = ark.to_polars()
    except Exception:
        raise RapportverkFel(Fel(f"bladet '{blad}' kan inte läsas eftersom filen är trasig; öppna den i Excel, "
                                 "spara om den som .xlsx och försök igen.", visning)) from None
    if fil.rubrikrad > 1 and all(str(k).startswith("__UNNAMED__") for k in ram.columns):
        # fastexcel namnger tomma rubrikceller __UNNAMED__n; en rubrikrad utan ett enda namn är fel rad.
        raise RapportverkFel(Fel(f"rad {fil.rubrikrad} i bladet '{blad}' har inga kolumnnamn (rubrikrad: "
                                 f"{fil.rubrikrad} i konfigurationen); ange raden där kolumnnamnen står.", visning))
    if ram.width == 0:
        raise RapportverkFel(Fel(f"bladet '{blad}' är tomt; det ska ha en rubrikrad med kolumnnamnen och en rad per "
                                 "post — välj rätt blad under 'blad' i konfigurationen eller exportera filen igen.",
                                 visning))
    # Excel sparar alla tal som flyttal: en period skriven 202408 kom annars som '202408.0' och var ingen period.
    hela = [c for c, typ in ram.schema.items() if typ.is_float() and ram[c].is_finite().all()
            and (ram[c].drop_nulls() % 1 == 0).all() and (ram[c].drop_nulls().abs() < 2**53).all()]
    ram = ram.with_columns(pl.col(hela).cast(pl.Int64))
    return ram.rename({k: str(k).strip() for k in ram.columns})


# Filens första byte säger vad den är när den inte är en .xlsx (en zip-fil): en felnamnad export är vanligare än en
# trasig fil, och rådet är olika.
_FORMAT = ((b"\xd0\xcf\x11\xe0", "en Excel-fil i det äldre formatet .xls",
            "öppna den i Excel och spara om den som .xlsx"),
           (b"%PDF", "en PDF-fil", "exportera data som .xlsx eller CSV i stället"),
           (b"PAR1", "en Parquet-fil", "byt filändelsen till .parquet eller skriv format: parquet under källan"))


def _inte_excel(sokvag: Path) -> str:
    try:
        with sokvag.open("rb") as f:
            borjan = f.read(4096)
    except OSError:
        borjan = b""
    for magi, vad, rad_ in _FORMAT:
        if borjan.startswith(magi):
            return f"filen kan inte läsas som Excel (.xlsx): den är {vad}; {rad_}."
    text = borjan.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table")):
        return ("filen kan inte läsas som Excel (.xlsx): den är en webbsida (HTML) med .xlsx-ändelse, som vissa "
                "system exporterar; öppna den i Excel och spara om den som .xlsx, eller exportera som CSV.")
    if borjan and b"\x00" not in borjan and not borjan.startswith(b"PK"):
        return ("filen kan inte läsas som Excel (.xlsx): den är en textfil (t.ex. CSV); skriv format: csv under "
                "källan i konfigurationen (med rätt separator) eller spara om den som .xlsx.")
    return ("filen kan inte läsas som Excel (.xlsx): den är trasig eller inte en Excel-arbetsbok; öppna den i Excel "
            "och spara om den som .xlsx, eller exportera den igen.")


def styrtecken(ram: pl.DataFrame, kalla: str = "kalla", rad: str = "rad", hogst: int = 5) -> list[Fel]:
    """Textceller med styrtecken (följer ofta med när text klistras in från ett annat program), som fel med källa
    och rad: utan den här kontrollen stoppade python-docx bygget med ett internt fel."""
    fel: list[Fel] = []
    for kolumn, typ in ram.schema.items():
        if typ != pl.String or kolumn in (kalla, rad):
            continue
        traffar = ram.filter(pl.col(kolumn).str.contains(tecken.MONSTER)).head(hogst - len(fel))
        for r in traffar.iter_rows(named=True):
            traff = tecken.forsta(r[kolumn])
            assert traff is not None  # samma mönster som filtret
            fel.append(Fel(f"kolumnen '{kolumn}' innehåller styrtecknet U+{ord(traff.group()):04X}, som inte kan visas "
                           "i en rapport; ta bort det i filen eller i källsystemet.", r.get(kalla), r.get(rad)))
        if len(fel) >= hogst:
            break
    return fel
