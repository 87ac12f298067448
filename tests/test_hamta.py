"""`rapport hamta`: text som redaktörer ändrat i DOCX:en kommer tillbaka till rätt textblock, exakt, och inget går
förlorat. Exempelrapporterna byggs en gång; textblocken kopieras till en temporär projektrot (samma sökvägar),
DOCX:en ändras med python-docx (och, långsamt, efter en tur genom LibreOffice), och filerna läses tillbaka."""

from __future__ import annotations

import copy
import functools
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SOFFICE, kraver_program
from docx import Document
from docx.oxml.ns import qn
from dokumentprov import provbild
from typer.testing import CliRunner

from rapportverk import resurser
from rapportverk.bygg.batch import Bestallning
from rapportverk.bygg.batch import las as las_indata
from rapportverk.bygg.rapport import tolka_period
from rapportverk.cli import app
from rapportverk.dokument import markdown_ut
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.dokument.markdown import tolka
from rapportverk.dokument.modell import Dokument, Figur, Meta, Rubrik, Text, Textblock, Textblockslut
from rapportverk.dokument.tabell import slug
from rapportverk.dokument.textblock import TEXTBILD, fingeravtryck, kallhash
from rapportverk.fel import RapportverkFel
from rapportverk.redaktion.docx_las import las
from rapportverk.redaktion.hamta import hamta
from rapportverk.rendera.docx import docx_bytes
from rapportverk.rendera.docx_markning import (
    EGENSKAP,
    las_egenskaper,
    skriv_egenskaper,
    textblocksomraden,
    tolka_bokmarke,
)
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt

ROT = Path(__file__).resolve().parents[1]
KONFIG = ROT / "konfig" / "rapportverk.yaml"
RAPPORTER = [("delarsrapport", "2024-08", n) for n in (
    "regionstyrelsen", "halso_och_sjukvardsnamnden", "regionala_utvecklingsnamnden", "folkhogskolestyrelsen",
    "patientnamnden", "revisionen")] + [("delarsrapport_region", "2024-08", "region"),
                                         ("delarsrapport", "2021-04", "regionstyrelsen")]
RS = ("delarsrapport", "2024-08", "regionstyrelsen")
VIKTIGA = "exempeldata/texter/2024-08/regionstyrelsen/viktiga_handelser.md"


@functools.cache
def _byggd(rapport: str, period: str, namnd: str) -> bytes:
    projekt = ladda_projekt(KONFIG)
    p = tolka_period(projekt, rapport, period)
    underlag = Underlag(projekt, las_indata(projekt, Bestallning(KONFIG, rapport, p, ROT / "ut")), p)
    return docx_bytes(bygg_dokument(underlag, rapport, namnd), projekt.wordmall(rapport))


@pytest.fixture
def rot(tmp_path: Path) -> Path:
    """En projektrot med kopior av exemplets textblock (samma sökvägar som i DOCX:en)."""
    shutil.copytree(ROT / "mallar", tmp_path / "projekt" / "mallar")
    shutil.copytree(ROT / "exempeldata" / "texter", tmp_path / "projekt" / "exempeldata" / "texter")
    return tmp_path / "projekt"


def _filer(rot: Path) -> dict[str, bytes]:
    return {str(f.relative_to(rot)): f.read_bytes() for f in sorted(rot.rglob("*")) if f.is_file()}


class Redigering:
    """DOCX:en öppnad i python-docx, med varje textblocks element (kroppens) efter fil."""

    def __init__(self, data: bytes, fil: Path) -> None:
        fil.write_bytes(data)
        self.fil, self.doc = fil, Document(str(fil))
        egenskaper = las_egenskaper(self.doc)
        element = [e for e in self.doc.element.body if e.tag != qn("w:sectPr")]
        self.block = {egenskaper[f"{EGENSKAP}{nr:04d}"].split("#")[0]: element[a:b + 1]
                      for nr, (a, b) in textblocksomraden(element).items()}

    def stycke(self, kalla: str, borjan: str):
        return next(e for e in self.block[kalla] if e.tag == qn("w:p") and _text(e).startswith(borjan))

    def spara(self) -> Path:
        self.doc.save(str(self.fil))
        return self.fil


def _text(e) -> str:
    return "".join(t.text or "" for t in e.iter(qn("w:t")))


