"""En förhandsgranskning: konfiguration, data, dokument och PDF för en rapport, byggda om efter det som
ändrats (se `bevakning`). Fel blir en lägesrapport som sidan visar, aldrig ett avbrott."""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapportverk import formatering
from rapportverk.dokument.bygg import bygg_dokument, textrotter
from rapportverk.dokument.modell import Dokument, Markering, alla_block
from rapportverk.dokument.textstatus import Anvant, per_namn
from rapportverk.fel import Fel, RapportverkFel, visningsnamn
from rapportverk.forhandsgranska.bevakning import DATA, DOKUMENT, HTML, STEGNAMN, Karta, karta
from rapportverk.konfig import Projekt
from rapportverk.period import Period
from rapportverk.underlag import Underlag

Kontroll = Callable[[Path], tuple[bool, str]]
AVSLUTAD = "Förhandsgranskningen är avslutad."


@dataclass(frozen=True)
class Lage:
    """Det sidan visar. `version` ökar vid varje bygge, `html_version` bara när rapportens HTML ändras."""

    version: int = 0
    html_version: int = 0
    html: str | None = None
    fel: tuple[Fel, ...] = ()
    obs: tuple[Fel, ...] = ()  # saknade textblock och varningar i det senaste lyckade bygget
    textblock: tuple[Anvant, ...] = ()  # textblocken i det senaste lyckade bygget, med status (ett per namn)
    klockan: str = ""
    sekunder: float = 0.0
    orsak: str = ""

    def som_json(self) -> dict[str, Any]:
        def fynd(f: Fel) -> dict[str, Any]:
            return {"text": f.text, "fil": f.fil, "rad": f.rad, "plats": str(f)}

        def block(a: Anvant) -> dict[str, Any]:
            s = a.status
            return {"namn": a.namn, "status": a.tillstand, "fil": visningsnamn(a.fil) if a.fil else None,
                    "ansvarig": s.ansvarig if s else None, "datum": s.datum.isoformat() if s and s.datum else None}

        return {"version": self.version, "html_version": self.html_version, "fel": [fynd(f) for f in self.fel],
                "obs": [fynd(f) for f in self.obs], "textblock": [block(a) for a in self.textblock],
                "klockan": self.klockan, "sekunder": round(self.sekunder, 3), "orsak": self.orsak}


