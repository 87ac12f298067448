"""Måtten på små handgjorda ramar: tom indata, budget 0, varav-rad, summor från oavrundade värden."""

import datetime as dt

import polars as pl
import pytest

from rapportverk.berakning.listor import atgardstabell, omfordelningstabell
from rapportverk.berakning.prognos import prognos_per_rad
from rapportverk.berakning.tabell import mattabell
from rapportverk.konfig.modell import Tabell as TabellDef
from rapportverk.period import Period
from rapportverk.underlag.tabeller import med_rubriker

P = Period(2021, 4)
SCHEMA = {"period": pl.Date, "serie": pl.Utf8, "belopp": pl.Float64, "radnyckel": pl.Utf8, "varav": pl.Utf8}


def bok(*rader: tuple) -> pl.DataFrame:
    return pl.DataFrame([(dt.date(a, m, 1), s, b, r, v) for a, m, s, b, r, v in rader], schema=SCHEMA, orient="row")


def tdef(*kolumner: str, rader: str = "delomrade") -> TabellDef:
    return TabellDef(rubrik="T", rader=rader, kolumner=list(kolumner), summarad="Summa")


def test_ack_och_avvikelse_och_fg():
    b = bok((2021, 1, "utfall", -100.0, "A", None), (2021, 4, "utfall", -50.0, "A", None),
            (2021, 5, "utfall", -999.0, "A", None),  # efter perioden: ingår inte i ack
            (2021, 2, "budget", -120.0, "A", None), (2021, 11, "budget", -80.0, "A", None),
            (2020, 3, "utfall", -125.0, "A", None), (2020, 5, "utfall", -7.0, "A", None))
    t = mattabell("t", tdef("ack_utfall", "ack_budget", "ack_avvikelse", "ack_utfall_fg", "arsbudget",
                            "nettokostnadsutveckling", "ack_avvikelse_procent", "utfall", "avvikelse"),
                  b, ["A"], P)
    a = dict(zip([k.nyckel for k in t.kolumner], t.rad("A").varden, strict=True))
    assert a["ack_utfall"] == -150.0
    assert a["ack_budget"] == -120.0
    assert a["ack_avvikelse"] == -30.0
    assert a["ack_utfall_fg"] == -125.0
    assert a["arsbudget"] == -200.0
    assert a["nettokostnadsutveckling"] == pytest.approx(20.0)
    assert a["ack_avvikelse_procent"] == pytest.approx(-25.0)
    assert a["utfall"] == -50.0 and a["avvikelse"] == -50.0


def test_budget_noll_ger_tom_procent():
    b = bok((2021, 1, "utfall", -10.0, "A", None))
    t = mattabell("t", tdef("ack_avvikelse_procent", "nettokostnadsutveckling"), b, ["A"], P)
    assert t.rad("A").varden == (None, None)


def test_tom_indata_ger_nollrader_och_summa():
    t = mattabell("t", tdef("ack_utfall", "ack_avvikelse_procent"), bok(), ["A", "B"], P)
    assert [r.etikett for r in t.rader] == ["A", "B", "Summa"]
    assert t.rad("Summa").varden == (0.0, None)


def test_summaradens_procent_raknas_fran_summor_inte_fran_rader():
    b = bok((2021, 1, "utfall", -110.0, "A", None), (2021, 1, "budget", -100.0, "A", None),
            (2021, 1, "utfall", 15.0, "B", None), (2021, 1, "budget", 10.0, "B", None))
    t = mattabell("t", tdef("ack_avvikelse", "ack_avvikelse_procent"), b, ["A", "B"], P)
    assert t.varde("A", "ack_avvikelse_procent") == pytest.approx(-10.0)
    assert t.varde("B", "ack_avvikelse_procent") == pytest.approx(50.0)  # abs(budget), inte −budget
    # Summa: (−95 − −90) / 90 — inte medelvärdet av raderna
    assert t.varde("Summa", "ack_avvikelse_procent") == pytest.approx(-5 / 90 * 100)


def test_varav_visas_men_raknas_inte_in_i_summan():
    b = bok((2021, 1, "utfall", -300.0, "Personalkostnader", None),
            (2021, 1, "utfall", -100.0, "Personalkostnader", "Pensionskostnader"),
            (2021, 1, "utfall", 50.0, "Intäkter", None))
    t = mattabell("t", tdef("ack_utfall", rader="kostnadsslag"), b, ["Intäkter", "Personalkostnader"], P)
    assert [(r.etikett, r.typ) for r in t.rader] == [
        ("Intäkter", "normal"), ("Personalkostnader", "normal"), ("varav Pensionskostnader", "varav"),
        ("Summa", "summa")]
    assert t.varde("Personalkostnader", "ack_utfall") == -400.0
    assert t.varde("varav Pensionskostnader", "ack_utfall") == -100.0
    assert t.varde("Summa", "ack_utfall") == -350.0