def _satt_text(p, text: str) -> None:
    """Styckets text i en enda körning (formatet från den första)."""
    korningar = p.findall(qn("w:r"))
    for r in korningar[1:]:
        p.remove(r)
    for t in korningar[0].findall(qn("w:t")):
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _korning(p, text: str, fet: bool = False):
    r = copy.deepcopy(p.find(qn("w:r")))
    r.find(qn("w:t")).text = text
    if fet:
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            rpr = r.makeelement(qn("w:rPr"), {})
            r.insert(0, rpr)
        rpr.append(rpr.makeelement(qn("w:b"), {}))
    p.append(r)
    return r


def _andra_viktiga(red: Redigering) -> None:
    """Byt ord, stryk en mening, gör ett ord fetstilt, lägg till ett stycke och en punkt i listan."""
    p = red.stycke(VIKTIGA, "Sammanslagningen")
    _satt_text(p, "Sammanslagningen av digitalisering och service till ett verksamhetsområde har gett en samlad "
                  "ingång för verksamheternas beställningar. ")
    _korning(p, "Energikostnaderna", fet=True)
    _korning(p, " har sjunkit jämfört med föregående år.")
    nytt = copy.deepcopy(p)
    _satt_text(nytt, "Ett nytt stycke om lokalerna.")
    p.addnext(nytt)
    punkt = red.stycke(VIKTIGA, "Ekonomistaben")
    ny_punkt = copy.deepcopy(punkt)
    _satt_text(ny_punkt, "Upphandlingen av lokalvård är klar.")
    punkt.addnext(ny_punkt)


VIKTIGA_EFTER = """\
---
status: klar
ansvarig: Anna Berg
datum: 2024-09-05
---
### Digitalisering och service

Sammanslagningen av digitalisering och service till ett verksamhetsområde har gett en samlad ingång för verksamheternas beställningar. **Energikostnaderna** har sjunkit jämfört med föregående år.

Ett nytt stycke om lokalerna.

### Ledning och staber

- Ekonomistaben har infört månatliga prognosmöten med samtliga förvaltningar.
- Upphandlingen av lokalvård är klar.
- HR-staben har tagit fram en gemensam plan för kompetensförsörjning.
- Ledningsstaben har övat regionens krisledning tillsammans med kommunerna.
"""  # noqa: E501


def test_oandrad_docx_andrar_ingenting(rot: Path, tmp_path: Path):
    fore = _filer(rot)
    fil = tmp_path / "rs.docx"
    fil.write_bytes(_byggd(*RS))
    (r,) = hamta([fil], rot, skriv_filer=True)
    assert len(r.block) == 9  # budgetbilagan utelämnas: regionstyrelsen har inga budgetomfördelningar 2024
    assert {b.status for b in r.block} == {"oforandrat"}
    assert r.meddelanden == []
    assert _filer(rot) == fore


def test_andringar_i_word_kommer_tillbaka_exakt(rot: Path, tmp_path: Path):
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    _andra_viktiga(red)
    fore = _filer(rot)
    (r,) = hamta([red.spara()], rot, skriv_filer=True)
    assert [(b.kalla, b.status) for b in r.block if b.status != "oforandrat"] == [(VIKTIGA, "andrat")]
    assert (rot / VIKTIGA).read_text(encoding="utf-8") == VIKTIGA_EFTER
    efter = _filer(rot)
    assert {k for k in efter if efter[k] != fore.get(k)} == {VIKTIGA}


def test_uttryck_star_kvar_nar_texten_runt_dem_andras(rot: Path, tmp_path: Path):
    kalla = "exempeldata/texter/2024-08/gemensamt/medarbetare.md"
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    p = red.stycke(kalla, "Sjukfrånvaron")
    for t in p.iter(qn("w:t")):
        t.text = t.text.replace("för kvinnor", "bland kvinnor")
    (r,) = hamta([red.spara()], rot, skriv_filer=True)
    assert [b.status for b in r.block if b.kalla == kalla] == ["andrat"]
    text = (rot / kalla).read_text(encoding="utf-8")
    original = (ROT / kalla).read_text(encoding="utf-8")
    # Bara de ändrade orden skrivs: första stycket (med sina villkor) och radbrytningarna står kvar ordagrant,
    # och uttrycken runt ändringen likaså.
    assert "\nför kvinnor och" in original
    assert text == original.replace("\nför kvinnor och", "\nbland kvinnor och")


