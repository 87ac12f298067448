"""Platshållarna i konfigurationens rubriker och titlar ({ar}, {slutdatum}, {namnd} …): ett fält och en funktion
för tabeller, kolumner, fotnoter, listor, pivottabeller, diagram och rapporttitlar, och ett okänt fält som fel
med fil och rad var det än står."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from test_rapporttyper import ROT, _projektkopia, dokument

from rapportverk.dokument.modell import Figur, Rubrik, Stycke, Tabell, Titelsida, alla_block, text_av
from rapportverk.fel import RapportverkFel
from rapportverk.formatering import RUBRIKFALT, rubrik
from rapportverk.period import Period
from rapportverk.underlag.tabeller import ladda_projekt


def test_varje_falt_med_kant_svar():
    mall = " | ".join(f"{{{f}}}" for f in RUBRIKFALT)
    assert rubrik(mall, Period(2024, 8), "Regionstyrelsen") == (
        "2024 | 2023 | augusti | aug | 2024-08 | 2408 | 2308 | 2024-08-31 | 2023-08-31 | 2023-12-31 | 3 | "
        "Regionstyrelsen")
    # Skottår: februari slutar den 29:e i år och den 28:e i fjol.
    assert rubrik("{slutdatum}/{fg_slutdatum}", Period(2024, 2)) == "2024-02-29/2023-02-28"


# --- Ett okänt fält är ett fel med fil och rad, var det än står ----------------------------------------------

LISTKALLA = """\
  listor:
    uppdrag:
      fil: ../data/uppdrag.csv
"""

STALLEN = {
    "tabellrubrik": ("    rubrik: Per område", "    rubrik: 'Per område {nämnd}'", None),
    "kolumnrubrik": ("      - ack_utfall_fg", "      - {matt: ack_utfall_fg, rubrik: 'Utfall {nämnd}'}", None),
    "fotnot": ("      - ack_utfall_fg", "      - ack_utfall_fg\n    fotnot: 'Avser {nämnd}.'", None),
    "diagram": ("tabeller:", "diagram:\n  d:\n    typ: manadslinje\n    rubrik: 'Utfall {nämnd}'\ntabeller:", None),
    "listrubrik": ("tabeller:", "listor:\n  u:\n    rubrik: 'Uppdrag {nämnd}'\n    kalla: uppdrag\n"
                   "    kolumner: [{falt: uppdrag, rubrik: Uppdrag}]\ntabeller:", LISTKALLA),
    "listkolumn": ("tabeller:", "listor:\n  u:\n    rubrik: Uppdrag\n    kalla: uppdrag\n"
                   "    kolumner: [{falt: uppdrag, rubrik: 'Uppdrag {nämnd}'}]\ntabeller:", LISTKALLA),
    "pivotrubrik": ("tabeller:", "pivottabeller:\n  p:\n    rubrik: 'Indikatorer {nämnd}'\ntabeller:", None),
    "pivotradrubrik": ("tabeller:", "pivottabeller:\n  p:\n    rubrik: Indikatorer\n"
                       "    radrubrik: 'Indikator {nämnd}'\ntabeller:", None),
    "rapporttitel": ("tabeller:", "rapporter:\n  r:\n    titel: 'Rapport {nämnd}'\n    mall: ../data/mall.md\n"
                     "    texter: ../data\ntabeller:", None),
}


@pytest.mark.parametrize("stalle", STALLEN)
def test_okant_falt_ar_fel_med_fil_och_rad_overallt(mini, stalle):
    gammalt, nytt, kalla = STALLEN[stalle]
    mini.skriv("uppdrag.csv", "uppdrag;status\nA;Klart\n")
    mini.skriv("mall.md", "# Rapport\n")
    mini.ersatt(gammalt, nytt)
    if kalla:
        mini.ersatt("hierarkier:", kalla + "hierarkier:")
    with pytest.raises(RapportverkFel) as exc:
        ladda_projekt(mini.konfig)
    rader = mini.konfig.read_text(encoding="utf-8").splitlines()
    rad = next(i for i, r in enumerate(rader, 1) if "{nämnd}" in r)
    fel = [str(f) for f in exc.value.fel if "okänt fält {nämnd}" in str(f)]
    assert len(fel) == 1, [str(f) for f in exc.value.fel]
    assert fel[0].startswith(f"konfig/rapportverk.yaml:{rad}: okänt fält {{nämnd}}")
    assert "menade du 'namnd'?" in fel[0] and "{namnd}" in fel[0] and "{kvartal}" in fel[0]


def test_kanda_falt_overallt_ar_inget_fel(mini):
    mini.skriv("uppdrag.csv", "uppdrag;status\nA;Klart\n")
    mini.ersatt("hierarkier:", LISTKALLA + "hierarkier:")
    mini.ersatt("    rubrik: Per område",
                "    rubrik: '{namnd} {ar} kvartal {kvartal}'\n    fotnot: 't.o.m. {slutdatum}'")
    mini.ersatt("tabeller:", "listor:\n  u:\n    rubrik: 'Uppdrag {namnd} {slutdatum}'\n    kalla: uppdrag\n"
                "    kolumner: [{falt: uppdrag, rubrik: 'Uppdrag {ar}'}]\ntabeller:")
    ladda_projekt(mini.konfig)


# --- Samma rubriker per nämnd i dokumentet -------------------------------------------------------------------

NAMNDVIS = """\
titel: "Uppföljning {namnd} {manad} {ar}"
mall: ../../mallar/namndvis/rapport.md
texter: ../../texter
namnder: [regionstyrelsen]
namndavsnitt: [resultat_namnd]
tabeller:
  resultat_namnd:
    rubrik: "{namnd} {ar}: resultat per område"
    rader: omrade
    kolumner:
      - {matt: ack_utfall, rubrik: "Utfall t.o.m. {slutdatum}"}
      - {matt: ack_utfall_fg, rubrik: "{namnd} {fg_ar}"}
    fotnot: "Avser {namnd} per {slutdatum}."
