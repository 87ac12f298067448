"""`rapport kolla`, detektorerna en och en: rena funktioner på byte, text och kolumner. Varje detektor prövas också där
den inte kan avgöra, och då ska den säga det (saker=False) i stället för att gissa tyst."""

import polars as pl
import pytest
import yaml

from rapportverk.kolla.belopp import kanna_enhet, kanna_tecken, kontoslag
from rapportverk.kolla.forslag import skalar, yamlblock
from rapportverk.kolla.kolumner import kanna_kolumner, kanna_serie
from rapportverk.kolla.konfigfil import Redigeringsfel, infoga
from rapportverk.kolla.tal import kanna_talform
from rapportverk.kolla.textfil import BinarFil, dela, kanna_kodning, kanna_rubrikrad, kanna_separator, rader

# --- kodning ------------------------------------------------------------------------------------------------


def test_kodning_utf8_med_svenska_tecken():
    b = kanna_kodning("Månad;Belopp\n2024-01;1\n".encode())
    assert (b.varde, b.saker) == ("utf-8", True) and "å" in b.skal


def test_kodning_cp1252_sager_var_utf8_tog_slut():
    b = kanna_kodning("Konto;Kontonamn\n5010;Löner\n".encode("cp1252"))
    assert (b.varde, b.saker) == ("cp1252", True)
    assert "byte 0xF6 på rad 2" in b.skal and "ö" in b.skal


def test_kodning_bara_ascii_och_bom():
    assert kanna_kodning(b"Konto;Belopp\n5010;1\n").varde == "utf-8"
    assert "BOM" in kanna_kodning(b"\xef\xbb\xbfKonto;Belopp\n").skal


def test_kodning_dubbelkodad_ar_osaker():
    b = kanna_kodning("Kostnadsställe".encode().decode("latin-1").encode())
    assert b.varde == "utf-8" and not b.saker and "kodats om två gånger" in b.skal


def test_kodning_varken_utf8_eller_cp1252():
    b = kanna_kodning(b"Konto\n\x81\x8d\n")
    assert b.varde is None and not b.saker and "varken UTF-8 eller Windows-1252" in b.skal


@pytest.mark.parametrize(("data", "text"), [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binär"),
                                            ("Konto".encode("utf-16"), "UTF-16")])
def test_kodning_binar_eller_utf16_ar_fel(data, text):
    with pytest.raises(BinarFil, match=text):
        kanna_kodning(data)


# --- avgränsare och rubrikrad ----------------------------------------------------------------------------------


def test_semikolon_trots_decimalkomma():
    text = "Period;Ansvar;Konto;Belopp\n202401;1100;5010;950000,00\n202401;1100;3010;-12,50\n"
    b = kanna_separator(rader(text))
    assert (b.varde, b.saker) == (";", True)


def test_komma_med_citerade_decimalkomman_och_tabb():
    assert kanna_separator(rader('Period,Konto,Belopp\n2024-01,5010,"1,5"\n2024-02,5010,"2,5"\n')).varde == ","
    assert kanna_separator(rader("Period\tKonto\tBelopp\n2024-01\t5010\t1,5\n")).varde == "\t"


def test_avgransare_som_inte_kan_avgoras():
    b = kanna_separator(rader("Belopp\n12\n13\n"))
    assert b.varde is None and not b.saker and b.flagga == "--separator"


def test_rubrikrad_efter_forspann_med_utfyllda_rader():
    text = ("Huvudbok Region Exempel;;;\nPeriod: 2024-01 - 2024-08;;;\n;;;\nPeriod;Ansvar;Konto;Belopp\n"
            "202401;1100;5010;1\n")
    b = kanna_rubrikrad(dela(rader(text), ";"), 4)
    assert b.varde == "4" and "'Huvudbok Region Exempel'" in b.skal


def test_rubrikrad_saknas_nar_forsta_raden_ar_data():
    b = kanna_rubrikrad(dela(rader("202401;1100;5010;1\n202402;1100;5010;2\n"), ";"), 4)
    assert b.varde is None and not b.saker and "sakna rubrikrad" in b.skal