def test_konflikt_nar_filen_andrats_sedan_bygget(rot: Path, tmp_path: Path):
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    _andra_viktiga(red)
    fil = rot / VIKTIGA
    fil.write_text(fil.read_text(encoding="utf-8") + "\nEn rad som skrevs efter bygget.\n", encoding="utf-8")
    i_filen = fil.read_bytes()
    resultat = CliRunner().invoke(app, ["--konfig", str(rot / "konfig" / "x.yaml"), "hamta", str(red.spara()),
                                        "--skriv"])
    assert resultat.exit_code == 1, resultat.output
    assert fil.read_bytes() == i_filen
    konflikt = rot / (VIKTIGA + ".fran-word.md")
    assert konflikt.read_text(encoding="utf-8") == VIKTIGA_EFTER
    assert f"Textblock {VIKTIGA}: KONFLIKT" in resultat.output
    assert "filen har ändrats sedan dokumentet byggdes" in resultat.output
    assert f"Words version sparad i {VIKTIGA}.fran-word.md." in resultat.output


def test_andrat_tal_i_genererad_tabell_rapporteras_och_tas_inte(rot: Path, tmp_path: Path):
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    tabell = next(t for t in red.doc.element.body.iter(qn("w:tbl"))
                  if any(getattr(tolka_bokmarke(b.get(qn("w:name"))), "slag", "") == "Tab"
                         for b in t.iter(qn("w:bookmarkStart"))))
    tal = next(t for t in tabell.iter(qn("w:t")) if any(c.isdigit() for c in t.text or ""))
    tal.text = "999"
    fore = _filer(rot)
    (r,) = hamta([red.spara()], rot, skriv_filer=True)
    assert len(r.meddelanden) == 1
    assert r.meddelanden[0].startswith("en genererad tabell är ändrad (ungefär sida ")
    assert r.meddelanden[0].endswith("ändringen tas inte med – tabellen byggs från data.")
    assert _filer(rot) == fore


def test_andrat_varde_rapporteras_och_uttrycket_star_kvar(rot: Path, tmp_path: Path):
    kalla = "mallar/delarsrapport/texter/inledning.md"
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    p = red.stycke(kalla, "Delårsrapporten")
    for t in p.iter(qn("w:t")):
        t.text = t.text.replace("augusti 2024", "juli 2024")
    fore = _filer(rot)
    (r,) = hamta([red.spara()], rot, skriv_filer=True)
    (b,) = [b for b in r.block if b.kalla == kalla]
    assert b.meddelanden == ['värdet "juli 2024" är ändrat i Word; det räknas fram ur data och ändringen tas inte '
                             "med."]
    assert _filer(rot) == fore


def test_text_utanfor_textblocken_rapporteras_med_sida(rot: Path, tmp_path: Path):
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    rubrik = next(p for p in red.doc.paragraphs if p.text == "Medarbetare")
    nytt = copy.deepcopy(red.stycke(VIKTIGA, "Sammanslagningen"))
    _satt_text(nytt, "Skrivet direkt under rubriken av en redaktör som inte såg blocken.")
    rubrik._p.addnext(nytt)
    (r,) = hamta([red.spara()], rot, skriv_filer=False)
    assert len(r.meddelanden) == 1
    assert r.meddelanden[0].startswith("text utanför textblocken, ungefär sida ")
    assert r.meddelanden[0].endswith(': "Skrivet direkt under rubriken av en redaktör som …"; den tas inte med – '
                                     "flytta den till ett textblock.")


def _lagg_till_i_varje_block(red: Redigering) -> dict[str, str]:
    """Ett nytt ord i första vanliga stycket i varje textblock, eller i första punkten i en lista."""
    tillagt = {}
    for n, (kalla, element) in enumerate(sorted(red.block.items())):
        stycken = [e for e in element if e.tag == qn("w:p")]
        vanliga = [e for e in stycken if _vanligt(e)] or [e for e in stycken if _stil(e).startswith("List")]
        p = vanliga[0]
        ord_ = f"Redaktörsord{n}"
        r = _korning(p, f" {ord_}.")
        rpr = r.find(qn("w:rPr"))
        if rpr is not None:
            r.remove(rpr)
        tillagt[kalla] = ord_
    return tillagt


