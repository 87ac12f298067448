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
import os
import pickle
import signal
import struct
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from rapportverk.dokument.modell import Dokument
from rapportverk.fel import RapportverkFel
from rapportverk.rendera.html import sidans_html
from rapportverk.rendera.pdfresultat import PdfResultat

_LANGD = struct.Struct("<Q")


class Pdfprocessfel(Exception):
    """Ett programfel i PDF-processen; `detaljer` (och orsaken, __cause__) är processens traceback."""

    def __init__(self, text: str, detaljer: str) -> None:
        super().__init__(text)
        self.detaljer = detaljer


def _skicka(ut: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    ut.write(_LANGD.pack(len(data)) + data)
    ut.flush()


def _ta_emot(in_: IO[bytes]) -> object:
    huvud = in_.read(_LANGD.size)
    if len(huvud) < _LANGD.size:
        raise EOFError
    langd = _LANGD.unpack(huvud)[0]
    data = in_.read(langd)
    if len(data) < langd:
        raise EOFError
    return pickle.loads(data)


class Pdfprocess:
    """En startad PDF-process. `skicka` ger den HTML:en, `svar` väntar på PDF:en, `stang` avslutar processen."""

    def __init__(self) -> None:
        # Samma tolk och samma rapportverk som bygget, också när bygget hittade paketet genom en ändrad sys.path
        # (ett skript) i stället för genom installationen eller PYTHONPATH.
        # Ett installerat paket hittar processen själv (site-packages först i PYTHONPATH kunde skugga standardmoduler).
        paketrot = Path(__file__).resolve().parents[2]
        egen = "" if paketrot.name in ("site-packages", "dist-packages") else str(paketrot)
        sokvag = os.pathsep.join(p for p in (egen, os.environ.get("PYTHONPATH", "")) if p)
        self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-c", "from rapportverk.rendera.pdfprocess import tjana; tjana()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": sokvag},
            # En egen processgrupp: Ctrl-C i terminalen når bara bygget (som stänger processen), inte processen
            # medan den ännu startar (innan den hunnit ignorera SIGINT gav det en traceback).
            start_new_session=True)
        self.svar_fran_processen = 0  # för testerna: hur många PDF:er (eller fel) processen själv gav

    def skicka(self, html: str, css: Path, projektrot: Path, pdfa: bool, bas: Path | None,
               rubrik_ids: frozenset[str]) -> bool:
        """Be processen om PDF:en ur HTML:en (svaret hämtas med `svar`); False om processen inte tar emot."""
        p = self._process
        if p is None or p.stdin is None or p.stdout is None:
            return False
        try:
            _skicka(p.stdin, (html, css, projektrot, pdfa, bas, rubrik_ids))
        except (OSError, pickle.PickleError):
            self.stang(vanta=False)
            return False
        return True

    def svar(self) -> PdfResultat | None:
        """Svaret på det senaste `skicka`; None om processen dog (då görs PDF:en i bygget)."""
        p = self._process
        if p is None or p.stdout is None:
            return None
        try:
            svar = _ta_emot(p.stdout)
        except (OSError, EOFError, pickle.PickleError):
            self.stang(vanta=False)
            return None
        assert isinstance(svar, tuple)
        slag, varde = svar
        self.svar_fran_processen += 1
        if slag == "fel":
            raise RapportverkFel(varde)
        if slag == "internt":
            # Processens traceback som orsak: batchens interna fel (--debug) visar hela kedjan, också den.
            raise Pdfprocessfel(*varde) from RuntimeError(f"i PDF-processen:\n{varde[1]}")
        assert isinstance(varde, PdfResultat)
        return varde

    def stang(self, vanta: bool = True) -> None:
        """Avsluta processen: när den gjort klart (`vanta`), annars genast (Ctrl-C, ett fel i bygget)."""
        p, self._process = self._process, None
        if p is None:
            return
        with contextlib.suppress(OSError):
            if p.stdin is not None:
                p.stdin.close()  # processen avslutar sig själv när den läser slutet
        try:
            p.wait(timeout=5 if vanta else 0)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        finally:
            if p.stdout is not None:
                p.stdout.close()


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
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    in_, ut = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # en utskrift i processen får inte blandas in i svaren
    from rapportverk.rendera.pdf import pdf_ur_html

    while True:
        try:
            fraga = _ta_emot(in_)
        except EOFError:
            break
        try:
            svar: tuple[str, object] = ("ok", pdf_ur_html(*fraga))  # type: ignore[misc]
        except RapportverkFel as exc:
            svar = ("fel", exc.fel)
        except Exception as exc:  # bygget visar det som ett internt fel, som när PDF:en görs i bygget
            svar = ("internt", (f"{type(exc).__name__}: {exc}", traceback.format_exc()))
        try:
            _skicka(ut, svar)
        except (OSError, pickle.PickleError):
            break
    sys.stderr.flush()
    os._exit(0)  # som rapport själv: ingen nedstängning av tolken (avslut.avsluta)
