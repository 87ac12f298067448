"""Deterministisk generator för exempeldata till rapportverk (den fiktiva Region Nordanå).

Kör:  .venv/bin/python exempeldata/generera.py [--ut KATALOG]

Skriver alla filer i exempeldata/ (eller KATALOG) på nytt, byte för byte lika vid varje körning: all slump kommer
från namngivna frön, rader sorteras och Parquet/XLSX skrivs med fasta inställningar och datum.

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

2023-2024 (PUBLICERAT_MANAD, VALDA_MAL_MANAD) ger regiondirektörens månadsrapport per oktober 2024:
regionstyrelsens resultatrapport i den nya indelningen (från 2023-01; organisation.csv har giltig_fran och
giltig_till), regionens resultat med skatteintäkter, generella statsbidrag och finansnetto (konton 8xxx i
finansförvaltningen) och reduktionsplanen för resekostnader (bara konton 7120/7130). Målen löses på samma sätt
(`--foresla-mal 2024`) och fördelas per grupp (delområde, nämnd eller regionrad) och månadsintervall; efteråt
räknas varje publicerad siffra om ur de genererade raderna. Dessutom skrivs prognos_2024.xlsx,
investeringar.csv och personal.csv (2020-2024).

Sist körs generera_region.py (regionens delårsrapport per augusti 2024): balanshuvudböckerna
huvudbok_balans_2023/2024.parquet, prognos_region_2024.csv och mal_2024.csv. Realisationsvinsten i maj 2024
(konto 3972, REALISATIONSVINST) förs om från 3910 utan att någon summa per kostnadsställe och kostnadsslag ändras.

2022 har inga publicerade siffror: huvudbok_utfall_2022.parquet och budget_2022.csv är en brygga mellan 2021 och
2023 (se generera_brygga) så att rullande tolv månader för 2023-2024 har 24 månader att räkna på.
"""

from __future__ import annotations

import argparse
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
    # Regionens rader utanför verksamheten (från 2023, i finansförvaltningen); bladet heter som raden.
    "Skatteintäkter": ("Skatteintäkter",),
    "Generella statsbidrag": ("Generella statsbidrag",),
    "Finansiella likvidströmmar": ("Finansiella likvidströmmar",),
    "Finansiella värderegleringar": ("Finansiella värderegleringar",),
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
    # Från 2024: bara den omförda realisationsvinsten (REALISATIONSVINST), aldrig i urvalet.
    Konto("3972", "Realisationsvinst vid försäljning av anläggningstillgångar", "OVRINT", allman=False),
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
    # Från 2023 (allman=False: påverkar inte urvalet för 2020-2021). Resekostnader bara på 7120/7130, så
    # bidrag (tidigare 7110) och transporter (tidigare 6710 "Transporter och resor") har egna konton.
    Konto("6750", "Transporter och frakt", "OVRIGT", 0.8, allman=False),
    Konto("7010", "Lämnade bidrag och stöd", "OVRIGT", 1.0, allman=False),
    Konto("7120", "Resekostnader", "OVRIGT", 2.0, allman=False),
    Konto("7130", "Logi och traktamenten", "OVRIGT", 1.0, allman=False),
    Konto("8010", "Preliminära skatteintäkter", "Skatteintäkter", allman=False),
    Konto("8020", "Slutavräkning skatteintäkter", "Skatteintäkter", allman=False),
    Konto("8110", "Inkomstutjämningsbidrag", "Generella statsbidrag", allman=False),
    Konto("8120", "Kostnadsutjämningsbidrag", "Generella statsbidrag", allman=False),
    Konto("8150", "Statsbidrag för läkemedelsförmånen", "Generella statsbidrag", allman=False),
    Konto("8410", "Räntekostnader på lån", "Finansiella likvidströmmar", allman=False),
    Konto("8450", "Finansiell kostnad för pensionsskulden", "Finansiella likvidströmmar", allman=False),
    Konto("8610", "Orealiserade värdeförändringar, pensionsmedel", "Finansiella värderegleringar", allman=False),
    Konto("8620", "Realiserade värdeförändringar, finansiella placeringar", "Finansiella värderegleringar",
          allman=False),
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
# Publicerade siffror i en månadsrapport (Regiondirektörens månadsrapport per oktober 2024). Året före
# (2023) genereras som jämförelseår. Från 2023 har Regionstyrelsen en ny indelning (se NY_INDELNING_RS)
# och en finansförvaltning som bär regionens skatteintäkter, generella statsbidrag och finansnetto.
# ---------------------------------------------------------------------------------------------------------

FOLK, PAT, REV = "folkhogskolestyrelsen", "patientnamnden", "revisionen"
DOS = "Digitalisering och service"
FINANS = "Finansförvaltning"
STABER = ("Regionledning", "Ledningsstaben", "Företagshälsan", "HR stab", "Kommunikationsstab", "Ekonomistab",
          "Smittskydd")
# Regionens rader utanför verksamheten: rapportrad i kostnadsslag.yaml -> tecken i huvudboken.
REGIONRADER = ("Skatteintäkter", "Generella statsbidrag", "Finansiella likvidströmmar",
               "Finansiella värderegleringar")


@dataclass(frozen=True)
class Manadsmal:
    """Siffrorna i månadsrapportens tabeller, som de står (Mkr; resekostnader i tkr, kostnader positiva)."""
    ar: int
    manad: int
    # Resultatrapport regionstyrelsen: delområde, utfall månad, budget månad, avvikelse månad,
    # ack utfall fg år, ack utfall, ack avvikelse.
    rs: tuple[tuple[str, float, float, float, float, float, float], ...]
    rs_summa: tuple[float, float, float, float, float, float]
    # Regionens resultat: rad, ack utfall fg år, ack utfall, ack budget, ack avvikelse, årsbudget.
    namnder: tuple[tuple[str, float, float, float, float, float], ...]
    regionrader: tuple[tuple[str, float, float, float, float, float], ...]
    # Verksamhetens nettokostnader, Summa skatter och statsbidrag, Verksamhetens resultat, Summa finansnetto,
    # TOTAL (beräknade ur delarna).
    summor: tuple[tuple[str, float, float, float, float, float], ...]
    # Reduktionsplan resekostnader (tkr, kostnader positiva): nämnd, ack utfall, ack utfall fg, plan,
    # diff mot plan, diff mot fg.
    resor: tuple[tuple[str, float, float, float, float, float], ...]
    resor_summa: tuple[float, float, float, float, float]
    resor_minskning: Fraction
    # Ack avvikelse per nämnd i procent av ack budget vid delårsbokslutet (ingen publicerad siffra: rimlighet).
    # Regionstyrelsens delområden följer i stället sin avvikelse per rapportmånaden.
    delar_manad: int
    delar_avvikelse_procent: dict[str, float]


PUBLICERAT_MANAD: dict[int, Manadsmal] = {
    2024: Manadsmal(
        ar=2024, manad=10,
        rs=(
            (RFG, -81, -71, -9, -755, -794, -41),
            (DOS, -98, -87, -11, -843, -892, -66),
            ("Regionledning", -1, -2, 0, -13, -12, 2),
            ("Ledningsstaben", -5, -5, 0, -39, -42, 2),
            ("Företagshälsan", -1, -1, 0, -10, -10, 1),
            ("HR stab", -4, -5, 1, -40, -44, 0),
            ("Kommunikationsstab", -2, -1, 0, -12, -13, 0),
            ("Ekonomistab", -8, -6, -2, -48, -55, 1),
            ("Smittskydd", -1, -1, 0, -6, -7, -1),
            (PVB, -117, -119, 2, -1083, -1160, 24),
            (TVB, -14, -15, 0, -124, -135, 8),
        ),
        rs_summa=(-331, -313, -18, -2973, -3164, -69),
        namnder=(
            (RS, -2973, -3164, -3095, -69, -3786),
            (HSN, -5599, -5989, -5375, -614, -6558),
            (RUN, -363, -349, -355, 6, -427),
            (FOLK, -4, -10, -12, 2, -14),
            (PAT, -5, -5, -5, 0, -7),
            (REV, -6, -6, -7, 1, -9),
        ),
        regionrader=(
            ("Skatteintäkter", 6451, 6692, 6704, -12, 8045),
            ("Generella statsbidrag", 2121, 2532, 2415, 116, 2899),
            ("Finansiella likvidströmmar", -508, -608, -625, 17, -750),
            ("Finansiella värderegleringar", 242, 614, 142, 472, 170),
        ),
        # Texten: "Resultat ack oktober 2024: -293 varav finansnetto +6; 2023: -644 varav finansnetto -266"
        # är samma tal som TOTAL och Summa finansnetto.
        summor=(
            ("Verksamhetens nettokostnader", -8950, -9523, -8848, -675, -10801),
            ("Summa skatter och statsbidrag", 8572, 9224, 9119, 105, 10944),
            ("Verksamhetens resultat", -377, -299, 271, -570, 143),
            ("Summa finansnetto", -266, 6, -483, 489, -580),
            ("TOTAL", -644, -293, -212, -81, -437),
        ),
        resor=(
            (RS, 4530, 5414, 4602, -71, -884),
            (HSN, 39339, 38285, 32542, 6797, 1054),
            (RUN, 2384, 2625, 2231, 153, -241),
            (FOLK, 627, 916, 779, -151, -289),
            (PAT, 123, 141, 120, 3, -19),
            (REV, 42, 153, 130, -88, -110),
        ),
        resor_summa=(47046, 47534, 40404, 6642, -489),
        resor_minskning=Fraction(15, 100),
        delar_manad=8,
        # HSN:s underskott växer under hösten (oktober: -11,4 %); de små nämndernas överskott kommer främst
        # i september-oktober (statsbidrag, vakanser), så augusti ligger nära budget.
        delar_avvikelse_procent={HSN: -9.6, RUN: 1.5, FOLK: 4.0, PAT: -1.0, REV: 3.0},
    ),
}


