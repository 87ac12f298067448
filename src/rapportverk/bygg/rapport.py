"""Bygg rapporter: dokumentmodell → PDF och DOCX, skrivna atomiskt under <ut>/<period>/.

Samma funktion används av kommandoraden, av CI-körningar och av skript.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rapportverk import skriv
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.modell import Markering, alla_block
from rapportverk.fel import Fel, RapportverkFel, forslag, visningsnamn
from rapportverk.konfig import Projekt
from rapportverk.period import Period
from rapportverk.skriv import Utkast, forbered, kasta
from rapportverk.underlag import Underlag
from rapportverk.utdata import siffror
from rapportverk.utdata.diagramforrad import Diagramforrad

FORMAT = ("docx", "pdf")


@dataclass(frozen=True)
class Byggd:
    namnd: str
    filer: tuple[Path, ...]
    sidor: int
    # Mall-, stil- och textfilerna som bygget läste, för manifestet (konfiguration och indata läggs till där).
    lasta: tuple[Path, ...] = ()
    # Varningsrutorna i ett utkast (t.ex. avstämning mot huvudboken), för att också visas på stderr.
    varningar: tuple[str, ...] = ()
    # Vad varje SQL-källa gav (kallor/sql.py), för manifestet.
    sql: tuple = ()
    # Filerna som väntar på sina namn, när bygget beställts med publicera=False (skriv.publicera gör dem synliga).
    utkast: tuple[Utkast, ...] = ()
    # Filerna i byggkatalogens diagramförråd som rapportens diagram hämtades ur eller sparades i, för manifestet.
    diagram: tuple[str, ...] = ()


def filnamn(projekt: Projekt, rapport: str, namnd: str, period: Period) -> str:
    return projekt.konfig.rapporter[rapport].filnamn.format(rapport=rapport, namnd=namnd, period=str(period))


def tolka_format(format: str | tuple[str, ...]) -> tuple[str, ...]:
    """'docx,pdf' eller ('docx', 'pdf') → ('docx', 'pdf'); ett okänt format är ett fel."""
    delar = tuple(f.strip() for f in format.split(",")) if isinstance(format, str) else tuple(format)
    delar = tuple(f for f in delar if f)
    okanda = [f for f in delar if f not in FORMAT]
    if okanda or not delar:
        namn = okanda[0] if okanda else ""
        raise RapportverkFel(Fel(f"okänt format '{namn}'; välj docx, pdf eller båda (docx,pdf)."))
    return delar


BILAGOR = ("sparbarhet",)


def tolka_bilagor(bilagor: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Bilagorna som kan läggas till med --bilaga, utan dubbletter; en okänd är ett fel."""
    for b in bilagor or ():
        if b not in BILAGOR:
            raise RapportverkFel(Fel(f"okänd bilaga '{b}'{forslag(b, BILAGOR)}; välj {', '.join(BILAGOR)}."))
    return tuple(dict.fromkeys(bilagor or ()))


def regionens_rapporttyp(projekt: Projekt, rapport: str = "delarsrapport") -> str:
    """Rapporttypen för hela regionen som hör till en nämndrapport (`region:` under rapporttypen)."""
    rdef = projekt.konfig.rapporter.get(rapport)
    if rdef is None or not rdef.region:
        raise RapportverkFel(f"rapporttypen {rapport} anger ingen rapporttyp för regionen; lägg till t.ex. "
                             f"region: {rapport}_region under rapporter.{rapport} i {projekt.fil}.")
    return rdef.region


