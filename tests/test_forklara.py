"""Kända svar för spårbarheten: varje siffra i exempelrapporterna förklaras ned till huvudbokens rader.

- Bidragen summerar till cellens oavrundade värde till öret (för en kvot: täljare och nämnare), och det avrundade
  värdet i sifferfilen är det som står i rapporten.
- De publicerade talen (april 2021, oktober 2024) förklaras ned till exempelhuvudbokens rader.
"""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl
import pytest
from publicerade_tal import DELARSRAPPORT_2021, MANADSRAPPORT_2024, docxceller, med_minustecken

from rapportverk.analys.forklara import forklara, kontroll
from rapportverk.bygg.rapport import bygg_rapport
from rapportverk.formatering import belopp
from rapportverk.kallor import las_indata
from rapportverk.konfig import REGION
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.utdata import siffror

ROT = Path(__file__).resolve().parents[1]
APRIL, AUGUSTI, OKTOBER = Period(2021, 4), Period(2024, 8), Period(2024, 10)


@pytest.fixture(scope="module")
def indata(projekt):
    return {p: las_indata(projekt, p) for p in (APRIL, AUGUSTI, OKTOBER)}


def _stammer(f) -> None:
    k = kontroll(f)
    assert k is not None, (f.tabell, f.rad, f.kolumn, f.anmarkningar)
    if f.typ == "belopp":
        assert k == pytest.approx(f.varde, abs=0.005), (f.tabell, f.rad, f.kolumn)
    else:
        assert k == pytest.approx(f.varde, rel=1e-12, abs=1e-9), (f.tabell, f.rad, f.kolumn)


def test_publicerad_summa_april_2021_forklaras_ned_till_raderna(projekt, indata):
    f = forklara(projekt, indata[APRIL], APRIL, "regionstyrelsen", "budgetavvikelse_per_omrade", "Summa",
                 "ack_avvikelse")
    _stammer(f)
    # Publicerat i referens/delarsrapport-rs-2021-04.txt.
    assert belopp(f.varde, "mkr") == med_minustecken(DELARSRAPPORT_2021["budgetavvikelse_per_omrade"]["Summa"][3])
    utfall, budget = f.termer
    assert (utfall.namn, budget.namn, budget.koefficient) == ("ack_utfall", "ack_budget", -1)
    # Varje bidragande rad pekar på sin fil och rad; huvudbokens rader är de inom perioden, nämnden och sektionen.
    assert set(utfall.rader["kalla"].unique()) == {"exempeldata/huvudbok_utfall_2021.parquet"}
    assert set(budget.rader["kalla"].unique()) == {"exempeldata/budget_2021.csv"}
    assert utfall.rader["rad"].null_count() == 0
    assert utfall.rader["period"].max() == APRIL.forsta_dag


def test_publicerat_resultat_oktober_2024_forklaras(projekt, indata):
    f = forklara(projekt, indata[OKTOBER], OKTOBER, "regionstyrelsen", "regionens_resultat", "Resultat", "ack_utfall")
    _stammer(f)
    # TOTAL i referens/manadsrapport-rd-2024-10.txt.
    assert belopp(f.varde, "mkr") == med_minustecken(MANADSRAPPORT_2024["regionens_resultat"]["Resultat"][1])
    (term,) = f.termer
    # Resultatet är summan av alla nämnder, skatter, statsbidrag och finansnetto: rader från flera kostnadsställen.
    assert term.rader["enhet"].n_unique() > 100
    assert {"10701", "10702"} <= set(term.rader["enhet"].to_list())


def test_kvot_forklaras_med_taljare_och_namnare(projekt, indata):
    f = forklara(projekt, indata[APRIL], APRIL, "regionstyrelsen", "budgetavvikelse_per_omrade", "Summa",
                 "nettokostnadsutveckling")
    _stammer(f)
    assert [t.namn for t in f.taljare] == ["ack_utfall"] and [t.namn for t in f.namnare] == ["ack_utfall_fg"]
    assert f.kvot == "utveckling"


def test_inmatad_prognos_forklaras_med_fil_och_rad(projekt, indata):
    f = forklara(projekt, indata[AUGUSTI], AUGUSTI, "regionstyrelsen", "prognos_per_omrade",
                 "Primärvård beställning", "prognos_avvikelse")
    (term,) = f.termer
    assert term.inmatad and term.varde == pytest.approx(18e6)
    assert term.rader["kalla"].to_list() == ["exempeldata/prognos_2024.xlsx"]


def test_okand_rad_ger_forslag(projekt, indata):
    from rapportverk.fel import RapportverkFel

    with pytest.raises(RapportverkFel, match="menade du 'Primärvård beställning'"):
        forklara(projekt, indata[APRIL], APRIL, "regionstyrelsen", "budgetavvikelse_per_omrade",
                 "Primarvard bestallning", "ack_avvikelse")


def test_excel_har_varje_rad_och_en_summa_som_ar_siffran(projekt, indata, tmp_path):
    from rapportverk.cli.forklaringsutskrift import till_excel

    f = forklara(projekt, indata[APRIL], APRIL, "regionstyrelsen", "budgetavvikelse_per_omrade",
                 "Primärvård beställning", "ack_avvikelse")
    till_excel(f, tmp_path / "rader.xlsx")
    ram = pl.read_excel(tmp_path / "rader.xlsx", sheet_name="Rader")
    rader = ram.filter(pl.col("kalla").is_not_null())
    assert rader.height == sum(t.rader.height for t in f.termer)
    assert rader["bidrag_i_cellen"].sum() == pytest.approx(f.varde, abs=0.005)
    assert ram["bidrag_i_cellen"][-1] == pytest.approx(f.varde, abs=0.005)


