"""Bygg rapporter: dokumentmodell → PDF och DOCX, skrivna atomiskt under <ut>/<period>/.

Samma funktion används av kommandoraden, av CI-körningar och av skript.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.fel import Fel, RapportverkFel
from rapportverk.kallor import Indata
from rapportverk.konfig import Projekt
from rapportverk.period import Period
from rapportverk.skriv import skriv_atomiskt

FORMAT = ("docx", "pdf")


@dataclass(frozen=True)
class Byggd:
    namnd: str
    filer: tuple[Path, ...]
    sidor: int


def filnamn(projekt: Projekt, rapport: str, namnd: str, period: Period) -> str:
    return projekt.konfig.rapporter[rapport].filnamn.format(rapport=rapport, namnd=namnd, period=str(period))


def bygg_rapport(projekt: Projekt, indata: Indata, rapport: str, namnd: str, period: Period, ut: Path,
                 format: tuple[str, ...] = FORMAT, slutlig: bool = False, pdfa: bool = False) -> Byggd:
    """Bygg en nämnds rapport. Inget skrivs förrän hela dokumentet har byggts utan fel."""
    from rapportverk.rendera.docx import skriv_docx
    from rapportverk.rendera.pdf import rendera_pdf

    okanda = [f for f in format if f not in FORMAT]
    if okanda:
        raise RapportverkFel(Fel(f"okänt format '{okanda[0]}'; välj docx, pdf eller båda (docx,pdf)."))
    rdef = projekt.konfig.rapporter[rapport]
    dok = bygg_dokument(projekt, indata, rapport, namnd, period, slutlig)
    # PDF-layouten behövs också för DOCX: den ger sidnumren i innehållsförteckningen.
    pdf = rendera_pdf(dok, projekt.sokvag(rdef.stil), projekt.katalog.parent, pdfa=pdfa)
    katalog = ut / str(period)
    bas = filnamn(projekt, rapport, namnd, period)
    filer: list[Path] = []
    if "docx" in format:
        mal = katalog / f"{bas}.docx"
        skriv_atomiskt(mal, lambda tmp: skriv_docx(dok, tmp, projekt.sokvag(rdef.wordmall), pdf.sidnummer))
        filer.append(mal)
    if "pdf" in format:
        mal = katalog / f"{bas}.pdf"
        skriv_atomiskt(mal, lambda tmp: tmp.write_bytes(pdf.pdf))
        filer.append(mal)
    return Byggd(namnd, tuple(filer), pdf.antal_sidor)
