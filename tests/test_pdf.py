"""PDF-renderaren: HTML:en som WeasyPrint får, hämtaren, och PDF:en läst tillbaka med pdftotext och pikepdf."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PAGE, PDFTOTEXT, PIKEPDF, kraver_modul, kraver_program
from dokumentprov import NB, M, provdokument

from rapportverk import resurser
from rapportverk.dokument.modell import (
    Dokument,
    Figur,
    Huvudcell,
    Innehall,
    Lank,
    Liggande,
    Lista,
    Markering,
    Meta,
    Rubrik,
    Stycke,
    Tabell,
    Tabellrad,
    Text,
    Titelsida,
)
from rapportverk.fel import RapportverkFel
from rapportverk.rendera.html import html_for
from rapportverk.rendera.pdf import HamtningNekad, ProjektHamtare, rendera_pdf

ROT = Path(__file__).resolve().parents[1]
CSS = resurser.fil(resurser.STILMALL)



def litet(*block, titel: str = "Prov") -> Dokument:
    return Dokument(Meta(titel, "Region Prov"), tuple(block))


def tal(s: str) -> str:
    """Text som pdftotext ger den: hårt mellanslag och vanligt mellanslag delar glyf i typsnittet, så
    pdftotext kan ge vilket som helst av dem (med Carlito blir det U+0020). Minustecknet U+2212 överlever."""
    return s.replace(NB, " ")


def pdftext(pdf: bytes, tmp: Path) -> list[str]:
    """En sträng per sida (pdftotext -layout), med hårda mellanslag gjorda vanliga."""
    kraver_program("pdftotext", PDFTOTEXT)
    fil = tmp / "ut.pdf"
    fil.write_bytes(pdf)
    ut = subprocess.run(["pdftotext", "-layout", str(fil), "-"], check=True, capture_output=True, text=True).stdout
    return [tal(sida) for sida in ut.split("\f")[:-1]]


# --- HTML (snabbt, ingen WeasyPrint) -------------------------------------------------------------------


def test_html_escapar_all_text_och_stoppar_farliga_lankar():
    dok = litet(
        Titelsida("<script>alert(1)</script>"),
        Stycke((Text("a < b & \"c\""), Lank((Text("klicka"),), "javascript:alert(1)"),
                Lank((Text("region"),), "https://example.org/?a=1&b=2"))),
        Markering("</div><img src=x onerror=alert(1)>", "varning"),
    )
    html = html_for(dok, CSS)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "a &lt; b &amp; &#34;c&#34;" in html
    assert "javascript:" not in html
    assert "&#34;klicka<a " in html  # texten står kvar, utan länk
    assert '<a href="https://example.org/?a=1&amp;b=2">region</a>' in html
    assert "<img src=x" not in html


def test_html_innehall_rubriker_och_tabell():
    html = html_for(provdokument(2), CSS)
    # Förteckningen listar nivå 1..2 efter sin plats, med numrerade kapitel; länkarna pekar på rubrikerna.
    assert '<li class="toc-niva-1"><a href="#inledning">1. Inledning</a></li>' in html
    assert '<li class="toc-niva-2"><a href="#namndens-uppdrag">Nämndens uppdrag</a></li>' in html
    assert '<h1 id="ekonomisk-analys">2. Ekonomisk analys</h1>' in html
    assert '<html lang="sv-SE">' in html and "<title>Delårsrapport per april 2021 – Regionstyrelsen</title>" in html
    # Tabellen: rubrik och enhet i caption, kolumnrubriker med scope och colspan, radrubriker med rad-scope.
    assert ('<caption><span class="tabellrubrik">Analys av budgetavvikelse per område</span>'
            '<span class="enhet">Belopp i miljoner kronor</span></caption>') in html
    assert '<th scope="col" colspan="2" class="hoger">Budget\u00adavvikelse</th>' in html  # mjuka bindestreck
    # Radens stil från layouten (fet, kursiv, linje ovanför) som klasser, bredvid radtypen.
    assert (f'<tr class="rad-summa fet linje-over"><th scope="row" class="niva-0">Summa</th>'
            f'<td class="hoger">{M}1{NB}150</td>') in html
    # Varav-raden står före summaraden sist: den hålls ihop med den (ingen ensam summarad på en ny sida).
    assert ('<tr class="rad-varav kursiv hall-ihop"><th scope="row" class="niva-1">varav Pensionskostnader</th>'
            in html)
    # Figuren som data-URI med alternativtext; markeringen synlig med sin text.
    assert '<img src="data:image/png;base64,iVBOR' in html and 'alt="Staplar: budgetavvikelse' in html
    assert '<div class="markering markering-saknas" role="note"><p>[Text saknas: viktiga_handelser]</p>' in html
    # Rubriken före det liggande avsnittet följer med till den liggande sidan.
    assert re.search(r'<section class="liggande">\s*<h1 id="bilagor">3\. Bilagor</h1>', html)


def test_html_forteckning_listar_bara_rubriker_efter_sig_och_till_sitt_djup():
    dok = litet(
        Rubrik(1, (Text("Före"),), "fore"),
        Innehall("Innehåll", djup=1),
        Rubrik(1, (Text("Ett"),), "ett", "1"),
        Rubrik(2, (Text("Under"),), "under"),
        Rubrik(1, (Text("Dold"),), "dold", i_innehall=False),
    )
    html = html_for(dok, CSS)
    toc = html[html.index("<nav"):html.index("</nav>")]
    assert 'href="#ett"' in toc
    assert all(f'href="#{i}"' not in toc for i in ("fore", "under", "dold"))


def test_html_lista_utan_p_i_li_och_varning_med_etikett():
    # <p> direkt i <li> blir P under LI i PDF:en, vilket PDF/UA underkänner; texten ska stå direkt i <li>.
    dok = litet(Lista(((Stycke((Text("ett"),)), Stycke((Text("två"),))),)),
                Markering("Summorna stämmer inte", "varning"))
    html = html_for(dok, CSS)
    assert "<li>ett<br>två</li>" in html
    assert '<strong class="etikett">Varning:</strong> Summorna stämmer inte' in html


def test_html_hoppade_rubriknivaer_blir_nasta_niva():
    html = html_for(litet(Rubrik(1, (Text("Uppsikt"),), "u"), Rubrik(3, (Text("Nämnd"),), "n")), CSS)
    assert '<h1 id="u">Uppsikt</h1>' in html and '<h2 id="n">Nämnd</h2>' in html


def test_html_kolumnrubriker_spanner_over_rubrikraderna():
    html = html_for(provdokument(0), CSS)
    assert '<th scope="col" rowspan="2" class="vanster">Område</th>' in html
    assert '<th scope="col" colspan="2" class="hoger">Budget\u00adavvikelse</th>' in html  # mjuka bindestreck
    assert '<th scope="col" class="hoger"></th>' not in html  # ingen tom rubrikcell


def test_html_bred_tabell_far_liggande_sida():
    t = Tabell("bred", "Bred", ((Huvudcell(""), Huvudcell("A")),), (Tabellrad(("x", "1")),), ("vanster", "hoger"),
               bred=True)
    vantat = '<section class="liggande">\n<div class="tabellblock kort">\n<table class="tabell" id="bred">'
    assert vantat in html_for(litet(t), CSS)
    # Inuti ett Liggande-block blir det ingen extra sektion.
    assert html_for(litet(Liggande((t,))), CSS).count('class="liggande"') == 1


def test_stilmall_som_avslutar_style_vagras(tmp_path):
    css = tmp_path / "stil.css"
    css.write_text("p { color: red } </style><script>x</script>", encoding="utf-8")
    with pytest.raises(RapportverkFel, match="</style"):
        html_for(litet(), css)


def test_syntaxfel_i_html_mallen_pekar_ut_fil_och_rad(tmp_path):
    (tmp_path / "slag").mkdir()
    css = tmp_path / "slag" / "stil.css"
    css.write_text("p { margin: 0 }", encoding="utf-8")
    # En mall bredvid stilmallen går före standardmallen.
    (tmp_path / "slag" / "dokument.html.j2").write_text("<html>\n{% if %}\n</html>\n", encoding="utf-8")
    with pytest.raises(RapportverkFel, match=r"dokument\.html\.j2:2: fel i HTML-mallen"):
        html_for(litet(), css)


# --- Hämtaren ------------------------------------------------------------------------------------------


def test_hamtaren_vagrar_natet_och_filer_utanfor_projektet(tmp_path):
    hamtare = ProjektHamtare(tmp_path)
    for url in ("http://example.com/x.png", "https://example.com/x.png", "ftp://example.com/x",
                "file:///etc/passwd", f"file://{tmp_path}/../utanfor.png", "file://annan-dator/etc/passwd"):
        with pytest.raises(HamtningNekad):
            hamtare.fetch(url)
    assert "http://example.com/x.png" in hamtare.nekade and "file:///etc/passwd" in hamtare.nekade


def test_hamtaren_later_data_och_projektfiler_passera(tmp_path):
    (tmp_path / "logo.txt").write_text("hej", encoding="utf-8")
    hamtare = ProjektHamtare(tmp_path)
    assert hamtare.fetch("data:text/plain;base64,aGVq").read() == b"hej"
    svar = hamtare.fetch((tmp_path / "logo.txt").as_uri())
    assert svar.read() == b"hej"
    svar.close()


def test_hamtaren_vagrar_symlank_ut_ur_projektet(tmp_path):
    (tmp_path / "projekt").mkdir()
    (tmp_path / "hemlig.txt").write_text("x", encoding="utf-8")
    (tmp_path / "projekt" / "lank.txt").symlink_to(tmp_path / "hemlig.txt")
    with pytest.raises(HamtningNekad):
        ProjektHamtare(tmp_path / "projekt").fetch((tmp_path / "projekt" / "lank.txt").as_uri())


@pytest.mark.parametrize("url", ["http://example.com/x.png", "file:///etc/passwd"])
def test_rendering_avbryts_nar_stilmallen_vill_hamta_utanfor(tmp_path, url):
    css = tmp_path / "stil.css"
    css.write_text(CSS.read_text(encoding="utf-8") + f"\nbody {{ background: url({url}); }}\n", encoding="utf-8")
    with pytest.raises(RapportverkFel, match=re.escape(url)):
        rendera_pdf(litet(Stycke((Text("x"),))), css, tmp_path)


# --- Den färdiga PDF:en ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prov():
    # En rendering för hela modulen (≈ 0,5 s med libharfbuzz-subset0, ≈ 1,5 s utan).
    return rendera_pdf(provdokument(), CSS, ROT)


@pytest.fixture(scope="module")
def sidor(prov, tmp_path_factory):
    return pdftext(prov.pdf, tmp_path_factory.mktemp("pdf"))


def test_sidnummer_for_rubrikerna(prov):
    assert prov.antal_sidor >= 5
    assert prov.sidnummer["inledning"] == 3  # titelsida, innehåll, sedan kapitel 1
    assert set(prov.sidnummer) == {"inledning", "namndens-uppdrag", "ekonomisk-analys", "bilagor"}
    assert prov.sidnummer["bilagor"] == prov.antal_sidor  # sidbrytning och liggande sida sist


def test_titelsidan_utan_sidhuvud_och_sidfot(sidor):
    forsta = [r.strip() for r in sidor[0].splitlines() if r.strip()]
    assert forsta == ["Region Nordanå", "Delårsrapport per april 2021", "Regionstyrelsen",
                      "Regionstyrelsens rapport", "RS 848-2021", "Utkast"]


def test_sidhuvud_och_sida_x_av_y(sidor, prov):
    # Titelsidan räknas som sida 1 (som i Word-rapporterna) men har ingen sidfot; därför börjar sidfoten på 2.
    n = prov.antal_sidor
    assert len(sidor) == n
    assert "Sida" not in sidor[0]
    for k, sida in enumerate(sidor[1:], start=2):
        assert re.search(rf"Sida {k} av {n}\s*$", sida), sida[-200:]
        assert sida.lstrip().startswith("Regionstyrelsen · Delårsrapport april 2021")


def test_innehallsforteckning_med_sidnummer_och_punktlinje_som_inte_ar_text(sidor, prov):
    toc = sidor[1]
    assert "Innehåll" in toc
    for text, id_ in (("1. Inledning", "inledning"), ("Nämndens uppdrag", "namndens-uppdrag"),
                      ("2. Ekonomisk analys", "ekonomisk-analys"), ("3. Bilagor", "bilagor")):
        assert re.search(rf"^\s*{re.escape(text)}\s{{3,}}{prov.sidnummer[id_]}$", toc, re.MULTILINE), text
    # Punktlinjen är grafik (radens bakgrund), inte punkter i texten som en skärmläsare skulle läsa upp.
    assert "..." not in toc


def test_rubriker_och_tabellens_tal(sidor, prov):
    sida = sidor[prov.sidnummer["ekonomisk-analys"] - 1]
    assert re.search(r"^1\. Inledning$", sidor[prov.sidnummer["inledning"] - 1], re.MULTILINE)
    assert "Analys av budgetavvikelse per område" in sida and "Belopp i miljoner kronor" in sida
    # Kolumnerna skiljs av minst två mellanslag i -layout; tusentalsavgränsaren är ett enda.
    celler = {r.split()[0]: re.split(r"\s{2,}", r.strip())[1:] for r in sida.splitlines() if r.strip()}
    assert celler["Summa"] == [tal(x) for x in (f"{M}1{NB}150", f"{M}1{NB}036", "11,0", f"{M}225", f"{M}24,3",
                                                f"{M}3{NB}241")]
    assert celler["Regionförvaltningen"] == [f"{M}245", f"{M}212", "15,6", f"{M}260", tal(f"{M}1{NB}696,6"), f"{M}515"]
    assert celler["varav"] == [f"{M}490"]
    assert "[Text saknas: viktiga_handelser]" in sidor[prov.sidnummer["inledning"] - 1]
    assert "Figur 1. Budgetavvikelse per område t.o.m. april 2021" in sida
    # Den liggande bilagesidan har samma tabell och är bredare än hög.
    assert "Summa" in sidor[prov.sidnummer["bilagor"] - 1]


def _struktur(pdf, pikepdf) -> list:
    """Strukturelementen i trädet, i dokumentordning (element som lyfts ur trädet finns kvar i filen, räknas inte)."""
    ut, stack = [], _barn(pdf.Root.StructTreeRoot, pikepdf)[::-1]
    while stack:
        e = stack.pop()
        if isinstance(e, pikepdf.Dictionary) and "/S" in e:
            ut.append(e)
            stack.extend(_barn(e, pikepdf)[::-1])
    return ut


def _barn(element, pikepdf) -> list:
    k = element.get("/K")
    return list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]


def test_taggar_sprak_titel_och_scope(prov):
    pikepdf = kraver_modul("pikepdf", PIKEPDF)
    import io

    with pikepdf.open(io.BytesIO(prov.pdf)) as pdf:
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "sv-SE"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == "Delårsrapport per april 2021 – Regionstyrelsen"
        assert str(pdf.docinfo.Author) == "Region Nordanå"
        assert "/CreationDate" not in pdf.docinfo and "/ModDate" not in pdf.docinfo
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert xmp.get("dc:title") == "Delårsrapport per april 2021 – Regionstyrelsen"
        element = _struktur(pdf, pikepdf)
        typer: dict[str, int] = {}
        for obj in element:
            if obj.get("/S") == "/TH":
                scope = str(obj.A.get("/Scope"))
                typer[scope] = typer.get(scope, 0) + 1
                assert _barn(obj, pikepdf), "tom rubrikcell"
        # Två rubrikrader: sex celler (fem spänner över båda raderna) och två (mkr, %), och fem radrubriker,
        # i två tabeller (stående och liggande).
        assert typer == {"/Column": 16, "/Row": 10}
        radspann = [int(o.A.RowSpan) for o in element if o.get("/S") == "/TH" and "/RowSpan" in o.A]
        assert radspann == [2] * 10
        # Tabellrubriken är tabellens Caption, först i Table-elementet.
        for tabell in (o for o in element if o.get("/S") == "/Table"):
            assert _barn(tabell, pikepdf)[0].get("/S") == "/Caption"
        liggande = pdf.pages[prov.sidnummer["bilagor"] - 1].mediabox
        assert float(liggande[2]) > float(liggande[3])
        bilder = [obj for obj in element if obj.get("/S") == "/Figure"]
        assert next(str(b.Alt) for b in bilder).startswith("Staplar: budgetavvikelse per område")


def test_bokmarken_for_rubrikerna(prov):
    pikepdf = kraver_modul("pikepdf", PIKEPDF)
    import io

    with pikepdf.open(io.BytesIO(prov.pdf)) as pdf, pdf.open_outline() as utkast:
        def titlar(poster):
            return [(p.title, titlar(p.children)) for p in poster]

        assert titlar(utkast.root) == [("Innehåll", []), ("1. Inledning", [("Nämndens uppdrag", [])]),
                                       ("2. Ekonomisk analys", []), ("3. Bilagor", [])]


def test_sidhuvud_och_sidfot_ar_artefakter(prov):
    """Löpande sidhuvud och sidfot är /Artifact /Pagination i innehållsströmmen, inte taggad text som skärmläsare
    läser på varje sida; inga markeringar lämnas utanför strukturträdet."""
    pikepdf = kraver_modul("pikepdf", PIKEPDF)
    import io

    with pikepdf.open(io.BytesIO(prov.pdf)) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        nas = set()

        def ga(e):
            if isinstance(e, pikepdf.Dictionary) and "/S" in e and e.objgen not in nas:
                nas.add(e.objgen)
                for b in _barn(e, pikepdf):
                    ga(b)

        ga(pdf.Root.StructTreeRoot.K)
        for i in range(0, len(nums), 2):
            if isinstance(nums[i + 1], pikepdf.Array):
                assert all(e is None or e.objgen in nas for e in nums[i + 1]), f"sida {nums[i]}"
        for nr, sida in enumerate(pdf.pages, start=1):
            artefakter = [dict(op.operands[1]) for op in pikepdf.parse_content_stream(sida)
                          if str(op.operator) == "BDC" and op.operands[0] == "/Artifact"
                          and isinstance(op.operands[1], pikepdf.Dictionary)]
            vantat = [] if nr == 1 else [{"/Type": "/Pagination", "/Subtype": "/Header"},
                                         {"/Type": "/Pagination", "/Subtype": "/Footer"}]
            assert artefakter == vantat, nr


def test_tabell_over_flera_sidor_ar_en_tabell(tmp_path):
    """WeasyPrint taggar varje sida för sig; en lång tabell ska ändå bli ett Table-element med en rubrikrad, och den
    upprepade rubrikraden på nästa sida en artefakt. Cellernas /Headers pekar på id som finns i /IDTree."""
    pikepdf = kraver_modul("pikepdf", PIKEPDF)
    import io

    rader = tuple(Tabellrad((f"Rad {i}", str(i))) for i in range(90))
    t = Tabell("lang", "Lång tabell", ((Huvudcell("Post", 1, "vanster"), Huvudcell("Belopp")),), rader,
               ("vanster", "hoger"))
    res = rendera_pdf(litet(t), CSS, tmp_path)
    assert res.antal_sidor >= 2
    with pikepdf.open(io.BytesIO(res.pdf)) as pdf:
        element = _struktur(pdf, pikepdf)
        tabeller = [e for e in element if e.get("/S") == "/Table"]
        assert len(tabeller) == 1
        delar = [str(b.S) for b in _barn(tabeller[0], pikepdf)]
        assert delar == ["/Caption", "/THead", "/TBody"]
        kropp = _barn(tabeller[0], pikepdf)[2]
        assert len(_barn(kropp, pikepdf)) == 90
        assert all(r.P.objgen == kropp.objgen for r in _barn(kropp, pikepdf))
        namn = pdf.Root.StructTreeRoot.IDTree.Names
        id_ = {str(namn[i]) for i in range(0, len(namn), 2)}
        assert [str(namn[i]) for i in range(0, len(namn), 2)] == sorted(id_)
        for rad in _barn(kropp, pikepdf):
            for cell in _barn(rad, pikepdf):
                if cell.S == "/TD":
                    assert {str(h) for h in cell.A.Headers} <= id_ and len(cell.A.Headers) == 2
        andra = [dict(op.operands[1]) for op in pikepdf.parse_content_stream(pdf.pages[1])
                 if str(op.operator) == "BDC" and op.operands[0] == "/Artifact"
                 and isinstance(op.operands[1], pikepdf.Dictionary)]
        # Den upprepade rubrikraden (två celler), sidhuvud och sidfot.
        assert andra.count({"/Type": "/Pagination"}) == 2
    page = kraver_modul("page", PAGE)
    rapport = page.validate_pdf_bytes(res.pdf, profile="ua1")
    assert rapport.is_compliant, [(f.rule_id, f.message) for f in rapport.failures]


def test_pdfa_2u_och_pdfua_i_samma_fil():
    pikepdf = kraver_modul("pikepdf", PIKEPDF)
    import io

    res = rendera_pdf(provdokument(2), CSS, ROT, pdfa=True)
    with pikepdf.open(io.BytesIO(res.pdf)) as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "sv-SE"
        metadata = pdf.Root.Metadata
        assert "/Filter" not in metadata
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "2" and xmp.get("pdfaid:conformance") == "U"
            assert xmp.get("pdfuaid:part") == "1"
        assert [str(i.S) for i in pdf.Root.OutputIntents] == ["/GTS_PDFA1"]
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                assert obj.get("/Interpolate") is not True
    page = kraver_modul("page", PAGE)
    for profil in ("2u", "ua1"):
        rapport = page.validate_pdf_bytes(res.pdf, profile=profil)
        assert rapport.is_compliant, [(f.rule_id, f.message) for f in rapport.failures]


def test_strom_som_slutar_med_cr_far_entydigt_radslut():
    """PDF/A: /Length ska stämma också när datat slutar med CR (då skrivs CR LF före endstream)."""
    import pydyf

    strom = pydyf.Stream([b"q\r"])
    assert strom.data.endswith(b"stream\nq\r\r\nendstream") and b"/Length 2" in strom.data
    assert pydyf.Stream([b"q"]).data.endswith(b"stream\nq\nendstream")


def test_pdfua_godkand_av_page(prov):
    page = kraver_modul("page", PAGE)
    rapport = page.validate_pdf_bytes(prov.pdf, profile="ua1")
    assert rapport.is_compliant, [(f.rule_id, f.message) for f in rapport.failures]


SKRIPT = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from dokumentprov import provdokument
from rapportverk import resurser
from rapportverk.rendera.pdf import rendera_pdf
rot = Path(sys.argv[2])
res = rendera_pdf(provdokument(), resurser.fil(resurser.STILMALL), rot)
print(hashlib.sha256(res.pdf).hexdigest())
"""


