"""Regionens delårsrapport per augusti 2024: summor, balanskravskedjan, räkenskaperna och måluppfyllelsen räknade
ur exempeldatan, oktobers publicerade regiontabell genom samma kodväg, och rapporten läst tillbaka ur PDF och DOCX.

Exempeldatan (exempeldata/generator/balans.py och prognos_region.py) är byggd så att huvudbokens alla konton
summerar till noll varje månad, att investeringarnas balanskonton stämmer med investeringsfilen och att regionens
prognos per rad stämmer med nämndernas; testerna prövar att rapportverk räknar fram samma sak.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import polars as pl
import pytest
from conftest import PDFTOTEXT, kraver_program
from publicerade_tal import MANADSRAPPORT_2024, med_minustecken

from rapportverk.formatering import belopp
from rapportverk.kallor import las_indata
from rapportverk.konfig import REGION
from rapportverk.period import Period
from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt

ROT = Path(__file__).resolve().parents[1]
P = Period(2024, 8)
KOLUMNER = ("ack_utfall_fg", "ack_utfall", "ack_budget", "ack_avvikelse", "arsbudget", "prognos", "prognos_avvikelse")


@pytest.fixture(scope="module")
def miljo():
    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    return projekt, las_indata(projekt, P)


def tabell(miljo, namn, period=P):
    projekt, indata = miljo
    if period != P:
        indata = las_indata(projekt, period)
    return bygg_tabell(projekt, indata, namn, REGION, period)


def varden(t) -> dict[str, dict[str, float | None]]:
    return {r.etikett: dict(zip([k.nyckel for k in t.kolumner], r.varden, strict=True)) for r in t.rader}


def test_resultat_och_prognos_varje_summa_ar_summan_av_delarna(miljo):
    v = varden(tabell(miljo, "resultat_och_prognos"))
    namnder = ["Regionstyrelsen", "Hälso- och sjukvårdsnämnden", "Regionala utvecklingsnämnden",
               "Folkhögskolestyrelsen", "Patientnämnden", "Revisionen"]
    for k in KOLUMNER:
        assert v["Verksamhetens nettokostnader"][k] == pytest.approx(sum(v[n][k] for n in namnder), abs=0.01)
        assert v["Summa skatter och statsbidrag"][k] == pytest.approx(
            v["Skatteintäkter"][k] + v["Generella statsbidrag"][k], abs=0.01)
        assert v["Verksamhetens resultat"][k] == pytest.approx(
            v["Verksamhetens nettokostnader"][k] + v["Summa skatter och statsbidrag"][k], abs=0.01)
        assert v["Summa finansnetto"][k] == pytest.approx(
            v["Finansiella likvidströmmar"][k] + v["Finansiella värderegleringar"][k], abs=0.01)
        assert v["Resultat"][k] == pytest.approx(
            v["Verksamhetens resultat"][k] + v["Summa finansnetto"][k], abs=0.01)


def test_prognosen_per_namnd_ar_arsbudget_plus_namndens_prognosavvikelse(miljo):
    _projekt, indata = miljo
    v = varden(tabell(miljo, "resultat_och_prognos"))
    # Hälso- och sjukvårdsnämndens prognosavvikelser per delområde i prognos_2024.xlsx, per augusti.
    hsn = indata.prognos.filter((pl.col("namnd") == "halso_och_sjukvardsnamnden")
                                & (pl.col("period") == P.forsta_dag))["belopp"].sum()
    assert v["Hälso- och sjukvårdsnämnden"]["prognos_avvikelse"] == pytest.approx(hsn, abs=0.01)
    assert v["Hälso- och sjukvårdsnämnden"]["prognos"] == pytest.approx(
        v["Hälso- och sjukvårdsnämnden"]["arsbudget"] + hsn, abs=0.01)
    # Skatteintäkternas prognos ur regionens prognosfil (avvikelse −45 Mkr per augusti).
    assert v["Skatteintäkter"]["prognos_avvikelse"] == pytest.approx(-45e6, abs=0.01)


def test_ursprunglig_budget_visas_bara_nar_budgeten_har_omfordelats(miljo):
    projekt, _indata = miljo
    assert "ursprunglig_arsbudget" not in [k.nyckel for k in tabell(miljo, "resultat_och_prognos").kolumner]
    april = Period(2021, 4)
    indata = las_indata(projekt, april)
    v = varden(bygg_tabell(projekt, indata, "resultat_och_prognos", REGION, april))
    omf = indata.budgetomfordelningar.filter(pl.col("period").dt.year() == 2021)
    for namnd, etikett in (("regionstyrelsen", "Regionstyrelsen"), ("halso_och_sjukvardsnamnden",
                                                                    "Hälso- och sjukvårdsnämnden")):
        belopp_ = omf.filter(pl.col("namnd") == namnd)["belopp"].sum()
        assert belopp_ != 0
        assert v[etikett]["ursprunglig_arsbudget"] == pytest.approx(v[etikett]["arsbudget"] + belopp_, abs=0.01)
    assert v["Skatteintäkter"]["ursprunglig_arsbudget"] == v["Skatteintäkter"]["arsbudget"]


def test_tryckt_resultat_och_prognos(miljo):
    v = varden(tabell(miljo, "resultat_och_prognos"))
    rad = [belopp(v["Resultat"][k], "mkr") for k in KOLUMNER]
    assert rad == ["−551", "−177", "−167", "−10", "−437", "−676", "−239"]


REGIONENS_RESULTAT_OKTOBER = {  # publicerat i referens/manadsrapport-rd-2024-10.txt (exempeldata/publicerat.yaml)
    etikett: [med_minustecken(v) for v in MANADSRAPPORT_2024["regionens_resultat"][etikett]]
    for etikett in ("Verksamhetens resultat", "Summa finansnetto", "Resultat")
}


def test_oktobers_publicerade_regiontabell_genom_regionens_kodvag(miljo):
    """Samma uppställning med prognoskolumner, byggd för regionen per oktober: de publicerade talen."""
    v = varden(tabell(miljo, "resultat_och_prognos", Period(2024, 10)))
    for etikett, vantat in REGIONENS_RESULTAT_OKTOBER.items():
        assert [belopp(v[etikett][k], "mkr") for k in KOLUMNER[:5]] == vantat


def test_resultatrakningen_stammer_med_regionens_resultat(miljo):
    rr = varden(tabell(miljo, "resultatrakning"))
    rp = varden(tabell(miljo, "resultat_och_prognos"))
    for k in ("ack_utfall", "ack_utfall_fg", "arsbudget", "prognos"):
        assert rr["Periodens resultat"][k] == pytest.approx(rp["Resultat"][k], abs=0.01)
        assert rr["Verksamhetens nettokostnader"][k] == pytest.approx(rp["Verksamhetens nettokostnader"][k], abs=0.01)


def test_balansrakningen_gar_ihop(miljo):
    t = tabell(miljo, "balansrakning")
    assert t.kontroller == ()
    v = varden(t)
    for k in ("saldo", "ingaende_saldo"):
        assert v["Summa tillgångar"][k] == pytest.approx(v["Summa eget kapital, avsättningar och skulder"][k], abs=0.01)
    resultat = varden(tabell(miljo, "resultatrakning"))["Periodens resultat"]["ack_utfall"]
    assert v["Eget kapital"]["saldo"] - v["Eget kapital"]["ingaende_saldo"] == pytest.approx(resultat, abs=0.01)
    tryckt = [belopp(v["Summa tillgångar"][k], "mkr") for k in ("saldo", "ingaende_saldo")]
    assert tryckt == ["13\u00a0133", "13\u00a0207"]


def test_kassafloden_forklarar_likvida_medlen(miljo):
    t = tabell(miljo, "kassaflodesanalys")
    assert t.kontroller == ()
    v = varden(t)
    br = varden(tabell(miljo, "balansrakning"))["Kassa och bank"]
    assert v["Periodens kassaflöde"]["ack_utfall"] == pytest.approx(br["saldo"] - br["ingaende_saldo"], abs=0.01)
    # Investeringarna i kassaflödet är investeringsredovisningens utfall t.o.m. augusti, till kronan.
    inv = varden(tabell(miljo, "investeringar"))["Totalt"]["utfall_ack"]
    assert -v["Investering i materiella anläggningstillgångar"]["ack_utfall"] == pytest.approx(inv, abs=1)


def test_balanskravskedjan(miljo):
    v = varden(tabell(miljo, "balanskravsutredning"))
    for k in ("ack_utfall", "prognos"):
        efter = (v["Periodens resultat"][k] + v["Samtliga realisationsvinster"][k]
                 + v["Orealiserade vinster och förluster i värdepapper"][k])
        assert v["Resultat efter balanskravsjusteringar"][k] == pytest.approx(efter, abs=0.01)
        assert v["Balanskravsresultat"][k] == pytest.approx(
            efter + v["Reservering till resultatutjämningsreserv"][k]
            + v["Disponering av resultatutjämningsreserv"][k], abs=0.01)
    # Realisationsvinsten (konto 3972, maj 2024) dras av med hela sitt belopp.
    assert v["Samtliga realisationsvinster"]["ack_utfall"] == pytest.approx(-2_345_000, abs=0.005)
    assert v["Disponering av resultatutjämningsreserv"]["prognos"] == pytest.approx(120e6, abs=0.01)
    rr = varden(tabell(miljo, "resultatrakning"))
    assert v["Periodens resultat"]["prognos"] == pytest.approx(rr["Periodens resultat"]["prognos"], abs=0.01)


def test_mal_per_bedomning(miljo):
    from rapportverk.berakning.mal import aktuella_mal, antal_per_bedomning

    _projekt, indata = miljo
    aug = aktuella_mal(indata.mal, P)
    assert antal_per_bedomning(aug, "delmal") == {"Helt": 5, "Delvis": 2, "Inte": 1, "Inga data": 4}
    assert antal_per_bedomning(aug, "indikator") == {"Helt": 11, "Delvis": 5, "Inte": 4, "Inga data": 5}
    april = aktuella_mal(indata.mal, Period(2024, 5))  # senaste bedömningen t.o.m. maj är aprils
    assert antal_per_bedomning(april, "delmal") == {"Helt": 1, "Delvis": 4, "Inte": 1, "Inga data": 6}
    assert aktuella_mal(indata.mal, Period(2024, 3)).height == 0


def test_malmeningen():
    from rapportverk.dokument.mal import mening

    assert mening({"Helt": 5, "Delvis": 2, "Inte": 0, "Inga data": 5}, "delmal") == (
        "12 delmål: 5 uppnås, 2 uppnås delvis och 5 kan ännu inte bedömas.")
    assert mening({"Helt": 0, "Delvis": 0, "Inte": 3, "Inga data": 0}, "finansiellt") == (
        "Inget av de 3 finansiella målen uppnås.")
    assert mening({"Helt": 0, "Delvis": 0, "Inte": 0, "Inga data": 0}, "indikator") == (
        "Inga indikatorer har bedömts för perioden.")


def test_sjukfranvaron_per_kon_och_alder_ar_kvoter_av_timmar(miljo):
    _projekt, indata = miljo
    t = tabell(miljo, "sjukfranvaro_region")
    v = varden(t)
    ack = indata.personal.filter(pl.col("period").is_between(Period(2024, 1).forsta_dag, P.forsta_dag))
    kvinnor = ack.filter(pl.col("kon") == "K")
    assert v["Kvinnor"]["sjukfranvaro_ack"] == pytest.approx(
        kvinnor["sjuk_timmar"].sum() / kvinnor["ordinarie_timmar"].sum() * 100)
    assert [r.etikett for r in t.rader] == ["Totalt", "Kvinnor", "Män", "Under 30 år", "30–49 år", "50 år och äldre"]


# --- Rapporten byggd och läst tillbaka ------------------------------------------------------------------------


def _pdftext(fil: Path) -> str:
    kraver_program("pdftotext", PDFTOTEXT)
    text = subprocess.run(["pdftotext", "-layout", str(fil), "-"], capture_output=True, text=True, check=True).stdout
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="session")
def region(tmp_path_factory):
    """`rapport delar --period 2024-08 --region` som en användare kör det, en gång per testkörning."""
    from typer.testing import CliRunner

    from rapportverk.cli import app

    ut = tmp_path_factory.mktemp("region")
    svar = CliRunner().invoke(app, ["--konfig", str(ROT / "konfig" / "rapportverk.yaml"), "delar", "--period",
                                    "2024-08", "--region", "--ut", str(ut), "--jobb", "1"])
    assert svar.exit_code == 0, svar.output
    katalog = ut / "2024-08"
    return {"pdf": katalog / "delarsrapport-region-2024-08.pdf", "docx": katalog / "delarsrapport-region-2024-08.docx",
            "ut": katalog, "utskrift": svar.output}


AVSNITT = ["Förvaltningsberättelse i sammandrag", "Viktiga händelser under perioden",
           "Händelser efter periodens utgång", "Måluppfyllelse", "Finansiella mål", "God ekonomisk hushållning",
           "Resultat och helårsprognos per nämnd",
           "Investeringar", "Balanskravsutredning", "Väsentliga personalförhållanden", "Resultaträkning",
           "Balansräkning", "Kassaflödesanalys", "Redovisningsprinciper", "Nämndernas ekonomi"]


@pytest.mark.slow
def test_regionens_rapport_har_alla_avsnitt_i_bada_formaten(region):
    import docx as python_docx

    assert sorted(f.name for f in region["ut"].iterdir()) == [
        "delarsrapport-region-2024-08.docx", "delarsrapport-region-2024-08.pdf", "diagram", "indata",
        "manifest.json", "tabeller"]
    text = _pdftext(region["pdf"])
    rubriker = [p.text for p in python_docx.Document(str(region["docx"])).paragraphs
                if p.style.name.startswith(("Heading", "Rubrik"))]
    for avsnitt in AVSNITT:
        assert avsnitt in text
        assert any(avsnitt in r for r in rubriker), avsnitt
    assert "inte den lagstadgade delårsrapporten" not in text


@pytest.mark.slow
def test_regionens_rapport_tabeller_och_meningar_ur_data(region):
    import docx as python_docx

    text = " ".join(_pdftext(region["pdf"]).split())
    assert "12 delmål: 5 uppnås, 2 uppnås delvis, 1 uppnås inte och 4 kan ännu inte bedömas." in text
    assert "Balanskravsresultatet för perioden är −678 Mkr och för helåret prognostiseras det till −1 114 Mkr." in text
    dok = python_docx.Document(str(region["docx"]))
    rader = {rad.cells[0].text: [c.text for c in rad.cells][1:] for t in dok.tables for rad in t.rows}
    assert rader["Resultat"] == ["−551", "−177", "−167", "−10", "−437", "−676", "−239"]
    assert rader["Balanskravsresultat"] == ["−678", "−1\u00a0114"]
    assert rader["Summa eget kapital, avsättningar och skulder"] == ["13\u00a0133", "13\u00a0207"]
    assert "○ Inte" in [c for r in rader.values() for c in r]


@pytest.mark.slow
def test_andra_perioder_far_en_synlig_not(tmp_path):
    from typer.testing import CliRunner

    from rapportverk.cli import app

    svar = CliRunner().invoke(app, ["--konfig", str(ROT / "konfig" / "rapportverk.yaml"), "delar", "--period",
                                    "2024-03", "--region", "--ut", str(tmp_path), "--format", "pdf", "--jobb", "1"])
    assert svar.exit_code == 0, svar.output
    text = " ".join(_pdftext(tmp_path / "2024-03" / "delarsrapport-region-2024-03.pdf").split())
    assert "omfattar januari–mars 2024 och är inte den lagstadgade delårsrapporten" in text
    assert "Inga regionmål är bedömda" in text or "Inga regionmål" in text


# --- Minsta möjliga indata: ett konto per rad i rapporten, förberett för hand -------------------------------------

MINSTA = {
    "organisation.csv": "enhet;namnd\n1;styrelsen\n2;vard\n",
    # Hela ackumulerade beloppet på periodens månad; resten av årsbudgeten i december. Serien står i filen.
    "huvudbok.csv": """period;enhet;konto;serie;belopp