@dataclass(eq=False)
class Forhandsgranskning:
    """En session: en rapport, en nämnd, en period. Trådsäker; byggen sker ett i taget."""

    konfigfil: Path
    rapport: str
    namnd: str
    period: Period
    slutlig: bool = False
    ut: Path = Path("ut") / "forhandsgranskning"
    logg: Callable[[str], None] = field(default=lambda rad: print(rad, flush=True))
    kontroll: Kontroll | None = None
    # Ett underlag per inläst data: tabeller och diagram räknas en gång, och en ändrad text räknar inte om dem.
    # False gör ett nytt underlag vid varje bygge (för att mäta vad det sparar).
    minns: bool = True

    def __post_init__(self) -> None:
        self.konfigfil = Path(self.konfigfil)
        self.projekt: Projekt | None = None
        self.underlag: Underlag | None = None
        self.dok: Dokument | None = None
        self.karta: Karta = karta(self.konfigfil, None, self.rapport, self.namnd, self.period)
        self.pdf: Path | None = None
        self._krav = DATA  # det som minst måste göras om vid nästa bygge (efter ett fel: steget som föll)
        self._lage = Lage()
        self._villkor = threading.Condition()
        self._bygglas = threading.Lock()
        self._pdflas = threading.Lock()
        self.stopp = threading.Event()
        self._bevakare: threading.Thread | None = None
        self._redo = threading.Event()

    # --- livscykel ------------------------------------------------------------------------------------

    def starta(self, bevaka: bool = True) -> Lage:
        """Läs data och bygg första gången; ett fel i argumenten (okänd nämnd eller rapport) kastas."""
        try:
            self._kontrollera_argument()
        except RapportverkFel:
            self.stoppa()
            raise
        lage = self.bygg(DATA, "start")
        if bevaka:
            self._bevakare = threading.Thread(target=self._bevaka, name="forhandsgranska-bevakning", daemon=True)
            self._bevakare.start()
            # En fil som sparas innan bevakningen har kommit igång skulle annars gå förlorad.
            self._redo.wait(10)
        return lage

    def _kontrollera_argument(self) -> None:
        """Okänd rapporttyp eller nämnd är ett fel på kommandoraden. En konfiguration som inte går att läsa
        är det inte: den visas i sidan, så att den kan rättas medan förhandsgranskningen körs."""
        from rapportverk.underlag.tabeller import ladda_projekt

        try:
            projekt = ladda_projekt(self.konfigfil)
        except RapportverkFel:
            if not self.konfigfil.is_file():
                raise
            return
        projekt.rapport(self.rapport)
        projekt.namnd(self.namnd)

    def stoppa(self) -> None:
        self.stopp.set()
        with self._villkor:
            self._villkor.notify_all()
        if self._bevakare is not None and self._bevakare is not threading.current_thread():
            self._bevakare.join(timeout=5)

    @property
    def lage(self) -> Lage:
        return self._lage

    def vanta(self, version: int, timeout: float) -> Lage:
        """Vänta tills läget har en annan version än `version` (eller tiden gått ut, eller sessionen stoppas)."""
        with self._villkor:
            self._villkor.wait_for(lambda: self._lage.version != version or self.stopp.is_set(), timeout)
            return self._lage

    # --- bygge ----------------------------------------------------------------------------------------

    @property
    def css(self) -> Path | None:
        if self.projekt is None or self.rapport not in self.projekt.konfig.rapporter:
            return None
        return self.projekt.stilmall(self.rapport)

    @property
    def resursbas(self) -> Path | None:
        if self.projekt is None or self.rapport not in self.projekt.konfig.rapporter:
            return None
        return self.projekt.resursbas(self.rapport)

    def bygg(self, steg: int, orsak: str = "") -> Lage:
        """Gör om `steg` (HTML, DOKUMENT eller DATA) och allt under det; publicera det nya läget."""
        from rapportverk.rendera.html import html_for

        with self._bygglas:
            steg = max(steg, self._krav)
            start = time.perf_counter()
            fas, html, obs, fel = steg, None, (), ()
            textblock: tuple[Anvant, ...] | None = None  # None: dokumentet byggdes inte om, statusen står kvar
            try:
                if steg >= DATA:
                    self._ladda()
                fas = DOKUMENT
                if steg >= DOKUMENT:
                    obs, textblock = self._dokument()
                fas = HTML
                assert self.dok is not None and self.css is not None
                html = html_for(self.dok, self.css, self.projekt.katalog.parent if self.projekt else None)
                self._krav = 0
            except RapportverkFel as exc:
                fel, self._krav = tuple(exc.fel), fas
            except Exception as exc:  # ett fel i rapportverk ska synas i sidan, inte stoppa servern
                self.logg(traceback.format_exc())
                fel = (Fel(f"internt fel i rapportverk ({type(exc).__name__}: {exc}); se terminalen och skicka "
                           "utskriften till den som förvaltar rapportverk."),)
                self._krav = fas
            return self._publicera(html, tuple(obs), fel, time.perf_counter() - start, orsak, steg, textblock)

    def _ladda(self) -> None:
        from rapportverk.underlag.tabeller import ladda_projekt, las_indata

        self.projekt = self.underlag = None
        projekt = ladda_projekt(self.konfigfil)
        self.karta = karta(self.konfigfil, projekt, self.rapport, self.namnd, self.period)
        projekt.rapport(self.rapport)
        projekt.namnd(self.namnd)
        indata = las_indata(projekt, self.period)
        self.projekt, self.underlag = projekt, Underlag(projekt, indata, self.period)

    def _dokument(self) -> tuple[list[Fel], tuple[Anvant, ...]]:
        assert self.projekt is not None and self.underlag is not None
        lasta: list[Path] = []
        anvanda: list[Anvant] = []
        if not self.minns:
            self.underlag = Underlag(self.projekt, self.underlag.indata, self.period)
        self.dok = bygg_dokument(self.underlag, self.rapport, self.namnd, self.slutlig, lasta=lasta,
                                 textblock=anvanda)
        rdef = self.projekt.konfig.rapporter[self.rapport]
        mallnamn = Path(rdef.mall).name
        mall = next((p for p in reversed(lasta) if p.name == mallnamn), self.projekt.sokvag(rdef.mall))
        forsta_rot = textrotter(self.projekt, self.rapport, self.namnd, self.period)[0]
        return _obs(self.dok, mall, forsta_rot), per_namn(anvanda)

    def _publicera(self, html: str | None, obs: tuple[Fel, ...], fel: tuple[Fel, ...], sekunder: float,
                   orsak: str, steg: int, textblock: tuple[Anvant, ...] | None = None) -> Lage:
        with self._villkor:
            g = self._lage
            ny_html = html is not None and html != g.html
            self._lage = Lage(
                version=g.version + 1, html_version=g.html_version + (1 if ny_html else 0),
                html=html if html is not None else g.html, fel=fel, obs=g.obs if fel else obs,
                textblock=g.textblock if fel or textblock is None else textblock,
                klockan=time.strftime("%H:%M:%S"), sekunder=sekunder, orsak=orsak)
            self._villkor.notify_all()
            lage = self._lage
        tid = formatering.sekunder(sekunder, 2)
        if fel:
            self.logg(f"{lage.klockan}  {orsak}: {len(fel)} fel (sidan visar det senaste lyckade bygget)")
            for f in fel:
                self.logg(f"    Fel: {f}")
        else:
            self.logg(f"{lage.klockan}  {orsak}: {STEGNAMN[steg]} på {tid}")
        return lage

    # --- bevakning ------------------------------------------------------------------------------------

    def hantera(self, filer: set[Path]) -> Lage | None:
        """Ändrade filer → det minsta ombygge som täcker dem (None om ingen påverkar rapporten)."""
        k = self.karta
        steg = {f: k.klassa(f) for f in filer}
        andrade = sorted(f for f, s in steg.items() if s)
        if not andrade:
            return None
        orsak = ", ".join(visningsnamn(f) for f in andrade[:3]) + (f" och {len(andrade) - 3} till"
                                                                   if len(andrade) > 3 else "")
        return self.bygg(max(steg.values()), f"ändrat: {orsak}")

    def _bevaka(self) -> None:
        from watchfiles import watch

        while not self.stopp.is_set():
            rotter = self.karta.rotter
            try:
                # step: en sparning ger ofta flera händelser (tempfil, namnbyte); de samlas i 50 ms. Utan ändringar
                # ger watch en tom mängd var 200:e ms; den första säger att bevakningen är igång.
                for andringar in watch(*rotter, stop_event=self.stopp, debounce=400, step=50, rust_timeout=200,
                                       yield_on_timeout=True, raise_interrupt=False, ignore_permission_denied=True):
                    self._redo.set()
                    if not andringar:
                        continue
                    self.hantera({Path(p) for _, p in andringar})
                    if self.karta.rotter != rotter:
                        break  # konfigurationen pekar på nya filer: bevaka om
            except Exception as exc:  # en bevakad katalog togs bort: börja om med det som finns
                self.logg(f"Bevakningen startas om ({type(exc).__name__}: {exc}).")
                self.stopp.wait(1)

    # --- PDF och kontroll -----------------------------------------------------------------------------

    def bygg_pdf(self) -> dict[str, Any]:
        """Bygg PDF:en som `rapport delar` gör (samma bygg_rapport), med sessionens data, under `ut`."""
        from rapportverk.bygg.rapport import bygg_rapport

        if not self._pdflas.acquire(blocking=False):
            return {"fel": [{"plats": "En PDF byggs redan; vänta tills den är klar."}]}
        try:
            underlag = self.underlag  # samma underlag som sidan: tabellerna och diagrammen räknas inte om
            if underlag is None:
                return {"fel": [{"plats": "Konfigurationen eller data gick inte att läsa; rätta felen först."}]}
            start = time.perf_counter()
            try:
                byggd = bygg_rapport(underlag, self.rapport, self.namnd, self.ut, format=("pdf",),
                                     slutlig=self.slutlig)
            except RapportverkFel as exc:
                return {"fel": [{"plats": str(f)} for f in exc.fel]}
            sekunder = time.perf_counter() - start
            self.pdf = byggd.filer[0]
            self.logg(f"{time.strftime('%H:%M:%S')}  PDF: {visningsnamn(self.pdf)} ({byggd.sidor} sidor, "
                      f"{formatering.sekunder(sekunder)})")
            return {"sidor": byggd.sidor, "sekunder": round(sekunder, 2), "tid": formatering.sekunder(sekunder),
                    "fil": visningsnamn(self.pdf), "url": f"/pdf/{self.pdf.name}"}
        finally:
            self._pdflas.release()

    def kontrollera(self) -> dict[str, Any]:
        """Kör tillgänglighetskontrollen (om den finns) på en nybyggd PDF och returnera sammanfattningen."""
        if self.kontroll is None:
            return {"fel": [{"plats": "Kontrollen finns inte i den här versionen av rapportverk."}]}
        pdf = self.bygg_pdf()
        if "fel" in pdf:
            return pdf
        assert self.pdf is not None
        ok, sammanfattning = self.kontroll(self.pdf)
        return {**pdf, "ok": ok, "sammanfattning": sammanfattning}


