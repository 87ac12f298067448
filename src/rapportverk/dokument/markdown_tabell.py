"""GFM-tabeller i redaktörernas text (| Åtgärd | Effekt mkr |) → dokumentmodellens `Tabell`, samma typ som de
beräknade tabellerna, så att båda renderarna och layouten behandlar dem lika.

Tal i cellerna (utom i första kolumnen, radrubrikerna) skrivs om på svenskt vis med `formatering` (mellanslag
för tusental, decimalkomma, riktigt minustecken) och högerställs; en rad vars första cell är fet (**Summa**)
blir en summarad. Det som inte kan bli en tabell blir ett `Tolkningsfel` med raden, aldrig text med | och ---.
"""

from __future__ import annotations

import re
from decimal import Decimal

from markdown_it.tree import SyntaxTreeNode

from rapportverk.dokument.modell import Huvudcell, Justering, Tabell, Tabellrad
from rapportverk.dokument.textblock import TEXTTABELL, utan_markorer
from rapportverk.formatering import procent, tal, tolka_tal

# Ett tal som redaktören skrev: tecken, siffror (gärna med mellanslag för tusental), decimaler med komma eller
# punkt och ett %-tecken sist.
_TAL = re.compile(r"([-−+]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.](\d+))?(\s*%)?")
_ARTAL = re.compile(r"(19|20)\d\d")
# Tomma celler och streck ("–") räknas varken som tal eller text när kolumnens justering avgörs.
_TOMMA = frozenset(("", "-", "–", "—", "..", "…"))
# Raden med streck under rubrikraden: |---|--:|
STRECKRAD = re.compile(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*|\s*\|\s*:?-+:?\s*\|?\s*")
_AVGRANSARE = re.compile(r"(?<!\\)\|")


class Tabellfel(Exception):
    """En tabell som inte kan visas; `rad` är raden i texten (1-baserad)."""

    def __init__(self, text: str, rad: int | None) -> None:
        super().__init__(text)
        self.rad = rad


def antal_celler(rad: str) -> int:
    """Cellerna på en tabellrad i källan: | utan \\ framför skiljer cellerna, | först och sist räknas inte."""
    rad = rad.strip()
    if rad.startswith("|"):
        rad = rad[1:]
    if rad.endswith("|") and not rad.endswith("\\|"):
        rad = rad[:-1]
    return len(_AVGRANSARE.split(rad))


def liknar_tabell(rader: list[str], forsta: int) -> None:
    """Ett stycke vars rader ser ut som en tabell blev ingen tabell: säg varför i stället för att visa | och ---.
    `forsta` är styckets första rad i källan."""
    for i, r in enumerate(rader):
        if STRECKRAD.fullmatch(r) and i > 0:
            raise Tabellfel(f"tabellen kunde inte tolkas: rubrikraden har {antal_celler(rader[i - 1])} kolumner "
                            f"men raden med streck under den har {antal_celler(r)}; skriv lika många, t.ex. "
                            "| Åtgärd | Effekt mkr | och |---|---:|.", forsta + i - 1)
    tabellrader = [i for i, r in enumerate(rader) if r.strip().startswith("|") and r.strip().endswith("|")
                   and len(r.strip()) > 1]
    if tabellrader:
        raise Tabellfel("raden ser ut som en tabell men saknar raden med streck under rubrikraden; skriv t.ex. "
                        "| Åtgärd | Effekt mkr | och på nästa rad |---|---:|, med en tom rad före tabellen.",
                        forsta + tabellrader[0])


def tabell(n: SyntaxTreeNode, kalla: list[str], nummer: int) -> Tabell:
    """En tabellnod från markdown-it. `kalla` är textens rader (för rader med fler celler än rubrikraden)."""
    huvud_nod, *kropp = n.children
    rubrikrad = huvud_nod.children[0]
    bredd = len(rubrikrad.children)
    rader: list[tuple[list[str], bool]] = []
    for tr in (tr for t in kropp for tr in t.children):
        if tr.map and antal_celler(kalla[tr.map[0]]) > bredd:
            raise Tabellfel(f"tabellraden har {antal_celler(kalla[tr.map[0]])} celler men rubrikraden "
                            f"{bredd}; lägg till kolumnen i rubrikraden eller skriv \\| för ett | i en cell.",
                            tr.map[0] + 1)
        celler = [_celltext(td, tr.map[0] + 1 if tr.map else None) for td in tr.children]
        rader.append((celler, _fet_forsta(tr.children[0])))
    rad_nr = rubrikrad.map[0] + 1 if rubrikrad.map else None
    rubriker = [_celltext(th, rad_nr) for th in rubrikrad.children]
    tal_per_kolumn = [_kolumnens_tal(list(kolumn)) for kolumn in zip(*(r for r, _ in rader), strict=True)] \
        if rader else [[] for _ in rubriker]
    justering: list[Justering] = []
    for k, (th, kolumn) in enumerate(zip(rubrikrad.children, tal_per_kolumn, strict=True)):
        stil = str(th.attrs.get("style", ""))
        celler = [r[k] for r, _ in rader]
        siffror = k > 0 and any(t is not None for t in kolumn) and all(
            t is not None or c.strip() in _TOMMA for t, c in zip(kolumn, celler, strict=True))
        justering.append("hoger" if "right" in stil or ("left" not in stil and siffror) else "vanster")
    tabellrader = tuple(
        Tabellrad((celler[0], *(t if t is not None else c
                                for t, c in zip((tal_per_kolumn[k][i] for k in range(1, bredd)), celler[1:],
                                                strict=True))),
                  "summa" if fet else "normal")
        for i, (celler, fet) in enumerate(rader))
    huvud = (tuple(Huvudcell(r, 1, j) for r, j in zip(rubriker, justering, strict=True)),)
    return Tabell(f"{TEXTTABELL}{nummer}", "", huvud, tabellrader, tuple(justering),
                  bredder=_bredder(rubriker, [r for r, _ in rader], justering),
                  alt="Tabell: " + ", ".join(r for r in rubriker if r))


def _kolumnens_tal(celler: list[str]) -> list[str | None]:
    """Cellernas tal på svenskt vis. En kolumn med bara årtal (2024) står kvar som den är skriven, högerställd:
    '2 024' vore fel."""
    tal_ = [_tal(c) for c in celler]
    artal = [c.strip() for c, t in zip(celler, tal_, strict=True) if t is not None]
    if artal and all(_ARTAL.fullmatch(a) for a in artal):
        return [c.strip() if t is not None else None for c, t in zip(celler, tal_, strict=True)]
    return tal_


def _tal(text: str) -> str | None:
    """Cellens tal på svenskt vis ('−1 234,5', '7,5 %'), eller None om cellen inte är ett tal."""
    m = _TAL.fullmatch(text.strip())
    if m is None:
        return None
    tecken, heltal, decimaler, pct = m.groups()
    varde = tolka_tal(f"{'-' if tecken in ('-', '−') else ''}{heltal}.{decimaler or '0'}")
    antal = len(decimaler or "")
    ut = procent(varde, antal) if pct else tal(varde, antal)
    return ("+" + ut) if tecken == "+" and varde > Decimal(0) else ut


def _bredder(rubriker: list[str], rader: list[list[str]],
             justering: list[Justering]) -> tuple[float, ...] | None:
    """Siffertabeller (text bara i första kolumnen) får layoutens bredder; har en annan kolumn text får varje
    kolumn en andel efter sitt längsta innehåll, så att texten bryts i stället för att tränga ut talen."""
    if all(j == "hoger" for j in justering[1:]):
        return None
    langd = [max(12, len(r), *(len(rad[k]) for rad in rader)) for k, r in enumerate(rubriker)]
    langd = [min(x, 60) for x in langd]
    summa = sum(langd)
    delar = [round(100 * x / summa, 2) for x in langd]
    return (round(100 - sum(delar[1:]), 2), *delar[1:])


def _fet_forsta(td: SyntaxTreeNode) -> bool:
    """Cellen är bara fet text (**Summa**): raden är en summarad."""
    if not td.children:
        return False
    delar = [c for c in td.children[0].children if not (c.type == "text" and not c.content.strip())]
    return len(delar) == 1 and delar[0].type == "strong"


def _celltext(cell: SyntaxTreeNode, rad: int | None) -> str:
    """En cells text: tabellens celler är ren text i modellen (fet och kursiv stil i en cell visas inte)."""
    # Ett framräknat värde i en cell blir vanlig text: tabellen i ett textblock hämtas tillbaka som helhet.
    text = "".join(_text(c, rad) for c in cell.children[0].children) if cell.children else ""
    return utan_markorer(text).strip()


def _text(n: SyntaxTreeNode, rad: int | None) -> str:
    if n.type in ("text", "code_inline", "html_inline"):
        return n.content
    if n.type in ("softbreak", "hardbreak"):
        return " "
    if n.type == "image":
        raise Tabellfel("en bild kan inte stå i en tabellcell; lägg bilden före eller efter tabellen.", rad)
    return "".join(_text(c, rad) for c in n.children)
