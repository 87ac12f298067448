"""Kontroll av tillgänglighet och arkivformat för PDF- och DOCX-filer, med svenska meddelanden.

Samma kontroller som CI kör på exempelrapporterna, som bibliotek: `granska(fil)` ger en `Granskning` med fynd och
en rad per delkontroll, `kontrollera(fil)` bara fynden, och `kor(filer)` skriver en svensk sammanfattning och ger
slutkoden (0 godkänd, 1 fel) för kommandot `rapport kontrollera`.

PDF: `page-validation` med profilen PDF/UA-1 och, om filen anger PDF/A, med den PDF/A-profil filen anger;
`pdfua` (den maskinkontrollerbara delen av PDF/UA-1). DOCX: läses med python-docx — alternativtext på varje bild,
rubrikstilar i ordning utan hoppade nivåer, rubrikrader som upprepas och tabellrubriker, dokumentspråk,
titel/ämne/författare, och inga tomma stycken som mellanrum.

Ingen av kontrollerna kan avgöra om en alternativtext säger rätt sak, om läsordningen är begriplig eller om
språket är klart: det står i `ATT_GRANSKA`, som sammanfattningen alltid avslutar med.
"""


from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rapportverk.kontroll.docx import granska_docx
from rapportverk.kontroll.fynd import Allvarlighet, Delkontroll, Fynd, Granskning
from rapportverk.kontroll.pdf import granska_pdf

ATT_GRANSKA = (
    "att varje alternativtext säger det som bilden visar och varför den finns där (att den finns kontrolleras, "
    "inte vad den säger)",
    "läsordningen på sidor med flera spalter, rutor, diagram bredvid text eller liggande tabeller",
    "att texten är klarspråk: begripliga rubriker, korta meningar, förklarade förkortningar och länktexter som går "
    "att förstå utan sitt sammanhang",
    "att färg aldrig ensam bär information (diagram, markeringar) och att tabellernas rubriker beskriver kolumnerna",
    "att ändringar som gjorts för hand i Word eller i PDF:en inte tagit bort taggar, bildtexter eller rubrikstilar",
)


def kontrollera(fil: Path) -> list[Fynd]:
    """Fynden för en PDF- eller DOCX-fil (tom lista: inget som maskinerna hittar)."""
    return list(granska(fil).fynd)


def granska(fil: Path) -> Granskning:
    fil = Path(fil)
    if not fil.is_file():
        return Granskning(fil, "okänt", fynd=(Fynd("fel", "fil", "FIL-SAKNAS", "filen finns inte"),))
    slag = fil.suffix.lower()
    if slag == ".pdf":
        return granska_pdf(fil)
    if slag == ".docx":
        return granska_docx(fil)
    return Granskning(fil, "okänt", fynd=(Fynd("fel", "fil", "FIL-FORMAT", f"okänt filformat '{fil.suffix}': "
                                                "kontrollerar bara .pdf och .docx"),))


# --- PDF ---------------------------------------------------------------------------------------------------
def sammanfattning(granskningar: list[Granskning]) -> list[str]:
    """Raderna som `rapport kontrollera` skriver."""
    rader: list[str] = []
    for g in granskningar:
        anger = f", anger {' och '.join(g.anger)}" if g.anger else (", anger varken PDF/UA eller PDF/A"
                                                                      if g.format == "PDF" else "")
        rader.append(f"{g.fil} ({g.format}{anger})")
        for d in g.delkontroller:
            rader.append(f"  {'✓' if d.godkand else '✗'} {d.namn}: {d.resultat}")
        for f in g.fynd:
            plats = f" ({f.plats})" if f.plats else ""
            antal = f" [{f.antal} ställen]" if f.antal > 1 else ""
            rader.append(f"    {f.allvarlighet.upper()}: {f.text}{plats}{antal} [{f.regel}]")
        if g.godkand:
            tillagg = f", {len(g.varningar)} varningar att titta på" if g.varningar else ""
            rader.append(f"  Godkänd i de automatiska kontrollerna{tillagg}.")
        else:
            rader.append(f"  UNDERKÄND: {len(g.fel)} fel" + (f", {len(g.varningar)} varningar" if g.varningar
                                                             else "") + ".")
        rader.append("")
    godkanda = sum(g.godkand for g in granskningar)
    rader.append(f"Sammanfattning: {godkanda} av {len(granskningar)} filer godkända i de automatiska kontrollerna.")
    rader.append("")
    rader.append("Det här kan ingen maskin kontrollera; en människa behöver granska:")
    rader.extend(f"  - {punkt}" for punkt in ATT_GRANSKA)
    return rader


def kor(filer: list[Path], skriv: Callable[[str], None] = print) -> int:
    """Kontrollera filerna, skriv sammanfattningen och returnera slutkoden: 0 om alla är godkända, annars 1."""
    granskningar = [granska(Path(f)) for f in filer]
    for rad in sammanfattning(granskningar):
        skriv(rad)
    return 0 if all(g.godkand for g in granskningar) else 1


__all__ = ["ATT_GRANSKA", "Allvarlighet", "Delkontroll", "Fynd", "Granskning", "granska", "kontrollera", "kor",
           "sammanfattning"]
