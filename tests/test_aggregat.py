"""Huvudboken summerad en gång (berakning/aggregat.py, issue 23 punkt 1).

- Tabellerna och nyckeltalen ur summan är desamma som ur raderna (till öret), och kontofiltren väljer samma belopp.
- En nämnds summor är desamma ur hela huvudboken som ur nämndens del, också när huvudboken summeras i flera skivor.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest

from rapportverk.berakning import aggregat
from rapportverk.berakning.urval import i_intervall
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag import tabeller
from rapportverk.underlag.tabeller import bygg_tabell, nyckeltal, summerad

ROT = Path(__file__).resolve().parents[1]
PERIOD = Period(2024, 8)


@pytest.fixture(scope="module")
def indata(projekt):
    return las_indata(projekt, PERIOD, strikt=False)


def test_summan_har_huvudbokens_belopp_per_nod_kostnadsslag_serie_och_manad(projekt, indata):
    summa = summerad(projekt, indata).huvudbok
    assert summa.height < indata.huvudbok.height / 5
    nyckel = ["delomrade", "kostnadsslag", "serie", "period"]
    fore = indata.huvudbok.group_by(nyckel).agg(pl.col("belopp").sum())
    efter = summa.group_by(nyckel).agg(pl.col("belopp").sum())
    ihop = fore.join(efter, on=nyckel, how="full", nulls_equal=True)
    assert ihop.height == fore.height == efter.height
    assert (ihop["belopp"] - ihop["belopp_right"]).abs().max() < 0.005


def test_kontogruppernas_belopp_ar_desamma_i_summan(projekt, indata):
    summa = summerad(projekt, indata).huvudbok
    grupper = projekt.konfig.kontogrupper
    assert grupper
    for namn, intervall in grupper.items():
        fore = indata.huvudbok.filter(i_intervall(intervall))["belopp"].sum()
        efter = summa.filter(i_intervall(intervall))["belopp"].sum()
        assert efter == pytest.approx(fore, abs=0.005), namn


def test_tabellerna_ur_summan_ar_tabellerna_ur_raderna(projekt, indata, monkeypatch):
    namnd = "regionstyrelsen"
    ur_summan = {t: bygg_tabell(projekt, indata, t, namnd, PERIOD) for t in projekt.konfig.tabeller}
    nyckel_summa = nyckeltal(projekt, indata, namnd, PERIOD)
    # Utan summering: varje tabell räknas ur huvudbokens rader, som före issue 23.
    monkeypatch.setattr(tabeller, "summerad", lambda _projekt, data: data)
    ur_raderna = {t: bygg_tabell(projekt, indata, t, namnd, PERIOD) for t in projekt.konfig.tabeller}
    for t, a in ur_summan.items():
        b = ur_raderna[t]
        assert [(r.etikett, r.typ) for r in a.rader] == [(r.etikett, r.typ) for r in b.rader], t
        for ra, rb in zip(a.rader, b.rader, strict=True):
            assert ra.urval == rb.urval, t
            for va, vb in zip(ra.varden, rb.varden, strict=True):
                assert (va is None) == (vb is None), (t, ra.etikett)
                if va is not None:
                    assert va == pytest.approx(vb, rel=1e-9, abs=1e-6), (t, ra.etikett)
    assert nyckel_summa.keys() == nyckeltal(projekt, indata, namnd, PERIOD).keys()


def test_en_namnds_summa_ur_delen_ar_densamma_som_ur_hela_aven_i_skivor(projekt, indata, monkeypatch):
    # Små skivor: hela huvudboken summeras i många skivor, nämndens del i färre.
    monkeypatch.setattr(aggregat, "SKIVA", 5_000)
    hela = summerad(projekt, indata).huvudbok
    for namnd in ("regionstyrelsen", "revisionen"):
        delen = dataclasses.replace(indata, huvudbok=indata.huvudbok.filter(pl.col("namnd") == namnd))
        ur_delen = summerad(projekt, delen).huvudbok
        assert ur_delen.drop("konto").equals(hela.filter(pl.col("namnd") == namnd).drop("konto")), namnd
        for t, tdef in projekt.konfig.tabeller.items():
            if tdef.typ == "matt" and tdef.omfang == "namnd":
                assert bygg_tabell(projekt, delen, t, namnd, PERIOD) == bygg_tabell(projekt, indata, t, namnd,
                                                                                      PERIOD), (namnd, t)
