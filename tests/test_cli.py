"""Kommandoraden som en användare kör den: riktig process, utdata och avslutskoder."""

import re
import subprocess
import sys

import polars as pl
import pytest
from typer.testing import CliRunner

from rapportverk import cli


def rapport(mini, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rapportverk", *argv], cwd=mini.rot, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"})


def test_tabell_som_text(mini):
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen")
    assert r.returncode == 0, r.stderr
    assert "Per område" in r.stdout and "Service" in r.stdout and "Belopp i miljoner kronor" in r.stdout


def test_tabell_lista(mini):
    r = rapport(mini, "tabell", "--lista")
    assert r.returncode == 0 and "per_omrade" in r.stdout and "Per område" in r.stdout


def test_csv_och_xlsx_har_oavrundade_tal(mini, tmp_path):
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert "Service;normal;-0.0007505;0.0" in r.stdout
    ut = tmp_path / "t.xlsx"
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen", "--format", "xlsx",
                "--ut", str(ut))
    assert r.returncode == 0, r.stderr
    ram = pl.read_excel(ut)
    assert ram.row(0)[:3] == ("Service", "normal", -0.0007505)


def test_csv_har_varje_kolumn_aven_med_samma_rubrik_i_tva_grupper(mini):
    mini.ersatt("      - ack_utfall\n      - ack_utfall_fg\n",
                "      - {matt: ack_utfall, rubrik: Utfall, grupp: I år}\n"
                "      - {matt: ack_utfall_fg, rubrik: Utfall, grupp: I fjol}\n")
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "Område;Radtyp;I år Utfall (mkr);I fjol Utfall (mkr)"
    assert "Stab;normal;-0.0003;-0.0001" in r.stdout


def test_trasig_konfiguration_ger_kod_1_utan_traceback(mini):
    mini.ersatt("      - ack_utfall_fg", "      - ack_utfal")
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen")
    assert r.returncode == 1
    assert "konfig/rapportverk.yaml:22: okänd kolumn 'ack_utfal'" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def test_text_i_belopp_ger_kod_1(mini):
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;100;5010;abc\n")
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen")
    assert r.returncode == 1
    assert "data/huvudbok.csv:2: kolumnen 'Belopp' ('abc') är inte ett tal" in r.stderr
    assert "Traceback" not in r.stderr


def test_okand_kostnadsstalle_ger_kod_1(mini):
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;777;5010;-1\n")
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen")
    assert r.returncode == 1 and "data/huvudbok.csv:2: kostnadsstället '777'" in r.stderr


def test_felaktig_period_och_okand_namnd(mini):
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-13", "--namnd", "styrelsen")
    assert r.returncode == 2 and "månad 13" in r.stderr
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsn")
    assert r.returncode == 1 and "menade du 'styrelsen'?" in r.stderr
    r = rapport(mini, "tabell", "per_omrad", "--period", "2021-04", "--namnd", "styrelsen")
    assert r.returncode == 1 and "menade du 'per_omrade'?" in r.stderr


def test_debug_visar_traceback(mini):
    mini.ersatt("      - ack_utfall_fg", "      - ack_utfal")
    r = rapport(mini, "--debug", "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen")
    assert r.returncode != 0 and "Traceback" in r.stderr


def test_csv_exporten_gor_formler_till_text(mini):
    """Ett organisationsnamn som börjar med = + - @ blir text i kalkylprogrammet, inte en formel (CSV-injektion)."""
    mini.skriv("organisation.csv", 'enhet;delomrade;omrade;namnd\n'
               '100;"=HYPERLINK(""http://x.example"";""klick"")";Drift;styrelsen\n'
               '101;"=HYPERLINK(""http://x.example"";""klick"")";Drift;styrelsen\n200;@Stab;Ledning;styrelsen\n')
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rader = [rad.split(";")[0] for rad in r.stdout.splitlines()[1:]]
    assert '"\'=HYPERLINK(""http://x.example""' in rader and "'@Stab" in rader, r.stdout


