"""Markdown (redaktörernas text och layoutmallen) → dokumentmodellens block, med markdown-it-py.

HTML är avstängt i parsern: `<script>` i ett textblock blir synlig text, aldrig kod. Block som mallen
infogar (tabeller, diagram) står som platshållare `\\ue000N\\ue001` i ett eget stycke och byts ut här;
tecknen rensas ur redaktörernas text innan den når mallen, så ingen text kan förfalska en platshållare.

GFM-tabeller blir modellens tabeller (`markdown_tabell`) och fotnoter upphöjda siffror med förklaringarna sist
(`fotnoter`); det som ser ut som en tabell eller fotnot men inte kan tolkas blir ett fel med rad, aldrig text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from rapportverk.dokument.fotnoter import Fotnotsfel, fotnoter, upphojd
from rapportverk.dokument.markdown_tabell import Tabellfel, liknar_tabell, tabell
from rapportverk.dokument.modell import (
    Betonad,
    Block,
    Inline,
    Lank,
    Lista,
    Radbrytning,
    Rubrik,
    Stark,
    Stycke,
    Text,
    lankbar,
)
from rapportverk.dokument.textblock import MARKORER, dela_varden, utan_markorer
from rapportverk.fel import Fel, RapportverkFel

START, SLUT = "\ue000", "\ue001"
_PLATSHALLARE = re.compile(f"^{START}(\\d+){SLUT}$")

_md = MarkdownIt("commonmark", {"html": False, "typographer": False, "maxNesting": 100}).enable("table")
# markdown-it slutar tyst att tolka resten av texten när nästlingen når maxNesting; vi sätter den högt och säger
# själva till långt innan (en lista i 10 nivåer är redan mer än Word kan numrera).
MAX_NIVA = 20
# Låt parsern släppa igenom alla adresser: våra egna hanterare nedan avgör (länkar bara http/https/mailto,
# bilder bara filer i projektet) och kan då säga till i stället för att tyst visa markeringen som text.
_md.validateLink = lambda url: True  # type: ignore[method-assign]

Bildhanterare = Callable[[str, str], Block]

# Ett stycke med tusentals kursiva och feta delar tar WeasyPrint kvadratisk tid att bryta i rader (1 000 delar ≈ 1 s,
# 6 000 ≈ 50 s). Ingen verklig text har fler än några tiotal; gränsen gör ett felskrivet stycke till ett fel i
# stället för ett bygge som står still.
MAX_FORMATERINGAR = 200


class Tolkningsfel(Exception):
    """Markdown som inte kan visas; `rad` är raden i den renderade texten (samma som i källan utan Jinja-loopar)."""

    def __init__(self, text: str, rad: int | None) -> None:
        super().__init__(text)
        self.rad = rad


def rensa(text: str) -> str:
    """Ta bort platshållartecknen (och värdenas markörer, dokument/textblock.py) ur text från redaktörer."""
    for tecken in (START, SLUT, *MARKORER):
        text = text.replace(tecken, "")
    return text


def platshallare(index: int) -> str:
    return f"\n\n{START}{index}{SLUT}\n\n"


# En punkt i en bokstavslista: "a) text" (som i svenska beslut och uppdrag), på samma indrag som listans a).
_BOKSTAV = re.compile(r"^(\s*)([a-z])\) ")


def bokstavslistor(text: str) -> str:
    """Bokstavslistor (a), b), c) …) som numrerade listor (1), 2) …) för Markdown-tolken, som bara känner siffror;
    raderna byter bara märke, så radnumren i fel stämmer. En lista börjar med a) och fortsätter med nästa bokstav
    på samma indrag; ett ensamt "b) " i en mening rörs inte."""
    rader = text.split("\n")
    vantad: dict[int, str] = {}  # indrag → nästa bokstav i listan som pågår där
    for i, rad in enumerate(rader):
        m = _BOKSTAV.match(rad)
        if not m:
            continue
        indrag, bokstav = len(m.group(1)), m.group(2)
        if bokstav == "a" or vantad.get(indrag) == bokstav:
            vantad[indrag] = chr(ord(bokstav) + 1)
            rader[i] = f"{m.group(1)}{ord(bokstav) - 96}) {rad[m.end():]}"
    return "\n".join(rader)


def tolka(text: str, infogade: list[Block | list[Block]] | None = None,
          bild: Bildhanterare | None = None, visning: str | None = None) -> list[Block]:
    """Markdown → block. `infogade[N]` ersätter platshållare N; `bild` hanterar ![alt](sökväg). Med `visning`
    (filen texten kommer från) blir Markdown som inte kan visas ett svenskt fel med fil och rad."""
    try:
        text, noter = fotnoter(text)
        tokens = _md.parse(bokstavslistor(text))
        _rakna_formateringar(tokens)
        kalla = text.split("\n")  # som skrivet: en bokstavslista känns igen på sin första rad
        block = _block(SyntaxTreeNode(tokens).children, infogade or [], bild, kalla)
        for n in noter:  # förklaringarna sist i blocket, med samma upphöjda siffra som hänvisningen
            stycke = _block(SyntaxTreeNode(_md.parse(n.text)).children, [], bild, [n.text])
            innehall = stycke[0].innehall if len(stycke) == 1 and isinstance(stycke[0], Stycke) else ()
            block.append(Stycke((Text(upphojd(n.nummer) + "\u00a0"), *innehall)))
        return block
    except (Tolkningsfel, Tabellfel, Fotnotsfel) as exc:
        if visning is None:
            raise
        raise RapportverkFel(Fel(str(exc), visning, exc.rad)) from None


def _block(noder: list[SyntaxTreeNode], infogade: list[Block | list[Block]], bild: Bildhanterare | None,
           kalla: list[str]) -> list[Block]:
    """Blocken; `kalla` är textens rader (tabellerna läser sina rader där)."""
    ut: list[Block] = []
    for n in noder:
        if n.type == "heading":
            ut.append(Rubrik(int(n.tag[1]), tuple(_inline(n.children[0].children, bild, ut)), id=""))
        elif n.type == "paragraph":
            inline_nod = n.children[0]
            m = _PLATSHALLARE.match(inline_nod.content.strip())
            if m:
                infogat = infogade[int(m.group(1))]
                ut.extend(infogat if isinstance(infogat, list) else [infogat])
                continue
            if n.map:
                liknar_tabell(inline_nod.content.split("\n"), n.map[0] + 1)
            innehall = _inline(inline_nod.children, bild, ut)
            if innehall:
                ut.append(Stycke(tuple(innehall)))
        elif n.type in ("bullet_list", "ordered_list"):
            punkter = tuple(tuple(_block(punkt.children, infogade, bild, kalla)) for punkt in n.children)
            bokstaver = bool(n.type == "ordered_list" and n.map and n.map[0] < len(kalla)
                             and _BOKSTAV.match(kalla[n.map[0]]))
            ut.append(Lista(punkter, numrerad=n.type == "ordered_list", bokstaver=bokstaver))
        elif n.type == "table":
            ut.append(tabell(n, kalla, n.map[0] + 1 if n.map else len(ut)))
        elif n.type == "blockquote":
            ut.extend(_block(n.children, infogade, bild, kalla))
        elif n.type in ("fence", "code_block"):
            ut.append(Stycke((Text(utan_markorer(n.content.rstrip("\n"))),)))
        elif n.type == "html_block":  # uppstår inte med html avstängt, men visa som text om det sker
            ut.append(Stycke((Text(utan_markorer(n.content)),)))
        # hr och annat ignoreras: sidbrytning görs med {{ sidbrytning() }}
    return ut


def _rakna_formateringar(tokens: list[Token]) -> None:
    """Kursiva, feta och länkade delar per stycke, och hur djupt listor och citat är nästlade, räknat på
    parserns tecken innan något byggs."""
    for t in tokens:
        if t.level >= MAX_NIVA:
            raise Tolkningsfel("texten är nästlad för djupt (listor eller citat i tio nivåer eller fler); minska "
                               "indraget eller dela upp listan.", t.map[0] + 1 if t.map else None)
        if t.type != "inline" or not t.children:
            continue
        antal = sum(1 for c in t.children if c.type in _FORMATERING)
        if antal > MAX_FORMATERINGAR:
            raise Tolkningsfel(f"stycket har {antal} kursiva, feta eller länkade delar, fler än de "
                               f"{MAX_FORMATERINGAR} som ett stycke kan ha; kontrollera att varje * och ** är "
                               "stängd, eller dela upp stycket.", t.map[0] + 1 if t.map else None)


_FORMATERING = frozenset(("em_open", "strong_open", "link_open"))


def _inline(noder: list[SyntaxTreeNode], bild: Bildhanterare | None, block: list[Block]) -> list[Inline]:
    ut: list[Inline] = []
    for n in noder:
        if n.type in ("text", "code_inline", "html_inline"):
            _lagg_text(ut, n.content)
        elif n.type == "softbreak":
            _lagg_text(ut, " ")
        elif n.type == "hardbreak":
            ut.append(Radbrytning())
        elif n.type == "em":
            ut.append(Betonad(tuple(_inline(n.children, bild, block))))
        elif n.type == "strong":
            ut.append(Stark(tuple(_inline(n.children, bild, block))))
        elif n.type == "link":
            url = utan_markorer(str(n.attrs.get("href", "")))
            innehall = _inline(n.children, bild, block)
            if lankbar(url):
                ut.append(Lank(tuple(innehall), url))
            else:
                ut.extend(innehall)
        elif n.type == "image":
            if bild is None:
                _lagg_text(ut, f"[bild: {n.attrs.get('alt', '')}]")
            else:
                block.append(bild(utan_markorer(str(n.attrs.get("src", ""))),
                                  utan_markorer("".join(c.content for c in n.children))))
    # Värden som ett uttryck räknade fram står inom markörer i texten: de blir `Genererad`.
    return [d for i in ut for d in (dela_varden("".join(i)) if isinstance(i, _Textbitar) else [i])]


def _lagg_text(ut: list[Inline], text: str) -> None:
    # Text som följer på text slås ihop; bitarna samlas i en lista och fogas ihop en gång, så att tusentals
    # textbitar i rad inte kopierar strängen om och om igen.
    if ut and isinstance(ut[-1], _Textbitar):
        ut[-1].append(text)
    else:
        ut.append(_Textbitar([text]))  # type: ignore[arg-type]


class _Textbitar(list):
    """Text under uppbyggnad i `_inline`; blir en `Text` när stycket är klart."""
