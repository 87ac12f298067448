"""Pivottabeller med hela år som kolumner (`kolumner: ar`, värdet per år enligt `arsvarde`), och stående sida som
standard: bara `bred: true` lägger tabellen på en liggande sida, och då följer rubriken före den med dit."""

from __future__ import annotations

import textwrap

import pytest
from docx.enum.section import WD_ORIENT
from test_docx import MALL, kropp

from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.modell import Liggande, Rubrik, Stycke, Tabell, alla_block, text_av
from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.rendera.docx import docx_bytes
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

NBSP = "\u00a0"

# Två indikatorer, period 2024-03:
# - besok: kvartal 2022 (80, 84), 2023 (86) och en senare månad 2023-11 (99), som inte räknas eftersom året har
#   kvartalsvärden; månader 2024 (90, 92) och en mätning efter perioden (2024-05: 50), som inte räknas.
# - vardtid: helår 2022 (5,0) före kvartalet samma år (7,0); inget 2023; månad 2024-03 (4,5).
INDIKATORER = """\
id;namn;period;varde;enhet;decimaler
besok;Andel besök i tid;2022-Q1;80;%;0
besok;Andel besök i tid;2022-Q4;84;%;0
besok;Andel besök i tid;2023-Q2;86;%;0
besok;Andel besök i tid;2023-11;99;%;0
besok;Andel besök i tid;2024-01;90;%;0
besok;Andel besök i tid;2024-02;92;%;0
besok;Andel besök i tid;2024-05;50;%;0
vardtid;Vårdtid;2022;5,0;dagar;1
vardtid;Vårdtid;2022-Q1;7,0;dagar;1
vardtid;Vårdtid;2024-03;4,5;dagar;1
"""

RAPPORT = """\
titel: "Indikatorer per år {ar}"
mall: ../../mallar/arsvis.md
texter: ../../texter
kallor: [indikatorer]
pivottabeller:
  per_ar:
    rubrik: "Indikatorer {ar_fran}–{ar}"
    kolumner: ar                 # ar: 3 som standard
    riktning: null
    niva: false
"""

MALLTEXT = """\
{{ titelsida() }}

# Indikatorer

Inledande text på den stående sidan.

## Utfall per år

{{ pivottabell("per_ar") }}
"""


def _projekt(mini, extra: str = "", rubrik: str = "Indikatorer {namnd} t.o.m. {ar}"):
    mini.skriv("ind.csv", INDIKATORER)
    mini.ersatt("hierarkier:", "  indikatorer:\n    - fil: ../data/ind.csv\nhierarkier:")
    (mini.rot / "konfig" / "rapporter").mkdir(exist_ok=True)
    (mini.rot / "mallar").mkdir(exist_ok=True)
    (mini.rot / "texter").mkdir(exist_ok=True)
    (mini.rot / "mallar" / "arsvis.md").write_text(MALLTEXT, encoding="utf-8")
    rapport = RAPPORT.replace('"Indikatorer {ar_fran}–{ar}"', f'"{rubrik}"') + textwrap.indent(extra, "    ")
    (mini.rot / "konfig" / "rapporter" / "arsvis.yaml").write_text(rapport, encoding="utf-8")
    return ladda_projekt(mini.konfig)


def _dokument(projekt, period: Period | None = None):
    period = period or Period(2024, 3)
    indata = las_indata(projekt, period, kallor=["indikatorer"])
    return bygg_dokument(Underlag(projekt, indata, period), "arsvis", "styrelsen")


def _tabell(dok) -> Tabell:
    return next(b for b in alla_block(dok) if isinstance(b, Tabell))


def _celler(t: Tabell) -> dict[str, list[str]]:
    return {r.celler[0]: [c.replace(NBSP, " ") for c in r.celler[1:]] for r in t.rader}


