"""`rapport hamta`: text som redaktörer ändrat i DOCX:en förs tillbaka till textblocken, utan att något går förlorat.

För varje märkt textblock: oförändrat innehåll (samma avtryck som när dokumentet byggdes) rör ingenting. Annars
jämförs blocket stycke för stycke med källtexten: stycken som är lika står kvar ordagrant (med sina uttryck och
radbrytningar), ändrade och nya skrivs som Markdown, där varje framräknat värde blir sitt uttryck igen. Text med
villkor och loopar (`{% %}`) sammanfogas ord för ord (trevag.py). Har filen ändrats sedan bygget, går en ändring
inte att placera, eller försvann ett värde, skrivs inget i filen; DOCX:ens version hamnar i en fil bredvid
(`analys.md.fran-word.md`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from rapportverk import skriv
from rapportverk.dokument import markdown_ut
from rapportverk.dokument.mall import las_text
from rapportverk.dokument.markdown import tolka
from rapportverk.dokument.modell import Figur
from rapportverk.dokument.tabell import slug
from rapportverk.dokument.textblock import TEXTBILD, UTTRYCK, fingeravtryck, kallhash
from rapportverk.dokument.textstatus import dela
from rapportverk.fel import Fel, RapportverkFel
from rapportverk.redaktion import trevag
from rapportverk.redaktion.docx_las import Lastblock, las

KONFLIKT = ".fran-word.md"
_SATS = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_UT, _UT_SLUT, _SA, _SA_SLUT = "\ue010", "\ue011", "\ue012", "\ue013"
_TOKEN = re.compile(f"{_UT}(\\d+){_UT_SLUT}|{_SA}(\\d+){_SA_SLUT}")
_VARDEN = re.compile(f"{_UT}\\d+{_UT_SLUT}")
_BILD_NOT = re.compile(r"!\[|\[\^")
_SATSER = re.compile(f"{_SA}\\d+{_SA_SLUT}")
_md = MarkdownIt("commonmark").enable("table")


@dataclass
class Blockresultat:
    kalla: str
    status: str  # oforandrat, andrat, konflikt, for_hand
    diff: str = ""
    meddelanden: list[str] = field(default_factory=list)
    ny_text: str | None = None
    konfliktfil: str | None = None


@dataclass
class Resultat:
    fil: str
    block: list[Blockresultat]
    meddelanden: list[str]


def hamta(filer: list[Path], projektrot: Path, skriv_filer: bool = False) -> list[Resultat]:
    """Läs DOCX-filerna och jämför varje textblock med sin fil; med `skriv_filer` skrivs de ändrade (atomiskt)."""
    ut = []
    for fil in filer:
        try:
            lasning = las(fil)
        except Exception:  # python-docx ger många slags fel för en fil som inte är en .docx
            raise RapportverkFel(Fel("filen går inte att läsa som Word-dokument; spara den som .docx (Word-dokument) "
                                     "i Word eller LibreOffice.", str(fil))) from None
        meddelanden = [f"en genererad tabell är ändrad (ungefär sida {s}: \"{t[:40]}\"); ändringen tas inte med – "
                       "tabellen byggs från data." for s, t in lasning.andrade_tabeller]
        meddelanden += [f"text utanför textblocken, ungefär sida {s}: \"{_borjan(t)}\"; den tas inte med – flytta "
                        "den till ett textblock." for s, t in lasning.utanfor]
        block = [_ett(b, projektrot) for b in lasning.textblock]
        if not block:  # utan märkning är all text "utanför": säg bara det som går att göra något åt
            meddelanden = ["filen har inga märkta textblock: den är inte byggd av rapportverk, eller byggd av en "
                               "äldre version; bygg rapporten igen och skriv i den nya filen."]
        ut.append(Resultat(str(fil), block, meddelanden))
    if skriv_filer:
        _skriv(ut, projektrot)
    return ut


def _borjan(text: str, ord_: int = 8) -> str:
    delar = text.split()
    return " ".join(delar[:ord_]) + (" …" if len(delar) > ord_ else "")


def _ett(b: Lastblock, projektrot: Path) -> Blockresultat:
    fil = (projektrot / b.kalla).resolve()
    med = [f"värdet \"{v}\" är ändrat i Word; det räknas fram ur data och ändringen tas inte med."
           for v in b.andrade_varden]
    # Sökvägen kommer ur DOCX-filen: bara textblock (.md) i projektet läses och skrivs.
    if not fil.is_relative_to(projektrot.resolve()) or fil.suffix != ".md":
        return Blockresultat(b.kalla, "saknas", meddelanden=[
            *med, "textblocket ligger inte i projektet; hämta i det projekt som byggde filen (--konfig)."])
    if fingeravtryck(markdown_ut.skriv(b.block, jamfor=True)) == b.avtryck:
        return Blockresultat(b.kalla, "oforandrat", meddelanden=med)
    if not fil.is_file():
        return Blockresultat(b.kalla, "saknas", meddelanden=[
            *med, "textblocket finns inte i projektet; hämta i det projekt som byggde filen (--konfig), eller "
            "skapa filen."])
    framsida, kropp = dela(las_text(fil))
    if kallhash(kropp) != b.kallhash:
        # Filen har ändrats: dess uttryck är kanske inte längre de som gav värdena, så värdena skrivs som text.
        word = markdown_ut.skriv(b.block, varde=lambda g: g.text)
        return Blockresultat(b.kalla, "konflikt", _diff(b.kalla, kropp, word), [
            *med, "filen har ändrats sedan dokumentet byggdes; den skrivs inte, Words version sparas bredvid."],
            framsida + word)
    uttryck = [m.group(0) for m in UTTRYCK.finditer(kropp)]
    fran_word = framsida + _tillbaka(markdown_ut.skriv(b.block, varde=_varde(uttryck)), uttryck, [])
    ny, hinder = sammanfoga(kropp, b)
    if hinder:
        return Blockresultat(b.kalla, "for_hand", _diff(b.kalla, kropp, fran_word[len(framsida):]),
                             [*med, hinder], fran_word)
    if ny == kropp:
        return Blockresultat(b.kalla, "oforandrat", meddelanden=med)
    return Blockresultat(b.kalla, "andrat", _diff(b.kalla, kropp, ny), med, framsida + ny)


def _varde(uttryck: list[str]):
    return lambda g: uttryck[g.nummer] if g.nummer < len(uttryck) else markdown_ut.token(g)


def _diff(namn: str, fore: str, efter: str) -> str:
    return "".join(difflib.unified_diff(fore.splitlines(keepends=True), efter.splitlines(keepends=True),
                                        f"{namn} (fil)", f"{namn} (Word)"))


def _tokeniserad(kropp: str) -> tuple[str, list[str], list[str]]:
    """Källtexten med uttryck och satser ersatta av tecken, som Markdown-tolkningen inte rör."""
    uttryck: list[str] = []
    satser: list[str] = []

    def ut(m: re.Match[str]) -> str:
        uttryck.append(m.group(0))
        return f"{_UT}{len(uttryck) - 1}{_UT_SLUT}"

    def sa(m: re.Match[str]) -> str:
        satser.append(m.group(0))
        return f"{_SA}{len(satser) - 1}{_SA_SLUT}"

    return _SATS.sub(sa, UTTRYCK.sub(ut, kropp)), uttryck, satser


def _tillbaka(text: str, uttryck: list[str], satser: list[str]) -> str:
    return _TOKEN.sub(lambda m: uttryck[int(m.group(1))] if m.group(1) else satser[int(m.group(2))], text)


def _bitar(tok: str) -> tuple[list[tuple[list[str], list[str]]], list[str]]:
    """Källtextens översta block: (raderna före, blockets rader), och raderna efter sista blocket."""
    rader = tok.split("\n")
    bitar, slut = [], 0
    for t in _md.parse(tok):
        if t.level == 0 and t.map and t.nesting in (0, 1):
            a, b = t.map
            bitar.append((rader[slut:a], rader[a:b]))
            slut = b
    return bitar, rader[slut:]


def _jamfor(tok: str) -> str:
    try:
        bild = lambda src, alt: Figur(f"{TEXTBILD}{slug(src)}", b"", alt, alt)  # noqa: E731 (som i bygget)
        return "\n\n".join(markdown_ut.delar(tolka(tok, bild=bild), jamfor=True))
    except Exception:  # Markdown som inte kan tolkas jämförs som den står
        return tok


def sammanfoga(kropp: str, b: Lastblock) -> tuple[str, str | None]:
    """Källtexten med blockets ändringar: (ny text, hinder). Lika stycken står kvar ordagrant."""
    tok, uttryck, satser = _tokeniserad(kropp)
    bitar, efter = _bitar(tok)
    # Stycken med bara satser ({% for %} på egen rad) visar inget: de står kvar där de står.
    jamforda = [i for i, (_, t) in enumerate(bitar) if _SATSER.sub("", "\n".join(t)).strip()]
    kalla_former = [_jamfor("\n".join(bitar[i][1])) for i in jamforda]
    word = markdown_ut.delar(b.block, jamfor=True)
    skrivna = markdown_ut.delar(b.block)
    behall = set(range(len(bitar))) - set(jamforda)
    nya_fore: dict[int, list[str]] = {}  # källblockets nummer → nya block som ska stå före det
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, kalla_former, word, autojunk=False).get_opcodes():
        if op == "equal":
            behall.update(jamforda[i1:i2])
            continue
        # Ett stycke med bara ett uttryck (tabell(), diagram(), ett värde) står kvar: det byggs från data.
        ensamma = {jamforda[i] for i in range(i1, i2) if _VARDEN.fullmatch("\n".join(bitar[jamforda[i]][1]).strip())}
        behall.update(ensamma)
        borta = "\n".join("\n".join(bitar[jamforda[i]][1]) for i in range(i1, i2) if jamforda[i] not in ensamma)
        nya = "".join(skrivna[j1:j2])
        if _BILD_NOT.search(borta):
            return kropp, ("ändringen rör ett stycke med en bild eller fotnot, som inte kan föras tillbaka från Word; "
                           "för in den för hand från Words version.")
        if _SA in borta:  # villkor och loopar: ord för ord mot innehållet som det byggdes, om det finns
            ny = trevag.sammanfoga(tok, b.byggd, markdown_ut.skriv(b.block)) if b.byggd else None
            if ny is None:
                return kropp, ("ändringen rör text med villkor eller loopar ({% %}) som inte går att placera i "
                               "källtexten; för in den för hand från Words version.")
            return _tillbaka(ny, uttryck, satser), None
        if Counter(_VARDEN.findall(borta)) - Counter(_VARDEN.findall(nya)):
            return kropp, ("ett framräknat värde togs bort i Word; för in ändringen för hand från Words version, "
                           "eller ta bort uttrycket i textblocket.")
        plats = jamforda[i1] if i1 < len(jamforda) else len(bitar)
        nya_fore.setdefault(plats, []).extend(skrivna[j1:j2])
    rader: list[str] = []
    ny_fore = False
    for i in range(len(bitar) + 1):
        for ny in nya_fore.get(i, []):
            rader.extend(["", *ny.split("\n")] if rader and rader[-1] != "" else ny.split("\n"))
            ny_fore = True
        if i < len(bitar) and i in behall:
            fore, text = bitar[i]
            if ny_fore and "" not in fore:
                fore = ["", *fore]
            rader.extend(fore + text if rader or not ny_fore else text)
            ny_fore = False
    rader.extend(efter)
    return _tillbaka("\n".join(rader), uttryck, satser), None


def _skriv(resultat: list[Resultat], projektrot: Path) -> None:
    for r in resultat:
        for b in r.block:
            if b.ny_text is None:
                continue
            mal = projektrot / b.kalla
            if b.status == "andrat":
                skriv.skriv_atomiskt(mal, b.ny_text.encode("utf-8"))
            else:
                konflikt = mal.with_name(mal.name + KONFLIKT)
                skriv.skriv_atomiskt(konflikt, b.ny_text.encode("utf-8"))
                b.konfliktfil = str(konflikt.relative_to(projektrot))