def test_r12():
    rader = [(2020, m, "utfall", -10.0, "A", None) for m in range(1, 13)]
    rader += [(2021, m, "utfall", -11.0, "A", None) for m in range(1, 5)]
    t = mattabell("t", tdef("r12", "r12_procent"), bok(*rader), ["A"], P)
    # R12 t.o.m. april 2021 = maj–dec 2020 (8 × −10) + jan–apr 2021 (4 × −11); föregående R12 = bara jan–apr 2020
    assert t.varde("A", "r12") == pytest.approx(-124.0)
    assert t.varde("A", "r12_procent") == pytest.approx((-124 / -40 - 1) * 100)


ORG = pl.DataFrame({"enhet": ["1", "2", "3"], "delomrade": ["S", "S", "T"], "omrade": ["O", "O", "O"],
                    "namnd": ["n", "n", "n"]})


def test_prognos_som_avvikelse_summeras_uppat_och_saknad_nod_haller_budget():
    prognos = pl.DataFrame({"namnd": ["n"], "nod": ["S"], "period": [dt.date(2021, 4, 1)], "belopp": [17e6]})
    p = prognos_per_rad(prognos, ORG, bok(), "n", P, "delomrade", "avvikelse", "omrade",
                        ["enhet", "delomrade", "omrade", "namnd"])
    assert p.to_dicts() == [{"radnyckel": "O", "prognos_avvikelse": 17e6}]
    b = bok((2021, 6, "budget", -100.0, "S", None), (2021, 6, "budget", -50.0, "T", None))
    t = mattabell("t", tdef("arsbudget", "prognos", "prognos_avvikelse"), b, ["S", "T"], P,
                  pl.DataFrame({"radnyckel": ["S"], "prognos_avvikelse": [20.0]}))
    assert t.varde("S", "prognos") == -80.0
    assert t.varde("T", "prognos") == -50.0 and t.varde("T", "prognos_avvikelse") == 0.0
    assert t.varde("Summa", "prognos") == -130.0


def test_prognos_som_helarsutfall_blir_avvikelse_mot_arsbudget():
    prognos = pl.DataFrame({"namnd": ["n"], "nod": ["S"], "period": [dt.date(2021, 4, 1)], "belopp": [-90.0]})
    b = pl.DataFrame({"period": [dt.date(2021, 3, 1)], "serie": ["budget"], "belopp": [-100.0], "delomrade": ["S"]})
    p = prognos_per_rad(prognos, ORG, b, "n", P, "delomrade", "helarsutfall", "kostnadsslag",
                        ["enhet", "delomrade", "omrade", "namnd"])
    assert p.to_dicts() == [{"radnyckel": None, "prognos_avvikelse": 10.0}]


def test_ingen_prognos_for_perioden_ger_none():
    prognos = pl.DataFrame({"namnd": ["n"], "nod": ["S"], "period": [dt.date(2021, 8, 1)], "belopp": [1.0]})
    assert prognos_per_rad(prognos, ORG, bok(), "n", P, "delomrade", "avvikelse", "delomrade",
                           ["enhet", "delomrade", "omrade", "namnd"]) is None


def test_atgarder_summor_och_effektprocent():
    ram = pl.DataFrame({"namnd": ["n"] * 3, "enhet": ["Service", "Service", "Adm"], "atgard": ["a", "b", "c"],
                        "period": [dt.date(2021, 4, 1)] * 3, "plan_helar": [2e6, 3e6, 5e6],
                        "plan_ack": [1e6, 1e6, 2e6], "effekt_ack": [3e6, 1e6, 1e6], "rad": [2, 3, 4]})
    t = atgardstabell("o", TabellDef(rubrik="O {ar}", typ="atgarder"), ram, "n", "Nämnden", P)
    assert t.rubrik == "O {ar}"  # beräkningen lämnar rubriken som mall; biblioteket fyller i den
    assert med_rubriker(t, P).rubrik == "O 2021"
    assert [(r.etikett, r.typ) for r in t.rader] == [
        ("Service", "rubrik"), ("a", "normal"), ("b", "normal"), ("Summa Service", "delsumma"),
        ("Adm", "rubrik"), ("c", "normal"), ("Summa Adm", "delsumma"), ("Summa Nämnden", "summa")]
    assert t.varde("Summa Service", "effekt_procent") == pytest.approx(200.0)
    assert t.varde("Summa Nämnden", "effekt_procent") == pytest.approx(125.0)


def test_budgetomfordelningar_per_namnd_och_netto():
    ram = pl.DataFrame({"period": [dt.date(2021, 3, 1), dt.date(2021, 4, 1), dt.date(2021, 5, 1)],
                        "namnd": ["b", "a", "a"], "grupp": ["G", "H", "H"], "text": ["x", "y", "z"],
                        "belopp": [1.5e6, -0.5e6, 9e6], "rad": [2, 3, 4]})
    t = omfordelningstabell("b", TabellDef(rubrik="B", typ="budgetomfordelningar"), ram, {"a": "A", "b": "B"}, P)
    assert [(r.etikett, r.varden) for r in t.rader if r.typ != "rubrik"] == [
        ("y", (-0.5e6,)), ("Summa A", (-0.5e6,)), ("x", (1.5e6,)), ("Summa B", (1.5e6,)),
        ("Nettoförändring", (1e6,))]  # maj ligger efter perioden och ingår inte
