"""Deterministisk generator för exempeldata till rapportverk (den fiktiva Region Nordanå).

Kör:  .venv/bin/python exempeldata/generera.py

Skriver alla filer i exempeldata/ på nytt, byte för byte lika vid varje körning: all slump kommer från
namngivna frön, rader sorteras och Parquet/XLSX skrivs med fasta inställningar och datum.

Regionstyrelsens siffror är konstruerade så att standardmåtten ger exakt de publicerade tabellerna i
delårsrapporten per april 2021 (se PUBLICERAT). Metoden:

1. Oavrundade mål (Mkr) per delområde och per kostnadsslag står i VALDA_MAL. De är valda så att varje
   publicerad siffra avrundas rätt (halva bort från noll) och rader och kolumner har samma summor;
   kontrollera_mal prövar det exakt vid varje körning. Nya år: `generera.py --foresla-mal ÅR` löser
   villkoren som ett LP (kräver scipy) och skriver ut en post att klistra in.
2. Matrisen delområde x kostnadsslag fylls från en rimlig fröfördelning så att rad- och kolumnsummorna
   stämmer exakt i heltal (ören för utfall, kronor för budget), med rätt tecken i varje cell.
3. Varje cell delas på månader, kostnadsställen och konton med största-rest-fördelning (summan bevaras).

Övriga nämnder får rimliga, seedade belopp utan publicerade mål.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import polars as pl
import xlsxwriter
import yaml

KATALOG = Path(__file__).resolve().parent
KOSTNADSSLAG_YAML = KATALOG.parent / "konfig" / "kostnadsslag.yaml"
FRO = "rapportverk-exempeldata-v1"

MKR = 1_000_000
ORE_PER_KR = 100

# ---------------------------------------------------------------------------------------------------------
# Kostnadsslag: "blad" är de minsta byggstenarna. Personalkostnader delas i pension (55xx) och övrig
# personal så att raden "varav Pensionskostnader" kan styras separat.
# ---------------------------------------------------------------------------------------------------------

BLAD = ("VARD", "OVRINT", "PERS", "PENS", "OVRPERS", "LAK", "MED", "KOP", "UTOM", "FAST", "ITMT",
        "OVRIGT", "AVSKR")
INTAKTSBLAD = frozenset({"VARD", "OVRINT"})


def tecken(blad: str) -> int:
    """Intäkter positiva, kostnader negativa (huvudbokens konvention)."""
    return 1 if blad in INTAKTSBLAD else -1


# Rapportrader i konfig/kostnadsslag.yaml uttryckta i blad.
RAPPORTRAD_BLAD: dict[str, tuple[str, ...]] = {
    "Vårdintäkter": ("VARD",),
    "Övriga intäkter": ("OVRINT",),
    "Personalkostnader": ("PERS", "PENS"),
    "Pensionskostnader": ("PENS",),
    "Övriga personalkostnader": ("OVRPERS",),
    "Läkemedelskostnader": ("LAK",),
    "Medicinskt mtr o prod kostnader": ("MED",),
    "Köp av verksamhet o tjänster": ("KOP",),
    "Utomlänsvård": ("UTOM",),
    "Fastighetskostnader": ("FAST",),
    "IT/MT kostnader": ("ITMT",),
    "Övrigt": ("OVRIGT",),
    "Avskrivningskostnader": ("AVSKR",),
}


@dataclass(frozen=True)
class Konto:
    konto: str
    benamning: str
    blad: str
    vikt: float = 1.0
    allman: bool = True  # False: används bara där en mall eller ett delområde pekar ut kontot


KONTOPLAN: tuple[Konto, ...] = (
    Konto("3010", "Patientavgifter öppen vård", "VARD", 2.0),
    Konto("3020", "Patientavgifter sluten vård", "VARD", 1.0),
    Konto("3050", "Egenavgifter sjukresor", "VARD", 1.0, allman=False),
    Konto("3060", "Tandvårdsavgifter", "VARD", 1.0, allman=False),
    Konto("3110", "Såld vård till andra regioner", "VARD", 1.5),
    Konto("3310", "Försäljning av tjänster", "OVRINT", 1.0),
    Konto("3410", "Hyresintäkter", "OVRINT", 1.0, allman=False),
    Konto("3510", "Riktade statsbidrag", "OVRINT", 1.5),
    Konto("3550", "EU-bidrag och projektbidrag", "OVRINT", 1.0, allman=False),
    Konto("3610", "Interna ersättningar", "OVRINT", 2.0),
    Konto("3810", "Biljettintäkter kollektivtrafik", "OVRINT", 1.0, allman=False),
    Konto("3910", "Övriga intäkter", "OVRINT", 0.5),
    Konto("5010", "Månadslöner", "PERS", 6.0),
    Konto("5020", "Timlöner", "PERS", 0.6),
    Konto("5040", "Övertid och mertid", "PERS", 0.4),
    Konto("5070", "Jour och beredskap", "PERS", 0.5, allman=False),
    Konto("5610", "Lagstadgade arbetsgivaravgifter", "PERS", 2.2),
    Konto("5710", "Avtalsförsäkringar", "PERS", 0.2),
    Konto("5510", "Avgiftsbestämd ålderspension", "PENS", 1.0),
    Konto("5520", "Förmånsbestämd pension", "PENS", 1.0),
    Konto("5530", "Förändring av pensionsskuld", "PENS", 2.0, allman=False),
    Konto("5590", "Särskild löneskatt på pensionskostnader", "PENS", 0.5),
    Konto("5910", "Utbildning och kurser", "OVRPERS", 1.0),
    Konto("5930", "Rekryteringskostnader", "OVRPERS", 0.5),
    Konto("5950", "Friskvård och personalvård", "OVRPERS", 0.5),
    Konto("4510", "Läkemedel inom förmånen", "LAK", 1.0, allman=False),
    Konto("4520", "Rekvisitionsläkemedel", "LAK", 2.0),
    Konto("4550", "Vacciner", "LAK", 0.5),
    Konto("4610", "Medicinskt förbrukningsmaterial", "MED", 2.0),
    Konto("4630", "Laboratoriematerial", "MED", 0.7),
    Konto("4660", "Hjälpmedel", "MED", 0.5),
    Konto("4010", "Köpt vård från privata vårdgivare", "KOP", 1.0),
    Konto("4020", "Ersättning vårdval primärvård", "KOP", 3.0, allman=False),
    Konto("4030", "Ersättning tandvård barn och unga", "KOP", 2.0, allman=False),
    Konto("4210", "Inhyrd personal", "KOP", 1.0),
    Konto("4310", "Konsulttjänster", "KOP", 1.0),
    Konto("4410", "Sjukresor och patientresor", "KOP", 2.0, allman=False),
    Konto("4420", "Trafikavtal kollektivtrafik", "KOP", 3.0, allman=False),
    Konto("4110", "Utomlänsvård riks- och regionvård", "UTOM", 2.0),
    Konto("4120", "Utomlänsvård övrig", "UTOM", 1.0),
    Konto("6010", "Lokalhyror", "FAST", 3.0),
    Konto("6110", "El", "FAST", 1.0),
    Konto("6120", "Värme", "FAST", 1.0),
    Konto("6210", "Fastighetsunderhåll", "FAST", 1.0, allman=False),
    Konto("6250", "Snöröjning och markskötsel", "FAST", 0.5, allman=False),
    Konto("6310", "IT-tjänster", "ITMT", 2.0),
    Konto("6330", "Licenser och programvara", "ITMT", 1.0),
    Konto("6410", "Medicinteknisk service", "ITMT", 1.0),
    Konto("4710", "Livsmedel", "OVRIGT", 1.0, allman=False),
    Konto("6510", "Tele och porto", "OVRIGT", 0.6),
    Konto("6710", "Transporter och resor", "OVRIGT", 0.8),
    Konto("6910", "Försäkringar", "OVRIGT", 0.5),
    Konto("7110", "Lämnade bidrag", "OVRIGT", 1.0, allman=False),
    Konto("7910", "Övriga kostnader", "OVRIGT", 1.5),
    Konto("7810", "Avskrivning byggnader", "AVSKR", 2.0),
    Konto("7830", "Avskrivning inventarier", "AVSKR", 1.5),
    Konto("7850", "Avskrivning immateriella tillgångar", "AVSKR", 0.5),
)
KONTO = {k.konto: k for k in KONTOPLAN}

# Månadsprofiler (jan..dec) för budgetens periodisering; utfallet får dessutom brus.
SASONG: dict[str, tuple[float, ...]] = {
    "PERS": (1.0, 0.95, 1.0, 1.0, 1.0, 1.1, 1.2, 0.9, 1.0, 1.0, 1.0, 1.05),
    "FAST": (1.3, 1.25, 1.15, 1.0, 0.85, 0.75, 0.7, 0.75, 0.85, 1.0, 1.15, 1.25),
}
PLATT = (1.0,) * 12


def sasong(blad: str) -> tuple[float, ...]:
    if blad in ("PERS", "PENS", "OVRPERS"):
        return SASONG["PERS"]
    return SASONG.get(blad, PLATT)


# ---------------------------------------------------------------------------------------------------------
# Nämnder och organisation
# ---------------------------------------------------------------------------------------------------------

NAMNDER: tuple[tuple[str, str, str], ...] = (  # id, namn, första siffran i kostnadsställets kod
    ("regionstyrelsen", "Regionstyrelsen", "1"),
    ("halso_och_sjukvardsnamnden", "Hälso- och sjukvårdsnämnden", "2"),
    ("regionala_utvecklingsnamnden", "Regionala utvecklingsnämnden", "6"),
    ("folkhogskolestyrelsen", "Folkhögskolestyrelsen", "7"),
    ("patientnamnden", "Patientnämnden", "8"),
    ("revisionen", "Revisionen", "9"),
)
RS = "regionstyrelsen"
HSN = "halso_och_sjukvardsnamnden"
RUN = "regionala_utvecklingsnamnden"


@dataclass(frozen=True)
class Basenhet:
    namn: str
    antal: int  # antal kostnadsställen
    blad: tuple[str, ...] | None = None  # None: alla blad som delområdet har
    suffix: tuple[str, ...] = ("ledning", "verksamhet", "utveckling", "projekt", "stöd", "drift")


@dataclass(frozen=True)
class Delomrade:
    namnd: str
    omrade: str
    namn: str
    mall: str  # nyckel i MALLAR (övriga nämnder) eller "rs" (beloppen styrs av målen)
    basenheter: tuple[Basenhet, ...]
    konton: dict[str, tuple[str, ...]] = field(default_factory=dict)  # blad -> konton (ersätter allmänna)


def _b(namn: str, antal: int, blad: Sequence[str] | None = None,
       suffix: Sequence[str] | None = None) -> Basenhet:
    if suffix is None:
        return Basenhet(namn, antal, tuple(blad) if blad else None)
    return Basenhet(namn, antal, tuple(blad) if blad else None, tuple(suffix))


ADM = ("OVRINT", "PERS", "PENS", "OVRPERS", "KOP", "FAST", "ITMT", "OVRIGT", "AVSKR")
KLINIK_SUFFIX = ("ledning och administration", "vårdavdelning", "mottagning", "dagvård", "operation",
                 "vårdavdelning 2")
HC_SUFFIX = ("mottagning", "distriktssköterskor")
PSYK_SUFFIX = ("öppenvård", "heldygnsvård", "ledning")
RUO = "Regionövergripande verksamhet"
DMT = "Digitalisering och medicinsk teknik"

ORGANISATION: tuple[Delomrade, ...] = (
    # --- Regionstyrelsen: strukturen följer delårsrapportens områden och delområden -------------------
    Delomrade(RS, RUO, "Regionförvaltningen gemensamt", "rs", (
        _b("Centrala anslag", 3, ("OVRINT", "PERS", "KOP", "FAST", "ITMT", "OVRIGT", "OVRPERS")),
        _b("Pensioner", 2, ("PENS",)),
        _b("Kapitalkostnader", 2, ("AVSKR",)),
        _b("Riktade statsbidrag", 2, ("OVRINT", "OVRIGT")),
    ), {"OVRINT": ("3510", "3910"), "PENS": ("5520", "5530", "5590"), "OVRIGT": ("7910", "6910", "7110"),
        "KOP": ("4310",), "PERS": ("5010", "5610")}),
    Delomrade(RS, RUO, "Administrativ verksamhet", "rs", (
        _b("Regionledning", 3, ADM), _b("Ledningsstaben", 4, ADM), _b("Företagshälsan", 2, ADM),
        _b("HR-stab", 4, ADM), _b("Kommunikationsstab", 2, ADM), _b("Ekonomistab", 3, ADM),
        _b("Smittskydd", 2, (*ADM, "LAK", "MED")),
    )),
    Delomrade(RS, RUO, "Primärvård beställning", "rs", (
        _b("Hälsoval ersättning", 3, ("KOP", "OVRINT", "OVRIGT")),
        _b("Hälsoval uppdrag och tillägg", 2, ("KOP", "OVRIGT", "LAK", "MED")),
        _b("Beställarkansli primärvård", 2, ("PERS", "PENS", "ITMT", "OVRIGT", "OVRINT")),
        _b("Utomlänsvård primärvård", 1, ("UTOM", "KOP")),
    ), {"KOP": ("4020", "4010"), "OVRINT": ("3510", "3910"), "OVRIGT": ("7110", "7910")}),
    Delomrade(RS, RUO, "Tandvård beställning", "rs", (
        _b("Allmäntandvård barn och unga", 2, ("KOP", "OVRIGT")),
        _b("Tandvårdsstöd vuxna", 2, ("KOP", "OVRIGT", "OVRINT")),
        _b("Beställarkansli tandvård", 1, ("PERS", "PENS", "OVRIGT", "OVRINT")),
    ), {"KOP": ("4030", "4010"), "OVRINT": ("3510",), "OVRIGT": ("7110", "7910")}),
    Delomrade(RS, DMT, DMT, "rs", (
        _b("Områdesledning DMT", 2), _b("IT-drift", 5), _b("Digital utveckling", 4),
        _b("Medicinsk teknik", 4), _b("Sterilteknik", 3), _b("Invånartjänster", 2),
    ), {"OVRINT": ("3610", "3310", "3510"), "VARD": ("3010",)}),
    Delomrade(RS, "Service", "Service", "rs", (
        _b("Områdesledning Service", 2),
        _b("Fastighet", 6, ("FAST", "AVSKR", "PERS", "PENS", "OVRINT", "KOP", "OVRIGT", "ITMT")),
        _b("Kost", 4, ("PERS", "PENS", "OVRIGT", "OVRINT", "MED", "FAST")),
        _b("Lokalvård", 4, ("PERS", "PENS", "MED", "OVRINT", "OVRIGT")),
        _b("Logistik och förråd", 3, ("PERS", "PENS", "MED", "OVRINT", "OVRIGT", "KOP")),
        _b("Inköp", 3, ("PERS", "PENS", "OVRINT", "ITMT", "OVRIGT", "OVRPERS")),
        _b("Sjukresor", 2, ("KOP", "VARD", "OVRIGT", "PERS", "PENS")),
        _b("Tolk och kundtjänst", 3),
    ), {"VARD": ("3050",), "KOP": ("4410", "4310", "4210"),
        "FAST": ("6010", "6110", "6120", "6210", "6250"), "OVRINT": ("3410", "3610", "3310"),
        "OVRIGT": ("4710", "6710", "6510", "6910")}),
    # --- Hälso- och sjukvårdsnämnden -------------------------------------------------------------------
    Delomrade(HSN, "Sjukhusvård", "Nordanå sjukhus", "klinik", tuple(
        _b(n, a, suffix=KLINIK_SUFFIX) for n, a in (
            ("Akutkliniken", 3), ("Anestesi och intensivvård", 4), ("Medicinkliniken", 6),
            ("Kirurgkliniken", 5), ("Ortopedkliniken", 4), ("Kvinnokliniken", 4),
            ("Barn- och ungdomskliniken", 4), ("Hjärtcentrum", 4), ("Cancercentrum", 4),
            ("Infektionskliniken", 3), ("Neurocentrum", 4), ("Öron-, näs- och halskliniken", 3),
            ("Ögonkliniken", 3), ("Hudkliniken", 2), ("Geriatriken", 3), ("Rehabiliteringsmedicin", 3),
            ("Bild- och funktionsmedicin", 4), ("Laboratoriemedicin", 4), ("Operationscentrum", 3),
            ("Sjukhusledning Nordanå", 2),
        ))),
    Delomrade(HSN, "Sjukhusvård", "Norrviks lasarett", "klinik", tuple(
        _b(n, a, suffix=KLINIK_SUFFIX) for n, a in (
            ("Medicin Norrvik", 4), ("Kirurgi och ortopedi Norrvik", 4), ("Akutmottagning Norrvik", 2),
            ("Kvinnosjukvård Norrvik", 3), ("Anestesi och operation Norrvik", 3),
            ("Röntgen Norrvik", 2), ("Rehabilitering Norrvik", 2), ("Lasarettsledning Norrvik", 2),
        ))),
    Delomrade(HSN, "Sjukhusvård", "Fjällby lasarett", "klinik", tuple(
        _b(n, a, suffix=KLINIK_SUFFIX) for n, a in (
            ("Medicin Fjällby", 4), ("Kirurgi Fjällby", 3), ("Akutmottagning Fjällby", 2),
            ("Röntgen Fjällby", 2), ("Rehabilitering Fjällby", 2), ("Lasarettsledning Fjällby", 2),
        ))),
    Delomrade(HSN, "Primärvård", "Hälsocentraler kust", "halsocentral", tuple(
        _b(f"Hälsocentral {n}", 2, suffix=HC_SUFFIX) for n in (
            "Nordanå centrum", "Nordanå väster", "Sörvik", "Björkhamn", "Strandby", "Ålsund", "Kustlid",
            "Ytterå", "Hamnvik", "Norrvik", "Granö strand", "Lövnäs",
        ))),
    Delomrade(HSN, "Primärvård", "Hälsocentraler inland", "halsocentral", tuple(
        _b(f"Hälsocentral {n}", 2, suffix=HC_SUFFIX) for n in (
            "Fjällby", "Myrberg", "Tallåsen", "Renliden", "Västerfors", "Högmyr", "Bäckby", "Sjöliden",
            "Kallbäcken", "Granberg",
        ))),
    Delomrade(HSN, "Psykiatri", "Vuxenpsykiatri", "psykiatri", tuple(
        _b(n, 3, suffix=PSYK_SUFFIX) for n in (
            "Allmänpsykiatri Nordanå", "Psykospsykiatri", "Rättspsykiatri", "Beroendecentrum",
            "Vuxenpsykiatri Norrvik", "Vuxenpsykiatri Fjällby",
        ))),
    Delomrade(HSN, "Psykiatri", "Barn- och ungdomspsykiatri", "psykiatri", tuple(
        _b(n, 3, suffix=PSYK_SUFFIX) for n in ("BUP Nordanå", "BUP Norrvik", "BUP Fjällby"))),
    Delomrade(HSN, "Tandvård", "Folktandvården", "tandvard", tuple(
        _b(f"Folktandvården {n}", 2, suffix=("allmäntandvård", "specialisttandvård")) for n in (
            "Nordanå", "Sörvik", "Björkhamn", "Norrvik", "Fjällby", "Myrberg", "Tallåsen", "Ytterå",
            "Hamnvik", "Västerfors", "Kallbäcken",
        ))),
    Delomrade(HSN, "Övrig verksamhet HSN", "Hälso- och sjukvård gemensamt", "hsn_gemensamt", (
        _b("Utomlänsvård och riksvård", 2, ("UTOM", "KOP", "PERS", "PENS")),
        _b("Läkemedel gemensamt", 2, ("LAK", "OVRINT", "PERS", "PENS")),
        _b("Hälso- och sjukvårdsledning", 3), _b("Kvalitet och patientsäkerhet", 2),
        _b("Forskning och utbildning", 3), _b("Ambulanssjukvård", 4),
    ), {"LAK": ("4510", "4520"), "OVRINT": ("3510", "3910")}),
    # --- Regionala utvecklingsnämnden ------------------------------------------------------------------
    Delomrade("regionala_utvecklingsnamnden", "Regional utveckling", "Kollektivtrafik", "kollektivtrafik", (
        _b("Länstrafik", 4), _b("Kollektivtrafik planering", 2), _b("Färdtjänst och serviceresor", 2),
    )),
    Delomrade("regionala_utvecklingsnamnden", "Regional utveckling", "Kultur", "kultur", (
        _b("Kulturstöd", 3), _b("Regional biblioteksverksamhet", 2), _b("Länsmuseum och arkiv", 2),
    )),
    Delomrade("regionala_utvecklingsnamnden", "Regional utveckling", "Näringsliv och tillväxt",
              "naringsliv", (
        _b("Företagsstöd", 3), _b("EU-projekt och strukturfonder", 3), _b("Besöksnäring", 2),
    )),
    Delomrade("regionala_utvecklingsnamnden", "Regional utveckling", "Regional utveckling gemensamt",
              "regional_gemensamt", (_b("Kansli regional utveckling", 3), _b("Infrastrukturplanering", 2))),
    # --- Små nämnder -----------------------------------------------------------------------------------
    Delomrade("folkhogskolestyrelsen", "Folkhögskolor", "Nordanå folkhögskola", "folkhogskola", (
        _b("Nordanå folkhögskola", 4, suffix=("ledning", "allmän kurs", "särskild kurs", "internat")),
    )),
    Delomrade("folkhogskolestyrelsen", "Folkhögskolor", "Fjällby folkhögskola", "folkhogskola", (
        _b("Fjällby folkhögskola", 4, suffix=("ledning", "allmän kurs", "särskild kurs", "internat")),
    )),
    Delomrade("patientnamnden", "Patientnämnden", "Patientnämndens kansli", "kansli", (
        _b("Patientnämndens kansli", 2, suffix=("kansli", "stödpersoner")),
    )),
    Delomrade("revisionen", "Revisionen", "Revisionskontoret", "kansli", (
        _b("Revisionskontoret", 2, suffix=("förtroendevalda revisorer", "sakkunnigt biträde")),
    )),
)

# Mallar för nämnder utan publicerade mål: årsbelopp i Mkr för ett kostnadsställe av normalstorlek
# (bruttobelopp, tecknet följer bladet) och vid behov vilka konton bladet använder.
MALLAR: dict[str, dict[str, tuple[float, tuple[str, ...] | None]]] = {
    "klinik": {"VARD": (4.0, ("3010", "3020", "3110")), "OVRINT": (3.0, ("3510", "3310", "3910")),
               "PERS": (40.0, ("5010", "5020", "5040", "5070", "5610", "5710")), "PENS": (2.8, None),
               "OVRPERS": (0.4, None), "LAK": (4.0, None), "MED": (4.0, None), "KOP": (2.5, ("4210", "4010")),
               "FAST": (3.5, ("6010", "6110", "6120")), "ITMT": (1.5, None), "OVRIGT": (2.5, None),
               "AVSKR": (1.0, ("7830",))},
    "halsocentral": {"VARD": (1.2, ("3010",)), "OVRINT": (24.0, ("3610", "3510")), "PERS": (17.0, None),
                     "PENS": (1.2, None), "OVRPERS": (0.2, None), "LAK": (0.8, None), "MED": (0.8, None),
                     "KOP": (2.0, ("4210", "4310")), "FAST": (1.5, ("6010", "6110", "6120")),
                     "ITMT": (0.6, None), "OVRIGT": (0.9, None), "AVSKR": (0.2, ("7830",))},
    "psykiatri": {"VARD": (0.3, ("3010", "3020")), "OVRINT": (1.0, None), "PERS": (30.0, None),
                  "PENS": (2.0, None), "OVRPERS": (0.3, None), "LAK": (1.0, None), "MED": (0.5, None),
                  "KOP": (3.0, ("4210", "4010")), "FAST": (2.5, ("6010", "6110", "6120")),
                  "ITMT": (0.8, None), "OVRIGT": (1.2, None), "AVSKR": (0.3, ("7830",))},
    "tandvard": {"VARD": (9.0, ("3060",)), "OVRINT": (5.0, ("3610",)), "PERS": (9.0, None),
                 "PENS": (0.6, None), "OVRPERS": (0.1, None), "MED": (1.5, ("4610",)),
                 "KOP": (0.8, ("4310",)), "FAST": (1.0, ("6010", "6110")), "ITMT": (0.4, None),
                 "OVRIGT": (0.6, None), "AVSKR": (0.4, ("7830",))},
    "hsn_gemensamt": {"OVRINT": (30.0, None), "LAK": (90.0, None), "KOP": (25.0, ("4010", "4310")),
                      "UTOM": (80.0, ("4110", "4120")), "PERS": (12.0, None), "PENS": (0.8, None),
                      "OVRPERS": (0.3, None), "MED": (2.0, None), "OVRIGT": (8.0, None), "ITMT": (2.0, None),
                      "FAST": (1.5, ("6010",)), "AVSKR": (2.5, ("7830",))},
    "kollektivtrafik": {"OVRINT": (20.0, ("3810", "3510")), "KOP": (80.0, ("4420",)), "PERS": (2.0, None),
                        "PENS": (0.2, None), "OVRIGT": (2.0, None), "ITMT": (1.0, ("6310",))},
    "kultur": {"OVRIGT": (12.0, ("7110",)), "PERS": (2.0, None), "PENS": (0.2, None),
               "OVRINT": (1.5, ("3510",)), "FAST": (0.5, ("6010",))},
    "naringsliv": {"OVRIGT": (15.0, ("7110",)), "OVRINT": (10.0, ("3550", "3510")), "PERS": (3.0, None),
                   "PENS": (0.2, None), "KOP": (2.0, ("4310",)), "ITMT": (0.3, None)},
    "regional_gemensamt": {"PERS": (4.0, None), "PENS": (0.3, None), "OVRIGT": (2.0, None),
                           "OVRINT": (1.0, None), "ITMT": (0.5, None), "FAST": (0.4, ("6010",))},
    "folkhogskola": {"OVRINT": (8.0, ("3510", "3410", "3310")), "PERS": (6.0, None), "PENS": (0.4, None),
                     "OVRPERS": (0.1, None), "FAST": (2.0, None), "OVRIGT": (1.5, ("4710", "6710", "7910")),
                     "ITMT": (0.3, None), "AVSKR": (0.2, ("7810", "7830"))},
    "kansli": {"PERS": (1.5, None), "PENS": (0.1, None), "OVRPERS": (0.05, None), "OVRIGT": (0.3, None),
               "FAST": (0.2, ("6010",)), "ITMT": (0.1, None)},
}

# Hur utfallet förhåller sig till budget per mall (kostnader; intäkter får eget brus).
MALL_UTFALL_MOT_BUDGET = {"klinik": 1.03, "psykiatri": 1.02, "halsocentral": 1.01, "tandvard": 0.99,
                          "hsn_gemensamt": 0.98, "kollektivtrafik": 0.97}


@dataclass(frozen=True)
class Enhet:
    kod: str
    namn: str
    basenhet: Basenhet
    delomrade: Delomrade


def bygg_organisation() -> list[Enhet]:
    """Kostnadsställen: kod = nämndens siffra + delområdets löpnummer (2) + löpnummer inom delområdet (2)."""
    enheter: list[Enhet] = []
    prefix = {nid: siffra for nid, _, siffra in NAMNDER}
    lopnr: dict[str, int] = {}
    for d in ORGANISATION:
        lopnr[d.namnd] = lopnr.get(d.namnd, 0) + 1
        n = 0
        for b in d.basenheter:
            for k in range(b.antal):
                n += 1
                kod = f"{prefix[d.namnd]}{lopnr[d.namnd]:02d}{n:02d}"
                namn = b.namn if b.antal == 1 else f"{b.namn}, {b.suffix[k % len(b.suffix)]}"
                if k >= len(b.suffix):
                    namn += f" {k // len(b.suffix) + 1}"
                enheter.append(Enhet(kod, namn, b, d))
        if n > 99:
            raise ValueError(f"för många kostnadsställen i {d.namn}")
    return enheter


# ---------------------------------------------------------------------------------------------------------
# Publicerade siffror per år (Mkr, som de står i rapporten). -0.0 betyder "-0": litet negativt tal.
# Procent för budgetavvikelse är vår definition: avvikelse / |budget| * 100. Där rapporten delar med
# -budget och budgeten är positiv har tecknet därför vänts (RFG, Vårdintäkter, Övriga intäkter).
# ---------------------------------------------------------------------------------------------------------

N0 = -0.0


@dataclass(frozen=True)
class Arsmal:
    ar: int
    manad: int  # rapportperiodens månad; ack = jan..manad
    namnd: str
    # delområde, ack utfall, ack utfall fg, ntk-utv %, ack avvikelse, ack avvikelse %, årsbudget
    per_delomrade: tuple[tuple[str, float, float, float, float, float, float], ...]
    summa: tuple[float, float, float, float, float, float]
    # rapportrad, månadsavvikelse, ack utfall, kostnadsutv %, ack avvikelse, ack avvikelse % (None = tom),
    # årsbudget. Rapportraderna heter som i konfig/kostnadsslag.yaml.
    per_kostnadsslag: tuple[tuple[str, float, float, float, float, float | None, float], ...]
    summa_manadsavvikelse: float
    # Ledtrådar ur rapportens text (ack avvikelse per delområde, en decimal). Inte tabellsiffror.
    ledtradar: tuple[tuple[str, float], ...]
    # Frö för fördelningen delområde x blad: ack utfall jan..manad, bruttobelopp i Mkr (positiva).
    fro: dict[str, dict[str, float]]
    # Avvikande frön för enskilda storheter ("U20", "B", "R" = budget resten av året):
    # (delområde, blad) -> Mkr i samma skala som fro.
    fro_avvikande: dict[str, dict[tuple[str, str], float]]
    # Blad där periodens månadsavvikelse samlas på ett delområde (engångspost), i stället för att
    # fördelas proportionellt.
    engangspost: dict[str, str]


RFG, ADMV, PVB, TVB, SERV = ("Regionförvaltningen gemensamt", "Administrativ verksamhet",
                             "Primärvård beställning", "Tandvård beställning", "Service")

PUBLICERAT: dict[int, Arsmal] = {
    2021: Arsmal(
        ar=2021, manad=4, namnd=RS,
        per_delomrade=(
            (RFG, -245, -212, 15.6, -260, -1696.6, -515),
            (ADMV, -70, -57, 23.9, 1, 1.2, -192),
            (PVB, -476, -426, 11.8, 17, 3.5, -1459),
            (TVB, -58, -54, 7.0, 3, 5.7, -183),
            (DMT, -145, -138, 5.3, 2, 1.7, -432),
            (SERV, -157, -151, 3.9, 11, 6.8, -459),
        ),
        summa=(-1150, -1036, 11.0, -225, -24.3, -3241),
        per_kostnadsslag=(
            ("Vårdintäkter", N0, 7, 9.7, 1, 10.4, 20),
            ("Övriga intäkter", N0, 574, 140.5, 5, 1.0, 1130),
            ("Personalkostnader", -335, -723, 110.9, -357, -97.4, -1001),
            ("Pensionskostnader", -337, -490, 276.4, -350, -250.0, -395),
            ("Övriga personalkostnader", 1, -4, -59.4, 5, 56.9, -23),
            ("Läkemedelskostnader", N0, -5, 34.4, N0, -1.7, -10),
            ("Medicinskt mtr o prod kostnader", N0, -18, 20.9, 0, 0.8, -58),
            ("Köp av verksamhet o tjänster", 3, -493, 0.7, 16, 3.1, -1591),
            ("Utomlänsvård", N0, N0, -99.1, N0, None, 0),
            ("Fastighetskostnader", 2, -115, 5.6, 0, 0.2, -320),
            ("IT/MT kostnader", -3, -105, 4.8, 2, 1.9, -262),
            ("Övrigt", 41, -129, 62.5, 103, 44.2, -674),
            ("Avskrivningskostnader", 1, -140, 4.8, 1, 0.7, -450),
        ),
        summa_manadsavvikelse=-291,
        # Texten anger även DMT +2,3 Mkr, men det går inte ihop med tabellens 1,7 % av en budget på
        # ca -147 Mkr (ger minst 2,42), så den ledtråden används inte.
        ledtradar=((ADMV, 0.8), (SERV, 11.3)),
        fro={
            RFG: {"OVRINT": 237, "PERS": 4, "PENS": 395, "OVRPERS": 0.3, "KOP": 5, "FAST": 1, "ITMT": 1,
                  "OVRIGT": 14, "AVSKR": 62},
            ADMV: {"OVRINT": 16, "PERS": 54, "PENS": 9, "OVRPERS": 1.5, "LAK": 2, "MED": 1.5, "KOP": 8,
                   "FAST": 2, "ITMT": 3, "OVRIGT": 4, "AVSKR": 0.5},
            PVB: {"OVRINT": 0.5, "PERS": 2, "PENS": 0.5, "LAK": 3, "MED": 1, "KOP": 400, "UTOM": 0.02,
                  "ITMT": 0.5, "OVRIGT": 70},
            TVB: {"OVRINT": 0.2, "PERS": 0.3, "PENS": 0.1, "KOP": 50, "OVRIGT": 8},
            DMT: {"VARD": 1, "OVRINT": 117, "PERS": 75, "PENS": 33, "OVRPERS": 1, "MED": 5, "KOP": 12,
                  "FAST": 6, "ITMT": 93, "OVRIGT": 8, "AVSKR": 30},
            SERV: {"VARD": 6, "OVRINT": 203.5, "PERS": 97.7, "PENS": 51.6, "OVRPERS": 1.2, "MED": 11,
                   "KOP": 18, "FAST": 106, "ITMT": 8, "OVRIGT": 25, "AVSKR": 46},
        },
        fro_avvikande={
            # 2020: ingen engångsvis pensionskostnad (RIPS-ändringen bokades april 2021) och mycket
            # mindre övriga intäkter (inga covid-statsbidrag centralt, mindre intern debitering), så
            # regionförvaltningens nettokostnad bärs av centrala anslag, pension och avskrivningar.
            "U20": {(RFG, "OVRINT"): 3, (RFG, "PENS"): 65, (RFG, "OVRIGT"): 60, (RFG, "KOP"): 18,
                    (RFG, "AVSKR"): 60, (RFG, "PERS"): 5, (ADMV, "OVRINT"): 8, (ADMV, "PENS"): 8,
                    (DMT, "OVRINT"): 80, (DMT, "PENS"): 22, (SERV, "OVRINT"): 145, (SERV, "PENS"): 35,
                    (PVB, "OVRIGT"): 8, (TVB, "OVRIGT"): 2},
            # Budgeten har normal pensionskostnad men centralt lagda testpengar (statsbidrag) i Övrigt.
            "B": {(RFG, "PENS"): 46, (RFG, "OVRIGT"): 116},
            # Resten av året (maj-dec): statsbidragen är budgeterade under årets början, så
            # regionförvaltningens återstående budget är nästan bara kostnader.
            "R": {(RFG, "OVRINT"): 5, (RFG, "PERS"): 4, (RFG, "PENS"): 42, (RFG, "OVRPERS"): 0.5,
                  (RFG, "KOP"): 4.5, (RFG, "FAST"): 1, (RFG, "ITMT"): 1, (RFG, "OVRIGT"): 145,
                  (RFG, "AVSKR"): 58},
        },
        engangspost={"PENS": RFG},
    ),
}

# Valda oavrundade mål (Mkr) per år, framtagna med --foresla-mal och kontrollerade vid varje körning.
# rad: delområde -> (ack utfall, ack utfall fg, ack budget, årsbudget)
# blad: blad -> (ack utfall, ack utfall fg, ack budget, årsbudget, månadsavvikelse i perioden)
VALDA_MAL: dict[int, dict[str, dict[str, tuple[float, ...]]]] = {
    2021: {
    # LP: minst 0.405 av önskad marginal i alla intervall
    "rad": {
        "Regionförvaltningen gemensamt": (-244.60000000, -211.60000000, 15.319763, -514.800000),
        "Administrativ verksamhet": (-70.28997288, -56.71744438, -71.129973, -192.400000),
        "Primärvård beställning": (-475.71771579, -425.60000000, -492.822685, -1458.600000),
        "Tandvård beställning": (-57.60000000, -53.81675957, -61.059527, -183.400000),
        "Digitalisering och medicinsk teknik": (-144.85154036, -137.60000000, -147.311068, -432.400000),
        "Service": (-156.54077097, -150.62144525, -167.886724, -459.400000),
    },
    "blad": {
        "VARD": (6.60000000, 6.01483026, 5.979882, 19.600000, -0.40000000),
        "OVRINT": (573.60000000, 238.47338761, 568.156456, 1130.400000, -0.40000000),
        "PERS": (-232.82441770, -212.59759144, -226.217110, -606.800000, 2.00000000),
        "PENS": (-490.40000000, -130.27654035, -140.102271, -394.600000, -337.40000000),
        "OVRPERS": (-3.60000000, -8.86093590, -8.347161, -23.400000, 0.60000000),
        "LAK": (-4.60000000, -3.42189963, -4.521867, -10.400000, -0.00200000),
        "MED": (-17.60000000, -14.55392945, -17.736625, -57.600000, -0.00200000),
        "KOP": (-492.60000000, -489.03018819, -508.201960, -1591.400000, 3.40000000),
        "UTOM": (-0.00631676, -0.66492242, -0.000000, -0.000000, -0.00200000),
        "FAST": (-114.60000000, -108.49198325, -114.795193, -320.400000, 2.20600000),
        "ITMT": (-104.60000000, -99.78067541, -106.593377, -262.400000, -2.60000000),
        "OVRIGT": (-129.36926554, -79.59713470, -231.969266, -673.600000, 40.60000000),
        "AVSKR": (-139.60000000, -133.16806634, -140.541721, -450.400000, 1.40000000),
    },
    },
}


# ---------------------------------------------------------------------------------------------------------
# Avrundning (halva bort från noll) på exakta tal
# ---------------------------------------------------------------------------------------------------------

def avrunda(varde: Fraction, decimaler: int) -> Fraction:
    skala = 10**decimaler
    a = abs(varde) * skala
    heltal = math.floor(a + Fraction(1, 2))
    return Fraction(heltal if varde >= 0 else -heltal, skala)


def stammer(varde: Fraction, publicerat: float, decimaler: int) -> bool:
    """Avrundas värdet till det publicerade? "-0" kräver ett negativt värde, "0" ett icke-negativt."""
    if avrunda(varde, decimaler) != Fraction(publicerat).limit_denominator(10**decimaler):
        return False
    if publicerat == 0:
        return (varde < 0) == (math.copysign(1.0, publicerat) < 0)
    return True


# ---------------------------------------------------------------------------------------------------------
# Steg 1: oavrundade mål. Storheter i Mkr per delområde (rad) och per blad: U21 = ack utfall i år,
# U20 = ack utfall fg år, B = ack budget, AB = årsbudget och för blad MAV = periodens månadsavvikelse.
#
# De valda målen står i VALDA_MAL och kontrolleras mot PUBLICERAT vid varje körning (kontrollera_mal).
# Nya mål för ett år tas fram med `generera.py --foresla-mal ÅR`: villkoren nedan (avrundningsintervall,
# kvoter linjäriserade, lika rad- och kolumnsummor, tecken) löses som ett LP som maximerar en gemensam
# andel av den önskade marginalen inåt i alla intervall. Det kräver scipy, som bara behövs för det steget.
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Villkor:
    """lo <= a.x <= hi, helst med marginal (samma enhet som a.x) inåt från respektive gräns."""
    namn: str
    a: dict[int, float]
    lo: float
    hi: float
    marginal_lo: float = 0.0
    marginal_hi: float = 0.0


MARGINAL_BELOPP = 0.1  # Mkr in från en .5-gräns
MARGINAL_NOLL = 0.002  # Mkr från noll när "-0"/"0" publicerats
MARGINAL_PROCENT = 0.02  # procentenheter in från en .x5-gräns
MARGINAL_TECKEN = 0.001  # Mkr: belopp som ska ha ett visst tecken


def _intervall(pub: float, decimaler: int) -> tuple[float, float, float, float]:
    """Sant avrundningsintervall och önskade marginaler (undre, övre) för ett publicerat värde."""
    halva = 0.5 * 10**-decimaler
    marg = MARGINAL_BELOPP if decimaler == 0 else MARGINAL_PROCENT
    if pub == 0 and math.copysign(1.0, pub) < 0:
        return -halva, 0.0, marg, MARGINAL_NOLL
    if pub == 0:
        return 0.0, halva, MARGINAL_NOLL, marg
    return pub - halva, pub + halva, marg, marg


class Malproblem:
    def __init__(self) -> None:
        self.index: dict[tuple[str, ...], int] = {}
        self.villkor: list[Villkor] = []

    def var(self, *nyckel: str) -> int:
        return self.index.setdefault(nyckel, len(self.index))

    def summa(self, nycklar: Sequence[tuple[str, ...]], storhet: str, vikt: float = 1.0) -> dict[int, float]:
        return {self.var(*n, storhet): vikt for n in nycklar}

    def intervall(self, namn: str, a: dict[int, float], lo: float, hi: float, mlo: float = 0.0,
                  mhi: float = 0.0) -> None:
        self.villkor.append(Villkor(namn, a, lo, hi, mlo, mhi))

    def avrundas_till(self, namn: str, a: dict[int, float], pub: float, decimaler: int = 0,
                      marginal: float | None = None) -> None:
        lo, hi, mlo, mhi = _intervall(pub, decimaler)
        if marginal is not None:
            mlo, mhi = min(mlo, marginal), min(mhi, marginal)
        self.intervall(namn, a, lo, hi, mlo, mhi)

    def kvot(self, namn: str, taljare: dict[int, float], namnare: dict[int, float], tecken_namnare: int,
             pub_procent: float, forskjut: float, namnare_ungefar: float) -> None:
        """(taljare / n + forskjut) * 100 avrundas till pub_procent (en decimal), n = tecken*namnare > 0.

        Linjärt: q_lo*n <= taljare <= q_hi*n. Marginalen räknas om till belopp via nämnarens ungefärliga
        storlek (procentenheter * |n| / 100).
        """
        lo, hi, mlo, mhi = _intervall(pub_procent, 1)
        for del_, q, (vlo, vhi) in (("undre", lo / 100 - forskjut, (0.0, math.inf)),
                                    ("övre", hi / 100 - forskjut, (-math.inf, 0.0))):
            a = dict(taljare)
            for k, v in namnare.items():
                a[k] = a.get(k, 0.0) - q * tecken_namnare * v
            m = (mlo if del_ == "undre" else mhi) / 100 * abs(namnare_ungefar)
            self.intervall(f"{namn} ({del_})", a, vlo, vhi, m if del_ == "undre" else 0.0,
                           m if del_ == "övre" else 0.0)


def bygg_malproblem(mal: Arsmal) -> Malproblem:
    p = Malproblem()
    radnycklar = [("rad", r[0]) for r in mal.per_delomrade]
    bladnycklar = [("blad", b) for b in BLAD]
    budget_noll = {b for namn, *_, pct, ab in mal.per_kostnadsslag if pct is None and ab == 0
                   for b in RAPPORTRAD_BLAD[namn]}

    def linje(namn: str, nycklar: list[tuple[str, ...]], utfall: float, utfall_fg: float | None,
              utv: float, avv: float, avv_pct: float | None, arsbudget: float,
              manadsavv: float | None) -> None:
        u21, u20 = p.summa(nycklar, "U21"), p.summa(nycklar, "U20")
        b, ab = p.summa(nycklar, "B"), p.summa(nycklar, "AB")
        p.avrundas_till(f"{namn}: ack utfall", u21, utfall)
        if utfall_fg is not None:
            p.avrundas_till(f"{namn}: ack utfall fg", u20, utfall_fg)
        sgn = -1 if math.copysign(1.0, utfall) < 0 else 1
        p.intervall(f"{namn}: tecken utfall fg", {k: sgn * v for k, v in u20.items()}, MARGINAL_TECKEN,
                    math.inf)
        # Utfall och utfall fg har samma tecken: kvoten är (sgn*U21) / (sgn*U20).
        p.kvot(f"{namn}: utveckling", {k: sgn * v for k, v in u21.items()}, u20, sgn, utv, forskjut=-1.0,
               namnare_ungefar=utfall / (1 + utv / 100))
        av = dict(u21)
        for k in b:
            av[k] = av.get(k, 0.0) - 1.0
        p.avrundas_till(f"{namn}: ack avvikelse", av, avv)
        if manadsavv is not None:
            p.avrundas_till(f"{namn}: månadsavvikelse", p.summa(nycklar, "MAV"), manadsavv)
        if avv_pct is None:
            return
        p.avrundas_till(f"{namn}: årsbudget", ab, arsbudget)
        beta = 1 if utfall - avv > 0 else -1
        p.intervall(f"{namn}: tecken budget", {k: beta * v for k, v in b.items()}, 0.5, math.inf)
        p.kvot(f"{namn}: avvikelse %", av, b, beta, avv_pct, forskjut=0.0, namnare_ungefar=utfall - avv)

    for (namn, *varden), nyckel in zip(mal.per_delomrade, radnycklar, strict=True):
        linje(namn, [nyckel], *varden, None)
    linje("Summa delområden", radnycklar, *mal.summa, None)
    for namn, mav, utfall, utv, avv, pct, ab in mal.per_kostnadsslag:
        linje(namn, [("blad", b) for b in RAPPORTRAD_BLAD[namn]], utfall, None, utv, avv, pct, ab, mav)
    s = mal.summa
    linje("Summa kostnadsslag", bladnycklar, s[0], None, s[2], s[3], s[4], s[5], mal.summa_manadsavvikelse)
    for namn, varde in mal.ledtradar:
        p.avrundas_till(f"{namn}: ledtråd ack avvikelse", {p.var("rad", namn, "U21"): 1.0,
                                                           p.var("rad", namn, "B"): -1.0}, varde, 1, 0.01)
    # Rader och kolumner ska ha samma totaler.
    for q in ("U21", "U20", "B", "AB"):
        a = p.summa(radnycklar, q)
        a.update(p.summa(bladnycklar, q, -1.0))
        p.intervall(f"lika summa {q}", a, 0.0, 0.0)
    # Tecken per blad, även för resten av årets budget och för periodens månad (som fylls med
    # ack budget / antal månader plus månadsavvikelsen) så att cellerna sedan kan fyllas med rätt tecken.
    andel = 1.0 / mal.manad
    for blad in BLAD:
        t = tecken(blad)
        for q in ("U21", "U20"):
            p.intervall(f"{blad}: tecken {q}", {p.var("blad", blad, q): t}, MARGINAL_TECKEN, math.inf)
        b, ab, mav, u21 = (p.var("blad", blad, q) for q in ("B", "AB", "MAV", "U21"))
        if blad in budget_noll:
            p.intervall(f"{blad}: ingen budget", {b: 1.0}, 0.0, 0.0)
            p.intervall(f"{blad}: ingen årsbudget", {ab: 1.0}, 0.0, 0.0)
        else:
            p.intervall(f"{blad}: tecken resten av året", {ab: t, b: -t}, 1.0, math.inf)
        p.intervall(f"{blad}: tecken periodens utfall", {b: andel * t, mav: t}, MARGINAL_TECKEN, math.inf)
        p.intervall(f"{blad}: tecken tidigare månader", {u21: t, b: -andel * t, mav: -t}, MARGINAL_TECKEN,
                    math.inf)
    return p


def foresla_mal(ar: int) -> str:
    """Lös målproblemet som LP (scipy) och returnera en VALDA_MAL-post att klistra in."""
    # Importeras här: scipy/numpy behövs bara för detta hjälpsteg, inte för att generera filerna.
    import numpy as np
    from scipy.optimize import linprog

    mal = PUBLICERAT[ar]
    p = bygg_malproblem(mal)
    n = len(p.index)
    # Varje olikhet med önskad marginal m får en slackvariabel s (0 <= s <= m): a.x >= lo + s resp.
    # a.x <= hi - s. Steg A maximerar den gemensamma andelen t (s >= t*m); steg B håller t fast och
    # maximerar summan av s/m så att inget intervall lämnas onödigt nära en gräns.
    olik: list[tuple[np.ndarray, float, float, float]] = []  # (rad, gräns, riktning, marginal)
    a_eq, b_eq = [], []
    for v in p.villkor:
        rad = np.zeros(n)
        for i, k in v.a.items():
            rad[i] = k
        if v.lo == v.hi:
            a_eq.append(rad)
            b_eq.append(v.lo)
            continue
        if v.lo > -math.inf:
            olik.append((rad, v.lo, 1.0, v.marginal_lo))
        if v.hi < math.inf:
            olik.append((rad, v.hi, -1.0, v.marginal_hi))
    m = len(olik)
    # Variabler: x (n), s (m), t (1).
    a_ub = np.zeros((2 * m, n + m + 1))
    b_ub = np.zeros(2 * m)
    for j, (rad, grans, riktning, marg) in enumerate(olik):
        a_ub[j, :n] = -riktning * rad  # riktning*(a.x - grans) >= s
        a_ub[j, n + j] = 1.0
        b_ub[j] = -riktning * grans
        a_ub[m + j, n + j] = -1.0  # s >= t*m
        a_ub[m + j, n + m] = marg
    a_eq_full = np.hstack([np.array(a_eq), np.zeros((len(a_eq), m + 1))])
    granser = [(None, None)] * n + [(0.0, max(mg, 0.0)) for *_, mg in olik] + [(0.0, 1.0)]
    c = np.zeros(n + m + 1)
    c[-1] = -1.0
    lp = {"A_ub": a_ub, "b_ub": b_ub, "A_eq": a_eq_full, "b_eq": np.array(b_eq), "method": "highs"}
    res = linprog(c, bounds=granser, **lp)
    if res.status != 0:
        raise RuntimeError(f"målproblemet saknar lösning: {res.message}")
    t = res.x[-1] * 0.999
    granser[-1] = (t, 1.0)
    c = np.zeros(n + m + 1)
    for j, (*_, marg) in enumerate(olik):
        if marg > 0:
            c[n + j] = -1.0 / marg
    res = linprog(c, bounds=granser, **lp)
    if res.status != 0:
        raise RuntimeError(f"målproblemet (steg B) saknar lösning: {res.message}")
    x = res.x
    rader = ["    {", f"    # LP: minst {t:.3f} av önskad marginal i alla intervall", '    "rad": {']
    for namn, *_ in mal.per_delomrade:
        v = [x[p.var("rad", namn, q)] for q in ("U21", "U20", "B", "AB")]
        rader.append(f'        "{namn}": ({v[0]:.8f}, {v[1]:.8f}, {v[2]:.6f}, {v[3]:.6f}),')
    rader.append('    },\n    "blad": {')
    for b in BLAD:
        v = [x[p.var("blad", b, q)] for q in ("U21", "U20", "B", "AB", "MAV")]
        rader.append(f'        "{b}": ({v[0]:.8f}, {v[1]:.8f}, {v[2]:.6f}, {v[3]:.6f}, {v[4]:.8f}),')
    rader.append("    },\n    }")
    return "\n".join(rader)


@dataclass
class Marginaler:
    """Heltalsmål: utfall i ören, budget i kronor. Nycklar: delområde resp. blad."""
    u21_rad: dict[str, int]
    u20_rad: dict[str, int]
    b_rad: dict[str, int]
    ab_rad: dict[str, int]
    u21_blad: dict[str, int]
    u20_blad: dict[str, int]
    b_blad: dict[str, int]
    ab_blad: dict[str, int]
    mav_blad: dict[str, int]  # månadsavvikelse i ören


def marginaler(ar: int) -> Marginaler:
    """Årets valda mål (Mkr) som heltal; rad- och kolumnsummor görs exakt lika."""
    valda = VALDA_MAL[ar]
    ore, kr = MKR * ORE_PER_KR, MKR
    rad, blad = valda["rad"], valda["blad"]
    m = Marginaler(
        u21_rad={r: round(v[0] * ore) for r, v in rad.items()},
        u20_rad={r: round(v[1] * ore) for r, v in rad.items()},
        b_rad={r: round(v[2] * kr) for r, v in rad.items()},
        ab_rad={r: round(v[3] * kr) for r, v in rad.items()},
        u21_blad={b: round(v[0] * ore) for b, v in blad.items()},
        u20_blad={b: round(v[1] * ore) for b, v in blad.items()},
        b_blad={b: round(v[2] * kr) for b, v in blad.items()},
        ab_blad={b: round(v[3] * kr) for b, v in blad.items()},
        mav_blad={b: round(v[4] * ore) for b, v in blad.items()},
    )
    # Målen är avrundade till ören/kronor: lägg en eventuell skillnad mellan rad- och kolumnsumma på
    # det största bladet (långt från alla avrundningsgränser).
    par = ((m.u21_rad, m.u21_blad), (m.u20_rad, m.u20_blad), (m.b_rad, m.b_blad), (m.ab_rad, m.ab_blad))
    for r, b in par:
        storst = max(BLAD, key=lambda k, b=b: abs(b[k]))
        b[storst] += sum(r.values()) - sum(b.values())
    fel = kontrollera_mal(PUBLICERAT[ar], m)
    if fel:
        raise ValueError(f"valda mål för {ar} ger inte de publicerade siffrorna:\n" + "\n".join(fel))
    return m


def kontrollera_mal(mal: Arsmal, m: Marginaler) -> list[str]:
    """Jämför måtten ur heltalsmålen med de publicerade siffrorna. Returnerar avvikelser (tom = allt rätt)."""
    fel: list[str] = []
    ore, kr = MKR * ORE_PER_KR, MKR

    def matt(u21: int, u20: int, b: int, ab: int) -> tuple[Fraction, ...]:
        fu21, fu20, fb, fab = Fraction(u21, ore), Fraction(u20, ore), Fraction(b, kr), Fraction(ab, kr)
        utv = (fu21 / fu20 - 1) * 100 if fu20 else Fraction(0)
        av = fu21 - fb
        pct = av / abs(fb) * 100 if fb else None
        return fu21, fu20, utv, av, pct, fab

    def jamfor(namn: str, varden: Sequence[Fraction | None], pub: Sequence[float | None],
               decimaler: Sequence[int]) -> None:
        for i, (v, p_, d) in enumerate(zip(varden, pub, decimaler, strict=True)):
            if p_ is None:
                if v is not None:
                    fel.append(f"{namn} kolumn {i}: väntade tomt, fick {float(v):.4f}")
                continue
            if v is None or not stammer(v, p_, d):
                fel.append(f"{namn} kolumn {i}: publicerat {p_}, fick {v if v is None else float(v):.4f}")

    for namn, *pub in mal.per_delomrade:
        v = matt(m.u21_rad[namn], m.u20_rad[namn], m.b_rad[namn], m.ab_rad[namn])
        jamfor(namn, v, pub, (0, 0, 1, 0, 1, 0))
    tot = matt(sum(m.u21_rad.values()), sum(m.u20_rad.values()), sum(m.b_rad.values()),
               sum(m.ab_rad.values()))
    jamfor("Summa", tot, mal.summa, (0, 0, 1, 0, 1, 0))
    for namn, mav, utfall, utv, avv, pct, ab in mal.per_kostnadsslag:
        bl = RAPPORTRAD_BLAD[namn]
        v = matt(*(sum(d[b] for b in bl) for d in (m.u21_blad, m.u20_blad, m.b_blad, m.ab_blad)))
        mv = Fraction(sum(m.mav_blad[b] for b in bl), ore)
        jamfor(namn, (mv, v[0], v[2], v[3], v[4], v[5]), (mav, utfall, utv, avv, pct, ab), (0, 0, 1, 0, 1, 0))
    if sum(m.u21_blad.values()) != sum(m.u21_rad.values()):
        fel.append("radsumma och kolumnsumma för ack utfall skiljer sig")
    mv = Fraction(sum(m.mav_blad.values()), ore)
    if not stammer(mv, mal.summa_manadsavvikelse, 0):
        fel.append(f"summa månadsavvikelse {float(mv)}")
    return fel


# ---------------------------------------------------------------------------------------------------------
# Heltalsfördelning
# ---------------------------------------------------------------------------------------------------------

def fordela(total: int, vikter: Sequence[float]) -> list[int]:
    """Dela ett heltal efter vikter (>= 0) med största-rest-metoden; summan bevaras exakt, tecknet följer."""
    summa_vikt = sum(vikter)
    if total == 0 or summa_vikt <= 0:
        if total != 0:
            raise ValueError("kan inte fördela ett belopp utan vikter")
        return [0] * len(vikter)
    absolut = abs(total)
    exakt = [absolut * v / summa_vikt for v in vikter]
    delar = [math.floor(e) for e in exakt]
    rest = absolut - sum(delar)
    ordning = sorted(range(len(vikter)), key=lambda i: (-(exakt[i] - delar[i]), i))
    for i in ordning[:rest]:
        delar[i] += 1
    return delar if total > 0 else [-d for d in delar]


def rng_for(*delar: object) -> random.Random:
    """Egen slumpström per sammanhang: oberoende av i vilken ordning övrigt genereras."""
    return random.Random("|".join([FRO, *map(str, delar)]))


# ---------------------------------------------------------------------------------------------------------
# Steg 2: matrisen delområde x blad med exakta rad- och kolumnsummor
# ---------------------------------------------------------------------------------------------------------

def _ipf(fro: list[list[float]], rader: list[float], kolumner: list[float]) -> list[list[float]]:
    """Iterativ proportionell anpassning av en icke-negativ matris till givna marginaler."""
    m = [list(r) for r in fro]
    for _ in range(2000):
        for i, mal in enumerate(rader):
            s = sum(m[i])
            if s > 0:
                m[i] = [v * mal / s for v in m[i]]
        storst = 0.0
        for j, mal in enumerate(kolumner):
            s = sum(r[j] for r in m)
            if s > 0:
                for r in m:
                    r[j] *= mal / s
            storst = max(storst, abs(s - mal))
        if storst < 1e-6:
            break
    return m


def _tal_flytt(heltal: dict[tuple[str, str], int], upp: str, ned: str, blad: str, k: int) -> bool:
    """Kan k enheter flyttas från raden ned till raden upp i bladets kolumn utan teckenbyte?"""
    if not (heltal[upp, blad] and heltal[ned, blad]):
        return False
    return heltal[ned, blad] >= k if tecken(blad) > 0 else -heltal[upp, blad] >= k


def fyll_matris(radmal: dict[str, int], kolmal: dict[str, int], fro: dict[str, dict[str, float]]
                ) -> dict[tuple[str, str], int]:
    """Celler (delområde, blad) med intäkter >= 0 och kostnader <= 0 och exakta rad- och kolumnsummor.

    Intäkts- och kostnadsblocken anpassas var för sig (IPF på belopp utan tecken). Varje rads intäkter
    väljs först i proportion till fröet, dock minst radens nettobelopp när det är positivt (en rad med
    positivt netto måste ha intäkter som täcker kostnaderna).
    """
    rader = list(radmal)
    ink = [b for b in BLAD if tecken(b) > 0]
    kost = [b for b in BLAD if tecken(b) < 0]
    ink_tot = float(sum(kolmal[b] for b in ink))
    andel = [sum(fro[r].get(b, 0.0) for b in ink) for r in rader]
    golv = [max(0.0, float(radmal[r])) for r in rader]
    intakt = [max(g, ink_tot * a / sum(andel)) if a > 0 else 0.0 for g, a in zip(golv, andel, strict=True)]
    overskott = sum(intakt) - ink_tot
    utrymme = [i - g for i, g in zip(intakt, golv, strict=True)]
    intakt = [i - overskott * u / sum(utrymme) for i, u in zip(intakt, utrymme, strict=True)]
    kostnad = [i - radmal[r] for i, r in zip(intakt, rader, strict=True)]
    if min(kostnad) < 0:
        raise ValueError("fröet ger negativa kostnader för någon rad")
    celler: dict[tuple[str, str], float] = {}
    for block, radsummor in ((ink, intakt), (kost, kostnad)):
        m = _ipf([[fro[r].get(b, 0.0) for b in block] for r in rader], radsummor,
                 [abs(float(kolmal[b])) for b in block])
        for i, r in enumerate(rader):
            for j, b in enumerate(block):
                celler[r, b] = m[i][j] * tecken(b)
    # Till heltal: kolumnvis största rest (exakta kolumnsummor), sedan jämnas raderna ut genom att flytta
    # enstaka enheter mellan två rader inom samma kolumn.
    heltal: dict[tuple[str, str], int] = {}
    for b in BLAD:
        delar = fordela(kolmal[b], [abs(celler[r, b]) for r in rader]) if kolmal[b] else [0] * len(rader)
        for r, d in zip(rader, delar, strict=True):
            heltal[r, b] = d
    diff = {r: radmal[r] - sum(heltal[r, b] for b in BLAD) for r in rader}
    while any(diff.values()):
        upp = next(r for r in rader if diff[r] > 0)
        ned = next(r for r in rader if diff[r] < 0)
        k = min(diff[upp], -diff[ned])
        # Kolumn där båda cellerna tål flytten utan teckenbyte; störst minsta belopp först.
        kandidater = [b for b in BLAD if _tal_flytt(heltal, upp, ned, b, k)]
        b = max(kandidater, key=lambda b: min(abs(heltal[upp, b]), abs(heltal[ned, b])))
        heltal[upp, b] += k
        heltal[ned, b] -= k
        diff[upp] -= k
        diff[ned] += k
    return heltal


@dataclass
class RsCeller:
    """Regionstyrelsens celler (delområde, blad) per storhet. Utfall i ören, budget i kronor."""
    u21: dict[tuple[str, str], int]  # ack utfall jan..manad
    u20: dict[tuple[str, str], int]  # ack utfall fg år
    b: dict[tuple[str, str], int]  # ack budget
    rest: dict[tuple[str, str], int]  # budget resten av året
    mb: dict[tuple[str, str], int]  # budget periodens månad
    mu: dict[tuple[str, str], int]  # utfall periodens månad


def rs_celler(mal: Arsmal) -> RsCeller:
    m = marginaler(mal.ar)
    rader = [r[0] for r in mal.per_delomrade]

    def fro(storhet: str) -> dict[str, dict[str, float]]:
        f = {r: dict(mal.fro[r]) for r in rader}
        for (r, b), v in mal.fro_avvikande.get(storhet, {}).items():
            f[r][b] = v
        return f

    u21 = fyll_matris(m.u21_rad, m.u21_blad, fro("U21"))
    u20 = fyll_matris(m.u20_rad, m.u20_blad, fro("U20"))
    b = fyll_matris(m.b_rad, m.b_blad, fro("B"))
    rest = fyll_matris({r: m.ab_rad[r] - m.b_rad[r] for r in rader},
                       {k: m.ab_blad[k] - m.b_blad[k] for k in BLAD}, fro("R"))
    # Periodens månad: budget = ack budget / antal månader; utfall = budget + bladets månadsavvikelse,
    # fördelat som ack utfall (en engångspost läggs i stället på sitt delområde).
    mb = {k: round(v / mal.manad) for k, v in b.items()}
    mu: dict[tuple[str, str], int] = {}
    for blad in BLAD:
        kol = sum(mb[r, blad] for r in rader) * ORE_PER_KR + m.mav_blad[blad]
        if blad in mal.engangspost:
            samlare = mal.engangspost[blad]
            for r in rader:
                mu[r, blad] = round(u21[r, blad] / mal.manad)
            mu[samlare, blad] = kol - sum(mu[r, blad] for r in rader if r != samlare)
        else:
            for r, v in zip(rader, fordela(kol, [abs(u21[r, blad]) for r in rader]), strict=True):
                mu[r, blad] = v
    for k, v in mu.items():
        t = tecken(k[1])
        if v * t < 0 or (u21[k] - v) * t < 0:
            raise ValueError(f"periodens utfall för {k} ger fel tecken")
    return RsCeller(u21, u20, b, rest, mb, mu)


# ---------------------------------------------------------------------------------------------------------
# Steg 3: fördelning på kostnadsställen, konton och månader
# ---------------------------------------------------------------------------------------------------------

Utfall = dict[tuple[str, str, str], int]  # (YYYYMM, kostnadsställe, konto) -> ören
Budget = dict[tuple[str, str, str], int]  # (YYYYMM, kostnadsställe, konto) -> kronor


def konton_for(d: Delomrade, blad: str, mallkonton: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if blad in d.konton:
        return d.konton[blad]
    if mallkonton:
        return mallkonton
    return tuple(k.konto for k in KONTOPLAN if k.blad == blad and k.allman)


def valj_konton(rng: random.Random, konton: tuple[str, ...]) -> list[tuple[str, float]]:
    """Ett kostnadsställe använder det viktigaste kontot och ett urval av de övriga."""
    ordnade = sorted(konton, key=lambda k: (-KONTO[k].vikt, k))
    valda = [ordnade[0], *(k for k in ordnade[1:] if rng.random() < 0.6)]
    return [(k, KONTO[k].vikt * rng.uniform(0.6, 1.4)) for k in valda]


def rs_konteringar(d: Delomrade, blad: str, enheter: list[Enhet]) -> list[tuple[str, str, float]]:
    """(kostnadsställe, konto, vikt) som bär en RS-cell."""
    rng = rng_for("rs-kontering", d.namn, blad)
    mojliga = [e for e in enheter if e.basenhet.blad is None or blad in e.basenhet.blad]
    if not mojliga:
        mojliga = enheter[:1]
    deltar = [e for e in mojliga if rng.random() < 0.75] or mojliga[:1]
    par = []
    for e in deltar:
        storlek = rng.uniform(0.4, 1.6)
        for konto, vikt in valj_konton(rng, konton_for(d, blad)):
            par.append((e.kod, konto, storlek * vikt))
    return par


def _perioder(ar: int, manader: Sequence[int]) -> list[str]:
    return [f"{ar}{m:02d}" for m in manader]


def sprid(mal: dict[tuple[str, str, str], int], belopp: int, ar: int, manader: Sequence[int], blad: str,
          par: list[tuple[str, str, float]], rng: random.Random | None) -> None:
    """Fördela ett belopp på månader (säsongsprofil) och konteringar. rng ger brus (utfall); None = budget."""
    profil = sasong(blad)
    manadsvikt = [profil[m - 1] * (rng.uniform(0.9, 1.1) if rng else 1.0) for m in manader]
    for period, mbelopp in zip(_perioder(ar, manader), fordela(belopp, manadsvikt), strict=True):
        vikter = [v * (rng.uniform(0.85, 1.15) if rng else 1.0) for *_, v in par]
        for (enhet, konto, _), del_ in zip(par, fordela(mbelopp, vikter), strict=True):
            if del_:
                nyckel = (period, enhet, konto)
                mal[nyckel] = mal.get(nyckel, 0) + del_


def generera_rs(mal: Arsmal, organisation: list[Enhet], utfall: Utfall, budget: Budget) -> None:
    celler = rs_celler(mal)
    ar, p = mal.ar, mal.manad
    fore, period, efter = range(1, p), [p], range(p + 1, 13)
    per_delomrade = {d.namn: [e for e in organisation if e.delomrade is d]
                     for d in ORGANISATION if d.namnd == mal.namnd}
    delomraden = {d.namn: d for d in ORGANISATION if d.namnd == mal.namnd}
    for (dnamn, blad), u21 in sorted(celler.u21.items()):
        nyckel = (dnamn, blad)
        belopp = (u21, celler.u20[nyckel], celler.b[nyckel], celler.rest[nyckel])
        if not any(belopp):
            continue
        par = rs_konteringar(delomraden[dnamn], blad, per_delomrade[dnamn])
        rng = rng_for("rs-utfall", ar, dnamn, blad)
        mu, mb, rest = celler.mu[nyckel], celler.mb[nyckel], celler.rest[nyckel]
        # Resten av året: utfall ungefär som budget (saknas budget: i takt med hittills).
        rest_utfall = (round(rest * ORE_PER_KR * rng.uniform(0.96, 1.02)) if rest
                       else round(u21 * (12 - p) / p * rng.uniform(0.9, 1.1)))
        rest_fg = round(celler.u20[nyckel] * (12 - p) / p * rng.uniform(0.95, 1.08))
        sprid(utfall, u21 - mu, ar, fore, blad, par, rng)
        sprid(utfall, mu, ar, period, blad, par, rng)
        sprid(utfall, rest_utfall, ar, efter, blad, par, rng)
        sprid(utfall, celler.u20[nyckel], ar - 1, range(1, p + 1), blad, par, rng)
        sprid(utfall, rest_fg, ar - 1, efter, blad, par, rng)
        sprid(budget, celler.b[nyckel] - mb, ar, fore, blad, par, None)
        sprid(budget, mb, ar, period, blad, par, None)
        sprid(budget, rest, ar, efter, blad, par, None)


def generera_ovriga(organisation: list[Enhet], ar: int, utfall: Utfall, budget: Budget) -> None:
    """Nämnder utan publicerade mål: årsbudget per kostnadsställe och blad från mallen, utfall kring den."""
    for e in organisation:
        d = e.delomrade
        if d.mall == "rs":
            continue
        rng = rng_for("ovrig", e.kod)
        storlek = rng.uniform(0.4, 1.6)
        avvikelse = MALL_UTFALL_MOT_BUDGET.get(d.mall, 1.0)
        for blad, (mkr, mallkonton) in MALLAR[d.mall].items():
            if e.basenhet.blad is not None and blad not in e.basenhet.blad:
                continue
            if blad not in ("PERS", "PENS") and rng.random() > 0.85:
                continue
            par = [(e.kod, k, v) for k, v in valj_konton(rng, konton_for(d, blad, mallkonton))]
            t = tecken(blad)
            arsbudget = t * round(mkr * storlek * rng.uniform(0.7, 1.3) * MKR)
            faktor = rng.uniform(0.95, 1.08) if t > 0 else avvikelse * rng.uniform(0.97, 1.04)
            utfall_ar = round(arsbudget * ORE_PER_KR * faktor) + rng.randint(-99, 99) * t
            utfall_fg = round(utfall_ar / rng.uniform(1.01, 1.06))
            sprid(budget, arsbudget, ar, range(1, 13), blad, par, None)
            sprid(utfall, utfall_ar, ar, range(1, 13), blad, par, rng)
            sprid(utfall, utfall_fg, ar - 1, range(1, 13), blad, par, rng)


# ---------------------------------------------------------------------------------------------------------
# Tabelldata som inte kommer ur huvudboken
# ---------------------------------------------------------------------------------------------------------

# Omställningsåtgärder: (nämnd, enhet, åtgärd, period, plan helår, plan ack, effekt ack), Mkr.
# RS-värdena är valda med tre decimaler så att raderna avrundas till rapportens en decimal och summorna
# och effektprocenten (summa effekt / summa plan) blir rapportens: Service 412 %, Administration 155 %,
# totalt 305 %.
ATGARDER: tuple[tuple[str, str, str, str, float, float, float], ...] = (
    (RS, "Service", "Energibesparing i fastigheterna", "2021-04", 2.0, 0.684, 0.912),
    (RS, "Service", "Mindre inköpt fastighetsunderhåll", "2021-04", 3.0, 0.962, 0.884),
    (RS, "Service", "Lägre kostnader för sjukresor", "2021-04", 2.0, 0.679, 7.788),
    (RS, "Administration", "Samordnad administration i staberna", "2021-04", 2.5, 0.836, 0.0),
    (RS, "Administration", "Genomgång av centrala anslag", "2021-04", 2.5, 0.836, 2.596),
    (HSN, "Sjukhusvård", "Minskad inhyrd personal", "2021-04", 30.0, 10.0, 6.45),
    (HSN, "Sjukhusvård", "Samordnad upphandling av medicinskt material", "2021-04", 8.0, 2.667, 3.12),
)

# Budgetomfördelningar: (period, nämnd, grupp, text, Mkr). Två HSN-poster har en tredje decimal
# (46,716 och 45,756) eftersom rapportens tvådecimalsposter summerar till 155,12 medan summan är
# tryckt som 155,11; med dessa avrundas både posterna och summan som i rapporten.
_TJ = "Teknisk justering (index, sociala avgifter m.m.)"
_COVID_SB = "Covid-statsbidrag inkl. sjuklön"
_OVR_HSN = "Övrig verksamhet Hälso- och sjukvårdsnämnden"
_OVR_RS = "Övrig verksamhet inom Regionstyrelsen"
BUDGETOMFORDELNINGAR: tuple[tuple[str, str, str, str, float], ...] = (
    ("2021-04", HSN, "Sjukhusvård", "Nya läkemedel", 5.72),
    ("2021-04", HSN, "Sjukhusvård", "Regionfördelad forskning", 15.15),
    ("2021-04", HSN, "Sjukhusvård", "Nytt vårdinformationssystem", 3.36),
    ("2021-04", HSN, "Sjukhusvård", "Licensavtal innovationsklinik, medicin", 0.50),
    ("2021-04", HSN, "Sjukhusvård", "Statsbidrag cancer, psykisk hälsa och kvinnors hälsa", 2.24),
    ("2021-04", HSN, "Sjukhusvård", "Projekt covidvård", 46.716),
    ("2021-04", HSN, "Sjukhusvård", _COVID_SB, 45.756),
    ("2021-03", HSN, "Sjukhusvård", _TJ, -0.12),
    ("2021-03", HSN, _OVR_HSN, "Flyttad tjänst", -0.36),
    ("2021-04", HSN, _OVR_HSN, "Regionfördelad forskning", -15.15),
    ("2021-04", HSN, _OVR_HSN, "Nya läkemedel och höjt läkemedelsbidrag", 34.78),
    ("2021-04", HSN, _OVR_HSN, "Nytt vårdinformationssystem", -3.36),
    ("2021-04", HSN, _OVR_HSN, "Licensavtal innovationsklinik, medicin", -0.50),
    ("2021-04", HSN, _OVR_HSN, "Statsbidrag kömiljard och sjukskrivningsprocess", 19.42),
    ("2021-04", HSN, _OVR_HSN, "Projekt covidvård och uppskjuten vård", 0.80),
    ("2021-04", HSN, _OVR_HSN, _COVID_SB, 0.21),
    ("2021-03", HSN, _OVR_HSN, _TJ, -0.05),
    ("2021-04", RS, PVB, "Höjt läkemedelsbidrag", 14.50),
    ("2021-04", RS, PVB, "Projekt covidvård", 7.24),
    ("2021-04", RS, PVB, "Statsbidrag psykisk hälsa, kvinnors hälsa och tillgänglighet", 10.93),
    ("2021-04", RS, PVB, _COVID_SB, 51.45),
    ("2021-03", RS, PVB, _TJ, 0.10),
    ("2021-04", RS, TVB, "Statsbidrag för sjuklön", 0.72),
    ("2021-04", RS, TVB, "Projekt covidvård och uppskjuten vård", 3.35),
    ("2021-04", RS, DMT, _COVID_SB, 0.31),
    ("2021-04", RS, DMT, "Projekt covidvård", 1.71),
    ("2021-03", RS, DMT, _TJ, -0.64),
    ("2021-04", RS, SERV, "Kostdistribution Fjällby lasarett", 1.80),
    ("2021-04", RS, SERV, "Projekt covidvård", 3.27),
    ("2021-04", RS, SERV, _COVID_SB, 2.21),
    ("2021-03", RS, SERV, _TJ, 0.19),
    ("2021-03", RS, _OVR_RS, "Flyttad tjänst", 0.36),
    ("2021-04", RS, _OVR_RS, "Kostdistribution Fjällby lasarett", -1.80),
    ("2021-04", RS, _OVR_RS, "Statsbidrag cancer, psykisk och kvinnors hälsa, tillgänglighet, kömiljard "
                             "och sjukskrivningsprocess", -32.59),
    ("2021-04", RS, _OVR_RS, _COVID_SB, -100.71),
    ("2021-04", RS, _OVR_RS, "Projekt covidvård och uppskjuten vård", -63.09),
    ("2021-03", RS, _OVR_RS, _TJ, 0.52),
    ("2021-04", RUN, "Regionala utvecklingsnämnden", "Projekt covidvård", 0.01),
    ("2021-04", RUN, "Regionala utvecklingsnämnden", "Statsbidrag för sjuklön", 0.03),
    ("2021-04", "folkhogskolestyrelsen", "Folkhögskolorna", "Statsbidrag för sjuklön", 0.02),
)

# Årsprognos (avvikelse mot budget, Mkr) per nämnd och delområde; delområden som saknas är i balans.
PROGNOSER: tuple[tuple[str, str, str, float], ...] = (
    (RS, SERV, "2021-04", 17.0),
    (HSN, "Nordanå sjukhus", "2021-04", -62.0),
    (HSN, "Norrviks lasarett", "2021-04", -14.5),
    (HSN, "Fjällby lasarett", "2021-04", -9.0),
    (HSN, "Vuxenpsykiatri", "2021-04", -6.0),
    (HSN, "Hälsocentraler kust", "2021-04", -3.5),
    (HSN, "Folktandvården", "2021-04", 1.5),
    (HSN, "Hälso- och sjukvård gemensamt", "2021-04", 35.0),
    ("regionala_utvecklingsnamnden", "Kollektivtrafik", "2021-04", 8.0),
    (RS, SERV, "2021-08", 19.5),
    (RS, ADMV, "2021-08", -1.2),
    (HSN, "Nordanå sjukhus", "2021-08", -71.0),
    (HSN, "Norrviks lasarett", "2021-08", -16.0),
    (HSN, "Fjällby lasarett", "2021-08", -10.5),
    (HSN, "Vuxenpsykiatri", "2021-08", -7.5),
    (HSN, "Hälsocentraler kust", "2021-08", -4.0),
    (HSN, "Hälsocentraler inland", "2021-08", -2.5),
    (HSN, "Folktandvården", "2021-08", 2.0),
    (HSN, "Hälso- och sjukvård gemensamt", "2021-08", 42.0),
    ("regionala_utvecklingsnamnden", "Kollektivtrafik", "2021-08", 9.5),
    ("regionala_utvecklingsnamnden", "Kultur", "2021-08", 0.5),
)


# ---------------------------------------------------------------------------------------------------------
# Kontroller i generatorn
# ---------------------------------------------------------------------------------------------------------

def _intervall_konto(text: str) -> tuple[str, str]:
    fran, _, till = text.partition("-")
    return fran, till or fran


def kontrollera_kontoplan() -> None:
    """Varje konto ska ligga i exakt en rad utan varav, och den raden ska motsvara kontots blad."""
    rader = yaml.safe_load(KOSTNADSSLAG_YAML.read_text(encoding="utf-8"))["rader"]

    def traffar(konto: str, rad: dict) -> bool:
        for intervall in rad["konton"]:
            fran, till = _intervall_konto(intervall)
            n = len(fran)
            if fran <= konto[:n] <= till:
                return True
        return False

    for k in KONTOPLAN:
        huvud = [r["namn"] for r in rader if not r.get("varav") and traffar(k.konto, r)]
        varav = [r["namn"] for r in rader if r.get("varav") and traffar(k.konto, r)]
        if len(huvud) != 1 or k.blad not in RAPPORTRAD_BLAD[huvud[0]]:
            raise ValueError(f"konto {k.konto} hamnar i {huvud}, väntat blad {k.blad}")
        if (k.blad == "PENS") != (varav == ["Pensionskostnader"]):
            raise ValueError(f"konto {k.konto}: varav-rader {varav}")


def kontrollera_rs(mal: Arsmal, organisation: list[Enhet], utfall: Utfall, budget: Budget) -> None:
    """Summera de genererade raderna tillbaka till delområde x blad och jämför med målen."""
    enhet = {e.kod: e for e in organisation}
    celler = rs_celler(mal)
    ar, p = mal.ar, mal.manad
    summor: dict[tuple[str, str, str], int] = {}
    for (period, kod, konto), v in utfall.items():
        e = enhet[kod]
        if e.delomrade.namnd != mal.namnd:
            continue
        pa, pm = int(period[:4]), int(period[4:])
        if pm <= p and pa in (ar, ar - 1):
            k = ("u21" if pa == ar else "u20", e.delomrade.namn, KONTO[konto].blad)
            summor[k] = summor.get(k, 0) + v
    for (period, kod, konto), v in budget.items():
        e = enhet[kod]
        if e.delomrade.namnd == mal.namnd and int(period[4:]) <= p:
            k = ("b", e.delomrade.namn, KONTO[konto].blad)
            summor[k] = summor.get(k, 0) + v
    for storhet, c in (("u21", celler.u21), ("u20", celler.u20), ("b", celler.b)):
        for (d, b), v in c.items():
            if summor.get((storhet, d, b), 0) != v:
                raise ValueError(f"{storhet} {d} {b}: {summor.get((storhet, d, b), 0)} != {v}")


# ---------------------------------------------------------------------------------------------------------
# Skrivning
# ---------------------------------------------------------------------------------------------------------

def _skriv_text(namn: str, text: str, kodning: str = "utf-8") -> None:
    (KATALOG / namn).write_bytes(text.encode(kodning))


def _csv(rader: Sequence[Sequence[object]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerows(rader)
    return buf.getvalue()


def _decimal(varde: float, decimaler: int) -> str:
    return f"{varde:.{decimaler}f}".replace(".", ",")


def skriv_organisation(organisation: list[Enhet]) -> None:
    rader = [("enhet", "enhetsnamn", "basenhet", "delomrade", "omrade", "namnd")]
    rader += sorted((e.kod, e.namn, e.basenhet.namn, e.delomrade.namn, e.delomrade.omrade, e.delomrade.namnd)
                    for e in organisation)
    _skriv_text("organisation.csv", _csv(rader))
    _skriv_text("namnder.csv", _csv([("id", "namn"), *((nid, namn) for nid, namn, _ in NAMNDER)]))


def skriv_kontoplan(anvanda: set[str]) -> None:
    rader = [("konto", "benamning"), *sorted((k.konto, k.benamning) for k in KONTOPLAN if k.konto in anvanda)]
    _skriv_text("kontoplan.csv", _csv(rader))


def skriv_huvudbok(utfall: Utfall, ar: int) -> None:
    rader = sorted((k, v) for k, v in utfall.items() if k[0].startswith(str(ar)) and v != 0)
    df = pl.DataFrame(
        {
            "Period": [k[0] for k, _ in rader],
            "Kostnadsstalle": [k[1] for k, _ in rader],
            "Konto": [k[2] for k, _ in rader],
            "Belopp": [v / ORE_PER_KR for _, v in rader],
        },
        schema={"Period": pl.Utf8, "Kostnadsstalle": pl.Utf8, "Konto": pl.Utf8, "Belopp": pl.Float64},
    )
    df.write_parquet(KATALOG / f"huvudbok_utfall_{ar}.parquet", compression="zstd", compression_level=9,
                     statistics=True, row_group_size=1_000_000)


def _tkr(kronor: int) -> str:
    """Heltal kronor som tkr med exakt tre decimaler och decimalkomma (ingen flyttalsavrundning)."""
    tecken_ = "-" if kronor < 0 else ""
    return f"{tecken_}{abs(kronor) // 1000},{abs(kronor) % 1000:03d}"


def skriv_budget(budget: Budget, ar: int) -> None:
    # Exportens konvention: debet positivt, dvs. kostnader positiva och intäkter negativa.
    rader = [("Månad", "Ansvar", "Konto", "Belopp tkr")]
    for (period, kod, konto), v in sorted(budget.items()):
        if v == 0 or not period.startswith(str(ar)):
            continue
        a, m = int(period[:4]), int(period[4:])
        datum = f"{a}-{m:02d}-{calendar.monthrange(a, m)[1]:02d}"
        rader.append((datum, kod, konto, _tkr(-v)))
    _skriv_text(f"budget_{ar}.csv", _csv(rader), "cp1252")


def skriv_prognos() -> None:
    wb = xlsxwriter.Workbook(str(KATALOG / "prognos_2021.xlsx"))
    # Fasta dokumentegenskaper: annars skrivs aktuell tid in och filen blir olika vid varje körning.
    wb.set_properties({"title": "Prognos", "author": "Region Nordanå", "created": datetime(2021, 9, 15)})
    ws = wb.add_worksheet("Prognos")
    for j, rubrik in enumerate(("Nämnd", "Delområde", "Period", "Prognos avvikelse mkr")):
        ws.write_string(0, j, rubrik)
    ordnade = sorted(PROGNOSER, key=lambda r: (r[2], r[0], r[1]))
    for i, (namnd, delomrade, period, mkr) in enumerate(ordnade, 1):
        ws.write_string(i, 0, namnd)
        ws.write_string(i, 1, delomrade)
        ws.write_string(i, 2, period)
        ws.write_number(i, 3, mkr)
    wb.close()


def skriv_atgarder() -> None:
    rader = [("namnd", "enhet", "atgard", "period", "plan_helar_mkr", "plan_ack_mkr", "effekt_ack_mkr")]
    for namnd, enhet, atgard, period, helar, plan, effekt in ATGARDER:
        rader.append((namnd, enhet, atgard, period, *(_decimal(v, 3) for v in (helar, plan, effekt))))
    _skriv_text("atgarder.csv", _csv(rader))


def skriv_budgetomfordelningar() -> None:
    rader = [("period", "namnd", "grupp", "text", "belopp_mkr")]
    rader += [(p, n, g, t, _decimal(b, 3)) for p, n, g, t, b in BUDGETOMFORDELNINGAR]
    _skriv_text("budgetomfordelningar.csv", _csv(rader))


# ---------------------------------------------------------------------------------------------------------

def generera() -> None:
    kontrollera_kontoplan()
    organisation = bygg_organisation()
    koder = [e.kod for e in organisation]
    if len(set(koder)) != len(koder):
        raise ValueError("kostnadsställeskoder är inte unika")
    utfall: Utfall = {}
    budget: Budget = {}
    for mal in PUBLICERAT.values():
        generera_rs(mal, organisation, utfall, budget)
        generera_ovriga(organisation, mal.ar, utfall, budget)
        kontrollera_rs(mal, organisation, utfall, budget)
    skriv_organisation(organisation)
    skriv_kontoplan({k[2] for k in utfall} | {k[2] for k in budget})
    for ar in sorted({int(k[0][:4]) for k in utfall}):
        skriv_huvudbok(utfall, ar)
    for ar in sorted({int(k[0][:4]) for k in budget}):
        skriv_budget(budget, ar)
    skriv_prognos()
    skriv_atgarder()
    skriv_budgetomfordelningar()
    for fil in sorted(KATALOG.iterdir()):
        if fil.suffix in (".csv", ".parquet", ".xlsx"):
            summa = hashlib.sha256(fil.read_bytes()).hexdigest()[:16]
            print(f"{fil.name:32} {fil.stat().st_size:>9} byte  sha256 {summa}")


def main(argv: Sequence[str]) -> None:
    if len(argv) == 2 and argv[0] == "--foresla-mal":
        print(foresla_mal(int(argv[1])))
        return
    generera()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