2024-08;1;3010;utfall;50000000
2024-08;1;4010;utfall;-300000000
2024-08;2;4010;utfall;-700000000
2024-08;2;7810;utfall;-40000000
2024-08;1;8010;utfall;800000000
2024-08;1;8110;utfall;200000000
2024-08;1;8310;utfall;5000000
2024-08;1;8410;utfall;-10000000
2023-08;1;4010;utfall;-280000000
2023-08;2;4010;utfall;-650000000
2023-08;1;8010;utfall;780000000
2023-08;1;8110;utfall;190000000
2024-08;1;3010;budget;45000000
2024-08;1;4010;budget;-290000000
2024-08;2;4010;budget;-680000000
2024-08;2;7810;budget;-40000000
2024-08;1;8010;budget;790000000
2024-08;1;8110;budget;195000000
2024-08;1;8410;budget;-12000000
2024-12;1;4010;budget;-145000000
2024-12;2;4010;budget;-340000000
2024-12;1;8010;budget;395000000
2024-12;1;8110;budget;97000000
2024-01;1;1110;ib;-1000000000
2024-01;1;1119;ib;300000000
2024-01;1;1930;ib;-500000000
2024-01;1;2350;ib;400000000
2024-01;1;2010;ib;800000000
2024-08;1;1110;utfall;-60000000
2024-08;1;1119;utfall;40000000
2024-08;1;1930;utfall;15000000
2023-08;1;1930;utfall;-40000000
""",
    "prognos.csv": "namnd;nod;period;belopp\nstyrelsen;styrelsen;2024-08;-5000000\nvard;vard;2024-08;-20000000\n",
    # Nämndernas prognos (−25 Mkr) står också som resultaträkningens kostnadsrad, så att tabellerna stämmer.
    "regionprognos.csv": ("period;radnamn;prognos_avvikelse;utfall\n2024-08;Skatteintäkter;-5000000;\n"
                          "2024-08;Verksamhetens kostnader;-25000000;\n"),
    "mal.csv": """period;typ;id;namnd;overordnat;text;bedomning;utfall;malvarde;nyckeltal;analys
