"""Tal och källor: indata som förut gav tysta fel i siffrorna eller ett internt fel.

Samma mönster som test_felaktig_indata (fallen körs genom kommandoradens `main()`): ett svenskt meddelande med fil
och rad, kod 1, ingen traceback och ingen rapportfil.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from .test_felaktig_indata import DELAR, OK, TABELL, Fall, H, huvudbok, kor, projekt  # noqa: F401 (fixturen)


def som_huvudbok(namn: str, skriv: Callable) -> Callable:
    """Huvudboken ur filen `namn` i data/, skriven av `skriv(sokvag)`."""
    def gor(m):
        skriv(m.rot / "data" / namn)
        m.ersatt("../data/huvudbok.csv", f"../data/{namn}")
    return gor


def xlsx(rader: list[list], blad: str = "Blad1") -> bytes:
    import xlsxwriter

    ut = io.BytesIO()
    bok = xlsxwriter.Workbook(ut, {"in_memory": True})
    ark = bok.add_worksheet(blad)
    for i, rad in enumerate(rader):
        ark.write_row(i, 0, rad)
    bok.close()
    return ut.getvalue()


HUVUDBOK_XLSX = [["Period", "Kst", "Konto", "Belopp"], ["2021-01", "100", "5010", -1000.5],
                 ["2021-04", "200", "6010", 0]]


def trasigt_blad(data: bytes) -> bytes:
    """En arbetsbok vars förteckning går att läsa men vars blad är avklippt mitt i XML:en."""
    ut = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(ut, "w") as zout:
        for info in zin.infolist():
            innehall = zin.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                innehall = innehall[: len(innehall) // 2]
            zout.writestr(info, innehall)
    return ut.getvalue()


def katalog_i_stallet(m):
    (m.rot / "data" / "huvudbok.csv").unlink()
    (m.rot / "data" / "huvudbok.csv").mkdir()


LASFEL = [
    Fall("citattecken som aldrig stängs", huvudbok(H + '2021-01;100;5010;"-1\n' + OK),
         "data/huvudbok.csv:2: ett värde på raden börjar med citattecken (\") som aldrig stängs"),
    # Pythons csv-modul ger här "field larger than field limit" (131 072 tecken).
    Fall("citattecken som aldrig stängs i stor fil", huvudbok(H + OK + '2021-01;"100;5010;-1\n' + OK * 20_000),
         "data/huvudbok.csv:3: ett värde på raden börjar med citattecken (\") som aldrig stängs"),
    Fall("text efter avslutande citattecken", huvudbok(H + OK + '2021-01;"100"0;5010;-1\n' + OK),
         "data/huvudbok.csv:3: ett värde på raden har text efter sitt avslutande citattecken"),
    Fall("katalog i stället för fil", katalog_i_stallet, "data/huvudbok.csv: sökvägen är en katalog, inte en fil"),
    Fall("trasigt blad i xlsx", som_huvudbok("hb.xlsx", lambda p: p.write_bytes(trasigt_blad(xlsx(HUVUDBOK_XLSX)))),
         "data/hb.xlsx: bladet 'Blad1' kan inte läsas eftersom filen är trasig"),
    Fall("avklippt xlsx", som_huvudbok("hb.xlsx", lambda p: p.write_bytes(xlsx(HUVUDBOK_XLSX)[:900])),
         "data/hb.xlsx: filen kan inte läsas som Excel (.xlsx): den är trasig"),
    Fall("CSV med ändelsen .xlsx", som_huvudbok("hb.xlsx", lambda p: p.write_text(H + OK, encoding="utf-8")),
         "data/hb.xlsx: filen kan inte läsas som Excel (.xlsx): den är en textfil (t.ex. CSV); skriv format: csv"),
    Fall("HTML med ändelsen .xlsx", som_huvudbok("hb.xlsx", lambda p: p.write_text(
        "<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="utf-8")),
         "data/hb.xlsx: filen kan inte läsas som Excel (.xlsx): den är en webbsida (HTML)"),
    Fall(".xls med ändelsen .xlsx", som_huvudbok("hb.xlsx", lambda p: p.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))), "den är en Excel-fil i det äldre formatet .xls"),
    Fall("tomt blad i xlsx", som_huvudbok("hb.xlsx", lambda p: p.write_bytes(xlsx([])),
         ), "data/hb.xlsx: bladet 'Blad1' är tomt"),
    Fall("xlsx med bara rubrikrad", som_huvudbok("hb.xlsx", lambda p: p.write_bytes(xlsx(HUVUDBOK_XLSX[:1]))),
         "data/hb.xlsx: filen har bara en rubrikrad"),
]


def prova(m, capsys, fall: Fall) -> str:
    """Som test_felaktig_indata: koden, meddelandet, ingen traceback (och inget internt fel), ingen rapport."""
    fall.forbered(m)
    kod, text = kor(capsys, *fall.argv)
    assert kod == fall.kod, text
    assert fall.vantat in text, text
    assert "Traceback" not in text and "Internt fel" not in text
    ut = m.rot / "ut"
    if ut.is_dir():
        assert not any(p.suffix in (".pdf", ".docx") for p in ut.rglob("*")), "en rapport skrevs trots felet"
    return text


@pytest.mark.parametrize("fall", LASFEL, ids=[f.namn for f in LASFEL])
def test_lasfel(projekt, capsys, fall):  # noqa: F811 (fixturen)
    prova(projekt, capsys, fall)