def _stil(p) -> str:
    ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return "Normal" if ps is None else ps.get(qn("w:val"))


def _vanligt(p) -> bool:
    return bool(_text(p).strip()) and _stil(p) == "Normal"


def _kontrollera(rot: Path, r, tillagt: dict[str, str]) -> None:
    status = {b.kalla: b.status for b in r.block}
    # Villkoren i den ekonomiska analysen står efter det tillagda ordet: det hamnar i filen (tre vägar).
    assert status.get("exempeldata/texter/2024-08/gemensamt/ekonomisk_analys.md", "andrat") == "andrat"
    for kalla, ord_ in tillagt.items():
        if status[kalla] == "andrat":
            assert ord_ in (rot / kalla).read_text(encoding="utf-8"), kalla
        else:  # villkor eller loopar i stycket: Words version bredvid, med ordet, och filen orörd
            assert status[kalla] == "for_hand", (kalla, status[kalla])
            assert ord_ in (rot / (kalla + ".fran-word.md")).read_text(encoding="utf-8"), kalla
            assert (rot / kalla).read_bytes() == (ROT / kalla).read_bytes()


@pytest.mark.parametrize(("rapport", "period", "namnd"), RAPPORTER, ids=["-".join(r) for r in RAPPORTER])
def test_varje_textblock_kommer_tillbaka(rot: Path, tmp_path: Path, rapport: str, period: str, namnd: str):
    red = Redigering(_byggd(rapport, period, namnd), tmp_path / "r.docx")
    tillagt = _lagg_till_i_varje_block(red)
    assert set(tillagt) == {b.kalla for b in hamta([red.fil], ROT)[0].block} and len(tillagt) >= 9
    (r,) = hamta([red.spara()], rot, skriv_filer=True)
    _kontrollera(rot, r, tillagt)


def _genom_libreoffice(fil: Path, tmp_path: Path) -> Path:
    kraver_program("soffice", SOFFICE)
    ut = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo_profil", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(ut), str(fil)], check=True, capture_output=True,
                   timeout=300)
    return ut / fil.name


@pytest.mark.slow
def test_libreoffice_oandrad_och_andrad(rot: Path, tmp_path: Path):
    fore = _filer(rot)
    oandrad = tmp_path / "oandrad.docx"
    oandrad.write_bytes(_byggd(*RS))
    (r,) = hamta([_genom_libreoffice(oandrad, tmp_path)], rot, skriv_filer=True)
    assert {b.status for b in r.block} == {"oforandrat"} and r.meddelanden == []
    assert _filer(rot) == fore
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    _andra_viktiga(red)
    (r,) = hamta([_genom_libreoffice(red.spara(), tmp_path)], rot, skriv_filer=True)
    assert (rot / VIKTIGA).read_text(encoding="utf-8") == VIKTIGA_EFTER


@pytest.mark.slow
@pytest.mark.parametrize(("rapport", "period", "namnd"), RAPPORTER, ids=["-".join(r) for r in RAPPORTER])
def test_varje_textblock_kommer_tillbaka_genom_libreoffice(rot: Path, tmp_path: Path, rapport: str, period: str,
                                                            namnd: str):
    red = Redigering(_byggd(rapport, period, namnd), tmp_path / "r.docx")
    tillagt = _lagg_till_i_varje_block(red)
    (r,) = hamta([_genom_libreoffice(red.spara(), tmp_path)], rot, skriv_filer=True)
    _kontrollera(rot, r, tillagt)


def test_samma_docx_ger_samma_svar():
    assert hashlib.sha256(_byggd(*RS)).digest() == hashlib.sha256(_byggd.__wrapped__(*RS)).digest()


def test_nytt_stycke_direkt_efter_blocket_hor_till_det(rot: Path, tmp_path: Path):
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    sista = red.stycke(VIKTIGA, "Ledningsstaben")
    nytt = copy.deepcopy(red.stycke(VIKTIGA, "Sammanslagningen"))
    _satt_text(nytt, "Skrivet efter blockets sista punkt.")
    sista.addnext(nytt)
    (r,) = hamta([red.spara()], rot, skriv_filer=True)
    assert r.meddelanden == []
    assert (rot / VIKTIGA).read_text(encoding="utf-8") == (ROT / VIKTIGA).read_text(encoding="utf-8") + (
        "\nSkrivet efter blockets sista punkt.\n")


