"""Tabeller i DOCX: bredder efter innehåll, rubrikrader som upprepas, radtyper (summa, delsumma, varav, rubrik).

Kolumnbredder sätts både i `w:tblGrid` och på varje cell (`w:tcW`), och layouten är fast: LibreOffice
behöver bredderna på båda ställena, Word respekterar dem med fast layout.
"""

from __future__ import annotations

from itertools import pairwise

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from rapportverk.dokument.modell import Huvudcell, Tabell, Tabellrad
from rapportverk.rendera.docx_xml import Korningsformat, Stilar, el, kant, textkorning
from rapportverk.rendera.gemensamt import kolumntexter, lodrata_sammanslagningar

try:  # pyphen följer med WeasyPrint; PDF:en avstavar kolumnrubriker med samma ordlista
    import pyphen

    _AVSTAVNING = pyphen.Pyphen(lang="sv_SE", left=4, right=4)
except ImportError:  # pragma: no cover - utan pyphen blir det bara bredare kolumner
    _AVSTAVNING = None

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
STORLEK = 9.5  # pt, som Tabelltext och PDF-mallens tabeller
CELLMARGINAL = 100  # twips (5 pt) vänster och höger, 2,5 pt över och under: som PDF:ens cellutfyllnad
INDRAG = 198  # twips (0,35 cm) per nivå i första kolumnen
MAX_TALKOLUMN = 1814  # twips (3,2 cm): en talkolumn blir inte bredare än så; resten går till första kolumnen
TABELLSTILAR = ("Rapporttabell", "Table Grid")
FETA = ("summa", "delsumma", "rubrik")
HUVUDFARG = "DDE6EF"  # rubrikraderna tonade, som i PDF:en


AVSTAVA_FRAN = 8  # tecken: kortare ord i kolumnrubriker avstavas inte (som hyphenate-limit-chars i PDF-mallen)


def _summalinje(sida: str):
    return kant(sida, 8, "1A1A1A")


def avstavning(ord_: str) -> list[int]:
    """Avstavningspunkterna i ett ord i en kolumnrubrik, med samma ordlista och gränser som PDF-mallen
    (pyphen, `hyphenate-limit-chars: 8 4 4`): ord kortare än 8 tecken avstavas inte, minst 4 tecken före och efter."""
    if _AVSTAVNING is None or len(ord_) < AVSTAVA_FRAN:
        return []
    return _AVSTAVNING.positions(ord_)


def _rubrikordbredd(ord_: str) -> int:
    """Minsta bredd för ett ord i en kolumnrubrik: dess bredaste stavelsegrupp (med bindestreck) om det avstavas."""
    punkter = [0, *avstavning(ord_), len(ord_)]
    delar = [ord_[a:b] + ("-" if b < len(ord_) else "") for a, b in pairwise(punkter)]
    return max(_bredd(d, True) for d in delar)


SMALA_TYPSNITT = ("calibri", "carlito")  # teckenbredderna ovan gäller dem; andra typsnitt räknas 15 % bredare


def typsnittsfaktor(stilar: Stilar) -> float:
    """Hur mycket bredare än Calibri tabelltypsnittet är (Arial ≈ 10 %, seriftypsnitt och DejaVu mer)."""
    for namn in ("Tabelltext", "Normal"):
        s = stilar.hamta(namn)
        while s is not None:
            if s.font.name:
                return 1.0 if s.font.name.lower() in SMALA_TYPSNITT else 1.15
            s = s.base_style
    rf = stilar.standardtypsnitt()
    return 1.0 if rf and rf.lower() in SMALA_TYPSNITT else 1.15


def _bredd(text: str, fet: bool) -> int:
    """Textens bredd i twips i Calibri 9,5 pt."""
    tabell = _FET if fet else _NORMAL
    return round(sum(tabell.get(" " if t == "\u00a0" else t, 500) for t in text) * STORLEK * 20 / 1000)


def _textbredd(text: str, helt: bool, fet: bool = False) -> int:
    """Bredd i twips (Calibri 9,5 pt) för texten på en rad (`helt`) eller för dess längsta ord (kortast möjliga)."""
    if not text:
        return 0
    return _bredd(text, fet) if helt else max(_bredd(o, fet) for o in text.split(" "))


def _indrag(rad: Tabellrad) -> int:
    return INDRAG * (max(rad.niva, 1) if rad.typ == "varav" else rad.niva)


def pdf_bredder(n: int, total: int) -> list[int]:
    """Samma kolumnbredder som PDF-mallen (mallar/gemensamt/dokument.html.j2): radrubrikerna
    max(30 %, 100 − 11 % per värdekolumn), värdekolumnerna lika delar av resten. Samma bredder ger samma
    radbrytningar och därmed samma sidbrytningar, så innehållsförteckningens sidnummer (från PDF:en) stämmer."""
    if n < 2:
        return [total]
    varde = (total - round(total * max(30, 100 - 11 * (n - 1)) / 100)) // (n - 1)
    return [total - varde * (n - 1)] + [varde] * (n - 1)