2024-08;regionmal;r1;;;God vård;Helt;;;;Vården når målen.
2024-08;delmal;d1;vard;r1;Kortare köer;Delvis;;;;
2024-08;indikator;i1;vard;d1;Andel inom vårdgarantin;Inte;71;90;;
2024-08;finansiellt;f1;;;Resultat minst 1 procent;Inte;;1,0;resultat_andel_skatter;Målet nås inte.
""",
    "personal.csv": "period;namnd;kon;aldersgrupp;anstallda;tillsvidareanstallda;ordinarie_timmar;sjuk_timmar;"
    """utan_sjukfranvaro
2024-08;styrelsen;K;30-49;100;90;16000;800;50
2024-08;vard;M;50-;200;180;32000;1600;90
2023-08;styrelsen;K;30-49;95;85;15200;790;45
2023-08;vard;M;50-;190;170;30400;1700;80
""",
    "investeringar.csv": ("period;investeringsomrade;utfall_ack;prognos;arsbudget\n"
                          "2024-08;Fastighet;60000000;90000000;100000000\n"),
}

MINSTA_KONFIG = """organisation: {{namn: Region Liten}}
kallor:
  huvudbok:
    - fil: ../data/huvudbok.csv
  prognos:
    - {{fil: ../data/prognos.csv, niva: namnd}}
  regionprognos: {{fil: ../data/regionprognos.csv}}
  mal:
    - fil: ../data/mal.csv
  personal: {{fil: ../data/personal.csv}}
  investeringar: {{fil: ../data/investeringar.csv}}
