"""En manuell källa kan bära en nämnd (issue 22 punkt 6): med kolumnen namnd i investeringsfilen visar en nämnds
tabell nämndens investeringar och regionens tabell alla, och forklara följer samma urval."""

from __future__ import annotations

import pytest
from test_omfordelning_pa_rad import OMFORDELNINGAR, P, _projekt

from rapportverk.analys.forklara import forklara
from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.konfig import REGION
from rapportverk.underlag import Underlag

INVESTERINGAR = """\
period;investeringsomrade;utfall_ack;prognos;arsbudget;namnd
2024-08;Fastighet;60000000;90000000;100000000;styrelsen
2024-08;Medicinteknik;20000000;30000000;25000000;vard
2024-08;Gemensamt;5000000;5000000;5000000;
"""


def _med_investeringar(tmp_path, text: str):
    projekt = _projekt(tmp_path, OMFORDELNINGAR)
    (tmp_path / "data" / "investeringar.csv").write_text(text, encoding="utf-8")
    return projekt


def _tabell(u: Underlag, namnd: str) -> dict[str, float | None]:
    t = u.tabell("investeringar", namnd)
    return {r.etikett: t.varde(r.etikett, "utfall_ack") for r in t.rader}


def test_namndens_tabell_visar_namndens_investeringar(tmp_path):
    projekt = _med_investeringar(tmp_path, INVESTERINGAR)
    indata = las_indata(projekt, P)
    u = Underlag(projekt, indata, P)
    assert _tabell(u, "styrelsen") == {"Fastighet": 60e6, "Totalt": 60e6}
    assert _tabell(u, "vard") == {"Medicinteknik": 20e6, "Totalt": 20e6}
    assert _tabell(u, REGION) == {"Fastighet": 60e6, "Medicinteknik": 20e6, "Gemensamt": 5e6, "Totalt": 85e6}
    f = forklara(projekt, indata, P, "vard", "investeringar", "Totalt", "utfall_ack")
    assert f.varde == pytest.approx(20e6)
    assert f.termer[0].rader["rad"].to_list() == [3]


def test_utan_kolumnen_namnd_ar_tabellen_regionens_i_varje_rapport(tmp_path):
    projekt = _projekt(tmp_path, OMFORDELNINGAR)  # MINSTA: investeringsfilen utan nämnd
    u = Underlag(projekt, las_indata(projekt, P), P)
    assert _tabell(u, "styrelsen") == _tabell(u, REGION) == {"Fastighet": 60e6, "Totalt": 60e6}


def test_okand_namnd_i_investeringsfilen_ar_fel_med_fil_och_rad(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    projekt = _med_investeringar(tmp_path, INVESTERINGAR.replace(";vard\n", ";vardd\n"))
    with pytest.raises(RapportverkFel) as exc:
        las_indata(projekt, P)
    (fel,) = [str(f) for f in exc.value.fel]
    assert fel.startswith("data/investeringar.csv:3: investeringen gäller nämnden 'vardd', som inte finns under "
                          "namnder i konfigurationen — menade du 'vard'?")