def _obs(dok: Dokument, mall: Path, forsta_rot: Path) -> list[Fel]:
    """Saknade textblock (markeringar i utkastet) som fynd med layoutmallens rad där text(...) anropas."""
    import re

    try:
        rader = mall.read_text(encoding="utf-8").splitlines()
    except OSError:
        rader = []
    ut: list[Fel] = []

    def rad_for(namn: str) -> int | None:
        monster = re.compile(r"""text\(\s*["']""" + re.escape(namn) + r"""["']""")
        return next((i for i, r in enumerate(rader, start=1) if monster.search(r)), None)

    for b in alla_block(dok):
        if not isinstance(b, Markering):
            continue
        m = re.fullmatch(r"\[Text saknas: (.+)\]", b.text)
        if m:
            namn = m.group(1)
            ut.append(Fel(f"textblocket '{namn}' saknas; skapa {visningsnamn(forsta_rot / (namn + '.md'))}"
                          " (i utkastet står en markering).", visningsnamn(mall), rad_for(namn)))
        else:
            ut.append(Fel(b.text))
    return ut


def tillganglighetskontroll() -> Kontroll | None:
    """`rapport kontrollera` som bibliotek (`rapportverk.kontroll.kor`), om den finns i den här versionen."""
    try:
        from rapportverk import kontroll
    except ImportError:
        return None
    kor_kontroll = getattr(kontroll, "kor", None)
    if not callable(kor_kontroll):
        return None

    def kontrollera(pdf: Path) -> tuple[bool, str]:
        rader: list[str] = []
        kod = kor_kontroll([pdf], skriv=rader.append)
        return kod == 0, "\n".join(rader).strip()

    return kontrollera