hierarkier:
  organisation: {{fil: ../data/organisation.csv, nivaer: [enhet, namnd]}}
  kostnadsslag: {rot}/konfig/kostnadsslag.yaml
# Kostnadsslagen och layoutmallarna läses ur exempelprojektet, utanför den här katalogen.
tillat_utanfor_projektet: [{rot}]
namnder:
  - {{id: styrelsen, namn: Regionstyrelsen}}
  - {{id: vard, namn: Vårdnämnden}}
tabeller:
  netto: {{rubrik: Nettokostnad, rader: namnd, kolumner: [ack_utfall, ack_budget, ack_avvikelse]}}
  investeringar:
    {{rubrik: "Investeringar {{ar}}", typ: investeringar, kolumner: [utfall_ack, prognos, arsbudget], summarad: Totalt}}
  personal_per_namnd: {{rubrik: Anställda, typ: personal, omfang: region, summarad: Totalt}}
diagram:
  investeringar: {{typ: investeringar, tabell: investeringar, kolumn: utfall_ack, rubrik: Investeringar}}
  sjukfranvaro_region: {{typ: sjukfranvaro, omfang: region, rubrik: Sjukfrånvaro}}
rapporter:
  delarsrapport:
    titel: "Delårsrapport {{manad}} {{ar}}"
    mall: {rot}/mallar/delarsrapport/rapport.md
    texter: ../texter
    filnamn: "delarsrapport-{{namnd}}-{{period}}"
    region: delarsrapport_region
