"""Det som PDF- och DOCX-renderaren gör lika, så att de två formaten aldrig skiljer sig åt.

- Rubriknivåer utan hopp: en rubrik ligger högst en nivå under den förra (`###` direkt under `#` blir nivå 2).
  Skärmläsare navigerar efter nivåerna, och PDF/UA och WCAG 1.3.1 underkänner hoppade nivåer.
- Kolumnrubriker som har text i bara en av flera rubrikrader slås ihop lodrätt (rowspan i HTML, vMerge i Word),
  så att ingen rubrikcell är tom och varje värdecell får sin kolumnrubrik.
"""

from __future__ import annotations

import dataclasses

from rapportverk.dokument.modell import Block, Dokument, Huvudcell, Liggande, Lista, Rubrik


def utan_hoppade_nivaer(dok: Dokument) -> Dokument:
    """Dokumentet med varje rubrik på högst (förra rubrikens nivå + 1); första rubriken blir nivå 1.

    Redaktörens text kan ha `###` direkt under ett kapitel (`#`); i utdata blir den nivå 2. Dokument som redan
    följer ordningen returneras oförändrade (samma objekt).
    """
    forra = 0
    andrad = False

    def ga(block: tuple[Block, ...]) -> tuple[Block, ...]:
        nonlocal forra, andrad
        ut: list[Block] = []
        for b in block:
            if isinstance(b, Rubrik):
                niva = min(b.niva, forra + 1)
                if niva != b.niva:
                    b = dataclasses.replace(b, niva=niva)
                    andrad = True
                forra = niva
            elif isinstance(b, Liggande):
                b = Liggande(ga(b.block))
            elif isinstance(b, Lista):
                b = Lista(tuple(ga(p) for p in b.punkter), b.numrerad)
            ut.append(b)
        return tuple(ut)

    block = ga(dok.block)
    return Dokument(dok.meta, block) if andrad else dok


def kolumntexter(huvud: tuple[tuple[Huvudcell, ...], ...], pos: int) -> list[str]:
    """Texten i kolumn `pos` i varje rubrikrad ('\\0' för en cell som spänner över flera kolumner)."""
    ut = []
    for rad in huvud:
        p = 0
        for c in rad:
            if p == pos:
                ut.append(c.text if c.spann == 1 else "\0")
            p += c.spann
    return ut


def lodrata_sammanslagningar(huvud: tuple[tuple[Huvudcell, ...], ...]) -> dict[tuple[int, int], str]:
    """{(rad, kolumn): 'restart' | 'continue'}: en kolumn (spann 1 i alla rubrikrader) med text i högst en rad
    slås ihop lodrätt från första raden; texten står i den sammanslagna cellen (nederst)."""
    if len(huvud) < 2:
        return {}
    ut: dict[tuple[int, int], str] = {}
    bredd = sum(c.spann for c in huvud[0])
    for pos in range(bredd):
        texter = kolumntexter(huvud, pos)
        if len(texter) == len(huvud) and "\0" not in texter and sum(1 for x in texter if x) == 1:
            ut[(0, pos)] = "restart"
            for r in range(1, len(huvud)):
                ut[(r, pos)] = "continue"
    return ut


@dataclasses.dataclass(frozen=True)
class HuvudcellHtml:
    """En rubrikcell som HTML-mallen skriver: text, justering, colspan och rowspan."""

    text: str
    justering: str
    spann: int = 1
    radspann: int = 1


def huvudrader_html(huvud: tuple[tuple[Huvudcell, ...], ...]) -> list[list[HuvudcellHtml]]:
    """Rubrikraderna med lodräta sammanslagningar som rowspan (celler under en sammanslagning utelämnas)."""
    sammanslagna = lodrata_sammanslagningar(huvud)
    rader: list[list[HuvudcellHtml]] = []
    for r, rad in enumerate(huvud):
        ut, pos = [], 0
        for c in rad:
            lage = sammanslagna.get((r, pos))
            if lage == "restart":
                text = next(t for t in kolumntexter(huvud, pos) if t)
                ut.append(HuvudcellHtml(text, c.justering, 1, len(huvud)))
            elif lage is None:
                ut.append(HuvudcellHtml(c.text, c.justering, c.spann))
            pos += c.spann
        rader.append(ut)
    return rader
