"""Små nämnder (patientnämnden, revisionen): en avvikelse på −0,05 Mkr ska synas som ett tal, inte som "0", och
inte som en stapel som fyller hela diagrammet; axelns markeringar ska ha olika text."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest

from rapportverk.berakning.modell import Kolumn, Rad
from rapportverk.berakning.modell import Tabell as Berakning
from rapportverk.dokument import diagram
from rapportverk.dokument.mall import Kontext, miljo, rendera
from rapportverk.formatering import belopp, synliga_decimaler

MINUS = "\u2212"
EKONOMISK_ANALYS = Path(__file__).parents[1] / "exempeldata/texter/2024-08/gemensamt/ekonomisk_analys.md"


@pytest.fixture
def figur(monkeypatch):
    """Fångar diagrammets figur när den ritas, så att testet kan läsa axelns texter och gränser."""
    fangat: dict = {}

    def fanga(fig) -> bytes:
        fig.canvas.draw()
        ax = fig.axes[0]
        fangat["x"] = [t.get_text() for t in ax.get_xticklabels()]
        fangat["y"] = [t.get_text() for t in ax.get_yticklabels()]
        fangat["xlim"] = ax.get_xlim()
        fangat["etiketter"] = [t.get_text() for t in ax.texts]
        return b""

    monkeypatch.setattr(diagram, "till_png", fanga)
    return fangat


def test_synliga_decimaler():
    assert synliga_decimaler(-0.05) == 1
    assert synliga_decimaler(-0.04) == 2
    assert synliga_decimaler(-0.004, 1) == 3
    assert synliga_decimaler(0.0) == 0 and synliga_decimaler(None, 1) == 1
    assert synliga_decimaler(-0.0001) == 0  # noll även med två decimaler till: "0", inte "0,00"
    assert synliga_decimaler(-12.3) == 0
    assert belopp(-50_000, "mkr", synlig=True) == f"{MINUS}0,1"
    assert belopp(-50_000, "mkr") == "0"  # tabellerna är oförändrade


def test_stapel_for_liten_avvikelse(figur):
    t = Berakning("avvikelse", "Avvikelse", "Område", (Kolumn("ack_avvikelse", "mkr", "belopp", 0),),
                  (Rad("Patientnämndens kansli", "normal", (-50_000.0,)), Rad("Summa", "summa", (-50_000.0,))), "mkr")
    _, alt = diagram.stapel(t, "ack_avvikelse", "Budgetavvikelse", "mkr")
    assert figur["etiketter"] == [f"{MINUS}0,1"]
    assert f"Patientnämndens kansli {MINUS}0,1 Mkr" in alt
    markeringar = [x for x in figur["x"] if x]
    assert len(set(markeringar)) == len(markeringar), markeringar
    assert any(x != "0" for x in markeringar), markeringar
    # Axeln spänner minst 1 Mkr (tabellens hela Mkr), så stapeln på 0,05 Mkr fyller under en tiondel av den.
    lagst, hogst = figur["xlim"]
    assert hogst - lagst >= 1 and 0.05 / (hogst - lagst) < 0.1


def test_stapel_med_vanliga_belopp_lamnar_axeln_at_matplotlib(figur):
    t = Berakning("avvikelse", "Avvikelse", "Område", (Kolumn("ack_avvikelse", "mkr", "belopp", 0),),
                  (Rad("Service", "normal", (-24_000_000.0,)), Rad("Drift", "normal", (3_000_000.0,))), "mkr")
    diagram.stapel(t, "ack_avvikelse", "Budgetavvikelse", "mkr")
    lagst, hogst = figur["xlim"]
    assert lagst == pytest.approx(-24 - 0.18 * 27) and hogst == pytest.approx(3 + 0.18 * 27)


def test_manadslinje_for_sma_belopp(figur):
    # Som patientnämnden 2024-08: mellan −0,4 och −0,6 Mkr i månaden; heltal gav markeringarna "0, −1, −1, −1".
    fjol = [-450, -470, -440, -500, -455, -480, -485, -410, -450, -450, -480, -515]
    i_ar = [-545, -540, -575, -568, -542, -505, -600, -497]
    serie = pl.DataFrame({"ar": [2023] * 12 + [2024] * 8, "manad": [*range(1, 13), *range(1, 9)],
                          "belopp": [b * 1000.0 for b in fjol + i_ar]})
    _, alt = diagram.manadslinje(serie, 2024, 8, "Nettokostnad per månad", "mkr")
    markeringar = [y for y in figur["y"] if y]
    assert len(set(markeringar)) == len(markeringar), markeringar
    assert "0" not in markeringar
    assert f"Augusti 2024: {MINUS}0,5 Mkr, samma månad 2023: {MINUS}0,4." in alt


def _mening(avvikelse_kr: float) -> str:
    funktioner = {"ack_avvikelse": lambda: avvikelse_kr, "ack_utfall": lambda: -4_100_000.0,
                  "ack_avvikelse_procent": lambda: -1.0, "nettokostnadsutveckling": lambda: 17.9}
    varden = {"namnd": SimpleNamespace(namn="Patientnämnden"), "period": SimpleNamespace(ar=2024, manad=8)}
    text = rendera(miljo([]), Kontext(funktioner, varden), kalla=EKONOMISK_ANALYS.read_text(encoding="utf-8"),
                   visning="ekonomisk_analys.md")
    return " ".join(text.split())


def test_meningen_om_en_liten_avvikelse_har_en_decimal_till():
    mening = _mening(-50_000.0)
    assert "en nettokostnad på 4 miljoner kronor, vilket är 0,1 miljoner kronor sämre än budget (" in mening
    assert " 0 miljoner" not in mening


def test_meningen_om_noll_avvikelse_sager_i_niva_med_budget():
    assert "vilket är i nivå med budget (" in _mening(0.0)
    assert "vilket är 3 miljoner kronor bättre än budget (" in _mening(3_000_000.0)
