"""Budgetomfördelningar på vilken rad som helst i en uppställning (issue 22 punkt 7): en ramökning till en nämnd
som finansieras med höjda generella statsbidrag ändrar inte den ursprungliga budgetens resultat — förr räknades
bara nämndernas omfördelningar tillbaka, och resultatet fick en ursprunglig budget som aldrig beslutats."""

from __future__ import annotations

import pytest
from test_delarsrapport_region import MINSTA, MINSTA_KONFIG, ROT

from rapportverk.analys.forklara import forklara, kontroll
from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.konfig import REGION
from rapportverk.period import Period
from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt

P = Period(2024, 8)
OMFORDELNINGAR = """\
period;namnd;grupp;text;belopp;radnamn
2024-05;vard;Tillskott;Fler vårdplatser;10000000;
2024-05;;Finansiering;Höjda generella statsbidrag;10000000;Generella statsbidrag
"""


def _projekt(tmp_path, omfordelningar: str):
    (tmp_path / "data").mkdir(parents=True)
    for namn, text in {**MINSTA, "omfordelningar.csv": omfordelningar}.items():
        (tmp_path / "data" / namn).write_text(text, encoding="utf-8")
    (tmp_path / "konfig" / "rapporter").mkdir(parents=True)
    konfig = MINSTA_KONFIG.format(rot=ROT).replace(
        "kallor:\n", "kallor:\n  budgetomfordelningar: {fil: ../data/omfordelningar.csv}\n")
    (tmp_path / "konfig" / "rapportverk.yaml").write_text(konfig, encoding="utf-8")
    region = (ROT / "konfig" / "rapporter" / "delarsrapport_region.yaml").read_text(encoding="utf-8")
    region = region.replace("../../mallar/", f"{ROT}/mallar/").replace("../../exempeldata/texter", "../../texter")
    region = region.replace("namndavsnitt: [budgetavvikelse_per_omrade, prognos_per_omrade]", "namndavsnitt: [netto]")
    (tmp_path / "konfig" / "rapporter" / "delarsrapport_region.yaml").write_text(region, encoding="utf-8")
    return ladda_projekt(tmp_path / "konfig" / "rapportverk.yaml")


def test_ursprunglig_budget_for_resultatet_ar_den_beslutade(tmp_path):
    projekt = _projekt(tmp_path, OMFORDELNINGAR)
    indata = las_indata(projekt, P)
    t = bygg_tabell(projekt, indata, "resultat_och_prognos", REGION, P)
    nycklar = [k.nyckel for k in t.kolumner]
    v = {r.etikett: dict(zip(nycklar, r.varden, strict=True)) for r in t.rader}
    # Vårdnämndens ram höjdes med 10 mkr (nettokostnaden −340 → −350 mkr i årsbudgeten): ursprunglig −340 mkr.
    assert v["Vårdnämnden"]["ursprunglig_arsbudget"] == pytest.approx(v["Vårdnämnden"]["arsbudget"] + 10e6)
    # Statsbidragen budgeterades 10 mkr högre (292 mkr): ursprunglig budget 282 mkr.
    assert v["Generella statsbidrag"]["arsbudget"] == pytest.approx(292e6)
    assert v["Generella statsbidrag"]["ursprunglig_arsbudget"] == pytest.approx(282e6)
    assert v["Skatteintäkter"]["ursprunglig_arsbudget"] == pytest.approx(v["Skatteintäkter"]["arsbudget"])
    # Resultatet: samma ursprungliga budget som reviderade — omfördelningen flyttade pengar, den ändrade inget.
    assert v["Resultat"]["ursprunglig_arsbudget"] == pytest.approx(v["Resultat"]["arsbudget"])
    # forklara visar samma omfördelning bakom raden, med fil och rad.
    f = forklara(projekt, indata, P, REGION, "resultat_och_prognos", "Generella statsbidrag", "ursprunglig_arsbudget")
    assert kontroll(f) == pytest.approx(282e6)
    (omf,) = [t for t in f.termer if t.inmatad]
    assert omf.rader.select("rad", "text", "bidrag").rows() == [(3, "Höjda generella statsbidrag", -10e6)]


def test_omfordelning_pa_okand_rad_eller_utan_mottagare_ar_fel_med_fil_och_rad(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # sökvägarna i felen är relativa till arbetskatalogen
    projekt = _projekt(tmp_path, OMFORDELNINGAR + "2024-06;;Finansiering;Ingen mottagare;5000000;\n"
                       "2024-06;vard;Finansiering;Båda;5000000;Skatteintäkter\n")
    with pytest.raises(RapportverkFel) as exc:
        las_indata(projekt, P)
    fel = [str(f) for f in exc.value.fel]
    assert fel == [
        "data/omfordelningar.csv:4: omfördelningen anger varken nämnd eller radnamn; skriv nämndens id i kolumnen "
        "namnd, eller radens namn i kolumnen radnamn.",
        "data/omfordelningar.csv:5: omfördelningen anger både nämnd och radnamn; skriv nämnden för en ändrad ram "
        "eller radens namn (t.ex. Generella statsbidrag och utjämning) för en ändrad budget på en rad, inte båda."]
    projekt = _projekt(tmp_path / "b", OMFORDELNINGAR + "2024-06;;Finansiering;Fel namn;5000000;Generela statsbidrag\n")
    with pytest.raises(RapportverkFel) as exc:
        las_indata(projekt, P)
    assert [str(f) for f in exc.value.fel] == [
        "b/data/omfordelningar.csv:4: budgetomfördelningen på raden 'Generela statsbidrag' finns inte i någon "
        "uppställning — menade du 'Generella statsbidrag'?, så den ändrar ingen ursprunglig budget; skriv radens "
        "namn som i uppställningen (kostnadsslag, rad eller etikett)."]
