"""Manifestet `<ut>/<period>/manifest.json`: vad varje rapportfil byggdes av, så att den kan byggas om och jämföras.

Per rapport (t.ex. `delarsrapport-regionstyrelsen-2021-04`): SHA-256 för varje utdatafil, SHA-256 för varje
indatafil den byggdes av (konfiguration, kostnadsslag, varje datakälla, layoutmall, stilmall, HTML-mall,
Word-mall och varje textblock som lästes), rapportverks version och kommandot. Indata står per rapport och
inte en gång för hela katalogen: en körning som bygger om några nämnder ersätter bara deras poster, och
varje post säger då fortfarande sanningen om sina egna filer.

Sökvägar till indata är relativa till projektroten (konfigurationskatalogens förälder, samma rot som PDF:en
får läsa filer ur); utdatafiler namnges relativt manifestets katalog, så att en nedladdad CI-artefakt går
att verifiera var den än ligger. JSON:en är deterministisk: sorterade nycklar, inga tidsstämplar.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import platform
import shutil
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from rapportverk import __version__, resurser
from rapportverk import skriv as skriv_
from rapportverk.fel import Fel, RapportverkFel, visningsnamn
from rapportverk.konfig import Projekt
from rapportverk.skriv import Utkast, forbered, kasta
from rapportverk.utdata.indataspar import KATALOG as INDATA
from rapportverk.utdata.siffror import KATALOG

FILNAMN = "manifest.json"
FORMATVERSION = 1
VERKTYG = "rapportverk:"
VERKTYGSROT = resurser.katalog().parent.resolve()  # paketet: nycklarna blir 'rapportverk:resurser/stil.css'


class Hashar:
    """SHA-256 per fil, räknad en gång per körning (40 rapporter delar samma huvudbok)."""

    def __init__(self) -> None:
        self._cache: dict[Path, str] = {}

    def kand(self, fil: Path, data_fran: Path) -> None:
        """`fil` får kontrollsumman av `data_fran` (en förberedd fil som ännu inte fått sitt namn)."""
        self._cache[fil.resolve()] = self(data_fran)

    def __call__(self, fil: Path) -> str:
        fil = fil.resolve()
        if fil not in self._cache:
            h = hashlib.sha256()
            with open(fil, "rb") as f:
                while block := f.read(1 << 20):
                    h.update(block)
            self._cache[fil] = h.hexdigest()
        return self._cache[fil]


def projektrot(projekt: Projekt) -> Path:
    return projekt.katalog.parent.resolve()


def relativ(fil: Path, rot: Path) -> str:
    """Nyckeln för en indatafil: relativ till projektroten; rapportverks egna filer (standardmallar som inte
    ligger i projektet) som `rapportverk:<sökväg>`, så att nyckeln är densamma på varje maskin."""
    fil = fil.resolve()
    if fil.is_relative_to(rot):
        return fil.relative_to(rot).as_posix()
    if fil.is_relative_to(VERKTYGSROT):
        return VERKTYG + fil.relative_to(VERKTYGSROT).as_posix()
    return fil.as_posix()


def sokvag(nyckel: str, rot: Path) -> Path:
    """Tillbaka från nyckel till fil (motsatsen till `relativ`)."""
    if nyckel.startswith(VERKTYG):
        return VERKTYGSROT / nyckel.removeprefix(VERKTYG)
    return rot / nyckel


def konfigfiler(projekt: Projekt, konfigfil: Path) -> list[Path]:
    """Konfigurationen, kostnadsslagen och varje fil som konfigurationen pekar ut som källa eller hierarki.

    Källorna gås igenom generiskt (en ny sorts källa kommer med utan ändring här): en källa, en lista av källor
    (huvudbok, prognos …) eller källor efter namn (listor).
    """
    k = projekt.konfig
    filer = [konfigfil.resolve(), projekt.sokvag(k.hierarkier.kostnadsslag),
             projekt.sokvag(k.hierarkier.organisation.fil)]
    for namn in type(k.kallor).model_fields:
        varde = getattr(k.kallor, namn)
        for kalla in varde.values() if isinstance(varde, dict) else varde if isinstance(varde, list) else [varde]:
            if getattr(kalla, "fil", None) is not None:
                filer.append(projekt.sokvag(kalla.fil))
    if projekt.basfil is not None:
        filer.append(projekt.basfil)
    return list(dict.fromkeys(filer))


@functools.lru_cache(maxsize=1)
def kodsumma() -> str:
    """SHA-256 över rapportverks egna Python-filer: versionsnumret ändras inte med varje ändring i koden, men
    utdata kan göra det. Då kan `verifiera` säga att en skillnad kan komma från koden och inte från indata."""
    paket = Path(__file__).resolve().parents[1]  # rapportverk/, inte bara utdata/
    h = hashlib.sha256()
    for fil in sorted(paket.rglob("*.py")):
        h.update(fil.relative_to(paket).as_posix().encode() + b"\0" + fil.read_bytes() + b"\0")
    return h.hexdigest()


# Paketen vars version avgör utdatans byte: PDF-motorn och dess PDF-skrivare, DOCX, diagrammen och deras PNG,
# efterbehandlingen av PDF:en, typsnittsdelmängderna, beräkningen och talformateringen, mallarna och Markdown.
PAKET = ("weasyprint", "pydyf", "python-docx", "matplotlib", "pillow", "pikepdf", "fonttools", "polars", "babel",
         "jinja2", "markdown-it-py")
# Debianpaketen som gör detsamma utanför Python: typsnittet och textformningen (Pango, HarfBuzz).
DEBIANPAKET = ("fonts-crosextra-carlito", "libpango-1.0-0", "libharfbuzz0b", "libharfbuzz-subset0")


@functools.lru_cache(maxsize=1)
def versioner() -> dict[str, str]:
    """Versionerna som bestämmer utdatans byte, för manifestet: samma indata och samma versioner ger samma byte.
    Debianpaket står som `deb:<namn>`; ett paket som saknas (eller en maskin utan dpkg) står som 'saknas'."""
    ut = {"python": platform.python_version()}
    for paket in PAKET:
        try:
            ut[paket] = metadata.version(paket)
        except metadata.PackageNotFoundError:
            ut[paket] = "saknas"
    deb: dict[str, str] = {}
    if shutil.which("dpkg-query"):
        svar = subprocess.run(["dpkg-query", "-W", "-f", "${Package}\t${Version}\t${db:Status-Abbrev}\n",
                               *DEBIANPAKET], capture_output=True, text=True, check=False)
        for rad in svar.stdout.splitlines():
            namn, version, status = [*rad.split("\t"), "", ""][:3]
            if status.startswith("ii"):
                deb[namn.split(":")[0]] = version
    ut.update({f"deb:{p}": deb.get(p, "saknas") for p in DEBIANPAKET})
    return ut


def utnamn(fil: Path) -> str:
    """Utdatafilens namn relativt manifestets katalog: 'x.pdf', 'tabeller/x.parquet' för siffrorna eller
    'indata/huvudbok-<sha16>.parquet' för huvudboksraderna bygget läste (indataspar.py)."""

    return f"{fil.parent.name}/{fil.name}" if fil.parent.name in (KATALOG, INDATA) else fil.name


def post(projekt: Projekt, konfigfil: Path, rapport: str, namnd: str, utdata: Iterable[Path],
         lasta: Iterable[Path], format: tuple[str, ...], slutlig: bool, pdfa: bool, kommando: list[str],
         hashar: Hashar, sql: Iterable[Any] = (), bilagor: tuple[str, ...] = (),
         diagram: Iterable[str] = ()) -> dict[str, Any]:
    """Manifestets post för en byggd rapport. `sql`: vad varje SQL-källa gav (kallor/sql.py: fråga, parametrar
    och kontrollsumma över raderna), så att `verifiera` märker när lagret ändrats under en publicerad rapport.
    `diagram`: filerna i byggkatalogens diagramförråd som rapportens diagram kom ur (utdata.diagramforrad)."""
    rot = projektrot(projekt)
    indata = [f for f in [*konfigfiler(projekt, konfigfil), *lasta] if f.exists()]
    uttag = {u.kalla: u.manifestpost() for u in sql}
    return {**({"sql": uttag} if uttag else {}), **({"bilagor": list(bilagor)} if bilagor else {}),
        **({"diagram": sorted(diagram)} if diagram else {}),
        "rapport": rapport,
        "namnd": namnd,
        "format": list(format),
        "slutlig": slutlig,
        "pdfa": pdfa,
        "utdata": {utnamn(f): hashar(f) for f in utdata},
        "indata": {relativ(f, rot): hashar(f) for f in indata},
        "version": __version__,
        "versioner": versioner(),
        "kod": kodsumma(),
        "kommando": list(kommando),
    }


def las(katalog: Path) -> dict[str, Any]:
    """Läs manifestet i `katalog`. Ett saknat eller trasigt manifest är ett fel som säger vad man gör åt det."""
    fil = katalog / FILNAMN
    visning = visningsnamn(fil)
    if not fil.exists():
        raise RapportverkFel(Fel(f"{FILNAMN} saknas; ange katalogen som rapporterna byggdes till, t.ex. "
                                 "ut/2021-04, eller bygg dem först med 'rapport delar'.", visning))
    try:
        data = json.loads(fil.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        rad = getattr(exc, "lineno", None)
        raise RapportverkFel(Fel("manifestet är inte giltig JSON; bygg rapporterna igen så skrivs det om.",
                                 visning, rad)) from None
    if not isinstance(data, dict) or data.get("format") != FORMATVERSION or not isinstance(data.get("rapporter"),
                                                                                            dict):
        raise RapportverkFel(Fel(f"manifestet har inte format {FORMATVERSION} (det skrevs av en annan version av "
                                 "rapportverk eller har ändrats för hand); bygg rapporterna igen.", visning))
    return data


def skriv(katalog: Path, period: str, konfig: str, poster: dict[str, dict[str, Any]]) -> Path:
    """Skriv manifestet, sammanslaget med ett befintligt: poster för rapporter som byggdes om ersätts."""
    publicera(katalog, period, konfig, poster, [])
    return katalog / FILNAMN


@contextmanager
def las_katalogen(katalog: Path) -> Iterator[None]:
    """Ensam rätt till katalogens manifest för läsa–ändra–skriva: fcntl.flock på katalogen själv, så att ingen
    låsfil blir kvar bland rapporterna."""
    katalog.mkdir(parents=True, exist_ok=True)
    fd = os.open(katalog, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # släpper låset


def publicera(katalog: Path, period: str, konfig: str, poster: dict[str, dict[str, Any]],
              utkast: Sequence[Utkast]) -> None:
    """Rapporternas förberedda filer och manifestet med deras poster, publicerade tillsammans: får manifestet inte
    plats på disken ersätts ingen rapport, och går ett namnbyte fel ligger de gamla filerna kvar."""
    try:
        manifestet = forbered(katalog / FILNAMN, _text(katalog, period, konfig, poster).encode("utf-8"))
    except BaseException:
        kasta(utkast)
        raise
    skriv_.publicera([*utkast, manifestet])


def _text(katalog: Path, period: str, konfig: str, poster: dict[str, dict[str, Any]]) -> str:
    fil = katalog / FILNAMN
    gamla: dict[str, Any] = {}
    if fil.exists():
        try:
            befintligt = las(katalog)
            if befintligt.get("period") == period:
                gamla = befintligt["rapporter"]
        except RapportverkFel:
            pass  # ett trasigt manifest ersätts av ett nytt; rapporterna som inte byggdes nu saknas då i det
    data = {"format": FORMATVERSION, "period": period, "konfig": konfig, "rapporter": {**gamla, **poster}}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- jämförelse (rapport verifiera) ---------------------------------------------------------------------


@dataclass
class Skillnader:
    """Allt som skiljer: indata som ändrats sedan bygget, utdata på disk och i ombygget."""

    andrade_indata: dict[str, list[str]] = field(default_factory=dict)  # fil → rapporterna som läste den
    saknade_indata: dict[str, list[str]] = field(default_factory=dict)
    nya_indata: dict[str, list[str]] = field(default_factory=dict)  # läses nu men inte då (t.ex. ny textfil)
    andrade_filer: list[str] = field(default_factory=list)  # filen i katalogen har ändrats efter bygget
    saknade_filer: list[str] = field(default_factory=list)
    olika_ombyggen: list[str] = field(default_factory=list)  # ombygget ger andra byte
    misslyckade: dict[str, list[str]] = field(default_factory=dict)  # rapport → felen när den byggdes om
    # Rapporterna som byggdes med en annan version av rapportverks kod; ingen skillnad i sig, men en förklaring.
    annan_kod: list[str] = field(default_factory=list)
    # Paket vars version skiljer sig från bygget: "weasyprint 70.0 → 71.0" → rapporterna. Också en förklaring.
    andrade_versioner: dict[str, list[str]] = field(default_factory=dict)

    @property
    def tom(self) -> bool:
        return not any((self.andrade_indata, self.saknade_indata, self.nya_indata, self.andrade_filer,
                        self.saknade_filer, self.olika_ombyggen, self.misslyckade))


def jamfor_indata(poster: dict[str, dict[str, Any]], rot: Path, hashar: Hashar, s: Skillnader) -> None:
    for rapport, p in sorted(poster.items()):
        for relativ_fil, sha in sorted(p["indata"].items()):
            fil = sokvag(relativ_fil, rot)
            if not fil.exists():
                s.saknade_indata.setdefault(relativ_fil, []).append(rapport)
            elif hashar(fil) != sha:
                s.andrade_indata.setdefault(relativ_fil, []).append(rapport)


def jamfor_utdata(poster: dict[str, dict[str, Any]], katalog: Path, hashar: Hashar, s: Skillnader) -> None:
    for _rapport, p in sorted(poster.items()):
        for namn, sha in sorted(p["utdata"].items()):
            fil = katalog / namn
            if not fil.exists():
                s.saknade_filer.append(namn)
            elif hashar(fil) != sha:
                s.andrade_filer.append(namn)


def jamfor_ombygge(rapport: str, gammal: dict[str, Any], ny: dict[str, Any], s: Skillnader) -> None:
    """Ett ombygge mot manifestets post: utdata byte för byte, och indatafiler som inte lästes förra gången."""
    for namn, sha in sorted(gammal["utdata"].items()):
        if ny["utdata"].get(namn) != sha:
            s.olika_ombyggen.append(namn)
    if gammal.get("kod") != ny["kod"]:
        s.annan_kod.append(rapport)
    for andring in versionsandringar(gammal.get("versioner", {}), ny.get("versioner", {})):
        s.andrade_versioner.setdefault(andring, []).append(rapport)
    for kalla, uttag in sorted(gammal.get("sql", {}).items()):
        nu = ny.get("sql", {}).get(kalla)
        if nu is None or nu["fraga"] != uttag["fraga"] or nu["parametrar"] != uttag["parametrar"]:
            s.andrade_indata.setdefault(f"{kalla}: frågan har ändrats sedan bygget", []).append(rapport)
        elif nu["sha256"] != uttag["sha256"]:
            s.andrade_indata.setdefault(f"{kalla}: databasen ger andra rader än vid bygget ({uttag['rader']} rader "
                                        f"då, {nu['rader']} nu)", []).append(rapport)
    for relativ_fil in sorted(set(ny["indata"]) - set(gammal["indata"])):
        s.nya_indata.setdefault(relativ_fil, []).append(rapport)


def versionsandringar(fore: dict[str, str], nu: dict[str, str]) -> list[str]:
    """'weasyprint 70.0 → 71.0' för varje paket vars version skiljer; ett manifest från före versionslistan har
    ingen att jämföra med."""
    if not fore:
        return []
    return [f"{p} {fore.get(p, 'saknas')} → {nu.get(p, 'saknas')}" for p in sorted(set(fore) | set(nu))
            if fore.get(p, "saknas") != nu.get(p, "saknas")]
