"""Manifestet: deterministisk JSON, sammanslagning, sökvägar och jämförelsen som `rapport verifiera` gör."""

from __future__ import annotations

import hashlib
import json

import pytest

from rapportverk.fel import RapportverkFel
from rapportverk.underlag.tabeller import ladda_projekt
from rapportverk.utdata import manifest


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def projekt(mini):
    return ladda_projekt(mini.konfig)


def enpost(mini, projekt, namnd: str, innehall: bytes, kommando=("rapport", "delar")) -> dict:
    ut = mini.rot / "ut" / "2021-04"
    ut.mkdir(parents=True, exist_ok=True)
    fil = ut / f"rapport-{namnd}.pdf"
    fil.write_bytes(innehall)
    text = mini.skriv(f"text-{namnd}.md", "Text.\n")
    return manifest.post(projekt, mini.konfig, "delarsrapport", namnd, [fil], [text], ("pdf",), False, False,
                         list(kommando), manifest.Hashar())


def test_posten_har_utdata_indata_version_och_kommando(mini, projekt):
    post = enpost(mini, projekt, "styrelsen", b"%PDF-1")
    assert post["utdata"] == {"rapport-styrelsen.pdf": sha(b"%PDF-1")}
    assert sorted(post["indata"]) == ["data/huvudbok.csv", "data/organisation.csv", "data/text-styrelsen.md",
                                      "konfig/kostnadsslag.yaml", "konfig/rapportverk.yaml"]
    assert post["indata"]["konfig/rapportverk.yaml"] == sha(mini.konfig.read_bytes())
    assert post["version"] and post["kommando"] == ["rapport", "delar"] and len(post["kod"]) == 64
    assert (post["rapport"], post["namnd"], post["format"], post["slutlig"], post["pdfa"]) == (
        "delarsrapport", "styrelsen", ["pdf"], False, False)
    # Versionerna som avgör utdatans byte, också typsnittets Debianpaket.
    for paket in ("weasyprint", "pydyf", "python-docx", "matplotlib", "pikepdf", "fonttools",
                  "deb:fonts-crosextra-carlito"):
        assert post["versioner"][paket], paket
    assert post["versioner"]["weasyprint"][0].isdigit()


def test_versionsandring_ar_en_forklaring_inte_en_skillnad(mini, projekt):
    post = enpost(mini, projekt, "styrelsen", b"%PDF-1")
    s = manifest.Skillnader()
    fore = {**post, "versioner": {**post["versioner"], "weasyprint": "69.0", "pydyf": "0.10.0"}}
    manifest.jamfor_ombygge("rapport-styrelsen", fore, post, s)
    assert s.tom and sorted(s.andrade_versioner) == [
        f"pydyf 0.10.0 → {post['versioner']['pydyf']}", f"weasyprint 69.0 → {post['versioner']['weasyprint']}"]
    # Ett manifest från före versionslistan: inget att jämföra med, ingen gissning.
    s = manifest.Skillnader()
    manifest.jamfor_ombygge("rapport-styrelsen", {k: v for k, v in post.items() if k != "versioner"}, post, s)
    assert not s.andrade_versioner


def test_varje_kalla_i_konfigurationen_kommer_med(mini, projekt):
    mini.skriv("prognos.csv", "namnd;nod;period;belopp\nstyrelsen;Service;2021-04;1\n")
    mini.ersatt("hierarkier:", "  prognos:\n    - fil: ../data/prognos.csv\n      niva: delomrade\nhierarkier:")
    filer = manifest.konfigfiler(ladda_projekt(mini.konfig), mini.konfig)
    assert mini.rot / "data" / "prognos.csv" in filer


