"""Listor med typade kolumner (issue 22 punkt 4): tal, procent och datum tolkas ur källan, skrivs på svenska och
högerställs som i tabellerna, och summeras på en summarad — genom hela kedjan, i modellen och i DOCX-filen."""

import io

import docx
import pytest

from rapportverk import resurser
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.modell import Tabell
from rapportverk.fel import RapportverkFel
from rapportverk.formatering import MINUS, NBSP
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.rendera.docx import docx_bytes
from rapportverk.rendera.html import html_for
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

ATGARDER = """\
Åtgärd;Effekt;Andel;Beslutad;Kommentar
Färre hyrläkare;13,45;45,5;2024-03-15;Pågår
Resor;-1 234;12,25 %;2024-05-02;
Lokaler;;;;Ej beräknad
"""

LISTA = """\
kallor:
  listor:
    atgarder_lista:
      fil: ../data/atgarder_lista.csv
listor:
  atgarder:
    rubrik: Åtgärder i handlingsplanen
    kalla: atgarder_lista
    kolumner:
      - {falt: Åtgärd, rubrik: Åtgärd}
      - {falt: Effekt, rubrik: Effekt, typ: tal, decimaler: 1, enhet: tkr}
      - {falt: Andel, rubrik: Andel, typ: procent}
      - {falt: Beslutad, rubrik: Beslutad, typ: datum}
      - {falt: Kommentar, rubrik: Kommentar}
    summarad: Summa
"""


@pytest.fixture
def projekt(mini):
    (mini.rot / "mallar").mkdir()
    (mini.rot / "mallar" / "rapport.md").write_text('# Åtgärder\n\n{{ lista("atgarder") }}\n', encoding="utf-8")
    (mini.rot / "texter").mkdir()
    mini.skriv("atgarder_lista.csv", ATGARDER)
    text = mini.konfig.read_text(encoding="utf-8")
    text = text.replace("kallor:\n", LISTA.split("listor:\n  atgarder:")[0], 1)
    text += "listor:\n  atgarder:" + LISTA.split("listor:\n  atgarder:")[1] + """\
rapporter:
  lista:
    titel: "Åtgärder {ar}"
    mall: ../mallar/rapport.md
    texter: ../texter
"""
    mini.konfig.write_text(text, encoding="utf-8")
    return mini


def _dokument(mini):
    p = ladda_projekt(mini.konfig)
    period = Period(2021, 4)
    return bygg_dokument(Underlag(p, las_indata(p, period), period), "lista", "styrelsen")


def _tabell(mini) -> Tabell:
    return next(b for b in _dokument(mini).block if isinstance(b, Tabell))


def _fel(mini) -> list[str]:
    with pytest.raises(RapportverkFel) as exc:
        _dokument(mini)
    return [str(f) for f in exc.value.fel]


def test_talen_skrivs_pa_svenska_och_summeras(projekt):
    t = _tabell(projekt)
    assert [c.text for c in t.huvud[0]] == ["Åtgärd", "Effekt tkr", "Andel %", "Beslutad", "Kommentar"]
    assert [r.celler for r in t.rader] == [
        ("Färre hyrläkare", "13,5", "45,5", "2024-03-15", "Pågår"),
        ("Resor", f"{MINUS}1{NBSP}234,0", "12,3", "2024-05-02", ""),
        ("Lokaler", "", "", "", "Ej beräknad"),
        # Summan räknas från de oavrundade talen: 13,45 − 1 234 = −1 220,55 → −1 220,6 (procent summeras inte).
        ("Summa", f"{MINUS}1{NBSP}220,6", "", "", ""),
    ]
    assert t.rader[-1].typ == "summa" and t.rader[-1].fet and t.rader[-1].linje_over
    assert t.justering == ("vanster", "hoger", "hoger", "vanster", "vanster")
    assert [c.justering for c in t.huvud[0]] == ["vanster", "hoger", "hoger", "vanster", "vanster"]


def test_docx_har_samma_celler_och_hogerstallda_tal(projekt):
    doc = docx.Document(io.BytesIO(docx_bytes(_dokument(projekt), resurser.fil(resurser.WORDMALL))))
    (tabell,) = doc.tables
    rader = [[c.text for c in r.cells] for r in tabell.rows]
    assert rader[0] == ["Åtgärd", "Effekt tkr", "Andel %", "Beslutad", "Kommentar"]
    assert rader[2] == ["Resor", f"{MINUS}1{NBSP}234,0", "12,3", "2024-05-02", ""]
    assert rader[-1] == ["Summa", f"{MINUS}1{NBSP}220,6", "", "", ""]
    summa = tabell.rows[-1].cells[1].paragraphs[0]
    assert summa.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert all(r.bold for r in summa.runs)
    assert tabell.rows[1].cells[0].paragraphs[0].alignment != docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


def test_procent_summeras_med_summera_true(projekt):
    projekt.ersatt("typ: procent}", "typ: procent, summera: true, decimaler: 2}")
    assert _tabell(projekt).rader[-1].celler[2] == "57,75"


