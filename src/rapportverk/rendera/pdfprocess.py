"""PDF:en i en egen process, så att bygget använder båda kärnorna.

WeasyPrint tar ungefär en halv sekund att läsa in (Pango och typsnitten). En process som startas när bygget börjar
läser in det medan bygget läser data, räknar och bygger dokumentet; sedan får den dokumentets HTML och lägger ut
sidorna. Bygget självt läser aldrig in WeasyPrint. En tråd hjälper inte: inläsningen är Pythonkod som håller
tolkens lås, och den gjorde huvudtrådens filläsning långsammare.

Samma funktion (rendera.pdf.pdf_ur_html) gör PDF:en i processen som annars i bygget, så att byten blir desamma.
Går processen inte att starta eller dör den, görs PDF:en i bygget som förut.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from pathlib import Path

from rapportverk import barnprocess
from rapportverk.dokument.modell import Dokument
from rapportverk.fel import RapportverkFel
from rapportverk.rendera.html import sidans_html
from rapportverk.rendera.pdfresultat import PdfResultat


class Pdfprocessfel(Exception):
    """Ett programfel i PDF-processen; `detaljer` (och orsaken, __cause__) är processens traceback."""

    def __init__(self, text: str, detaljer: str) -> None:
        super().__init__(text)
        self.detaljer = detaljer


class Pdfprocess:
    """En startad PDF-process. `skicka` ger den HTML:en, `svar` väntar på PDF:en, `stang` avslutar processen."""

    def __init__(self) -> None:
        self._barn = barnprocess.starta("rapportverk.rendera.pdfprocess")
        self.svar_fran_processen = 0  # för testerna: hur många PDF:er (eller fel) processen själv gav

    @property
    def _process(self):  # för testerna: processen själv (None när den är stängd)
        return self._barn._process

    def skicka(self, html: str, css: Path, projektrot: Path, pdfa: bool, bas: Path | None,
               rubrik_ids: frozenset[str]) -> bool:
        """Be processen om PDF:en ur HTML:en (svaret hämtas med `svar`); False om processen inte tar emot."""
        return self._barn.skicka((html, css, projektrot, pdfa, bas, rubrik_ids))

    def svar(self) -> PdfResultat | None:
        """Svaret på det senaste `skicka`; None om processen dog (då görs PDF:en i bygget)."""
        svar = self._barn.ta_emot()
        if svar is None:
            return None
        assert isinstance(svar, tuple)
        slag, varde = svar
        self.svar_fran_processen += 1
        if slag == "internt":
            # Processens traceback som orsak: batchens interna fel (--debug) visar hela kedjan, också den.
            raise Pdfprocessfel(*varde) from RuntimeError(f"i PDF-processen:\n{varde[1]}")
        utfall, resultat = varde
        if utfall == "fel":
            raise RapportverkFel(resultat)
        assert isinstance(resultat, PdfResultat)
        return resultat

    def stang(self, vanta: bool = True) -> None:
        """Avsluta processen: när den gjort klart (`vanta`), annars genast (Ctrl-C, ett fel i bygget)."""
        self._barn.stang(vanta)


_AKTIV: contextvars.ContextVar[Pdfprocess | None] = contextvars.ContextVar("rapportverk_pdfprocess", default=None)


@contextlib.contextmanager
def startad() -> Iterator[Pdfprocess | None]:
    """En PDF-process för byggen inom blocket (rendera_pdf använder den); stängs när blocket lämnas."""
    try:
        process: Pdfprocess | None = Pdfprocess()
    except OSError:
        process = None
    token = _AKTIV.set(process)
    try:
        yield process
    except BaseException:
        if process is not None:
            process.stang(vanta=False)
        raise
    finally:
        _AKTIV.reset(token)
        if process is not None:
            process.stang()


def rendera_pdf(dok: Dokument, css: Path, projektrot: Path, pdfa: bool = False,
                bas: Path | None = None) -> PdfResultat:
    """Som rendera.pdf.rendera_pdf, i PDF-processen när en är startad (`startad`)."""
    return bestall_pdf(dok, css, projektrot, pdfa, bas)()


def bestall_pdf(dok: Dokument, css: Path, projektrot: Path, pdfa: bool = False,
                bas: Path | None = None) -> Callable[[], PdfResultat]:
    """Börja på PDF:en (i PDF-processen när en är startad) och ge en funktion som väntar på den: bygget gör annat
    (DOCX-filen) under tiden. Funktionen ska anropas, också när bygget av något annat misslyckas, så att processens
    svar inte blir kvar till nästa rapport. Utan process görs PDF:en i bygget när funktionen anropas."""
    html, rubrik_ids = sidans_html(dok, css, projektrot)
    process = _AKTIV.get()
    skickad = process is not None and process.skicka(html, css, projektrot, pdfa, bas, rubrik_ids)

    def vanta() -> PdfResultat:
        if skickad and process is not None:
            svar = process.svar()
            if svar is not None:
                return svar
        from rapportverk.rendera.pdf import pdf_ur_html  # WeasyPrint bara här, när ingen process gör det

        return pdf_ur_html(html, css, projektrot, pdfa, bas, rubrik_ids)

    return vanta


def tjana() -> None:
    """PDF-processen: läs in WeasyPrint, och gör sedan en PDF för varje HTML som kommer på stdin, tills stdin tar
    slut. Ctrl-C går till bygget; processen slutar när bygget stänger stdin (också när bygget dör)."""

    def forbered() -> Callable[[object], object]:
        from rapportverk.rendera.pdf import pdf_ur_html

        def besvara(fraga: object) -> object:
            try:
                return ("pdf", pdf_ur_html(*fraga))  # type: ignore[misc]
            except RapportverkFel as exc:
                return ("fel", exc.fel)

        return besvara

    barnprocess.tjana(forbered)