def bygg_rapport(underlag: Underlag, rapport: str, namnd: str, ut: Path, format: tuple[str, ...] = FORMAT,
                 slutlig: bool = False, pdfa: bool = False, bilagor: tuple[str, ...] = (),
                 publicera: bool = True) -> Byggd:
    """Bygg en nämnds rapport ur underlaget (konfiguration, data och period; det kan delas av flera nämnders
    rapporter). Inget skrivs förrän hela dokumentet har byggts utan fel, och rapportens filer (DOCX, PDF, siffror)
    byter namn tillsammans eller inte alls. Med `publicera=False` ligger de kvar som utkast (`Byggd.utkast`), så
    att anroparen kan publicera dem tillsammans med manifestet."""
    from rapportverk.rendera.pdfprocess import bestall_pdf  # i PDF-processen när bygget startat en

    format = tolka_format(format)
    projekt, period = underlag.projekt, underlag.period
    lasta: list[Path] = []
    # Varje tabell dokumentet läste (också de som bara gav ett tal i en text) blir siffror som data.
    tabeller: list[tuple[str, str]] = []
    katalog = ut / str(period)
    forrad = Diagramforrad(katalog)
    dok = bygg_dokument(underlag, rapport, namnd, slutlig, lasta=lasta, bilagor=bilagor, tabeller=tabeller,
                        png="docx" in format, forrad=forrad)
    # PDF-layouten behövs också för DOCX: den ger sidnumren i innehållsförteckningen. DOCX-filen byggs medan
    # PDF-processen lägger ut sidorna, och får sidnumren sist.
    css = projekt.stilmall(rapport)
    vanta_pdf = bestall_pdf(dok, css, projekt.katalog.parent, pdfa=pdfa, bas=projekt.resursbas(rapport))
    docx = None
    try:
        if "docx" in format:
            from rapportverk.rendera.docx import bygg_docx  # python-docx bara när DOCX beställts

            wordmall = projekt.wordmall(rapport)
            docx = bygg_docx(dok, wordmall)
            lasta.append(wordmall)
        ram = siffror.ram(rapport, period, ((n, underlag.tabell(t, n)) for n, t in tabeller))
    except Exception:
        vanta_pdf()  # ett fel i PDF:en visas först, som när PDF:en byggdes före DOCX-filen
        raise
    pdf = vanta_pdf()
    lasta += [css, *_stilfiler(css, projekt.katalog.parent)]
    lasta += [f for f in projekt.rapportfiler if f.stem == rapport]  # rapporttypens egen fil under rapporter/
    bas = filnamn(projekt, rapport, namnd, period)
    utkast: list[Utkast] = []
    try:
        if docx is not None:
            utkast.append(forbered(katalog / f"{bas}.docx", docx.som_bytes(pdf.sidnummer)))
        if "pdf" in format:
            utkast.append(forbered(katalog / f"{bas}.pdf", pdf.pdf))
        utkast.append(forbered(katalog / siffror.KATALOG / f"{bas}.parquet", siffror.som_bytes(ram)))
    except BaseException:
        kasta(utkast)
        raise
    if publicera:
        skriv.publicera(utkast)
    filer = [u.mal for u in utkast]
    unika = sorted({p.resolve() for p in lasta})
    varningar = tuple(b.text for b in alla_block(dok) if isinstance(b, Markering) and b.typ == "varning")
    return Byggd(namnd, tuple(filer), pdf.antal_sidor, tuple(unika), varningar, underlag.indata.sql,
                 () if publicera else tuple(utkast), tuple(sorted(set(forrad.anvanda))))


def _stilfiler(css: Path, projektrot: Path) -> list[Path]:
    """HTML-mallen som PDF:en byggdes med — den påverkar utdata lika mycket som texterna (diagramstilen lägger
    bygg_dokument själv till)."""
    return [f for f in [_html_mall(css, projektrot)] if f is not None]


@functools.lru_cache(maxsize=8)
def _html_mall(css: Path, projektrot: Path) -> Path | None:
    """rendera.pdf väljer HTML-mallen med sin egen sökordning; vi frågar samma laddare, så att manifestet alltid
    namnger den mall som faktiskt användes. Bara källans plats: att kompilera mallen en gång till per rapport
    kostade 50 ms (uppmätt). Laddarens svar ändras inte under en körning."""
    import jinja2

    from rapportverk.rendera import html

    miljo = html.mallmiljo(css, projektrot)
    try:
        _kalla, filnamn, _aktuell = miljo.loader.get_source(miljo, html.MALL)
    except jinja2.TemplateNotFound:
        return None
    return Path(filnamn) if filnamn else None


