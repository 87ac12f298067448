"""Layoutmall + textblock → dokumentmodell, och mall- och textfel med fil och rad."""

import pytest

from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.modell import Figur, Innehall, Markering, Rubrik, Stycke, Tabell, Titelsida, text_av
from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

LAYOUT = """\
{{ titelsida() }}
{{ innehall() }}

# Inledning

{{ text("inledning") }}

## Siffror

{{ tabell("per_omrade") }}

# Analys

{{ text("analys") }}
"""


@pytest.fixture
def rapport(mini):
    (mini.rot / "mallar").mkdir()
    (mini.rot / "mallar" / "rapport.md").write_text(LAYOUT, encoding="utf-8")
    (mini.rot / "mallar" / "stil.css").write_text("", encoding="utf-8")
    (mini.rot / "mallar" / "referens.docx").write_bytes(b"")
    texter = mini.rot / "texter" / "2021-04" / "styrelsen"
    texter.mkdir(parents=True)
    (texter / "inledning.md").write_text("Utfallet är {{ ack_utfall() | mkr(4) }} mkr för {{ namnd.namn }}.\n",
                                         encoding="utf-8")
    mini.konfig.write_text(mini.konfig.read_text() + """\
rapporter:
  delarsrapport:
    titel: "Delårsrapport per {manad} {ar}"
    mall: ../mallar/rapport.md
    stil: ../mallar/stil.css
    wordmall: ../mallar/referens.docx
    texter: ../texter
""", encoding="utf-8")
    mini.texter = texter
    return mini


def bygg(mini, slutlig: bool = False):
    projekt = ladda_projekt(mini.konfig)
    p = Period(2021, 4)
    return bygg_dokument(Underlag(projekt, las_indata(projekt, p), p), "delarsrapport", "styrelsen", slutlig)


def fel_for(mini, slutlig: bool = False) -> list[str]:
    with pytest.raises(RapportverkFel) as exc:
        bygg(mini, slutlig)
    return [str(f) for f in exc.value.fel]


def test_dokumentets_struktur(rapport):
    dok = bygg(rapport)
    typer = [type(b).__name__ for b in dok.block]
    assert typer[:2] == ["Titelsida", "Innehall"]
    rubriker = [(b.nummer, text_av(b.innehall), b.id) for b in dok.block if isinstance(b, Rubrik)]
    assert rubriker == [("1", "Inledning", "inledning"), (None, "Siffror", "siffror"), ("2", "Analys", "analys")]
    titel = next(b for b in dok.block if isinstance(b, Titelsida))
    assert titel.titel == "Delårsrapport per april 2021" and titel.undertitel == "Styrelsen"
    assert dok.meta.titel == "Delårsrapport per april 2021 – Styrelsen" and dok.meta.sprak == "sv-SE"
    stycke = next(b for b in dok.block if isinstance(b, Stycke))
    assert text_av(stycke.innehall) == "Utfallet är \u22120,0011 mkr för Styrelsen."  # −1 050,5 kr, halvt uppåt
    tabell = next(b for b in dok.block if isinstance(b, Tabell))
    assert tabell.rader[-1].celler[0] == "Summa" and tabell.rader[-1].typ == "summa"
    assert isinstance(dok.block[1], Innehall)


def test_saknat_textblock_syns_i_utkast_och_ar_fel_i_slutlig(rapport):
    markeringar = [b for b in bygg(rapport).block if isinstance(b, Markering)]
    assert [m.text for m in markeringar] == ["[Text saknas: analys]"]
    (fel,) = fel_for(rapport, slutlig=True)
    assert "textblocket 'analys' saknas; skapa texter/2021-04/styrelsen/analys.md" in fel


def test_html_i_textblock_visas_som_text(rapport):
    (rapport.texter / "analys.md").write_text("Före <script>alert(1)</script> <b>fet</b> efter\n", encoding="utf-8")
    stycken = [text_av(b.innehall) for b in bygg(rapport).block if isinstance(b, Stycke)]
    assert "Före <script>alert(1)</script> <b>fet</b> efter" in stycken


def test_platshallartecken_i_text_kan_inte_forfalska_block(rapport):
    (rapport.texter / "analys.md").write_text("\ue0000\ue001\n", encoding="utf-8")
    stycken = [text_av(b.innehall) for b in bygg(rapport).block if isinstance(b, Stycke)]
    assert "0" in stycken


