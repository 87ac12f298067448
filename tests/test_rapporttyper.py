"""Rapporttyper som konfiguration: perioder per typ, rapportfiler under konfig/rapporter/, indikatoruppföljning
(pivottabell med Riktning och Nivå, små linjediagram), återrapport av en aktivitetsplan, och en tredje typ som
bara är en mall och en YAML-fil."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import polars as pl
import pytest
from conftest import PDFTOTEXT, kraver_program

from rapportverk.berakning.indikatorserier import bedom, niva, periodkolumner, riktning
from rapportverk.bygg.bygge import bygg
from rapportverk.bygg.rapport import rapporttyper, tolka_period
from rapportverk.dokument import stil
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.modell import Figur, Tabell, Titelsida, alla_block, rubriker, text_av
from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

ROT = Path(__file__).resolve().parents[1]
HSN = "halso_och_sjukvardsnamnden"
NBSP = "\u00a0"

# Referensens tabell "Utfall indikatorer exempel" (manadsmote-indikatorer-2024-02): värdena per kolumn
# Q1 2022 … Q4 2023, jan 2024 (tomt där inget mättes), som rapportverk ska visa dem.
REFERENS = {
    "Upplevd delaktighet, nationell patientenkät (helår)": ["", "", "", "79,40 %", "", "", "", "", ""],
    "Telefonkontakt med vårdcentral inom 24 timmar": ["87,5 %", "", "", "", "92,5 %", "", "", "", "92,9 %"],
    "Bedömning på vårdcentral inom 3 dagar": ["84 %", "", "80 %", "", "95 %", "", "94 %", "93 %", ""],
    "Närsjukvårdsteam": ["12", "12", "12", "12", "12", "12", "10", "10", ""],
    "Vårdkontakter i närsjukvårdsteamen": ["2 447", "2 465", "2 333", "2 747", "2 776", "2 692", "2 690", "3 297",
                                           ""],
    "Inskrivna patienter i närsjukvårdsteamen": ["", "1 625", "", "1 816", "", "1 962", "", "", ""],
    "Patienter i egenmonitorering hemifrån": [""] * 9,
    "Medelvårdtid på sjukhus (dagar)": ["5,1", "5,1", "5,0", "5,3", "5,2", "5,2", "5,0", "5,3", ""],
    "Medelvårdtid på sjukhus, 75 år och äldre (dagar)": ["6,6", "6,2", "6,1", "6,4", "6,6", "6,3", "6,0", "6,4", ""],
    "Beläggningsgrad, somatisk sjukhusvård": ["103,8 %", "105,9 %", "109,6 %", "109,0 %", "108,0 %", "104,7 %",
                                              "106,6 %", "", ""],
    "Återinskrivning inom 30 dagar": ["8,7 %", "8,7 %", "8,4 %", "7,8 %", "7,8 %", "7,4 %", "7,3 %", "", ""],
    "Vårddagar som utskrivningsklar (dagar)": ["7 720", "6 062", "5 417", "8 209", "10 186", "7 645", "8 010",
                                               "8 148", ""],
    "Samordnade individuella planer (SIP)": ["2 177", "2 017", "1 375", "2 024", "2 011", "1 726", "1 253", "", ""],
}
# Vår regel (rullande tolv månader mot de tolv före, ±5 %) och nivå mot målen i exempeldata. Referensens egna
# pilar står i kommentaren där de skiljer sig (se docs/ekonomistab/konfiguration.md, Indikatoruppföljning).
RIKTNING_NIVA = {
    "Upplevd delaktighet, nationell patientenkät (helår)": ("? för få mätningar", "+ når målet"),  # ref ↑
    "Telefonkontakt med vårdcentral inom 24 timmar": ("↑ förbättring", "+ når målet"),
    "Bedömning på vårdcentral inom 3 dagar": ("↑ förbättring", "+ når målet"),
    "Närsjukvårdsteam": ("↓ försämring", "? mål saknas"),  # ref →
    "Vårdkontakter i närsjukvårdsteamen": ("↑ förbättring", "− når inte målet"),  # ref →
    "Inskrivna patienter i närsjukvårdsteamen": ("↑ förbättring", "? mål saknas"),
    "Patienter i egenmonitorering hemifrån": ("? för få mätningar", "? mätning saknas"),  # ref ↓ −
    "Medelvårdtid på sjukhus (dagar)": ("→ oförändrad", "? mål saknas"),
    "Medelvårdtid på sjukhus, 75 år och äldre (dagar)": ("→ oförändrad", "? mål saknas"),
    "Beläggningsgrad, somatisk sjukhusvård": ("→ oförändrad", "− når inte målet"),
    "Återinskrivning inom 30 dagar": ("↑ förbättring", "+ når målet"),
    "Vårddagar som utskrivningsklar (dagar)": ("↓ försämring", "? mål saknas"),
    "Samordnade individuella planer (SIP)": ("↓ försämring", "− når inte målet"),
}
KOLUMNER = ["Nära vård", "Q1 2022", "Q2 2022", "Q3 2022", "Q4 2022", "Q1 2023", "Q2 2023", "Q3 2023", "Q4 2023",
            "jan 2024", "Riktning", "Nivå"]


def dokument(projekt, rapport: str, period_text: str, namnd: str = HSN):
    period = tolka_period(projekt, rapport, period_text)
    indata = las_indata(projekt, period, kallor=projekt.konfig.rapporter[rapport].kallor)
    return bygg_dokument(Underlag(projekt, indata, period), rapport, namnd)


def tabeller(dok) -> dict[str, Tabell]:
    return {b.rubrik: b for b in alla_block(dok) if isinstance(b, Tabell)}


# --- Perioder ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "typ", "ar", "manad", "visas"), [
    ("2024-01", "manad", 2024, 1, "2024-01"),
    ("2024-Q1", "kvartal", 2024, 3, "2024-Q1"),
    ("2024K4", "kvartal", 2024, 12, "2024-Q4"),
    ("2024-q2", "kvartal", 2024, 6, "2024-Q2"),
    ("2024", "ar", 2024, 12, "2024"),
])
def test_period_per_typ(text, typ, ar, manad, visas):
    p = Period.tolka(text, typ)
    assert (p.ar, p.manad, str(p)) == (ar, manad, visas)
    assert p == Period(ar, manad)  # samma sista månad: samma period för beräkningarna


@pytest.mark.parametrize(("text", "typ", "del_"), [
    ("2024-01", "kvartal", "ska vara ett kvartal"),
    ("2024-Q5", "kvartal", "har kvartal 5, som inte finns"),
    ("2024-01", "ar", "ska vara ett år"),
    ("2024", "manad", "ska skrivas ÅÅÅÅ-MM"),
])
def test_period_fel_pa_svenska(text, typ, del_):
    with pytest.raises(ValueError, match=del_):
        Period.tolka(text, typ)


def test_rapporttypens_period_och_fel(projekt):
    assert str(tolka_period(projekt, "aterrapport", "2024")) == "2024"
    with pytest.raises(RapportverkFel, match="rapporttypen 'aterrapport' har periodtyp ar"):
        tolka_period(projekt, "aterrapport", "2024-01")
    with pytest.raises(RapportverkFel, match="menade du 'indikatorer'"):
        tolka_period(projekt, "indikatorr", "2024-01")


# --- Rapportfiler ------------------------------------------------------------------------------------------


def test_alla_rapporttyper_listas(projekt):
    typer = {t.namn: t for t in rapporttyper(projekt)}
    assert set(typer) >= {"delarsrapport", "manadsrapport", "indikatorer", "aterrapport"}
    assert typer["indikatorer"].fil == "konfig/rapporter/indikatorer.yaml"
    assert typer["aterrapport"].periodtyp == "ar"
    assert typer["delarsrapport"].fil == "konfig/rapportverk.yaml"


RAPPORTFIL = """\
titel: "Tredje {ar}"
mall: ../../mallar/tredje.md
stil: ../../mallar/stil.css
wordmall: ../../mallar/referens.docx
texter: ../../texter
"""


def test_rapportfilens_fel_pekar_pa_rapportfilen(mini):
    rapporter = mini.rot / "konfig" / "rapporter"
    rapporter.mkdir()
    (rapporter / "tredje.yaml").write_text(RAPPORTFIL + "periodtyp: vecka\n", encoding="utf-8")
    with pytest.raises(RapportverkFel) as fel:
        ladda_projekt(mini.konfig)
    assert "konfig/rapporter/tredje.yaml:6: värdet 'vecka' för 'periodtyp' är inte tillåtet" in str(fel.value)


def test_rapportfilens_sokvag_och_kallfel_pekar_pa_rapportfilen(mini):
    rapporter = mini.rot / "konfig" / "rapporter"
    rapporter.mkdir()
    (rapporter / "tredje.yaml").write_text(RAPPORTFIL + "kallor: [indikatorr]\n", encoding="utf-8")
    with pytest.raises(RapportverkFel) as fel:
        ladda_projekt(mini.konfig)
    text = str(fel.value)
    assert "konfig/rapporter/tredje.yaml:2: filen '../../mallar/tredje.md' finns inte" in text
    assert "konfig/rapporter/tredje.yaml:6: rapporttypen 'tredje' läser källan 'indikatorr'" in text
    assert "menade du 'indikatorer'" in text


def test_samma_namn_tva_ganger_namnger_bada_filerna(mini):
    rapporter = mini.rot / "konfig" / "rapporter"
    rapporter.mkdir()
    (rapporter / "tredje.yaml").write_text(RAPPORTFIL + textwrap.dedent("""\
        tabeller:
          per_omrade:
            rubrik: Igen
            rader: delomrade
            kolumner: [ack_utfall]
        """), encoding="utf-8")
    with pytest.raises(RapportverkFel) as fel:
        ladda_projekt(mini.konfig)
    assert ("konfig/rapporter/tredje.yaml:7: 'per_omrade' under tabeller finns redan i "
            "konfig/rapportverk.yaml:17 (och här, i konfig/rapporter/tredje.yaml:7)") in str(fel.value)


def test_rapporttyp_i_bada_filerna_ar_fel(mini):
    mini.ersatt("tabeller:", textwrap.dedent("""\
        rapporter:
          tredje:
            titel: T
            mall: x
            stil: x
            wordmall: x
            texter: x
        tabeller:"""))
    rapporter = mini.rot / "konfig" / "rapporter"
    rapporter.mkdir()
    (rapporter / "tredje.yaml").write_text(RAPPORTFIL, encoding="utf-8")
    with pytest.raises(RapportverkFel) as fel:
        ladda_projekt(mini.konfig)
    assert "konfig/rapporter/tredje.yaml:1: rapporttypen 'tredje' finns redan i konfig/rapportverk.yaml:17" in str(
        fel.value)


# --- Indikatorer -------------------------------------------------------------------------------------------


def test_indikatorkallan_utan_huvudbok(projekt):
    # 2030-01 har inget utfall i huvudboken; en rapporttyp som inte läser huvudboken bryr sig inte.
    indata = las_indata(projekt, Period(2030, 1), kallor=["indikatorer"])
    assert indata.huvudbok.height == 0 and not indata.har("huvudbok")
    ram = indata.indikatorer
    assert set(ram["periodtyp"].unique()) == {"manad", "kvartal", "ar"}
    # Månadsrapportens indikatorer (tidigare rader) finns kvar, som månader.
    forsta = ram.filter(pl.col("id") == "vardgaranti_forstabesok")
    assert forsta.height == 4 and set(forsta["periodtyp"]) == {"manad"}


def test_periodkolumner():
    kol = periodkolumner(Period(2024, 1), 8, 1)
    assert [(k.typ, str(k.slut)) for k in (kol[0], kol[7], kol[8])] == [
        ("kvartal", "2022-03-01"), ("kvartal", "2023-12-01"), ("manad", "2024-01-01")]
    assert [str(k.slut) for k in periodkolumner(Period.tolka("2024-Q1", "kvartal"), 2, 0)] == [
        "2023-12-01", "2024-03-01"]


@pytest.mark.parametrize(("forandring", "hogre", "svar"), [
    (4.9, True, "oforandrad"), (-5.0, False, "oforandrad"), (5.1, True, "battre"), (5.1, False, "samre"),
    (-12, False, "battre"), (-12, True, "samre"), (8, None, "okar"), (None, True, None),
])
def test_riktningsregeln(forandring, hogre, svar):
    assert riktning(forandring, hogre, 5.0) == svar


def test_niva():
    assert niva(92.9, 90, True) == "nar" and niva(106.6, 100, False) == "nar_inte"
    assert niva(5.3, None, False) == "mal_saknas" and niva(None, 3, True) == "matning_saknas"


def test_regel_fg_och_forra(projekt):
    ram = las_indata(projekt, Period(2024, 1), kallor=["indikatorer"]).indikatorer
    fg = {b.id: b.riktning for b in bedom(ram, Period(2024, 1), "fg")}
    forra = {b.id: b.riktning for b in bedom(ram, Period(2024, 1), "forra")}
    assert fg["narsjukvardsteam"] == "samre" and fg["telefon_24h"] is None  # ingen mätning januari 2023
    assert forra["telefon_24h"] == "oforandrad" and forra["sip"] == "samre"


def test_indikatortabellen_har_referensens_varden_och_vara_pilar(projekt):
    dok = dokument(projekt, "indikatorer", "2024-01")
    t = tabeller(dok)["Utfall indikatorer för nära vård t.o.m. januari 2024"]
    assert [h.text for h in t.huvud[0]] == KOLUMNER
    assert t.bred and t.bredder and abs(sum(t.bredder) - 100) < 0.1
    rader = {r.celler[0]: r for r in t.rader}
    assert [r.celler[0] for r in t.rader if r.typ == "rubrik"] == [
        "Tillgänglighet och delaktighet", "Närsjukvårdsteam", "Egenvård", "Sjukhusvård och samverkan"]
    for namn, varden in REFERENS.items():
        celler = [c.replace(NBSP, " ") for c in rader[namn].celler]
        assert celler[1:10] == varden, namn
        assert tuple(celler[10:]) == RIKTNING_NIVA[namn], namn


def test_sparklinjer_har_alternativtext_fran_data(projekt):
    dok = dokument(projekt, "indikatorer", "2024-01")
    figur = next(b for b in dok.block if isinstance(b, Figur))
    assert figur.png.startswith(b"\x89PNG")
    assert ("Telefonkontakt med vårdcentral inom 24 timmar: från 87,5 % (Q1 2022) till 92,9 % (jan 2024), "
            "förbättring.") in figur.alt
    assert "Medelvårdtid på sjukhus: från 5,1 dagar (Q1 2022) till 5,3 dagar (Q4 2023), oförändrad." in figur.alt
    assert "Patienter i egenmonitorering hemifrån: ingen mätning." in figur.alt
    # Ingen text i diagrammet mindre än tabellernas (issue 21 punkt 1): rubriker och värden i tabelltextens storlek.
    storlekar = {float(x) for x in re.findall(r"font-size: ([\d.]+)px", figur.svg.decode())}
    assert storlekar and min(storlekar) >= stil.TABELLTEXT_PT


def test_textblock_med_levande_indikator(projekt):
    dok = dokument(projekt, "indikatorer", "2024-01")
    text = " ".join(text_av(b.innehall) for b in dok.block if hasattr(b, "innehall") and isinstance(b.innehall,
                                                                                                   tuple))
    assert f"92,9{NBSP}% fick kontakt inom ett dygn i januari 2024, +0,4 procentenheter jämfört med mätningen i " \
           "mars 2023" in text


def test_manadsrapportens_indikator_fungerar(projekt):
    dok = dokument(projekt, "manadsrapport", "2024-10", "regionstyrelsen")
    assert any(r for r in rubriker(dok) if text_av(r.innehall) == "Tillgänglighet")


# --- Återrapport -------------------------------------------------------------------------------------------


def test_aterrapport_grupperad_med_status_och_antagande(projekt):
    dok = dokument(projekt, "aterrapport", "2024")
    titel = next(b for b in dok.block if isinstance(b, Titelsida))
    assert titel.titel == "Återrapport aktivitetsplan 2024"
    assert "Antagen av hälso- och sjukvårdsnämnden 2025-02-12, § 14" in titel.rader
    assert "Datum 2025-02-14" in titel.rader
    status = tabeller(dok)["Status per fokusområde"]
    assert [h.text for h in status.huvud[0]] == ["Fokusområde", "● Genomförd", "◐ Pågår", "▲ Försenad",
                                                 "○ Ej påbörjad", "Totalt"]
    assert status.rader[0].celler == ("Verksamhet och utveckling", "2", "2", "0", "0", "4")
    assert status.rader[-1].celler == ("Totalt", "3", "5", "1", "1", "10") and status.rader[-1].typ == "summa"
    niva2 = [text_av(r.innehall) for r in rubriker(dok) if r.niva == 2]
    assert niva2 == ["Verksamhet och utveckling", "Kunskapsstyrning", "Utbildning och kompetensförsörjning",
                     "Digitalisering och e-hälsa"]
    niva3 = [text_av(r.innehall) for r in rubriker(dok) if r.niva == 3]
    assert len(niva3) == 10 and niva3[0] == "Samordna planeringen av vårdproduktionen mellan sjukhusen"
    assert not any(type(b).__name__ == "Markering" for b in dok.block)  # alla aktiviteter har sin text


def test_textblockets_namn_far_inte_ga_uppat(projekt, tmp_path):
    with pytest.raises(RapportverkFel, match="ogiltigt namn"):
        _tredje(projekt, tmp_path, '{{ text("../../konfig/rapportverk") }}')


# --- En tredje rapporttyp: bara en mall och en YAML-fil ------------------------------------------------------


def _projektkopia(tmp_path: Path) -> Path:
    """Exempelprojektets konfiguration i en temporär katalog, med sökvägar till exempeldata och mallar."""
    konfig = tmp_path / "konfig"
    (konfig / "rapporter").mkdir(parents=True)
    text = (ROT / "konfig" / "rapportverk.yaml").read_text(encoding="utf-8")
    text = text.replace("../exempeldata/", f"{ROT}/exempeldata/").replace("../mallar/", f"{ROT}/mallar/")
    text = text.replace("kostnadsslag: kostnadsslag.yaml", f"kostnadsslag: {ROT}/konfig/kostnadsslag.yaml")
    # Regionens rapporttyp ligger under konfig/rapporter/, som kopian inte har.
    text = "\n".join(r for r in text.splitlines() if not r.strip().startswith("region: delarsrapport_region"))
    # Kopian läser exempelprojektets filer, utanför sin egen katalog: det måste konfigurationen säga uttryckligen.
    text += f"\ntillat_utanfor_projektet: [{ROT}]\n"
    (konfig / "rapportverk.yaml").write_text(text, encoding="utf-8")
    return konfig


def _tredje(projekt, tmp_path: Path, mall: str):
    konfig = _projektkopia(tmp_path)
    (tmp_path / "mallar" / "tredje" / "texter").mkdir(parents=True)
    (tmp_path / "mallar" / "tredje" / "rapport.md").write_text(mall, encoding="utf-8")
    (konfig / "rapporter" / "tredje.yaml").write_text(textwrap.dedent("""\
        titel: "Uppdrag och indikatorer kvartal {kvartal} {ar}"
        mall: ../../mallar/tredje/rapport.md
        texter: ../../texter
        periodtyp: kvartal
        kallor: [uppdrag, indikatorer]
        namnder: [regionstyrelsen]
        pivottabeller:
          tillganglighet:
            rubrik: "Tillgänglighet {ar}"
            grupper: [Tillgänglighet]
            kvartal: 0
            manader: 6
            riktning: {metod: forra, dodzon: 2}
            niva: false
        listor:
          uppdrag_per_status:
            rubrik: Uppdrag per ansvarig
            kalla: uppdrag
            typ: antal
            grupp: ansvarig
            radrubrik: Ansvarig
            kolumner:
              - falt: status
                rubrik: Status
                symboler: {Klart: "●", Pågår: "◐", Försenat: "▲"}
        """), encoding="utf-8")
    p = ladda_projekt(konfig / "rapportverk.yaml")
    return p, dokument(p, "tredje", "2024-Q4", "regionstyrelsen")


TREDJE_MALL = """\
{{ titelsida() }}

