"""Målen valda per mål, nämnd och perspektiv, och mal_lista() för mallens egna loopar över målen.

En liten målfil med kända svar: två regionmål med var sitt perspektiv, delmål och indikatorer hos två nämnder,
ett delmål med eget perspektiv (som dess indikator ärver) och ett regionmål som bedöms först efter perioden.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.modell import Lista, Rubrik, Stycke, Tabell, text_av
from rapportverk.fel import RapportverkFel
from rapportverk.kallor import las_indata
from rapportverk.period import Period
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

ROT = Path(__file__).resolve().parents[1]
P = Period(2021, 4)

MAL = """\
period;typ;id;namnd;overordnat;text;bedomning;utfall;malvarde;nyckeltal;analys;perspektiv
2021-04;regionmal;rm_vard;;;God och nära vård;Delvis;;;;Vården blir mer tillgänglig.;Invånare
2021-04;regionmal;rm_personal;;;Attraktiv arbetsgivare;Helt;;;;Sjukfrånvaron minskar.;Medarbetare
2021-04;delmal;dm_ko;vard;rm_vard;Kortare köer;Delvis;;;;;
2021-04;delmal;dm_digital;styrelsen;rm_vard;Fler digitala besök;Helt;;;;;
2021-04;delmal;dm_sjuk;styrelsen;rm_personal;Lägre sjukfrånvaro;Helt;;;;;
2021-04;delmal;dm_hyr;vard;rm_personal;Färre hyrläkare;Inte;;;;;Ekonomi
2021-04;indikator;i_90;vard;dm_ko;Andel besök inom 90 dagar;Inte;71;90;;Långa köer i ortopedin.;
2021-04;indikator;i_bup;vard;dm_ko;Andel BUP inom 30 dagar;Delvis;80;90;;;
2021-04;indikator;i_digital;styrelsen;dm_digital;Andel digitala besök;Helt;14;12;;;
2021-04;indikator;i_sjuk;styrelsen;dm_sjuk;Sjukfrånvaro;Helt;5,9;6,0;;;
2021-04;indikator;i_hyr;vard;dm_hyr;Hyrläkarnas andel av kostnaden;Inte;4,6;3,0;;;
2021-06;regionmal;rm_klimat;;;Minskad klimatpåverkan;Inga data;;;;;Miljö
"""

# En sektion per regionmål ur en och samma målfil.
LOOP = """\
# Mål

{% for m in mal_lista("regionmal") %}
## {{ m.text }}

{{ m.bedomningstext }}. {{ m.analys }} {{ mal_mening("indikator", namnd="region", mal=m.id) }}

{{ mal_tabell("indikator", rubrik="Indikatorer: " ~ m.text, mal=m.id) }}
{% endfor %}
"""


@pytest.fixture
def projekt(mini):
    (mini.rot / "mallar").mkdir()
    (mini.rot / "mallar" / "rapport.md").write_text(LOOP, encoding="utf-8")
    mini.skriv("mal.csv", MAL)
    mini.ersatt("kallor:\n", "kallor:\n  mal:\n    - fil: ../data/mal.csv\n")
    mini.ersatt("    namn: Styrelsen\n", "    namn: Styrelsen\n  - id: vard\n    namn: Vårdnämnden\n")
    mini.konfig.write_text(mini.konfig.read_text() + """\
rapporter:
  malrapport:
    titel: "Mål {manad} {ar}"
    mall: ../mallar/rapport.md
    texter: ../texter