def test_manifestet_ar_deterministiskt_och_slas_ihop(mini, projekt):
    katalog = mini.rot / "ut" / "2021-04"
    a, b = enpost(mini, projekt, "a", b"A"), enpost(mini, projekt, "b", b"B")
    fil = manifest.skriv(katalog, "2021-04", "konfig/rapportverk.yaml", {"rapport-a": a, "rapport-b": b})
    forsta = fil.read_bytes()
    manifest.skriv(katalog, "2021-04", "konfig/rapportverk.yaml", {"rapport-b": b, "rapport-a": a})
    assert fil.read_bytes() == forsta  # samma innehåll ger samma byte, oavsett ordning
    data = json.loads(forsta)
    assert list(data) == sorted(data) and data["format"] == manifest.FORMATVERSION
    assert "2026" not in forsta.decode() and "tid" not in data  # inga tidsstämplar

    ny_b = enpost(mini, projekt, "b", b"B2", kommando=("rapport", "delar", "--namnd", "b"))
    manifest.skriv(katalog, "2021-04", "konfig/rapportverk.yaml", {"rapport-b": ny_b})
    data = manifest.las(katalog)
    assert data["rapporter"]["rapport-a"] == a  # orörd
    assert data["rapporter"]["rapport-b"]["utdata"] == {"rapport-b.pdf": sha(b"B2")}
    assert not list(katalog.glob(".manifest.json.*"))  # skrivet atomiskt, inga rester


def test_trasigt_manifest_ersatts_och_rapporteras(mini):
    katalog = mini.rot / "ut" / "2021-04"
    katalog.mkdir(parents=True)
    (katalog / manifest.FILNAMN).write_text("{ inte json", encoding="utf-8")
    with pytest.raises(RapportverkFel, match="inte giltig JSON"):
        manifest.las(katalog)
    (katalog / manifest.FILNAMN).write_text('{"format": 99, "rapporter": {}}', encoding="utf-8")
    with pytest.raises(RapportverkFel, match="inte format 1"):
        manifest.las(katalog)
    manifest.skriv(katalog, "2021-04", "k.yaml", {})
    assert manifest.las(katalog)["rapporter"] == {}


def test_sokvagar_utanfor_projektet(tmp_path):
    rot = tmp_path / "projekt"
    rot.mkdir()
    (rot / "a.md").write_text("a")
    assert manifest.relativ(rot / "a.md", rot) == "a.md"
    egen = manifest.VERKTYGSROT / "manifest.py"
    nyckel = manifest.relativ(egen, rot)
    assert nyckel == "rapportverk:manifest.py"  # samma nyckel på varje maskin, var paketet än är installerat
    assert manifest.sokvag(nyckel, rot) == egen and manifest.sokvag("a.md", rot) == rot / "a.md"


def test_jamforelsen_hittar_varje_slags_skillnad(mini, projekt):
    katalog = mini.rot / "ut" / "2021-04"
    post = enpost(mini, projekt, "styrelsen", b"%PDF-1")
    poster = {"rapport-styrelsen": post}
    rot = manifest.projektrot(projekt)

    s = manifest.Skillnader()
    manifest.jamfor_indata(poster, rot, manifest.Hashar(), s)
    manifest.jamfor_utdata(poster, katalog, manifest.Hashar(), s)
    manifest.jamfor_ombygge("rapport-styrelsen", post, post, s)
    assert s.tom
    manifest.jamfor_ombygge("rapport-styrelsen", {**post, "kod": "annan"}, post, s)
    assert s.annan_kod == ["rapport-styrelsen"] and s.tom  # en förklaring, ingen skillnad i sig

    mini.skriv("text-styrelsen.md", "Ändrad text.\n")
    (mini.rot / "data" / "organisation.csv").unlink()
    (katalog / "rapport-styrelsen.pdf").write_bytes(b"redigerad")
    ombyggd = {**post, "utdata": {"rapport-styrelsen.pdf": sha(b"annan")},
               "indata": {**post["indata"], "data/ny.md": sha(b"")}}
    s = manifest.Skillnader()
    manifest.jamfor_indata(poster, rot, manifest.Hashar(), s)
    manifest.jamfor_utdata(poster, katalog, manifest.Hashar(), s)
    manifest.jamfor_ombygge("rapport-styrelsen", post, ombyggd, s)
    assert s.andrade_indata == {"data/text-styrelsen.md": ["rapport-styrelsen"]}
    assert s.saknade_indata == {"data/organisation.csv": ["rapport-styrelsen"]}
    assert s.nya_indata == {"data/ny.md": ["rapport-styrelsen"]}
    assert s.andrade_filer == ["rapport-styrelsen.pdf"] and s.olika_ombyggen == ["rapport-styrelsen.pdf"]
    assert not s.tom
