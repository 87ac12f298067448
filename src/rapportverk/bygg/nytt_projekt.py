"""`rapport ny KATALOG`: ett nytt projekt för en region, kopierat ur startprojektet i paketet.

Startprojektet (`rapportverk/startprojekt/`: konfiguration, layoutmallar, textblock och ett litet exempel på
data) är paketdata och läses med importlib.resources, så att kommandot fungerar också från ett installerat hjul
utan källkoden. Word-mallen och stilmallen, som en region byter mot sina egna, kopieras från de inbyggda
(rapportverk/resurser), så att det bara finns ett original. HTML-mallen och diagramstilen följer inte med: ett
projekt behöver dem bara om det vill ändra dem.
"""

from __future__ import annotations

import secrets
import shlex
import shutil
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from rapportverk import resurser
from rapportverk.fel import RapportverkFel

# Kommandona som bygger startprojektets exempel (samma som i dess README.md): exempeldatan har utfall för
# 2023 och januari–oktober 2024, och texter för augusti och oktober.
EXEMPELKOMMANDON = ("rapport delar --period 2024-08", "rapport manad --period 2024-10")
# Byggrester som kan finnas bredvid paketdatan i en utvecklarkatalog; de hör inte till ett nytt projekt.
_HOPPA_OVER = {"__pycache__", ".DS_Store"}
# Filer i det nya projektet som kopieras från de inbyggda i stället för att finnas två gånger i paketet.
FRAN_RESURSER = {PurePosixPath("mallar/stil.css"): resurser.STILMALL,
                 PurePosixPath("mallar/referens.docx"): resurser.WORDMALL}


def startprojekt() -> Traversable:
    """Startprojektets rot i det installerade paketet."""
    return files("rapportverk") / "startprojekt"


def startfiler() -> list[PurePosixPath]:
    """Startprojektets filer, relativa till dess rot och sorterade."""
    ut: list[PurePosixPath] = []

    def gaa(katalog: Traversable, relativ: PurePosixPath) -> None:
        for post in katalog.iterdir():
            if post.name in _HOPPA_OVER or post.name.endswith(".pyc"):
                continue
            if post.is_dir():
                gaa(post, relativ / post.name)
            else:
                ut.append(relativ / post.name)

    gaa(startprojekt(), PurePosixPath())
    return sorted({*ut, *FRAN_RESURSER})


def _innehall(relativ: PurePosixPath) -> bytes:
    if relativ in FRAN_RESURSER:
        return resurser.fil(FRAN_RESURSER[relativ]).read_bytes()
    return startprojekt().joinpath(*relativ.parts).read_bytes()


def skapa_projekt(katalog: Path) -> list[Path]:
    """Skriv ett nytt projekt i `katalog` och returnera de skapade filerna (relativa till katalogen).

    En katalog som finns och inte är tom rörs inte (RapportverkFel). Filerna skrivs först i en tillfällig
    katalog och får sina namn först när allt är skrivet; ett fel eller ett avbrott tar bort det som skrivits, så
    att inget halvt projekt blir kvar. En ny katalog blir till med ett enda namnbyte från en tillfällig katalog
    bredvid. En tom katalog som redan finns (t.ex. `rapport ny .` i en nyss skapad katalog) behålls, så att ett
    skal som står i den ser filerna: dit flyttas posterna på översta nivån när allt är skrivet.
    """
    katalog = Path(katalog)
    fanns = katalog.exists() or katalog.is_symlink()
    if fanns:
        if not katalog.is_dir():
            raise RapportverkFel(f"{katalog} finns redan och är inte en katalog; välj ett annat namn.")
        if any(katalog.iterdir()):
            raise RapportverkFel(f"katalogen {katalog} finns redan och är inte tom; välj en ny katalog (den skapas) "
                                 "eller töm den först. Inget har skrivits.")
    filer = startfiler()
    if not filer:
        raise RapportverkFel("startprojektet saknas i den installerade rapportverk; installera om paketet.")
    mal = katalog.absolute()
    if not fanns:
        mal.parent.mkdir(parents=True, exist_ok=True)
    # mkdir (inte mkdtemp, som ger 0700) så att projektet får samma rättigheter som en vanlig ny katalog.
    tillfallig = (mal if fanns else mal.parent) / f".{mal.name}.ny-{secrets.token_hex(4)}"
    tillfallig.mkdir()
    flyttade: list[Path] = []
    try:
        for relativ in filer:
            fil = tillfallig.joinpath(*relativ.parts)
            fil.parent.mkdir(parents=True, exist_ok=True)
            fil.write_bytes(_innehall(relativ))
        if fanns:
            for post in sorted(tillfallig.iterdir()):
                post.rename(mal / post.name)
                flyttade.append(mal / post.name)
            tillfallig.rmdir()
        else:
            tillfallig.rename(mal)
    except BaseException:
        for post in flyttade:
            if post.is_dir():
                shutil.rmtree(post)
            else:
                post.unlink()
        shutil.rmtree(tillfallig, ignore_errors=True)
        raise
    return [Path(*f.parts) for f in filer]


def sammanfattning(katalog: Path, filer: list[Path]) -> list[str]:
    """Raderna `rapport ny` skriver ut: det som skapades, en rad per katalog, och kommandona att köra sedan."""
    per_katalog: dict[str, list[str]] = {}
    for f in filer:
        per_katalog.setdefault(f.parent.as_posix(), []).append(f.name)
    rader = [f"Skapade {katalog} med {len(filer)} filer:"]
    for namn, innehall in sorted(per_katalog.items()):
        rader.append(f"  {', '.join(innehall)}" if namn == "." else f"  {namn}/: {', '.join(innehall)}")
    rader += ["", "Bygg exemplets rapporter (påhittade siffror för Region Exempel):"]
    if Path(katalog).absolute() != Path.cwd():
        rader.append(f"  cd {shlex.quote(str(katalog))}")
    rader += [f"  {kommando}" for kommando in EXEMPELKOMMANDON]
    rader += ["", "Byt sedan filerna i data/ mot regionens egna exporter; README.md i projektet säger vilka "
              "kolumner, vilken teckenregel och vilken enhet varje fil ska ha."]
    return rader
