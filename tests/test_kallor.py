"""Källor: CSV/Parquet/Excel till normaliserade ramar, och fel som pekar på fil, rad och kolumn."""

import datetime as dt

import polars as pl
import pytest

from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt


def indata(mini):
    return las_indata(ladda_projekt(mini.konfig))


def fel_for(mini) -> list[str]:
    with pytest.raises(RapportverkFel) as exc:
        indata(mini)
    return [str(f) for f in exc.value.fel]


def test_huvudboken_normaliseras_med_kalla_och_rad(mini):
    hb = indata(mini).huvudbok.sort("rad")
    assert hb.columns[:7] == ["period", "enhet", "konto", "serie", "belopp", "kalla", "rad"]
    forsta = hb.row(0, named=True)
    assert forsta["period"] == dt.date(2021, 1, 1)
    assert forsta["belopp"] == -1000.5
    assert forsta["kalla"] == "data/huvudbok.csv" and forsta["rad"] == 2
    assert forsta["delomrade"] == "Service" and forsta["kostnadsslag"] == "Personalkostnader"


def test_tabell_fran_miniprojektet(mini):
    projekt = ladda_projekt(mini.konfig)
    t = bygg_tabell(projekt, las_indata(projekt), "per_omrade", "styrelsen", Period(2021, 4))
    assert t.varde("Service", "ack_utfall") == pytest.approx(-750.5)
    assert t.varde("Stab", "ack_utfall_fg") == -100.0
    assert t.varde("Summa", "ack_utfall") == pytest.approx(-1050.5)


def test_text_i_belopp_ger_fil_rad_och_kolumn(mini):
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;100;5010;-10\n2021-01;100;5010;tio\n"
                               "2021-02;100;5010;\n")
    assert fel_for(mini) == [
        "data/huvudbok.csv:3: kolumnen 'Belopp' ('tio') är inte ett tal; skriv beloppet med siffror och decimalkomma.",
    ]


def test_tomt_belopp_ar_fel_inte_null(mini):
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;100;5010;-10\n2021-02;100;5010;\n")
    assert fel_for(mini) == ["data/huvudbok.csv:3: kolumnen 'Belopp' saknar belopp; fyll i beloppet (0 om inget)."]


def test_okant_kostnadsstalle_listas_med_belopp(mini):
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;100;5010;-10\n2021-01;999;5010;-1234,5\n"
                               "2021-02;999;6010;-1\n")
    (fel,) = fel_for(mini)
    assert fel.startswith("data/huvudbok.csv:3: kostnadsstället '999' finns i huvudboken "
                          "(2 rader, summa −1\u00a0235,50 kr)")
    assert "organisationshierarkin (data/organisation.csv)" in fel


def test_okant_konto_listas(mini):
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;100;9999;-10\n")
    (fel,) = fel_for(mini)
    assert "kontot '9999' finns i huvudboken" in fel and "kostnadsslagen (konfig/kostnadsslag.yaml)" in fel


def test_saknad_kolumn_foreslar_namn(mini):
    mini.skriv("huvudbok.csv", "Period;Kostst;Konto;Belopp\n2021-01;100;5010;-10\n")
    (fel,) = fel_for(mini)
    assert fel.startswith("data/huvudbok.csv:1: kolumnen 'Kst' (enhet) saknas")


def test_fel_avgransare(mini):
    mini.skriv("huvudbok.csv", "Period,Kst,Konto,Belopp\n2021-01,100,5010,-10\n")
    (fel,) = fel_for(mini)
    assert "avgränsaren ';'" in fel


def test_cp1252_lases_med_ratt_kodning_och_ger_fel_annars(mini):
    mini.skriv("organisation.csv", "enhet;delomrade;omrade;namnd\n100;Åtgärd;Drift;styrelsen\n"
                                   "101;Åtgärd;Drift;styrelsen\n200;Stab;Ledning;styrelsen\n", kodning="cp1252")
    (fel,) = fel_for(mini)
    assert fel.startswith("data/organisation.csv:2: filen är inte kodad som utf-8")
    mini.ersatt("    fil: ../data/organisation.csv", "    fil: ../data/organisation.csv\n    kodning: cp1252")
    assert "Åtgärd" in indata(mini).organisation["delomrade"].to_list()


def test_utf8_med_bom(mini):
    (mini.rot / "data" / "huvudbok.csv").write_bytes("\ufeffPeriod;Kst;Konto;Belopp\n2021-01;100;5010;-10\n"
                                                     .encode("utf-8"))
    assert indata(mini).huvudbok["belopp"].to_list() == [-10.0]