# --- Alla celler i två byggda rapporter --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def byggen(projekt, indata, tmp_path_factory):
    ut = tmp_path_factory.mktemp("forklara")
    return {
        "rs": bygg_rapport(Underlag(projekt, indata[APRIL], APRIL), "delarsrapport", "regionstyrelsen", ut, ("docx",)),
        "region": bygg_rapport(Underlag(projekt, indata[AUGUSTI], AUGUSTI), "delarsrapport_region", REGION, ut,
                               ("docx",)),
    }


def _celler(byggd) -> pl.DataFrame:
    (fil,) = [f for f in byggd.filer if f.suffix == ".parquet"]
    return siffror.las([fil])


def _docxrader(byggd) -> set[tuple[str, ...]]:
    import docx as python_docx

    (fil,) = [f for f in byggd.filer if f.suffix == ".docx"]
    return {tuple(c.text for c in rad.cells) for t in python_docx.Document(str(fil)).tables for rad in t.rows}


@pytest.mark.slow
@pytest.mark.parametrize("vilken,prov", [("rs", None), ("region", 250)])
def test_varje_cell_forklaras_till_oret_och_visas_som_i_rapporten(projekt, indata, byggen, vilken, prov):
    byggd = byggen[vilken]
    celler = _celler(byggd)
    period = APRIL if vilken == "rs" else AUGUSTI
    ekonomi = celler.filter(pl.col("urval").str.contains('"kalla": "(huvudbok|summa|tabell:|regionprognos)'))
    rader = ekonomi.iter_rows(named=True)
    valda = list(rader) if prov is None else random.Random(20241124).sample(list(rader), prov)
    for c in valda:
        if c["varde"] is None:
            continue
        f = forklara(projekt, indata[period], period, c["namnd"], c["tabell"], c["rad"], c["kolumn"])
        assert f.varde == c["varde"]
        _stammer(f)
    # Det avrundade värdet i sifferfilen är det som står i dokumentet, rad för rad.
    # Tomma celler räknas inte: en kolumn som är tom i varje rad visas inte (utan_tomma_kolumner).
    docx = {tuple(c for c in rad if c) for rad in _docxrader(byggd)}
    visade = celler.group_by("namnd", "tabell", "radindex", maintain_order=True).agg(
        pl.col("rad").first(), pl.col("visat"))
    saknas = [(r["tabell"], r["rad"], *r["visat"]) for r in visade.iter_rows(named=True)
              if (r["rad"], *(v for v in r["visat"] if v)) not in docx]
    assert saknas == []
    summa = tuple(docxceller(DELARSRAPPORT_2021, "budgetavvikelse_per_omrade", "Summa"))
    assert summa in docx or vilken != "rs"


# --- Bilagan Spårbarhet --------------------------------------------------------------------------------------------


def test_bidragen_per_kostnadsstalle_och_kostnadsslag_summerar_till_raden(projekt, indata):
    from rapportverk.berakning.bidrag import per_grupp
    from rapportverk.underlag.tabeller import bygg_tabell

    t = bygg_tabell(projekt, indata[APRIL], "budgetavvikelse_per_omrade", "regionstyrelsen", APRIL)
    for r in t.rader:
        grupper = per_grupp(indata[APRIL].huvudbok, r.urval, "ack_utfall", APRIL)
        assert grupper["varde"].sum() == pytest.approx(t.varde(r.etikett, "ack_utfall"), abs=0.005)
    assert grupper.columns == ["enhet", "kostnadsslag", "varde"]


@pytest.mark.slow
def test_bilagan_sparbarhet_i_bada_formaten_och_tillganglig(projekt, indata, tmp_path):
    import docx as python_docx

    from rapportverk.kontroll import kor

    byggd = bygg_rapport(Underlag(projekt, indata[APRIL], APRIL), "delarsrapport", "regionstyrelsen", tmp_path,
                         bilagor=("sparbarhet",))
    pdf, docx = (next(f for f in byggd.filer if f.suffix == s) for s in (".pdf", ".docx"))
    dok = python_docx.Document(str(docx))
    rubriker = [p.text for p in dok.paragraphs if p.style.name.startswith(("Heading", "Rubrik"))]
    assert any("Bilaga: Spårbarhet" in r for r in rubriker)
    rader = {tuple(c.text for c in rad.cells) for t in dok.tables for rad in t.rows}
    assert ("Primärvård beställning", "", "−476") in rader
    assert ("10305", "Köp av verksamhet o tjänster", "−157,7") in rader
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Bilaga: Spårbarhet" in text
    utskrift: list[str] = []
    assert kor([pdf, docx], utskrift.append) == 0, "\n".join(utskrift)


def test_personalens_tal_forklaras_med_timmar_och_personer(projekt, indata):
    from rapportverk.berakning.matt import PERSONALMATT, SJUKFRANVAROMATT
    from rapportverk.underlag.tabeller import bygg_tabell

    PERSONAL = {**PERSONALMATT, **SJUKFRANVAROMATT}  # varje personalmått förklaras, också skillnaderna

    for tabell in ("sjukfranvaro_region", "personal_per_namnd"):
        t = bygg_tabell(projekt, indata[AUGUSTI], tabell, REGION, AUGUSTI)
        for r in t.rader:
            for k in t.kolumner:
                if k.nyckel not in PERSONAL or t.varde(r.etikett, k.nyckel) is None:
                    continue
                f = forklara(projekt, indata[AUGUSTI], AUGUSTI, REGION, tabell, r.etikett, k.nyckel)
                _stammer(f)
                assert {t_.rader["kalla"][0] for t_ in f.alla_termer} == {"exempeldata/personal.csv"}