# --- decimaltecken och tusental ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("varden", "decimal", "tusental"), [
    (["950000,00", "-12,50"], ",", "inget"),
    (["1.234,5", "-12,25"], ",", "."),
    (["1,234.5", "12.25"], ".", ","),
    (["950.000", "1500.000"], ".", "inget"),        # 1500.000 kan inte vara tusental: decimalpunkt
    (["743.823", "12345"], ".", "inget"),           # 12345 utan avgränsare: då är punkten ett decimaltecken
    (["1 234,50", "-12,00"], ",", "mellanslag"),
    (["1\u00a0234,50"], ",", "mellanslag"),
    (["1.234.567"], ",", "."),                      # två punkter: tusental, alltså decimalkomma
])
def test_talform(varden, decimal, tusental):
    t = kanna_talform(varden)
    assert (t.decimal.varde, t.tusental.varde, t.decimal.saker) == (decimal, tusental, True)


def test_talform_tre_decimaler_ger_decimalantalet():
    assert kanna_talform(["950.000", "1500.000", "12.500"]).decimaler == 3
    assert kanna_talform(["950000,00", "12,50"]).decimaler == 2


def test_talform_bara_heltal_spelar_ingen_roll():
    t = kanna_talform(["1000", "-250"])
    assert t.decimal.varde is None and t.decimal.saker and "bara heltal" in t.decimal.skal


def test_talform_tvetydig_sager_att_den_inte_kan_avgora():
    t = kanna_talform(["743.823", "12.500", "-1.000"])
    assert not t.decimal.saker and t.decimal.flagga == "--decimal"
    assert "går inte att skilja åt" in t.decimal.skal


def test_talform_blandade_decimaltecken():
    t = kanna_talform(["12,5", "13.5"])
    assert t.decimal.varde is None and not t.decimal.saker


# --- kolumner -----------------------------------------------------------------------------------------------------


def _export(**kolumner):
    return pl.DataFrame(kolumner)


def test_kolumner_efter_namn_och_varden():
    ram = _export(Period=["202401", "202402"], Ansvar=["1100", "1200"], Konto=["5010", "3010"],
                  Kontonamn=["Löner", "Försäljning"], Belopp=["950000,00", "-12,50"])
    val, _ = kanna_kolumner(ram)
    assert {f: b.varde for f, b in val.items()} == {"period": "Period", "enhet": "Ansvar", "konto": "Konto",
                                                    "belopp": "Belopp", "serie": None}
    assert all(b.saker for f, b in val.items() if f != "serie")


def test_kolumner_med_okanda_namn_avgors_av_konfigurationens_koder():
    ram = _export(Dim1=["5010", "3010", "5010"], Dim2=["1100", "1200", "1210"], Dat=["2024-01", "2024-01", "2024-02"],
                  V=[1.5, -2.0, 3.25])
    utan, _ = kanna_kolumner(ram)
    assert not utan["enhet"].saker or not utan["konto"].saker  # två kolumner med koder: kan inte avgöras
    kanda = {"enhet": lambda v: {"1100", "1200", "1210"} & set(v), "konto": lambda v: {"5010", "3010"} & set(v)}
    med, _ = kanna_kolumner(ram, kanda)
    assert (med["enhet"].varde, med["konto"].varde, med["period"].varde, med["belopp"].varde) == (
        "Dim2", "Dim1", "Dat", "V")
    assert med["enhet"].saker and "100 % av dem finns i organisationen" in med["enhet"].skal


def test_kolumner_tvingade_med_flagga():
    ram = _export(Period=["2024-01"], A=["1100"], B=["5010"], Belopp=[1.0])
    val, _ = kanna_kolumner(ram, tvingade={"enhet": "B", "konto": "A"})
    assert (val["enhet"].varde, val["konto"].varde) == ("B", "A")


def test_period_i_ett_format_som_lasaren_inte_tar():
    ram = _export(Period=["2024/01", "2024/02"], Ansvar=["1100", "1200"], Konto=["5010", "5010"], Belopp=[1.5, 2.5])
    val, _ = kanna_kolumner(ram)
    assert val["period"].varde is None and not val["period"].saker
    assert "'2024/01' (ÅÅÅÅ/MM), som rapportverk inte läser" in val["period"].skal


