"""Textblockens status: front matter (status, ansvarig, datum), statustavlan `rapport status`, vägran med --slutlig
och märkena i förhandsgranskningen. Kända svar: exemplets delårsrapport 2024-08 har 51 klara och 9 utkast."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rapportverk.bygg.status import tavla
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.modell import alla_block, text_av
from rapportverk.dokument.textstatus import Anvant, Textstatus, dela, hinder, las
from rapportverk.fel import RapportverkFel
from rapportverk.forhandsgranska import Forhandsgranskning
from rapportverk.forhandsgranska.sida import handelse, sida
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt, las_indata

ROT = Path(__file__).resolve().parents[1]
KONFIG = ROT / "konfig" / "rapportverk.yaml"
P = Period(2024, 8)
FHS = "folkhogskolestyrelsen"
FRAMSIDA = "---\nstatus: klar\nansvarig: Anna Berg\ndatum: 2024-09-10\n---\n"


# --- front matter ----------------------------------------------------------------------------------------


def test_front_matter_ger_status_och_tomma_rader_i_stallet():
    status, kropp = las(FRAMSIDA + "Första raden.\n", "a.md")
    assert status == Textstatus("klar", "Anna Berg", dt.date(2024, 9, 10), framsida=True)
    # Texten behåller sina radnummer: fel i den pekar på samma rad som i filen.
    assert kropp == "\n" * 5 + "Första raden.\n"


def test_utan_front_matter_ar_statusen_utkast():
    assert las("Text.\n", "a.md") == (Textstatus("utkast", None, None, framsida=False), "Text.\n")


def test_citattecken_crlf_och_tom_status():
    status, _ = las("---\r\nansvarig: 'Berg, Anna'\r\n---\r\nText\r\n", "a.md")
    assert status == Textstatus("utkast", "Berg, Anna", None, framsida=True)


def test_dela_ger_front_matter_ordagrant():
    text = "---\r\nstatus: klar  \r\n# kommentar\r\n---\r\nText\n"
    assert dela(text) == ("---\r\nstatus: klar  \r\n# kommentar\r\n---\r\n", "Text\n")
    assert dela("Text\n---\n") == ("", "Text\n---\n")
    assert dela("---\nstatus: klar\n") == ("", "---\nstatus: klar\n")  # avslutas aldrig: inget att behålla


@pytest.mark.parametrize(("text", "vantat"), [
    ("---\nstatus: Klar\n---\n",
     ["a.md:2: status 'Klar' finns inte; skriv status: utkast eller status: klar."]),
    ("---\nstatuss: klar\nagare: X\n---\n",
     ["a.md:2: okänd nyckel 'statuss' i front matter — menade du 'status'?; tillåtna är status, ansvarig, datum.",
      "a.md:3: okänd nyckel 'agare' i front matter; tillåtna är status, ansvarig, datum."]),
    ("---\ndatum: 2024-02-30\n---\n",
     ["a.md:2: datum '2024-02-30' är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. datum: 2024-09-10."]),
    ("---\ndatum: 10/9 2024\n---\n",
     ["a.md:2: datum '10/9 2024' är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. datum: 2024-09-10."]),
    ("---\nstatus: klar\nstatus: utkast\nansvarig:\n---\n",
     ["a.md:3: nyckeln 'status' står två gånger i front matter; ta bort den ena.",
      "a.md:4: ansvarig saknar namn; skriv t.ex. ansvarig: Anna Berg, eller ta bort raden."]),
    ("---\nstatus klar\n---\n",
     ["a.md:2: raden 'status klar' i front matter är inte 'nyckel: värde'; skriv t.ex. status: klar."]),
    ("---\nstatus: klar\n\nText utan avslutning.\n",
     ["a.md:1: front matter som börjar på rad 1 avslutas aldrig med en rad med bara ---; lägg till en rad med "
      "bara --- efter den sista nyckeln, eller ta bort --- på rad 1 om det inte är front matter."]),
])
def test_fel_i_front_matter_med_fil_och_rad_samlade(text, vantat):
    with pytest.raises(RapportverkFel) as exc:
        las(text, "a.md")
    assert [str(f) for f in exc.value.fel] == vantat


# --- i bygget (ett litet projekt) ------------------------------------------------------------------------

LAYOUT = "# Inledning\n\n{{ text(\"inledning\") }}\n\n# Analys\n\n{{ text(\"analys\") }}\n"


@pytest.fixture
def projekt(mini):
    (mini.rot / "mallar").mkdir()
    (mini.rot / "mallar" / "rapport.md").write_text(LAYOUT, encoding="utf-8")
    texter = mini.rot / "texter" / "2021-04" / "styrelsen"
    texter.mkdir(parents=True)
    (texter / "inledning.md").write_text(FRAMSIDA + "Inledande text.\n", encoding="utf-8")
    (texter / "analys.md").write_text("Analysen.\n", encoding="utf-8")
    mini.konfig.write_text(mini.konfig.read_text() + """\
