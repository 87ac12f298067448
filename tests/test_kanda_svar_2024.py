"""Kända svar: regiondirektörens månadsrapport per oktober 2024 (de publicerade tabellerna).

Regionstyrelsens organisation 2024 skiljer sig från 2021; hierarkin som gäller vid perioden används.
Varje summa i regionens resultat räknas från sina delar — ingen rad matas in. De publicerade talen står i
exempeldata/publicerat.yaml, som också är exempeldatageneratorns mål.
"""

from pathlib import Path

import pytest
from publicerade_tal import MANADSRAPPORT_2024, publicerad_tabell

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


# Oktober: Utfall, Budget, Budgetavvikelse; Ack: föreg. år, innev. år, budgetavvikelse
RESULTATRAPPORT = publicerad_tabell(MANADSRAPPORT_2024, "resultatrapport")


def test_resultatrapport_regionstyrelsen(miljo):
    assert tryckt(tabell(miljo, "resultatrapport")) == RESULTATRAPPORT


# Utfall 2310, Utfall 2410, Budget 2410, Ack avvikelse, Budget 2024 (Resultat: TOTAL i rapporten)
REGIONENS_RESULTAT = publicerad_tabell(MANADSRAPPORT_2024, "regionens_resultat")


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


# Utfall okt 2024, Prognos 2024, Årsbudget 2024, Prognos avvikelse (= årsbudget − prognos)
INVESTERINGAR = publicerad_tabell(MANADSRAPPORT_2024, "investeringar")


def test_investeringar(miljo):
    assert tryckt(tabell(miljo, "investeringar")) == INVESTERINGAR


# tkr, kostnader som positiva tal: Ack utfall 2024, 2023, Ack plan, Diff mot plan, Diff mot 2023
REDUKTIONSPLAN = publicerad_tabell(MANADSRAPPORT_2024, "reduktionsplan_resor")


def test_reduktionsplan(miljo):
    t = tabell(miljo, "reduktionsplan_resor")
    assert {k: v[:5] for k, v in tryckt(t, "tkr").items()} == REDUKTIONSPLAN
    # "16 % högre kostnader än plan och 1 % lägre än 2023 samma period"
    publicerat = MANADSRAPPORT_2024["reduktionsplan_procent"]
    assert procent(t.varde("Total", "forandring_mot_plan_procent"), 0, tecken=False) == publicerat["mot_plan"]
    assert (procent(t.varde("Total", "nettokostnadsutveckling"), 0, tecken=False).replace("\u2212", "-")
            == publicerat["mot_fg"])