def test_jinjafel_i_textblock_ger_fil_och_rad(rapport):
    (rapport.texter / "analys.md").write_text("Rad ett\n\nRad tre {{ ack_utfall( }}\n", encoding="utf-8")
    (fel,) = fel_for(rapport)
    assert fel.startswith("texter/2021-04/styrelsen/analys.md:3: fel i mallsyntaxen")


def test_okand_funktion_i_textblock_foreslar(rapport):
    (rapport.texter / "analys.md").write_text("\n{{ ack_avvikelsen() | mkr }}\n", encoding="utf-8")
    (fel,) = fel_for(rapport)
    assert fel.startswith("texter/2021-04/styrelsen/analys.md:2: okänt namn 'ack_avvikelsen'")
    assert "menade du 'ack_avvikelse'?" in fel
    # Ett förslag och var listan finns, inte alla mallens funktionsnamn i ett svep.
    assert fel.endswith("står i docs/referens/mallfunktioner.md.") and "tabell" not in fel


def test_okand_tabell_i_layouten_ger_rad_och_forslag(rapport):
    mall = rapport.rot / "mallar" / "rapport.md"
    mall.write_text(mall.read_text().replace('tabell("per_omrade")', 'tabell("per_omrad")'), encoding="utf-8")
    (fel,) = fel_for(rapport)
    assert fel.startswith("mallar/rapport.md:10: okänd tabell 'per_omrad' — menade du 'per_omrade'?")


@pytest.mark.parametrize(("uttryck", "orsak"), [
    ('{{ tabell("per_omrade", False, "styrelsen", 4) }}', "tabell() fick 4 argument utan namn men tar högst 3"),
    ('{{ tabell() }}', "tabell() saknar argumentet 'namn'"),
    # Också det bygge som funktionerna får bundet: mallen kan inte byta ut det.
    ('{{ tabell("per_omrade", bygge=none) }}', "tabell() har inget argument 'bygge'"),
    ('{{ tabell("per_omrade", bred=true, bred=false) }}',
     "fel i mallsyntaxen: argumentet 'bred' står två gånger i samma anrop; ta bort det ena."),
])
def test_fel_argument_till_en_funktion_ger_rad(rapport, uttryck, orsak):
    (rapport.texter / "analys.md").write_text(uttryck + "\n", encoding="utf-8")
    (fel,) = fel_for(rapport)
    assert fel.startswith(f"texter/2021-04/styrelsen/analys.md:1: {orsak}")
    if "syntax" not in orsak:
        assert fel.endswith("; tillåtna argument: namn, bred, namnd (se docs/referens/mallfunktioner.md).")


def test_okant_nyckelordsargument_namnger_funktionen_och_de_tillatna(rapport):
    """Redaktören skrev sjukfranvaro(ackumulerat=true); Python svarade förut på engelska med bygg_dokument.<locals>."""
    (rapport.texter / "analys.md").write_text("Text\n\n{{ sjukfranvaro(ackumulerat=true) }}\n", encoding="utf-8")
    (fel,) = fel_for(rapport)
    assert fel == ("texter/2021-04/styrelsen/analys.md:3: sjukfranvaro() har inget argument 'ackumulerat'; "
                   "tillåtna argument: kon, aldersgrupp, manad, ack, fg, region "
                   "(se docs/referens/mallfunktioner.md).")
    assert "locals" not in fel


@pytest.mark.parametrize("uttryck", ["{{ ''.__class__.__mro__[1].__subclasses__() }}",
                                     "{{ namnd.__class__.__init__.__globals__ }}"])
def test_sandlada(rapport, uttryck):
    (rapport.texter / "analys.md").write_text(uttryck + "\n", encoding="utf-8")
    (fel,) = fel_for(rapport)
    assert fel.startswith("texter/2021-04/styrelsen/analys.md:1: mallen försöker nå något som inte är tillåtet i en "
                          "rapportmall (Pythons interna attribut")


def test_include_utanfor_mallarna(rapport):
    mall = rapport.rot / "mallar" / "rapport.md"
    mall.write_text(mall.read_text() + "\n{% include '/etc/passwd' %}\n{% include '../konfig/rapportverk.yaml' %}\n")
    (fel,) = fel_for(rapport)
    assert "mallen '/etc/passwd' finns inte" in fel