def test_utan_typ_som_forut(projekt):
    """Den gamla formen: bara falt och rubrik, allt som text och vänsterställt, ingen summarad."""
    text = projekt.konfig.read_text(encoding="utf-8")
    text = text.replace(", typ: tal, decimaler: 1, enhet: tkr", "").replace(", typ: procent", "")
    text = text.replace(", typ: datum", "").replace("    summarad: Summa\n", "")
    projekt.konfig.write_text(text, encoding="utf-8")
    t = _tabell(projekt)
    assert t.rader[1].celler == ("Resor", "-1 234", "12,25 %", "2024-05-02", "")
    assert set(t.justering) == {"vanster"} and t.rader[-1].typ == "normal"


def test_varden_som_inte_gar_att_tolka_ar_fel_med_fil_och_rad(projekt):
    projekt.skriv("atgarder_lista.csv", ATGARDER.replace("13,45", "tretton").replace("2024-05-02", "2/5 2024")
                  .replace("45,5", "12.5"))
    assert _fel(projekt) == [
        "data/atgarder_lista.csv:2: kolumnen 'Effekt' ('tretton') är inte ett tal; skriv talet med siffror och "
        "decimalkomma.",
        "data/atgarder_lista.csv:2: kolumnen 'Andel' ('12.5') har decimalpunkt, men källan har decimal: \",\" i "
        "konfigurationen; skriv decimal: \".\" under källan i konfigurationen, eller exportera filen med "
        "decimalkomma.",
        "data/atgarder_lista.csv:3: kolumnen 'Beslutad' ('2/5 2024') är inget datum; skriv datumet som ÅÅÅÅ-MM-DD.",
    ]


def test_okant_falt_ar_fel_i_konfigurationen(projekt):
    projekt.ersatt("{falt: Effekt, rubrik: Effekt", "{falt: Efekt, rubrik: Effekt")
    (fel,) = _fel(projekt)
    assert fel.startswith("konfig/rapportverk.yaml:")
    assert "listan 'atgarder' visar fältet 'Efekt', som inte finns i källan 'atgarder_lista'" in fel
    rad = int(fel.split(":")[1])
    assert "falt: Efekt" in projekt.konfig.read_text(encoding="utf-8").splitlines()[rad - 1]


def test_summarad_utan_talkolumn_ar_fel_i_konfigurationen(projekt):
    projekt.ersatt(", typ: tal, decimaler: 1, enhet: tkr", "")
    with pytest.raises(RapportverkFel) as exc:
        ladda_projekt(projekt.konfig)
    (fel,) = [str(f) for f in exc.value.fel]
    rad = projekt.konfig.read_text(encoding="utf-8").splitlines().index("    summarad: Summa") + 1
    assert fel.startswith(f"konfig/rapportverk.yaml:{rad}: listan 'atgarder' har summarad: 'Summa' men ingen "
                          "kolumn att summera")


def test_decimaler_pa_en_textkolumn_ar_fel(projekt):
    projekt.ersatt("{falt: Kommentar, rubrik: Kommentar}", "{falt: Kommentar, rubrik: Kommentar, decimaler: 1}")
    with pytest.raises(RapportverkFel) as exc:
        ladda_projekt(projekt.konfig)
    assert "'decimaler' gäller bara kolumner med 'typ: tal' eller 'typ: procent'" in str(exc.value.fel[0])


def test_html_for_pdf_hogerstaller_talen(projekt):
    html = html_for(_dokument(projekt), resurser.fil(resurser.STILMALL))
    assert f'<td class="hoger">{MINUS}1{NBSP}220,6</td>' in html
    assert '<th scope="col" class="hoger">Effekt tkr</th>' in html


def test_tal_och_datum_ur_parquet_tas_som_de_ar(projekt):
    import datetime as dt

    import polars as pl

    pl.DataFrame({"Åtgärd": ["Färre hyrläkare", "Resor"], "Effekt": [13.45, -1234.0], "Andel": [45.5, None],
                  "Beslutad": [dt.date(2024, 3, 15), None], "Kommentar": ["Pågår", ""]}
                 ).write_parquet(projekt.rot / "data" / "atgarder_lista.parquet")
    projekt.ersatt("atgarder_lista.csv", "atgarder_lista.parquet")
    assert [r.celler for r in _tabell(projekt).rader] == [
        ("Färre hyrläkare", "13,5", "45,5", "2024-03-15", "Pågår"),
        ("Resor", f"{MINUS}1{NBSP}234,0", "", "", ""),
        ("Summa", f"{MINUS}1{NBSP}220,6", "", "", ""),
    ]


def test_rader_ger_filens_text_som_forut(projekt):
    """rader() ser filens kolumner som text; de tolkade värdena bredvid är listornas."""
    from rapportverk.dokument.modell import Stycke, text_av

    (projekt.rot / "mallar" / "rapport.md").write_text(
        '{% for r in rader("atgarder_lista") %}{{ r.Effekt }}/{{ r | length }};{% endfor %}\n', encoding="utf-8")
    (stycke,) = [b for b in _dokument(projekt).block if isinstance(b, Stycke)]
    assert text_av(stycke.innehall) == "13,45/5;-1 234/5;/5;"
