"""Kända svar: de publicerade tabellerna i Regionstyrelsens delårsrapport per april 2021.

Varje tal i en publicerad tabell är en exakt förväntan till sin tryckta precision. Exempeldatan i
exempeldata/ är konstruerad för att ge dem; testerna räknar dem genom hela kedjan kallor → berakning.
Där rapportens definition av budgetavvikelse i procent skiljer sig (den delar med −budget, vi med
abs(budget)) testas vår definition: samma belopp, annat tecken där budgeten är positiv.
"""

from pathlib import Path

import pytest

from rapportverk.formatering import belopp, procent
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt, nyckeltal

ROT = Path(__file__).resolve().parents[1]
P = Period(2021, 4)
RS = "regionstyrelsen"


@pytest.fixture(scope="module")
def miljo():
    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    return projekt, las_indata(projekt, P)


def tabell(miljo, namn: str):
    projekt, indata = miljo
    return bygg_tabell(projekt, indata, namn, RS, P)


def visat(t, rad: str, kolumner: list[str], decimaler: list[int]) -> list[str]:
    """Värdena som de skulle tryckas: belopp i mkr, procent utan %-tecken, vanligt minustecken."""
    ut = []
    typer = {k.nyckel: k.typ for k in t.kolumner}
    for kolumn, dec in zip(kolumner, decimaler, strict=True):
        v = t.varde(rad, kolumn)
        text = procent(v, dec, tecken=False) if typer[kolumn] == "procent" else belopp(v, "mkr", dec)
        ut.append(text.replace("\u2212", "-").replace("\u00a0", " "))
    return ut


PER_OMRADE = {  # Utfall 2021, Utfall 2020, Nettokostnadsutveckling %, Budgetavvikelse mkr, %, Årsbudget 2021
    "Regionförvaltningen gemensamt": ["-245", "-212", "15,6", "-260", "-1 696,6", "-515"],  # publicerat +1696,6 %
    "Administrativ verksamhet": ["-70", "-57", "23,9", "1", "1,2", "-192"],
    "Primärvård beställning": ["-476", "-426", "11,8", "17", "3,5", "-1 459"],
    "Tandvård beställning": ["-58", "-54", "7,0", "3", "5,7", "-183"],
    "Digitalisering och medicinsk teknik": ["-145", "-138", "5,3", "2", "1,7", "-432"],
    "Service": ["-157", "-151", "3,9", "11", "6,8", "-459"],
    "Summa": ["-1 150", "-1 036", "11,0", "-225", "-24,3", "-3 241"],
}
OMRADE_KOLUMNER = ["ack_utfall", "ack_utfall_fg", "nettokostnadsutveckling", "ack_avvikelse",
                   "ack_avvikelse_procent", "arsbudget"]


@pytest.mark.parametrize("rad", list(PER_OMRADE))
def test_budgetavvikelse_per_omrade(miljo, rad):
    t = tabell(miljo, "budgetavvikelse_per_omrade")
    assert visat(t, rad, OMRADE_KOLUMNER, [0, 0, 1, 0, 1, 0]) == PER_OMRADE[rad]


def test_per_omrade_har_publicerade_rader_i_ordning(miljo):
    t = tabell(miljo, "budgetavvikelse_per_omrade")
    assert [r.etikett for r in t.rader] == list(PER_OMRADE)


PER_KOSTNADSSLAG = {  # 2021-04 Budgetavv, Ack utfall 2021, Kostnadsutv %, Ack budgetavv, %, Årsbudget 2021
    "Vårdintäkter": ["0", "7", "9,7", "1", "10,4", "20"],  # publicerat "-0" och −10,4 %
    "Övriga intäkter": ["0", "574", "140,5", "5", "1,0", "1 130"],  # publicerat −1,0 %
    "Personalkostnader": ["-335", "-723", "110,9", "-357", "-97,4", "-1 001"],
    "varav Pensionskostnader": ["-337", "-490", "276,4", "-350", "-250,0", "-395"],
    "Övriga personalkostnader": ["1", "-4", "-59,4", "5", "56,9", "-23"],
    "Läkemedelskostnader": ["0", "-5", "34,4", "0", "-1,7", "-10"],
    "Medicinskt mtr o prod kostnader": ["0", "-18", "20,9", "0", "0,8", "-58"],
    "Köp av verksamhet o tjänster": ["3", "-493", "0,7", "16", "3,1", "-1 591"],
    "Utomlänsvård": ["0", "0", "-99,1", "0", "", "0"],  # budget 0: procent tom
    "Fastighetskostnader": ["2", "-115", "5,6", "0", "0,2", "-320"],
    "IT/MT kostnader": ["-3", "-105", "4,8", "2", "1,9", "-262"],
    "Övrigt": ["41", "-129", "62,5", "103", "44,2", "-674"],
    "Avskrivningskostnader": ["1", "-140", "4,8", "1", "0,7", "-450"],
    "Verksamhetens nettokostnader": ["-291", "-1 150", "11,0", "-225", "-24,3", "-3 241"],
}
KS_KOLUMNER = ["avvikelse", "ack_utfall", "nettokostnadsutveckling", "ack_avvikelse", "ack_avvikelse_procent",
               "arsbudget"]