# --- Rapporttyper ur konfigurationen ------------------------------------------------------------------------


@dataclass(frozen=True)
class Rapporttyp:
    namn: str
    titel: str
    periodtyp: str
    fil: str
    beskrivning: str


def lista_rapporttyper(konfigfil: Path | str) -> tuple[list[Rapporttyp], list[Fel]]:
    """Rapporttyperna, också när några filer under konfig/rapporter/ har fel: de listas med en hänvisning till
    felen (som returneras) i stället för att dölja alla andra. Fel i huvudkonfigurationen kastas som vanligt."""
    from rapportverk.konfig.rapportfiler import rapportfiler
    from rapportverk.underlag.tabeller import ladda_projekt

    try:
        return rapporttyper(ladda_projekt(konfigfil)), []
    except RapportverkFel as exc:
        fel = exc.fel
        felfiler = {f.fil for f in fel}
        trasiga = [f for f in rapportfiler(Path(konfigfil).resolve().parent) if visningsnamn(f) in felfiler]
        if not trasiga:
            raise
        try:
            projekt = ladda_projekt(konfigfil, utan=frozenset(f.resolve() for f in trasiga))
        except RapportverkFel:
            raise exc from None
    typer = rapporttyper(projekt) + [Rapporttyp(f.stem, "", "–", visningsnamn(f), "har fel, se nedan")
                                     for f in trasiga]
    return sorted(typer, key=lambda t: t.namn), fel


PERIODEXEMPEL = {"manad": "ÅÅÅÅ-MM, t.ex. 2024-01", "kvartal": "ÅÅÅÅ-Q1 … ÅÅÅÅ-Q4, t.ex. 2024-Q1",
                 "ar": "ÅÅÅÅ, t.ex. 2024"}


def rapporttyper(projekt: Projekt) -> list[Rapporttyp]:
    """Rapporttyperna i konfigurationen (rapporter: och konfig/rapporter/*.yaml), sorterade på namn."""
    return [Rapporttyp(namn, r.titel, r.periodtyp, projekt.fil_for(("rapporter", namn)), r.beskrivning or "")
            for namn, r in sorted(projekt.konfig.rapporter.items())]


def tolka_period(projekt: Projekt, rapport: str, text: str) -> Period:
    """Perioden för rapporttypen, efter dess periodtyp (2024-01, 2024-Q1 eller 2024)."""
    rdef = projekt.rapport(rapport)
    try:
        return Period.tolka(text, rdef.periodtyp)
    except ValueError as exc:
        raise RapportverkFel(Fel(f"{exc} (rapporttypen '{rapport}' har periodtyp {rdef.periodtyp}: "
                                 f"{PERIODEXEMPEL[rdef.periodtyp]}).")) from None


def valj_namnder(projekt: Projekt, rapport: str, namnder: list[str] | None) -> list[str]:
    """Angivna nämnder, annars rapporttypens `namnder`, annars alla; okända är fel. En rapporttyp för hela
    regionen byggs en gång, som 'region'."""
    from rapportverk.konfig import REGION

    rdef = projekt.rapport(rapport)
    if rdef.omfang == "region":
        andra = [n for n in namnder or [] if n != REGION]
        if andra:
            raise RapportverkFel(Fel(f"rapporttypen '{rapport}' gäller hela regionen och byggs inte per nämnd; "
                                     f"ta bort --namnd {andra[0]}."))
        return [REGION]
    valda = list(namnder or rdef.namnder or projekt.namnd_ids)
    for n in valda:
        projekt.namnd(n)
    return valda
