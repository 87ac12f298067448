"""Felaktig konfiguration: ett svenskt meddelande per fel, med fil, rad och nyckel."""

from pathlib import Path

import pytest

from rapportverk.fel import RapportverkFel
from rapportverk.underlag.tabeller import ladda_projekt


def fel_for(mini) -> list[str]:
    with pytest.raises(RapportverkFel) as exc:
        ladda_projekt(mini.konfig)
    return [str(f) for f in exc.value.fel]


def rad_med(mini, text: str) -> int:
    return next(i for i, rad in enumerate(mini.konfig.read_text().splitlines(), 1) if rad.strip().endswith(text))


def test_giltig_konfiguration_laddas(mini):
    projekt = ladda_projekt(mini.konfig)
    assert projekt.namnd_ids == ["styrelsen"]
    assert projekt.org_nivaer == ["enhet", "delomrade", "omrade", "namnd"]


def test_felstavad_kolumn_ger_rad_och_forslag(mini):
    mini.ersatt("      - ack_utfall_fg", "      - ack_utfal")
    assert fel_for(mini) == [
        f"konfig/rapportverk.yaml:{rad_med(mini, '- ack_utfal')}: okänd kolumn 'ack_utfal' i tabellen "
        "'per_omrade' — menade du 'ack_utfall'?"]


def test_okand_nyckel_ger_forslag(mini):
    mini.ersatt("      serie: utfall", "      serie: utfall\n      separatorr: ','")
    (fel,) = fel_for(mini)
    rad = rad_med(mini, "separatorr: ','")
    assert fel.startswith(f"konfig/rapportverk.yaml:{rad}: okänd nyckel 'separatorr'")
    assert "menade du 'separator'?" in fel


def test_flera_fel_visas_tillsammans(mini):
    mini.ersatt("      - ack_utfall_fg", "      - ack_utfal")
    mini.ersatt("    rader: delomrade", "    rader: delområde")
    mini.ersatt("../data/organisation.csv", "../data/saknas.csv")
    fel = fel_for(mini)
    assert len(fel) == 3
    assert any("okänd radindelning 'delområde'" in f and "menade du 'delomrade'?" in f for f in fel)
    assert any("filen '../data/saknas.csv' finns inte" in f for f in fel)


def test_yaml_syntaxfel_ger_rad(mini):
    mini.ersatt("  namn: Testregionen", "  namn: Testregionen\n   fel: [")
    (fel,) = fel_for(mini)
    assert fel.startswith("konfig/rapportverk.yaml:")
    assert int(fel.split(":")[1]) in (3, 4, 5)


def test_otillatet_varde(mini):
    mini.ersatt("      serie: utfall", "      serie: utfall\n      enhet: Mkr")
    (fel,) = fel_for(mini)
    assert f":{rad_med(mini, 'enhet: Mkr')}: värdet 'Mkr'" in fel and "'kr', 'tkr' eller 'mkr'." in fel


def test_saknad_nyckel(mini):
    mini.ersatt("    namn: Styrelsen\n", "")
    (fel,) = fel_for(mini)
    assert "nyckeln 'namn' saknas i 'namnder[1]'" in fel


def test_dubblerad_nyckel(mini):
    mini.ersatt("organisation:\n  namn: Testregionen", "organisation:\n  namn: Testregionen\n  namn: Igen")
    (fel,) = fel_for(mini)
    assert "konfig/rapportverk.yaml:3: nyckeln 'namn' förekommer två gånger" in fel


def test_okant_rubrikfalt(mini):
    mini.ersatt("      - ack_utfall_fg", "      - {matt: ack_utfall_fg, rubrik: 'Utfall {år}'}")
    (fel,) = fel_for(mini)
    assert "okänt fält {år}" in fel and "menade du 'ar'?" in fel


def test_overlappande_kontointervall(mini):
    ks = mini.rot / "konfig" / "kostnadsslag.yaml"
    ks.write_text(ks.read_text().replace('konton: ["3000-3199"]', 'konton: ["3000-3299"]'))
    (fel,) = fel_for(mini)
    assert fel.startswith("konfig/kostnadsslag.yaml:")
    assert "överlappar 3000-3299" in fel


def test_varav_utanfor_foraldern(mini):
    ks = mini.rot / "konfig" / "kostnadsslag.yaml"
    ks.write_text(ks.read_text().replace('konton: ["5500-5599"]', 'konton: ["5500-5999"]'))
    (fel,) = fel_for(mini)
    assert "varav-raden 'Pensionskostnader'" in fel


@pytest.mark.parametrize(("yamltext", "vantat"), [
    ("titel: [\n", "x.yaml:2: ett värde saknas; är en [ eller { inte stängd?"),
    ("a: [1, 2\nb: 3\n", "2: en lista inom [ ] är inte stängd, eller ett komma saknas mellan två värden"),
    ("a: {b: 1\n", "en karta inom { } är inte stängd, eller ett komma saknas mellan två värden"),
    ("a:\n  - 1\n - 2\n", "3: ett listelement har fel indrag"),
    ("a: @x\n", "1: ett värde kan inte börja med tecknet @; sätt värdet inom citattecken"),
    ("a: !!python/object 1\n", "1: taggar som !!python är inte tillåtna i konfigurationen; ta bort taggen"),
    # libyaml godtar tabb efter ett värde; filen läses som förut av Pythonversionen, som inte gör det.
    ("a: 1\t\n", "1: tabbtecken är inte tillåtna; dra in med blanksteg"),
    ("a:\n  b: x\ty\n", "2: tabbtecken är inte tillåtna; dra in med blanksteg"),
])
def test_yamlfel_helt_pa_svenska(tmp_path, yamltext, vantat):
    """Inga engelska parenteser ("expected the node content, but found '<stream end>'") för vanliga misstag."""
    from rapportverk.konfig.yamlrader import las_yaml

    fil = tmp_path / "x.yaml"
    fil.write_text(yamltext, encoding="utf-8")
    with pytest.raises(RapportverkFel) as exc:
        las_yaml(fil, "x.yaml")
    (fel,) = [str(f) for f in exc.value.fel]
    assert vantat in fel and "expected" not in fel and "found" not in fel


def test_yaml_med_libyaml_ger_samma_varden_och_rader_som_pythonversionen(monkeypatch):
    """Konfigurationen läses med libyaml (snabbare vid varje kommando); värdena och radnumren för felen ska vara
    desamma som med PyYAML:s Pythonversion, för varje YAML-fil i projektet och startprojektet."""
    import yaml

    from rapportverk.konfig import yamlrader

    assert yamlrader._SNABB is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rot = Path(__file__).resolve().parents[1]
    filer = sorted([*rot.glob("konfig/**/*.yaml"), *rot.glob("src/rapportverk/startprojekt/**/*.yaml"),
                    *rot.glob("benchmarks/*.yaml")])
    assert len(filer) >= 5
    snabba = [yamlrader.las_yaml(f, f.name) for f in filer]
    monkeypatch.setattr(yamlrader, "_SNABB", yaml.SafeLoader)
    assert [yamlrader.las_yaml(f, f.name) for f in filer] == snabba