listor:
  uppdrag_ar:
    rubrik: "Uppdrag {ar}, läge {slutdatum}"
    kalla: uppdrag
    kolumner:
      - {falt: uppdrag, rubrik: "Uppdrag ({namnd})"}
      - {falt: status, rubrik: "Status {man} {ar}"}
diagram:
  stapel_namnd:
    typ: stapel
    rubrik: "Utfall per område, {namnd} {ar}"
    tabell: resultat_namnd
    kolumn: ack_utfall
"""

NAMNDVIS_MALL = """\
{{ titelsida() }}

# Nämnderna

{{ namndavsnitt() }}

# Uppdrag

{{ lista("uppdrag_ar") }}

{{ diagram("stapel_namnd") }}
"""


@pytest.fixture(scope="module")
def namndvis(tmp_path_factory):
    tmp_path: Path = tmp_path_factory.mktemp("namndvis")
    konfig = _projektkopia(tmp_path)
    # Exempelprojektets rapportfiler följer med (regionens nyckeltal och uppställningar läser källorna).
    for fil in (ROT / "konfig" / "rapporter").glob("*.yaml"):
        text = fil.read_text(encoding="utf-8").replace("../../", f"{ROT}/")
        (konfig / "rapporter" / fil.name).write_text(text, encoding="utf-8")
    (tmp_path / "mallar" / "namndvis").mkdir(parents=True)
    (tmp_path / "mallar" / "namndvis" / "rapport.md").write_text(NAMNDVIS_MALL, encoding="utf-8")
    (konfig / "rapporter" / "namndvis.yaml").write_text(textwrap.dedent(NAMNDVIS), encoding="utf-8")
    p = ladda_projekt(konfig / "rapportverk.yaml")
    return p, dokument(p, "namndvis", "2024-10", "regionstyrelsen")


def test_namnd_i_tabellrubriker_per_namnd(namndvis):
    p, dok = namndvis
    block = list(alla_block(dok))
    tabeller = [b for b in block if isinstance(b, Tabell) and b.rubrik.endswith("resultat per område")]
    visade = [t.rubrik for t in tabeller]
    # Varje nämnd med utfall har sin egen rubrik; ingen nämnds namn står i en annan nämnds tabell.
    assert visade[0] == "Regionstyrelsen 2024: resultat per område"
    assert "Hälso- och sjukvårdsnämnden 2024: resultat per område" in visade
    assert len(set(visade)) == len(visade)
    namn = {n.namn for n in p.konfig.namnder}
    for t in tabeller:
        egen = t.rubrik.removesuffix(" 2024: resultat per område")
        assert egen in namn
        assert [h.text for h in t.huvud[-1]][1:] == ["Utfall t.o.m. 2024-10-31", f"{egen} 2023"]
        assert t.noter[0] == f"Avser {egen} per 2024-10-31."
    # Nämnder utan utfall säger det i klartext, med samma rubrik.
    tomma = [text_av(b.innehall) for b in block if isinstance(b, Stycke)
             and text_av(b.innehall).endswith("inga uppgifter att redovisa t.o.m. oktober 2024.")]
    assert len(tabeller) + len(tomma) == len(p.konfig.namnder)
    rubriker = [text_av(b.innehall) for b in block if isinstance(b, Rubrik) and b.niva == 2]
    assert rubriker == [n.namn for n in p.konfig.namnder]


def test_listans_diagrammets_och_titelns_falt(namndvis):
    _, dok = namndvis
    block = list(alla_block(dok))
    assert next(b for b in block if isinstance(b, Titelsida)).titel == "Uppföljning Regionstyrelsen oktober 2024"
    lista = next(b for b in block if isinstance(b, Tabell) and b.id == "lista-uppdrag-ar")
    assert lista.rubrik == "Uppdrag 2024, läge 2024-10-31"
    assert [h.text for h in lista.huvud[0]] == ["Uppdrag (Regionstyrelsen)", "Status okt 2024"]
    figur = next(b for b in block if isinstance(b, Figur))
    assert figur.bildtext == "Figur 1. Utfall per område, Regionstyrelsen 2024"
