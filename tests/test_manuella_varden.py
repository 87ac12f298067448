"""Manuella värden i nyckeltalen (issue 22 punkt 8): det som inte står i huvudboken — ansvarsförbindelsen för
pensioner, låneskulden — läses ur kallor.manuella_varden med fil och rad som de andra manuella källorna, och ett
nyckeltal kan blanda dem med tabellernas celler."""

from __future__ import annotations

import pytest
from test_dokument import bygg, fel_for, rapport  # noqa: F401  (fixturen rapport)

from rapportverk.dokument.modell import Stycke, text_av

MANUELLA = """\
period;namn;varde;kommentar
2021-03;laneskuld;9;förra månaden, ska inte läsas
2021-04;ansvarsforbindelse;1 000 000;ur pensionsskuldsberäkningen
2021-04;laneskuld;2 500 000;
"""

NYCKELTAL = """\
nyckeltal:
  laneskuld:
    rubrik: Låneskuld
    taljare: [{manuell: laneskuld}]
    faktor: 1
    enhet: kr
  andel:
    rubrik: Ansvarsförbindelse i procent av låneskulden
    taljare: [{manuell: ansvarsforbindelse}]
    namnare: [{manuell: laneskuld}]
  blandat:
    rubrik: Utfall minus ansvarsförbindelse
    taljare: [{tabell: per_omrade, rad: Summa, kolumn: ack_utfall}, {manuell: ansvarsforbindelse, tecken: -1}]
    faktor: 1
    enhet: kr
"""


def _med_manuella(mini, text: str, analys: str) -> None:
    mini.skriv("manuella.csv", MANUELLA)
    mini.ersatt("kallor:\n", "kallor:\n  manuella_varden: {fil: ../data/manuella.csv}\n")
    mini.konfig.write_text(mini.konfig.read_text(encoding="utf-8") + text, encoding="utf-8")
    (mini.texter / "analys.md").write_text(analys, encoding="utf-8")


def test_nyckeltal_ur_manuella_varden_och_tabellceller(rapport):  # noqa: F811
    _med_manuella(rapport, NYCKELTAL, 'Låneskuld {{ nyckeltal("laneskuld") | mkr(1) }} mkr; andel '
                  '{{ nyckeltal("andel") | procent }}; utfall {{ ack_utfall() | mkr(4) }}; blandat '
                  '{{ nyckeltal("blandat") | mkr(4) }}.\n')
    dok = bygg(rapport)
    stycke = next(t for b in dok.block if isinstance(b, Stycke) and "Låneskuld" in (t := text_av(b.innehall)))
    # 2 500 000 kr är 2,5 mkr (aprils rad, inte mars); 1 000 000 / 2 500 000 = 40 %.
    assert "Låneskuld 2,5 mkr; andel 40,0\u00a0%" in stycke
    utfall = stycke.split("utfall ")[1].split(";")[0]
    blandat = stycke.split("blandat ")[1].rstrip(".")
    # Summan i tabellen är nämndens ack utfall; minus 1 mkr ansvarsförbindelse.
    assert float(blandat.replace(",", ".").replace("−", "-")) == pytest.approx(
        float(utfall.replace(",", ".").replace("−", "-")) - 1.0)


def test_okant_manuellt_varde_foreslar_namnet(rapport):  # noqa: F811
    fel_namn = NYCKELTAL.replace("{manuell: laneskuld}]\n    faktor", "{manuell: laneskulden}]\n    faktor")
    _med_manuella(rapport, fel_namn, '{{ nyckeltal("laneskuld") }}\n')
    (fel,) = fel_for(rapport)
    assert "nyckeltalet 'laneskuld' läser det manuella värdet 'laneskulden', som inte finns i" in fel
    assert "manuella.csv — menade du 'laneskuld'?" in fel


def test_dubbla_rader_ar_fel_med_fil_och_rad(rapport):  # noqa: F811
    _med_manuella(rapport, NYCKELTAL, "Text.\n")
    rapport.skriv("manuella.csv", MANUELLA + "2021-04;laneskuld;3 000 000;\n")
    (fel,) = fel_for(rapport)
    assert fel.endswith("manuella.csv:5: värdet 'laneskuld' står 2 gånger för perioden 2021-04 (rad 4, 5); ta bort "
                        "dubbletterna.")


def test_manuellt_varde_utan_kalla_ar_konfigurationsfel(rapport):  # noqa: F811
    rapport.konfig.write_text(rapport.konfig.read_text(encoding="utf-8") + NYCKELTAL, encoding="utf-8")
    fel = "\n".join(fel_for(rapport))
    assert "nyckeltalet 'laneskuld' läser det manuella värdet 'laneskuld', men kallor.manuella_varden saknas" in fel


def test_cell_med_bada_formerna_ar_konfigurationsfel(rapport):  # noqa: F811
    rapport.konfig.write_text(rapport.konfig.read_text(encoding="utf-8") + NYCKELTAL.replace(
        "{manuell: ansvarsforbindelse, tecken: -1}", "{manuell: ansvarsforbindelse, tabell: per_omrade}"),
        encoding="utf-8")
    (fel,) = fel_for(rapport)
    assert fel == ("konfig/rapportverk.yaml:42: nyckeltal.blandat.taljare[2]: en cell är antingen `manuell` eller "
                   "`tabell`, `rad` och `kolumn`, inte båda.")