def kolumnbredder(t: Tabell, total: int, faktor: float = 1.0) -> list[int]:
    """PDF-mallens bredder om talen och de avstavade kolumnrubrikerna ryms (värdekolumnerna breddas lika mycket
    om det behövs och radrubrikerna ändå får plats med sitt längsta ord), annars efter innehållet.

    Efter innehållet fördelas textbredden `total` (twips) mellan kolumnerna i den här ordningen:

    1. var kolumn får minst sitt längsta ord (kolumnrubrikerna avstavade, talen hela);
    2. första kolumnen (radrubrikerna) så att raderna inte bryts;
    3. värdekolumnerna så att kolumnrubrikerna inte bryts, i proportion till vad de saknar;
    4. de smalaste värdekolumnerna upp mot de bredaste (siffrorna i jämna kolumner), högst MAX_TALKOLUMN;
    5. det som är kvar till första kolumnen, så att tabellen fyller textbredden.

    `faktor` skalar de uppskattade textbredderna för andra typsnitt än Calibri.
    """
    n = len(t.justering)
    if t.bredder:  # texttabell: bredderna kommer från dokumentmodellen, samma som i PDF:en
        bredd = [round(total * b / 100) for b in t.bredder]
        bredd[0] += total - sum(bredd)
        return bredd
    minst, helst = [0] * n, [0] * n
    for rad in t.huvud:
        pos = 0
        for c in rad:
            if c.spann == 1 and pos < n:
                minst[pos] = max(minst[pos], max((_rubrikordbredd(o) for o in c.text.split(" ")), default=0))
                helst[pos] = max(helst[pos], _bredd(c.text, True))
            pos += c.spann
    for r in t.rader:
        fet = r.typ in FETA
        for i, text in enumerate(r.celler[:n]):
            extra = _indrag(r) if i == 0 else 0
            minst[i] = max(minst[i], _textbredd(text, False, fet) + extra)
            helst[i] = max(helst[i], _textbredd(text, True, fet) + extra)
    luft = 2 * CELLMARGINAL + 40  # cellmarginalerna och 2 pt marginal för avrundning
    minst = [round(m * faktor) + luft for m in minst]
    helst = [max(round(h * faktor) + luft, m) for h, m in zip(helst, minst, strict=True)]
    pdf = pdf_bredder(n, total)
    if n > 1:  # PDF-mallens lika breda värdekolumner, bredare om ett tal eller rubrikord kräver det
        varde = max(pdf[1], *minst[1:])
        if total - varde * (n - 1) >= minst[0]:
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


