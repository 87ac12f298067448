"""Tabeller i DOCX: modellens bredder, radstil, sammanslagningar och avstavning (dokument/layout_tabell.py)
översatta till WordprocessingML, och rubrikrader som upprepas.

Kolumnbredder sätts både i `w:tblGrid` och på varje cell (`w:tcW`), och layouten är fast: LibreOffice
behöver bredderna på båda ställena, Word respekterar dem med fast layout. Bredderna är layoutens
(dokument/kolumnbredd.py), samma som PDF:ens; bara en Word-mall med ett bredare typsnitt än Calibri får dem
omräknade efter typsnittet, så att talen ändå står på en rad.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from rapportverk.dokument import stil
from rapportverk.dokument.kolumnbredd import CELLMARGINAL, INDRAG, STORLEK, kolumnbredder, modellens_bredder
from rapportverk.dokument.modell import Huvudcell, Tabell, Tabellrad, avstavade_led
from rapportverk.rendera.docx_xml import Korningsformat, Stilar, el, kant, textkorning

CELLMARGINAL_OVER = stil.twips(stil.CELLUTFYLLNAD_PT[0])  # över och under; vänster och höger CELLMARGINAL
TABELLSTILAR = ("Rapporttabell", "Table Grid")


def _summalinje(sida: str):
    return kant(sida, stil.attondelar(stil.SUMMALINJE_PT), stil.TEXT)


SMALA_TYPSNITT = ("calibri", "carlito")  # layoutens teckenbredder gäller dem; andra typsnitt räknas 15 % bredare


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


class TabellSkrivare:
    def __init__(self, stilar: Stilar) -> None:
        self.stilar = stilar
        self.tabellstil = next((s for s in TABELLSTILAR if stilar.finns(s, WD_STYLE_TYPE.TABLE)), None)
        self.textstil = stilar.id("Tabelltext")
        self.faktor = typsnittsfaktor(stilar)
        # Före Word 2013 (compatibilityMode under 15) står cellernas text, inte tabellens kant, vid tblInd: utan
        # indrag sticker tabellen ut cellmarginalen till vänster om texten, och PDF:ens tabell börjar vid marginalen.
        self.indrag = CELLMARGINAL if stilar.kompatibilitet() < 15 else 0

    def bygg(self, t: Tabell, total: int) -> OxmlElement:
        # Layoutens bredder (som PDF:ens); med ett bredare typsnitt i Word-mallen omräknade efter det.
        bredd = modellens_bredder(t, total) if self.faktor == 1.0 else kolumnbredder(t, total, self.faktor)
        tblpr = el("w:tblPr")
        if self.tabellstil:
            tblpr.append(el("w:tblStyle", {"w:val": self.stilar.id(self.tabellstil, WD_STYLE_TYPE.TABLE)}))
        tblpr.append(el("w:tblW", {"w:w": str(sum(bredd)), "w:type": "dxa"}))
        tblpr.append(el("w:tblInd", {"w:w": str(self.indrag), "w:type": "dxa"}))
        tblpr.append(el("w:tblLayout", {"w:type": "fixed"}))
        marginaler = (("top", CELLMARGINAL_OVER), ("left", CELLMARGINAL), ("bottom", CELLMARGINAL_OVER),
                      ("right", CELLMARGINAL))
        tblpr.append(el("w:tblCellMar", None, *(el(f"w:{s}", {"w:w": str(v), "w:type": "dxa"}) for s, v in
                                                marginaler)))
        tblpr.append(el("w:tblLook", {"w:val": "0620", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0",
                                      "w:lastColumn": "0", "w:noHBand": "1", "w:noVBand": "1"}))
        # Tabellens namn för skärmläsare (Words "Alternativ text" för tabeller); bildtexten står också synlig ovanför.
        if t.rubrik or t.alt:
            tblpr.append(el("w:tblCaption", {"w:val": t.rubrik or t.alt}))
        if t.enhetstext:
            tblpr.append(el("w:tblDescription", {"w:val": t.enhetstext}))
        tbl = el("w:tbl", None, tblpr, el("w:tblGrid", None, *(el("w:gridCol", {"w:w": str(b)}) for b in bredd)))
        sista_huvud = len(t.huvud) - 1
        for r, rad in enumerate(t.huvud):
            tbl.append(self._huvudrad(rad, bredd, r == 0, r == sista_huvud))
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

    def _huvudrad(self, rad: tuple[Huvudcell, ...], bredd: list[int], forsta: bool, sista: bool) -> OxmlElement:
        """En rubrikrad. En sammanslagen cell (radspann) börjar en lodrät sammanslagning, och cellerna den täcker
        fortsätter den (vMerge), med rutnätets alla celler kvar som Word vill ha dem."""
        tr = el("w:tr", None, el("w:trPr", None, el("w:cantSplit"), el("w:tblHeader")))
        pos = 0
        for c in rad:
            b = sum(bredd[pos:pos + c.spann])
            vm = "continue" if c.tackt else "restart" if c.radspann > 1 else None
            # Linjen under sista rubrikraden; mellan rubrikraderna ingen, som i PDF:en: tabellstilens tunna radlinje
            # tas bort på båda sidor om gränsen (LibreOffice ritar den annars, och raden blir en halv punkt högre).
            kanter = (*(() if forsta else (kant("top", 0, typ="nil"),)),
                      kant("bottom", stil.attondelar(stil.RUBRIKLINJE_PT)) if sista else kant("bottom", 0, typ="nil"))
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