"""


@pytest.mark.slow
def test_minsta_mojliga_indata_ger_en_hel_rapport(tmp_path):
    """En region som förbereder sina filer för hand ur en färdig rapports tabeller, med ett konto per rad
    (docs/ekonomistab/indata.md, Regionens delårsrapport): rapporten byggs hel, och räkenskaperna går ihop."""
    from rapportverk.bygg.rapport import bygg_rapport
    from rapportverk.underlag import Underlag

    (tmp_path / "data").mkdir()
    for namn, text in MINSTA.items():
        (tmp_path / "data" / namn).write_text(text, encoding="utf-8")
    (tmp_path / "konfig" / "rapporter").mkdir(parents=True)
    (tmp_path / "konfig" / "rapportverk.yaml").write_text(MINSTA_KONFIG.format(rot=ROT), encoding="utf-8")
    region = (ROT / "konfig" / "rapporter" / "delarsrapport_region.yaml").read_text(encoding="utf-8")
    region = region.replace("../../mallar/", f"{ROT}/mallar/").replace("../../exempeldata/texter", "../../texter")
    region = region.replace("namndavsnitt: [budgetavvikelse_per_omrade, prognos_per_omrade]", "namndavsnitt: [netto]")
    (tmp_path / "konfig" / "rapporter" / "delarsrapport_region.yaml").write_text(region, encoding="utf-8")

    projekt = ladda_projekt(tmp_path / "konfig" / "rapportverk.yaml")
    indata = las_indata(projekt, P)
    for namn in ("balansrakning", "kassaflodesanalys"):
        assert bygg_tabell(projekt, indata, namn, REGION, P).kontroller == ()
    rr = varden(bygg_tabell(projekt, indata, "resultatrakning", REGION, P))
    assert rr["Periodens resultat"]["ack_utfall"] == pytest.approx(5e6)
    # Regionens prognosfil har skatteintäkterna och kostnaderna; övriga rader får årsbudgeten, med en not.
    assert rr["Periodens resultat"]["prognos"] == pytest.approx(rr["Periodens resultat"]["arsbudget"] - 30e6)
    assert bygg_tabell(projekt, indata, "resultatrakning", REGION, P).kontroller == ()
    byggd = bygg_rapport(Underlag(projekt, indata, P), "delarsrapport_region", REGION, tmp_path / "ut", format=("pdf",))
    text = " ".join(_pdftext(byggd.filer[0]).split())
    for avsnitt in AVSNITT:
        assert avsnitt in text, avsnitt
    assert "Det enda delmålet uppnås delvis." in text
    assert "går inte ihop" not in text
    assert "Prognos saknas för Verksamhetens intäkter" in text



def test_resultatrakningens_prognos_kontrolleras_mot_namndernas(miljo):
    """Regionens prognos per rad och nämndernas prognos är två inmatningar av samma resultat: en skillnad ska synas."""
    import dataclasses

    projekt, indata = miljo
    assert tabell(miljo, "resultatrakning").kontroller == ()
    andrad = indata.regionprognos.with_columns(
        pl.when((pl.col("radnamn") == "Verksamhetens kostnader") & (pl.col("period") == P.forsta_dag))
        .then(pl.col("prognos_avvikelse") - 10e6).otherwise(pl.col("prognos_avvikelse")).alias("prognos_avvikelse"))
    t = bygg_tabell(projekt, dataclasses.replace(indata, regionprognos=andrad), "resultatrakning", REGION, P)
    assert {(k.rad, k.lika_med, k.kolumn) for k in t.kontroller} == {
        ("Verksamhetens nettokostnader", "Verksamhetens nettokostnader", "Prognos 2024"),
        ("Periodens resultat", "Resultat", "Prognos 2024")}
    assert all(k.skillnad == pytest.approx(-10e6) for k in t.kontroller)


def test_en_namnd_utan_prognos_far_en_not(miljo):
    t = tabell(miljo, "resultat_och_prognos")
    assert t.utan_prognos == ("Patientnämnden",)  # har ingen rad i prognos_2024.xlsx per augusti


def test_varje_mals_senaste_bedomning_galler(miljo):
    from rapportverk.berakning.mal import aktuella_mal, antal_per_bedomning

    _projekt, indata = miljo
    ny = indata.mal.filter(pl.col("id") == indata.mal.filter(pl.col("typ") == "delmal")["id"][0]).head(1)
    senare = pl.concat([indata.mal, ny.with_columns(pl.lit(Period(2024, 9).forsta_dag).alias("period"),
                                                    pl.lit("Inte").alias("bedomning"))])
    sept = aktuella_mal(senare, Period(2024, 9))
    assert sept.filter(pl.col("typ") == "regionmal").height == 4  # de andra målens bedömning gäller fortfarande
    assert sum(antal_per_bedomning(sept, "delmal").values()) == 12
