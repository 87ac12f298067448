"""Tabellernas siffror som en controller läser dem (issue 21, punkt 4–6): små belopp med decimaler i stället för 0,
avrundningsnoten bara där en visad summa inte är summan av de visade delarna, inga tomma kolumner eller bilagor,
och ett talformat per kolumn. Kända svar ur regionens och Regionstyrelsens rapporter per augusti 2024, lästa i
dokumentmodellen och tillbaka ur DOCX (python-docx) och PDF (pdftotext).
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import pytest
from conftest import PDFTOTEXT, kraver_program

from rapportverk.berakning.modell import Kolumn, Rad
from rapportverk.berakning.modell import Tabell as Berakning
from rapportverk.bygg.batch import Bestallning, las
from rapportverk.bygg.rapport import tolka_period
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.modell import Tabell, alla_block
from rapportverk.dokument.tabell import avrundningsdifferens, dokumenttabell
from rapportverk.formatering import cell
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

ROT = Path(__file__).resolve().parents[1]
KONFIG = ROT / "konfig" / "rapportverk.yaml"
M, NB = "\u2212", "\u00a0"
NOT = "Avrundningsdifferenser kan förekomma."


@functools.cache
def _projekt():
    return ladda_projekt(KONFIG)


@functools.cache
def modell(rapport: str, namnd: str, period: str = "2024-08"):
    p = _projekt()
    per = tolka_period(p, rapport, period)
    return bygg_dokument(Underlag(p, las(p, Bestallning(KONFIG, rapport, per, ROT / "ut")), per), rapport, namnd)


def tabeller(dok) -> dict[str, Tabell]:
    """Dokumentets tabeller efter id (den första med ett id som förekommer flera gånger)."""
    ut: dict[str, Tabell] = {}
    for b in alla_block(dok):
        if isinstance(b, Tabell):
            ut.setdefault(b.id, b)
    return ut


def rader(t: Tabell) -> dict[str, tuple[str, ...]]:
    return {r.celler[0]: r.celler[1:] for r in t.rader}


# --- Punkt 5: decimaler per cell ----------------------------------------------------------------------------


def test_litet_belopp_far_decimaler_i_en_kolumn_av_hela_mkr():
    assert cell("belopp", -400_000, "mkr", 0, extra=2) == f"{M}0,4"
    assert cell("belopp", 450_000, "mkr", 0, extra=2) == "0,5"  # halvt bort från noll, som Excel
    assert cell("belopp", -40_000, "mkr", 0, extra=2) == f"{M}0,04"
    # Utan extra decimaler, noll, och det som är noll också med två decimaler till: 0 som förut.
    assert cell("belopp", -400_000, "mkr", 0) == "0"
    assert cell("belopp", 0.0, "mkr", 0, extra=2) == "0"
    assert cell("belopp", 4_000, "mkr", 0, extra=2) == "0"
    # Ett belopp som syns ändå får inga fler decimaler.
    assert cell("belopp", -1_499_999, "mkr", 0, extra=2) == f"{M}1"


def test_extra_decimaler_ur_konfigurationen():
    t = _projekt().konfig.tabeller
    from rapportverk.berakning.matt import MATT
    from rapportverk.berakning.tabell import kolumner

    kol = {k.nyckel: k for k in kolumner(t["budgetavvikelse_per_omrade"].kolumner, MATT,
                                          t["budgetavvikelse_per_omrade"])}
    # Utan inställning skrivs ett litet belopp 0, som i nämndernas publicerade tabeller.
    assert {k.extra_decimaler for k in kol.values()} == {0}
    pa = t["budgetavvikelse_per_omrade"].model_copy(update={"extra_decimaler": 1})
    kol = {k.nyckel: k for k in kolumner(pa.kolumner, MATT, pa)}
    assert kol["ack_avvikelse"].extra_decimaler == 1  # tabellens gäller beloppskolumnerna
    assert kol["ack_avvikelse_procent"].extra_decimaler == 0  # inte procent
    assert t["resultat_och_prognos"].extra_decimaler == 1  # regionens tabell per nämnd, som den publicerade


def test_sma_namnder_i_regionens_tabell_far_decimaler():
    r = rader(tabeller(modell("delarsrapport_region", "region"))["tabell-resultat-och-prognos"])
    # Ack avvikelse (fjärde kolumnen): hela Mkr för de stora nämnderna, en decimal för de små (extra_decimaler: 1
    # i tabellen), och 0 för ett belopp som är 0 också med en decimal (−0,04 Mkr).
    assert r["Regionstyrelsen"][3] == f"{M}43"
    assert r["Folkhögskolestyrelsen"][3] == "0,4"
    assert r["Patientnämnden"][3] == "0"
    assert r["Revisionen"][3] == "0,2"


def test_namndernas_tabeller_skriver_sma_belopp_som_0():
    # Som Regionstyrelsens publicerade kostnadsslagstabell: hela Mkr, också för de minsta beloppen.
    for b in alla_block(modell("delarsrapport", "regionstyrelsen")):
        if isinstance(b, Tabell):
            for r in b.rader:
                assert not any(c.startswith(("0,", f"{M}0,")) and c.count(",") and len(c.split(",")[1]) == 2
                               for c in r.celler[1:]), (b.id, r.celler)


# --- Punkt 6: avrundningsnoten ------------------------------------------------------------------------------


def _berakning(varden: list[tuple[float | None, float | None]], typer=("belopp", "procent")) -> Berakning:
    kol = tuple(Kolumn(f"k{i}", f"K{i}", t, 0, extra_decimaler=0) for i, t in enumerate(typer))
    delar = [Rad(f"r{i}", "normal", v) for i, v in enumerate(varden[:-1])]
    summa = Rad("Summa", "summa", varden[-1], delar=tuple(range(len(delar))))
    return Berakning("t", "T", "", kol, (*delar, summa), "mkr")


@pytest.mark.parametrize(("varden", "not_"), [
    # −177,4 + −1,6 + −498,4 = −677,4: delarna visas −177, −2, −498 (−677), summan −677: ingen not.
    ([(-177.4e6, 1.0), (-1.6e6, 2.0), (-498.4e6, 3.0), (-677.4e6, 4.0)], False),
    # −177,4 + −2,4 + −498,4 = −678,2: delarna visas −177, −2, −498 (−677), summan −678: not.
    ([(-177.4e6, 1.0), (-2.4e6, 2.0), (-498.4e6, 3.0), (-678.2e6, 4.0)], True),
    # En summarad som inte är summan av delarna (en prognos som bara finns för summan) räknas inte.
    ([(-177.4e6, 1.0), (-2.4e6, 2.0), (-700e6, 4.0)], False),
])
def test_avrundningsdifferens(varden, not_):
    t = _berakning(varden)
    assert avrundningsdifferens(t, dokumenttabell(t)) is not_


def test_skillnad_pa_en_rad_ger_noten():
    # Sjukfrånvaron 5,66 % och 5,94 % visas 5,7 och 5,9, förändringen −0,28 visas −0,3: 5,7 − 5,9 är −0,2.
    kol = (Kolumn("nu", "Nu", "procent", 1), Kolumn("fg", "Fg", "procent", 1),
           Kolumn("andring", "Förändring", "procent", 1, delar=(("nu", 1), ("fg", -1))))

    def noten(nu: float, fg: float) -> bool:
        t = Berakning("t", "T", "", kol, (Rad("Totalt", "normal", (nu, fg, nu - fg)),), "mkr")
        return avrundningsdifferens(t, dokumenttabell(t))

    assert noten(5.66, 5.94) is True
    assert noten(5.66, 5.86) is False  # 5,7 − 5,9 = −0,2
    # Utan en av delarna i tabellen finns ingen skillnad att pröva.
    utan = Berakning("t", "T", "", (kol[0], kol[2]), (Rad("Totalt", "normal", (5.66, -0.28)),), "mkr")
    assert avrundningsdifferens(utan, dokumenttabell(utan)) is False


def test_sjukfranvarons_forandring_far_noten():
    from rapportverk.berakning.matt import SJUKFRANVAROMATT
    from rapportverk.berakning.tabell import kolumner

    t = tabeller(modell("delarsrapport_region", "region"))
    sjuk = next(b for b in t.values() if b.rubrik.startswith("Sjukfrånvaro januari–augusti"))
    assert rader(sjuk)["Totalt"][:3] == ("5,7", "5,9", f"{M}0,3") and sjuk.noter == (NOT,)
    tdef = _projekt().konfig.tabeller["sjukfranvaro_region"]
    delar = {k.nyckel: k.delar for k in kolumner(tdef.kolumner, SJUKFRANVAROMATT, tdef)}
    assert delar["forandring_procentenheter"] == (("sjukfranvaro_ack", 1), ("sjukfranvaro_ack_fg", -1))


def test_procentkolumn_summeras_inte():
    # Procenten 0,4 + 0,4 = 0,8 visas 0 + 0 men summan 1: procent är ingen summa, ingen not.
    t = _berakning([(1e6, 0.4), (1e6, 0.4), (2e6, 0.8)])
    assert avrundningsdifferens(t, dokumenttabell(t)) is False


def test_balanskravet_far_noten_resultatrakningen_inte():
    t = tabeller(modell("delarsrapport_region", "region"))
    bk = rader(t["tabell-balanskravsutredning"])
    assert bk["Periodens resultat"] == (f"{M}177", f"{M}676")
    assert bk["Samtliga realisationsvinster"] == (f"{M}2", f"{M}2")
    assert bk["Orealiserade vinster och förluster i värdepapper"] == (f"{M}498", f"{M}555")
    assert bk["Resultat efter balanskravsjusteringar"] == (f"{M}678", f"{M}1{NB}234")  # −677 och −1 233 visade
    assert t["tabell-balanskravsutredning"].noter == (NOT,)
    rr = rader(t["tabell-resultatrakning"])
    assert rr["Verksamhetens nettokostnader"] == (f"{M}7{NB}527", f"{M}7{NB}193", f"{M}10{NB}801", f"{M}11{NB}535")
    assert t["tabell-resultatrakning"].noter == ()  # varje visad summa är summan av sina visade delar


def test_noten_ur_konfigurationen():
    from rapportverk.konfig.modell import Konfig

    assert _projekt().konfig.avrundningsnot == NOT  # standard när nyckeln inte står i konfigurationen
    assert Konfig.model_fields["avrundningsnot"].annotation is str


# --- Läst tillbaka ur DOCX och PDF ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    from typer.testing import CliRunner

    from rapportverk.cli import app

    ut = tmp_path_factory.mktemp("tabellsiffror")
    svar = CliRunner().invoke(app, ["--konfig", str(KONFIG), "delar", "--period", "2024-08", "--region", "--ut",
                                    str(ut), "--jobb", "1"])
    assert svar.exit_code == 0, svar.output
    return ut / "2024-08" / "delarsrapport-region-2024-08"


def _pdftext(fil: Path) -> str:
    kraver_program("pdftotext", PDFTOTEXT)
    return subprocess.run(["pdftotext", "-layout", str(fil), "-"], capture_output=True, text=True,
                          check=True).stdout.replace(NB, " ")


def _docx(fil: Path):
    import docx as python_docx

    return python_docx.Document(str(fil))


def _stycke_efter_tabell(dok, forsta_cell: str) -> str:
    """Texten i stycket direkt efter tabellen vars första rubrikcell är `forsta_cell`."""
    body = dok.element.body
    for t in dok.tables:
        if t.rows[-1].cells[0].text == forsta_cell:
            nasta = t._tbl.getnext()
            return "".join(x.text or "" for x in nasta.iter() if x.tag.endswith("}t"))
    raise AssertionError(f"ingen tabell slutar med {forsta_cell}: {body}")


@pytest.mark.slow
def test_i_docx_och_pdf(region):
    dok = _docx(region.with_suffix(".docx"))
    resultat = next(t for t in dok.tables if t.rows[-1].cells[0].text == "Resultat")
    celler = {r.cells[0].text: [c.text for c in r.cells][1:] for r in resultat.rows}
    assert celler["Folkhögskolestyrelsen"][3] == "0,4"
    assert celler["Patientnämnden"][3] == "0"  # −0,04 Mkr: 0 också med en decimal
    bk = next(t for t in dok.tables if t.rows[-1].cells[0].text == "Balanskravsresultat")
    assert [c.text for c in bk.rows[-1].cells][1:] == [f"{M}678", f"{M}1{NB}114"]
    assert _stycke_efter_tabell(dok, "Balanskravsresultat") == NOT
    assert _stycke_efter_tabell(dok, "Periodens resultat") != NOT  # resultaträkningen: ingen not

    text = _pdftext(region.with_suffix(".pdf"))
    rad = next(r for r in text.splitlines() if r.strip().startswith("Folkhögskolestyrelsen") and "−14" in r)
    assert rad.split()[1:5] == ["−4", "−9", "−10", "0,4"]
    bk = text[text.index("Disponering av resultatutjämningsreserv"):]
    # Orden, inte mellanrummen: hur många blanksteg pdftotext -layout sätter beror på hela sidans text.
    assert [" ".join(r.split()) for r in bk.splitlines()[1:3]] == ["Balanskravsresultat −678 −1 114", NOT]
    rr = text[text.index("Resultat efter finansiella poster"):]
    assert rr.splitlines()[2].strip() == ""


# --- Punkt 4: inga tomma kolumner, ett talformat per kolumn --------------------------------------------------


def test_tom_kolumn_utelamnas_med_en_not():
    t = tabeller(modell("delarsrapport_region", "region"))["mal-delmal-alla"]
    assert [c.text for c in t.huvud[0]] == ["Nämnd", "Delmål", "Bedömning"]
    assert t.rader[0].celler == ("Regionstyrelsen", "Sjukfrånvaron bland regionens medarbetare ska minska jämfört "
                                 "med föregående år", "● Helt")
    assert t.noter == ("Kolumnen Analys visas inte: den är tom på varje rad.",)
    assert len(t.bredder) == 3 and sum(t.bredder) == pytest.approx(100, abs=0.05)
    # Regionmålen har analyser: kolumnen står kvar, ingen not.
    r = tabeller(modell("delarsrapport_region", "region"))["mal-regionmal-alla"]
    assert [c.text for c in r.huvud[0]][-1] == "Analys" and r.noter == ()


def test_tom_kolumn_i_grupperat_huvud():
    from rapportverk.dokument.layout_tabell import utan_tomma_kolumner
    from rapportverk.dokument.modell import Huvudcell, Tabellrad

    t = Tabell("t", "T", ((Huvudcell("", 1, "vanster"), Huvudcell("Helår", 2)),
                          (Huvudcell("Område", 1, "vanster"), Huvudcell("Budget"), Huvudcell("Prognos"))),
               (Tabellrad(("A", "1", "")), Tabellrad(("B", "2", "")), Tabellrad(("Summa", "3", ""), "summa")),
               ("vanster", "hoger", "hoger"))
    u = utan_tomma_kolumner(t)
    assert [[(c.text, c.spann) for c in rad] for rad in u.huvud] == [[("", 1), ("Helår", 1)],
                                                                    [("Område", 1), ("Budget", 1)]]
    assert [r.celler for r in u.rader] == [("A", "1"), ("B", "2"), ("Summa", "3")]
    assert u.noter == ("Kolumnen Prognos visas inte: den är tom på varje rad.",)


# Konfigurationens tom_text för tabellen, med nämndens namn och perioden.
PROGNOS_UTAN_PROGNOS = "Patientnämnden har inte lämnat någon prognos per område för helåret per augusti 2024."


def test_tabell_med_mest_tomma_kolumner_blir_en_mening():
    # Patientnämnden har inte lämnat någon prognos: prognostabellen skulle bara visa årsbudgeten.
    dok = modell("delarsrapport", "patientnamnden")
    _, stycken = _rubriker_och_stycken(dok)
    assert "Årsprognos per område" not in {t.rubrik for t in tabeller(dok).values()}
    assert PROGNOS_UTAN_PROGNOS in stycken
    # Regionstyrelsen har en prognos: tabellen står kvar med alla kolumner.
    t = {t.rubrik: t for t in tabeller(modell("delarsrapport", "regionstyrelsen")).values()}["Årsprognos per område"]
    assert len(t.justering) == 4 and not any("visas inte" in n for n in t.noter)


def test_en_tom_kolumn_av_tva_ger_en_not_inte_en_mening():
    from rapportverk.dokument.layout_tabell import utelamnad_tabell
    from rapportverk.dokument.modell import Huvudcell, Tabellrad

    huvud = ((Huvudcell("Område", 1, "vanster"), Huvudcell("Budget"), Huvudcell("Prognos")),)
    t = Tabell("t", "T", huvud, (Tabellrad(("A", "1", "")),), ("vanster", "hoger", "hoger"))
    assert utelamnad_tabell(t) is None  # hälften tom: kolumnen utelämnas med en not
    tre = Tabell("t", "T", ((*huvud[0], Huvudcell("Avvikelse")),), (Tabellrad(("A", "1", "", "")),),
                 ("vanster", "hoger", "hoger", "hoger"))
    assert utelamnad_tabell(tre) == "Tabellen T visas inte: kolumnerna Prognos och Avvikelse är tomma på varje rad."


def test_finansiella_mal_ett_format_per_kolumn():
    t = tabeller(modell("delarsrapport_region", "region"))["mal-finansiella"]
    assert [r.celler[1:3] for r in t.rader] == [(f"{M}6,1{NB}%", f"1,0{NB}%"), (f"8,7{NB}%", f"100,0{NB}%"),
                                                 (f"52,1{NB}%", "–")]


@pytest.mark.slow
def test_punkt_4_i_docx_och_pdf(region):
    dok = _docx(region.with_suffix(".docx"))
    delmal = next(t for t in dok.tables if t.rows[0].cells[0].text == "Nämnd" and t.rows[0].cells[1].text == "Delmål")
    assert [c.text for c in delmal.rows[0].cells] == ["Nämnd", "Delmål", "Bedömning"]
    assert _stycke_efter_tabell(dok, "Patientnämnden") == "Kolumnen Analys visas inte: den är tom på varje rad."
    fin = next(t for t in dok.tables if t.rows[0].cells[0].text == "Finansiellt mål")
    assert [[c.text for c in r.cells][1:3] for r in fin.rows[1:]] == [
        [f"{M}6,1{NB}%", f"1,0{NB}%"], [f"8,7{NB}%", f"100,0{NB}%"], [f"52,1{NB}%", "–"]]
    text = " ".join(_pdftext(region.with_suffix(".pdf")).split())
    assert "Kolumnen Analys visas inte: den är tom på varje rad." in text
    assert "100,0 %" in text and "8,7 %" in text


# --- Punkt 4: ingen tom bilaga -----------------------------------------------------------------------------

TOM_BILAGA = "Budgeten har inte omfördelats under 2024 t.o.m. augusti 2024; därför har rapporten ingen budgetbilaga."


def _rubriker_och_stycken(dok) -> tuple[list[str], list[str]]:
    from rapportverk.dokument.modell import Rubrik, Stycke, text_av

    block = list(alla_block(dok))
    return ([text_av(b.innehall) for b in block if isinstance(b, Rubrik)],
            [text_av(b.innehall) for b in block if isinstance(b, Stycke)])


def test_tom_budgetbilaga_utelamnas_med_en_mening_under_budgetavvikelsen():
    rubriker, stycken = _rubriker_och_stycken(modell("delarsrapport", "regionstyrelsen"))
    assert "Bilagor" not in rubriker and "Budgetbilaga" not in rubriker
    assert rubriker[-1] == "Framtidsbedömning"
    assert TOM_BILAGA in stycken
    # Meningen står direkt efter tabellen och dess not, där budgeten visas.
    assert not any("Budgetomfördelningar 2024: inga uppgifter" in s for s in stycken)
    # April 2021 hade omfördelningar: bilagan står kvar, utan meningen.
    rubriker, stycken = _rubriker_och_stycken(modell("delarsrapport", "regionstyrelsen", "2021-04"))
    assert rubriker[-2:] == ["Bilagor", "Budgetbilaga"]
    assert not any("har inte omfördelats" in s for s in stycken)


@pytest.mark.slow
def test_tom_bilaga_i_docx_och_pdf(tmp_path):
    from typer.testing import CliRunner

    from rapportverk.cli import app

    svar = CliRunner().invoke(app, ["--konfig", str(KONFIG), "delar", "--period", "2024-08", "--namnd",
                                    "regionstyrelsen", "--ut", str(tmp_path), "--jobb", "1"])
    assert svar.exit_code == 0, svar.output
    fil = tmp_path / "2024-08" / "delarsrapport-regionstyrelsen-2024-08"
    text = _pdftext(fil.with_suffix(".pdf"))
    assert "Budgetbilaga" not in text and "Sida 7 av 7" in text
    assert TOM_BILAGA in " ".join(text.split())
    dok = _docx(fil.with_suffix(".docx"))
    assert TOM_BILAGA in [p.text for p in dok.paragraphs]
    assert not any(p.text in ("Bilagor", "Budgetbilaga") for p in dok.paragraphs)