class TabellSkrivare:
    def __init__(self, stilar: Stilar) -> None:
        self.stilar = stilar
        self.tabellstil = next((s for s in TABELLSTILAR if stilar.finns(s, WD_STYLE_TYPE.TABLE)), None)
        self.textstil = stilar.id("Tabelltext")
        self.faktor = typsnittsfaktor(stilar)

    def bygg(self, t: Tabell, total: int) -> OxmlElement:
        bredd = kolumnbredder(t, total, self.faktor)
        tblpr = el("w:tblPr")
        if self.tabellstil:
            tblpr.append(el("w:tblStyle", {"w:val": self.stilar.id(self.tabellstil, WD_STYLE_TYPE.TABLE)}))
        tblpr.append(el("w:tblW", {"w:w": str(sum(bredd)), "w:type": "dxa"}))
        tblpr.append(el("w:tblLayout", {"w:type": "fixed"}))
        tblpr.append(el("w:tblCellMar", None, *(el(f"w:{s}", {"w:w": str(v), "w:type": "dxa"}) for s, v in
                                                (("top", 50), ("left", CELLMARGINAL), ("bottom", 50),
                                                 ("right", CELLMARGINAL)))))
        tblpr.append(el("w:tblLook", {"w:val": "0620", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0",
                                      "w:lastColumn": "0", "w:noHBand": "1", "w:noVBand": "1"}))
        # Tabellens namn för skärmläsare (Words "Alternativ text" för tabeller); bildtexten står också synlig ovanför.
        tblpr.append(el("w:tblCaption", {"w:val": t.rubrik}))
        if t.enhetstext:
            tblpr.append(el("w:tblDescription", {"w:val": t.enhetstext}))
        tbl = el("w:tbl", None, tblpr, el("w:tblGrid", None, *(el("w:gridCol", {"w:w": str(b)}) for b in bredd)))
        sista_huvud = len(t.huvud) - 1
        vmerge = lodrata_sammanslagningar(t.huvud)
        for r in range(len(t.huvud)):
            tbl.append(self._huvudrad(t.huvud, r, bredd, r == sista_huvud, vmerge))
        for i, rad in enumerate(t.rader):
            nasta = t.rader[i + 1].typ if i + 1 < len(t.rader) else None
            # Samma regler som PDF:en (så att sidbrytningarna blir desamma): tabellen får delas mellan rader,
            # men en grupprubrik står inte ensam sist på en sida och en varav-rad följer med raden den delar upp;
            # första raden följer med rubrikraderna.
            hall_ihop = rad.typ == "rubrik" or nasta == "varav" or (i == 0 and nasta is not None)
            tbl.append(self._rad(rad, t, bredd, hall_ihop=hall_ihop, fore_summa=nasta == "summa"))
        return tbl

    def _cell(self, text: str, bredd: int, hoger: bool, spann: int = 1, fet: bool = False, kursiv: bool = False,
              indrag: int = 0, kanter: tuple = (), vmerge: str | None = None, hall_ihop: bool = True,
              fyllning: str | None = None, avstava: bool = False) -> OxmlElement:
        tcpr = el("w:tcPr", None, el("w:tcW", {"w:w": str(bredd), "w:type": "dxa"}))
        if spann > 1:
            tcpr.append(el("w:gridSpan", {"w:val": str(spann)}))
        if vmerge:
            tcpr.append(el("w:vMerge", {"w:val": vmerge}) if vmerge == "restart" else el("w:vMerge"))
        if kanter:
            tcpr.append(el("w:tcBorders", None, *kanter))
        if fyllning:
            tcpr.append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fyllning}))
        tcpr.append(el("w:vAlign", {"w:val": "bottom"}))
        ppr = el("w:pPr")
        format_: Korningsformat | None = None
        if self.textstil:
            ppr.append(el("w:pStyle", {"w:val": self.textstil}))
        else:
            format_ = (9.5, False, False)
            ppr.append(el("w:spacing", {"w:before": "0", "w:after": "0"}))
        if hall_ihop:
            ppr.insert(1 if self.textstil else 0, el("w:keepNext"))
        if indrag:
            ppr.append(el("w:ind", {"w:left": str(indrag)}))
        ppr.append(el("w:jc", {"w:val": "right" if hoger else "left"}))
        p = el("w:p", None, ppr)
        if text and vmerge != "continue":
            r = textkorning(text, fet, kursiv, storlek=format_[0] if format_ else None)
            if avstava:
                _mjuka_bindestreck(r, text)
            p.append(r)
        return el("w:tc", None, tcpr, p)

    def _huvudrad(self, huvud: tuple[tuple[Huvudcell, ...], ...], r: int, bredd: list[int], sista: bool,
                  vmerge: dict[tuple[int, int], str]) -> OxmlElement:
        tr = el("w:tr", None, el("w:trPr", None, el("w:cantSplit"), el("w:tblHeader")))
        pos = 0
        for c in huvud[r]:
            b = sum(bredd[pos:pos + c.spann])
            vm = vmerge.get((r, pos))
            text = c.text
            if vm == "restart":  # texten står i den rad som har den, men cellen börjar överst
                text = next((t for t in kolumntexter(huvud, pos) if t), "")
            kanter = (kant("bottom"),) if sista else ()
            tr.append(self._cell(text, b, c.justering == "hoger", c.spann, fet=True, kanter=kanter, vmerge=vm,
                                 fyllning=HUVUDFARG, avstava=True))
            pos += c.spann
        return tr

    def _rad(self, rad: Tabellrad, t: Tabell, bredd: list[int], hall_ihop: bool, fore_summa: bool) -> OxmlElement:
        """En rad i kroppen. Summalinjen sätts på båda sidor om gränsen (summaradens överkant och raden ovanför),
        annars vinner tabellstilens tunna linje i LibreOffice."""
        tr = el("w:tr", None, el("w:trPr", None, el("w:cantSplit")))
        for i, b in enumerate(bredd):
            text = rad.celler[i] if i < len(rad.celler) else ""
            kanter = (_summalinje("top"),) if rad.typ == "summa" else (_summalinje("bottom"),) if fore_summa else ()
            tr.append(self._cell(text, b, t.justering[i] == "hoger", fet=rad.typ in FETA, kursiv=rad.typ == "varav",
                                 indrag=_indrag(rad) if i == 0 else 0, kanter=kanter, hall_ihop=hall_ihop))
        return tr


def _mjuka_bindestreck(r: OxmlElement, text: str) -> None:
    """Dela körningens text vid avstavningspunkterna med `w:softHyphen`: Word och LibreOffice bryter där bara om
    det behövs (och visar då ett bindestreck); cellens text är fortfarande modellens sträng."""
    for t in r.findall(qn("w:t")):
        r.remove(t)
    punkter, pos = [], 0
    for ord_ in text.split(" "):
        punkter.extend(pos + p for p in avstavning(ord_))
        pos += len(ord_) + 1
    start = 0
    for p in [*punkter, len(text)]:
        t = el("w:t", {"xml:space": "preserve"})
        t.text = text[start:p]
        r.append(t)
        if p < len(text):
            r.append(el("w:softHyphen"))
        start = p
