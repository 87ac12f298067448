"""Varje deklarerat mått förklaras av sina rader (berakning.matt → rapport forklara).

Testet går över registret, så ett nytt mått prövas utan att någon skriver ett test för det: en riktig tabell ur
exempelprojektet byggs med måttet som kolumn, och för varje rad med urval och värde visar förklaringen att
indataraderna bakom ger cellen — en summa: Σ koefficient × Σ bidrag är cellen till öret; en kvot: täljarens och
nämnarens rader räknar fram cellen; en summa av kvoter (sjukfrånvaro i år − i fjol): varje kvot för sig.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from rapportverk.analys.forklara import Forklaring, Term, forklara
from rapportverk.berakning.matt import MATT_PER_TYP, Bas, Matt
from rapportverk.kallor import las_indata
from rapportverk.konfig import REGION, Projekt
from rapportverk.konfig.modell import Kolumn
from rapportverk.konfig.modell import Tabell as TabellDef
from rapportverk.period import Period
from rapportverk.underlag.tabeller import bygg_tabell

ROT = Path(__file__).resolve().parents[1]
APRIL, AUGUSTI = Period(2021, 4), Period(2024, 8)
# Per tabelltyp: en tabell i exempelprojektet (None: en måttabell per delområde), nämnden och en period där
# källan har data. Uppställningen i april 2021 har nämnder, summarader, prognos och budgetomfördelningar.
PROV = {
    "matt": (None, "regionstyrelsen", AUGUSTI),
    "uppstallning": ("resultat_och_prognos", REGION, APRIL),
    "atgarder": ("omstallning", "regionstyrelsen", APRIL),
    "budgetomfordelningar": ("budgetomfordelningar", REGION, APRIL),
    "investeringar": ("investeringar", REGION, AUGUSTI),
    "personal": ("personal_per_namnd", REGION, AUGUSTI),
    "sjukfranvaro": ("sjukfranvaro_region", REGION, AUGUSTI),
}
FALL = [(typ, nyckel) for typ, register in MATT_PER_TYP.items() for nyckel in register]


@pytest.fixture(scope="module")
def indata(projekt):
    return {p: las_indata(projekt, p) for p in (APRIL, AUGUSTI)}


def _prov(projekt: Projekt, typ: str, matt: Matt) -> tuple[Projekt, str, Period]:
    """Projektet med tabellen 'prov': provtabellen för typen med måttet som enda kolumn."""
    namn, namnd, period = PROV[typ]
    # En reduktionsplan behöver tabellens minskning; ingående balans finns bara på balanskontona.
    minskning = 0.15 if any(b.grund is not None for b in matt.baser) else None
    if namn is None:
        balans = any(b.serie == "ib" for b in matt.baser)
        tdef = TabellDef(rubrik="Prov", rader="kostnadsslag" if balans else "delomrade",
                         sektion="balans" if balans else "verksamhet", kolumner=[Kolumn(matt=matt.nyckel)],
                         minskning=minskning)
        namnd = REGION if balans else namnd
    else:
        tdef = projekt.konfig.tabeller[namn].model_copy(
            update={"kolumner": [Kolumn(matt=matt.nyckel)], "minskning": minskning})
    tabeller = {**projekt.konfig.tabeller, "prov": tdef}
    return dataclasses.replace(projekt, konfig=projekt.konfig.model_copy(update={"tabeller": tabeller})), namnd, period


def _rader(termer: tuple[Term, ...]) -> float:
    """Σ koefficient × summan av termens bidragande rader."""
    return sum(t.koefficient * float(t.rader["bidrag"].sum() or 0.0) for t in termer)


def _kvot(taljare: tuple[Term, ...], namnare: tuple[Term, ...], slag: str) -> float:
    a, b = _rader(taljare), _rader(namnare)
    return a / abs(b) * 100 if slag == "andel" else (a / b - 1) * 100


def _fran_raderna(matt: Matt, f: Forklaring) -> float:
    """Cellen räknad direkt från förklaringens rader, i måttets form."""
    if matt.kvot is not None:
        assert f.taljare and f.namnare and f.kvot == matt.kvot.slag
        return _kvot(f.taljare, f.namnare, f.kvot)
    assert [(t.namn, t.koefficient) for t in f.termer] == [
        (o.namn, k) for o, k in matt.summa.delar if isinstance(o, Bas)]
    return _rader(f.termer) + sum(d.koefficient * _kvot(d.taljare, d.namnare, d.kvot) for d in f.delkvoter)


@pytest.mark.parametrize(("typ", "nyckel"), FALL, ids=[f"{t}-{n}" for t, n in FALL])
def test_varje_matt_forklaras_av_sina_rader(projekt, indata, typ, nyckel):
    matt = MATT_PER_TYP[typ][nyckel]
    prov, namnd, period = _prov(projekt, typ, matt)
    t = bygg_tabell(prov, indata[period], "prov", namnd, period)
    provade = 0
    for r in t.rader:
        varde = t.varde(r.etikett, nyckel)
        if r.urval is None or varde is None:
            continue
        f = forklara(prov, indata[period], period, namnd, "prov", r.etikett, nyckel)
        assert f.varde == varde and f.formel == matt.formel
        assert not f.anmarkningar, f.anmarkningar
        if matt.typ == "belopp":
            assert _fran_raderna(matt, f) == pytest.approx(varde, abs=0.005), r.etikett
        else:
            assert _fran_raderna(matt, f) == pytest.approx(varde, rel=1e-12, abs=1e-9), r.etikett
        provade += 1
    assert provade > 0, "provtabellen har ingen rad med värde för måttet; välj en annan i PROV"