@pytest.mark.parametrize("rad", list(PER_KOSTNADSSLAG))
def test_resultat_per_kostnadsslag(miljo, rad):
    t = tabell(miljo, "resultat_per_kostnadsslag")
    assert visat(t, rad, KS_KOLUMNER, [0, 0, 1, 0, 1, 0]) == PER_KOSTNADSSLAG[rad]


def test_kostnadsslag_varav_och_ordning(miljo):
    t = tabell(miljo, "resultat_per_kostnadsslag")
    assert [r.etikett for r in t.rader] == list(PER_KOSTNADSSLAG)
    assert t.rad("varav Pensionskostnader").typ == "varav"
    # Summan är raderna utan varav-raden, räknat på oavrundade belopp.
    normala = sum(r.varden[1] for r in t.rader if r.typ == "normal")
    assert normala == pytest.approx(t.varde("Verksamhetens nettokostnader", "ack_utfall"), abs=0.005)


def test_samma_summa_i_bada_tabellerna_till_oret(miljo):
    a = tabell(miljo, "budgetavvikelse_per_omrade").varde("Summa", "ack_utfall")
    b = tabell(miljo, "resultat_per_kostnadsslag").varde("Verksamhetens nettokostnader", "ack_utfall")
    assert round(a, 2) == round(b, 2)


def test_omstallning_effektprocent(miljo):
    t = tabell(miljo, "omstallning")
    delsummor = [r for r in t.rader if r.typ in ("delsumma", "summa")]
    kol = ["plan_helar", "effekt_ack", "plan_ack", "effekt_procent"]
    publicerat = [["7", "9,6", "2,3", "412"], ["5", "2,6", "1,7", "155"], ["12", "12", "4", "305"]]
    decimaler = [[0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]]
    assert [visat(t, r.etikett, kol, d) for r, d in zip(delsummor, decimaler, strict=True)] == publicerat
    detaljer = [visat(t, r.etikett, kol[:3], [1, 1, 1]) for r in t.rader if r.typ == "normal"]
    assert detaljer == [["2,0", "0,9", "0,7"], ["3,0", "0,9", "1,0"], ["2,0", "7,8", "0,7"],
                        ["2,5", "0,0", "0,8"], ["2,5", "2,6", "0,8"]]


def test_budgetomfordelningar(miljo):
    t = tabell(miljo, "budgetomfordelningar")
    summor = {r.etikett: belopp(r.varden[0], "mkr", 2).replace("\u2212", "-") for r in t.rader
              if r.typ in ("delsumma", "summa")}
    assert summor["Summa Hälso- och sjukvårdsnämnden"] == "155,11"
    assert summor["Summa Regionstyrelsen"] == "-100,17"
    assert belopp(t.rader[-1].varden[0], "mkr", 1) == "55,0"


def test_nyckeltal_for_textblock(miljo):
    projekt, indata = miljo
    n = nyckeltal(projekt, indata, RS, P)
    assert belopp(n["ack_avvikelse"], "mkr") == "\u2212225"
    assert procent(n["nettokostnadsutveckling"], 1, tecken=False) == "11,0"


def test_prognos_service(miljo):
    t = tabell(miljo, "prognos_per_omrade")
    assert belopp(t.varde("Service", "prognos_avvikelse"), "mkr") == "17"
    assert t.varde("Primärvård beställning", "prognos_avvikelse") == 0.0


def test_andra_namnder_har_egna_data(miljo):
    projekt, indata = miljo
    for namnd in ("halso_och_sjukvardsnamnden", "regionala_utvecklingsnamnden"):
        t = bygg_tabell(projekt, indata, "budgetavvikelse_per_omrade", namnd, P)
        assert len(t.rader) >= 3
        assert t.varde(t.rader[-1].etikett, "ack_utfall") < 0
        assert t.varde(t.rader[-1].etikett, "arsbudget") < 0
