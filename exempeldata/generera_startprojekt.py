"""Exempeldata till startprojektet som `rapport ny` skriver (src/rapportverk/startprojekt/data/).

Kör:  .venv/bin/python exempeldata/generera_startprojekt.py [--ut KATALOG]

Påhittade, runda belopp utan slump, så att varje siffra i startprojektets rapporter går att räkna för hand
(testerna i tests/test_nytt_projekt.py gör det). Varje konto på ett kostnadsställe har ett grundbelopp per
månad; lönerna (konto 5010) är hälften så stora i juli (semester) och intäkter och övriga kostnader följer en
månadsprofil (PROFIL) som summerar till 8 för januari–augusti och är 1 för oktober. Filerna har samma form som vanliga
exporter från ett ekonomisystem, så att en controller ser vad hennes egna exporter ska ersätta:

- huvudbok_ÅÅÅÅ.csv: Period (ÅÅÅÅMM); Ansvar; Konto; Belopp i kronor, debet positivt (kostnader positiva,
  intäkter negativa). 2023 hela året, 2024 januari–oktober.
- budget_2024.csv: Period (ÅÅÅÅ-MM); Ansvar; Konto; Belopp i tkr, kostnader positiva, hela året.
- prognos_2024.csv, personal.csv, investeringar.csv, organisation.csv: se startprojektets README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path

UT = Path(__file__).resolve().parents[1] / "src" / "rapportverk" / "startprojekt" / "data"

# Kostnadsställe, namn, område, nämnd.
ORGANISATION = [
    ("1100", "Regiondirektörens stab", "Regionledning", "regionstyrelsen"),
    ("1110", "Ekonomi och HR", "Regionledning", "regionstyrelsen"),
    ("1200", "Fastighet", "Service och fastighet", "regionstyrelsen"),
    ("1210", "Service", "Service och fastighet", "regionstyrelsen"),
    ("2100", "Vårdcentral Norr", "Primärvård", "halso_och_sjukvardsnamnden"),
    ("2110", "Vårdcentral Söder", "Primärvård", "halso_och_sjukvardsnamnden"),
    ("2200", "Medicinkliniken", "Specialiserad vård", "halso_och_sjukvardsnamnden"),
    ("2210", "Kirurgkliniken", "Specialiserad vård", "halso_och_sjukvardsnamnden"),
    ("3100", "Kollektivtrafik", "Kollektivtrafik", "regionala_utvecklingsnamnden"),
    ("3200", "Kultur och bildning", "Kultur och bildning", "regionala_utvecklingsnamnden"),
]

# Kronor per månad som i ekonomisystemet: kostnad positiv, intäkt negativ.
# Kostnadsställe → konto → (utfall 2023, utfall 2024, budget 2024).
BELOPP: dict[str, dict[str, tuple[int, int, int]]] = {
    "1100": {"5010": (950_000, 1_000_000, 1_000_000), "5510": (190_000, 200_000, 200_000),
             "6010": (150_000, 150_000, 150_000), "7120": (40_000, 30_000, 25_000)},
    "1110": {"5010": (1_500_000, 1_600_000, 1_500_000), "5510": (280_000, 300_000, 300_000),
             "6010": (150_000, 150_000, 150_000), "7120": (30_000, 20_000, 25_000)},
    "1200": {"3510": (-1_900_000, -2_000_000, -2_000_000), "5010": (780_000, 800_000, 800_000),
             "5510": (140_000, 150_000, 150_000), "6010": (2_300_000, 2_500_000, 2_300_000),
             "7810": (950_000, 1_000_000, 1_000_000)},
    "1210": {"3510": (-500_000, -500_000, -600_000), "5010": (1_150_000, 1_200_000, 1_200_000),
             "5510": (190_000, 200_000, 200_000), "6010": (100_000, 100_000, 100_000),
             "7120": (15_000, 10_000, 10_000)},
    "2100": {"3010": (-380_000, -400_000, -400_000), "4510": (550_000, 600_000, 550_000),
             "5010": (3_800_000, 4_000_000, 3_900_000), "5510": (660_000, 700_000, 700_000),
             "6010": (300_000, 300_000, 300_000)},
    "2110": {"3010": (-340_000, -350_000, -350_000), "4510": (480_000, 500_000, 500_000),
             "5010": (3_300_000, 3_500_000, 3_500_000), "5510": (570_000, 600_000, 600_000),
             "6010": (250_000, 250_000, 250_000)},
    "2200": {"3010": (-290_000, -300_000, -300_000), "4010": (1_300_000, 1_500_000, 1_200_000),
             "4510": (3_600_000, 4_000_000, 3_800_000), "5010": (11_200_000, 12_000_000, 11_500_000),
             "5510": (1_900_000, 2_000_000, 2_000_000), "6010": (1_000_000, 1_000_000, 1_000_000)},
    "2210": {"3010": (-250_000, -250_000, -250_000), "4010": (900_000, 800_000, 800_000),
             "4510": (1_400_000, 1_500_000, 1_500_000), "5010": (9_500_000, 10_000_000, 10_000_000),
             "5510": (1_600_000, 1_700_000, 1_700_000), "6010": (900_000, 900_000, 900_000)},
    "3100": {"3510": (-2_300_000, -2_500_000, -2_600_000), "4010": (7_600_000, 8_000_000, 7_800_000),
             "5010": (580_000, 600_000, 600_000), "5510": (95_000, 100_000, 100_000)},
    "3200": {"3510": (-300_000, -300_000, -300_000), "4010": (1_500_000, 1_450_000, 1_500_000),
             "5010": (850_000, 900_000, 900_000), "5510": (140_000, 150_000, 150_000),
             "6010": (200_000, 200_000, 200_000)},
}
UTFALL_MANADER = {2023: 12, 2024: 10}  # 2024 är bokfört t.o.m. oktober


# Månadsprofil för det som varierar över året (intäkter, köpt vård, läkemedel, lokaler, resor). Den är vald så
# att januari–augusti summerar till 8, september och oktober är 1 och hela året 12: summorna t.o.m. augusti och
# oktober blir desamma som med lika belopp varje månad, vilket gör dem lätta att räkna för hand.
PROFIL = (1.10, 1.05, 1.00, 0.95, 0.90, 0.90, 0.95, 1.15, 1.00, 1.00, 1.05, 0.95)
JAMNA = {"5010", "5510", "7810"}  # löner, pensioner och avskrivningar följer inte profilen


def faktor(konto: str, manad: int) -> float:
    """Lönerna halveras i juli (semester); pensioner och avskrivningar är lika varje månad."""
    if konto == "5010":
        return 0.5 if manad == 7 else 1.0
    return 1.0 if konto in JAMNA else PROFIL[manad - 1]


def budgetfaktor(konto: str, manad: int) -> float:
    """Budgeten är jämnt fördelad på årets månader, utom lönerna som har halva beloppet i juli."""
    return 0.5 if konto == "5010" and manad == 7 else 1.0


# Prognos: avvikelse mot årsbudget i Mkr per område (positivt = bättre än budget). Ett område utan rad
# bedöms hålla budget när nämnden har lämnat prognos för perioden.
PROGNOS = [
    ("2024-04", "halso_och_sjukvardsnamnden", "Specialiserad vård", "-8,0"),
    ("2024-08", "regionstyrelsen", "Regionledning", "-1,5"),
    ("2024-08", "regionstyrelsen", "Service och fastighet", "-2,5"),
    ("2024-08", "halso_och_sjukvardsnamnden", "Primärvård", "-2,0"),
    ("2024-08", "halso_och_sjukvardsnamnden", "Specialiserad vård", "-12,0"),
    ("2024-08", "regionala_utvecklingsnamnden", "Kollektivtrafik", "-3,5"),
    ("2024-10", "regionstyrelsen", "Regionledning", "-1,5"),
    ("2024-10", "regionstyrelsen", "Service och fastighet", "-3,0"),
    ("2024-10", "halso_och_sjukvardsnamnden", "Primärvård", "-2,0"),
    ("2024-10", "halso_och_sjukvardsnamnden", "Specialiserad vård", "-13,0"),
    ("2024-10", "regionala_utvecklingsnamnden", "Kollektivtrafik", "-3,5"),
]

# Investeringar (Mkr): utgift per månad, prognos och årsbudget för helåret.
INVESTERINGAR = [("Fastigheter", 4.0, 45.0, 50.0), ("Medicinteknik", 1.5, 18.0, 18.0), ("IT", 0.8, 11.0, 10.0)]

# Personal per nämnd, kön och åldersgrupp: månadsavlönade anställda 2024 (2023 = 2024 − förändring).
ANSTALLDA = {
    "regionstyrelsen": {"K": (30, 80, 60), "M": (20, 50, 40)},
    "halso_och_sjukvardsnamnden": {"K": (120, 420, 300), "M": (40, 110, 90)},
    "regionala_utvecklingsnamnden": {"K": (6, 20, 14), "M": (4, 12, 10)},
}
ALDERSGRUPPER = ("<30", "30-49", "50-")
FORANDRING = {"regionstyrelsen": 5, "halso_och_sjukvardsnamnden": -12, "regionala_utvecklingsnamnden": 1}
# Sjukfrånvaro i procent per månad för kvinnor (män 0,7 av det); 2024 0,3 procentenheter lägre än 2023.
SJUK = (7.0, 7.2, 6.4, 5.6, 5.0, 4.6, 3.6, 4.2, 5.0, 5.6, 6.2, 6.8)
TIMMAR_PER_ANSTALLD = 140


def _csv(rader: list[tuple[object, ...]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\n").writerows(rader)
    return buf.getvalue()


def _tal(tal: float, decimaler: int) -> str:
    return f"{tal:.{decimaler}f}".replace(".", ",")


def _skriv(ut: Path, namn: str, text: str) -> None:
    (ut / namn).write_text(text, encoding="utf-8")


def huvudbok(ar: int) -> str:
    index = 0 if ar == 2023 else 1
    rader: list[tuple[object, ...]] = [("Period", "Ansvar", "Konto", "Belopp")]
    for manad in range(1, UTFALL_MANADER[ar] + 1):
        for kst, konton in BELOPP.items():
            for konto, belopp in konton.items():
                rader.append((f"{ar}{manad:02d}", kst, konto, _tal(belopp[index] * faktor(konto, manad), 2)))
    return _csv(rader)


def budget() -> str:
    rader: list[tuple[object, ...]] = [("Period", "Ansvar", "Konto", "Belopp tkr")]
    for manad in range(1, 13):
        for kst, konton in BELOPP.items():
            for konto, belopp in konton.items():
                rader.append((f"2024-{manad:02d}", kst, konto, _tal(belopp[2] * budgetfaktor(konto, manad) / 1000, 3)))
    return _csv(rader)


def personal() -> str:
    rader: list[tuple[object, ...]] = [("period", "namnd", "kon", "aldersgrupp", "anstallda", "tillsvidareanstallda",
                                        "ordinarie_timmar", "sjuk_timmar", "utan_sjukfranvaro")]
    for ar, manader in UTFALL_MANADER.items():
        for manad in range(1, manader + 1):
            for namnd, per_kon in ANSTALLDA.items():
                for kon, antal in per_kon.items():
                    for i, (grupp, n) in enumerate(zip(ALDERSGRUPPER, antal, strict=True)):
                        # Förändringen mot föregående år ligger i den mellersta åldersgruppen, hos kvinnorna.
                        if ar == 2023 and kon == "K" and i == 1:
                            n -= FORANDRING[namnd]
                        timmar = n * TIMMAR_PER_ANSTALLD
                        procent = SJUK[manad - 1] * (1.0 if kon == "K" else 0.7) - (0.3 if ar == 2024 else 0.0)
                        # Andelen som inte varit sjuk någon dag i år sjunker under året.
                        utan = round(n * max(0.9 - 0.06 * manad, 0.25))
                        rader.append((f"{ar}-{manad:02d}", namnd, kon, grupp, n, round(n * 0.85), _tal(timmar, 2),
                                      _tal(timmar * procent / 100, 2), utan))
    return _csv(rader)


def investeringar() -> str:
    rader: list[tuple[object, ...]] = [("period", "investeringsomrade", "utfall_ack", "prognos", "arsbudget")]
    for manad in range(1, UTFALL_MANADER[2024] + 1):
        for omrade, per_manad, prognos, arsbudget in INVESTERINGAR:
            rader.append((f"2024-{manad:02d}", omrade, _tal(per_manad * manad, 3), _tal(prognos, 3),
                          _tal(arsbudget, 3)))
    return _csv(rader)


def skriv(ut: Path) -> None:
    """Alla startprojektets datafiler i katalogen ut."""
    ut.mkdir(parents=True, exist_ok=True)
    _skriv(ut, "organisation.csv", _csv([("enhet", "enhetsnamn", "omrade", "namnd"), *ORGANISATION]))
    for ar in UTFALL_MANADER:
        _skriv(ut, f"huvudbok_{ar}.csv", huvudbok(ar))
    _skriv(ut, "budget_2024.csv", budget())
    _skriv(ut, "prognos_2024.csv", _csv([("period", "namnd", "omrade", "prognos_avvikelse_mkr"), *PROGNOS]))
    _skriv(ut, "personal.csv", personal())
    _skriv(ut, "investeringar.csv", investeringar())


def main(argv: Sequence[str] = ()) -> None:
    tolk = argparse.ArgumentParser(prog="generera_startprojekt.py", description="Skapa startprojektets data på nytt.")
    tolk.add_argument("--ut", type=Path, metavar="KATALOG",
                      help="katalog att skriva filerna i (standard: src/rapportverk/startprojekt/data/)")
    args = tolk.parse_args(argv)
    skriv(args.ut or UT)


if __name__ == "__main__":
    main(sys.argv[1:])