@pytest.mark.parametrize("kalla, vantat", [
    ("![karta](https://example.com/a.png)", "hämtas från nätet"),
    ("![karta](file:///etc/passwd)", "hämtas från nätet"),
    ("![karta](../../../../../etc/hostname)", "utanför projektet"),
    ("![](bild.png)", "saknar alternativtext"),
])
def test_bilder_som_stoppas(rapport, kalla, vantat):
    (rapport.texter / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\nxxxx")
    (rapport.texter / "analys.md").write_text(kalla + "\n", encoding="utf-8")
    (fel,) = fel_for(rapport)
    assert fel.startswith("texter/2021-04/styrelsen/analys.md: ") and vantat in fel


def test_bild_i_projektet_blir_figur_med_alt(rapport):
    (rapport.texter / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\nxxxx")
    (rapport.texter / "analys.md").write_text("![Karta över länet](bild.png)\n", encoding="utf-8")
    (figur,) = [b for b in bygg(rapport).block if isinstance(b, Figur)]
    assert figur.alt == "Karta över länet"


def test_tom_tabell_blir_en_mening(rapport):
    mall = rapport.rot / "mallar" / "rapport.md"
    mall.write_text(mall.read_text().replace('tabell("per_omrade")', 'tabell("per_omrade")}}\n\n{{ tabell("tom")'))
    rapport.konfig.write_text(rapport.konfig.read_text().replace("rapporter:", """  tom:
    rubrik: Tom tabell
    rader: delomrade
    sektion: skatter
    kolumner: [ack_utfall]
rapporter:"""), encoding="utf-8")
    stycken = [text_av(b.innehall) for b in bygg(rapport).block if isinstance(b, Stycke)]
    assert "Tom tabell: inga uppgifter att redovisa t.o.m. april 2021." in stycken


def test_namnd_kan_ha_egen_layoutmall(rapport):
    egen = rapport.rot / "mallar" / "styrelsen"
    egen.mkdir()
    (egen / "rapport.md").write_text("# Egen rapport\n\n{{ text('inledning') }}\n", encoding="utf-8")
    rubriker = [text_av(b.innehall) for b in bygg(rapport).block if isinstance(b, Rubrik)]
    assert rubriker == ["Egen rapport"]


def _med_okanda_koder(rapport):
    rapport.skriv("huvudbok.csv", "Period;Kst;Konto;Belopp\n2021-01;100;5010;-1000\n2021-02;999;5010;-77\n"
                                  "2021-03;200;9999;-55,5\n2021-04;100;5010;0\n")
    mall = rapport.rot / "mallar" / "rapport.md"
    mall.write_text(mall.read_text() + '\n{{ tabell("per_kostnadsslag") }}\n', encoding="utf-8")
    rapport.konfig.write_text(rapport.konfig.read_text().replace("rapporter:", """  per_kostnadsslag:
    rubrik: Per kostnadsslag
    rader: kostnadsslag
    kolumner: [ack_utfall]
rapporter:"""), encoding="utf-8")


def test_avstamning_i_utkast_ger_synliga_varningar(rapport):
    _med_okanda_koder(rapport)
    projekt = ladda_projekt(rapport.konfig)
    p = Period(2021, 4)
    with pytest.raises(RapportverkFel):
        las_indata(projekt, p)  # strikt: okända koder stoppar
    dok = bygg_dokument(Underlag(projekt, las_indata(projekt, p, strikt=False), p), "delarsrapport", "styrelsen")
    varningar = [b.text for b in dok.block if isinstance(b, Markering) and b.typ == "varning"]
    assert any("kostnadsstället '999'" in v and "−77,00 kr" in v for v in varningar)
    assert any("Per kostnadsslag" in v and "utan plats i hierarkin (−55,50 kr ack utfall" in v for v in varningar)


def test_avstamning_ar_fel_med_slutlig(rapport):
    _med_okanda_koder(rapport)
    (rapport.texter / "analys.md").write_text("Text.\n", encoding="utf-8")
    projekt = ladda_projekt(rapport.konfig)
    p = Period(2021, 4)
    with pytest.raises(RapportverkFel) as exc:
        bygg_dokument(Underlag(projekt, las_indata(projekt, p, strikt=False), p), "delarsrapport", "styrelsen",
                      slutlig=True)
    fel = [str(f) for f in exc.value.fel]
    assert any("kostnadsstället '999'" in f for f in fel)
    assert any("kontot '9999'" in f for f in fel)


def test_alla_block_gar_in_i_liggande_och_listor():
    from rapportverk.dokument.modell import Dokument, Liggande, Lista, Meta, alla_block

    inre = Markering("djup", "varning")
    dok = Dokument(Meta("t", "f"), (Liggande((Lista(((inre,),)),)),))
    assert inre in list(alla_block(dok))


def test_axelns_tal_far_decimaler_nar_stegen_kraver_det():
    """Små belopp (en ny regions exempel, en liten nämnd) ger steg på 0,5 Mkr; med heltal blev två
    markeringar '−2'. Varje markering ska ha en egen text, med decimalkomma."""
    from rapportverk.dokument.diagram import axeldecimaler, figurer, tal_axel

    assert axeldecimaler([-1000.0, -500.0, 0.0]) == 0
    assert axeldecimaler([-3.0, -2.5, -2.0]) == 1
    assert axeldecimaler([0.0, 0.25, 0.5]) == 2
    fig, ax = figurer().subplots()
    ax.barh(["Regionledning", "Service"], [-0.75, -2.4])
    tal_axel(ax)
    fig.canvas.draw()
    texter = [t.get_text() for t in ax.get_xticklabels()]
    assert len(set(texter)) == len(texter), texter
    assert texter[:3] == ["\u22123,0", "\u22122,5", "\u22122,0"]  # samma antal decimaler längs hela axeln


def test_stapeldiagrammets_etiketter_har_tabellkolumnens_decimaler():
    """Stapeln och alternativtexten visar samma tal som tabellen: −2,4 och −0,8 med en decimal, inte −2 och −1."""
    from rapportverk.berakning.modell import Kolumn, Rad
    from rapportverk.berakning.modell import Tabell as Berakning
    from rapportverk.dokument.diagram import stapel

    t = Berakning("avvikelse", "Avvikelse", "Område", (Kolumn("ack_avvikelse", "mkr", "belopp", 1),),
                  (Rad("Regionledning", "normal", (-750_000.0,)), Rad("Service", "normal", (-2_400_000.0,)),
                   Rad("Summa", "summa", (-3_150_000.0,))), "mkr")
    _, alt = stapel(t, "ack_avvikelse", "Budgetavvikelse", "mkr")
    assert "Regionledning \u22120,8; Service \u22122,4." in alt
    assert "Störst negativ Service \u22122,4 Mkr." in alt


def test_projektets_diagramstil_gar_fore_den_inbyggda(rapport):
    """mallar/diagram.mplstyle i projektet ersätter den inbyggda: bygget ritar med den och manifestet får den."""
    from rapportverk import resurser
    from rapportverk.berakning.modell import Kolumn, Rad
    from rapportverk.berakning.modell import Tabell as Berakning
    from rapportverk.dokument import diagram

    projekt = ladda_projekt(rapport.konfig)
    assert projekt.diagramstil("delarsrapport") == resurser.fil(resurser.DIAGRAMSTIL)
    egen = rapport.rot / "mallar" / "diagram.mplstyle"
    egen.write_text("font.size: 20\naxes.facecolor: eeeeee\n", encoding="utf-8")
    assert projekt.diagramstil("delarsrapport") == egen.resolve()

    lasta: list = []
    p = Period(2021, 4)
    bygg_dokument(Underlag(projekt, las_indata(projekt, p), p), "delarsrapport", "styrelsen", lasta=lasta)
    assert egen.resolve() in lasta

    t = Berakning("avvikelse", "Avvikelse", "Område", (Kolumn("ack_avvikelse", "mkr", "belopp", 1),),
                  (Rad("Drift", "normal", (-750_000.0,)), Rad("Summa", "summa", (-750_000.0,))), "mkr")
    inbyggd, _ = diagram.stapel(t, "ack_avvikelse", "Budgetavvikelse", "mkr")
    with diagram.med_stil(egen):
        projektets, _ = diagram.stapel(t, "ack_avvikelse", "Budgetavvikelse", "mkr")
    assert projektets != inbyggd and diagram.stil() == str(resurser.fil(resurser.DIAGRAMSTIL))
