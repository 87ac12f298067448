"""Sandlådan gäller varje mall som projektet levererar eller plockar upp: layoutmallar, textblock och HTML-mallen.

För varje sådan fil läggs ett känt utbrytningsförsök först i filen, och filen renderas i den miljö som bygget
använder för just den sortens fil. Ingen av dem får köra uttrycket.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rapportverk import resurser
from rapportverk.dokument.mall import Kontext, miljo, rendera
from rapportverk.dokument.modell import Dokument, Meta
from rapportverk.fel import RapportverkFel
from rapportverk.rendera.html import html_for

ROT = Path(__file__).resolve().parents[1]
UTBROTT = "{{ cycler.__init__.__globals__.os.popen('echo UTBRUTEN').read() }}\n"
MARKDOWNMALLAR = sorted((ROT / "mallar").rglob("*.md")) + sorted((ROT / "exempeldata" / "texter").rglob("*.md"))
HTMLMALLAR = [*sorted((ROT / "mallar").rglob("*.html.j2")), resurser.fil(resurser.HTMLMALL)]


def test_det_finns_mallar_att_prova():
    assert len(MARKDOWNMALLAR) > 20 and HTMLMALLAR


@pytest.mark.parametrize("fil", MARKDOWNMALLAR, ids=lambda p: str(p.relative_to(ROT)))
def test_markdownmall_i_sandladan(tmp_path, fil):
    kopia = tmp_path / fil.name
    kopia.write_text(UTBROTT + fil.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RapportverkFel, match="inte är tillåtet") as fel:
        rendera(miljo([tmp_path]), Kontext({}, {}), namn=fil.name, visning=fil.name)
    assert "UTBRUTEN" not in str(fel.value)


@pytest.mark.parametrize("fil", HTMLMALLAR, ids=lambda p: p.name)
def test_htmlmall_i_sandladan(tmp_path, fil):
    # En kopia bredvid stilmallen är den som används (så plockar bygget upp en redaktörs egen HTML-mall).
    shutil.copy(resurser.fil(resurser.STILMALL), tmp_path / "stil.css")
    (tmp_path / fil.name).write_text(UTBROTT + fil.read_text(encoding="utf-8"), encoding="utf-8")
    dok = Dokument(Meta("Prov", "Region Prov"), ())
    with pytest.raises(RapportverkFel, match=r"dokument\.html\.j2:1: HTML-mallen försöker nå") as fel:
        html_for(dok, tmp_path / "stil.css")
    assert "UTBRUTEN" not in str(fel.value)


@pytest.mark.parametrize(("uttryck", "vantat"), [
    ("{{ 9**(9**9) }}", "orimligt stort tal"),
    ("{{ (2**4096) }}", "orimligt stort tal"),
    ("{{ range(10**6)|list|length }}", "range()"),
    ("{{ ('A'*10**9)|length }}", "bygger en text"),
    ("{{ ([0]*10**9)|length }}", "bygger en text"),
    ("{{ '%0999999999d' % 1 }}", "formatsträngen"),
    ("{{ '{:>999999999}'.format(1) }}", "formatsträngen"),
    # Granskningens fall: filter, strängmetoder, + och ~ i loopar, join och sum.
    ('{{ ("a"|center(1000000000))|length }}', "bygger en text"),
    ('{{ "a".ljust(10**9)|length }}', "inte är tillåtet"),
    ('{{ "a".zfill(10**9) }}', "inte är tillåtet"),
    ('{{ "%*d"|format(1000000000, 1) }}', "formatsträngen"),
    ('{{ "%*d" % (10**9, 1) }}', "formatsträngen"),
    ('{{ "{:{}}".format(1, 10**9) }}', "formatsträngen"),
    ('{{ ("a"*1000000)|replace("", "a"*3000) }}', "bygger en text"),
    ('{{ ("x\n"*500000)|indent(3000) }}', "bygger en text"),
    ('{% set ns = namespace(s="ab") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}', "bygger en"),
    ('{% set ns = namespace(s="ab") %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}', "bygger en"),
    ('{{ (["a"*1000000]*1000000)|join }}', "bygger en text"),
    ('{{ (([[0]]*100000)|sum(start=[]))|length }}', "sum fungerar bara på tal"),
])
def test_granser(uttryck, vantat):
    with pytest.raises(RapportverkFel, match=vantat):
        rendera(miljo([]), Kontext({}, {}), kalla=uttryck, visning="prov.md")


def test_tidsgrans_for_loopar_utan_anrop_ocksa_i_en_trad():
    """Två nästlade loopar över en lista gör inga anrop; tiden kontrolleras ändå varje varv, också utanför
    huvudtråden (förhandsgranskningen bygger i en egen tråd, där SIGALRM inte finns)."""
    import threading

    from rapportverk import sandlada

    mall = "{% set l = [0]*1000000 %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}"
    svar: list[BaseException] = []

    def kor() -> None:
        try:
            rendera(miljo([], sandlada.Granser(tid_s=0.5)), Kontext({}, {}), kalla=mall, visning="prov.md")
        except RapportverkFel as exc:
            svar.append(exc)

    trad = threading.Thread(target=kor)
    trad.start()
    trad.join(60)
    assert not trad.is_alive() and "tog längre tid än 0,5 s" in str(svar[0])


def test_projektets_funktioner_raknas_inte_mot_mallens_tid():
    """tabell(), diagram() och text() räknar på data: deras tid räknas inte mot mallens gräns."""
    import time

    from rapportverk import sandlada

    def langsam() -> str:
        time.sleep(0.3)
        return "klar"

    env = miljo([], sandlada.Granser(tid_s=0.2))
    assert rendera(env, Kontext({"langsam": langsam}, {}), kalla="{{ langsam() }}", visning="prov.md") == "klar"


@pytest.mark.parametrize(("uttryck", "vantat"), [
    ("{{ 2**10 }}", "1024"), ("{{ 'ab'*3 }}", "ababab"), ("{{ range(3)|list }}", "[0, 1, 2]"),
    ("{{ '%05.1f' % 3.14159 }}", "003.1"), ("{{ 7 % 3 }}", "1"), ("{{ 1.5 * 2 }}", "3.0"),
    ("{{ 'a' ~ 1 ~ 'b' }}", "a1b"), ("{{ [1, 2] + [3] }}", "[1, 2, 3]"), ("{{ 'x'|center(5) }}", "  x  "),
    ("{{ [1, 2, 3]|sum }}", "6"), ("{{ ['a', 'b']|join(', ') }}", "a, b"), ("{{ 'a-b'|replace('-', '–') }}", "a–b"),
    ("{{ '%*d' % (5, 42) }}", "   42"), ("{{ '{:>{}}'.format('x', 3) }}", "  x"),
    ("{% for i in range(3) %}{{ loop.index }}{% endfor %}", "123"),
])
def test_vanliga_uttryck_fungerar(uttryck, vantat):
    assert rendera(miljo([]), Kontext({}, {}), kalla=uttryck, visning="prov.md") == vantat


def test_samma_kalltext_kompileras_en_gang_per_process_och_miljons_form(tmp_path):
    """Varje rapport har en egen miljö; samma mall kompileras ändå en gång. En miljö med andra filter (som Jinja
    slår upp när koden genereras) får sin egen kod, och ett syntaxfel sparas inte utan visas varje gång."""
    from rapportverk import sandlada

    kalla = "{% for x in [1, 2] %}{{ x | antal }} {% endfor %}{{ namn | upper }}"
    sandlada._KOMPILERAT.clear()
    a, b = miljo([tmp_path]), miljo([tmp_path])
    assert a.from_string(kalla).render(namn="a") == b.from_string(kalla).render(namn="a")
    assert len(sandlada._KOMPILERAT) == 1
    annan = miljo([tmp_path])
    annan.filters["egen"] = lambda v: v
    annan.from_string(kalla).render(namn="a")
    assert len(sandlada._KOMPILERAT) == 2
    # Ett filter med konstant argument anropas redan när koden genereras: samma namn, annan funktion, egen kod.
    x, y = miljo([tmp_path]), miljo([tmp_path])
    x.filters["f"], y.filters["f"] = (lambda v: "A"), (lambda v: "B")
    assert (x.from_string('{{ "z" | f }}').render(), y.from_string('{{ "z" | f }}').render()) == ("A", "B")
    assert len(sandlada._KOMPILERAT) == 4
    for env in (a, b):
        with pytest.raises(RapportverkFel, match="mallsyntaxen") as fel:
            rendera(env, Kontext({}, {}), kalla="rad 1\n{% if %}", visning="x.md")
        assert fel.value.fel[0].rad == 2
    assert len(sandlada._KOMPILERAT) == 4
