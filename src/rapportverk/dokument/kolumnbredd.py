"""Tabellernas kolumnbredder efter textens verkliga bredd, en gång för båda formaten (DESIGN §2, en layout).

Layouten (dokument/layout.py) sätter varje tabells slutliga bredder (procent av textbredden) med
`slutliga_bredder`; PDF:en lägger ut dem med fast tabellayout och DOCX-filen räknar om dem till twips. Talen och
de avstavade kolumnrubrikernas ord mäts med typsnittets teckenbredder (Carlito, som har Calibris mått), så att ett
tal aldrig bryts och ett ord bara bryts där layouten avstavar, i båda formaten.
"""

from __future__ import annotations

from rapportverk.dokument import stil
from rapportverk.dokument.layout_tabell import delar
from rapportverk.dokument.modell import Huvudcell, Tabell

# Teckenbredder (tusendels em) i Calibri, uppmätta i Carlito som har samma mått; okända tecken räknas 0,5 em.
# Hårt mellanslag räknas som mellanslag. Tabelltexten är 9,5 pt (1 em = 190 twips).
_TECKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789åäöÅÄÖéüÉ \u2212-+,.%:;/()&–·"
_NORMAL = dict(zip(_TECKEN, (
    479, 525, 423, 525, 498, 305, 471, 525, 229, 239, 455, 229, 799, 525, 527, 525, 525, 349, 391, 335, 525,
    452, 715, 433, 453, 395, 579, 544, 533, 615, 488, 459, 631, 623, 252, 319, 520, 420, 855, 646, 662, 517,
    673, 543, 459, 487, 642, 567, 890, 519, 487, 468, 507, 507, 507, 507, 507, 507, 507, 507, 507, 507, 479,
    479, 527, 579, 579, 662, 498, 525, 488, 226, 498, 306, 498, 250, 252, 715, 268, 268, 386, 303, 303, 682,
    498, 252,
), strict=True))
_FET = dict(zip(_TECKEN, (
    494, 537, 418, 537, 503, 316, 474, 537, 246, 255, 480, 246, 813, 537, 538, 537, 537, 355, 399, 347, 537,
    473, 745, 459, 474, 397, 606, 561, 529, 630, 488, 459, 637, 631, 267, 331, 547, 423, 874, 659, 676, 532,
    686, 563, 473, 495, 653, 591, 906, 551, 520, 478, 507, 507, 507, 507, 507, 507, 507, 507, 507, 507, 494,
    494, 538, 606, 606, 676, 503, 537, 488, 226, 498, 306, 498, 258, 267, 729, 276, 276, 430, 312, 312, 705,
    498, 268,
), strict=True))
STORLEK = stil.TABELLTEXT_PT
CELLMARGINAL = stil.twips(stil.CELLUTFYLLNAD_PT[1])  # vänster och höger
INDRAG = stil.twips(stil.INDRAG_PT)  # per indragssteg i första kolumnen
MAX_TALKOLUMN = 1814  # twips (3,2 cm): en talkolumn blir inte bredare än så; resten går till första kolumnen


def _rubrikbredd(c: Huvudcell) -> int:
    """Minsta bredd för en kolumnrubrik: dess bredaste ord eller stavelsegrupp (med bindestreck) där den avstavas."""
    return max((_bredd(d, True) for d in delar(c.text, c.avstavning)), default=0)


def _bredd(text: str, fet: bool) -> int:
    """Textens bredd i twips i Calibri 9,5 pt."""
    tabell = _FET if fet else _NORMAL
    return round(sum(tabell.get(" " if t == "\u00a0" else t, 500) for t in text) * STORLEK * 20 / 1000)


def _textbredd(text: str, helt: bool, fet: bool = False) -> int:
    """Bredd i twips (Calibri 9,5 pt) för texten på en rad (`helt`) eller för dess längsta ord (kortast möjliga)."""
    if not text:
        return 0
    return _bredd(text, fet) if helt else max(_bredd(o, fet) for o in text.split(" "))


