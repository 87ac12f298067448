"""Layouten, en gång för båda formaten (DESIGN §2): det som DOCX och PDF annars skulle bestämma var för sig.

`ordna` körs sist när dokumentet byggs (och av renderarna på ett dokument som inte har gått igenom den) och
skriver resultatet i modellens fält:

- rubriknivåer utan hopp (skärmläsare navigerar efter nivåerna; PDF/UA och WCAG 1.3.1 underkänner hopp) och
  numret som det står före rubriken;
- breda tabeller i liggande avsnitt, med rubrikerna direkt före dem, så att en rubrik aldrig står ensam kvar
  längst ned på en stående sida;
- innehållsförteckningens poster, och att titelsidan och förteckningen står på egna sidor;
- markeringarnas etikett;
- vilka länkar som är klickbara;
- tabellernas radstil och vad som hålls ihop (`layout_tabell`), och kolumnbredderna efter textens bredd i
  typsnittet och sidans textbredd (`kolumnbredd`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from rapportverk.dokument import stil
from rapportverk.dokument.kolumnbredd import slutliga_bredder
from rapportverk.dokument.layout_tabell import SAMMANSATTNINGAR, ordna_tabell
from rapportverk.dokument.modell import (
    Betonad,
    Block,
    Dokument,
    Inline,
    Innehall,
    Lank,
    Liggande,
    Lista,
    Markering,
    Rubrik,
    Stark,
    Stycke,
    Tabell,
    Textblock,
    Titelsida,
    lankbar,
    rubriker,
)

ETIKETTER = {"saknas": "Saknas", "varning": "Varning"}


def ordna(dok: Dokument, sammansattningar: tuple[str, ...] = SAMMANSATTNINGAR) -> Dokument:
    """Dokumentet med layouten bestämd. Ett dokument som redan är ordnat returneras som det är.
    `sammansattningar`: orden med | i fogarna som kolumnrubrikerna avstavas i (de inbyggda och konfigurationens)."""
    if dok.ordnad:
        return dok
    block = _liggande(utan_hoppade_nivaer(dok).block)
    alla = rubriker(Dokument(dok.meta, block))
    sedda = 0  # rubriker hittills i dokumentordning: förteckningen tar dem som följer

    def ett(b: Block) -> Block:
        nonlocal sedda
        match b:
            case Rubrik():
                sedda += 1
                return dataclasses.replace(b, innehall=_inline(b.innehall), nummertext=nummertext(b.nummer))
            case Stycke():
                return Stycke(_inline(b.innehall))
            case Tabell():
                return ordna_tabell(b, sammansattningar)
            case Markering():
                etikett = ETIKETTER[b.typ]
                return dataclasses.replace(b, etikett="" if etikett.lower() in b.text.lower() else etikett)
            case Innehall():
                poster = tuple(r.id for r in alla[sedda:] if r.i_innehall and r.niva <= b.djup)
                return dataclasses.replace(b, poster=poster, ny_sida_efter=True)
            case Titelsida():
                return dataclasses.replace(b, ny_sida_efter=True)
        return b

    return Dokument(dok.meta, _med_bredder(_ga(block, ett)), ordnad=True)


def textbredd(liggande: bool) -> int:
    """Textbredden (twips) på en stående eller liggande A4-sida med husets marginaler (dokument/stil.py)."""
    _, hoger, _, vanster = stil.LIGGANDE_MARGINALER_CM if liggande else stil.MARGINALER_CM
    return round(((29.7 if liggande else 21.0) - hoger - vanster) / 2.54 * 1440)


def _med_bredder(block: tuple[Block, ...], liggande: bool = False) -> tuple[Block, ...]:
    """Tabellernas slutliga kolumnbredder efter innehållet och textbredden där de står (stående eller liggande)."""
    ut: list[Block] = []
    for b in block:
        if isinstance(b, Tabell):
            b = dataclasses.replace(b, bredder=slutliga_bredder(b, textbredd(liggande)))
        elif isinstance(b, Liggande):
            b = Liggande(_med_bredder(b.block, True))
        elif isinstance(b, Lista):
            b = dataclasses.replace(b, punkter=tuple(_med_bredder(p, liggande) for p in b.punkter))
        ut.append(b)
    return tuple(ut)


def _ga(block: tuple[Block, ...], f: Callable[[Block], Block]) -> tuple[Block, ...]:
    """`f` på varje block i dokumentordning, också inne i liggande avsnitt och listor."""
    ut: list[Block] = []
    for b in block:
        b = f(b)
        if isinstance(b, Liggande):
            b = Liggande(_ga(b.block, f))
        elif isinstance(b, Lista):
            b = dataclasses.replace(b, punkter=tuple(_ga(p, f) for p in b.punkter))
        ut.append(b)
    return tuple(ut)


def utan_hoppade_nivaer(dok: Dokument) -> Dokument:
    """Dokumentet utan hoppade rubriknivåer (PDF/UA), med rubrikerna i samma inbördes ordning som de skrevs.

    Redaktörens text kan ha `###` direkt under ett kapitel (`#`): de rubrikerna blir nivå 2, alla lika, och det
    som står under dem flyttas upp lika mycket. En rubrik hamnar under den närmaste föregående som skrevs med
    lägre nivå; syskon som skrevs på samma nivå får samma nivå. Dokument som redan följer ordningen returneras
    oförändrade (samma objekt).
    """
    stack: list[tuple[int, int]] = []  # (skriven nivå, nivå i utdata) för rubrikerna ovanför
    andrad = False

    def niva(b: Block) -> Block:
        nonlocal andrad
        if isinstance(b, Rubrik):
            while stack and stack[-1][0] >= b.niva:
                stack.pop()
            ny = stack[-1][1] + 1 if stack else 1
            stack.append((b.niva, ny))
            if ny != b.niva:
                b = dataclasses.replace(b, niva=ny)
                andrad = True
        return b

    block = _ga(dok.block, niva)
    return dataclasses.replace(dok, block=block) if andrad else dok


def _liggande(block: tuple[Block, ...]) -> tuple[Block, ...]:
    """Breda tabeller i egna liggande avsnitt, och rubrikerna direkt före ett liggande avsnitt flyttade in i det:
    bytet till liggande sidor börjar en ny sida, och rubrikerna ska stå på samma sida som det de inleder."""
    ut: list[Block] = []
    for b in block:
        if isinstance(b, Tabell) and b.bred:
            b = Liggande((b,))
        if isinstance(b, Liggande):
            fore: list[Block] = []
            # Ett textblocks början följer med rubriken: blocket kan börja med sin breda tabell.
            while ut and isinstance(ut[-1], Rubrik | Textblock):
                fore.insert(0, ut.pop())
            while fore and isinstance(fore[0], Textblock):
                ut.append(fore.pop(0))
            b = Liggande((*fore, *b.block))
        ut.append(b)
    return tuple(ut)


def nummertext(nummer: str | None) -> str:
    """'1' → '1.', '2.1.' står kvar; inget nummer → ''."""
    if not nummer:
        return ""
    return nummer if nummer.endswith(".") else nummer + "."


def _inline(innehall: tuple[Inline, ...], i_lank: bool = False) -> tuple[Inline, ...]:
    """Länkar med otillåtna adresser, och länkar i länkar, blir sin text."""
    ut: list[Inline] = []
    for i in innehall:
        if isinstance(i, Lank):
            inre = _inline(i.innehall, True)
            if lankbar(i.url) and not i_lank:
                ut.append(Lank(inre, i.url))
            else:
                ut.extend(inre)
        elif isinstance(i, Betonad | Stark):
            ut.append(type(i)(_inline(i.innehall, i_lank)))
        else:
            ut.append(i)
    return tuple(ut)
