"""En layout (DESIGN §2): layouten bestäms i dokument/layout.py och står i modellen; renderarna översätter bara.

Två sorters prov: att renderarnas källkod inte har kvar någon av reglerna som flyttade (en regel i båda
renderarna är ett fel), och att renderarna följer modellens fält också när de säger något annat än regeln skulle.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from dokumentprov import omradestabell, provdokument

from rapportverk import resurser
from rapportverk.dokument import stil
from rapportverk.dokument.layout import ordna
from rapportverk.dokument.modell import Dokument, Innehall, Lank, Markering, Meta, Rubrik, Stycke, Tabell, Text
from rapportverk.rendera.docx import docx_bytes
from rapportverk.rendera.html import html_for

SRC = Path(__file__).resolve().parents[1] / "src" / "rapportverk"
RENDERARE = sorted((SRC / "rendera").glob("*.py"))
MALL = resurser.fil(resurser.HTMLMALL)
CSS = resurser.fil(resurser.STILMALL)
WORDMALL = resurser.fil(resurser.WORDMALL)

# Det som layouten bestämmer, som det såg ut när renderarna bestämde det själva.
I_RENDERARNA = {
    # (en markerings typ ger däremot sin färg: det är stil, som en klass i CSS)
    "radtyp": r'"(summa|delsumma|varav|rubrik)"|(rad|r|nasta)\.typ\b',
    "länkarnas adresser": r'"mailto:"|TILLATNA_LANKAR',
    "avstavningens ordlista": r"\bpyphen\b",
    "liggande tabeller": r"\.bred\b",
    "markeringarnas etikett": r'"(Saknas|Varning)"',
    "rubriknummer": r'endswith\("\."\)',
    "siffertabellernas bredder": r"100 - 11|\b11 \*",
    "husets färger": r'"[0-9A-Fa-f]{6}"',
}
I_MALLEN = {
    "radtyp": r"rad\.typ\s*==|varav",
    "kort tabell": r"<=\s*25|length\s*<=",
    "länkarnas adresser": r"lankbar",
    "liggande tabeller": r"\.bred\b",
    "markeringarnas etikett": r'"(Saknas|Varning)"',
    "rubriknummer": r"rubriknummer",
    "siffertabellernas bredder": r"100 - 11|\b11 \*",
}
I_STILMALLEN = {
    "radtyp": r"\.rad-(summa|delsumma|varav|rubrik)\b",
    "husets färger": r"#[0-9a-fA-F]{6}\b",
    "avstavningens gränser": r"hyphenate-limit-chars:\s*\d",
}


def _fynd(text: str, regler: dict[str, str]) -> list[str]:
    return [namn for namn, monster in regler.items() if re.search(monster, text)]


@pytest.mark.parametrize("fil", RENDERARE, ids=lambda f: f.name)
def test_renderarna_bestammer_ingen_layout(fil: Path):
    assert _fynd(fil.read_text(encoding="utf-8"), I_RENDERARNA) == []


def test_html_mallen_och_stilmallen_bestammer_ingen_layout():
    assert _fynd(MALL.read_text(encoding="utf-8"), I_MALLEN) == []
    assert _fynd(CSS.read_text(encoding="utf-8"), I_STILMALLEN) == []


def test_husets_farger_som_css_variabler():
    variabler = stil.css_variabler()
    assert f"--mork: #{stil.MORK.lower()};" in variabler and "--avstavning: 8 4 4;" in variabler
    assert variabler in html_for(provdokument(0), CSS)


# --- renderarna följer modellen -----------------------------------------------------------------------------


def _annorlunda() -> Dokument:
    """Ett ordnat dokument där modellens fält säger något annat än layoutens regler skulle säga."""
    dok = ordna(Dokument(Meta("T", "F"), (
        Innehall(), Rubrik(1, (Text("Första"),), "forsta", "1"), Rubrik(1, (Text("Andra"),), "andra", "2"),
        Markering("[Text saknas: x]"), omradestabell())))
    block = []
    for b in dok.block:
        if isinstance(b, Innehall):
            b = dataclasses.replace(b, poster=("andra",), ny_sida_efter=False)  # bara den andra, ingen ny sida
        elif isinstance(b, Rubrik):
            b = dataclasses.replace(b, nummertext=f"{b.nummer})")
        elif isinstance(b, Markering):
            b = dataclasses.replace(b, etikett="Obs")
        elif isinstance(b, Tabell):
            andra = dataclasses.replace(b.rader[1], fet=True, indrag=2)
            b = dataclasses.replace(b, bredder=(28.0, *(12.0,) * 6), hall_ihop=False,
                                    rader=(b.rader[0], andra, *b.rader[2:]))
        block.append(b)
    return dataclasses.replace(dok, block=tuple(block))


def test_html_foljer_modellen():
    html = html_for(_annorlunda(), CSS)
    assert '<h1 id="forsta">1) Första</h1>' in html
    assert '<a href="#andra">2) Andra</a>' in html and 'href="#forsta"' not in html
    assert '<nav class="innehall" aria-labelledby' in html
    assert '<strong class="etikett">Obs:</strong> [Text saknas: x]' in html
    assert '<col style="width: 28.00%"><col style="width: 12.00%">' in html
    assert 'class="tabellblock"' in html and 'class="tabellblock kort"' not in html
    assert '<tr class="rad-normal fet"><th scope="row" class="niva-2">Administrativ verksamhet' in html


def test_docx_foljer_modellen():
    doc = Document(io.BytesIO(docx_bytes(_annorlunda(), WORDMALL)))
    texter = [p.text for p in doc.paragraphs]
    assert "1) Första" in texter and "Obs: [Text saknas: x]" in texter
    assert not doc.paragraphs[texter.index("1) Första")].paragraph_format.page_break_before
    toc = [p.text for p in doc.paragraphs if p.style.name.lower().startswith("toc") and p.style.name[-1].isdigit()]
    assert [t.split("\t")[0] for t in toc] == ["2) Andra"]
    tabell = doc.tables[0]
    rutnat = [int(g.get(qn("w:w"))) for g in tabell._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(rutnat[0] - 0.28 * sum(rutnat)) < 10  # modellens 28 %, inte regelns 34 %
    rad = tabell.rows[len(omradestabell().huvud) + 1]
    assert all(r.bold for p in rad.cells[0].paragraphs for r in p.runs)
    assert rad.cells[0].paragraphs[0].paragraph_format.left_indent.twips == 2 * 198


def test_en_otillaten_lank_och_en_lank_i_en_lank_blir_text():
    dok = ordna(Dokument(Meta("T", "F"), (Stycke((Lank((Text("klick"),), "javascript:alert(1)"),)),)))
    assert dok.block[0] == Stycke((Text("klick"),))
    inre = Lank((Text("inre"),), "https://b.se")
    dok = ordna(Dokument(Meta("T", "F"), (Stycke((Lank((Text("a "), inre), "https://a.se"),)),)))
    assert dok.block[0] == Stycke((Lank((Text("a "), Text("inre")), "https://a.se"),))


def _hall_ihop(tabell) -> list[bool]:
    return [r.cells[0].paragraphs[0]._p.pPr.find(qn("w:keepNext")) is not None for r in tabell.rows[2:]]


def test_docx_haller_ihop_det_som_modellen_haller_ihop():
    """En kort tabell delas inte (alla rader utom den sista står med nästa, som PDF:ens break-inside: avoid);
    står `hall_ihop` inte på tabellen är det bara radernas egna regler (första raden, före en varav-rad, och raden
    före summaraden sist, så att den inte står ensam under upprepade rubrikrader)."""
    kort = ordna(Dokument(Meta("T", "F"), (omradestabell(),)))
    doc = Document(io.BytesIO(docx_bytes(kort, WORDMALL)))
    assert _hall_ihop(doc.tables[0]) == [True, True, True, True, False]
    doc = Document(io.BytesIO(docx_bytes(_annorlunda(), WORDMALL)))
    assert omradestabell().rader[-1].typ == "summa"
    assert _hall_ihop(doc.tables[0]) == [True, False, True, True, False]


def test_texttabellens_kolumner_ryms_sitt_langsta_ord_i_bada_formaten():
    """En texttabell med för smal kolumn för ett ord ("Regionala utvecklingsnämnden") får kolumnen bredare, från
    kolumnen med mest över; bredderna står i modellen, så DOCX och PDF får samma (inget ord bryts mitt i)."""
    from rapportverk.dokument.kolumnbredd import _textbredd
    from rapportverk.dokument.layout import textbredd
    from rapportverk.dokument.modell import Huvudcell, Tabellrad

    t = Tabell("t", "Uppdrag", ((Huvudcell("Nämnd"), Huvudcell("Uppdrag")),),
               (Tabellrad(("Regionala utvecklingsnämnden", "Kort text")),), ("vanster", "vanster"),
               bredder=(5.0, 95.0))
    ut = next(b for b in ordna(Dokument(Meta("T", "F"), (t,))).block if isinstance(b, Tabell))
    total = textbredd(False)
    forsta = total * ut.bredder[0] / 100
    assert forsta >= _textbredd("utvecklingsnämnden", True) + 2 * stil.twips(stil.CELLUTFYLLNAD_PT[1])
    assert abs(sum(ut.bredder) - 100) < 0.05 and ut.bryt_text
    html = html_for(ordna(Dokument(Meta("T", "F"), (t,))), CSS)
    assert f'<col style="width: {ut.bredder[0]:.2f}%">' in html
    doc = Document(io.BytesIO(docx_bytes(Dokument(Meta("T", "F"), (t,)), WORDMALL)))
    rutnat = [int(g.get(qn("w:w"))) for g in doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(rutnat[0] / sum(rutnat) * 100 - ut.bredder[0]) < 0.1