def modellens_bredder(t: Tabell, total: int) -> list[int]:
    """Modellens bredder (procent) i twips av textbredden `total`. I en siffertabell får radrubrikerna sin andel
    och värdekolumnerna delar resten (hela twips, resten till radrubrikerna), som PDF:ens kolumner."""
    n = len(t.justering)
    procent = t.bredder or (100 / n,) * n  # utan layout (bara i tester av renderaren direkt): lika delar
    if t.bryt_text or n < 2:
        bredd = [round(total * b / 100) for b in procent]
        bredd[0] += total - sum(bredd)
        return bredd
    rest = total - round(total * procent[0] / 100)
    vikter = [round(b * 100) for b in procent[1:]]  # heltal: lika delar blir exakt lika
    varden = [rest * v // sum(vikter) for v in vikter]
    return [total - sum(varden), *varden]


def kolumnbredder(t: Tabell, total: int, faktor: float = 1.0) -> list[int]:
    """Modellens bredder om talen och de avstavade kolumnrubrikerna ryms (värdekolumnerna breddas lika mycket
    om det behövs och radrubrikerna ändå får lika mycket plats som i modellen, eller står på en rad), annars efter
    innehållet.

    Efter innehållet fördelas textbredden `total` (twips) mellan kolumnerna i den här ordningen:

    1. var kolumn får minst sitt längsta ord (kolumnrubrikerna avstavade, talen hela);
    2. första kolumnen (radrubrikerna) så att raderna inte bryts;
    3. värdekolumnerna så att kolumnrubrikerna inte bryts, i proportion till vad de saknar;
    4. de smalaste värdekolumnerna upp mot de bredaste (siffrorna i jämna kolumner), högst MAX_TALKOLUMN;
    5. det som är kvar till första kolumnen, så att tabellen fyller textbredden.

    `faktor` skalar de uppskattade textbredderna för andra typsnitt än Calibri.
    """
    n = len(t.justering)
    if t.bryt_text:  # texttabell: texten bryts i cellerna mellan orden, med modellens bredder där orden ryms
        return _texttabell(t, total, faktor)
    minst, helst = [0] * n, [0] * n
    for rad in t.huvud:
        pos = 0
        for c in rad:
            if c.spann == 1 and pos < n:
                minst[pos] = max(minst[pos], _rubrikbredd(c))
                helst[pos] = max(helst[pos], _bredd(c.text, True))
            pos += c.spann
    for r in t.rader:
        fet = r.fet
        for i, text in enumerate(r.celler[:n]):
            extra = INDRAG * r.indrag if i == 0 else 0
            # Värdecellerna bryts inte (PDF:ens nowrap): hela texten är deras minsta bredd.
            minst[i] = max(minst[i], _textbredd(text, i > 0, fet) + extra)
            helst[i] = max(helst[i], _textbredd(text, True, fet) + extra)
    luft = 2 * CELLMARGINAL + 40  # cellmarginalerna och 2 pt marginal för avrundning
    minst = [round(m * faktor) + luft for m in minst]
    helst = [max(round(h * faktor) + luft, m) for h, m in zip(helst, minst, strict=True)]
    modell = modellens_bredder(t, total)
    if n > 1:  # modellens lika breda värdekolumner, bredare om ett tal eller rubrikord kräver det
        varde = max(modell[1], *minst[1:])
        # Lika breda värdekolumner bara när radrubrikerna då står på en rad, eller fick det redan i modellens bredder.
        if total - varde * (n - 1) >= min(helst[0], modell[0]):
            return [total - varde * (n - 1)] + [varde] * (n - 1)
    if sum(minst) >= total:
        return _skala(minst, total)
    bredd = list(minst)
    rest = total - sum(bredd)
    tillagg = min(rest, helst[0] - bredd[0])
    bredd[0] += tillagg
    rest -= tillagg
    onskan = [0] + [helst[i] - bredd[i] for i in range(1, n)]
    if sum(onskan) > rest:
        onskan = [rest * o // sum(onskan) for o in onskan]
    bredd = [b + x for b, x in zip(bredd, onskan, strict=True)]
    rest = total - sum(bredd)
    if n > 1 and rest > 0:
        bredd[1:] = _jamna(bredd[1:], rest, max(*bredd[1:], MAX_TALKOLUMN))
    bredd[0] += total - sum(bredd)
    return bredd


def _texttabell(t: Tabell, total: int, faktor: float) -> list[int]:
    """Modellens bredder, men varje kolumn minst så bred som sitt längsta ord (ingen kolumn bryter ett ord mitt i,
    "utvecklingsnämnde-n"); det som behövs tas från kolumnerna med mest över, i proportion till det."""
    n = len(t.justering)
    minst, helst = [0] * n, [0] * n
    for rad in t.huvud:
        pos = 0
        for c in rad:
            if c.spann == 1 and pos < n:
                minst[pos] = max(minst[pos], _rubrikbredd(c))
                helst[pos] = max(helst[pos], minst[pos])
            pos += c.spann
    for r in t.rader:
        for i, text in enumerate(r.celler[:n]):
            extra = INDRAG * r.indrag if i == 0 else 0
            minst[i] = max(minst[i], _textbredd(text, False, r.fet) + extra)
            helst[i] = max(helst[i], _textbredd(text, True, r.fet) + extra)
    luft = 2 * CELLMARGINAL + 40
    minst = [round(m * faktor) + luft for m in minst]
    helst = [round(h * faktor) + luft for h in helst]
    bredd = modellens_bredder(t, total)
    if sum(minst) >= total:
        return _skala(minst, total)
    if any(b < m for b, m in zip(bredd, minst, strict=True)):
        bredd = _flytta(bredd, [max(0, m - b) for b, m in zip(bredd, minst, strict=True)],
                        [max(0, b - m) for b, m in zip(bredd, minst, strict=True)])
    # Sedan så att färre celler bryts: kolumner som har mer än sin längsta text ger till dem som har mindre.
    return _flytta(bredd, [max(0, h - b) for b, h in zip(bredd, helst, strict=True)],
                   [max(0, b - max(h, m)) for b, h, m in zip(bredd, helst, minst, strict=True)])


def _flytta(bredd: list[int], behov: list[int], over: list[int]) -> list[int]:
    """Flytta bredd från kolumnerna med något `over` till dem med `behov`, i proportion, högst det som finns."""
    mangd = min(sum(behov), sum(over))
    if not mangd:
        return bredd
    ut = [b + mangd * x // sum(behov) - mangd * y // sum(over) for b, x, y in zip(bredd, behov, over, strict=True)]
    storst = max(range(len(ut)), key=lambda i: over[i])
    ut[storst] += sum(bredd) - sum(ut)
    return ut


def slutliga_bredder(t: Tabell, total: int) -> tuple[float, ...]:
    """Tabellens kolumnbredder i procent av textbredden `total` (twips), efter innehållet (`kolumnbredder`)."""
    return tuple(round(100 * b / total, 2) for b in kolumnbredder(t, total))


def _jamna(bredd: list[int], rest: int, tak: int) -> list[int]:
    """Höj de smalaste kolumnerna mot en gemensam nivå (högst `tak`) med högst `rest` twips."""
    lag, hog = min(bredd), tak
    while lag < hog:
        mitt = (lag + hog + 1) // 2
        if sum(max(0, mitt - b) for b in bredd) <= rest:
            lag = mitt
        else:
            hog = mitt - 1
    return [max(b, lag) for b in bredd]


def _skala(bredd: list[int], total: int) -> list[int]:
    ut = [b * total // sum(bredd) for b in bredd]
    ut[0] += total - sum(ut)
    return ut
