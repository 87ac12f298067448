"""Kända svar: de publicerade tabellerna i Regionstyrelsens delårsrapport per april 2021.

Varje tal i en publicerad tabell är en exakt förväntan till sin tryckta precision. Talen står i
exempeldata/publicerat.yaml, som också är exempeldatageneratorns mål; testerna räknar dem genom hela kedjan
kallor → berakning. Där rapportens definition av budgetavvikelse i procent skiljer sig (den delar med −budget, vi
med abs(budget)) testas vår definition: samma belopp, annat tecken där budgeten är positiv.
"""

from pathlib import Path

import pytest
from publicerade_tal import DELARSRAPPORT_2021, med_minustecken, publicerad_tabell

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


# Utfall 2021, Utfall 2020, Nettokostnadsutveckling %, Budgetavvikelse mkr, %, Årsbudget 2021
PER_OMRADE = publicerad_tabell(DELARSRAPPORT_2021, "budgetavvikelse_per_omrade")
OMRADE_KOLUMNER = ["ack_utfall", "ack_utfall_fg", "nettokostnadsutveckling", "ack_avvikelse",
                   "ack_avvikelse_procent", "arsbudget"]


@pytest.mark.parametrize("rad", list(PER_OMRADE))
def test_budgetavvikelse_per_omrade(miljo, rad):
    t = tabell(miljo, "budgetavvikelse_per_omrade")
    assert visat(t, rad, OMRADE_KOLUMNER, [0, 0, 1, 0, 1, 0]) == PER_OMRADE[rad]


def test_per_omrade_har_publicerade_rader_i_ordning(miljo):
    t = tabell(miljo, "budgetavvikelse_per_omrade")
    assert [r.etikett for r in t.rader] == list(PER_OMRADE)


# 2021-04 Budgetavv, Ack utfall 2021, Kostnadsutv %, Ack budgetavv, %, Årsbudget 2021 ("-0" trycks "0")
PER_KOSTNADSSLAG = publicerad_tabell(DELARSRAPPORT_2021, "resultat_per_kostnadsslag")
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
    publicerat = publicerad_tabell(DELARSRAPPORT_2021["omstallning"], "delsummor")
    decimaler = [[0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]]
    assert [visat(t, r.etikett, kol, d) for r, d in zip(delsummor, decimaler, strict=True)] == list(publicerat.values())
    detaljer = [visat(t, r.etikett, kol[:3], [1, 1, 1]) for r in t.rader if r.typ == "normal"]
    assert detaljer == list(publicerad_tabell(DELARSRAPPORT_2021["omstallning"], "atgarder").values())


def test_budgetomfordelningar(miljo):
    t = tabell(miljo, "budgetomfordelningar")
    summor = {r.etikett: belopp(r.varden[0], "mkr", 2).replace("\u2212", "-") for r in t.rader
              if r.typ in ("delsumma", "summa")}
    publicerat = DELARSRAPPORT_2021["budgetomfordelningar"]
    assert summor["Summa Hälso- och sjukvårdsnämnden"] == publicerat["Summa Hälso- och sjukvårdsnämnden"]
    assert summor["Summa Regionstyrelsen"] == publicerat["Summa Regionstyrelsen"]
    assert belopp(t.rader[-1].varden[0], "mkr", 1) == publicerat["Nettoförändring"]


def test_nyckeltal_for_textblock(miljo):
    projekt, indata = miljo
    n = nyckeltal(projekt, indata, RS, P)
    _utfall, _fg, utveckling, avvikelse, _procent, _arsbudget = PER_OMRADE["Summa"]
    assert belopp(n["ack_avvikelse"], "mkr") == med_minustecken(avvikelse)
    assert procent(n["nettokostnadsutveckling"], 1, tecken=False) == utveckling


def test_prognos_service(miljo):
    t = tabell(miljo, "prognos_per_omrade")
    assert belopp(t.varde("Service", "prognos_avvikelse"), "mkr") == DELARSRAPPORT_2021["arsprognos"]["Service"]
    assert t.varde("Primärvård beställning", "prognos_avvikelse") == 0.0


def test_andra_namnder_har_egna_data(miljo):
    projekt, indata = miljo
    for namnd in ("halso_och_sjukvardsnamnden", "regionala_utvecklingsnamnden"):
        t = bygg_tabell(projekt, indata, "budgetavvikelse_per_omrade", namnd, P)
        assert len(t.rader) >= 3
        assert t.varde(t.rader[-1].etikett, "ack_utfall") < 0
        assert t.varde(t.rader[-1].etikett, "arsbudget") < 0
