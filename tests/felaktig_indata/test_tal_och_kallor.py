"""Tal och källor: indata som förut gav tysta fel i siffrorna eller ett internt fel.

Samma mönster som test_felaktig_indata (fallen körs genom kommandoradens `main()`): ett svenskt meddelande med fil
och rad, kod 1, ingen traceback och ingen rapportfil.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .test_felaktig_indata import DELAR, OK, TABELL, Fall, H, huvudbok, konfig, kor, projekt  # noqa: F401 (fixturen)


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
    Fall("kostnadsslagen i en katalog", lambda m: ((m.rot / "konfig" / "ks").mkdir(), m.ersatt(
        "kostnadsslag: kostnadsslag.yaml", "kostnadsslag: ks")), "konfig/ks: sökvägen är en katalog, inte en YAML-fil"),
    Fall("--konfig är en katalog", lambda m: None, "konfig: sökvägen är en katalog, inte en YAML-fil",
         ("--konfig", "konfig", *TABELL)),
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
    Fall("tomt blad i xlsx", som_huvudbok("hb.xlsx", lambda p: p.write_bytes(xlsx([]))),
         "data/hb.xlsx: bladet 'Blad1' är tomt"),
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


# --- decimaltecken --------------------------------------------------------------------------------------------
PUNKT = "      serie: utfall\n      decimal: \".\""  # källan säger decimalpunkt


def budget(text: str) -> Callable:
    """En budgetfil i tkr med kostnader positiva, som exempelregionens budgetexport."""
    def gor(m):
        m.skriv("budget.csv", "Period;Kst;Konto;Belopp tkr\n" + text)
        m.ersatt("hierarkier:", "    - fil: ../data/budget.csv\n      serie: budget\n      enhet: tkr\n"
                 "      tecken: kostnad_positiv\n      kolumner: {period: Period, enhet: Kst, konto: Konto, "
                 "belopp: Belopp tkr}\nhierarkier:")
    return gor


def med_punkt(text: str) -> Callable:
    return lambda m: (m.skriv("huvudbok.csv", text), m.ersatt("      serie: utfall", PUNKT))


DECIMALFEL = [
    # Felet som hittades: budgeten med decimalpunkt lästes som tusental, tusen gånger för stor.
    Fall("decimalpunkt i budget med decimalkomma", budget("2021-01;100;5010;743.823\n2021-02;101;5010;1374.529\n"),
         "data/budget.csv:3: kolumnen 'Belopp tkr' ('1374.529') har decimalpunkt, men källan har decimal: \",\" i "
         "konfigurationen; skriv decimal: \".\" under källan"),
    Fall("decimalpunkt: under ett", huvudbok(H + "2021-01;100;5010;-0.350\n" + OK),
         "data/huvudbok.csv:2: kolumnen 'Belopp' ('-0.350') har decimalpunkt"),
    Fall("decimalpunkt: en decimal", huvudbok(H + "2021-01;100;5010;-12.5\n" + OK),
         "data/huvudbok.csv:2: kolumnen 'Belopp' ('-12.5') har decimalpunkt"),
    # '743.823' ensamt kan vara 743 823; bredvid '12345' utan avgränsare kan det inte vara det.
    Fall("decimalpunkt: ojämna tusental", huvudbok(H + "2021-01;100;5010;743.823\n2021-02;101;3210;12345\n" + OK),
         "data/huvudbok.csv:2: kolumnen 'Belopp' ('743.823') har decimalpunkt: som tusentalsavgränsare vore '.' "
         "inte konsekvent, eftersom rad 3 ('12345') saknar tusentalsavgränsare"),
    Fall("tusental med komma och decimalkomma", huvudbok(H + "2021-01;100;5010;-1,234.50\n" + OK),
         "data/huvudbok.csv:2: kolumnen 'Belopp' ('-1,234.50') har decimalpunkt"),
    Fall("decimalkomma i källa med decimalpunkt", med_punkt(H + "2021-01;100;5010;-1374,529\n" + OK),
         "data/huvudbok.csv:2: kolumnen 'Belopp' ('-1374,529') har decimalkomma, men källan har decimal: \".\" i "
         "konfigurationen; ta bort decimal: \".\" under källan"),
    Fall("decimalkomma: ojämna tusental", med_punkt(H + "2021-01;100;5010;743,823\n2021-02;101;3210;12345.5\n" + OK),
         "data/huvudbok.csv:2: kolumnen 'Belopp' ('743,823') har decimalkomma: som tusentalsavgränsare vore ',' inte "
         "konsekvent, eftersom rad 3 ('12345.5')"),
    Fall("tusental med punkt och decimalpunkt", med_punkt(H + "2021-01;100;5010;1.234,50\n" + OK),
         "data/huvudbok.csv:2: kolumnen 'Belopp' ('1.234,50') har decimalkomma"),
    # En Excel-kolumn med både tal- och textceller blir text, och talcellerna står då med decimalpunkt.
    Fall("Excel-kolumn med tal och text", som_huvudbok("hb.xlsx", lambda p: p.write_bytes(xlsx([
        ["Period", "Kst", "Konto", "Belopp"], ["2021-01", "100", "5010", -1374.529], ["2021-04", "200", "6010", "0"]]))),
         "data/hb.xlsx:2: kolumnen 'Belopp' ('-1374.529') har decimalpunkt, men källan har decimal: \",\" i "
         "konfigurationen; i en Excel-fil betyder det oftast att kolumnen blandar tal och text"),
]


@pytest.mark.parametrize("fall", DECIMALFEL, ids=[f.namn for f in DECIMALFEL])
def test_decimaltecken(projekt, capsys, fall):  # noqa: F811 (fixturen)
    prova(projekt, capsys, fall)


def las_belopp(tmp_path, varden: list[str], decimal: str = ",") -> tuple[list[float], list[str]]:
    """Beloppen (kr, till hela ören) i en CSV-kolumn som källan med `decimal` läser dem: (tal, fel)."""
    from rapportverk.kallor.filer import las_ra
    from rapportverk.kallor.mappning import Kolumnkrav, normalisera
    from rapportverk.konfig.modell import Kalla

    fil = tmp_path / "b.csv"
    fil.write_text("Belopp\n" + "".join(f"{v}\n" for v in varden), encoding="utf-8")
    kalla = Kalla(fil=str(fil), decimal=decimal)
    ram, fel = normalisera(las_ra(kalla, fil, "b.csv"), kalla, [Kolumnkrav("belopp", "belopp")], "b.csv")
    return ([] if fel else ram["belopp"].to_list()), [str(f) for f in fel]


@pytest.mark.parametrize(("decimal", "varden", "vantat"), [
    # Punkt som tusentalsavgränsare med decimalkomma: '743.823' bredvid '-1.196.372' är 743 823.
    (",", ["743.823", "-1.196.372", "1.234,5", "12", "0,25", "−3.000"], [743823, -1196372, 1234.5, 12, 0.25, -3000]),
    (",", ["1 374,529", "-12\u00a0345", "0,5", "999"], [1374.53, -12345, 0.5, 999]),
    (",", ["1374,529", "-0,350", "12345"], [1374.53, -0.35, 12345]),
    (".", ["743,823", "-1,196,372", "1,234.5", "0.25"], [743823, -1196372, 1234.5, 0.25]),
    (".", ["1374.529", "-0.350", "12345", "1 000.5"], [1374.53, -0.35, 12345, 1000.5]),
])
def test_decimaltecken_som_konfigurerat_godtas(tmp_path, decimal, varden, vantat):
    tal, fel = las_belopp(tmp_path, varden, decimal)
    assert fel == []
    assert tal == vantat


@pytest.mark.parametrize("format_", ["parquet", "xlsx"])
def test_decimaltecken_galler_inte_typade_tal(tmp_path, format_):
    """Parquet och Excel har tal, inte text: decimal påverkar dem inte, och 743.823 förblir 743,823."""
    import polars as pl

    from rapportverk.kallor.filer import las_ra
    from rapportverk.kallor.mappning import Kolumnkrav, normalisera
    from rapportverk.konfig.modell import Kalla

    fil = tmp_path / f"b.{format_}"
    if format_ == "parquet":
        pl.DataFrame({"Belopp": [743.823, -1196372.0, 12345.5]}).write_parquet(fil)
    else:
        fil.write_bytes(xlsx([["Belopp"], [743.823], [-1196372.0], [12345.5]]))
    for decimal in (",", "."):
        kalla = Kalla(fil=str(fil), decimal=decimal, enhet="tkr")
        ram, fel = normalisera(las_ra(kalla, fil, fil.name), kalla, [Kolumnkrav("belopp", "belopp")], fil.name)
        assert fel == []
        assert ram["belopp"].to_list() == [743823.0, -1196372000.0, 12345500.0]


def skriv_tal(d, decimaltecken: str, tusental: str, minus: str) -> str:
    """Ett Decimal som en export skriver det: decimaltecknet, tusentalsavgränsaren (kanske ingen) och minustecknet."""
    heltal, _, decimaler = f"{abs(d):f}".partition(".")
    grupper = []
    while heltal:
        grupper.insert(0, heltal[-3:])
        heltal = heltal[:-3]
    text = tusental.join(grupper) + (decimaltecken + decimaler if decimaler else "")
    return minus + text if d < 0 else text


# Belopp med 0–3 decimaler, som exporterna skriver dem (tkr med tre decimaler är hela kronor).
TAL = st.tuples(st.decimals(min_value=Decimal("-999999999.999"), max_value=Decimal("999999999.999"), places=3,
                            allow_nan=False, allow_infinity=False), st.integers(0, 3)).map(
    lambda t: t[0].quantize(Decimal(1).scaleb(-t[1])))


@st.composite
def kolumn(draw, decimal: str, tusental: tuple[str, ...]):
    """En kolumn som en export skriver den: samma tusentalsavgränsare på alla tal (kanske ingen)."""
    avgransare = draw(st.sampled_from(tusental))
    minus = draw(st.sampled_from(["-", "\u2212"]))
    varden = draw(st.lists(TAL, min_size=1, max_size=12))
    return varden, [skriv_tal(v, decimal, avgransare, minus) for v in varden]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([",", "."]).flatmap(
    lambda d: st.tuples(st.just(d), kolumn(d, ("", " ", "\u00a0", "." if d == "," else ",")))))
def test_egenskap_varje_fil_i_sin_konvention_godtas(tmp_path_factory, fall):
    """Aldrig ett fel för en fil skriven efter källans `decimal`, och varje belopp rätt till öret."""
    decimal, (varden, texter) = fall
    tal, fel = las_belopp(tmp_path_factory.mktemp("d"), texter, decimal)
    assert fel == [], texter
    assert tal == pytest.approx([float(v) for v in varden], abs=0.0051), texter


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([",", "."]).flatmap(
    lambda d: st.tuples(st.just(d), kolumn("." if d == "," else ",", ("",)))))
def test_egenskap_annan_konvention_lases_aldrig_tyst_fel(tmp_path_factory, fall):
    """En fil med den andra konventionen (utan tusentalsavgränsare) ger ett fel eller rätt belopp — utom när varje
    tal med decimaltecken ser ut som 743.823 och inget tal har fyra siffror före det: det går inte att avgöra, och
    filen läses enligt `decimal`."""
    decimal, (varden, texter) = fall
    tal, fel = las_belopp(tmp_path_factory.mktemp("d"), texter, decimal)
    annat = re.escape("." if decimal == "," else ",")
    tvetydig = (all(re.fullmatch(rf"[-\u2212]?[1-9]\d{{0,2}}{annat}\d{{3}}", t) for t in texter if annat[-1] in t)
                and not any(re.fullmatch(r"[-\u2212]?\d{4,}", t) for t in texter))
    if not fel and not tvetydig:
        assert tal == pytest.approx([float(v) for v in varden], abs=0.0051), texter


# --- NaN, oändligt och orimliga belopp --------------------------------------------------------------------------
def parquet(belopp: list[float]) -> Callable:
    """Huvudboken som Parquet med riktiga flyttal (NaN och ±inf går att lagra där, till skillnad från i .xlsx)."""
    import polars as pl

    n = len(belopp)
    ram = pl.DataFrame({"Period": ["2021-04"] * n, "Kst": ["200"] * n, "Konto": ["6010"] * n, "Belopp": belopp})
    return som_huvudbok("hb.parquet", ram.write_parquet)


ORIMLIGA = [
    Fall("nan i CSV", huvudbok(H + "2021-01;100;5010;NaN\n" + OK), "data/huvudbok.csv:2: kolumnen 'Belopp' ('NaN') "
         "är inte ett tal"),
    Fall("inf i CSV", huvudbok(H + OK + "2021-01;100;5010;inf\n"), "data/huvudbok.csv:3: kolumnen 'Belopp' ('inf') är "
         "inte ett tal"),
    Fall("-inf i CSV", huvudbok(H + "2021-01;100;5010;-inf\n" + OK), "data/huvudbok.csv:2: kolumnen 'Belopp' ('-inf')"),
    Fall("1e400 i CSV", huvudbok(H + "2021-01;100;5010;1e400\n" + OK), "data/huvudbok.csv:2: kolumnen 'Belopp' "
         "('1e400') är oändligt stort"),
    Fall("1e20 i CSV", huvudbok(H + "2021-01;100;5010;1e20\n" + OK), "data/huvudbok.csv:2: kolumnen 'Belopp' ('1e20') "
         "är orimligt stort (över gränsen"),
    Fall("NaN i Parquet", parquet([0.0, float("nan")]), "data/hb.parquet:2: kolumnen 'Belopp' ('nan') är inte ett tal "
         "(NaN)"),
    Fall("inf i Parquet", parquet([float("inf"), 0.0]), "data/hb.parquet:1: kolumnen 'Belopp' ('inf') är oändligt"),
    Fall("-inf i Parquet", parquet([0.0, 0.0, float("-inf")]), "data/hb.parquet:3: kolumnen 'Belopp' ('-inf') är "
         "oändligt"),
    Fall("1e20 i Parquet", parquet([-1e20, 0.0]), "data/hb.parquet:1: kolumnen 'Belopp' ('-1e+20') är orimligt stort"),
    # Gränsen gäller kronor efter enheten: 2 000 tkr är 2 miljoner kronor.
    Fall("över en egen gräns, i tkr", lambda m: (budget("2021-01;100;5010;2000\n")(m), m.ersatt(
        "  namn: Testregionen", "  namn: Testregionen\n  max_belopp: 1000000")),
         "data/budget.csv:2: kolumnen 'Belopp tkr' ('2000') är orimligt stort (över gränsen 1\u00a0000\u00a0000 kr i "
         "organisation.max_belopp, räknat med enhet: tkr); rätta beloppet"),
    Fall("gräns som inte är positiv", konfig("  namn: Testregionen", "  namn: Testregionen\n  max_belopp: 0"),
         "konfig/rapportverk.yaml:3: 'organisation.max_belopp' ska vara större än 0."),
]


@pytest.mark.parametrize("fall", ORIMLIGA, ids=[f.namn for f in ORIMLIGA])
def test_nan_oandligt_och_orimligt(projekt, capsys, fall):  # noqa: F811 (fixturen)
    prova(projekt, capsys, fall)


def test_hogre_grans_slapper_igenom_stora_belopp(projekt, capsys):  # noqa: F811 (fixturen)
    huvudbok(H + "2021-01;100;5010;-1e15\n" + OK)(projekt)
    kod, text = kor(capsys, *TABELL)
    assert kod == 1 and "orimligt stort" in text
    projekt.ersatt("  namn: Testregionen", "  namn: Testregionen\n  max_belopp: 1e16")
    kod, text = kor(capsys, *TABELL)
    assert kod == 0, text
    assert "−1\u00a0000\u00a0000\u00a0000" in text  # Mkr


def test_nan_i_antal_och_timmar(tmp_path):
    """Kolumner med tal som inte är belopp (personalens timmar) har ingen gräns, men NaN och oändligt är fel."""
    import polars as pl

    from rapportverk.kallor.filer import las_ra
    from rapportverk.kallor.mappning import Kolumnkrav, normalisera
    from rapportverk.konfig.modell import Kalla

    fil = tmp_path / "p.parquet"
    pl.DataFrame({"timmar": [1e20, float("nan"), float("inf")]}).write_parquet(fil)
    kalla = Kalla(fil=str(fil))
    _, fel = normalisera(las_ra(kalla, fil, "p.parquet"), kalla, [Kolumnkrav("timmar", "tal")], "p.parquet")
    assert [str(f) for f in fel] == [
        "p.parquet:2: kolumnen 'timmar' ('nan') är inte ett tal (NaN); skriv det riktiga talet, eller 0 om inget.",
        "p.parquet:3: kolumnen 'timmar' ('inf') är oändligt stort; skriv det riktiga talet."]


def test_postgresqls_numeric_ar_ett_tal():
    """numeric genom ADBC kommer som text ('arrow.opaque', DESIGN §9) med decimalpunkt: ett tal, inte en text skriven
    efter källans `decimal` (förut ett internt fel: polars kan inte göra om typen till text)."""
    import polars as pl
    import pyarrow as pa

    from rapportverk.kallor.filer import RAD
    from rapportverk.kallor.mappning import Kolumnkrav, normalisera
    from rapportverk.konfig.modell import Kalla

    typ = pa.opaque(pa.string(), type_name="numeric", vendor_name="PostgreSQL")
    varden = pa.ExtensionArray.from_storage(typ, pa.array(["743.823", "-1196372.100"]))
    ram = pl.from_arrow(pa.table({"belopp": varden})).with_columns(pl.Series(RAD, [1, 2]))
    kalla = Kalla(fil="x", enhet="tkr")  # decimal: "," (standard)
    ut, fel = normalisera(ram, kalla, [Kolumnkrav("belopp", "belopp")], "lager (SQL)")
    assert fel == []
    assert ut["belopp"].to_list() == [743823.0, -1196372100.0]


# --- källrader som inte hamnar på någon rad i rapporten ---------------------------------------------------------
def kalla(nyckel: str, fil: str, text: str, extra: str = "") -> Callable:
    """En källa under kallor (före hierarkier: i miniprojektets konfiguration) och dess fil i data/."""
    def gor(m):
        m.skriv(fil, text)
        m.ersatt("hierarkier:", f"  {nyckel}:\n    {'- ' if nyckel == 'prognos' else ''}fil: ../data/{fil}\n{extra}"
                                "hierarkier:")
    return gor


PROGNOS = "namnd;nod;period;belopp\nstyrelsen;Service;2021-04;-1\n"
prognosfil = lambda text: kalla("prognos", "prognos.csv", text, "      niva: delomrade\n")  # noqa: E731
UPPSTALLNING = """\
  regionens_resultat:
    rubrik: Regionens resultat
    typ: uppstallning
    kolumner: [ack_utfall, prognos_avvikelse]
    uppstallning:
      - kostnadsslag: Skatteintäkter
      - {manuell: true, rad: Resultatutjämningsreserv}
