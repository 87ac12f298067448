"""Felaktig indata: varje fall ger kod ≠ 0, ett svenskt meddelande med fil och rad, ingen traceback och
ingen rapportfil. Fallen körs genom kommandoradens `main()` i samma process, som en användare kör den.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from rapportverk import cli, resurser

LAYOUT = '{{ titelsida() }}\n\n# Inledning\n\n{{ text("inledning") }}\n\n{{ tabell("per_omrade") }}\n'
RAPPORTER = """\
rapporter:
  delarsrapport:
    titel: "Delårsrapport per {manad} {ar}"
    mall: ../mallar/rapport.md
    stil: ../mallar/stil.css
    wordmall: ../mallar/referens.docx
    texter: ../texter
"""
ROT = Path(__file__).resolve().parents[2]


@pytest.fixture
def projekt(mini):
    import shutil

    (mini.rot / "mallar").mkdir()
    (mini.rot / "mallar" / "rapport.md").write_text(LAYOUT, encoding="utf-8")
    shutil.copy(resurser.fil(resurser.STILMALL), mini.rot / "mallar" / "stil.css")
    shutil.copy(resurser.fil(resurser.WORDMALL), mini.rot / "mallar" / "referens.docx")
    (mini.rot / "mallar" / "gemensamt").mkdir()
    shutil.copy(resurser.fil(resurser.HTMLMALL), mini.rot / "mallar" / "gemensamt")
    mini.texter = mini.rot / "texter" / "2021-04" / "styrelsen"
    mini.texter.mkdir(parents=True)
    (mini.texter / "inledning.md").write_text("Inledande text.\n", encoding="utf-8")
    mini.konfig.write_text(mini.konfig.read_text() + RAPPORTER, encoding="utf-8")
    return mini


def kor(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str]:
    gammal = sys.argv
    sys.argv = ["rapport", *argv]
    try:
        cli.main()
        kod = 0
    except SystemExit as exc:
        kod = int(exc.code or 0)
    finally:
        sys.argv = gammal
    ut = capsys.readouterr()
    return kod, ut.out + ut.err


TABELL = ("tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen")
DELAR = ("delar", "--period", "2021-04", "--namnd", "styrelsen", "--format", "pdf", "--ut", "ut")


@dataclass
class Fall:
    namn: str
    forbered: Callable
    vantat: str  # ett stycke av meddelandet, med fil och rad där det finns
    argv: tuple[str, ...] = TABELL
    kod: int = 1


def huvudbok(text: str) -> Callable:
    return lambda m: m.skriv("huvudbok.csv", text)


def konfig(gammalt: str, nytt: str) -> Callable:
    return lambda m: m.ersatt(gammalt, nytt)


def textblock(text: str) -> Callable:
    return lambda m: (m.texter / "inledning.md").write_text(text, encoding="utf-8")


def skriv_bytes(namn: str, data: bytes, *ersatt: str) -> Callable:
    def gor(m):
        (m.rot / "data" / namn).write_bytes(data)
        if ersatt:
            m.ersatt(*ersatt)
    return gor


H = "Period;Kst;Konto;Belopp\n"
OK = "2021-04;200;6010;0\n"
FALL = [
    # --- datafiler -------------------------------------------------------------------------------------------
    Fall("text i belopp", huvudbok(H + "2021-01;100;5010;tio\n" + OK), "data/huvudbok.csv:2: kolumnen 'Belopp' ('tio')"),
    Fall("tomt belopp", huvudbok(H + "2021-01;100;5010;\n" + OK), "data/huvudbok.csv:2: kolumnen 'Belopp' saknar belopp"),
    Fall("saknad kolumn", huvudbok("Period;Kst;Belopp\n2021-01;100;-1\n"), "data/huvudbok.csv:1: kolumnen 'Konto'"),
    Fall("omdöpt kolumn", huvudbok("Period;Kostst;Konto;Belopp\n2021-01;100;5010;-1\n"),
         "kolumnen 'Kst' (enhet) saknas — menade du 'Kostst'?"),
    Fall("extra kolumn på en rad", huvudbok(H + "2021-01;100;5010;-1;99\n" + OK),
         "data/huvudbok.csv:2: raden har 5 fält men rubrikraden har 4"),
    Fall("avkortad fil", huvudbok(H + OK + "2021-01;100;50"), "data/huvudbok.csv:3: kolumnen 'Belopp' saknar belopp"),
    Fall("tom fil", huvudbok(""), "data/huvudbok.csv: filen är tom"),
    Fall("bara rubrikrad", huvudbok(H), "data/huvudbok.csv: filen har bara en rubrikrad"),
    Fall("binärt skräp", skriv_bytes("huvudbok.csv", b"\x00\x01\x02PK\x03\x04" * 50),
         "data/huvudbok.csv: filen ser ut att vara binär"),
    Fall("fel teckenkodning", skriv_bytes("huvudbok.csv", (H + "2021-01;100;5010;-1\n2021-04;200;6010;0\n"
                                                          "2021-01;100;5010;-1 kr för möte\n").encode("cp1252")),
         "data/huvudbok.csv:4: filen är inte kodad som utf-8"),
    Fall("fel avgränsare", huvudbok("Period,Kst,Konto,Belopp\n2021-01,100,5010,-1\n"), "avgränsaren ';'"),
    Fall("period utanför filens år", lambda m: (m.ersatt("      serie: utfall", "      serie: utfall\n      ar: 2021")),
         "data/huvudbok.csv:6: raden har perioden 2020-02, men filen ska bara innehålla 2021"),
    Fall("dubblettrader", huvudbok(H + "2021-01;100;5010;-1\n2021-01;100;5010;-1\n" + OK),
         "data/huvudbok.csv:2: raderna 2, 3 har samma period"),
    Fall("ogiltig period i data", huvudbok(H + "2021-13;100;5010;-1\n" + OK),
         "data/huvudbok.csv:2: kolumnen 'Period' ('2021-13') är ingen giltig period"),
    Fall("okänt kostnadsställe", huvudbok(H + "2021-01;777;5010;-1\n" + OK), "data/huvudbok.csv:2: kostnadsstället '777'"),
    Fall("okänt konto", huvudbok(H + "2021-01;100;9999;-1\n" + OK), "data/huvudbok.csv:2: kontot '9999'"),
    Fall("trasig parquet", skriv_bytes("hb.parquet", b"PAR1 inte parquet", "../data/huvudbok.csv", "../data/hb.parquet"),
         "data/hb.parquet: filen kan inte läsas som Parquet"),
    Fall("trasig excel", skriv_bytes("hb.xlsx", b"PK\x03\x04 inte excel", "../data/huvudbok.csv", "../data/hb.xlsx"),
         "data/hb.xlsx: filen kan inte läsas som Excel"),
    Fall("samma månad i två filer", lambda m: (m.skriv("kopia.csv", H + OK), m.ersatt(
        "    - fil: ../data/huvudbok.csv", "    - fil: ../data/kopia.csv\n      serie: utfall\n"
        "      kolumner: {period: Period, enhet: Kst, konto: Konto, belopp: Belopp}\n    - fil: ../data/huvudbok.csv")),
         "perioden 2021-04 (utfall) finns för samma kostnadsställen"),
    Fall("organisation: nod under två föräldrar", lambda m: m.skriv(
        "organisation.csv", "enhet;delomrade;omrade;namnd\n100;Service;Drift;styrelsen\n101;Service;Ledning;styrelsen\n"
        "200;Stab;Ledning;styrelsen\n"), "data/organisation.csv:2: delomrade 'Service' ligger under flera omrade"),
    Fall("organisation: okänd nämnd", lambda m: m.skriv(
        "organisation.csv", "enhet;delomrade;omrade;namnd\n100;Service;Drift;styrelsen\n101;Service;Drift;styrelsn\n"
        "200;Stab;Ledning;styrelsen\n"), "data/organisation.csv:3: nämnden 'styrelsn' finns inte"),
    Fall("organisation: kostnadsställe två gånger", lambda m: m.skriv(
        "organisation.csv", "enhet;delomrade;omrade;namnd\n100;Service;Drift;styrelsen\n100;Stab;Ledning;styrelsen\n"
        "101;Service;Drift;styrelsen\n200;Stab;Ledning;styrelsen\n"), "data/organisation.csv:2: kostnadsstället '100'"),
    Fall("styrtecken i ett organisationsnamn", lambda m: m.skriv(
        "organisation.csv", "enhet;delomrade;omrade;namnd\n100;Serv\x01ice;Drift;styrelsen\n101;Serv\x01ice;Drift;"
        "styrelsen\n200;Stab;Ledning;styrelsen\n"),
         "data/organisation.csv:2: kolumnen 'delomrade' innehåller styrtecknet U+0001", DELAR),
    # --- konfiguration ---------------------------------------------------------------------------------------
    Fall("YAML-syntaxfel", konfig("  namn: Testregionen", "  namn: Testregionen\n   fel: ["), "konfig/rapportverk.yaml:"),
    Fall("okänd nyckel", konfig("      serie: utfall", "      serie: utfall\n      separatorr: ','"),
         "okänd nyckel 'separatorr'"),
    Fall("fel typ", konfig("      serie: utfall", "      serie: utfall\n      ar: tjugotjugoett"),
         "'kallor.huvudbok[1].ar' ska vara ett heltal"),
    Fall("fil som inte finns", konfig("../data/organisation.csv", "../data/org.csv"), "filen '../data/org.csv' finns inte"),
    Fall("okänd radindelning", konfig("    rader: delomrade", "    rader: delområde"), "menade du 'delomrade'?"),
    Fall("okänt mått", konfig("      - ack_utfall_fg", "      - ack_utfal"), "okänd kolumn 'ack_utfal'"),
    Fall("nämnd två gånger", konfig("namnder:\n", "namnder:\n  - {id: styrelsen, namn: Igen}\n"),
         "nämnden 'styrelsen' står två gånger"),
    Fall("överlappande kontointervall", lambda m: (m.rot / "konfig" / "kostnadsslag.yaml").write_text(
        (m.rot / "konfig" / "kostnadsslag.yaml").read_text().replace('["3000-3199"]', '["3000-3299"]')),
         "konfig/kostnadsslag.yaml:"),
    Fall("okänd kontogrupp", konfig("    rader: delomrade", "    rader: delomrade\n    kontogrupp: resor"),
         "kontogruppen 'resor'"),
    # --- sökvägar utanför projektet --------------------------------------------------------------------------
    Fall("layoutmall utanför projektet", konfig("    mall: ../mallar/rapport.md", "    mall: /etc/passwd"),
         "'/etc/passwd' ligger utanför projektet"),
    Fall("huvudbok utanför projektet", konfig("../data/huvudbok.csv", "/etc/passwd"),
         "'/etc/passwd' ligger utanför projektet"),
    Fall("textkatalog utanför projektet", konfig("    texter: ../texter", "    texter: /etc"),
         "'/etc' ligger utanför projektet"),
    Fall("kostnadsslag utanför projektet", konfig("kostnadsslag: kostnadsslag.yaml", "kostnadsslag: /etc/passwd"),
         "'/etc/passwd' ligger utanför projektet"),
    Fall("textblock som är en länk ut ur projektet", lambda m: ((m.texter / "inledning.md").unlink(),
         (m.texter / "inledning.md").symlink_to("/etc/hostname")),
         "texter/2021-04/styrelsen/inledning.md är en länk till en fil utanför textkatalogen", DELAR),
    Fall("include genom en länk ut ur mallarna", lambda m: ((m.rot / "mallar" / "etc").symlink_to("/etc"),
         (m.rot / "mallar" / "rapport.md").write_text(LAYOUT + '{% include "etc/hostname" %}\n')),
         "mallen 'etc/hostname' finns inte bland mallarna", DELAR),
    Fall("filnamn med formatering", konfig("texter: ../texter\n", 'texter: ../texter\n    filnamn: "{period:.>8}-{namnd}"\n'),
         "filnamnet '{period:.>8}-{namnd}' i rapporttypen 'delarsrapport' formaterar fältet 'period'"),
    Fall("lista i tio nivåer", textblock("".join("  " * i + f"- nivå {i}\n" for i in range(10)) + "\n# Ekonomi\n"),
         "inledning.md:10: texten är nästlad för djupt", DELAR),
    Fall("filnamn som lämnar --ut", konfig("texter: ../texter\n", 'texter: ../texter\n    filnamn: "../../../../X-{namnd}"\n'),
         "filnamnet '../../../../X-{namnd}' i rapporttypen 'delarsrapport' får inte innehålla /"),
    # --- mallar och textblock ----------------------------------------------------------------------------------
    Fall("jinja-syntaxfel i textblock", textblock("Rad ett\n\n{{ ack_utfall( }}\n"),
         "texter/2021-04/styrelsen/inledning.md:3: fel i mallsyntaxen", DELAR),
    Fall("okänd funktion", textblock("{{ ack_avvikelsen() }}\n"), "menade du 'ack_avvikelse'?", DELAR),
    Fall("okänd tabell i layouten", lambda m: (m.rot / "mallar" / "rapport.md").write_text(
        LAYOUT.replace('"per_omrade"', '"per_omrad"')), "mallar/rapport.md:7: okänd tabell 'per_omrad'", DELAR),
    Fall("sandlådan: __class__", textblock("{{ ''.__class__.__mro__[1].__subclasses__() }}\n"),
         "inledning.md:1: mallen försöker nå något som inte är tillåtet", DELAR),
    Fall("sandlådan: HTML-mallen bredvid stilmallen", lambda m: (m.rot / "mallar" / "dokument.html.j2").write_text(
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}\n" + resurser.fil(resurser.HTMLMALL).read_text(encoding="utf-8"), encoding="utf-8"),
         "mallar/dokument.html.j2:1: HTML-mallen försöker nå något som inte är tillåtet", DELAR),
    Fall("sandlådan: cycler i textblock", textblock("Text\n\n{{ cycler.__init__.__globals__.os.popen('id').read() }}\n"),
         "inledning.md:3: mallen försöker nå något som inte är tillåtet", DELAR),
    Fall("sandlådan: stor exponent", textblock("{{ 9**(9**9) }}\n"), "inledning.md:1: mallen stoppades: uttrycket räknar "
         "ut ett orimligt stort tal", DELAR),
    Fall("sandlådan: stor range", textblock("{{ range(200000)|list }}\n"), "inledning.md:1: mallen stoppades: range()",
         DELAR),
    Fall("sandlådan: lång sträng", textblock("{{ ('A'*10**9)|length }}\n"), "inledning.md:1: mallen stoppades: "
         "uttrycket bygger en text", DELAR),
    Fall("sandlådan: bred formatsträng", textblock("{{ '%0999999999d' % 1 }}\n"), "inledning.md:1: mallen stoppades: "
         "formatsträngen", DELAR),
    Fall("sandlådan: oändlig loop i textblock", lambda m: (m.ersatt("namnder:\n", "granser: {mall_tid_s: 2}\nnamnder:\n"),
         textblock("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n")(m)),
         "texter/2021-04/styrelsen/inledning.md: mallen tog längre tid än 2 s och stoppades; förenkla den", DELAR),
    Fall("sandlådan: för mycket text", lambda m: (m.ersatt("namnder:\n", "granser: {mall_utdata_tecken: 1000}\nnamnder:\n"),
         textblock("{% for a in range(100) %}{{ 'x' * 100 }}{% endfor %}\n")(m)),
         "texter/2021-04/styrelsen/inledning.md: mallen ger mer än 1 000 tecken text", DELAR),
    Fall("sandlådan: rekursivt makro", textblock("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}\n"),
         "inledning.md: mallen anropar sig själv utan slut", DELAR),
    Fall("textblock som tar med sig självt", textblock("Början.\n\n{{ text('inledning') }}\n"),
         "inledning.md:3: textblocket tar med sig självt (texter/2021-04/styrelsen/inledning.md → texter/2021-04/"
         "styrelsen/inledning.md)", DELAR),
    Fall("textblock som tar med layoutmallen", textblock("Början.\n\n{% include 'rapport.md' %}\n"),
         "textblocket tar med sig självt", DELAR),
    Fall("styrtecken i textblock", textblock("Rad ett.\n\nRad två med \x01 och \x0b.\n"),
         "inledning.md:3: texten innehåller styrtecknet U+0001", DELAR),
    Fall("Word-mallen är ingen docx", lambda m: (m.rot / "mallar" / "referens.docx").write_bytes(b"inte en docx"),
         "mallar/referens.docx: Word-mallen är ingen .docx-fil som går att läsa",
         ("delar", "--period", "2021-04", "--namnd", "styrelsen", "--format", "docx", "--ut", "ut")),
    Fall("YAML-bomb", lambda m: m.konfig.write_text("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)) + m.konfig.read_text()),
         "konfig/rapportverk.yaml:6: YAML-referenserna (*namn) gör filen till mer än 200 000 värden"),
    Fall("YAML-referens till sig själv", lambda m: m.konfig.write_text("a: &a\n  b: *a\n" + m.konfig.read_text()),
         "konfig/rapportverk.yaml:1: en YAML-referens (*namn) pekar på ett värde som innehåller referensen själv"),
    Fall("--konfig är /dev/zero", lambda m: None, "/dev/zero: det här är ingen vanlig fil",
         ("--konfig", "/dev/zero", *TABELL)),
    Fall("år 0000", lambda m: None, "perioden '0000-01' har året 0; ange ett år mellan 1900 och 2200",
         ("tabell", "per_omrade", "--period", "0000-01", "--namnd", "styrelsen"), 2),
    Fall("Markdown: 30 000 ostängda *", textblock("Inledning.\n\n" + "*a**" * 30000 + "\n"),
         "inledning.md:3: stycket har 30000 kursiva, feta eller länkade delar, fler än de 200", DELAR),
    Fall("include utanför mallarna", lambda m: (m.rot / "mallar" / "rapport.md").write_text(
        LAYOUT + "{% include '/etc/passwd' %}\n"), "mallen '/etc/passwd' finns inte", DELAR),
    Fall("bild utanför projektet", textblock("![karta](../../../../../../etc/hostname)\n"), "utanför projektet", DELAR),
    Fall("bild via file:", textblock("![karta](file:///etc/passwd)\n"), "inledning.md: bilden 'file:///etc/passwd'", DELAR),
    Fall("bild från nätet", textblock("![karta](https://example.com/k.png)\n"), "hämtas från nätet", DELAR),
    Fall("saknat textblock med --slutlig", lambda m: (m.texter / "inledning.md").unlink(),
         "textblocket 'inledning' saknas", (*DELAR, "--slutlig")),
    # --- kommandoraden -----------------------------------------------------------------------------------------
    Fall("felformad period", lambda m: None, "ÅÅÅÅ-MM", ("tabell", "per_omrade", "--period", "2021/04", "--namnd",
                                                          "styrelsen"), 2),
    Fall("månad som inte finns", lambda m: None, "månad 13", ("tabell", "per_omrade", "--period", "2021-13",
                                                               "--namnd", "styrelsen"), 2),
    Fall("period utan data", lambda m: None, "huvudboken har inget utfall för perioden 2021-09",
         ("tabell", "per_omrade", "--period", "2021-09", "--namnd", "styrelsen")),
    Fall("okänd nämnd", lambda m: None, "menade du 'styrelsen'?", ("tabell", "per_omrade", "--period", "2021-04",
                                                                   "--namnd", "styrelsn")),
    Fall("okänt format", lambda m: None, "okänt format 'odt'", ("delar", "--period", "2021-04", "--namnd",
                                                                "styrelsen", "--format", "odt", "--ut", "ut")),
    Fall("utkatalog som inte går att skriva", lambda m: (m.rot / "ut").write_text("en fil, inte en katalog"),
         "katalogen kan inte skrivas", DELAR),
]


@pytest.mark.parametrize("fall", FALL, ids=[f.namn for f in FALL])
def test_felaktig_indata(projekt, capsys, fall):
    fall.forbered(projekt)
    kod, text = kor(capsys, *fall.argv)
    assert kod == fall.kod, text
    assert fall.vantat in text, text
    assert "Traceback" not in text
    ut = projekt.rot / "ut"
    if ut.is_dir():
        assert not any(p.suffix in (".pdf", ".docx") for p in ut.rglob("*")), "en rapport skrevs trots felet"


def test_fil_utanfor_projektet_visas_aldrig(projekt, capsys):
    """Innehållet i en fil utanför projektet når aldrig ett felmeddelande: filen läses inte alls."""
    projekt.ersatt("../data/huvudbok.csv", "/etc/passwd")
    kod, text = kor(capsys, *TABELL)
    assert kod == 1 and "root:" not in text and "/bin/" not in text, text


def test_uttryckligen_tillaten_katalog_utanfor_projektet(projekt, capsys, tmp_path_factory):
    """En katalog under tillat_utanfor_projektet får läsas (t.ex. exporter på en filserver)."""
    export = tmp_path_factory.mktemp("filserver")
    (export / "huvudbok.csv").write_bytes((projekt.rot / "data" / "huvudbok.csv").read_bytes())
    projekt.ersatt("../data/huvudbok.csv", str(export / "huvudbok.csv"))
    kod, text = kor(capsys, *TABELL)
    assert kod == 1 and "ligger utanför projektet" in text, text
    projekt.ersatt("namnder:\n", f"tillat_utanfor_projektet: [{export}]\nnamnder:\n")
    kod, text = kor(capsys, *TABELL)
    assert kod == 0, text


def test_minst_fyrtio_fall():
    assert len(FALL) >= 40


def test_html_i_textblock_visas_som_text(projekt, capsys):
    import subprocess

    textblock("Före <script>alert(1)</script> efter\n")(projekt)
    kod, text = kor(capsys, *DELAR)
    assert kod == 0, text
    pdf = projekt.rot / "ut" / "2021-04" / "delarsrapport-styrelsen-2021-04.pdf"
    ut = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Före <script>alert(1)</script> efter" in ut
