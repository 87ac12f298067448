"""Rader har stabila id (issue 22 punkt 6): en mall, ett nyckeltal eller `rapport forklara` hänvisar till en rad
i en uppställning med konfigurationens namn, så att etiketten kan skrivas om ("Resultat" → "TOTAL", som den
publicerade rapporten skriver) utan att något som hänvisar till raden går sönder."""

from __future__ import annotations

import pytest
from test_omfordelning_pa_rad import OMFORDELNINGAR, P, _projekt

from rapportverk.analys.forklara import forklara
from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.konfig import REGION
from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt


def test_etiketten_kan_andras_utan_att_hanvisningarna_gar_sonder(tmp_path):
    projekt = _projekt(tmp_path, OMFORDELNINGAR)
    indata = las_indata(projekt, P)
    fore = bygg_tabell(projekt, indata, "resultat_och_prognos", REGION, P)
    fil = tmp_path / "konfig" / "rapporter" / "delarsrapport_region.yaml"
    text = fil.read_text(encoding="utf-8")
    assert "      - {summa: Resultat, av:" in text
    fil.write_text(text.replace("      - {summa: Resultat, av:", "      - {summa: Resultat, etikett: TOTAL, av:"),
                   encoding="utf-8")
    projekt = ladda_projekt(tmp_path / "konfig" / "rapportverk.yaml")
    indata = las_indata(projekt, P)  # kontrollerna i resultaträkningen hänvisar till 'Resultat': de stämmer
    t = bygg_tabell(projekt, indata, "resultat_och_prognos", REGION, P)
    assert t.rader[-1].etikett == "TOTAL" and t.rader[-1].id == "Resultat"
    assert t.varde("Resultat", "ack_utfall") == t.varde("TOTAL", "ack_utfall") == fore.varde("Resultat", "ack_utfall")
    # Nämndernas rader har nämndens id.
    assert t.varde("vard", "arsbudget") == t.varde("Vårdnämnden", "arsbudget")
    f = forklara(projekt, indata, P, REGION, "resultat_och_prognos", "Resultat", "ack_utfall")
    assert f.varde == pytest.approx(fore.varde("Resultat", "ack_utfall"))
    with pytest.raises(RapportverkFel, match="raden 'Resultatet' finns inte i tabellen 'resultat_och_prognos' — "
                       "menade du 'Resultat'"):
        forklara(projekt, indata, P, REGION, "resultat_och_prognos", "Resultatet", "ack_utfall")
