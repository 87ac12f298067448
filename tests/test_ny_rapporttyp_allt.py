"""En ny rapporttyp ur konfiguration, layoutmall, textblock och data — ingen ändring i koden — som använder det
publicerade rapporter innehåller (issue 22, Done when): tabell och fotnot och bokstavslista i ett textblock (1),
en tabell med radnivåer (2), ett avsnitt per mål (3), en lista med tal och summarad (4), {namnd} i en rubrik och
en pivottabell med år (5), en rad som hänvisas till med id när etiketten är en annan (6), en budgetomfördelning på
en rad utanför nämnderna (7), fjolårets personalmått och ett nyckeltal ur ett manuellt värde (8). Rapporten byggs
som DOCX och PDF med --slutlig, klarar `rapport kontrollera`, och siffrorna prövas mot beräkningen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PDFTOTEXT, kraver_program
from docx import Document

ROT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow
HSN = "halso_och_sjukvardsnamnden"

RAPPORTTYP = """\
titel: "Uppföljning {manad} {ar}"
mall: ../../mallar/uppfoljning/rapport.md
texter: ../../mallar/uppfoljning/texter
filnamn: "uppfoljning-{namnd}-{period}"
namnder: [halso_och_sjukvardsnamnden]
tabeller:
  omraden_nivaer:
    rubrik: "{namnd}: nettokostnad per område {ar}"
    rader: omrade
    underrader: delomrade
    kolumner: [ack_utfall, ack_budget, ack_avvikelse]
  resultat_kort:
    rubrik: "Resultat {ar}"
    typ: uppstallning
    kolumner: [ack_utfall, ursprunglig_arsbudget, arsbudget]
    uppstallning:
      - namnder: true
      - {summa: Verksamhetens nettokostnader, av: [namnder]}
      - kostnadsslag: Skatteintäkter
      - kostnadsslag: Generella statsbidrag
      - {summa: Resultat, etikett: TOTAL, av: [Verksamhetens nettokostnader, Skatteintäkter, Generella statsbidrag]}
listor:
  atgardslista:
    rubrik: "Åtgärder {ar}"
    kalla: atgardslista
    kolumner:
      - {falt: Åtgärd, rubrik: Åtgärd}
      - {falt: Effekt, rubrik: Effekt, typ: tal, decimaler: 1, enhet: mkr}
    summarad: Summa
pivottabeller:
  indikatorer_ar:
    rubrik: "Indikatorer per år t.o.m. {manad} {ar}"
    kolumner: ar
    ar: 3
    grupper: [Tillgänglighet och delaktighet]
nyckeltal:
  laneskuld:
    rubrik: Låneskuld
    taljare: [{manuell: laneskuld}]
    faktor: 1
    enhet: kr
"""

MALL = """\
{{ titelsida() }}

# Ekonomi

{{ tabell("omraden_nivaer") }}

{{ tabell("resultat_kort") }}

Resultatet är {{ varde("resultat_kort", "Resultat", "ack_utfall") | mkr(0) }} miljoner kronor; den ursprungliga
budgeten för resultatet är {{ varde("resultat_kort", "Resultat", "ursprunglig_arsbudget") | mkr(0) }} miljoner
kronor, samma som den reviderade.

# Mål

{% for m in mal_lista("regionmal") %}
## {{ m.text }}

{{ mal_tabell("delmal", mal=m.id) }}
{% endfor %}

# Medarbetare

I år {{ anstallda() | antal }} anställda, i fjol {{ anstallda(fg=true) | antal }}; utan sjukfrånvaro i fjol
{{ utan_sjukfranvaro(fg=true) | procent }}. Låneskulden är {{ nyckeltal("laneskuld") | mkr(1) }} miljoner kronor.

{{ lista("atgardslista") }}

{{ pivottabell("indikatorer_ar") }}

# Analys

{{ text("analys") }}
"""

ANALYS = """\
---
status: klar
---
Fullmäktige har gett nämnden tre uppdrag[^1]:

a) kortare väntetider,
b) fler vårdplatser och
c) en ny vårdcentral.

| Åtgärd | Effekt mkr |
| --- | ---: |
| Minskad inhyrning | 13,5 |
| Färre externa konsulter | 2,25 |