RIK = """\
## Rubrik i blocket

Ett stycke med *kursiv*, **fet** och en [länk](https://example.se/sida).
Andra raden i samma stycke.

1. Första
2. Andra
   - inre punkt

| Åtgärd | Effekt mkr |
|---|---:|
| Minskad inhyrning | 12,5 |
"""
FRAMSIDA = "---\nstatus: utkast\nansvarig: Anna\n---\n"


def _rik_docx(tmp_path: Path) -> tuple[Path, Path]:
    """Ett dokument med ett textblock med rubrik, länk, listor och tabell; filen har front matter."""
    block = tolka(RIK)
    marke = Textblock("texter/rik.md", kallhash(RIK), fingeravtryck(markdown_ut.skriv(block, jamfor=True)))
    dok = Dokument(Meta("Prov", "Region Prov"), (Rubrik(1, (Text("Kapitel"),), "kapitel"), marke, *block,
                                                   Textblockslut()))
    rot = tmp_path / "projekt"
    (rot / "texter").mkdir(parents=True)
    (rot / "texter" / "rik.md").write_text(FRAMSIDA + RIK, encoding="utf-8")
    fil = tmp_path / "rik.docx"
    fil.write_bytes(docx_bytes(dok, resurser.fil(resurser.WORDMALL)))
    return fil, rot


def test_rubrik_lankar_listor_och_tabell_gar_fram_och_tillbaka(tmp_path: Path):
    fil, rot = _rik_docx(tmp_path)
    (r,) = hamta([fil], rot, skriv_filer=True)
    assert [(b.kalla, b.status) for b in r.block] == [("texter/rik.md", "oforandrat")]
    (las_block,) = las(fil).textblock
    assert markdown_ut.skriv(las_block.block) == markdown_ut.skriv(tolka(RIK))
    assert (rot / "texter" / "rik.md").read_text(encoding="utf-8") == FRAMSIDA + RIK


def test_andring_i_tabell_och_lank_behaller_front_matter(tmp_path: Path):
    fil, rot = _rik_docx(tmp_path)
    doc = Document(str(fil))
    for t in doc.element.body.iter(qn("w:t")):
        t.text = t.text.replace("12,5", "13,5").replace("länk", "webbsida")
    doc.save(str(fil))
    (r,) = hamta([fil], rot, skriv_filer=True)
    assert [b.status for b in r.block] == ["andrat"]
    assert (rot / "texter" / "rik.md").read_text(encoding="utf-8") == FRAMSIDA + """\
## Rubrik i blocket

Ett stycke med *kursiv*, **fet** och en [webbsida](https://example.se/sida). Andra raden i samma stycke.

1. Första
2. Andra
   - inre punkt

| Åtgärd | Effekt mkr |
| --- | ---: |
| Minskad inhyrning | 13,5 |
"""


MED_BILD = """\
Före bilden.

![Karta över regionen](karta.png)

Efter bilden.
"""


def test_bild_i_blocket_star_kvar_nar_texten_runt_den_andras(tmp_path: Path):
    bild = lambda src, alt: Figur(f"{TEXTBILD}{slug(src)}", provbild(), alt, alt)  # noqa: E731
    block = tolka(MED_BILD, bild=bild)
    marke = Textblock("texter/bild.md", kallhash(MED_BILD), fingeravtryck(markdown_ut.skriv(block, jamfor=True)))
    rot = tmp_path / "projekt"
    (rot / "texter").mkdir(parents=True)
    (rot / "texter" / "bild.md").write_text(MED_BILD, encoding="utf-8")
    fil = tmp_path / "bild.docx"
    fil.write_bytes(docx_bytes(Dokument(Meta("Prov", "Region Prov"), (marke, *block, Textblockslut())),
                               resurser.fil(resurser.WORDMALL)))
    (r,) = hamta([fil], rot)
    assert [b.status for b in r.block] == ["oforandrat"]
    doc = Document(str(fil))
    for t in doc.element.body.iter(qn("w:t")):
        t.text = t.text.replace("Efter bilden.", "Efter bilden, ändrat.")
    doc.save(str(fil))
    (r,) = hamta([fil], rot, skriv_filer=True)
    assert [b.status for b in r.block] == ["andrat"]
    efter = MED_BILD.replace("Efter bilden.", "Efter bilden, ändrat.")
    assert (rot / "texter" / "bild.md").read_text(encoding="utf-8") == efter