def test_teckenbyte_tkr_och_periodformat(mini):
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-04-30;100;5010;1 234,567\n2021-04-30;100;3210;-2,5\n")
    mini.ersatt("      serie: utfall", "      serie: utfall\n      enhet: tkr\n      tecken: kostnad_positiv\n"
                                        "      periodformat: ÅÅÅÅ-MM-DD")
    hb = indata(mini).huvudbok.sort("rad")
    assert hb["belopp"].to_list() == [-1234567.0, 2500.0]
    assert hb["period"].to_list() == [dt.date(2021, 4, 1)] * 2


def test_felaktig_period(mini):
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-13;100;5010;-10\n202104;100;5010;-1\n")
    fel = fel_for(mini)
    assert fel[0] == ("data/huvudbok.csv:2: kolumnen 'Period' ('2021-13') är ingen giltig period; skriv perioden "
                      "som ÅÅÅÅ-MM eller ändra 'periodformat' i konfigurationen.")
    assert fel[1].startswith("data/huvudbok.csv:3: kolumnen 'Period' ('202104')")


def test_parquet_och_excel(mini):
    ram = pl.DataFrame({"Period": ["202104"], "Kst": ["101"], "Konto": ["6010"], "Belopp": [-5.0]})
    ram.write_parquet(mini.rot / "data" / "hb.parquet")
    pl.DataFrame({"Period": ["2021-04"], "Kst": ["100"], "Konto": ["5010"], "Belopp": [-7.0]}).write_excel(
        mini.rot / "data" / "hb.xlsx", worksheet="Utfall")
    mini.ersatt("    - fil: ../data/huvudbok.csv", "    - fil: ../data/hb.parquet\n      serie: utfall\n"
                "      periodformat: ÅÅÅÅMM\n"
                "      kolumner: {period: Period, enhet: Kst, konto: Konto, belopp: Belopp}\n"
                "    - fil: ../data/hb.xlsx\n      blad: Utfall\n      serie: utfall\n"
                "      kolumner: {period: Period, enhet: Kst, konto: Konto, belopp: Belopp}\n"
                "    - fil: ../data/huvudbok.csv")
    hb = indata(mini).huvudbok
    assert sorted(hb["kalla"].unique()) == ["data/hb.parquet", "data/hb.xlsx", "data/huvudbok.csv"]
    assert hb.filter(pl.col("kalla") == "data/hb.xlsx")["rad"].to_list() == [2]
    mini.ersatt("      blad: Utfall", "      blad: Utfal")
    (fel,) = fel_for(mini)
    assert fel.startswith("data/hb.xlsx: bladet 'Utfal' finns inte — menade du 'Utfall'?")


def test_trasig_parquet(mini):
    (mini.rot / "data" / "hb.parquet").write_bytes(b"PAR1 inte alls parquet")
    mini.ersatt("../data/huvudbok.csv", "../data/hb.parquet")
    (fel,) = fel_for(mini)
    assert fel.startswith("data/hb.parquet: filen kan inte läsas som Parquet")


def test_hierarki_med_nod_under_tva_foraldrar(mini):
    mini.skriv("organisation.csv", "enhet;delomrade;omrade;namnd\n100;Service;Drift;styrelsen\n"
                                   "101;Service;Ledning;styrelsen\n200;Stab;Ledning;styrelsen\n100;X;Y;okand\n")
    fel = fel_for(mini)
    assert "data/organisation.csv:2: kostnadsstället '100' står på flera rader (2, 5)" in fel[0]
    assert any("delomrade 'Service' ligger under flera omrade: Drift, Ledning" in f for f in fel)
    assert any("nämnden 'okand' finns inte" in f for f in fel)


def test_organisation_med_giltighet_valjs_efter_period(mini):
    mini.skriv("organisation.csv", "enhet;delomrade;omrade;namnd;giltig_fran;giltig_till\n"
                                   "100;Service;Drift;styrelsen;;2022-12\n100;Nya service;Drift;styrelsen;2023-01;\n"
                                   "101;Service;Drift;styrelsen;;\n200;Stab;Ledning;styrelsen;;\n")
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;100;5010;-1\n2022-06;100;5010;-2\n"
                               "2023-01;100;5010;-3\n2021-04;101;5010;0\n2023-02;101;5010;0\n2024-02;101;5010;0\n")
    projekt = ladda_projekt(mini.konfig)
    gammal = las_indata(projekt, Period(2021, 4)).huvudbok.filter(pl.col("enhet") == "100")
    assert gammal["delomrade"].to_list() == ["Service"]  # 2022-06 ligger efter 2021 års fönster
    ny = las_indata(projekt, Period(2023, 2)).huvudbok.filter(pl.col("enhet") == "100").sort("period")
    # Jämförelsetalen (2021–2022) räknas om till organisationen som gäller vid perioden.
    assert ny["delomrade"].to_list() == ["Nya service"] * 3
    assert ny["belopp"].to_list() == [-1.0, -2.0, -3.0]
    senare = las_indata(projekt, Period(2024, 2)).huvudbok.filter(pl.col("enhet") == "100").sort("period")
    assert senare["belopp"].to_list() == [-2.0, -3.0]  # fönstret börjar i januari två år bakåt


