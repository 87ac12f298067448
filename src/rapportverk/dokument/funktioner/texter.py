"""Mallfunktionen text(): ett textblock (Markdown + Jinja i samma sandlåda) med sina bilder.

Ett textblock renderas och tolkas för sig, så att fel och bilder pekar på rätt fil och rad. Ett fel i ett
textblock samlas och visas med de andra; tidsgränsen gäller hela renderingen och går rakt igenom.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rapportverk.dokument import markdown_ut
from rapportverk.dokument.funktioner.bygge import Bygge, bind
from rapportverk.dokument.mall import Funktioner, Mallfel, Tidsgransfel, las_text, rendera, textfil
from rapportverk.dokument.markdown import rensa, tolka
from rapportverk.dokument.modell import Block, Figur, Markering, Textblock, Textblockslut
from rapportverk.dokument.tabell import slug
from rapportverk.dokument.textblock import TEXTBILD, fingeravtryck, kallhash, marke_varden
from rapportverk.dokument.textstatus import Anvant, dela, las
from rapportverk.fel import Fel, RapportverkFel, visningsnamn

PNG = b"\x89PNG\r\n\x1a\n"


def text(namn: str, *, bygge: Bygge) -> str:
    """Textblocket `namn`.md, sökt i rapporttypens textkataloger (periodens och nämndens först); front matter
    (status, ansvarig, datum) visas aldrig i rapporten."""
    b = bygge
    if not isinstance(namn, str) or not namn or ".." in namn or namn.startswith(("/", "\\")) or "\\" in namn:
        raise Mallfel(f"textblocket '{namn}' har ett ogiltigt namn; skriv t.ex. \"viktiga_handelser\" eller "
                      "\"aktiviteter/vantetider\" (en underkatalog), utan '..'.")
    fil = textfil(b.rotter, namn)
    if fil is None:
        b.textblock.append(Anvant(namn, None, None))
        if b.slutlig:
            b.saknade.append(namn)
            return ""
        return b.infoga(Markering(f"[Text saknas: {namn}]"))
    visning = visningsnamn(fil)
    b.lasta.append(fil)
    if fil in b.pagaende:  # text() i text() får inte gå runt
        kedja = " → ".join(visningsnamn(f) for f in [*b.pagaende[b.pagaende.index(fil):], fil])
        raise Mallfel(f"textblocket tar med sig självt ({kedja}); ta bort text(\"{namn}\") ur kedjan.")
    b.pagaende.append(fil)
    plats = len(b.textblock)
    b.textblock.append(Anvant(namn, fil, None))  # före blocken som texten själv tar med sig
    try:
        # Front matter (status, ansvarig …) hör till filen, inte till texten: den blir tomma rader, så att felen
        # pekar på rätt rad i filen. Uttryckens värden märks, och blocket får sin fil och källtextens hash
        # (dokument/textblock.py), så att `rapport hamta` hittar tillbaka.
        kalltext = las_text(fil)
        status, kropp = las(kalltext, visning)
        b.textblock[plats] = Anvant(namn, fil, status)
        md = rendera(b.env, b.kontext, kalla=marke_varden(rensa(kropp)), visning=visning)
        block = tolka(md, bild=bildhanterare(fil, b.projekt.katalog.parent, visning), visning=visning)
        marke = Textblock(_projektsokvag(fil, b.projekt.katalog.parent), kallhash(dela(kalltext)[1]),
                          fingeravtryck(markdown_ut.skriv(block, jamfor=True)))
        return b.infoga([marke, *block, Textblockslut()])
    except Tidsgransfel:
        raise
    except RapportverkFel as exc:
        b.fel.extend(exc.fel)
        return ""
    finally:
        b.pagaende.pop()


def _projektsokvag(fil: Path, projektrot: Path) -> str:
    """Filens sökväg i projektet ('texter/2024-08/…/analys.md'), som `rapport hamta` skriver tillbaka till."""
    fil, rot = fil.resolve(), projektrot.resolve()
    return fil.relative_to(rot).as_posix() if fil.is_relative_to(rot) else fil.as_posix()


def bildhanterare(fil: Path, projektrot: Path, visning: str) -> Callable[[str, str], Block]:
    """![alt](sökväg) i textblocket `fil`: en PNG-fil i projektet, med alternativtext."""
    def bild(src: str, alt: str) -> Block:
        if ":" in src.split("/")[0]:
            raise RapportverkFel(Fel(f"bilden '{src}' hämtas från nätet eller via en adress; lägg bildfilen i "
                                     "projektet och skriv en relativ sökväg.", visning))
        sokvag = (fil.parent / src).resolve()
        if not sokvag.is_relative_to(projektrot.resolve()):
            raise RapportverkFel(Fel(f"bilden '{src}' ligger utanför projektet; kopiera den till projektet.",
                                     visning))
        if not sokvag.is_file() or not sokvag.read_bytes().startswith(PNG):
            raise RapportverkFel(Fel(f"bilden '{src}' finns inte eller är inte en PNG-fil.", visning))
        if not alt.strip():
            raise RapportverkFel(Fel(f"bilden '{src}' saknar alternativtext; skriv ![beskrivning]({src}).", visning))
        return Figur(f"{TEXTBILD}{slug(src)}", sokvag.read_bytes(), alt, alt)
    return bild


def funktioner(bygge: Bygge) -> Funktioner:
    return bind(bygge, text)