def test_sokvag_utanfor_projektet_las_och_skrivs_aldrig(tmp_path: Path):
    fil, rot = _rik_docx(tmp_path)
    doc = Document(str(fil))
    for t in doc.element.body.iter(qn("w:t")):
        t.text = t.text.replace("12,5", "13,5")
    doc.save(str(fil))
    (rot / "texter" / "rik.md").rename(tmp_path / "rik.md")
    (rot / "ovan").mkdir()
    for falsk in ("../rik.md", "texter/../../rik.md", "/etc/passwd"):
        data = fil.read_bytes()
        kopia = tmp_path / "falsk.docx"
        kopia.write_bytes(data)
        d = Document(str(kopia))
        skriv_egenskaper(d, {f"{EGENSKAP}0001": f"{falsk}#x#y"})
        d.save(str(kopia))
        (r,) = hamta([kopia], rot / "ovan", skriv_filer=True)
        assert [b.status for b in r.block] == ["saknas"], falsk
    assert (tmp_path / "rik.md").read_text(encoding="utf-8") == FRAMSIDA + RIK
    assert not list(tmp_path.glob("*.fran-word.md"))


def test_docx_utan_markning_och_fil_som_inte_ar_docx(tmp_path: Path):
    fil = tmp_path / "vanlig.docx"
    fil.write_bytes(docx_bytes(Dokument(Meta("Prov", "Region Prov"), (Rubrik(1, (Text("Kapitel"),), "k"),)),
                               resurser.fil(resurser.WORDMALL)))
    (r,) = hamta([fil], tmp_path)
    assert r.block == [] and r.meddelanden[0].startswith("filen har inga märkta textblock")
    trasig = tmp_path / "trasig.docx"
    trasig.write_text("inte en docx", encoding="utf-8")
    resultat = CliRunner().invoke(app, ["--konfig", str(tmp_path / "konfig" / "x.yaml"), "hamta", str(trasig)])
    assert isinstance(resultat.exception, RapportverkFel)
    assert str(resultat.exception) == (f"{trasig}: filen går inte att läsa som Word-dokument; spara den som .docx "
                                       "(Word-dokument) i Word eller LibreOffice.")


EKONOMI = "exempeldata/texter/2024-08/gemensamt/ekonomisk_analys.md"


def test_andring_i_text_med_villkor_placeras_ord_for_ord(rot: Path, tmp_path: Path):
    """Ett stycke med {% if %}: ändrade ord som också står i källtexten förs in där; villkoren står kvar."""
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    p = red.stycke(EKONOMI, "Regionstyrelsen redovisar")
    for t in p.iter(qn("w:t")):
        t.text = t.text.replace("jämfört med samma period", "jämfört med motsvarande period")
    (r,) = hamta([red.spara()], rot, skriv_filer=True)
    assert [b.status for b in r.block if b.kalla == EKONOMI] == ["andrat"]
    original = (ROT / EKONOMI).read_text(encoding="utf-8")
    assert (rot / EKONOMI).read_text(encoding="utf-8") == original.replace("jämfört med samma period",
                                                                            "jämfört med motsvarande period")


def test_tillagg_i_en_gren_av_ett_villkor_gors_for_hand(rot: Path, tmp_path: Path):
    """En mening efter texten i en gren: om den hör till villkoret eller inte går inte att veta."""
    kalla = "exempeldata/texter/2024-08/gemensamt/arsprognos.md"
    red = Redigering(_byggd(*RS), tmp_path / "rs.docx")
    p = red.stycke(kalla, "Prognosen")
    _korning(p, " En mening till.")
    (r,) = hamta([red.spara()], rot, skriv_filer=True)
    (b,) = [b for b in r.block if b.kalla == kalla]
    assert b.status == "for_hand"
    assert (rot / kalla).read_bytes() == (ROT / kalla).read_bytes()
    assert (rot / (kalla + ".fran-word.md")).read_text(encoding="utf-8").endswith(
        "miljoner kronor. En mening till.\n")