# Valda oavrundade mål (Mkr; resor tkr) för månadsrapporten, framtagna med --foresla-mal och kontrollerade
# vid varje körning (kontrollera_manadsmal).
# rs: delområde -> (utfall månad, budget månad, ack utfall fg, ack utfall, ack budget, årsbudget)
# namnd, regionrad: -> (ack utfall fg, ack utfall, ack budget, årsbudget)
# resor: nämnd -> (ack utfall, ack utfall fg), tkr med kostnader positiva
VALDA_MAL_MANAD: dict[int, dict[str, dict[str, tuple[float, ...]]]] = {
    2024: {
    # LP: minst 0.999 av önskad marginal i Mkr-tabellerna
    "rs": {
        "Regionförvaltningen gemensamt": (-80.8, -71.4, -754.6, -793.6, -752.2, -936.489),
        "Digitalisering och service": (-98.4, -87.0, -843.4, -891.6, -825.2, -1013.441),
        "Regionledning": (-1.4, -1.8, -12.6, -12.4, -14.8, -18.426),
        "Ledningsstaben": (-4.6, -4.6, -38.6, -42.4, -44.8, -55.776),
        "Företagshälsan": (-0.6, -0.826, -10.4, -10.4, -11.8, -14.691),
        "HR stab": (-3.6, -4.974, -40.4, -43.6, -43.4, -54.033),
        "Kommunikationsstab": (-1.6, -1.2, -12.4, -13.0, -13.4, -16.683),
        "Ekonomistab": (-7.6, -6.0, -47.6, -54.6, -55.2, -68.724),
        "Smittskydd": (-1.0, -0.6, -6.4, -7.4, -6.8, -8.466),
        "Primärvård beställning": (-117.0, -119.4, -1082.6, -1159.6, -1183.2, -1419.84),
        "Tandvård beställning": (-14.4, -14.8, -123.6, -135.4, -143.8, -179.031),
    },
    "namnd": {
        "halso_och_sjukvardsnamnden": (-5599.4, -5989.2, -5374.834188, -6558.4),
        "regionala_utvecklingsnamnden": (-363.2, -349.0, -354.6, -427.4),
        "folkhogskolestyrelsen": (-4.4, -9.6, -11.965812, -14.0),
        "patientnamnden": (-4.6, -5.0, -5.4, -6.6),
        "revisionen": (-5.6, -6.4, -7.0, -8.6),
    },
    "regionrad": {
        "Skatteintäkter": (6451.4, 6692.2, 6703.8, 8045.0),
        "Generella statsbidrag": (2121.0, 2531.6, 2415.2, 2898.6),
        "Finansiella likvidströmmar": (-508.0, -607.6, -624.6, -750.4),
        "Finansiella värderegleringar": (241.6, 613.6, 141.6, 170.0),
    },
    # LP: minst 0.499 av önskad marginal i reduktionsplanen (tkr)
    "resor": {
        "regionstyrelsen": (4530.44938, 5413.99933),
        "halso_och_sjukvardsnamnden": (39339.0, 38285.17647),
        "regionala_utvecklingsnamnden": (2384.1601, 2625.17647),
        "folkhogskolestyrelsen": (627.24057, 916.04773),
        "patientnamnden": (122.8, 141.4),
        "revisionen": (42.14995, 152.6),
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


def los_malproblem(p: Malproblem) -> tuple[list[float], float]:
    """Lös ett målproblem som LP (scipy). Returnerar x och den gemensamma andelen av önskad marginal."""
    # Importeras här: scipy/numpy behövs bara för detta hjälpsteg, inte för att generera filerna.
    import numpy as np
    from scipy.optimize import linprog

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
    lp = {"A_ub": a_ub, "b_ub": b_ub, "method": "highs"}
    if a_eq:
        lp["A_eq"] = np.hstack([np.array(a_eq), np.zeros((len(a_eq), m + 1))])
        lp["b_eq"] = np.array(b_eq)
    granser = [(None, None)] * n + [(0.0, max(mg, 0.0)) for *_, mg in olik] + [(0.0, 1.0)]
    c = np.zeros(n + m + 1)
    c[-1] = -1.0
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
    return list(res.x[:n]), t


def foresla_mal(ar: int) -> str:
    """Lös målproblemet som LP (scipy) och returnera en VALDA_MAL-post att klistra in."""
    if ar in PUBLICERAT_MANAD:
        return foresla_manadsmal(ar)
    mal = PUBLICERAT[ar]
    p = bygg_malproblem(mal)
    x, t = los_malproblem(p)
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


# Månadsrapportens mål löses som två LP: Mkr-tabellerna (regionstyrelsen och regionens resultat hänger ihop
# genom regionstyrelsens rad) och reduktionsplanen i tkr. Ett publicerat "0" får här vara ett litet negativt
# tal (tabellerna visar aldrig "-0").

def _rundas(p: Malproblem, namn: str, a: dict[int, float], pub: float, marginal: float = MARGINAL_BELOPP) -> None:
    p.intervall(namn, a, pub - 0.5, pub + 0.5, marginal, marginal)


def _kombination(*delar: tuple[dict[int, float], float]) -> dict[int, float]:
    ut: dict[int, float] = {}
    for a, vikt in delar:
        for k, v in a.items():
            ut[k] = ut.get(k, 0.0) + vikt * v
    return ut


def bygg_manadsproblem(mal: Manadsmal) -> Malproblem:
    p = Malproblem()
    rs = [r[0] for r in mal.rs]
    for d, mu, mb, mav, ufg, u, av in mal.rs:
        x = {q: {p.var("rs", d, q): 1.0} for q in ("MU", "MB", "UFG", "U", "B", "AB")}
        _rundas(p, f"{d}: utfall månad", x["MU"], mu)
        _rundas(p, f"{d}: budget månad", x["MB"], mb)
        _rundas(p, f"{d}: avvikelse månad", _kombination((x["MU"], 1), (x["MB"], -1)), mav)
        _rundas(p, f"{d}: ack utfall fg", x["UFG"], ufg)
        _rundas(p, f"{d}: ack utfall", x["U"], u)
        _rundas(p, f"{d}: ack avvikelse", _kombination((x["U"], 1), (x["B"], -1)), av)
        for q in x:  # kostnader: alla belopp negativa
            p.intervall(f"{d}: tecken {q}", {p.var("rs", d, q): -1.0}, 0.05, math.inf)
        # Årsbudget: ack budget för tio månader plus en rimlig rest (nämndens 1,22 +- 0,025).
        p.intervall(f"{d}: årsbudget (övre)", _kombination((x["AB"], 1), (x["B"], -1.20)), -math.inf, 0.0)
        p.intervall(f"{d}: årsbudget (undre)", _kombination((x["AB"], 1), (x["B"], -1.245)), 0.0, math.inf)
        # Månadens budget är en rimlig del av ack budget.
        p.intervall(f"{d}: månadsbudget", _kombination((x["MB"], 1), (x["B"], -0.07)), -math.inf, 0.0)

    def rs_summa(q: str) -> dict[int, float]:
        return p.summa([("rs", d) for d in rs], q)

    mu, mb, mav, ufg, u, av = mal.rs_summa
    _rundas(p, "RS summa: utfall månad", rs_summa("MU"), mu)
    _rundas(p, "RS summa: budget månad", rs_summa("MB"), mb)
    _rundas(p, "RS summa: avvikelse månad", _kombination((rs_summa("MU"), 1), (rs_summa("MB"), -1)), mav)
    _rundas(p, "RS summa: ack utfall fg", rs_summa("UFG"), ufg)
    _rundas(p, "RS summa: ack utfall", rs_summa("U"), u)
    _rundas(p, "RS summa: ack avvikelse", _kombination((rs_summa("U"), 1), (rs_summa("B"), -1)), av)

    def rad(nyckel: tuple[str, str], q: str) -> dict[int, float]:
        if nyckel == ("n", RS):
            return rs_summa(q)
        return {p.var(*nyckel, q): 1.0}

    def linje(namn: str, delar: list[tuple[tuple[str, str], float]], pub: Sequence[float],
              summa: bool = False) -> None:
        x = {q: _kombination(*((rad(n, q), v) for n, v in delar)) for q in ("UFG", "U", "B", "AB")}
        ufg, u, b, av, ab = pub
        _rundas(p, f"{namn}: ack utfall fg", x["UFG"], ufg)
        _rundas(p, f"{namn}: ack utfall", x["U"], u)
        _rundas(p, f"{namn}: ack budget", x["B"], b)
        _rundas(p, f"{namn}: ack avvikelse", _kombination((x["U"], 1), (x["B"], -1)), av)
        _rundas(p, f"{namn}: årsbudget", x["AB"], ab)
        if summa:
            return
        # Årsbudget = ack budget (tio månader) plus en rimlig rest.
        t = 1 if b > 0 else -1
        p.intervall(f"{namn}: årsbudget mot ack budget (undre)", _kombination((x["AB"], t), (x["B"], -1.17 * t)),
                    0.0, math.inf)
        p.intervall(f"{namn}: årsbudget mot ack budget (övre)", _kombination((x["AB"], t), (x["B"], -1.26 * t)),
                    -math.inf, 0.0)

    namnder = [("n", r[0]) for r in mal.namnder]
    rr = {r[0]: ("r", r[0]) for r in mal.regionrader}
    for (namn, *pub), nyckel in zip(mal.namnder, namnder, strict=True):
        linje(namn, [(nyckel, 1.0)], pub)
    for namn, *pub in mal.regionrader:
        linje(namn, [(rr[namn], 1.0)], pub)
        t = 1 if pub[1] > 0 else -1
        for q in ("UFG", "U", "B", "AB"):
            p.intervall(f"{namn}: tecken {q}", {p.var(*rr[namn], q): t}, 0.05, math.inf)
    skatter = [(rr["Skatteintäkter"], 1.0), (rr["Generella statsbidrag"], 1.0)]
    finans = [(rr["Finansiella likvidströmmar"], 1.0), (rr["Finansiella värderegleringar"], 1.0)]
    vnk = [(n, 1.0) for n in namnder]
    summor = {"Verksamhetens nettokostnader": vnk, "Summa skatter och statsbidrag": skatter,
              "Verksamhetens resultat": vnk + skatter, "Summa finansnetto": finans,
              "TOTAL": vnk + skatter + finans}
    for namn, *pub in mal.summor:
        linje(namn, summor[namn], pub, summa=True)
    return p


def bygg_resproblem(mal: Manadsmal) -> Malproblem:
    """Reduktionsplanen i tkr med kostnader positiva: plan = fg * (1 - minskning)."""
    p = Malproblem()
    f = float(1 - mal.resor_minskning)

    def linje(namn: str, u: dict[int, float], ufg: dict[int, float], pub: Sequence[float]) -> None:
        pu, pufg, pplan, pdplan, pdfg = pub
        _rundas(p, f"{namn}: ack utfall", u, pu)
        _rundas(p, f"{namn}: ack utfall fg", ufg, pufg)
        _rundas(p, f"{namn}: plan", _kombination((ufg, f)), pplan)
        _rundas(p, f"{namn}: diff mot plan", _kombination((u, 1), (ufg, -f)), pdplan)
        _rundas(p, f"{namn}: diff mot fg", _kombination((u, 1), (ufg, -1)), pdfg)

    for namn, *pub in mal.resor:
        linje(namn, {p.var("resa", namn, "U"): 1.0}, {p.var("resa", namn, "UFG"): 1.0}, pub)
    linje("Total", p.summa([("resa", r[0]) for r in mal.resor], "U"),
          p.summa([("resa", r[0]) for r in mal.resor], "UFG"), mal.resor_summa)
    return p


def _tal(v: float, decimaler: int) -> str:
    """Utan avslutande nollor (utfall i ören: 8 decimaler Mkr, budget i kronor: 6)."""
    text = f"{v:.{decimaler}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def foresla_manadsmal(ar: int) -> str:
    mal = PUBLICERAT_MANAD[ar]
    p = bygg_manadsproblem(mal)
    x, t = los_malproblem(p)
    rader = ["    {", f"    # LP: minst {t:.3f} av önskad marginal i Mkr-tabellerna", '    "rs": {']
    for d, *_ in mal.rs:
        v = [x[p.var("rs", d, q)] for q in ("MU", "MB", "UFG", "U", "B", "AB")]
        tal = ", ".join(_tal(x, dec) for x, dec in zip(v, (8, 6, 8, 8, 6, 6), strict=True))
        rader.append(f'        "{d}": ({tal}),')
    rader.append('    },\n    "namnd": {')
    for n, *_ in mal.namnder[1:]:
        v = [x[p.var("n", n, q)] for q in ("UFG", "U", "B", "AB")]
        rader.append(f'        "{n}": ({_tal(v[0], 8)}, {_tal(v[1], 8)}, {_tal(v[2], 6)}, {_tal(v[3], 6)}),')
    rader.append('    },\n    "regionrad": {')
    for n, *_ in mal.regionrader:
        v = [x[p.var("r", n, q)] for q in ("UFG", "U", "B", "AB")]
        rader.append(f'        "{n}": ({_tal(v[0], 8)}, {_tal(v[1], 8)}, {_tal(v[2], 6)}, {_tal(v[3], 6)}),')
    p = bygg_resproblem(mal)
    x, t = los_malproblem(p)
    rader.append(f'    }},\n    # LP: minst {t:.3f} av önskad marginal i reduktionsplanen (tkr)\n    "resor": {{')
    for n, *_ in mal.resor:
        v = [x[p.var("resa", n, q)] for q in ("U", "UFG")]
        rader.append(f'        "{n}": ({_tal(v[0], 5)}, {_tal(v[1], 5)}),')
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
# Månadsrapportens år (2023-2024): ny indelning av regionstyrelsen, mål i heltal och fördelning
# ---------------------------------------------------------------------------------------------------------

OMORGANISATION_FRAN, OMORGANISATION_TILL = "2023-01", "2022-12"  # ny indelning från, gamla rader till
OMRADE_STABER = "Ledning och staber"
RESEKONTON = ("7120", "7130")  # resekostnader (reduktionsplanen läser 7100-7199)
# Konton som från 2023 ersätts: 7110 (bidrag) ligger i resekostnadernas intervall, 6710 heter "resor".
NYA_KONTON = {"7110": "7010", "6710": "6750"}
FINANSFORVALTNING = Delomrade(RS, FINANS, FINANS, "finans", (
    _b(FINANS, 2, suffix=("skatter och statsbidrag", "finansiella poster")),))
# Regionens rader: (kostnadsställets löpnummer i finansförvaltningen, konton med vikt), tecken ur målen.
REGIONRAD_KONTON: dict[str, tuple[int, tuple[tuple[str, float], ...]]] = {
    "Skatteintäkter": (0, (("8010", 0.97), ("8020", 0.03))),
    "Generella statsbidrag": (0, (("8110", 0.55), ("8120", 0.10), ("8150", 0.35))),
    "Finansiella likvidströmmar": (1, (("8410", 0.3), ("8450", 0.7))),
    "Finansiella värderegleringar": (1, (("8610", 0.8), ("8620", 0.2))),
}
# Bruttofördelning per blad (Mkr per år, relativ) för regionstyrelsens delområden i den nya indelningen.
_STAB = {"OVRINT": 3.0, "PERS": 10.0, "PENS": 1.5, "OVRPERS": 0.3, "KOP": 1.5, "FAST": 0.4, "ITMT": 0.6,
         "OVRIGT": 0.8, "AVSKR": 0.1}
FRO_NY_RS: dict[str, dict[str, float]] = {
    RFG: {"OVRINT": 60, "PERS": 6, "PENS": 75, "OVRPERS": 0.5, "KOP": 25, "FAST": 1, "ITMT": 2, "OVRIGT": 70,
          "AVSKR": 65},
    DOS: {"VARD": 7, "OVRINT": 330, "PERS": 180, "PENS": 45, "OVRPERS": 2, "MED": 16, "KOP": 30, "FAST": 110,
          "ITMT": 100, "OVRIGT": 33, "AVSKR": 76},
    **{s: _STAB for s in STABER if s != "Smittskydd"},
    "Smittskydd": {**_STAB, "LAK": 1.5, "MED": 1.0},
    PVB: {"OVRINT": 5, "PERS": 2, "PENS": 0.5, "LAK": 3, "MED": 1, "KOP": 400, "UTOM": 0.5, "ITMT": 0.5,
          "OVRIGT": 60},
    TVB: {"OVRINT": 0.5, "PERS": 0.3, "PENS": 0.1, "KOP": 50, "OVRIGT": 6},
}
# Budget fg år (jämförelseåret) i förhållande till dess utfall; HSN hade redan då underskott.
BUDGET_FG_MOT_UTFALL = {HSN: 0.95, RUN: 1.01, FOLK: 1.02, PAT: 1.04, REV: 1.05}


def ny_placering(e: Enhet) -> tuple[str, str]:
    """(delområde, område) för ett kostnadsställe från 2023; andra nämnder är oförändrade."""
    d = e.delomrade
    if d.namnd == RS and d.namn == ADMV:
        return e.basenhet.namn.replace("HR-stab", "HR stab"), OMRADE_STABER
    if d.namnd == RS and d.namn in (DMT, SERV):
        return DOS, DOS
    return d.namn, d.omrade


def finans_enheter(organisation: list[Enhet]) -> list[Enhet]:
    lopnr = 1 + len({e.delomrade.namn for e in organisation if e.delomrade.namnd == RS})
    b = FINANSFORVALTNING.basenheter[0]
    return [Enhet(f"1{lopnr:02d}{k + 1:02d}", f"{b.namn}, {b.suffix[k]}", b, FINANSFORVALTNING)
            for k in range(b.antal)]


@dataclass
class Manadsheltal:
    """Månadsrapportens mål i heltal: utfall i ören, budget i kronor (resor: ören, kostnad positiv)."""
    rs: dict[str, dict[str, int]]  # delområde -> MU, MB, UFG, U, B, AB
    namnd: dict[str, dict[str, int]]  # nämnd utom RS -> UFG, U, B, AB
    regionrad: dict[str, dict[str, int]]
    resor: dict[str, dict[str, int]]  # nämnd -> U, UFG


_BUDGETSTORHETER = frozenset({"MB", "B", "AB"})


def manadsheltal(ar: int) -> Manadsheltal:
    valda = VALDA_MAL_MANAD[ar]

    def heltal(namn: tuple[str, ...], varden: tuple[float, ...]) -> dict[str, int]:
        return {q: round(v * MKR) if q in _BUDGETSTORHETER else round(v * MKR * ORE_PER_KR)
                for q, v in zip(namn, varden, strict=True)}

    h = Manadsheltal(
        rs={d: heltal(("MU", "MB", "UFG", "U", "B", "AB"), v) for d, v in valda["rs"].items()},
        namnd={n: heltal(("UFG", "U", "B", "AB"), v) for n, v in valda["namnd"].items()},
        regionrad={r: heltal(("UFG", "U", "B", "AB"), v) for r, v in valda["regionrad"].items()},
        resor={n: {"U": round(v[0] * 1000 * ORE_PER_KR), "UFG": round(v[1] * 1000 * ORE_PER_KR)}
               for n, v in valda["resor"].items()},
    )
    fel = jamfor_manadsmal(PUBLICERAT_MANAD[ar], manadsvarden(h))
    if fel:
        raise ValueError(f"valda mål för månadsrapporten {ar} ger inte de publicerade siffrorna:\n" + "\n".join(fel))
    return h


def manadsvarden(h: Manadsheltal) -> dict[tuple[str, ...], Fraction]:
    """Målen som exakta tal: Mkr (resor tkr, kostnad positiv), nycklar som i jamfor_manadsmal."""
    ore, kr = MKR * ORE_PER_KR, MKR
    v: dict[tuple[str, ...], Fraction] = {}
    for grupp, data in (("rs", h.rs), ("n", h.namnd), ("r", h.regionrad)):
        for namn, storheter in data.items():
            for q, x in storheter.items():
                v[grupp, namn, q] = Fraction(x, kr if q in _BUDGETSTORHETER else ore)
    for namn, storheter in h.resor.items():
        for q, x in storheter.items():
            v["resa", namn, q] = Fraction(x, 1000 * ORE_PER_KR)
    return v


def _rundar(varde: Fraction, pub: float) -> bool:
    """Avrundas (halva bort från noll, heltal) till det publicerade? "0" godtar ett litet negativt tal."""
    return avrunda(varde, 0) == Fraction(pub)


def jamfor_manadsmal(mal: Manadsmal, v: dict[tuple[str, ...], Fraction]) -> list[str]:
    """Räkna varje publicerad siffra ur exakta värden (delar och summor oavrundade) och jämför."""
    fel: list[str] = []

    def jamfor(namn: str, varden: Sequence[Fraction], pub: Sequence[float]) -> None:
        for i, (x, p_) in enumerate(zip(varden, pub, strict=True)):
            if not _rundar(x, p_):
                fel.append(f"{namn} kolumn {i}: publicerat {p_}, fick {float(x):.4f}")

    rs = [r[0] for r in mal.rs]

    def rs_sum(q: str) -> Fraction:
        return sum((v["rs", d, q] for d in rs), Fraction(0))

    for d, *pub in mal.rs:
        x = {q: v["rs", d, q] for q in ("MU", "MB", "UFG", "U", "B")}
        jamfor(d, (x["MU"], x["MB"], x["MU"] - x["MB"], x["UFG"], x["U"], x["U"] - x["B"]), pub)
    jamfor("RS summa", (rs_sum("MU"), rs_sum("MB"), rs_sum("MU") - rs_sum("MB"), rs_sum("UFG"), rs_sum("U"),
                        rs_sum("U") - rs_sum("B")), mal.rs_summa)

    def rad(namn: str, q: str) -> Fraction:
        if namn == RS:
            return rs_sum(q)
        return v[("n" if ("n", namn, q) in v else "r"), namn, q]

    def linje(namn: str, delar: Sequence[str], pub: Sequence[float]) -> None:
        x = {q: sum((rad(n, q) for n in delar), Fraction(0)) for q in ("UFG", "U", "B", "AB")}
        jamfor(namn, (x["UFG"], x["U"], x["B"], x["U"] - x["B"], x["AB"]), pub)

    namnder = [r[0] for r in mal.namnder]
    for namn, *pub in (*mal.namnder, *mal.regionrader):
        linje(namn, [namn], pub)
    skatter = ["Skatteintäkter", "Generella statsbidrag"]
    finans = ["Finansiella likvidströmmar", "Finansiella värderegleringar"]
    summor = {"Verksamhetens nettokostnader": namnder, "Summa skatter och statsbidrag": skatter,
              "Verksamhetens resultat": namnder + skatter, "Summa finansnetto": finans,
              "TOTAL": namnder + skatter + finans}
    for namn, *pub in mal.summor:
        linje(namn, summor[namn], pub)
    f = 1 - mal.resor_minskning

    def resor(namn: str, u: Fraction, ufg: Fraction, pub: Sequence[float]) -> None:
        jamfor(f"resor {namn}", (u, ufg, ufg * f, u - ufg * f, u - ufg), pub)

    for namn, *pub in mal.resor:
        resor(namn, v["resa", namn, "U"], v["resa", namn, "UFG"], pub)
    resor("Total", sum((v["resa", r[0], "U"] for r in mal.resor), Fraction(0)),
          sum((v["resa", r[0], "UFG"] for r in mal.resor), Fraction(0)), mal.resor_summa)
    return fel


# Celler: (kostnadsställe, konto, blad, vikt). En grupp är ett delområde (RS), en hel nämnd eller en regionrad.
Cell = tuple[str, str, str, float]


@dataclass
class Grupp:
    namn: str
    namnd: str
    celler: list[Cell]  # verksamhetens (eller regionradens) konteringar
    resceller: list[Cell]  # resekostnader (7120/7130)
    tecken: int = -1  # nettots tecken (regionrader kan vara positiva)

    @property
    def intaktskvot(self) -> float:
        """Intäkter / kostnader i fröet: nettot delas så att bruttot får samma proportion."""
        ink = sum(v for _, _, b, v in self.celler if b in INTAKTSBLAD)
        kost = sum(v for _, _, b, v in self.celler if b not in INTAKTSBLAD)
        return ink / kost if kost else 0.0


def konton_ny(d: Delomrade, blad: str, mallkonton: tuple[str, ...] | None = None) -> tuple[str, ...]:
    konton = [NYA_KONTON.get(k, k) for k in konton_for(d, blad, mallkonton)]
    return tuple(dict.fromkeys(konton))


def _resceller(rng: random.Random, enheter: list[Enhet], vikt: float) -> list[Cell]:
    """Resekostnader på kostnadsställen med personal (7120 alltid, 7130 ibland)."""
    med_personal = [e for e in enheter if e.basenhet.blad is None or "PERS" in e.basenhet.blad] or enheter[:1]
    celler: list[Cell] = []
    for e in med_personal:
        if rng.random() > 0.8 and celler:
            continue
        storlek = vikt * rng.uniform(0.5, 1.5)
        celler.append((e.kod, "7120", "OVRIGT", 2.0 * storlek))
        if rng.random() < 0.6:
            celler.append((e.kod, "7130", "OVRIGT", 1.0 * storlek))
    return celler


def bygg_grupper(organisation: list[Enhet]) -> list[Grupp]:
    grupper: list[Grupp] = []
    # Regionstyrelsen: ett delområde i den nya indelningen per grupp, konton som kostnadsställets gamla
    # delområde hade.
    for namn in FRO_NY_RS:
        enheter = [e for e in organisation if e.delomrade.namnd == RS and ny_placering(e)[0] == namn]
        rng = rng_for("manad-rs", namn)
        celler: list[Cell] = []
        for blad, mkr in FRO_NY_RS[namn].items():
            mojliga = [e for e in enheter if e.basenhet.blad is None or blad in e.basenhet.blad] or enheter[:1]
            deltar = [e for e in mojliga if rng.random() < 0.75] or mojliga[:1]
            par = [(e.kod, k, rng.uniform(0.4, 1.6) * v) for e in deltar
                   for k, v in valj_konton(rng, konton_ny(e.delomrade, blad))]
            summa = sum(v for *_, v in par)
            celler += [(kod, k, blad, mkr * v / summa) for kod, k, v in par]
        grupper.append(Grupp(namn, RS, celler, _resceller(rng, enheter, 1.0)))
    # Övriga nämnder: en grupp per nämnd, fröet ur mallarna.
    for nid, _, _ in NAMNDER[1:]:
        celler = []
        resceller: list[Cell] = []
        for e in (e for e in organisation if e.delomrade.namnd == nid):
            d = e.delomrade
            rng = rng_for("manad-ovrig", e.kod)
            storlek = rng.uniform(0.4, 1.6)
            for blad, (mkr, mallkonton) in MALLAR[d.mall].items():
                if e.basenhet.blad is not None and blad not in e.basenhet.blad:
                    continue
                if blad not in ("PERS", "PENS") and rng.random() > 0.85:
                    continue
                valda = valj_konton(rng, konton_ny(d, blad, mallkonton))
                summa = sum(v for _, v in valda)
                belopp = mkr * storlek * rng.uniform(0.7, 1.3)
                celler += [(e.kod, k, blad, belopp * v / summa) for k, v in valda]
            resceller += _resceller(rng, [e], storlek)
        grupper.append(Grupp(nid, nid, celler, resceller))
    # Regionens rader i finansförvaltningen.
    fin = finans_enheter(organisation)
    for namn, (lopnr, konton) in REGIONRAD_KONTON.items():
        grupper.append(Grupp(namn, RS, [(fin[lopnr].kod, k, namn, v) for k, v in konton], []))
    return grupper


def _lagg(mal: dict[tuple[str, str, str], int], ar: int, manader: Sequence[int], celler: list[Cell], belopp: int,
          rng: random.Random | None) -> None:
    """Fördela ett belopp på månader x celler (säsong per blad; rng ger brus för utfall)."""
    if belopp == 0:
        return
    if not celler:
        raise ValueError("belopp utan konteringar")
    nycklar, vikter = [], []
    for m in manader:
        for kod, konto, blad, v in celler:
            nycklar.append((f"{ar}{m:02d}", kod, konto))
            vikter.append(v * sasong(blad)[m - 1] * (rng.uniform(0.85, 1.15) if rng else 1.0))
    for nyckel, del_ in zip(nycklar, fordela(belopp, vikter), strict=True):
        if del_:
            mal[nyckel] = mal.get(nyckel, 0) + del_


def _budgetceller(celler: list[Cell]) -> list[Cell]:
    """Budgeten läggs grövre: ett konto (det tyngsta) per kostnadsställe och blad."""
    tyngst: dict[tuple[str, str], tuple[str, float]] = {}
    summa: dict[tuple[str, str], float] = {}
    for kod, konto, blad, v in celler:
        k = (kod, blad)
        summa[k] = summa.get(k, 0.0) + v
        if k not in tyngst or v > tyngst[k][1]:
            tyngst[k] = (konto, v)
    return [(kod, tyngst[kod, blad][0], blad, v) for (kod, blad), v in summa.items()]


def _lagg_netto(mal: dict[tuple[str, str, str], int], ar: int, manader: Sequence[int], g: Grupp, netto: int,
                resa: int, rng: random.Random | None, budget: bool) -> None:
    """Ett netto för gruppen och perioden: resekostnaden först, resten som intäkter och kostnader."""
    celler = _budgetceller(g.celler) if budget else g.celler
    resceller = [c for c in g.resceller if c[1] == RESEKONTON[0]] if budget else g.resceller
    if g.namn in REGIONRAD_KONTON:
        _lagg(mal, ar, manader, celler, netto, rng)
        return
    _lagg(mal, ar, manader, resceller, -resa, rng)
    rest = netto + resa  # kostnader negativa, resa positiv
    if rest > 0:
        raise ValueError(f"{g.namn} {ar} {manader}: nettot täcker inte resekostnaderna")
    kvot = g.intaktskvot * (rng.uniform(0.97, 1.03) if rng else 1.0)
    kostnad = round(-rest / (1 - kvot))
    ink = [c for c in celler if c[2] in INTAKTSBLAD]
    kost = [c for c in celler if c[2] not in INTAKTSBLAD]
    intakt = kostnad + rest if ink else 0
    _lagg(mal, ar, manader, ink, intakt, rng)
    _lagg(mal, ar, manader, kost, -(intakt - rest), rng)


def generera_manadsar(mal: Manadsmal, organisation: list[Enhet], utfall: Utfall, budget: Budget) -> None:
    """Rapportåret och året före för alla nämnder, med månadsrapportens mål exakt i heltal."""
    h = manadsheltal(mal.ar)
    ar, fg, p, dp = mal.ar, mal.ar - 1, mal.manad, mal.delar_manad
    grupper = bygg_grupper(organisation)
    # Resekostnader per grupp: nämndens mål delas på regionstyrelsens delområden efter fröet.
    resa_u: dict[str, int] = {}
    resa_ufg: dict[str, int] = {}
    for nid, mal_resa in h.resor.items():
        egna = [g for g in grupper if g.namnd == nid and g.resceller]
        vikter = [sum(v for *_, v in g.resceller) for g in egna]
        for g, u, ufg in zip(egna, fordela(mal_resa["U"], vikter), fordela(mal_resa["UFG"], vikter), strict=True):
            resa_u[g.namn], resa_ufg[g.namn] = u, ufg
    fore, sep, okt, efter = range(1, dp + 1), range(dp + 1, p), range(p, p + 1), range(p + 1, 13)
    for g in grupper:
        rng = rng_for("manad-utfall", ar, g.namn)
        if g.namn in h.rs:
            m = h.rs[g.namn]
            # Utfall: rapportmånaden exakt, resten av jan-sep med en augusti som följer samma avvikelse.
            u = {"okt": m["MU"], "ufg": m["UFG"], "ack": m["U"]}
            b = {"okt": m["MB"], "ack": m["B"], "ab": m["AB"]}
            b_fore = round((b["ack"] - b["okt"]) * len(fore) / (p - 1))
            b_sep = b["ack"] - b["okt"] - b_fore
            u_fore = round(b_fore * ORE_PER_KR * Fraction(u["ack"] - u["okt"], (b["ack"] - b["okt"]) * ORE_PER_KR)
                           * rng.uniform(0.995, 1.005))
            u_sep = u["ack"] - u["okt"] - u_fore
        elif g.namn in h.namnd:
            m = h.namnd[g.namn]
            u = {"ufg": m["UFG"], "ack": m["U"]}
            b = {"ack": m["B"], "ab": m["AB"]}
            b_fore = round(b["ack"] * len(fore) / p)
            b_sep = round(b["ack"] * len(sep) / p)
            b["okt"] = b["ack"] - b_fore - b_sep
            u_fore = round(b_fore * ORE_PER_KR * (1 - mal.delar_avvikelse_procent[g.namn] / 100))
            rest = u["ack"] - u_fore
            u_sep = round(rest * len(sep) / (p - dp) * rng.uniform(0.9, 1.1))
            u["okt"] = rest - u_sep
        else:
            m = h.regionrad[g.namn]
            u = {"ufg": m["UFG"], "ack": m["U"]}
            b = {"ack": m["B"], "ab": m["AB"]}
            b_fore = round(b["ack"] * len(fore) / p)
            b_sep = round(b["ack"] * len(sep) / p)
            b["okt"] = b["ack"] - b_fore - b_sep
            u_fore = round(u["ack"] * len(fore) / p * rng.uniform(0.98, 1.02))
            u_sep = round(u["ack"] * len(sep) / p * rng.uniform(0.95, 1.05))
            u["okt"] = u["ack"] - u_fore - u_sep
        b_efter = b["ab"] - b["ack"]
        u_efter = round(b_efter * ORE_PER_KR * Fraction(u["ack"], b["ack"] * ORE_PER_KR) * rng.uniform(0.98, 1.04))
        ufg_efter = round(u["ufg"] * len(efter) / p * rng.uniform(1.0, 1.08))
        b_fg = round((u["ufg"] + ufg_efter) / ORE_PER_KR * BUDGET_FG_MOT_UTFALL.get(g.namn, 1.0)
                     * rng.uniform(0.99, 1.01))
        # Resekostnader (ören, positiva): målen jan-okt, en rimlig takt resten av året; budgeten följer planen.
        r, rfg = resa_u.get(g.namn, 0), resa_ufg.get(g.namn, 0)
        r_fore, r_sep, r_okt = fordela(r, [len(fore) * rng.uniform(0.95, 1.05), len(sep), len(okt)])
        r_efter = round(r * len(efter) / p * rng.uniform(0.9, 1.1))
        rfg_efter = round(rfg * len(efter) / p * rng.uniform(0.9, 1.1))
        rb = Fraction(rfg, p * ORE_PER_KR) * (1 - mal.resor_minskning)  # kronor per månad enligt plan
        for manader, netto, resa in ((fore, u_fore, r_fore), (sep, u_sep, r_sep), (okt, u["okt"], r_okt),
                                     (efter, u_efter, r_efter)):
            _lagg_netto(utfall, ar, manader, g, netto, resa, rng, budget=False)
        _lagg_netto(utfall, fg, range(1, p + 1), g, u["ufg"], rfg, rng, budget=False)
        _lagg_netto(utfall, fg, efter, g, ufg_efter, rfg_efter, rng, budget=False)
        for manader, netto in ((fore, b_fore), (sep, b_sep), (okt, b["okt"]), (efter, b_efter)):
            _lagg_netto(budget, ar, manader, g, netto, round(rb * len(manader)), None, budget=True)
        _lagg_netto(budget, fg, range(1, 13), g, b_fg, round(Fraction(rfg + rfg_efter, ORE_PER_KR)), None,
                    budget=True)
    kontrollera_manad(mal, h, organisation, utfall, budget)


def manadsvarden_ur_huvudbok(mal: Manadsmal, organisation: list[Enhet], utfall: Utfall, budget: Budget
                             ) -> dict[tuple[str, ...], Fraction]:
    """Räkna om målens storheter ur de genererade raderna (indelningen från 2023, kontointervall)."""
    plats = {e.kod: (e.delomrade.namnd, ny_placering(e)[0]) for e in organisation}
    plats.update({e.kod: (RS, FINANS) for e in finans_enheter(organisation)})
    rad_for_konto = {k: r for r, (_, konton) in REGIONRAD_KONTON.items() for k, _ in konton}
    ar, p = mal.ar, mal.manad
    summor: dict[tuple[str, ...], int] = {}

    def lagg(nyckel: tuple[str, ...], v: int) -> None:
        summor[nyckel] = summor.get(nyckel, 0) + v

    for serie, data in (("u", utfall), ("b", budget)):
        for (period, kod, konto), v in data.items():
            pa, pm = int(period[:4]), int(period[4:])
            if pa not in (ar, ar - 1):
                continue
            namnd, delomrade = plats[kod]
            if konto[0] == "8":
                grupp, namn = "r", rad_for_konto[konto]
            elif namnd == RS:
                grupp, namn = "rs", delomrade
            else:
                grupp, namn = "n", namnd
            storheter = []
            if serie == "u" and pa == ar and pm <= p:
                storheter.append("U")
                if pm == p:
                    storheter.append("MU")
                if "7100" <= konto <= "7199":
                    lagg(("resa", namnd, "U"), -v)
            if serie == "u" and pa == ar - 1 and pm <= p:
                storheter.append("UFG")
                if "7100" <= konto <= "7199":
                    lagg(("resa", namnd, "UFG"), -v)
            if serie == "b" and pa == ar:
                storheter.append("AB")
                if pm <= p:
                    storheter.append("B")
                if pm == p:
                    storheter.append("MB")
            for q in storheter:
                lagg((grupp, namn, q), v)
    ut: dict[tuple[str, ...], Fraction] = {}
    for (grupp, namn, q), v in summor.items():
        if grupp == "resa":
            ut[grupp, namn, q] = Fraction(v, 1000 * ORE_PER_KR)
        else:
            ut[grupp, namn, q] = Fraction(v, MKR if q in _BUDGETSTORHETER else MKR * ORE_PER_KR)
    return ut


def kontrollera_manad(mal: Manadsmal, h: Manadsheltal, organisation: list[Enhet], utfall: Utfall,
                      budget: Budget) -> None:
    """De genererade raderna ska ge exakt heltalsmålen, och därmed de publicerade siffrorna."""
    fran_huvudbok = manadsvarden_ur_huvudbok(mal, organisation, utfall, budget)
    for nyckel, varde in manadsvarden(h).items():
        if fran_huvudbok.get(nyckel, Fraction(0)) != varde:
            raise ValueError(f"{nyckel}: huvudboken ger {float(fran_huvudbok.get(nyckel, 0))}, målet {float(varde)}")
    fel = jamfor_manadsmal(mal, fran_huvudbok)
    if fel:
        raise ValueError("\n".join(fel))


# ---------------------------------------------------------------------------------------------------------
# 2022: en brygga mellan 2021 och 2023 (inga publicerade mål)
#
# Rullande tolv månader (R12) för 2023-2024 läser 24 månader bakåt, alltså 2022. Året byggs ur de färdiga
# åren: per kostnadsställe och blad ligger årets utfall och budget mitt emellan 2021 och 2023 (utfallet med lite
# brus). Utfallets nivå per månad går linjärt från 2021 års mot 2023 års (summan över året blir medelvärdet)
# gånger bladets säsongsprofil, och varje konto får sin andel av medlet av de två årens belopp. Kontoplanen är
# 2022 års: kontona som infördes 2023 förs tillbaka till sina föregångare (KONTO_FORE_2023). Budgeten läggs som
# 2023 på ett konto per kostnadsställe och blad.
#
# Kostnadsställena är de som gällde 2022 (organisation.csv: giltig_till 2022-12 eller öppen). Omorganisationen
# 2023 flyttade kostnadsställen men behöll koderna, så varje rad finns både i hierarkin som gäller 2022 och i den
# från 2023: en rapport för 2023-2024 som läser 2022 som jämförelseår kopplar raderna till den nya indelningen.
# Finansförvaltningens kostnadsställen finns först från 2023; regionens rader (8xxx) bokas 2022 på
# regionförvaltningens centrala kostnadsställen (oförändrade 2023), med nivåer i rimlig relation till 2023.
# ---------------------------------------------------------------------------------------------------------

BRYGGAR = 2022
# Konto från 2023 -> kontot som användes till och med 2022 (resor bokades på 6710 "Transporter och resor").
KONTO_FORE_2023 = {"7010": "7110", "6750": "6710", "7120": "6710", "7130": "6710"}
# Regionens rader 2022: konto -> (basenhet i Regionförvaltningen gemensamt, utfall i förhållande till 2023).
# Skatteintäkter och statsbidrag växte till 2023, slutavräkningen var stor 2022, räntorna och pensionsskuldens
# finansiella kostnad steg 2023 och pensionsmedlen tappade i värde 2022 (orealiserat minus).
REGIONRADER_2022: dict[str, tuple[str, float]] = {
    "8010": ("Centrala anslag", 0.955),
    "8020": ("Centrala anslag", 1.45),
    "8110": ("Centrala anslag", 0.95),
    "8120": ("Centrala anslag", 0.97),
    "8150": ("Centrala anslag", 0.93),
    "8410": ("Kapitalkostnader", 0.70),
    "8450": ("Pensioner", 0.60),
    "8610": ("Pensioner", -1.20),
    "8620": ("Pensioner", 0.40),
}
REGIONRADER_BUDGET_2022 = 0.96  # budget 2022 mot budget 2023, samma konton


def _arsbelopp(data: dict[tuple[str, str, str], int], ar: int) -> dict[tuple[str, str], dict[str, int]]:
    """Verksamhetens årsbelopp (utan 8xxx) per (kostnadsställe, blad) och konto i 2022 års kontoplan."""
    ut: dict[tuple[str, str], dict[str, int]] = {}
    for (period, kod, konto), v in data.items():
        if int(period[:4]) != ar or konto[0] == "8" or v == 0:
            continue
        konto = KONTO_FORE_2023.get(konto, konto)
        cell = ut.setdefault((kod, KONTO[konto].blad), {})
        cell[konto] = cell.get(konto, 0) + v
    return ut


def _kontovikter(*belopp_per_ar: dict[str, int]) -> dict[str, float]:
    """Kontots belopp summerat över åren (samma tecken inom ett blad): varje konto får medlet av sina år."""
    vikter: dict[str, float] = {}
    for belopp in belopp_per_ar:
        for konto in sorted(belopp):
            vikter[konto] = vikter.get(konto, 0.0) + abs(belopp[konto])
    return vikter


def _rfg_enhet(organisation: list[Enhet], basenhet: str) -> str:
    return next(e.kod for e in organisation
                if e.delomrade.namnd == RS and e.delomrade.namn == RFG and e.basenhet.namn == basenhet)


def generera_brygga(organisation: list[Enhet], utfall: Utfall, budget: Budget) -> tuple[Utfall, Budget]:
    """Utfall (ören) och budget (kronor) för BRYGGAR ur året före och året efter."""
    ar = BRYGGAR
    manader = range(1, 13)
    u22: Utfall = {}
    b22: Budget = {}
    u_fore, u_efter = _arsbelopp(utfall, ar - 1), _arsbelopp(utfall, ar + 1)
    for kod, blad in sorted(u_fore.keys() | u_efter.keys()):
        fore, efter = u_fore.get((kod, blad), {}), u_efter.get((kod, blad), {})
        a, b = sum(fore.values()), sum(efter.values())
        rng = rng_for("brygga-utfall", ar, kod, blad)
        total = round((a + b) / 2 * rng.uniform(0.97, 1.03))
        # Årsnivåerna gäller mitt i respektive år: månad m 2022 ligger (m + 5,5) / 24 av vägen från 2021 till 2023.
        vikter = [abs(a + (m + 5.5) / 24 * (b - a)) * sasong(blad)[m - 1] * rng.uniform(0.93, 1.07)
                  for m in manader]
        kontovikt = _kontovikter(fore, efter)
        konton = sorted(kontovikt)
        for m, belopp in zip(manader, fordela(total, vikter), strict=True):
            for konto, v in zip(konton, fordela(belopp, [kontovikt[k] * rng.uniform(0.9, 1.1) for k in konton]),
                                strict=True):
                if v:
                    u22[f"{ar}{m:02d}", kod, konto] = v
    b_fore, b_efter = _arsbelopp(budget, ar - 1), _arsbelopp(budget, ar + 1)
    for kod, blad in sorted(b_fore.keys() | b_efter.keys()):
        fore, efter = b_fore.get((kod, blad), {}), b_efter.get((kod, blad), {})
        total = round((sum(fore.values()) + sum(efter.values())) / 2)
        kalla = efter or fore  # det tyngsta kontot, helst 2023 års
        konto = max(sorted(kalla), key=lambda k, kalla=kalla: abs(kalla[k]))
        for m, v in zip(manader, fordela(total, sasong(blad)), strict=True):
            if v:
                b22[f"{ar}{m:02d}", kod, konto] = v
    # Regionens rader.
    efter_u: dict[str, int] = {}
    efter_b: dict[str, int] = {}
    for data, summor in ((utfall, efter_u), (budget, efter_b)):
        for (period, _, konto), v in data.items():
            if konto[0] == "8" and int(period[:4]) == ar + 1:
                summor[konto] = summor.get(konto, 0) + v
    for konto, (basenhet, faktor) in sorted(REGIONRADER_2022.items()):
        kod = _rfg_enhet(organisation, basenhet)
        rng = rng_for("brygga-regionrad", ar, konto)
        for m, v in zip(manader, fordela(round(efter_u.get(konto, 0) * faktor),
                                         [rng.uniform(0.93, 1.07) for _ in manader]), strict=True):
            if v:
                u22[f"{ar}{m:02d}", kod, konto] = v
        for m, v in zip(manader, fordela(round(efter_b.get(konto, 0) * REGIONRADER_BUDGET_2022), PLATT),
                        strict=True):
            if v:
                b22[f"{ar}{m:02d}", kod, konto] = v
    return u22, b22


def _manad_plus(period: str, n: int) -> str:
    """"ÅÅÅÅ-MM" plus n månader."""
    i = int(period[:4]) * 12 + int(period[5:]) - 1 + n
    return f"{i // 12}-{i % 12 + 1:02d}"


def kontrollera_brygga(organisation: list[Enhet], utfall: Utfall, budget: Budget, u22: Utfall, b22: Budget,
                       kontoplan: set[str]) -> None:
    """Bryggårets rader: rätt år, konton i kontoplanen, rätt tecken, rätt hierarki för varje rapport som läser
    dem, alla nämnder varje månad, och varje nämnds nettokostnad mellan året före och året efter."""
    ar = BRYGGAR
    namnd_for = {e.kod: e.delomrade.namnd for e in (*organisation, *finans_enheter(organisation))}
    for serie, data in (("utfall", u22), ("budget", b22)):
        for (period, kod, konto), v in data.items():
            if int(period[:4]) != ar or kod not in namnd_for or konto not in kontoplan or konto in KONTO_FORE_2023:
                raise ValueError(f"{serie} {ar}: oväntad rad {(period, kod, konto)}")
            if konto[0] != "8" and v * tecken(KONTO[konto].blad) <= 0:
                raise ValueError(f"{serie} {ar}: fel tecken {(period, kod, konto)} {v}")
        finns: dict[str, set[str]] = {}
        for period, kod, _ in data:
            finns.setdefault(period, set()).add(namnd_for[kod])
        for period in _perioder(ar, range(1, 13)):
            if finns.get(period) != {n for n, *_ in NAMNDER}:
                raise ValueError(f"{serie} {period}: alla nämnder har inte rader")
    # En rapport för period P läser huvudboken från P - 23 månader (R12; diagrammen från januari två år före P)
    # t.o.m. december P:s år och kopplar alla rader till hierarkin som gäller vid P: varje kostnadsställe som
    # läses måste finnas där. Prövas med det vidare fönstret, januari två år före P.
    rader = organisationsrader(organisation)
    koder_per_period: dict[str, set[str]] = {}
    for data in (utfall, budget, u22, b22):
        for period, kod, _ in data:
            koder_per_period.setdefault(f"{period[:4]}-{period[4:]}", set()).add(kod)
    for i in range(36):
        p = _manad_plus(f"{ar}-01", i)
        giltiga = {r[0] for r in rader if (not r[6] or r[6] <= p) and (not r[7] or p <= r[7])}
        fran, till = f"{int(p[:4]) - 2}-01", f"{p[:4]}-12"
        lasta = set().union(*(k for q, k in koder_per_period.items() if fran <= q <= till))
        if not lasta <= giltiga:
            raise ValueError(f"rapport {p}: kostnadsställen utan plats i hierarkin: {sorted(lasta - giltiga)}")
    # Bryggan per nämnd (verksamheten): strikt mellan året före och året efter.
    for serie, data, ny in (("utfall", utfall, u22), ("budget", budget, b22)):
        summa: dict[tuple[str, int], int] = {}
        for (period, kod, konto), v in (*data.items(), *ny.items()):
            if konto[0] != "8" and kod in namnd_for:
                nyckel = (namnd_for[kod], int(period[:4]))
                summa[nyckel] = summa.get(nyckel, 0) + v
        for n, *_ in NAMNDER:
            fore, mitt, efter = (summa.get((n, a), 0) for a in (ar - 1, ar, ar + 1))
            if not min(fore, efter) < mitt < max(fore, efter):
                raise ValueError(f"{serie} {ar} {n}: {mitt} ligger inte mellan {fore} och {efter}")


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


# Årsprognos 2024 (avvikelse mot budget, Mkr) per nämnd och delområde i 2024 års indelning. Prognosen per
# oktober var inte klar när månadsrapporten skrevs: inga rader för 2024-10. Per september är
# regionstyrelsens summa -104 Mkr (publicerat).
PROGNOS_RS_SEPTEMBER = -104.0
PROGNOSER_2024: tuple[tuple[str, str, str, float], ...] = (
    (RS, RFG, "2024-04", -20.0), (RS, DOS, "2024-04", -35.0), (RS, PVB, "2024-04", 10.0),
    (RS, TVB, "2024-04", 4.0), (RS, "Ekonomistab", "2024-04", -1.0),
    (HSN, "Nordanå sjukhus", "2024-04", -310.0), (HSN, "Norrviks lasarett", "2024-04", -95.0),
    (HSN, "Fjällby lasarett", "2024-04", -60.0), (HSN, "Vuxenpsykiatri", "2024-04", -40.0),
    (HSN, "Hälsocentraler kust", "2024-04", -15.0), (HSN, "Hälsocentraler inland", "2024-04", -10.0),
    (HSN, "Folktandvården", "2024-04", 5.0), (HSN, "Hälso- och sjukvård gemensamt", "2024-04", 60.0),
    (RUN, "Kollektivtrafik", "2024-04", 4.0), (FOLK, "Nordanå folkhögskola", "2024-04", 0.5),
    (RS, RFG, "2024-08", -38.0), (RS, DOS, "2024-08", -62.0), (RS, PVB, "2024-08", 18.0),
    (RS, TVB, "2024-08", 7.0), (RS, "Ekonomistab", "2024-08", -1.5), (RS, "HR stab", "2024-08", -1.0),
    (RS, "Smittskydd", "2024-08", -0.5),
    (HSN, "Nordanå sjukhus", "2024-08", -420.0), (HSN, "Norrviks lasarett", "2024-08", -125.0),
    (HSN, "Fjällby lasarett", "2024-08", -80.0), (HSN, "Vuxenpsykiatri", "2024-08", -55.0),
    (HSN, "Barn- och ungdomspsykiatri", "2024-08", -8.0), (HSN, "Hälsocentraler kust", "2024-08", -22.0),
    (HSN, "Hälsocentraler inland", "2024-08", -14.0), (HSN, "Folktandvården", "2024-08", 4.0),
    (HSN, "Hälso- och sjukvård gemensamt", "2024-08", 55.0),
    (RUN, "Kollektivtrafik", "2024-08", 6.0), (RUN, "Kultur", "2024-08", 1.0),
    (FOLK, "Nordanå folkhögskola", "2024-08", 1.0), (FOLK, "Fjällby folkhögskola", "2024-08", 0.5),
    (REV, "Revisionskontoret", "2024-08", 0.5),
    (RS, RFG, "2024-09", -50.0), (RS, DOS, "2024-09", -85.0), (RS, "Regionledning", "2024-09", 1.0),
    (RS, "Ledningsstaben", "2024-09", 1.5), (RS, "Företagshälsan", "2024-09", 0.5),
    (RS, "HR stab", "2024-09", -0.5), (RS, "Kommunikationsstab", "2024-09", -0.5),
    (RS, "Ekonomistab", "2024-09", 1.0), (RS, "Smittskydd", "2024-09", -2.0), (RS, PVB, "2024-09", 22.0),
    (RS, TVB, "2024-09", 8.0),
    (HSN, "Nordanå sjukhus", "2024-09", -450.0), (HSN, "Norrviks lasarett", "2024-09", -135.0),
    (HSN, "Fjällby lasarett", "2024-09", -85.0), (HSN, "Vuxenpsykiatri", "2024-09", -60.0),
    (HSN, "Barn- och ungdomspsykiatri", "2024-09", -10.0), (HSN, "Hälsocentraler kust", "2024-09", -25.0),
    (HSN, "Hälsocentraler inland", "2024-09", -15.0), (HSN, "Folktandvården", "2024-09", 3.0),
    (HSN, "Hälso- och sjukvård gemensamt", "2024-09", 50.0),
    (RUN, "Kollektivtrafik", "2024-09", 6.5), (RUN, "Kultur", "2024-09", 1.0),
    (FOLK, "Nordanå folkhögskola", "2024-09", 1.5), (FOLK, "Fjällby folkhögskola", "2024-09", 0.8),
    (PAT, "Patientnämndens kansli", "2024-09", 0.2), (REV, "Revisionskontoret", "2024-09", 0.6),
)

# Investeringar per investeringsområde (Mkr, tre decimaler): (period, område, utfall ack, prognos, årsbudget).
# 2024-10 ger månadsrapportens tabell: Totalt 635 / 937 / 930 och prognosavvikelse (årsbudget - prognos) -7.
INVESTERINGSOMRADEN = ("Fastighet", "MT", "IT", "Hjälpmedel", "Verksamhetsservice", "Regional utveckling")
INVESTERINGAR: dict[str, tuple[tuple[float, float, float], ...]] = {
    "2021-04": ((118.412, 515.0, 520.0), (31.25, 150.0, 150.0), (12.804, 55.0, 60.0), (9.118, 28.0, 28.0),
                (0.611, 5.0, 5.0), (0.0, 2.0, 2.0)),
    "2021-08": ((298.73, 505.0, 520.0), (81.446, 146.0, 150.0), (30.118, 52.0, 60.0), (18.902, 28.0, 28.0),
                (2.044, 4.5, 5.0), (0.35, 1.5, 2.0)),
    "2024-08": ((389.276, 675.0, 648.0), (63.884, 170.0, 175.0), (22.611, 52.0, 70.0), (21.508, 32.0, 32.0),
                (0.0, 4.0, 4.0), (0.412, 1.0, 1.0)),
    "2024-09": ((441.53, 690.0, 648.0), (74.118, 165.0, 175.0), (25.902, 45.0, 70.0), (24.315, 32.0, 32.0),
                (0.268, 4.0, 4.0), (0.54, 1.0, 1.0)),
    "2024-10": ((493.874, 697.842, 648.0), (83.927, 160.31, 175.0), (29.384, 42.15, 70.0), (27.106, 32.0, 32.0),
                (0.268, 4.0, 4.0), (0.712, 1.0, 1.0)),
}
# Publicerat per oktober 2024: område -> (utfall, prognos, årsbudget, prognosavvikelse); sista raden Totalt.
INVESTERINGAR_PUBLICERAT = (
    ("Fastighet", 494, 698, 648, -50), ("MT", 84, 160, 175, 15), ("IT", 29, 42, 70, 28),
    ("Hjälpmedel", 27, 32, 32, 0), ("Verksamhetsservice", 0, 4, 4, 0), ("Regional utveckling", 1, 1, 1, 0),
    ("Totalt", 635, 937, 930, -7),
)


# Realisationsvinst i maj 2024 (regionens balanskravsutredning): en fastighet såldes och vinsten bokades centralt på
# regionförvaltningen. Beloppet förs om från 3910 till 3972 på samma kostnadsställe och period, så att alla
# summor per kostnadsställe och kostnadsslag (båda ligger i Övriga intäkter) är oförändrade. 3910 hade där
# 2 555 956,46 kr, så kontot förblir en intäkt.
REALISATIONSVINST = ("202405", "10102", 2_345_000 * ORE_PER_KR)  # (period, kostnadsställe, ören)


def boka_realisationsvinst(utfall: Utfall) -> None:
    period, kod, ore = REALISATIONSVINST
    fran, till = (period, kod, "3910"), (period, kod, "3972")
    if utfall.get(fran, 0) <= ore:
        raise ValueError(f"realisationsvinsten är större än 3910 på {kod} {period}")
    utfall[fran] -= ore
    utfall[till] = utfall.get(till, 0) + ore


def kontrollera_prognoser() -> None:
    """Prognosraderna pekar på delområden som finns; regionstyrelsens september-summa är den publicerade."""
    fran_2023 = {(e[5], e[3]) for e in organisationsrader(bygg_organisation()) if e[7] == ""}
    for namnd, delomrade, period, _ in PROGNOSER_2024:
        if (namnd, delomrade) not in fran_2023:
            raise ValueError(f"prognos {period}: {namnd}/{delomrade} finns inte i 2024 års organisation")
    summa = sum(Fraction(v) for n, _, p, v in PROGNOSER_2024 if n == RS and p == "2024-09")
    if summa != Fraction(PROGNOS_RS_SEPTEMBER) or any(p == "2024-10" for *_, p, _ in PROGNOSER_2024):
        raise ValueError(f"regionstyrelsens prognos per september: {float(summa)}")


def skriv_investeringar(ut: Path) -> None:
    def mkr(v: float) -> Fraction:
        return Fraction(round(v * 1000), 1000)

    okt = INVESTERINGAR["2024-10"]
    delar = [(mkr(u), mkr(p), mkr(b), mkr(b) - mkr(p)) for u, p, b in okt]
    delar.append(tuple(sum((d[i] for d in delar), Fraction(0)) for i in range(4)))
    for (namn, *pub), varden in zip(INVESTERINGAR_PUBLICERAT, delar, strict=True):
        if [avrunda(v, 0) for v in varden] != [Fraction(x) for x in pub]:
            raise ValueError(f"investeringar 2024-10 {namn}: {[float(v) for v in varden]} mot {pub}")
    rader = [("period", "investeringsomrade", "utfall_ack", "prognos", "arsbudget")]
    for period, varden in INVESTERINGAR.items():
        for omrade, (u, p, b) in zip(INVESTERINGSOMRADEN, varden, strict=True):
            rader.append((period, omrade, _decimal(u, 3), _decimal(p, 3), _decimal(b, 3)))
    _skriv_text(ut, "investeringar.csv", _csv(rader))


# ---------------------------------------------------------------------------------------------------------
# Personal: månadsavlönade, tillsvidareanställda, ordinarie och sjukfrånvarotimmar per nämnd, kön och
# åldersgrupp, 2020-01..2024-12. Timmar i tiondelar internt.
# ---------------------------------------------------------------------------------------------------------

PERSONAL_AR = range(2020, 2025)
ALDERSGRUPPER = ("<30", "30-49", "50-")
# Genomsnittligt antal månadsavlönade per år och andel män.
PERSONAL_BAS: dict[str, tuple[tuple[int, ...], float]] = {
    RS: ((1125, 1114, 1128, 1140, 1168), 0.434), HSN: ((9050, 9160, 9310, 9470, 9700), 0.205),
    RUN: ((134, 131, 128, 126, 121), 0.45), FOLK: ((45, 46, 47, 48, 51), 0.40),
    PAT: ((6, 6, 6, 6, 7), 0.30), REV: ((8, 8, 9, 9, 9), 0.50),
}
ALDERSANDEL = (0.12, 0.49, 0.39)
TILLSVIDAREANDEL = {"<30": 0.74, "30-49": 0.935, "50-": 0.965}
SJUK_BAS = {("K", RS): 4.9, ("M", RS): 2.7, ("K", HSN): 6.6, ("M", HSN): 4.0}  # procent, övriga: RS:s
SJUK_ALDER = {"<30": 0.9, "30-49": 1.0, "50-": 1.12}
SJUK_SASONG = (1.22, 1.2, 1.12, 1.0, 0.92, 0.85, 0.7, 0.78, 0.95, 1.02, 1.1, 1.15)
SJUK_AR = {2020: 1.15, 2021: 1.08, 2022: 1.05, 2023: 1.0, 2024: 0.98}
SYSSELSATTNING = {"K": 0.92, "M": 0.96}
# Publicerat (delårsrapport RS april 2021): genomsnitt jan-apr 2021 1 114 månadsavlönade (män 483, kvinnor
# 631), 1 028 tillsvidare (452/576), 11 färre än jan-apr 2020; sjukfrånvaro mars 2021 5,8 % (kvinnor 6,0 %,
# män 3,3 %). Månadsrapporten oktober 2024: anställda i augusti per nämnd 2024 och 2023 (regionen
# 11 092 resp. 10 814, HSN 9 727 (+245), regionförvaltningen 1 177 (+33), regional utveckling -5).
PERSONAL_RS_2021 = {"anstallda": {"M": 483, "K": 631}, "tillsvidare": {"M": 452, "K": 576}, "fg_totalt": 1125}
# Mars 2021: de tre publicerade procenttalen går bara ihop om männens ordinarie timmar är en liten del av
# summan (se kontrollera_personal); valda värden inom avrundningsintervallen.
SJUK_RS_MARS_2021 = {"K": Fraction(604, 10000), "M": Fraction(334, 10000), "totalt": Fraction(576, 10000)}
PERSONAL_AUGUSTI = {2023: {RS: 1144, HSN: 9482, RUN: 125, FOLK: 48, PAT: 6, REV: 9},
                    2024: {RS: 1177, HSN: 9727, RUN: 120, FOLK: 52, PAT: 7, REV: 9}}


@dataclass
class Personalrad:
    anstallda: int
    tillsvidare: int
    ordinarie: int  # tiondels timmar
    sjuk: int  # tiondels timmar
    utan_sjuk: int


def _manadstotal(namnd: str, ar: int) -> list[int]:
    """Antal månadsavlönade per månad (alla grupper) med sommarvikariat och lite brus."""
    rng = rng_for("personal-antal", namnd, ar)
    bas = PERSONAL_BAS[namnd][0][ar - PERSONAL_AR[0]]
    sommar = (1.0, 1.0, 1.0, 1.0, 1.0, 1.015, 1.025, 1.01, 1.0, 1.0, 1.0, 0.995)
    tot = [round(bas * s * rng.uniform(0.997, 1.003)) for s in sommar]
    if namnd == RS and ar == 2020:  # jan-apr 2020: publicerat 11 fler än 2021 i genomsnitt
        tot[:4] = fordela(4 * PERSONAL_RS_2021["fg_totalt"], tot[:4])
    if ar in PERSONAL_AUGUSTI:
        tot[7] = PERSONAL_AUGUSTI[ar][namnd]
    return tot


def _dela_kon(namnd: str, ar: int, tot: list[int]) -> dict[str, list[int]]:
    andel_m = PERSONAL_BAS[namnd][1]
    man = [round(t * andel_m) for t in tot]
    if namnd == RS and ar == 2021:
        mal = PERSONAL_RS_2021["anstallda"]
        man[:4] = fordela(4 * mal["M"], tot[:4])
        kvinnor = fordela(4 * mal["K"], tot[:4])
        tot[:4] = [m + k for m, k in zip(man[:4], kvinnor, strict=True)]
    return {"M": man, "K": [t - m for t, m in zip(tot, man, strict=True)]}


def generera_personal() -> dict[tuple[str, str, str, str], Personalrad]:
    """(period ÅÅÅÅ-MM, nämnd, kön, åldersgrupp) -> rad."""
    ut: dict[tuple[str, str, str, str], Personalrad] = {}
    for namnd in PERSONAL_BAS:
        for ar in PERSONAL_AR:
            rng = rng_for("personal", namnd, ar)
            per_kon = _dela_kon(namnd, ar, _manadstotal(namnd, ar))
            alder_andel = [a * rng.uniform(0.9, 1.1) for a in ALDERSANDEL]
            for kon, antal in per_kon.items():
                # Tillsvidare per kön och månad; RS jan-apr 2021 ger det publicerade genomsnittet.
                tv_andel = sum(a * TILLSVIDAREANDEL[g] for a, g in zip(alder_andel, ALDERSGRUPPER, strict=True)) \
                    / sum(alder_andel)
                tillsvidare = [round(n * tv_andel * rng.uniform(0.995, 1.005)) for n in antal]
                if namnd == RS and ar == 2021:
                    tillsvidare[:4] = fordela(4 * PERSONAL_RS_2021["tillsvidare"][kon], antal[:4])
                utan_andel = 1.0
                for m in range(1, 13):
                    period = f"{ar}-{m:02d}"
                    grupper = fordela(antal[m - 1], alder_andel)
                    tv = fordela(tillsvidare[m - 1], [g * TILLSVIDAREANDEL[a] for g, a
                                                       in zip(grupper, ALDERSGRUPPER, strict=True)])
                    sjuk_pct = SJUK_BAS.get((kon, namnd), SJUK_BAS[kon, RS]) * SJUK_AR[ar] * SJUK_SASONG[m - 1]
                    if ar == 2020 and m in (3, 4, 5):
                        sjuk_pct *= 1.45  # pandemins första våg
                    utan_andel *= 0.86 if m == 1 else rng.uniform(0.91, 0.95)
                    for g, n, t in zip(ALDERSGRUPPER, grupper, tv, strict=True):
                        dagar = 21 + (m in (1, 3, 5, 8, 10)) - (m in (6, 12)) - 2 * (m == 7)
                        ordinarie = round(n * dagar * 8 * SYSSELSATTNING[kon] * rng.uniform(0.98, 1.02) * 10)
                        sjuk = round(ordinarie * sjuk_pct / 100 * SJUK_ALDER[g] * rng.uniform(0.9, 1.1))
                        utan = min(n, round(n * utan_andel / SJUK_ALDER[g] ** 2))
                        ut[period, namnd, kon, g] = Personalrad(n, min(t, n), ordinarie, sjuk, utan)
    _sjuk_rs_mars_2021(ut)
    kontrollera_personal(ut)
    return ut


def _sjuk_rs_mars_2021(ut: dict[tuple[str, str, str, str], Personalrad]) -> None:
    """Regionstyrelsen mars 2021: sjukfrånvaro kvinnor, män och totalt som publicerat. Männens ordinarie
    timmar sätts så att totalen blir rätt: andel = (K - totalt) / (K - M)."""
    p = SJUK_RS_MARS_2021
    andel_m = (p["K"] - p["totalt"]) / (p["K"] - p["M"])
    rader = {kon: [ut["2021-03", RS, kon, g] for g in ALDERSGRUPPER] for kon in ("K", "M")}
    ord_k = sum(r.ordinarie for r in rader["K"])
    ord_m = round(ord_k * andel_m / (1 - andel_m))
    for r, v in zip(rader["M"], fordela(ord_m, [r.ordinarie for r in rader["M"]]), strict=True):
        r.ordinarie = v
    for kon in ("K", "M"):
        summa_ord = sum(r.ordinarie for r in rader[kon])
        sjuk = round(summa_ord * p[kon])
        for r, v in zip(rader[kon], fordela(sjuk, [r.sjuk for r in rader[kon]]), strict=True):
            r.sjuk = v


def kontrollera_personal(ut: dict[tuple[str, str, str, str], Personalrad]) -> None:
    def summa(falt: str, namnd: str, perioder: Sequence[str], kon: str | None = None) -> int:
        return sum(getattr(r, falt) for (p, n, k, _), r in ut.items()
                   if n == namnd and p in perioder and (kon is None or k == kon))

    jan_apr = [f"2021-{m:02d}" for m in range(1, 5)]
    for kon in ("M", "K"):
        if summa("anstallda", RS, jan_apr, kon) != 4 * PERSONAL_RS_2021["anstallda"][kon]:
            raise ValueError(f"RS anställda jan-apr 2021 {kon}")
        if summa("tillsvidare", RS, jan_apr, kon) != 4 * PERSONAL_RS_2021["tillsvidare"][kon]:
            raise ValueError(f"RS tillsvidare jan-apr 2021 {kon}")
    if summa("anstallda", RS, [f"2020-{m:02d}" for m in range(1, 5)]) != 4 * PERSONAL_RS_2021["fg_totalt"]:
        raise ValueError("RS anställda jan-apr 2020")
    for kon, pub in (("K", Fraction(60, 10)), ("M", Fraction(33, 10)), (None, Fraction(58, 10))):
        pct = Fraction(summa("sjuk", RS, ["2021-03"], kon) * 100, summa("ordinarie", RS, ["2021-03"], kon))
        if avrunda(pct, 1) != pub:
            raise ValueError(f"RS sjukfrånvaro mars 2021 {kon}: {float(pct)}")
    for ar, per_namnd in PERSONAL_AUGUSTI.items():
        for namnd, antal in per_namnd.items():
            if summa("anstallda", namnd, [f"{ar}-08"]) != antal:
                raise ValueError(f"anställda augusti {ar} {namnd}")
    for r in ut.values():
        if not (0 <= r.tillsvidare <= r.anstallda and 0 <= r.utan_sjuk <= r.anstallda and r.sjuk <= r.ordinarie):
            raise ValueError(f"orimlig personalrad {r}")


def skriv_personal(ut: Path) -> None:
    personal = generera_personal()
    rader = [("period", "namnd", "kon", "aldersgrupp", "anstallda", "tillsvidareanstallda", "ordinarie_timmar",
              "sjuk_timmar", "utan_sjukfranvaro")]
    for (period, namnd, kon, g), r in sorted(personal.items(), key=lambda x: (x[0][0], [n for n, *_ in NAMNDER].index(
            x[0][1]), x[0][2], ALDERSGRUPPER.index(x[0][3]))):
        rader.append((period, namnd, kon, g, r.anstallda, r.tillsvidare, _decimal(r.ordinarie / 10, 1),
                      _decimal(r.sjuk / 10, 1), r.utan_sjuk))
    _skriv_text(ut, "personal.csv", _csv(rader))


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

def _skriv_text(ut: Path, namn: str, text: str, kodning: str = "utf-8") -> None:
    (ut / namn).write_bytes(text.encode(kodning))


def _csv(rader: Sequence[Sequence[object]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerows(rader)
    return buf.getvalue()


def _decimal(varde: float, decimaler: int) -> str:
    return f"{varde:.{decimaler}f}".replace(".", ",")


def organisationsrader(organisation: list[Enhet]) -> list[tuple[str, ...]]:
    """Hierarkin med giltighet. Ett kostnadsställe vars placering ändrades 2023 har en rad t.o.m. 2022-12 och
    en från 2023-01 (samma kod). Radordningen ger delområdenas ordning vid varje period: 2021 som
    delårsrapporten, 2024 som månadsrapportens resultatrapport."""
    gamla, nya, oforandrade = [], [], []
    for e in organisation:
        bas = (e.kod, e.namn, e.basenhet.namn)
        nytt = ny_placering(e)
        if nytt == (e.delomrade.namn, e.delomrade.omrade):
            oforandrade.append((*bas, *nytt, e.delomrade.namnd, "", ""))
        else:
            gamla.append((*bas, e.delomrade.namn, e.delomrade.omrade, e.delomrade.namnd, "", OMORGANISATION_TILL))
            nya.append((*bas, *nytt, e.delomrade.namnd, OMORGANISATION_FRAN, ""))
    fin = [(e.kod, e.namn, e.basenhet.namn, FINANS, FINANS, RS, OMORGANISATION_FRAN, "")
           for e in finans_enheter(organisation)]
    rs_nya = {d: [r for r in nya if r[3] == d] for d in FRO_NY_RS}
    rader: list[tuple[str, ...]] = []
    for r in sorted(oforandrade + gamla):
        if r[5] != RS:
            continue
        if r[3] == PVB and r[6] == "" and not any(x[3] == PVB for x in rader):
            # De nya delområdena (utom de oförändrade) före primärvården, i resultatrapportens ordning.
            for nya_d in rs_nya.values():
                rader += sorted(nya_d)
        rader.append(r)
    rader += fin
    rader += sorted(r for r in oforandrade if r[5] != RS)
    return rader


def skriv_organisation(ut: Path, organisation: list[Enhet]) -> None:
    rader = [("enhet", "enhetsnamn", "basenhet", "delomrade", "omrade", "namnd", "giltig_fran", "giltig_till")]
    rader += organisationsrader(organisation)
    _skriv_text(ut, "organisation.csv", _csv(rader))
    _skriv_text(ut, "namnder.csv", _csv([("id", "namn"), *((nid, namn) for nid, namn, _ in NAMNDER)]))


def skriv_kontoplan(ut: Path, anvanda: set[str]) -> None:
    rader = [("konto", "benamning"), *sorted((k.konto, k.benamning) for k in KONTOPLAN if k.konto in anvanda)]
    _skriv_text(ut, "kontoplan.csv", _csv(rader))


def skriv_huvudbok(ut: Path, utfall: Utfall, ar: int) -> None:
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
    df.write_parquet(ut / f"huvudbok_utfall_{ar}.parquet", compression="zstd", compression_level=9,
                     statistics=True, row_group_size=1_000_000)


def _tkr(kronor: int) -> str:
    """Heltal kronor som tkr med exakt tre decimaler och decimalkomma (ingen flyttalsavrundning)."""
    tecken_ = "-" if kronor < 0 else ""
    return f"{tecken_}{abs(kronor) // 1000},{abs(kronor) % 1000:03d}"


def skriv_budget(ut: Path, budget: Budget, ar: int) -> None:
    # Exportens konvention: debet positivt, dvs. kostnader positiva och intäkter negativa.
    rader = [("Månad", "Ansvar", "Konto", "Belopp tkr")]
    for (period, kod, konto), v in sorted(budget.items()):
        if v == 0 or not period.startswith(str(ar)):
            continue
        a, m = int(period[:4]), int(period[4:])
        datum = f"{a}-{m:02d}-{calendar.monthrange(a, m)[1]:02d}"
        rader.append((datum, kod, konto, _tkr(-v)))
    _skriv_text(ut, f"budget_{ar}.csv", _csv(rader), "cp1252")


def skriv_prognos(ut: Path, filnamn: str, prognoser: Sequence[tuple[str, str, str, float]], skapad: datetime
                  ) -> None:
    wb = xlsxwriter.Workbook(str(ut / filnamn))
    # Fasta dokumentegenskaper: annars skrivs aktuell tid in och filen blir olika vid varje körning.
    wb.set_properties({"title": "Prognos", "author": "Region Nordanå", "created": skapad})
    ws = wb.add_worksheet("Prognos")
    for j, rubrik in enumerate(("Nämnd", "Delområde", "Period", "Prognos avvikelse mkr")):
        ws.write_string(0, j, rubrik)
    ordnade = sorted(prognoser, key=lambda r: (r[2], r[0], r[1]))
    for i, (namnd, delomrade, period, mkr) in enumerate(ordnade, 1):
        ws.write_string(i, 0, namnd)
        ws.write_string(i, 1, delomrade)
        ws.write_string(i, 2, period)
        ws.write_number(i, 3, mkr)
    wb.close()


def skriv_atgarder(ut: Path) -> None:
    rader = [("namnd", "enhet", "atgard", "period", "plan_helar_mkr", "plan_ack_mkr", "effekt_ack_mkr")]
    for namnd, enhet, atgard, period, helar, plan, effekt in ATGARDER:
        rader.append((namnd, enhet, atgard, period, *(_decimal(v, 3) for v in (helar, plan, effekt))))
    _skriv_text(ut, "atgarder.csv", _csv(rader))


def skriv_budgetomfordelningar(ut: Path) -> None:
    rader = [("period", "namnd", "grupp", "text", "belopp_mkr")]
    rader += [(p, n, g, t, _decimal(b, 3)) for p, n, g, t, b in BUDGETOMFORDELNINGAR]
    _skriv_text(ut, "budgetomfordelningar.csv", _csv(rader))


# ---------------------------------------------------------------------------------------------------------

def generera(ut: Path = KATALOG) -> None:
    """Skriv alla genererade filer i katalogen ut (skapas om den saknas)."""
    ut.mkdir(parents=True, exist_ok=True)
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
    for manadsmal in PUBLICERAT_MANAD.values():
        generera_manadsar(manadsmal, organisation, utfall, budget)
    boka_realisationsvinst(utfall)
    kontoplan = {k[2] for k in utfall} | {k[2] for k in budget}
    brygga_utfall, brygga_budget = generera_brygga(organisation, utfall, budget)
    kontrollera_brygga(organisation, utfall, budget, brygga_utfall, brygga_budget, kontoplan)
    utfall.update(brygga_utfall)
    budget.update(brygga_budget)
    skriv_organisation(ut, organisation)
    skriv_kontoplan(ut, kontoplan)
    for ar in sorted({int(k[0][:4]) for k in utfall}):
        skriv_huvudbok(ut, utfall, ar)
    for ar in sorted({int(k[0][:4]) for k in budget}):
        skriv_budget(ut, budget, ar)
    skriv_prognos(ut, "prognos_2021.xlsx", PROGNOSER, datetime(2021, 9, 15))
    kontrollera_prognoser()
    skriv_prognos(ut, "prognos_2024.xlsx", PROGNOSER_2024, datetime(2024, 10, 15))
    skriv_investeringar(ut)
    skriv_personal(ut)
    skriv_atgarder(ut)
    skriv_budgetomfordelningar(ut)
    # Regionens delårsrapport: balanshuvudbok, regionens prognos och mål (läser filerna ovan).
    from generera_region import generera_region

    generera_region(ut)
    for fil in sorted(ut.iterdir()):
        if fil.suffix in (".csv", ".parquet", ".xlsx"):
            summa = hashlib.sha256(fil.read_bytes()).hexdigest()[:16]
            print(f"{fil.name:32} {fil.stat().st_size:>9} byte  sha256 {summa}")


def main(argv: Sequence[str]) -> None:
    tolk = argparse.ArgumentParser(prog="generera.py", description="Skapa exempelregionens data på nytt.")
    tolk.add_argument("--ut", type=Path, default=KATALOG, metavar="KATALOG",
                      help="katalog att skriva filerna i (standard: exempeldata/)")
    tolk.add_argument("--foresla-mal", type=int, metavar="ÅR",
                      help="lös målproblemet för ett år (kräver scipy) och skriv ut förslaget i stället")
    args = tolk.parse_args(argv)
    if args.foresla_mal is not None:
        print(foresla_mal(args.foresla_mal))
        return
    generera(args.ut)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