"""


def regionprognos(text: str) -> Callable:
    def gor(m):
        kalla("regionprognos", "prognos_region.csv", text)(m)
        m.ersatt("tabeller:\n", "tabeller:\n" + UPPSTALLNING)
    return gor


OMAPPADE = [
    Fall("prognos för ett okänt delområde", prognosfil(PROGNOS + "styrelsen;Servise;2021-04;-5\n"),
         "data/prognos.csv:3: prognosen för delomrade 'Servise' i nämnden 'styrelsen' kan inte placeras på någon rad, "
         "eftersom delomrade 'Servise' inte finns under nämnden i organisationshierarkin (data/organisation.csv) — "
         "menade du 'Service'?"),
    Fall("prognos för en okänd nämnd", prognosfil(PROGNOS + "styrelsn;Service;2021-04;-5\nstyrelsn;Stab;2021-04;1\n"),
         "data/prognos.csv:3: prognosraden gäller nämnden 'styrelsn' (2 rader), som inte finns under namnder i "
         "konfigurationen — menade du 'styrelsen'?"),
    Fall("åtgärd för en okänd nämnd", kalla("atgarder", "atgarder.csv", "namnd;enhet;atgard;period;plan_helar;"
                                            "plan_ack;effekt_ack\nnamnden;Service;Färre resor;2021-04;2;1;1\n"),
         "data/atgarder.csv:2: åtgärdsraden gäller nämnden 'namnden', som inte finns under namnder"),
    Fall("budgetomfördelning för en okänd nämnd", kalla(
        "budgetomfordelningar", "omf.csv", "period;namnd;grupp;text;belopp\n2021-04;styrelsen;Drift;Hyror;1\n"
        "2021-03;Styrelsen;Drift;Löner;2\n"),
         "data/omf.csv:3: budgetomfördelningen gäller nämnden 'Styrelsen', som inte finns under namnder i "
         "konfigurationen — menade du 'styrelsen'?"),
    Fall("personal för en okänd nämnd", kalla(
        "personal", "personal.csv", "period;namnd;kon;aldersgrupp;anstallda;tillsvidareanstallda;ordinarie_timmar;"
        "sjuk_timmar;utan_sjukfranvaro\n2021-04;styrelsen;K;<30;3;2;400;10;2\n2021-04;revisionen;M;<30;1;1;160;0;1\n"),
         "data/personal.csv:3: personalraden gäller nämnden 'revisionen', som inte finns under namnder"),
    Fall("regionens prognos för en rad som inte finns", regionprognos(
        "period;radnamn;prognos_avvikelse;utfall\n2021-04;Skatteintäkter;5;\n2021-04;Resultatutjämningsreserven;1;2\n"),
         "data/prognos_region.csv:3: raden 'Resultatutjämningsreserven' finns inte i någon uppställning — menade du "
         "'Resultatutjämningsreserv'?"),
    Fall("budget med okänd serie", lambda m: (budget("2021-01;100;5010;743,823\n")(m), m.ersatt(
        "      serie: budget", "      serie: budjet")), "data/budget.csv:2: serien 'budjet' finns i huvudboken"),
]


@pytest.mark.parametrize("fall", OMAPPADE, ids=[f.namn for f in OMAPPADE])
def test_omappade_kallrader_ar_fel_med_slutlig(projekt, capsys, fall):  # noqa: F811 (fixturen)
    prova(projekt, capsys, Fall(fall.namn, fall.forbered, fall.vantat, (*DELAR, "--slutlig")))


@pytest.mark.parametrize("fall", OMAPPADE, ids=[f.namn for f in OMAPPADE])
def test_omappade_kallrader_ar_varningar_i_utkast(projekt, capsys, fall):  # noqa: F811 (fixturen)
    """Som huvudbokens okända koder: utkastet byggs och har fynden som varningsrutor överst."""
    import subprocess

    fall.forbered(projekt)
    kod, text = kor(capsys, *DELAR)
    assert kod == 0, text
    pdf = projekt.rot / "ut" / "2021-04" / "delarsrapport-styrelsen-2021-04.pdf"
    ut = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    ut = " ".join(ut.split())
    platsen, _, borjan = fall.vantat.partition(": ")
    assert f"Avstämning: {platsen}: {borjan[:40]}" in ut, ut


def test_okand_serie_i_huvudboken(projekt, capsys):  # noqa: F811 (fixturen)
    """En budgetfil med serien felstavad hamnade förut i ingen tabell, utan ett ord."""
    budget("2021-01;100;5010;743,823\n")(projekt)
    projekt.ersatt("      serie: budget", "      serie: budjet")
    kod, text = kor(capsys, *TABELL)
    assert kod == 1, text
    assert ("data/budget.csv:2: serien 'budjet' finns i huvudboken (1 rader, summa −743\u00a0823,00 kr) men inte i de "
            "serier som måtten räknar med (utfall, budget, ib); rätta serien") in text, text


def test_omappade_kallrader_stoppar_tabell_som_huvudboken(projekt, capsys):  # noqa: F811 (fixturen)
    """`rapport tabell` läser strikt, som för en okänd kod i huvudboken."""
    prognosfil(PROGNOS + "styrelsen;Servise;2021-04;-5\n")(projekt)
    kod, text = kor(capsys, *TABELL)
    assert kod == 1 and "data/prognos.csv:3: prognosen för delomrade 'Servise'" in text, text