@pytest.mark.parametrize(("regel", "besok", "forklaring"), [
    ("", ["84 %", "86 %", "92 %"], "det sista av dem"),
    ("arsvarde: senaste\n", ["84 %", "86 %", "92 %"], "det sista av dem"),
    ("arsvarde: medel\n", ["82 %", "86 %", "91 %"], "medelvärdet av dem"),
])
def test_ar_som_kolumner_med_kanda_varden(mini, regel, besok, forklaring):
    dok = _dokument(_projekt(mini, regel))
    t = _tabell(dok)
    assert t.rubrik == "Indikatorer Styrelsen t.o.m. 2024"
    assert [h.text for h in t.huvud[0]] == ["Indikator", "2022", "2023", "2024 t.o.m. mar"]
    assert _celler(t) == {"Andel besök i tid": besok, "Vårdtid (dagar)": ["5,0", "", "4,5"]}
    stycken = [text_av(b.innehall) for b in alla_block(dok) if isinstance(b, Stycke)]
    assert any(s.startswith("Årsvärde: helårsmätningen om den finns") and forklaring in s for s in stycken)


def test_helt_ar_i_december_och_aldre_ar_utan_matningar(mini):
    t = _tabell(_dokument(_projekt(mini, "ar: 4\n"), Period(2023, 12)))
    # 2020 saknar mätningar på varje rad: kolumnen visas inte, och en not säger det.
    assert [h.text for h in t.huvud[0]] == ["Indikator", "2022", "2023"]
    # Månaden 2023-11 räknas inte: året har kvartalsvärden (2023-Q2).
    assert _celler(t) == {"Andel besök i tid": ["84 %", "86 %"], "Vårdtid (dagar)": ["5,0", ""]}
    assert t.noter == ("Kolumnerna 2020 och 2021 visas inte: de är tomma på varje rad.",)


def test_kvartalsnycklar_med_ar_ar_ett_fel_med_rad(mini):
    with pytest.raises(RapportverkFel) as exc:
        _projekt(mini, "kvartal: 4\n")
    (fel,) = [str(f) for f in exc.value.fel]
    assert fel.startswith("konfig/rapporter/arsvis.yaml:") and "'kvartal' och 'manader' gäller" in fel


# --- Stående som standard, liggande bara med bred: true -------------------------------------------------------


def _rubrik(dok, text: str) -> Rubrik:
    return next(b for b in alla_block(dok) if isinstance(b, Rubrik) and text_av(b.innehall).endswith(text))


def test_pivottabellen_ar_staende_som_standard(mini):
    dok = _dokument(_projekt(mini))
    assert not any(isinstance(b, Liggande) for b in dok.block)
    assert _tabell(dok).bred is False
    doc = kropp(docx_bytes(dok, MALL))
    assert {s.orientation for s in doc.sections} == {WD_ORIENT.PORTRAIT}


def test_bred_pivottabell_liggande_med_sin_rubrik(mini):
    dok = _dokument(_projekt(mini, "bred: true\n"))
    (liggande,) = [b for b in dok.block if isinstance(b, Liggande)]
    # Rubriken "Utfall per år" står i det liggande avsnittet, före tabellen; "Indikatorer" och texten stannar på
    # den stående sidan.
    assert [type(b).__name__ for b in liggande.block] == ["Rubrik", "Tabell"]
    assert liggande.block[0] is _rubrik(dok, "Utfall per år")
    assert _rubrik(dok, "Indikatorer") in dok.block
    # DOCX läst tillbaka: stående, liggande och stående igen (förklaringen under tabellen); rubriken står efter
    # det första sektionsbytet, i det liggande avsnittet.
    doc = kropp(docx_bytes(dok, MALL))
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    stycken = doc.paragraphs
    slut = next(i for i, p in enumerate(stycken) if p._p.pPr is not None and p._p.pPr.sectPr is not None)
    rubrik = next(i for i, p in enumerate(stycken) if p.text.endswith("Utfall per år"))
    text = next(i for i, p in enumerate(stycken) if p.text.startswith("Inledande text"))
    assert text <= slut < rubrik
    assert stycken[rubrik].style.name.startswith("Heading") or "Rubrik" in stycken[rubrik].style.name
