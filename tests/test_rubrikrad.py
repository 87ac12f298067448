"""`rubrikrad`: exporter med rapportnamn och datum ovanför kolumnnamnen (CSV och Excel) läses utan handpåläggning,
och radnumren i felen är filens egna."""

import datetime as dt

import polars as pl
import pytest

from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.underlag.tabeller import ladda_projekt

FORSPANN = "Huvudbok Testregionen;;;\nUtskriven 2021-05-03;;;\n;;;\n"


def indata(mini):
    return las_indata(ladda_projekt(mini.konfig))


def fel_for(mini) -> list[str]:
    with pytest.raises(RapportverkFel) as exc:
        indata(mini)
    return [str(f) for f in exc.value.fel]


def test_csv_med_rader_ovanfor_rubriken(mini):
    mini.skriv("huvudbok.csv", FORSPANN + "Period;Kst;Konto;Belopp\n2021-01;100;5010;-1000,50\n2021-02;101;3210;250\n")
    mini.ersatt("serie: utfall\n", "serie: utfall\n      rubrikrad: 4\n")
    hb = indata(mini).huvudbok.sort("rad")
    assert hb["rad"].to_list() == [5, 6]
    assert hb["belopp"].to_list() == [-1000.5, 250.0]


def test_csv_fel_pekar_pa_filens_rad(mini):
    mini.skriv("huvudbok.csv", FORSPANN + "Period;Kst;Konto;Belopp\n2021-01;100;5010;-1000,50\n2021-02;101;3210;x\n")
    mini.ersatt("serie: utfall\n", "serie: utfall\n      rubrikrad: 4\n")
    assert fel_for(mini) == ["data/huvudbok.csv:6: kolumnen 'Belopp' ('x') är inte ett tal; skriv beloppet med "
                             "siffror och decimalkomma."]


def test_csv_ojamn_rad_efter_forspannet(mini):
    mini.skriv("huvudbok.csv", FORSPANN + "Period;Kst;Konto;Belopp\n2021-01;100;5010;-1000,50\n2021-02;101;3210;1;2\n")
    mini.ersatt("serie: utfall\n", "serie: utfall\n      rubrikrad: 4\n")
    (fel,) = fel_for(mini)
    assert fel.startswith("data/huvudbok.csv:6: raden har 5 fält men rubrikraden har 4")


def test_csv_rubrikrad_efter_filens_slut(mini):
    mini.ersatt("serie: utfall\n", "serie: utfall\n      rubrikrad: 40\n")
    assert fel_for(mini) == ["data/huvudbok.csv: filen har ingen rubrikrad på rad 40 (rubrikrad: 40 i "
                             "konfigurationen); ange raden där kolumnnamnen står."]


def _excel_med_forspann(sokvag, rubrik_rad: int = 4) -> None:
    import xlsxwriter

    bok = xlsxwriter.Workbook(str(sokvag))
    blad = bok.add_worksheet("Huvudbok")
    blad.write(0, 0, "Huvudbok Testregionen")
    blad.write(1, 0, "Utskriven 2021-05-03")
    blad.write_row(rubrik_rad - 1, 0, ["Period", "Kst", "Konto", "Belopp"])
    datum = bok.add_format({"num_format": "yyyy-mm-dd"})
    for i, (d, kst, konto, belopp) in enumerate([(dt.datetime(2021, 1, 31), "100", 5010, -1000.5),
                                                 (dt.datetime(2021, 2, 28), "101", 3210, 250.0)]):
        blad.write_datetime(rubrik_rad + i, 0, d, datum)
        blad.write_row(rubrik_rad + i, 1, [kst, konto, belopp])
    bok.close()


def test_excel_med_rubriken_pa_rad_4(mini):
    _excel_med_forspann(mini.rot / "data" / "hb.xlsx")
    mini.ersatt("- fil: ../data/huvudbok.csv\n", "- fil: ../data/hb.xlsx\n      rubrikrad: 4\n")
    hb = indata(mini).huvudbok.sort("rad")
    assert hb["rad"].to_list() == [5, 6]
    assert hb["period"].to_list() == [dt.date(2021, 1, 1), dt.date(2021, 2, 1)]
    assert hb["konto"].to_list() == ["5010", "3210"]


def test_excel_rubrikrad_utan_namn(mini):
    _excel_med_forspann(mini.rot / "data" / "hb.xlsx")
    mini.ersatt("- fil: ../data/huvudbok.csv\n", "- fil: ../data/hb.xlsx\n      rubrikrad: 3\n")
    assert fel_for(mini) == ["data/hb.xlsx: rad 3 i bladet 'Huvudbok' har inga kolumnnamn (rubrikrad: 3 i "
                             "konfigurationen); ange raden där kolumnnamnen står."]


def test_rubrikrad_i_parquet_ar_ett_konfigurationsfel(mini):
    pl.DataFrame({"Period": ["2021-04"], "Kst": ["100"], "Konto": ["5010"], "Belopp": [-7.0]}).write_parquet(
        mini.rot / "data" / "hb.parquet")
    mini.ersatt("- fil: ../data/huvudbok.csv\n", "- fil: ../data/hb.parquet\n      rubrikrad: 2\n")
    with pytest.raises(RapportverkFel) as exc:
        ladda_projekt(mini.konfig)
    (fel,) = [str(f) for f in exc.value.fel]
    assert fel.startswith("konfig/rapportverk.yaml:5: kallor.huvudbok[1]: 'rubrikrad' gäller bara CSV och Excel")


def test_rubrikrad_maste_vara_minst_1(mini):
    mini.ersatt("serie: utfall\n", "serie: utfall\n      rubrikrad: 0\n")
    with pytest.raises(RapportverkFel) as exc:
        ladda_projekt(mini.konfig)
    assert "'kallor.huvudbok[1].rubrikrad' ska vara minst 1." in str(exc.value)