rapporter:
  delarsrapport:
    titel: "Delårsrapport per {manad} {ar}"
    mall: ../mallar/rapport.md
    texter: ../texter
""", encoding="utf-8")
    mini.texter = texter
    return mini


def bygg(mini, slutlig: bool = False, textblock: list | None = None):
    projekt = ladda_projekt(mini.konfig)
    p = Period(2021, 4)
    return bygg_dokument(Underlag(projekt, las_indata(projekt, p), p), "delarsrapport", "styrelsen", slutlig,
                         textblock=textblock)


def fel_for(mini, slutlig: bool = False) -> list[str]:
    with pytest.raises(RapportverkFel) as exc:
        bygg(mini, slutlig)
    return [str(f) for f in exc.value.fel]


def test_front_matter_syns_aldrig_i_rapporten(projekt):
    anvanda: list[Anvant] = []
    dok = bygg(projekt, textblock=anvanda)
    texter = [text_av(b.innehall) for b in alla_block(dok) if hasattr(b, "innehall")]
    assert texter == ["Inledning", "Inledande text.", "Analys", "Analysen."]
    assert [(a.namn, a.tillstand, a.om) for a in anvanda] == [
        ("inledning", "klar", "Anna Berg, 2024-09-10"), ("analys", "utkast", "ingen front matter")]


def test_fel_i_texten_har_filens_radnummer_trots_front_matter(projekt):
    (projekt.texter / "inledning.md").write_text(FRAMSIDA + "Rad sex.\n{{ okant() }}\n", encoding="utf-8")
    (fel,) = fel_for(projekt)
    assert fel.startswith("texter/2021-04/styrelsen/inledning.md:7: okänt namn 'okant'")


def test_fel_i_front_matter_samlas_med_andra_textblocks_fel(projekt):
    (projekt.texter / "inledning.md").write_text("---\nstatus: färdig\n---\nText.\n", encoding="utf-8")
    (projekt.texter / "analys.md").write_text("{{ saknas_ocksa() }}\n", encoding="utf-8")
    fel = fel_for(projekt)
    assert fel[0] == ("texter/2021-04/styrelsen/inledning.md:2: status 'färdig' finns inte; skriv status: utkast "
                      "eller status: klar.")
    assert fel[1].startswith("texter/2021-04/styrelsen/analys.md:1: okänt namn 'saknas_ocksa'")
    assert len(fel) == 2


def test_slutlig_vagrar_utkast_och_saknade_i_ett_svep(projekt):
    (projekt.texter / "inledning.md").write_text(FRAMSIDA.replace("klar", "utkast") + "Text.\n", encoding="utf-8")
    (projekt.texter / "analys.md").unlink()
    assert fel_for(projekt, slutlig=True) == [
        "textblocket 'analys' saknas; skapa texter/2021-04/styrelsen/analys.md (krävs med --slutlig).",
        "texter/2021-04/styrelsen/inledning.md: textblocket 'inledning' har status utkast; skriv status: klar i dess "
        "front matter när texten är klar (krävs med --slutlig)."]
    bygg(projekt)  # ett utkast byggs som förut


def test_utan_front_matter_stoppar_bara_med_klarmarkering(projekt):
    bygg(projekt, slutlig=True)  # analys.md saknar front matter: ingen statusrutin, inget hinder
    projekt.ersatt("    texter: ../texter\n", "    texter: ../texter\n    klarmarkering: true\n")
    assert fel_for(projekt, slutlig=True) == [
        "texter/2021-04/styrelsen/analys.md: textblocket 'analys' är inte klarmarkerat (rapporttypen har "
        "klarmarkering: true); lägg till front matter med status: klar först i filen (raderna ---, status: klar, "
        "---) när texten är klar (krävs med --slutlig)."]
    (projekt.texter / "analys.md").write_text(FRAMSIDA + "Analysen.\n", encoding="utf-8")
    bygg(projekt, slutlig=True)


def test_ett_block_som_anvands_tva_ganger_namns_en_gang():
    a = Anvant("x", Path("/p/x.md"), Textstatus("utkast", framsida=True))
    assert len(hinder([a, a], krav=False)) == 1
    assert hinder([Anvant("y", None, None), Anvant("z", Path("/p/z.md"), Textstatus())], krav=False) == []


# --- statustavlan -------------------------------------------------------------------------------------------


@pytest.fixture
def i_roten(monkeypatch):
    monkeypatch.chdir(ROT)  # sökvägarna i meddelandena är relativa till arbetskatalogen, som för en redaktör


def test_tavlan_for_exemplets_delarsrapport(i_roten):
    t = tavla(ladda_projekt(KONFIG), "delarsrapport", "2024-08")
    assert t.block == ["inledning", "namndens_uppdrag", "viktiga_handelser", "medarbetare", "ekonomisk_analys",
                       "analys_per_omrade", "atgarder", "arsprognos", "framtidsbedomning"]
    # Budgetbilagan utelämnas när nämnden inte har några budgetomfördelningar, och då räknas inte heller dess text.
    assert t.antal() == {"klar": 45, "utkast": 9, "saknas": 0, "fel": 0}
    assert {r.namnd: (r.antal()["klar"], r.antal()["utkast"]) for r in t.namnder} == {
        "regionstyrelsen": (8, 1), "halso_och_sjukvardsnamnden": (7, 2), "regionala_utvecklingsnamnden": (8, 1),
        FHS: (6, 3), "patientnamnden": (8, 1), "revisionen": (8, 1)}
    fhs = next(r for r in t.namnder if r.namnd == FHS)
    assert [b for b in t.block if fhs.tillstand(b) == "utkast"] == ["analys_per_omrade", "arsprognos",
                                                                     "framtidsbedomning"]
    region = tavla(ladda_projekt(KONFIG), "delarsrapport_region", P)
    assert region.antal() == {"klar": 9, "utkast": 1, "saknas": 0, "fel": 0}
    assert [b for b in region.block if region.namnder[0].tillstand(b) == "utkast"] == ["handelser_efter_perioden"]


def rapport(cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    # Den här källkoden, också när testerna körs från en annan utcheckning än den installerade.
    miljo = {**os.environ, "PYTHONPATH": str(ROT / "src")}
    return subprocess.run([sys.executable, "-m", "rapportverk", *argv], cwd=cwd, capture_output=True, text=True,
                          env=miljo, timeout=300)


def test_rapport_status_text_och_kod():
    r = rapport(ROT, "status", "--period", "2024-08")
    assert r.returncode == 0, r.stderr
    assert "Textblockens status: delarsrapport 2024-08" in r.stdout
    assert "45 av 54 textblock klara, 9 utkast, 0 saknas." in r.stdout
    rad = next(x for x in r.stdout.splitlines() if x.startswith("│ framtidsbedomning"))
    assert [c.strip() for c in rad.strip("│ ").split("│")] == [
        "framtidsbedomning", "● klar", "◐ utkast", "● klar", "◐ utkast", "● klar", "● klar", "4 av 6 klara"]
    assert ("  utkast   exempeldata/texter/2024-08/folkhogskolestyrelsen/framtidsbedomning.md (ingen front matter)"
            in r.stdout.splitlines())
    strikt = rapport(ROT, "status", "--period", "2024-08", "--namnd", "revisionen", "--strikt")
    assert strikt.returncode == 1 and "8 av 9 textblock klara, 1 utkast, 0 saknas." in strikt.stdout


def test_rapport_status_json_for_ci():
    r = rapport(ROT, "status", "--period", "2024-08", "--namnd", FHS, "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert list(data) == ["rapport", "period", "antal", "namnder", "fel"]
    assert (data["rapport"], data["period"], data["antal"], data["fel"]) == (
        "delarsrapport", "2024-08", {"klar": 6, "utkast": 3, "saknas": 0, "fel": 0}, [])
    (nd,) = data["namnder"]
    assert (nd["id"], nd["namn"], len(nd["textblock"])) == (FHS, "Folkhögskolestyrelsen", 9)
    assert nd["textblock"][5] == {"namn": "analys_per_omrade", "status": "utkast",
                                  "fil": "exempeldata/texter/2024-08/folkhogskolestyrelsen/analys_per_omrade.md",
                                  "front_matter": True, "ansvarig": "Karin Holm", "datum": "2024-09-09"}
    assert nd["textblock"][8]["front_matter"] is False and nd["textblock"][8]["status"] == "utkast"


def test_tavlan_visar_saknade_och_fel_och_ger_kod_1(projekt):
    projekt.ersatt("    texter: ../texter\n", "    texter: ../texter\n    namnder: [styrelsen]\n")
    (projekt.texter / "analys.md").unlink()
    r = rapport(projekt.rot, "--konfig", "konfig/rapportverk.yaml", "status", "--period", "2021-04", "--format",
                "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["antal"] == {"klar": 1, "utkast": 0, "saknas": 1, "fel": 0}
    (projekt.texter / "inledning.md").write_text("---\nstatus: klar\nägare: Anna\n---\nText.\n", encoding="utf-8")
    r = rapport(projekt.rot, "--konfig", "konfig/rapportverk.yaml", "status", "--period", "2021-04")
    assert r.returncode == 1
    assert "│ inledning │ ✖ fel" in r.stdout and "0 av 2 textblock klara, 0 utkast, 1 saknas, 1 med fel." in r.stdout
    assert ("Fel: texter/2021-04/styrelsen/inledning.md:3: okänd nyckel 'ägare' i front matter; tillåtna är status, "
            "ansvarig, datum.") in r.stderr


# --- --slutlig och förhandsgranskningen i exemplet -------------------------------------------------------------


def test_slutlig_vagrar_exemplets_texter_som_inte_ar_klara(i_roten):
    projekt = ladda_projekt(KONFIG)
    with pytest.raises(RapportverkFel) as exc:
        bygg_dokument(Underlag(projekt, las_indata(projekt, P), P), "delarsrapport", FHS, slutlig=True)
    assert [(f.fil, f.text.split(";")[0]) for f in exc.value.fel] == [
        ("exempeldata/texter/2024-08/folkhogskolestyrelsen/analys_per_omrade.md",
         "textblocket 'analys_per_omrade' har status utkast"),
        ("exempeldata/texter/2024-08/gemensamt/arsprognos.md", "textblocket 'arsprognos' har status utkast"),
        ("exempeldata/texter/2024-08/folkhogskolestyrelsen/framtidsbedomning.md",
         "textblocket 'framtidsbedomning' är inte klarmarkerat (rapporttypen har klarmarkering: true)")]


def test_forhandsgranskningen_visar_varje_blocks_status(i_roten):
    session = Forhandsgranskning(KONFIG, "delarsrapport", FHS, P, logg=lambda rad: None)
    try:
        lage = session.starta(bevaka=False)
    finally:
        session.stoppa()
    assert lage.fel == ()
    assert [(a.namn, a.tillstand) for a in lage.textblock][5:9] == [
        ("analys_per_omrade", "utkast"), ("atgarder", "klar"), ("arsprognos", "utkast"),
        ("framtidsbedomning", "utkast")]
    html = sida(session, lage)
    assert "<summary>Textblock: 6 av 9 klara</summary>" in html
    assert ('<span class="bricka utkast">◐ utkast</span></td><td>analys_per_omrade<br><span class="fil">'
            'exempeldata/texter/2024-08/folkhogskolestyrelsen/analys_per_omrade.md</span></td><td>Karin Holm, '
            '2024-09-09</td>') in html
    h = handelse(lage)
    assert h["textstatus"] in html and h["textblock"][0] == {
        "namn": "inledning", "status": "klar", "fil": "mallar/delarsrapport/texter/inledning.md",
        "ansvarig": "Ekonomistaben", "datum": "2024-06-14"}