""", encoding="utf-8")
    return mini


def _underlag(mini) -> Underlag:
    projekt = ladda_projekt(mini.konfig)
    return Underlag(projekt, las_indata(projekt, P), P)


def dokument(mini, mall: str | None = None, namnd: str = "styrelsen"):
    if mall is not None:
        (mini.rot / "mallar" / "rapport.md").write_text(mall, encoding="utf-8")
    return bygg_dokument(_underlag(mini), "malrapport", namnd, False)


def tabeller(dok) -> list[Tabell]:
    return [b for b in dok.block if isinstance(b, Tabell)]


def rader(t: Tabell) -> list[tuple[str, ...]]:
    return [tuple(r.celler) for r in t.rader]


def stycken(dok) -> list[str]:
    return [text_av(b.innehall) for b in dok.block if isinstance(b, Stycke)]


def fel_for(mini, mall: str) -> list[str]:
    with pytest.raises(RapportverkFel) as exc:
        dokument(mini, mall)
    return [str(f) for f in exc.value.fel]


# --- mal=: ett mål och allt under det ---------------------------------------------------------------------------


def test_indikatorerna_under_ett_regionmal_i_alla_led(projekt):
    (t,) = tabeller(dokument(projekt, '{{ mal_tabell("indikator", mal="rm_vard") }}\n'))
    assert [h.text for h in t.huvud[0]] == ["Nämnd", "Indikator", "Bedömning", "Utfall", "Målvärde", "Analys"]
    assert rader(t) == [
        ("Vårdnämnden", "Andel besök inom 90 dagar", "○ Inte", "71", "90", "Långa köer i ortopedin."),
        ("Vårdnämnden", "Andel BUP inom 30 dagar", "◐ Delvis", "80", "90", ""),
        ("Styrelsen", "Andel digitala besök", "● Helt", "14", "12", ""),
    ]
    assert t.id == "mal-indikator-alla-rm-vard"


def test_mal_och_namnd_tillsammans(projekt):
    (t,) = tabeller(dokument(projekt, '{{ mal_tabell("indikator", mal="rm_vard", namnd="vard") }}\n'))
    assert rader(t) == [("Andel besök inom 90 dagar", "○ Inte", "71", "90", "Långa köer i ortopedin."),
                        ("Andel BUP inom 30 dagar", "◐ Delvis", "80", "90", "")]


def test_ett_delmal_och_regionmalet_sjalvt(projekt):
    dok = dokument(projekt, '{{ mal_tabell("indikator", mal="dm_hyr") }}\n\n'
                            '{{ mal_tabell("regionmal", mal="rm_personal") }}\n\n'
                            '{{ mal_tabell("delmal", mal="rm_personal") }}\n')
    indikatorer, regionmal, delmal = tabeller(dok)
    # En kolumn där varje cell är tom (här Analys) visas inte.
    assert rader(indikatorer) == [("Vårdnämnden", "Hyrläkarnas andel av kostnaden", "○ Inte", "4,6", "3,0")]
    assert rader(regionmal) == [("Attraktiv arbetsgivare", "● Helt", "Sjukfrånvaron minskar.")]
    assert rader(delmal) == [("Styrelsen", "Lägre sjukfrånvaro", "● Helt"),
                             ("Vårdnämnden", "Färre hyrläkare", "○ Inte")]


def test_antal_under_ett_mal(projekt):
    mall = ('{{ mal_antal("indikator", mal="rm_vard") }}|{{ mal_antal("indikator", mal="rm_vard", namnd="vard") }}|'
            '{{ mal_antal("indikator", mal="rm_vard", namnd="region") }}|{{ mal_antal("delmal", namnd="region") }}\n')
    (text,) = stycken(dokument(projekt, mall))
    styrelsen, vard, alla, delmal = text.split("|")
    # Utan nämnd räknas rapportens nämnd (styrelsen); 'region' räknar alla nämnders.
    assert styrelsen == "{'Helt': 1, 'Delvis': 0, 'Inte': 0, 'Inga data': 0}"
    assert vard == "{'Helt': 0, 'Delvis': 1, 'Inte': 1, 'Inga data': 0}"
    assert alla == "{'Helt': 1, 'Delvis': 1, 'Inte': 1, 'Inga data': 0}"
    assert delmal == "{'Helt': 2, 'Delvis': 1, 'Inte': 1, 'Inga data': 0}"


def test_ett_mal_som_bedoms_forst_senare_ar_kant_men_tomt(projekt):
    dok = dokument(projekt, '{{ mal_tabell("indikator", mal="rm_klimat") }}\n\n'
                            '{{ mal_mening("delmal", namnd="region", mal="rm_klimat") }}\n')
    assert tabeller(dok) == []
    assert stycken(dok) == ["Inga indikatorer är bedömda t.o.m. april 2021.", "Inga delmål har bedömts för perioden."]


# --- perspektiv= ------------------------------------------------------------------------------------------------


def test_perspektiv_arvs_fran_det_overordnade_malet(projekt):
    mall = ('{{ mal_tabell("indikator", perspektiv="Medarbetare") }}\n\n'
            '{{ mal_tabell("indikator", perspektiv="Ekonomi") }}\n\n'
            '{{ mal_tabell("delmal", perspektiv="Invånare", namnd="styrelsen") }}\n')
    medarbetare, ekonomi, invanare = tabeller(dokument(projekt, mall))
    # i_hyr hör till rm_personal men har sitt delmåls eget perspektiv, Ekonomi.
    assert rader(medarbetare) == [("Styrelsen", "Sjukfrånvaro", "● Helt", "5,9", "6,0")]
    assert rader(ekonomi) == [("Vårdnämnden", "Hyrläkarnas andel av kostnaden", "○ Inte", "4,6", "3,0")]
    assert rader(invanare) == [("Fler digitala besök", "● Helt")]
    assert [t.id for t in (medarbetare, ekonomi, invanare)] == [
        "mal-indikator-alla-medarbetare", "mal-indikator-alla-ekonomi", "mal-delmal-styrelsen-invanare"]


def test_antal_och_mening_per_perspektiv(projekt):
    mall = ('{{ mal_antal("indikator", namnd="region", perspektiv="Invånare").values() | sum }}\n\n'
            '{{ mal_mening("indikator", namnd="region", perspektiv="Invånare") }}\n')
    assert stycken(dokument(projekt, mall)) == ["3", "3 indikatorer: 1 uppnås, 1 uppnås delvis och 1 uppnås inte."]


def test_antalstabell_per_perspektiv(projekt):
    (t,) = tabeller(dokument(projekt, '{{ mal_antalstabell("delmal", perspektiv="Medarbetare") }}\n'))
    assert rader(t) == [("Styrelsen", "1", "0", "0", "0", "1"), ("Totalt", "1", "0", "0", "0", "1")]
    assert t.id == "malantal-delmal-medarbetare"


# --- mal_lista(): en sektion per mål ----------------------------------------------------------------------------


def test_mal_lista_ger_malen_som_data(projekt):
    mall = ('{% for m in mal_lista("delmal", mal="rm_personal") %}'
            '{{ m.id }}/{{ m.namndnamn }}/{{ m.perspektiv }}/{{ m.symbol }}/{{ m.overordnat }};{% endfor %}\n\n'
            '{% for m in mal_lista("indikator", namnd="vard", perspektiv="Invånare") %}'
            '{{ m }}={{ m.utfall }}/{{ m.malvarde }}/{{ m.bedomningstext }};{% endfor %}\n\n'
            '{{ mal_lista("regionmal", perspektiv="Miljö") | length }}\n')
    assert stycken(dokument(projekt, mall)) == [
        "dm_sjuk/Styrelsen/Medarbetare/●/rm_personal;dm_hyr/Vårdnämnden/Ekonomi/○/rm_personal;",
        "Andel besök inom 90 dagar=71/90/○ Inte;Andel BUP inom 30 dagar=80/90/◐ Delvis;",
        "0",
    ]


def test_en_sektion_per_regionmal(projekt):
    dok = dokument(projekt)
    assert [text_av(b.innehall) for b in dok.block if isinstance(b, Rubrik)] == [
        "Mål", "God och nära vård", "Attraktiv arbetsgivare"]
    assert stycken(dok) == [
        "◐ Delvis. Vården blir mer tillgänglig. 3 indikatorer: 1 uppnås, 1 uppnås delvis och 1 uppnås inte.",
        "● Helt. Sjukfrånvaron minskar. 2 indikatorer: 1 uppnås och 1 uppnås inte.",
    ]
    vard, personal = tabeller(dok)
    assert vard.rubrik == "Indikatorer: God och nära vård"
    assert [r[1] for r in rader(vard)] == ["Andel besök inom 90 dagar", "Andel BUP inom 30 dagar",
                                           "Andel digitala besök"]
    assert [r[1] for r in rader(personal)] == ["Sjukfrånvaro", "Hyrläkarnas andel av kostnaden"]
    assert vard.id != personal.id


@pytest.mark.slow
def test_sektionen_per_mal_i_docx(projekt, tmp_path):
    """Rapporten byggd som DOCX och läst tillbaka: rubriken för varje regionmål följs av dess egen tabell."""
    import docx

    from rapportverk.bygg.rapport import bygg_rapport

    byggd = bygg_rapport(_underlag(projekt), "malrapport", "styrelsen", tmp_path / "ut", format=("docx",))
    (fil,) = [f for f in byggd.filer if f.suffix == ".docx"]
    dok = docx.Document(str(fil))
    ordning: list[tuple[str, object]] = []
    for element in dok.element.body.iterchildren():
        if element.tag.endswith("}p"):
            p = docx.text.paragraph.Paragraph(element, dok)
            if p.style.name.lower().startswith(("heading", "rubrik")) and p.text.strip():
                ordning.append(("rubrik", p.text.strip()))
        elif element.tag.endswith("}tbl"):
            t = docx.table.Table(element, dok)
            ordning.append(("tabell", [[c.text for c in r.cells] for r in t.rows]))
    rubriker = [v for s, v in ordning if s == "rubrik"]
    assert rubriker[-2:] == ["God och nära vård", "Attraktiv arbetsgivare"]
    i = ordning.index(("rubrik", "Attraktiv arbetsgivare"))
    _, tabell = next(x for x in ordning[i:] if x[0] == "tabell")
    assert tabell == [["Nämnd", "Indikator", "Bedömning", "Utfall", "Målvärde"],
                      ["Styrelsen", "Sjukfrånvaro", "● Helt", "5,9", "6,0"],
                      ["Vårdnämnden", "Hyrläkarnas andel av kostnaden", "○ Inte", "4,6", "3,0"]]


# --- fel ----------------------------------------------------------------------------------------------------------


def test_okant_mal_foreslar_och_sager_var_malen_star(projekt):
    (fel,) = fel_for(projekt, 'Text\n\n{{ mal_tabell("indikator", mal="rm_vrd") }}\n')
    assert fel == ("mallar/rapport.md:3: okänt mål 'rm_vrd' — menade du 'rm_vard'?; målen står i data/mal.csv "
                   "(kallor.mal i konfig/rapportverk.yaml).")


def test_okant_perspektiv_foreslar_och_namnger_de_kanda(projekt):
    (fel,) = fel_for(projekt, '{{ mal_antal("delmal", perspektiv="medarbetare") }}\n')
    assert fel == ("mallar/rapport.md:1: okänt perspektiv 'medarbetare' — menade du 'Medarbetare'?; perspektiven i "
                   "kolumnen perspektiv är Invånare, Medarbetare, Ekonomi, Miljö; målen står i data/mal.csv "
                   "(kallor.mal i konfig/rapportverk.yaml).")


def test_perspektiv_utan_kolumnen_namnger_filen(projekt):
    projekt.skriv("mal.csv", "\n".join(r.rsplit(";", 1)[0] for r in MAL.splitlines()) + "\n")
    (fel,) = fel_for(projekt, '{{ mal_tabell("indikator", perspektiv="Invånare") }}\n')
    assert fel == ("mallar/rapport.md:1: perspektivet 'Invånare' kan inte väljas: målfilen data/mal.csv har ingen "
                   "kolumn perspektiv; lägg till kolumnen (t.ex. Invånare, Medarbetare, Ekonomi) i filen, eller peka "
                   "ut filens egen kolumn med kolumner: {perspektiv: …} under kallor.mal i konfig/rapportverk.yaml.")
    # Utan perspektiv fungerar samma fil som förut.
    (t,) = tabeller(dokument(projekt, '{{ mal_tabell("indikator", mal="rm_personal") }}\n'))
    assert len(t.rader) == 2


def test_tva_malfiler_dar_bara_en_har_perspektiv(projekt):
    projekt.skriv("mal_extra.csv", "period;typ;id;namnd;overordnat;text;bedomning\n"
                                   "2021-04;regionmal;rm_extra;;;Ett mål utan perspektiv;Helt\n")
    projekt.ersatt("    - fil: ../data/mal.csv\n", "    - fil: ../data/mal.csv\n    - fil: ../data/mal_extra.csv\n")
    mall = ('{% for m in mal_lista("regionmal") %}{{ m.id }}={{ m.perspektiv }};{% endfor %}\n\n'
            '{{ mal_lista("regionmal", perspektiv="Invånare") | map(attribute="id") | join(",") }}\n')
    assert stycken(dokument(projekt, mall)) == ["rm_vard=Invånare;rm_personal=Medarbetare;rm_extra=;", "rm_vard"]
    (fel,) = fel_for(projekt, '{{ mal_tabell("delmal", mal="rm_extr") }}\n')
    assert fel.endswith("— menade du 'rm_extra'?; målen står i data/mal.csv, data/mal_extra.csv (kallor.mal i "
                        "konfig/rapportverk.yaml).")


def test_okand_namnd_foreslar(projekt):
    (fel,) = fel_for(projekt, '{{ mal_lista("delmal", namnd="vrd") }}\n')
    assert fel.startswith("mallar/rapport.md:1: okänd nämnd 'vrd' — menade du 'vard'?")


def test_fel_argument_namnger_de_tillatna(projekt):
    (fel,) = fel_for(projekt, '{{ mal_tabell("indikator", malid="rm_vard") }}\n')
    assert fel == ("mallar/rapport.md:1: mal_tabell() har inget argument 'malid' — menade du 'mal'?; tillåtna "
                   "argument: typ, rubrik, namnd, mal, perspektiv (se docs/referens/mallfunktioner.md).")


def test_berakningen_ar_ren_och_foljer_overordnat_i_alla_led():
    import polars as pl

    from rapportverk.berakning.mal import med_arvda_perspektiv, under, urval

    ram = pl.DataFrame({"id": ["a", "b", "c", "d", "x"], "overordnat": ["c", "a", None, "b", "x"],
                        "namnd": [None, "n1", None, "n2", "n1"], "perspektiv": [None, "P2", "P1", None, None]})
    assert under(ram, "c") == ["a", "b", "c", "d"]
    assert under(ram, "b") == ["b", "d"]
    assert under(ram, "x") == ["x"]  # en krets låser inte
    arvt = med_arvda_perspektiv(ram)
    assert arvt["perspektiv"].to_list() == ["P1", "P2", "P1", "P2", None]
    assert urval(arvt, namnd="n2", rot="c", perspektiv="P2")["id"].to_list() == ["d"]


# --- exemplet i docs/redaktorer/index.md, på exempelregionens målfil ---------------------------------------------


def _dokumentationens_exempel() -> str:
    text = (ROT / "docs" / "redaktorer" / "index.md").read_text(encoding="utf-8")
    avsnitt = text.split("## Mål och indikatorer", 1)[1].split("## Förhandsgranska", 1)[0]
    return "\n".join(re.findall(r"```jinja\n(.*?)```", avsnitt, re.S))


def test_exemplet_i_dokumentationen_pa_exempeldatan(tmp_path):
    # Exempelprojektets konfiguration (med regionens rapporttyp, där nyckeltalen står) och en rapporttyp till.
    konfig = tmp_path / "konfig"
    (konfig / "rapporter").mkdir(parents=True)
    for fil in [ROT / "konfig" / "rapportverk.yaml", *(ROT / "konfig" / "rapporter").glob("*.yaml")]:
        text = fil.read_text(encoding="utf-8").replace("../../", f"{ROT}/").replace("../", f"{ROT}/")
        text = text.replace("kostnadsslag: kostnadsslag.yaml", f"kostnadsslag: {ROT}/konfig/kostnadsslag.yaml")
        if fil.name == "rapportverk.yaml":
            text += f"\ntillat_utanfor_projektet: [{ROT}]\n"
        (konfig / fil.relative_to(ROT / "konfig")).write_text(text, encoding="utf-8")
    (konfig / "rapporter" / "malavsnitt.yaml").write_text(
        "titel: Mål\nmall: ../../mallar/mal.md\ntexter: ../../texter\nkallor: [mal]\n", encoding="utf-8")
    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar" / "mal.md").write_text(_dokumentationens_exempel(), encoding="utf-8")
    projekt = ladda_projekt(konfig / "rapportverk.yaml")
    p = Period(2024, 8)
    dok = bygg_dokument(Underlag(projekt, las_indata(projekt, p, kallor=["mal"]), p), "malavsnitt",
                        "regionstyrelsen", False)
    rubriker = [text_av(b.innehall) for b in dok.block if isinstance(b, Rubrik)]
    assert len(rubriker) == 5 and rubriker[0] == "Måluppfyllelse"
    assert rubriker[3].startswith("Regionen är en attraktiv arbetsgivare")
    alla = stycken(dok)
    assert any(s.endswith("5 indikatorer: 3 uppnås och 2 uppnås inte.") for s in alla)
    assert "3 indikatorer följer upp vårdgarantin." in alla
    t = {b.rubrik: b for b in dok.block if isinstance(b, Tabell)}
    attraktiv = t[f"Indikatorer för {rubriker[3]}"]
    assert {r[0] for r in rader(attraktiv)} == {"Regionstyrelsen"} and len(attraktiv.rader) == 5
    hsn = t["Delmål och bedömning per augusti 2024"]
    assert len(hsn.rader) == 4
    (lista,) = [b for b in dok.block if isinstance(b, Lista)]
    punkter = [" ".join(text_av(b.innehall) for b in punkt) for punkt in lista.punkter]
    assert [p.split(": ")[0].split(" (")[1] for p in punkter] == ["Regionstyrelsen, Medarbetare)",
                                                                 "Regionstyrelsen, Ekonomi)"]