def test_period_som_datum_och_heltal():
    import datetime as dt

    val, egen = kanna_kolumner(_export(D=[dt.date(2024, 1, 31)], Konto=["5010"], Kst=["1"], Belopp=[1.5]))
    assert val["period"].varde == "D" and egen["D"].periodformat == "datum"
    val, egen = kanna_kolumner(_export(Manad=[202401, 202402], Konto=["5010", "5020"], Kst=["1", "2"],
                                       Belopp=[1.5, 2.0]))
    assert val["period"].varde == "Manad" and egen["Manad"].periodformat == "ÅÅÅÅMM"


def test_seriekolumn_och_serie_ur_namnet():
    ram = _export(Period=["2024-01", "2024-01"], Kst=["1", "1"], Konto=["5010", "5010"], Belopp=[1.5, 2.0],
                  Typ=["utfall", "budget"])
    val, _ = kanna_kolumner(ram)
    assert val["serie"].varde == "Typ" and val["serie"].saker
    ram = ram.with_columns(pl.Series("Typ", ["Utfall", "Budget"]))
    val, _ = kanna_kolumner(ram)
    assert val["serie"].varde == "Typ" and not val["serie"].saker and "utfall, budget, ib" in val["serie"].skal
    ingen = kanna_kolumner(ram.drop("Typ"))[0]["serie"]
    assert kanna_serie("budget_2024.csv", ingen).varde == "budget"
    assert kanna_serie("HB-export 2023.xlsx", ingen).varde == "utfall"
    okand = kanna_serie("export.csv", ingen)
    assert (okand.varde, okand.saker, okand.flagga) == ("utfall", False, "--serie")


# --- tecken och enhet ---------------------------------------------------------------------------------------------


def _konton():
    return pl.Series(["5010", "5010", "6010", "3010"])


def test_tecken_kostnader_positiva_och_negativa():
    slag = kontoslag(_konton().to_list(), None)
    b = kanna_tecken(_konton(), pl.Series([100.0, 120.0, 50.0, -80.0]), slag.get)
    assert (b.varde, b.saker) == ("kostnad_positiv", True) and "+270 i exporten" in b.skal
    b = kanna_tecken(_konton(), pl.Series([-100.0, -120.0, -50.0, 80.0]), slag.get)
    assert (b.varde, b.saker) == ("kostnad_negativ", True)


def test_tecken_med_kostnadsslagen_fore_kontoklassen(tmp_path):
    from rapportverk.konfig.modell import Kostnadsslagplan

    plan = Kostnadsslagplan.model_validate({"rader": [{"namn": "Intäkter", "konton": ["9100-9199"]},
                                                      {"namn": "Kostnader", "konton": ["9200-9299"]}]})
    slag = kontoslag(["9110", "9210"], plan)
    assert slag == {"9110": "intakt", "9210": "kostnad"}


def test_tecken_som_inte_kan_avgoras():
    slag = kontoslag(_konton().to_list(), None)
    b = kanna_tecken(_konton(), pl.Series([100.0, 120.0, 50.0, 80.0]), slag.get)
    assert not b.saker and "samma tecken" in b.skal and b.flagga == "--tecken"
    b = kanna_tecken(pl.Series(["8010"]), pl.Series([5.0]), kontoslag(["8010"], None).get)
    assert (b.varde, b.saker) == ("kostnad_negativ", False) and "antaget" in b.skal


def test_enhet_mot_huvudbokens_andra_kallor():
    tkr = kanna_enhet(pl.Series([950.0, 1200.0, 35.5]), referens=600_000.0)
    assert (tkr.varde, tkr.saker) == ("tkr", True) and "tusen gånger mindre" in tkr.skal
    kr = kanna_enhet(pl.Series([950_000.0, 1_200_000.0]), referens=600_000.0)
    assert (kr.varde, kr.saker) == ("kr", True)
    mkr = kanna_enhet(pl.Series([0.9, 1.2]), referens=600_000.0)
    assert mkr.varde == "mkr"