def test_rich_markup_i_data_skrivs_som_text(mini):
    """`[/]`, `[link=…]` och emojikoder i data varken kraschar utskriften eller ändrar den."""
    mini.skriv("organisation.csv", "enhet;delomrade;omrade;namnd\n100;[link=http://x.example]Service[/link];Drift;"
               "styrelsen\n101;[link=http://x.example]Service[/link];Drift;styrelsen\n200;Stab :smile: [/];Ledning;"
               "styrelsen\n")
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen")
    assert r.returncode == 0, r.stderr
    assert "[link=http://x.example]Service[/link]" in r.stdout and "Stab :smile: [/]" in r.stdout
    mini.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;100;5010;[/]\n2021-04;200;6010;0\n")
    r = rapport(mini, "tabell", "per_omrade", "--period", "2021-04", "--namnd", "styrelsen")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "data/huvudbok.csv:2: kolumnen 'Belopp' ('[/]')" in r.stderr, r.stderr


ENGELSKA = re.compile(r"\b(Usage|Options|Arguments|Commands|Show this message|required|default|OPTIONS|COMMAND|ARGS"
                      r"|str|int|bool|path|list)\b")


@pytest.mark.parametrize("kommando", ["", *sorted(c.name or c.callback.__name__ for c in cli.app.registered_commands)])
def test_hjalpen_ar_pa_svenska(kommando):
    """Typers egna texter (rubriker, användningsrad, --help, typnamn) är översatta i varje kommandos hjälp."""
    svar = CliRunner().invoke(cli.app, [*([kommando] if kommando else []), "--help"], env={"COLUMNS": "200"})
    assert svar.exit_code == 0, svar.output
    assert "Användning: " in svar.output and "Visa den här hjälpen och avsluta." in svar.output
    assert not ENGELSKA.findall(svar.output), svar.output


def test_avslut_utan_nedstangning_tommer_utskriften_och_behaller_koden(mini):
    """kommandorad avslutar utan tolkens nedstängning (os._exit): det som skrivits till en pipe kommer ändå fram
    helt, atexit-funktionerna körs, och koden är densamma som med sys.exit."""
    skript = ("import atexit, sys\n"
              "atexit.register(lambda: print('atexit kördes', file=sys.stderr))\n"
              "sys.argv = ['rapport', *sys.argv[1:]]\n"
              "from rapportverk.cli import kommandorad\nkommandorad()\n")
    ok = subprocess.run([sys.executable, "-c", skript, "tabell", "--lista"], cwd=mini.rot, capture_output=True,
                        text=True)
    assert ok.returncode == 0 and "per_omrade" in ok.stdout and "atexit kördes" in ok.stderr
    fel = subprocess.run([sys.executable, "-c", skript, "tabell", "per_omrade", "--period", "2021-04", "--namnd",
                          "okand"], cwd=mini.rot, capture_output=True, text=True)
    assert fel.returncode == 1 and "okand" in fel.stderr and "atexit kördes" in fel.stderr
    anvandning = subprocess.run([sys.executable, "-c", skript, "tabell", "--finnsinte"], cwd=mini.rot,
                                capture_output=True, text=True)
    assert anvandning.returncode == 2 and "okänd flagga" in anvandning.stderr


def test_typers_hjalptexter_lases_in_forst_nar_de_behovs_och_ar_da_svenska():
    """Kommandoraden läser inte in typer.rich_utils (och rich.markdown) vid start; när typer gör det för ett fel
    eller hjälpen är rubrikerna redan översatta."""
    skript = ("import sys, rapportverk.cli\nprint('typer.rich_utils' in sys.modules)\n"
              "import typer.rich_utils as r\nprint(r.OPTIONS_PANEL_TITLE, r.ERRORS_PANEL_TITLE)\n")
    r = subprocess.run([sys.executable, "-c", skript], capture_output=True, text=True, check=True)
    assert r.stdout.split("\n")[:2] == ["False", "Flaggor Fel"]
