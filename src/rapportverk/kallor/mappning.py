"""Från rå ram till normaliserad ram: kolumnnamn, tal, enhet, tecken och period.

Varje värde som inte går att tolka blir ett fel med fil, rad och kolumn — aldrig ett tyst null.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from rapportverk.fel import Fel, forslag
from rapportverk.formatering import belopp as formatera_belopp
from rapportverk.kallor.filer import RAD
from rapportverk.konfig.modell import MAX_BELOPP, Fil, Kalla

SKALA = {"kr": 1.0, "tkr": 1_000.0, "mkr": 1_000_000.0}
MAX_VISADE = 8


@dataclass(frozen=True)
class Kolumnkrav:
    namn: str
    typ: str  # "text", "belopp" (skalas med enhet och tecken), "tal" (antal, timmar: tas som de står), "period"
    obligatorisk: bool = True


def byt_namn(ram: pl.DataFrame, fil: Fil, krav: list[Kolumnkrav], visning: str) -> tuple[pl.DataFrame, list[Fel]]:
    """Byt filens kolumnnamn till normaliserade namn enligt `kolumner` i konfigurationen."""
    fel: list[Fel] = []
    val: dict[str, str] = {}
    versaler = {c.casefold(): [d for d in ram.columns if d.casefold() == c.casefold()] for c in ram.columns}
    for k in krav:
        kalla = fil.kolumner.get(k.namn, k.namn)
        if kalla not in ram.columns and len(versaler.get(kalla.casefold(), [])) == 1:
            kalla = versaler[kalla.casefold()][0]  # 'Konto' i filen, 'konto' i konfigurationen
        if kalla in ram.columns:
            val[kalla] = k.namn
        elif k.obligatorisk:
            fel.append(Fel(
                f"kolumnen '{kalla}' ({k.namn}) saknas{forslag(kalla, ram.columns)}; filen har kolumnerna "
                f"{', '.join(c for c in ram.columns if c != RAD)} — ändra 'kolumner' i konfigurationen eller "
                "rubriken i filen.", visning, 1))
    okanda = set(fil.kolumner) - {k.namn for k in krav}
    for namn in sorted(okanda):
        fel.append(Fel(f"'{namn}' under kolumner är inget känt fält{forslag(namn, [k.namn for k in krav])}; "
                       f"kända fält: {', '.join(k.namn for k in krav)}.", visning))
    if fel:
        return ram, fel
    return ram.select(*[pl.col(c).alias(n) for c, n in val.items()], RAD), []


def normalisera(ram: pl.DataFrame, kalla: Fil, krav: list[Kolumnkrav], visning: str,
                tomma_tillatna: tuple[str, ...] = (), max_belopp: float = MAX_BELOPP
                ) -> tuple[pl.DataFrame, list[Fel]]:
    """Byt namn och tolka varje kolumn efter sin typ; alla fel i filen samlas. Ett belopp större än `max_belopp`
    kronor (efter enhet) är ett fel."""
    ram, fel = byt_namn(ram, kalla, krav, visning)
    if fel:
        return ram, fel
    kolumner = []
    for k in krav:
        if k.namn not in ram.columns:
            continue
        rubrik = kalla.kolumner.get(k.namn, k.namn)
        if k.typ in ("belopp", "tal"):
            s, f = _belopp(ram, k.namn, rubrik, kalla, visning, skala=k.typ == "belopp",  # type: ignore[arg-type]
                           tom_ok=k.namn in tomma_tillatna, max_belopp=max_belopp)
        elif k.typ == "period":
            s, f = _period(ram, k.namn, rubrik, kalla, visning)  # type: ignore[arg-type]
        else:
            s, f = _text(ram, k.namn, rubrik, visning)
            if k.namn in tomma_tillatna:
                s, f = s.replace("", None), []
        kolumner.append(s)
        fel.extend(f)
    return pl.DataFrame([*kolumner, ram[RAD]]), fel


def las_tal(ram: pl.DataFrame, kolumn: str, kalla: Fil, visning: str) -> tuple[pl.Series, list[Fel]]:
    """En kolumn med tal som de står (t.ex. i en lista): samma regler för decimaltecken och tusentalsavgränsare som
    beloppen, men ingen enhet och inget tecken; en tom cell blir null."""
    return _belopp(ram, kolumn, kolumn, kalla, visning, skala=False, tom_ok=True, vad="talet")  # type: ignore[arg-type]


def _belopp(ram: pl.DataFrame, kolumn: str, rubrik: str, kalla: Kalla, visning: str, skala: bool = True,
            tom_ok: bool = False, max_belopp: float = MAX_BELOPP, vad: str = "beloppet") -> tuple[pl.Series, list[Fel]]:
    """Text eller tal till kronor: tusentalsavgränsare, decimalkomma, enhet och teckenkonvention."""
    s = ram[kolumn]
    if isinstance(s.dtype, getattr(pl, "Extension", ())) and "numeric" in str(s.dtype).lower():
        # PostgreSQL:s numeric genom ADBC: text utan tusental och alltid med decimalpunkt (DESIGN §9), inte
        # skriven efter källans `decimal`.
        s = s.ext.storage().cast(pl.Float64, strict=False)
    if s.dtype.is_numeric():
        tal = s.cast(pl.Float64)
        tom = tal.is_null()
    else:
        text = s.cast(pl.Utf8).str.strip_chars()
        rensad = text.str.replace_all("[\u00a0\u202f ']", "").str.replace_all("\u2212", "-")
        fel = _decimalfel(ram, rensad, kolumn, rubrik, kalla, visning)
        if fel:
            return s, fel
        if kalla.decimal == ",":
            # 1.234,56 (punkt som tusentalsavgränsare) förekommer i exporter med decimalkomma
            punkter = rensad.str.contains(_GRUPPERAT[","])
            rensad = pl.select(pl.when(punkter).then(rensad.str.replace_all(r"\.", "")).otherwise(rensad)).to_series()
            rensad = rensad.str.replace(",", ".", literal=True)
        else:
            rensad = rensad.str.replace_all(",", "")
        tal = rensad.cast(pl.Float64, strict=False)
        tom = text.is_null() | (text == "")
        ogiltig = tal.is_null() & ~tom | rensad.str.contains(r"(?i)nan|inf").fill_null(False)
        if ogiltig.any():
            tecken = "decimalkomma" if kalla.decimal == "," else "decimalpunkt"
            return tal, radfel(ram, ogiltig, kolumn, rubrik, visning, "är inte ett tal",
                                f"skriv {vad} med siffror och {tecken}")
    # NaN och ±oändligt (flyttal i Parquet och Excel, eller 1e400 i en CSV) skulle bli tomma celler i tabellerna.
    fel = [*radfel(ram, tal.is_nan(), kolumn, rubrik, visning, "är inte ett tal (NaN)",
                    "skriv det riktiga talet, eller 0 om inget"),
           *radfel(ram, tal.is_infinite(), kolumn, rubrik, visning, "är oändligt stort", "skriv det riktiga talet")]
    if tom.any() and not tom_ok:
        fel += radfel(ram, tom, kolumn, rubrik, visning, "saknar belopp", "fyll i beloppet (0 om inget)")
    if not skala:
        return (tal + 0.0).alias(kolumn), fel
    tal = tal * SKALA[kalla.enhet]
    orimligt = tal.is_finite() & (tal.abs() > max_belopp)
    if orimligt.any():
        grans = formatera_belopp(max_belopp, "kr", 0)
        fel += radfel(ram, orimligt, kolumn, rubrik, visning,
                       f"är orimligt stort (över gränsen {grans} kr i organisation.max_belopp, räknat med "
                       f"enhet: {kalla.enhet})", "rätta beloppet och kontrollera enhet och decimaltecken, eller "
                       "höj organisation.max_belopp i konfigurationen om beloppet är riktigt")
    if fel:
        return tal, fel
    if kalla.tecken == "kostnad_positiv":
        tal = -tal
    # Till hela ören: tkr med tre decimaler blir annars 1234566.9999999998 kr.
    return (tal.round(2) + 0.0).alias(kolumn), []


# Ett tal med tusentalsavgränsare, efter decimaltecknet: 1.234.567,89 (decimal ',') eller 1,234,567.89 ('.').
# Den första gruppen börjar aldrig med 0 och de andra har alltid tre siffror.
_GRUPPERAT = {",": r"^[-+]?[1-9]\d{0,2}(\.\d{3})+(,\d*)?$", ".": r"^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?$"}
# Fyra siffror eller fler före decimaltecknet utan tusentalsavgränsare: 12345 eller 1374,529 (decimal ',').
_OGRUPPERAT = {",": r"^[-+]?\d{4,}(,\d*)?$", ".": r"^[-+]?\d{4,}(\.\d*)?$"}


def _decimalfel(ram: pl.DataFrame, rensad: pl.Series, kolumn: str, rubrik: str, kalla: Kalla, visning: str
                ) -> list[Fel]:
    """Belopp skrivna med den andra decimalkonventionen än källans `decimal`: ett fel per rad, aldrig en gissning.

    Källans andra tecken (punkt vid decimal ',', komma vid decimal '.') får bara vara tusentalsavgränsare, och
    en tusentalsavgränsare står före grupper om exakt tre siffror och sätts på alla tal eller inga. Så är
    '1374.529', '0.350' och '12.5' alltid decimaltal med decimal ',', och '743.823' är det när samma kolumn har
    ett tal som '12345' utan avgränsare. En fil skriven efter `decimal` uppfyller alltid reglerna och godtas.
    Kvar att gissa är bara en kolumn där varje värde ser ut som '743.823' och inget annat avgör (läses enligt
    `decimal`; gränsen organisation.max_belopp är då det sista skyddet)."""
    decimal = kalla.decimal
    annat = "." if decimal == "," else ","
    med_annat = rensad.str.contains(annat, literal=True).fill_null(False)
    if not med_annat.any():
        return []
    grupperat = rensad.str.contains(_GRUPPERAT[decimal]).fill_null(False)
    tydliga = med_annat & ~grupperat
    if decimal == "," and kalla.fil and getattr(kalla, "sql", None) is None and kalla.filformat == "excel":
        # Excel skriver talceller med decimalpunkt när kolumnen också har textceller (fastexcel gör då hela
        # kolumnen till text); att byta decimal skulle bara flytta felet till textcellerna.
        vad, rad_ = "har decimalpunkt", "i en Excel-fil betyder det oftast att kolumnen blandar tal och text, så " \
                                        "formatera hela kolumnen som tal i Excel (eller skriv decimal: \".\" under " \
                                        "källan om alla värden är text med decimalpunkt)"
    elif decimal == ",":
        vad, rad_ = "har decimalpunkt", "skriv decimal: \".\" under källan i konfigurationen, eller exportera " \
                                        "filen med decimalkomma"
    else:
        vad, rad_ = "har decimalkomma", "ta bort decimal: \".\" under källan i konfigurationen (decimalkomma är " \
                                        "standard), eller exportera filen med decimalpunkt"
    if tydliga.any():
        return radfel(ram, tydliga, kolumn, rubrik, visning,
                       f"{vad}, men källan har decimal: \"{decimal}\" i konfigurationen", rad_)
    ogrupperade = ram.filter(rensad.str.contains(_OGRUPPERAT[decimal]).fill_null(False))
    if ogrupperade.height:
        rad, varde = ogrupperade[RAD][0], ogrupperade[kolumn][0]
        return radfel(ram, med_annat, kolumn, rubrik, visning,
                       f"{vad}: som tusentalsavgränsare vore '{annat}' inte konsekvent, eftersom rad {rad} ('{varde}') "
                       f"saknar tusentalsavgränsare, och källan har decimal: \"{decimal}\" i konfigurationen", rad_)
    return []


_PERIODMONSTER = {"ÅÅÅÅ-MM": r"^(\d{4})-(\d{2})$", "ÅÅÅÅMM": r"^(\d{4})(\d{2})$",
                  "ÅÅÅÅ-MM-DD": r"^(\d{4})-(\d{2})-(\d{2})$"}


def _period(ram: pl.DataFrame, kolumn: str, rubrik: str, kalla: Kalla, visning: str
            ) -> tuple[pl.Series, list[Fel]]:
    """Period som första dagen i månaden. Datum från Excel/Parquet tas som de är."""
    s = ram[kolumn]
    if s.dtype in (pl.Date, pl.Datetime) or isinstance(s.dtype, pl.Datetime):
        datum = s.cast(pl.Date)
        return datum.dt.truncate("1mo").alias(kolumn), radfel(ram, datum.is_null(), kolumn, rubrik, visning,
                                                               "saknar period", "fyll i perioden")
    # En huvudbok har miljontals rader men bara några tiotal olika perioder: tolka varje värde en gång.
    hela = s.cast(pl.Utf8)
    unika = hela.unique()
    tolkad, fel = _period_text(unika, ram, hela, kolumn, rubrik, kalla, visning)
    if fel:
        return s, fel
    return hela.replace_strict(unika, tolkad, return_dtype=pl.Date).alias(kolumn), []


def _period_text(unika: pl.Series, ram: pl.DataFrame, hela: pl.Series, kolumn: str, rubrik: str, kalla: Kalla,
                 visning: str) -> tuple[pl.Series, list[Fel]]:
    text = unika.str.strip_chars()
    delar = text.str.extract_groups(_PERIODMONSTER[kalla.periodformat])
    ar = delar.struct.field("1").cast(pl.Int32, strict=False)
    manad = delar.struct.field("2").cast(pl.Int32, strict=False)
    ok = ar.is_not_null() & manad.is_between(1, 12).fill_null(False)
    if kalla.periodformat == "ÅÅÅÅ-MM-DD":
        full = text.str.to_date("%Y-%m-%d", strict=False)
        ok = ok & full.is_not_null()
    ok = ok.fill_null(False)
    if not ok.all():
        felaktiga = unika.filter(~ok)
        mask = hela.is_in(felaktiga.drop_nulls().implode()) | (hela.is_null() & (felaktiga.null_count() > 0))
        return unika, radfel(ram, mask, kolumn, rubrik, visning, "är ingen giltig period",
                              f"skriv perioden som {kalla.periodformat} eller ändra 'periodformat' i konfigurationen")
    return pl.select(pl.date(ar, manad, 1)).to_series(), []


def _text(ram: pl.DataFrame, kolumn: str, rubrik: str, visning: str) -> tuple[pl.Series, list[Fel]]:
    s = ram[kolumn]
    if s.dtype == pl.String:
        # En huvudbok har miljontals rader men några tusen olika koder: är varje olika värde redan utan blanktecken
        # runt sig och inte tomt, är kolumnen färdig som den är.
        unika = s.unique()
        if unika.null_count() == 0 and unika.str.strip_chars().equals(unika) and not (unika == "").any():
            return s.alias(kolumn), []
    text = (s.cast(pl.Int64).cast(pl.Utf8) if s.dtype.is_float() and (s.drop_nulls() % 1 == 0).all()
            else s.cast(pl.Utf8)).str.strip_chars()
    tom = text.is_null() | (text == "")
    return text.alias(kolumn), radfel(ram, tom, kolumn, rubrik, visning, "är tom", "fyll i ett värde")


def radfel(ram: pl.DataFrame, mask: pl.Series, kolumn: str, rubrik: str, visning: str, vad: str, rad_: str
            ) -> list[Fel]:
    if not mask.any():
        return []
    rader = ram.filter(mask.fill_null(False))
    fel = []
    for rad, varde in zip(rader[RAD].head(MAX_VISADE), rader[kolumn].head(MAX_VISADE), strict=True):
        visat = "" if varde is None else f" ('{varde}')"
        fel.append(Fel(f"kolumnen '{rubrik}'{visat} {vad}; {rad_}.", visning, rad))
    if rader.height > MAX_VISADE:
        fel.append(Fel(f"ytterligare {rader.height - MAX_VISADE} rader i kolumnen '{rubrik}' {vad}.", visning))
    return fel
