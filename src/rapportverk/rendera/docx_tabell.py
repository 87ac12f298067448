"""Tabeller i DOCX: modellens bredder, radstil, sammanslagningar och avstavning (dokument/layout_tabell.py)
översatta till WordprocessingML, och rubrikrader som upprepas.

Kolumnbredder sätts både i `w:tblGrid` och på varje cell (`w:tcW`), och layouten är fast: LibreOffice
behöver bredderna på båda ställena, Word respekterar dem med fast layout. Med fast layout breddar Word inte en
kolumn som ett tal inte ryms i, vilket webbläsarens (WeasyPrints) tabellayout gör: det görs här, efter typsnittets
mått, så att talen står på en rad också i DOCX-filen.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from rapportverk.dokument import stil
from rapportverk.dokument.layout_tabell import delar
from rapportverk.dokument.modell import Huvudcell, Tabell, Tabellrad, avstavade_led
from rapportverk.rendera.docx_xml import Korningsformat, Stilar, el, kant, textkorning

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
CELLMARGINAL = stil.twips(stil.CELLUTFYLLNAD_PT[1])  # vänster och höger; över och under CELLMARGINAL_OVER
CELLMARGINAL_OVER = stil.twips(stil.CELLUTFYLLNAD_PT[0])
INDRAG = 198  # twips (0,35 cm) per indragssteg i första kolumnen
MAX_TALKOLUMN = 1814  # twips (3,2 cm): en talkolumn blir inte bredare än så; resten går till första kolumnen
TABELLSTILAR = ("Rapporttabell", "Table Grid")


def _summalinje(sida: str):
    return kant(sida, stil.attondelar(stil.SUMMALINJE_PT), stil.TEXT)


def _rubrikbredd(c: Huvudcell) -> int:
    """Minsta bredd för en kolumnrubrik: dess bredaste ord eller stavelsegrupp (med bindestreck) där den avstavas."""
    return max((_bredd(d, True) for d in delar(c.text, c.avstavning)), default=0)


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
    if t.bryt_text:  # texttabell: texten bryts i cellerna, så modellens bredder gäller som de är
        return modellens_bredder(t, total)
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
            minst[i] = max(minst[i], _textbredd(text, False, fet) + extra)
            helst[i] = max(helst[i], _textbredd(text, True, fet) + extra)
    luft = 2 * CELLMARGINAL + 40  # cellmarginalerna och 2 pt marginal för avrundning
    minst = [round(m * faktor) + luft for m in minst]
    helst = [max(round(h * faktor) + luft, m) for h, m in zip(helst, minst, strict=True)]
    modell = modellens_bredder(t, total)
    if n > 1:  # modellens lika breda värdekolumner, bredare om ett tal eller rubrikord kräver det
        varde = max(modell[1], *minst[1:])
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
        marginaler = (("top", CELLMARGINAL_OVER), ("left", CELLMARGINAL), ("bottom", CELLMARGINAL_OVER),
                      ("right", CELLMARGINAL))
        tblpr.append(el("w:tblCellMar", None, *(el(f"w:{s}", {"w:w": str(v), "w:type": "dxa"}) for s, v in
                                                marginaler)))
        tblpr.append(el("w:tblLook", {"w:val": "0620", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0",
                                      "w:lastColumn": "0", "w:noHBand": "1", "w:noVBand": "1"}))
        # Tabellens namn för skärmläsare (Words "Alternativ text" för tabeller); bildtexten står också synlig ovanför.
        if t.rubrik:
            tblpr.append(el("w:tblCaption", {"w:val": t.rubrik}))
        if t.enhetstext:
            tblpr.append(el("w:tblDescription", {"w:val": t.enhetstext}))
        tbl = el("w:tbl", None, tblpr, el("w:tblGrid", None, *(el("w:gridCol", {"w:w": str(b)}) for b in bredd)))
        sista_huvud = len(t.huvud) - 1
        for r, rad in enumerate(t.huvud):
            tbl.append(self._huvudrad(rad, bredd, r == sista_huvud))
        for i, rad in enumerate(t.rader):
            fore_linje = i + 1 < len(t.rader) and t.rader[i + 1].linje_over
            # En tabell som hålls ihop: varje rad utom den sista står med nästa (Words sätt att inte dela en tabell).
            hall_ihop = rad.hall_ihop or (t.hall_ihop and i + 1 < len(t.rader))
            tbl.append(self._rad(rad, t, bredd, fore_linje=fore_linje, hall_ihop=hall_ihop))
        return tbl

    def _cell(self, text: str, bredd: int, hoger: bool, spann: int = 1, fet: bool = False, kursiv: bool = False,
              indrag: int = 0, kanter: tuple = (), vmerge: str | None = None, hall_ihop: bool = True,
              fyllning: str | None = None, avstavning: tuple[int, ...] | None = None,
              lodratt: str = "top") -> OxmlElement:
        tcpr = el("w:tcPr", None, el("w:tcW", {"w:w": str(bredd), "w:type": "dxa"}))
        if spann > 1:
            tcpr.append(el("w:gridSpan", {"w:val": str(spann)}))
        if vmerge:
            tcpr.append(el("w:vMerge", {"w:val": vmerge}) if vmerge == "restart" else el("w:vMerge"))
        if kanter:
            tcpr.append(el("w:tcBorders", None, *kanter))
        if fyllning:
            tcpr.append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fyllning}))
        tcpr.append(el("w:vAlign", {"w:val": lodratt}))
        ppr = el("w:pPr")
        format_: Korningsformat | None = None
        if self.textstil:
            ppr.append(el("w:pStyle", {"w:val": self.textstil}))
        else:
            format_ = (STORLEK, False, False)
            ppr.append(el("w:spacing", {"w:before": "0", "w:after": "0"}))
        if hall_ihop:
            ppr.insert(1 if self.textstil else 0, el("w:keepNext"))
        if indrag:
            ppr.append(el("w:ind", {"w:left": str(indrag)}))
        ppr.append(el("w:jc", {"w:val": "right" if hoger else "left"}))
        p = el("w:p", None, ppr)
        if text and vmerge != "continue":
            r = textkorning(text, fet, kursiv, storlek=format_[0] if format_ else None)
            if avstavning is not None:
                _mjuka_bindestreck(r, text, avstavning)
            p.append(r)
        return el("w:tc", None, tcpr, p)

    def _huvudrad(self, rad: tuple[Huvudcell, ...], bredd: list[int], sista: bool) -> OxmlElement:
        """En rubrikrad. En sammanslagen cell (radspann) börjar en lodrät sammanslagning, och cellerna den täcker
        fortsätter den (vMerge), med rutnätets alla celler kvar som Word vill ha dem."""
        tr = el("w:tr", None, el("w:trPr", None, el("w:cantSplit"), el("w:tblHeader")))
        pos = 0
        for c in rad:
            b = sum(bredd[pos:pos + c.spann])
            vm = "continue" if c.tackt else "restart" if c.radspann > 1 else None
            kanter = (kant("bottom", stil.attondelar(stil.RUBRIKLINJE_PT)),) if sista else ()
            tr.append(self._cell(c.text, b, c.justering == "hoger", c.spann, fet=True, kanter=kanter, vmerge=vm,
                                 fyllning=stil.TABELLHUVUD, avstavning=c.avstavning, lodratt="bottom"))
            pos += c.spann
        return tr

    def _rad(self, rad: Tabellrad, t: Tabell, bredd: list[int], fore_linje: bool, hall_ihop: bool) -> OxmlElement:
        """En rad i kroppen. Linjen ovanför (summaraden) sätts på båda sidor om gränsen (radens överkant och
        raden ovanför), annars vinner tabellstilens tunna linje i LibreOffice."""
        tr = el("w:tr", None, el("w:trPr", None, el("w:cantSplit")))
        for i, b in enumerate(bredd):
            text = rad.celler[i] if i < len(rad.celler) else ""
            kanter = (_summalinje("top"),) if rad.linje_over else (_summalinje("bottom"),) if fore_linje else ()
            tr.append(self._cell(text, b, t.justering[i] == "hoger", fet=rad.fet, kursiv=rad.kursiv,
                                 indrag=INDRAG * rad.indrag if i == 0 else 0, kanter=kanter, hall_ihop=hall_ihop))
        return tr


def _mjuka_bindestreck(r: OxmlElement, text: str, punkter: tuple[int, ...]) -> None:
    """Dela körningens text vid avstavningspunkterna med `w:softHyphen`: Word och LibreOffice bryter där bara om
    det behövs (och visar då ett bindestreck); cellens text är fortfarande modellens sträng."""
    for t in r.findall(qn("w:t")):
        r.remove(t)
    for i, led in enumerate(avstavade_led(text, punkter)):
        if i:
            r.append(el("w:softHyphen"))
        t = el("w:t", {"xml:space": "preserve"})
        t.text = led
        r.append(t)
