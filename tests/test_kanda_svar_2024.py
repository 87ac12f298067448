"""Kända svar: regiondirektörens månadsrapport per oktober 2024 (de publicerade tabellerna).

Regionstyrelsens organisation 2024 skiljer sig från 2021; hierarkin som gäller vid perioden används.
Varje summa i regionens resultat räknas från sina delar — ingen rad matas in.
"""

from pathlib import Path

import pytest

from rapportverk.formatering import belopp, procent
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt

ROT = Path(__file__).resolve().parents[1]
P = Period(2024, 10)


@pytest.fixture(scope="module")
def miljo():
    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    return projekt, las_indata(projekt, P)


def tryckt(t, enhet: str = "mkr") -> dict[str, list[str]]:
    ut = {}
    for r in t.rader:
        celler = [procent(v, 0, tecken=False) if k.typ == "procent" else belopp(v, enhet)
                  for k, v in zip(t.kolumner, r.varden, strict=True)]
        ut[r.etikett] = [c.replace("\u2212", "-").replace("\u00a0", " ") for c in celler]
    return ut


def tabell(miljo, namn):
    projekt, indata = miljo
    return bygg_tabell(projekt, indata, namn, "regionstyrelsen", P)


RESULTATRAPPORT = {  # Oktober: Utfall, Budget, Budgetavvikelse; Ack: föreg. år, innev. år, budgetavvikelse
    "Regionförvaltningen gemensamt": ["-81", "-71", "-9", "-755", "-794", "-41"],
    "Digitalisering och service": ["-98", "-87", "-11", "-843", "-892", "-66"],
    "Regionledning": ["-1", "-2", "0", "-13", "-12", "2"],
    "Ledningsstaben": ["-5", "-5", "0", "-39", "-42", "2"],
    "Företagshälsan": ["-1", "-1", "0", "-10", "-10", "1"],
    "HR stab": ["-4", "-5", "1", "-40", "-44", "0"],
    "Kommunikationsstab": ["-2", "-1", "0", "-12", "-13", "0"],
    "Ekonomistab": ["-8", "-6", "-2", "-48", "-55", "1"],
    "Smittskydd": ["-1", "-1", "0", "-6", "-7", "-1"],
    "Primärvård beställning": ["-117", "-119", "2", "-1 083", "-1 160", "24"],
    "Tandvård beställning": ["-14", "-15", "0", "-124", "-135", "8"],
    "Verksamhetens nettokostnader": ["-331", "-313", "-18", "-2 973", "-3 164", "-69"],
}


def test_resultatrapport_regionstyrelsen(miljo):
    assert tryckt(tabell(miljo, "resultatrapport")) == RESULTATRAPPORT


REGIONENS_RESULTAT = {  # Utfall 2310, Utfall 2410, Budget 2410, Ack avvikelse, Budget 2024
    "Regionstyrelsen": ["-2 973", "-3 164", "-3 095", "-69", "-3 786"],
    "Hälso- och sjukvårdsnämnden": ["-5 599", "-5 989", "-5 375", "-614", "-6 558"],
    "Regionala utvecklingsnämnden": ["-363", "-349", "-355", "6", "-427"],
    "Folkhögskolestyrelsen": ["-4", "-10", "-12", "2", "-14"],
    "Patientnämnden": ["-5", "-5", "-5", "0", "-7"],
    "Revisionen": ["-6", "-6", "-7", "1", "-9"],
    "Verksamhetens nettokostnader": ["-8 950", "-9 523", "-8 848", "-675", "-10 801"],
    "Skatteintäkter": ["6 451", "6 692", "6 704", "-12", "8 045"],
    "Generella statsbidrag": ["2 121", "2 532", "2 415", "116", "2 899"],
    "Summa skatter och statsbidrag": ["8 572", "9 224", "9 119", "105", "10 944"],
    "Verksamhetens resultat": ["-377", "-299", "271", "-570", "143"],
    "Finansiella likvidströmmar": ["-508", "-608", "-625", "17", "-750"],
    "Finansiella värderegleringar": ["242", "614", "142", "472", "170"],
    "Summa finansnetto": ["-266", "6", "-483", "489", "-580"],
    "Resultat": ["-644", "-293", "-212", "-81", "-437"],  # TOTAL i rapporten
}


def test_regionens_resultat(miljo):
    t = tabell(miljo, "regionens_resultat")
    assert tryckt(t) == REGIONENS_RESULTAT
    assert [r.typ for r in t.rader][-1] == "summa"


def test_regionens_summor_ar_summor_av_delarna(miljo):
    t = tabell(miljo, "regionens_resultat")
    v = {r.etikett: r.varden[1] for r in t.rader}
    delar = ["Verksamhetens nettokostnader", "Summa skatter och statsbidrag", "Summa finansnetto"]
    assert v["Resultat"] == pytest.approx(sum(v[d] for d in delar), abs=0.005)
    namnder = [r.varden[1] for r in t.rader[:6]]
    assert v["Verksamhetens nettokostnader"] == pytest.approx(sum(namnder), abs=0.005)


INVESTERINGAR = {  # Utfall okt 2024, Prognos 2024, Årsbudget 2024, Prognos avvikelse (= årsbudget − prognos)
    "Fastighet": ["494", "698", "648", "-50"],
    "MT": ["84", "160", "175", "15"],
    "IT": ["29", "42", "70", "28"],
    "Hjälpmedel": ["27", "32", "32", "0"],
    "Verksamhetsservice": ["0", "4", "4", "0"],
    "Regional utveckling": ["1", "1", "1", "0"],
    "Totalt": ["635", "937", "930", "-7"],
}


def test_investeringar(miljo):
    assert tryckt(tabell(miljo, "investeringar")) == INVESTERINGAR


REDUKTIONSPLAN = {  # tkr, kostnader som positiva tal: Ack utfall 2024, 2023, Ack plan, Diff mot plan, Diff mot 2023
    "Regionstyrelsen": ["4 530", "5 414", "4 602", "-71", "-884"],
    "Hälso- och sjukvårdsnämnden": ["39 339", "38 285", "32 542", "6 797", "1 054"],
    "Regionala utvecklingsnämnden": ["2 384", "2 625", "2 231", "153", "-241"],
    "Folkhögskolestyrelsen": ["627", "916", "779", "-151", "-289"],
    "Patientnämnden": ["123", "141", "120", "3", "-19"],
    "Revisionen": ["42", "153", "130", "-88", "-110"],
    "Total": ["47 046", "47 534", "40 404", "6 642", "-489"],
}


def test_reduktionsplan(miljo):
    t = tabell(miljo, "reduktionsplan_resor")
    assert {k: v[:5] for k, v in tryckt(t, "tkr").items()} == REDUKTIONSPLAN
    # "16 % högre kostnader än plan och 1 % lägre än 2023 samma period"
    assert procent(t.varde("Total", "forandring_mot_plan_procent"), 0, tecken=False) == "16"
    assert procent(t.varde("Total", "nettokostnadsutveckling"), 0, tecken=False).replace("\u2212", "-") == "-1"