@pytest.mark.slow
def test_byte_identisk_i_separata_processer(prov):
    # Olika PYTHONHASHSEED: ordningen i mängder och ordböcker får inte läcka in i filen.
    summor = set()
    for fro in ("1", "2"):
        ut = subprocess.run([sys.executable, "-c", SKRIPT, str(Path(__file__).parent), str(ROT)], check=True,
                            capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": fro})
        summor.add(ut.stdout.strip())
    assert summor == {hashlib.sha256(prov.pdf).hexdigest()}


def test_figur_och_lank_i_litet_dokument(tmp_path):
    from dokumentprov import provbild

    dok = litet(Stycke((Text("Se "), Lank((Text("regionen"),), "https://example.org"), Text("."))),
                Figur("f", provbild(), "Alt", "Figur 9. Prov", bredd_cm=8))
    res = rendera_pdf(dok, CSS, tmp_path)
    text = pdftext(res.pdf, tmp_path)
    assert res.antal_sidor == 1 and "Se regionen." in text[0] and "Figur 9. Prov" in text[0]


def test_html_mall_utanfor_projektet_anvands_inte(tmp_path):
    """En stilmall direkt i projektets rot har `gemensamt/` en nivå ovanför projektet: en HTML-mall där används inte."""
    projekt = tmp_path / "projekt"
    projekt.mkdir()
    css = projekt / "stil.css"
    css.write_text("p { margin: 0 }", encoding="utf-8")
    (tmp_path / "gemensamt").mkdir()
    (tmp_path / "gemensamt" / "dokument.html.j2").write_text("UTANFOR", encoding="utf-8")
    assert "UTANFOR" not in html_for(litet(), css, projekt)
    assert html_for(litet(), css) == "UTANFOR"  # utan projektrot (ett enskilt anrop) söks den som förut