def test_enhet_ur_decimalerna_och_storleken_utan_andra_kallor():
    assert kanna_enhet(pl.Series([950.0, 1500.0]), decimaler=3).varde == "tkr"
    b = kanna_enhet(pl.Series([950_000.0, 12_000.5]), decimaler=2)
    assert (b.varde, b.saker) == ("kr", True)
    stor = kanna_enhet(pl.Series([950_000.0, 1_200_000.0]))
    assert (stor.varde, stor.saker, stor.flagga) == ("kr", False, "--enhet")
    mitt = kanna_enhet(pl.Series([4_000.0, 6_000.0]))
    assert not mitt.saker and "säger inte om det är kr eller tkr" in mitt.skal


def test_enhet_med_motsagande_decimaler_ar_osaker():
    b = kanna_enhet(pl.Series([950_000.0]), decimaler=3, referens=600_000.0)
    assert (b.varde, b.saker) == ("kr", False) and "3 decimaler" in b.skal


# --- förslaget som YAML och in i konfigurationen ----------------------------------------------------------------


@pytest.mark.parametrize("namn", ["Belopp: kr", "#Konto", "Ansvar, kod", "{x}", "yes", "2024", " Konto",
                                  "Kostnadsställe", "Belopp (tkr)", "a'b\"c"])
def test_yamlblocket_laser_tillbaka_exakt(namn):
    forslag = {"fil": "../data/x y.csv", "separator": ";", "decimal": ".", "ar": 2024,
               "kolumner": {"period": namn, "belopp": "Belopp"}}
    text = yamlblock(forslag, 4, "kommentar")
    assert yaml.safe_load(text)[0]["kolumner"]["period"] == namn
    assert skalar(";") == '";"'


KONFIG = """\
# Överst
organisation:
  namn: X   # namnet
kallor:
  huvudbok:
    - fil: a.csv
      serie: utfall
    # Budgeten, i tkr.
    - fil: b.csv
      serie: budget
      kolumner: {period: P}   # slut
  # Prognosen
  prognos: []
namnder: [{id: x, namn: X}]
"""


def test_infoga_lagger_till_sist_och_lamnar_resten():
    ny = infoga(KONFIG, {"fil": "c.csv", "serie": "utfall"}, "Ny")
    assert ny == KONFIG.replace("      kolumner: {period: P}   # slut\n",
                                "      kolumner: {period: P}   # slut\n    # Ny\n    - fil: c.csv\n"
                                "      serie: utfall\n")
    assert yaml.safe_load(ny)["kallor"]["huvudbok"][-1] == {"fil": "c.csv", "serie": "utfall"}


def test_infoga_ersatter_kallan_med_dess_kommentar():
    ny = infoga(KONFIG, {"fil": "c.csv", "serie": "budget"}, "Ny", ersatt=1)
    assert "# Budgeten, i tkr." not in ny and "# slut" not in ny
    assert ny.startswith("# Överst\norganisation:\n  namn: X   # namnet\n") and "  # Prognosen\n" in ny
    assert yaml.safe_load(ny)["kallor"]["huvudbok"] == [{"fil": "a.csv", "serie": "utfall"},
                                                        {"fil": "c.csv", "serie": "budget"}]


def test_infoga_vagrar_flodesform():
    with pytest.raises(Redigeringsfel, match="flödesform"):
        infoga("kallor:\n  huvudbok: [{fil: a.csv}]\n", {"fil": "c.csv"})


@pytest.mark.parametrize(("kolumn", "enhet"), [("Belopp tkr", "tkr"), ("belopp_tkr", "tkr"), ("Belopp (Mkr)", "mkr"),
                                               ("Belopp kr", "kr"), ("Belopp SEK", "kr"), ("Belopp", None),
                                               ("Kronor", None)])
def test_enhet_i_kolumnnamnet(kolumn, enhet):
    from rapportverk.kolla.belopp import enhet_i_namnet

    assert enhet_i_namnet(kolumn) == enhet


def test_enhet_ur_namnet_nar_inget_annat_avgor_och_osaker_nar_det_motsager():
    b = kanna_enhet(pl.Series([4_000.0, 6_000.0]), kolumn="Belopp tkr")
    assert (b.varde, b.saker) == ("tkr", True) and "kolumnen heter 'Belopp tkr'" in b.skal
    b = kanna_enhet(pl.Series([950_000.0]), referens=600_000.0, kolumn="Belopp tkr")
    assert (b.varde, b.saker) == ("kr", False) and "men kolumnen heter 'Belopp tkr'" in b.skal
