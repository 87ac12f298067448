"""Egenskapstester (Hypothesis) för CSV-läsaren: decimalkomma, tusentalsavgränsare, BOM och citattecken."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rapportverk.kallor.filer import las_ra
from rapportverk.kallor.mappning import Kolumnkrav, normalisera
from rapportverk.konfig.modell import Kalla

belopp = st.decimals(min_value=Decimal("-999999999.99"), max_value=Decimal("999999999.99"), places=2,
                     allow_nan=False, allow_infinity=False)


def svensk(d: Decimal, tusental: str, minus: str) -> str:
    heltal, _, decimaler = f"{abs(d):.2f}".partition(".")
    grupper = []
    while heltal:
        grupper.insert(0, heltal[-3:])
        heltal = heltal[:-3]
    text = tusental.join(grupper) + "," + decimaler
    return (minus + text) if d < 0 else text


@settings(max_examples=60, deadline=None)
@given(st.lists(belopp, min_size=1, max_size=20), st.sampled_from(["", " ", "\u00a0"]),
       st.sampled_from(["-", "\u2212"]), st.booleans(), st.booleans(), st.sampled_from(["utf-8", "cp1252"]))
def test_csv_belopp_tolkas_exakt(tmp_path_factory, varden, tusental, minus, bom, citat, kodning):
    if kodning == "cp1252":
        minus = "-"  # U+2212 finns inte i cp1252 (U+00A0 finns)
    rader = ["Konto;Text;Belopp"]
    for i, v in enumerate(varden):
        tal = svensk(v, tusental, minus)
        text = f'"Rad {i}; med semikolon"' if citat else f"Rad {i}"
        rader.append(f"{4000 + i};{text};{tal}")
    innehall = "\n".join(rader) + "\n"
    fil: Path = tmp_path_factory.mktemp("csv") / "h.csv"
    data = innehall.encode(kodning)
    fil.write_bytes(("\ufeff".encode() + data) if bom and kodning == "utf-8" else data)
    kalla = Kalla(fil=str(fil), kodning=kodning)
    ram, fel = normalisera(las_ra(kalla, fil, "h.csv"), kalla,
                           [Kolumnkrav("konto", "text"), Kolumnkrav("text", "text"), Kolumnkrav("belopp", "belopp")],
                           "h.csv")
    assert fel == []
    assert [Decimal(str(x)).quantize(Decimal("0.01")) for x in ram["belopp"]] == varden
    assert ram["_rad"].to_list() == list(range(2, len(varden) + 2))
    if citat:
        assert ram["text"][0] == "Rad 0; med semikolon"