[^1]: Beslutade av regionfullmäktige i juni.
"""


@pytest.fixture(scope="module")
def projekt(tmp_path_factory) -> Path:
    rot = tmp_path_factory.mktemp("ny_rapporttyp")
    for katalog in ("konfig", "mallar", "exempeldata"):
        shutil.copytree(ROT / katalog, rot / katalog)
    data = rot / "exempeldata"
    (data / "manuella.csv").write_text("period;namn;varde\n2024-08;laneskuld;1 250 000 000\n", encoding="utf-8")
    (data / "atgardslista.csv").write_text("Åtgärd;Effekt\nMinskad inhyrning;13,45\nFärre konsulter;2,5\n",
                                           encoding="utf-8")
    omf = data / "budgetomfordelningar.csv"
    rader = omf.read_text(encoding="utf-8").splitlines()
    omf.write_text("\n".join([rader[0] + ";radnamn", *(r + ";" for r in rader[1:]),
                              f"2024-05;{HSN};Tillskott;Fler vårdplatser;10,000;",
                              "2024-05;;Finansiering;Höjda generella statsbidrag;10,000;Generella statsbidrag"])
                   + "\n", encoding="utf-8")
    konfig = rot / "konfig" / "rapportverk.yaml"
    text = konfig.read_text(encoding="utf-8")
    assert "  listor:\n    uppdrag:\n" in text
    text = text.replace("  listor:\n    uppdrag:\n", "  manuella_varden: {fil: ../exempeldata/manuella.csv}\n"
                        "  listor:\n    atgardslista:\n      fil: ../exempeldata/atgardslista.csv\n    uppdrag:\n", 1)
    konfig.write_text(text, encoding="utf-8")
    (rot / "konfig" / "rapporter" / "uppfoljning.yaml").write_text(RAPPORTTYP, encoding="utf-8")
    (rot / "mallar" / "uppfoljning" / "texter").mkdir(parents=True)
    (rot / "mallar" / "uppfoljning" / "rapport.md").write_text(MALL, encoding="utf-8")
    (rot / "mallar" / "uppfoljning" / "texter" / "analys.md").write_text(ANALYS, encoding="utf-8")
    return rot


def _rapport(rot: Path, *argv: str) -> subprocess.CompletedProcess:
    import os

    miljo = {**os.environ, "PYTHONPATH": str(ROT / "src")}
    return subprocess.run([sys.executable, "-m", "rapportverk", *argv], cwd=rot, capture_output=True, text=True,
                          env=miljo, timeout=600)


@pytest.fixture(scope="module")
def byggd(projekt: Path) -> Path:
    r = _rapport(projekt, "bygg", "uppfoljning", "--period", "2024-08", "--slutlig", "--ut", str(projekt / "ut"))
    assert r.returncode == 0, r.stdout + r.stderr
    return projekt / "ut" / "2024-08"


def test_byggs_slutlig_och_klarar_kontrollen(projekt: Path, byggd: Path):
    filer = [byggd / f"uppfoljning-{HSN}-2024-08.{f}" for f in ("pdf", "docx")]
    r = _rapport(projekt, "kontrollera", *map(str, filer))
    assert r.returncode == 0, r.stdout + r.stderr


def test_siffrorna_och_innehallet(projekt: Path, byggd: Path):
    from rapportverk.kallor import las_indata
    from rapportverk.konfig import REGION
    from rapportverk.period import Period
    from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt

    p = Period(2024, 8)
    pr = ladda_projekt(projekt / "konfig" / "rapportverk.yaml")
    indata = las_indata(pr, p)
    resultat = bygg_tabell(pr, indata, "resultat_kort", REGION, p)
    # 7: +10 mkr ram till nämnden och +10 mkr statsbidrag: ursprunglig budget för resultatet = reviderad.
    assert resultat.varde("Resultat", "ursprunglig_arsbudget") == pytest.approx(resultat.varde("Resultat",
                                                                                               "arsbudget"))
    sb = resultat.varde("Generella statsbidrag", "arsbudget") - 10e6
    assert resultat.varde("Generella statsbidrag", "ursprunglig_arsbudget") == pytest.approx(sb)
    niva = bygg_tabell(pr, indata, "omraden_nivaer", HSN, p)
    assert {r.typ for r in niva.rader} >= {"delsumma", "normal", "summa"} and any(r.niva == 1 for r in niva.rader)

    docx = Document(str(byggd / f"uppfoljning-{HSN}-2024-08.docx"))
    tabeller = {t.rows[0].cells[0].text: t for t in docx.tables}
    text = "\n".join(p.text for p in docx.paragraphs)
    # 5 och 2: nämndens namn i rubriken; delområdena indragna under sitt område.
    assert "Hälso- och sjukvårdsnämnden: nettokostnad per område 2024" in text
    # 6: raden heter TOTAL i tabellen, mallen hänvisar till 'Resultat'.
    rader = {r.cells[0].text: [c.text for c in r.cells] for t in docx.tables for r in t.rows}
    assert "TOTAL" in rader and "Resultat" not in rader
    from rapportverk.formatering import belopp
    assert f"Resultatet är {belopp(resultat.varde('Resultat', 'ack_utfall'), 'mkr')} miljoner kronor" in " ".join(
        text.split())
    # 8: manuellt värde (1 250 000 000 kr) och fjolårets personalmått.
    assert "Låneskulden är 1\u00a0250,0 miljoner kronor" in text or "Låneskulden är 1 250,0 miljoner kronor" in text
    # 4: listan med tal och summarad från oavrundade värden (13,45 + 2,5 = 15,95).
    assert rader["Minskad inhyrning"][-1] == "13,5" and rader["Summa"][-1] == "16,0"
    # 1: textblockets tabell, fotnot och bokstavslista.
    assert rader["Färre externa konsulter"] == ["Färre externa konsulter", "2,25"]
    assert "¹" in text and "Beslutade av regionfullmäktige i juni." in text
    kraver_program("pdftotext", PDFTOTEXT)
    pdf = subprocess.run(["pdftotext", "-layout", str(byggd / f"uppfoljning-{HSN}-2024-08.pdf"), "-"],
                         capture_output=True, text=True).stdout
    assert "a) kortare väntetider," in pdf and "c) en ny vårdcentral." in pdf
    # 3: ett avsnitt per regionmål ur målfilen.
    mal = bygg_mal = [r for r in indata.mal.filter(indata.mal["typ"] == "regionmal")["text"].unique().to_list()]
    assert mal and all(m in text for m in bygg_mal)
    # 5: pivottabellen med år som kolumner.
    assert any("2024 t.o.m. aug" in c.text for t in docx.tables for c in t.rows[0].cells), list(tabeller)
