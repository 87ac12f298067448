"""De publicerade siffrorna som testerna med kända svar väntar sig, ur exempeldata/publicerat.yaml.

Samma fil är generatorns mål (exempeldata/generator), så siffrorna står på ett ställe. Filen har talen som
rapporten trycker dem, med vanligt minustecken och mellanslag mellan tusental; rapportverk trycker aldrig "-0"
(ett litet negativt tal blir "0"). Funktionerna här gör om dem till det som rapportverk skriver i olika former.
"""

from pathlib import Path

import yaml

PUBLICERAT = yaml.safe_load((Path(__file__).resolve().parents[1] / "exempeldata" / "publicerat.yaml")
                            .read_text(encoding="utf-8"))
DELARSRAPPORT_2021 = PUBLICERAT["delarsrapport"][2021]
MANADSRAPPORT_2024 = PUBLICERAT["manadsrapport"][2024]

MINUS = "\u2212"
NBSP = "\u00a0"


def tryckt(text: str) -> str:
    """Som rapportverk trycker talet (med vanligt minustecken och mellanslag): "-0" blir "0"."""
    return "0" if text == "-0" else text


def publicerad_tabell(rapport: dict, namn: str) -> dict[str, list[str]]:
    """En publicerad tabell: radetikett -> cellerna som rapportverk trycker dem."""
    return {etikett: [tryckt(v) for v in varden] for etikett, varden in rapport[namn].items()}


def med_minustecken(text: str) -> str:
    """Med rapportens minustecken (U+2212), som i PDF-texten."""
    return tryckt(text).replace("-", MINUS)


def textrad(rapport: dict, namn: str, etikett: str) -> str:
    """Tabellraden som den står i PDF:ens text (pdftotext, hårda mellanslag som vanliga)."""
    return " ".join([etikett, *(med_minustecken(v) for v in rapport[namn][etikett])])


def docxceller(rapport: dict, namn: str, etikett: str) -> list[str]:
    """Tabellraden som cellerna i DOCX:en: minustecken och hårt mellanslag mellan tusental."""
    return [etikett, *(med_minustecken(v).replace(" ", NBSP) for v in rapport[namn][etikett])]