# Uppdrag

{{ lista("uppdrag_per_status") }}

# Tillgänglighet kvartal {{ kvartal }}

{{ pivottabell("tillganglighet") }}

{% for u in rader("uppdrag") %}- {{ u.uppdrag }} ({{ u.status | lower }})
{% endfor %}
{{ text("saknas_an") }}
"""


def test_tredje_rapporttyp_utan_python(projekt, tmp_path):
    p, dok = _tredje(projekt, tmp_path, TREDJE_MALL)
    assert "tredje" in {t.namn for t in rapporttyper(p)}
    assert next(b for b in dok.block if isinstance(b, Titelsida)).titel == "Uppdrag och indikatorer kvartal 4 2024"
    t = tabeller(dok)
    assert t["Uppdrag per ansvarig"].rader[-1].celler == ("Totalt", "1", "4", "1", "6")
    tillg = t["Tillgänglighet 2024"]
    # Månaderna utan en enda mätning (okt–dec) är tomma kolumner: de visas inte, och en not säger det.
    assert [h.text for h in tillg.huvud[0]] == ["Indikator", "jul 2024", "aug 2024", "sep 2024", "Riktning"]
    assert tillg.noter == ("Kolumnerna okt 2024, nov 2024 och dec 2024 visas inte: de är tomma på varje rad.",)
    rad = next(r for r in tillg.rader if r.celler[0] == "Andel förstabesök inom vårdgarantin")
    assert [c.replace(NBSP, " ") for c in rad.celler[1:]] == ["52,1 %", "53,9 %", "59,6 %", "↑ förbättring"]
    rad = next(r for r in tillg.rader if r.celler[0] == "Väntande på förstabesök")
    assert rad.celler[1:] == (f"15{NBSP}433", f"15{NBSP}209", f"14{NBSP}979", "→ oförändrad")


def test_tabell_ur_huvudboken_i_en_typ_utan_huvudbok_ar_ett_tydligt_fel(projekt, tmp_path):
    with pytest.raises(RapportverkFel, match="räknas från huvudboken, men rapporttypen 'tredje' läser den inte"):
        _tredje(projekt, tmp_path, '{{ tabell("resultatrapport") }}')


# --- Hela kedjan: DOCX och PDF som läses tillbaka -------------------------------------------------------------


def _pdftext(fil: Path) -> str:
    kraver_program("pdftotext", PDFTOTEXT)
    ut = subprocess.run(["pdftotext", "-layout", str(fil), "-"], capture_output=True, text=True).stdout
    return re.sub(r" {2,}", " ", ut.replace(NBSP, " "))


def _docx_tabeller(fil: Path) -> list[list[list[str]]]:
    import docx

    return [[[c.text.replace(NBSP, " ") for c in rad.cells] for rad in t.rows] for t in docx.Document(str(fil)).tables]


@pytest.mark.slow
def test_bygg_indikatorer_docx_och_pdf(projekt, tmp_path):
    b = bygg(projekt, "indikatorer", "2024-01", ut=tmp_path)
    period, resultat = b.period, b.resultat
    assert str(period) == "2024-01" and [r.namnd for r in resultat] == [HSN]
    filer = {f.suffix: f for f in resultat[0].byggd.filer}
    assert filer[".docx"].parent == tmp_path / "2024-01"
    tabell = next(t for t in _docx_tabeller(filer[".docx"]) if t[0][0] == "Nära vård")
    assert tabell[0] == KOLUMNER
    rader = {r[0]: r for r in tabell}
    for namn, varden in REFERENS.items():
        assert rader[namn][1:10] == varden, namn
        assert tuple(rader[namn][10:]) == RIKTNING_NIVA[namn], namn
    text = _pdftext(filer[".pdf"])
    assert "Telefonkontakt med vårdcentral inom 24 87,5 % 92,5 % 92,9 % ↑ förbättring + når målet" in text
    assert "Samordnade individuella planer (SIP) 2 177 2 017 1 375 2 024 2 011 1 726 1 253 ↓ försämring − når inte" \
           in text


@pytest.mark.slow
def test_bygg_aterrapport_docx_och_pdf(projekt, tmp_path):
    resultat = bygg(projekt, "aterrapport", "2024", ut=tmp_path).resultat
    filer = {f.suffix: f for f in resultat[0].byggd.filer}
    assert filer[".pdf"].name == "aterrapport-halso_och_sjukvardsnamnden-2024.pdf"
    status = next(t for t in _docx_tabeller(filer[".docx"]) if t[0][0] == "Fokusområde")
    assert status[-1] == ["Totalt", "3", "5", "1", "1", "10"]
    text = _pdftext(filer[".pdf"])
    assert "Antagen av hälso- och sjukvårdsnämnden 2025-02-12, § 14" in text
    assert "Utbildning och kompetensförsörjning 0 0 1 1 2" in text
    assert text.index("Kunskapsstyrning\n") < text.index("Digitalisering och e-hälsa\n")


@pytest.mark.slow
def test_tredje_rapporttyp_byggs_till_filer(projekt, tmp_path):
    p, _ = _tredje(projekt, tmp_path, TREDJE_MALL)
    resultat = bygg(p, "tredje", "2024-Q4", ut=tmp_path / "ut").resultat
    assert resultat[0].byggd is not None, resultat[0].fel
    # Siffrorna som data (tabeller/); ingen sparad huvudbok, eftersom rapporttypen inte läser den.
    assert sorted(f.name for f in resultat[0].byggd.filer) == [
        "tredje-regionstyrelsen-2024-Q4.docx", "tredje-regionstyrelsen-2024-Q4.parquet",
        "tredje-regionstyrelsen-2024-Q4.pdf"]


def _rapportfil(mini, namn: str, text: str) -> None:
    rapporter = mini.rot / "konfig" / "rapporter"
    rapporter.mkdir(exist_ok=True)
    (mini.rot / "texter").mkdir(exist_ok=True)
    (rapporter / f"{namn}.yaml").write_text(text, encoding="utf-8")


def _cli(mini, *argv: str) -> subprocess.CompletedProcess:
    import sys
    return subprocess.run([sys.executable, "-m", "rapportverk", *argv], cwd=mini.rot, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"})


def test_en_trasig_rapporttyp_doljer_inte_de_andra_i_listan(mini):
    """`rapport bygg --lista` listar de hela och visar felen i de trasiga (issue 22 punkt 9), med kod 1."""
    (mini.rot / "mallar").mkdir()
    (mini.rot / "mallar" / "hel.md").write_text("# Hel\n", encoding="utf-8")
    _rapportfil(mini, "hel", 'titel: "Hel {ar}"\nbeskrivning: En hel rapporttyp\nmall: ../../mallar/hel.md\n'
                'texter: ../../texter\n')
    _rapportfil(mini, "trasig", "titel: [\n")
    _rapportfil(mini, "vecka", 'titel: "V"\nmall: ../../mallar/hel.md\nperiodtyp: vecka\n')
    r = _cli(mini, "bygg", "--lista")
    assert r.returncode == 1
    rader = {rad.split()[0]: rad for rad in r.stdout.splitlines()}
    assert "En hel rapporttyp" in rader["hel"] and "konfig/rapporter/hel.yaml" in rader["hel"]
    assert "har fel, se nedan" in rader["trasig"] and "har fel, se nedan" in rader["vecka"]
    assert "konfig/rapporter/trasig.yaml:2: ett värde saknas; är en [ eller { inte stängd?" in r.stderr
    assert ("konfig/rapporter/vecka.yaml:3: värdet 'vecka' för 'periodtyp' är inte tillåtet; välj något av "
            "'manad', 'kvartal' eller 'ar'.") in r.stderr


def test_fel_i_huvudkonfigurationen_stoppar_listan(mini):
    mini.ersatt("tabeller:", "tabeller: [\n")
    r = _cli(mini, "bygg", "--lista")
    assert r.returncode == 1 and r.stdout == "" and "konfig/rapportverk.yaml" in r.stderr


def test_okand_lista_pekar_ocksa_pa_rapporttypens_fil(mini):
    """Listor kan stå i rapporttypens egen fil: felet ska inte bara peka på rapportverk.yaml."""
    (mini.rot / "mallar").mkdir()
    (mini.rot / "mallar" / "hel.md").write_text('# Hel\n\n{{ lista("okand") }}\n', encoding="utf-8")
    _rapportfil(mini, "hel", 'titel: "Hel {ar}"\nmall: ../../mallar/hel.md\ntexter: ../../texter\n')
    r = _cli(mini, "bygg", "hel", "--period", "2021-04", "--format", "docx")
    assert r.returncode == 1
    assert ("mallar/hel.md:3: okänd lista 'okand'; listorna står under listor i konfig/rapportverk.yaml eller i "
            "rapporttypens fil konfig/rapporter/hel.yaml.") in r.stderr
