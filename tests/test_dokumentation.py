"""README:s genererade delar ska stämma med koden."""

from pathlib import Path

from rapportverk.cli.dokumentation import mattlista

README = Path(__file__).resolve().parents[1] / "README.md"


def test_mattlistan_i_readme_ar_aktuell():
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- mått:start")
    start = text.index("\n", start) + 1
    slut = text.index("<!-- mått:slut -->")
    assert text[start:slut] == mattlista(), "kör: python -m rapportverk.cli.dokumentation och klistra in i README"


def test_readme_borjar_med_tva_kommandon():
    import re

    block = re.findall(r"```[a-z]*\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert [b.strip() for b in block[:2]] == ["make rapport", "make test"]
