"""Exempeldatan är det som generatorn skriver: en ny körning i en tom katalog ger samma byte som de incheckade filerna.

Så syns det direkt om någon ändrar en genererad fil för hand, eller ändrar generatorn eller dess data utan att
skapa om filerna (make exempeldata).
"""

import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import yaml

ROT = Path(__file__).resolve().parents[1]
EXEMPELDATA = ROT / "exempeldata"

# Filerna som generatorn skriver. Övriga filer i exempeldata/ (uppdrag, indikatorer, aktivitetsplan, texter) är
# skrivna för hand.
GENERERADE = sorted([
    "atgarder.csv", "budgetomfordelningar.csv", "investeringar.csv", "kontoplan.csv", "mal_2024.csv",
    "namnder.csv", "organisation.csv", "personal.csv", "prognos_region_2024.csv",
    *(f"budget_{ar}.csv" for ar in range(2021, 2025)),
    *(f"huvudbok_utfall_{ar}.parquet" for ar in range(2020, 2025)),
    *(f"huvudbok_balans_{ar}.parquet" for ar in (2023, 2024)),
    "prognos_2021.xlsx", "prognos_2024.xlsx",
])


def test_generatorn_ger_de_incheckade_filerna(tmp_path):
    r = subprocess.run([sys.executable, str(EXEMPELDATA / "generera.py"), "--ut", str(tmp_path)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == GENERERADE
    skiljer = [namn for namn in GENERERADE if (tmp_path / namn).read_bytes() != (EXEMPELDATA / namn).read_bytes()]
    assert skiljer == []


def test_ingen_binarfil_i_exempeldata_saknar_generator():
    # En Parquet- eller Excelfil som generatorn inte längre skriver skulle ligga kvar orörd och se aktuell ut.
    binara = sorted(p.name for p in EXEMPELDATA.iterdir() if p.suffix in (".parquet", ".xlsx"))
    assert set(binara) <= set(GENERERADE)


def _generatorn(modul: str):
    """En modul i exempeldata/generator (ett paket bredvid projektet, inte en del av rapportverk)."""
    if "generator" not in sys.modules:
        katalog = EXEMPELDATA / "generator"
        spec = importlib.util.spec_from_file_location("generator", katalog / "__init__.py",
                                                      submodule_search_locations=[str(katalog)])
        assert spec and spec.loader
        paket = importlib.util.module_from_spec(spec)
        sys.modules["generator"] = paket
        spec.loader.exec_module(paket)
    return importlib.import_module(f"generator.{modul}")


def test_forslaget_till_nya_mal_ar_en_post_i_datafilen():
    # --foresla-mal skriver YAML i datafilens format (att lösa LP:t kräver scipy; formatet prövas här med målen
    # som redan står i filen): posten läses tillbaka till exakt samma tal.
    foresla = _generatorn("foresla")
    valda = yaml.safe_load((EXEMPELDATA / "generator" / "data" / "valda_mal.yaml").read_text(encoding="utf-8"))
    for rapport, per_ar in valda.items():
        for ar, mal in per_ar.items():
            assert yaml.safe_load(foresla.som_yaml(rapport, ar, mal, "LP: prov")) == {rapport: {ar: mal}}


def test_malen_provas_mot_varje_publicerad_siffra():
    # Generatorn stoppar om de valda målen inte ger de publicerade siffrorna; en ändrad siffra ska alltså märkas.
    import dataclasses

    mal = _generatorn("mal")
    publicerat = _generatorn("publicerat")
    delar = publicerat.PUBLICERAT[2021]
    assert mal.kontrollera_mal(delar, mal.marginaler(2021)) == []
    utfall, *resten = delar.summa
    fel = mal.kontrollera_mal(dataclasses.replace(delar, summa=(utfall - 1, *resten)), mal.marginaler(2021))
    assert fel and all(f.startswith("Summa kolumn 0") for f in fel)
    manad = publicerat.PUBLICERAT_MANAD[2024]
    varden = mal.manadsvarden(mal.manadsheltal(2024))
    assert mal.jamfor_manadsmal(manad, varden) == []
    namn, fg, *resten = manad.summor[-1]
    andrad = dataclasses.replace(manad, summor=(*manad.summor[:-1], (namn, fg - 1, *resten)))
    fel = mal.jamfor_manadsmal(andrad, varden)
    assert len(fel) == 1 and fel[0].startswith(f"{namn} kolumn 0: publicerat {fg - 1},")