def test_felaktig_giltighet(mini):
    mini.skriv("organisation.csv", "enhet;delomrade;omrade;namnd;giltig_fran\n100;Service;Drift;styrelsen;2023\n"
                                   "101;Service;Drift;styrelsen;\n200;Stab;Ledning;styrelsen;\n")
    (fel,) = fel_for(mini)
    assert fel == "data/organisation.csv:2: kolumnen 'giltig_fran' ('2023') ska vara en period ÅÅÅÅ-MM eller tom."


def test_dubbletter_i_en_fil(mini):
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;100;5010;-10\n2021-02;100;5010;-1\n"
                               "2021-01;100;5010;-10\n")
    (fel,) = fel_for(mini)
    assert fel.startswith("data/huvudbok.csv:2: raderna 2, 4 har samma period (2021-01), kostnadsställe (100)")
    mini.ersatt("      serie: utfall", "      serie: utfall\n      dubbletter: summera")
    assert indata(mini).huvudbok["belopp"].sum() == -21.0


def test_samma_manad_i_tva_filer(mini):
    mini.skriv("kopia.csv", HUVUDBOK_KOPIA)
    mini.ersatt("    - fil: ../data/huvudbok.csv", "    - fil: ../data/kopia.csv\n      serie: utfall\n"
                "      kolumner: {period: Period, enhet: Kst, konto: Konto, belopp: Belopp}\n"
                "    - fil: ../data/huvudbok.csv")
    fel = fel_for(mini)
    assert fel[0] == ("data/kopia.csv: perioden 2021-01 (utfall) finns för samma kostnadsställen och konton "
                      "(1 kostnadsställen, t.ex. 100 konto 5010) både i data/huvudbok.csv och i data/kopia.csv, så "
                      "beloppen skulle räknas två gånger; ta bort den ena filen eller månaden.")


def test_nyckelkoderna_ar_lika_precis_for_lika_nycklar_i_alla_filerna():
    from rapportverk.kallor.dubbletter import NYCKEL, nyckelkoder

    def fil(rader: list[tuple]) -> pl.DataFrame:
        return pl.DataFrame(rader, schema={"period": pl.Date, "enhet": pl.Categorical, "konto": pl.Categorical,
                                           "serie": pl.Categorical}, orient="row")
    jan, feb = dt.date(2021, 1, 1), dt.date(2021, 2, 1)
    a = fil([(jan, "100", "5010", "utfall"), (feb, "100", "5010", "utfall"), (jan, "100", "5010", "utfall"),
             (jan, "100", None, "utfall"), (None, "200", "5010", "budget")])
    b = fil([(feb, "100", "5010", "utfall"), (jan, "100", "5010", "budget"), (None, "200", "5010", "budget")])
    koder = nyckelkoder([a, b])
    assert koder[0].dtype == pl.UInt64  # packade, inte en hash
    nycklar = [r for ram in (a, b) for r in ram.select(NYCKEL).iter_rows()]
    tal = pl.concat(koder).to_list()
    assert all((nycklar[i] == nycklar[j]) == (tal[i] == tal[j]) for i in range(len(tal)) for j in range(len(tal)))
    # Text i stället för kategorier: nyckelns hash, också lika för lika nycklar.
    text = nyckelkoder([a.with_columns(pl.col(pl.Categorical).cast(pl.Utf8))])[0].to_list()
    assert text[0] == text[2] and len(set(text)) == 4


def test_rad_utanfor_filens_ar(mini):
    mini.ersatt("      serie: utfall", "      serie: utfall\n      ar: 2021")
    (fel,) = fel_for(mini)
    assert fel.startswith("data/huvudbok.csv:6: raden har perioden 2020-02, men filen ska bara innehålla 2021")


HUVUDBOK_KOPIA = "Period;Kst;Konto;Belopp\n2021-01;100;5010;-1000,50\n"


def test_period_utan_utfall_ar_fel(mini):
    projekt = ladda_projekt(mini.konfig)
    with pytest.raises(RapportverkFel) as exc:
        las_indata(projekt, Period(2021, 6))
    assert str(exc.value) == ("huvudboken har inget utfall för perioden 2021-06; kontrollera perioden eller läs in "
                              "månadens export. Senaste månad med utfall är 2021-04.")
