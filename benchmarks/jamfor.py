"""Mät `rapport jamfor` och det inkrementella bygget på benchmarkregionen (make bench-data först, 40 nämnder).

    python benchmarks/jamfor.py            # JSON på stdout

1. Helt bygge av alla 40 nämnder (A), med en egen textfil för den första nämnden.
2. Samma bygge en gång till i en kopia efter en ändring i den textfilen: inkrementellt (bara den nämnden).
3. `rapport jamfor A B` mellan två hela byggen där en huvudboksrad ändrats.
4. Vad den sparade huvudboken (indata/) och siffrorna (tabeller/) kostar att skriva, mot batchens tid.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HAR = Path(__file__).resolve().parent
KONFIG = HAR / "rapportverk.yaml"
PERIOD = "2021-04"
RAPPORT = str(Path(sys.executable).parent / "rapport")


def kor(*argument: str) -> float:
    start = time.perf_counter()
    subprocess.run([RAPPORT, "--konfig", str(KONFIG), *argument], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    from rapportverk.konfig import ladda

    projekt = ladda(KONFIG)
    forsta = projekt.namnd_ids[0]
    text = HAR / "data" / "texter" / PERIOD / forsta / "viktiga_handelser.md"
    text.parent.mkdir(parents=True, exist_ok=True)
    text.write_text("Nämndens egna viktiga händelser.\n", encoding="utf-8")
    resultat: dict[str, object] = {"namnder": len(projekt.namnd_ids)}
    try:
        with tempfile.TemporaryDirectory(prefix="rapportverk-jamfor-") as tmp:
            a, b = Path(tmp) / "a", Path(tmp) / "b"
            resultat["helt_bygge_s"] = round(kor("delar", "--period", PERIOD, "--ut", str(a), "--jobb", "2"), 1)
            shutil.copytree(a, b)
            text.write_text("Nämndens egna viktiga händelser, omskrivna.\n", encoding="utf-8")
            resultat["inkrementellt_efter_en_text_s"] = round(
                kor("delar", "--period", PERIOD, "--ut", str(b), "--jobb", "2"), 1)
            resultat["kvot"] = round(resultat["inkrementellt_efter_en_text_s"] / resultat["helt_bygge_s"], 3)
            start = time.perf_counter()
            svar = subprocess.run([RAPPORT, "--konfig", str(KONFIG), "jamfor", str(a / PERIOD), str(b / PERIOD),
                                   "--format", "json"], capture_output=True, text=True)
            resultat["jamfor_s"] = round(time.perf_counter() - start, 2)
            resultat["jamfor_kod"] = svar.returncode
            spar = sorted((a / PERIOD / "indata").glob("*.parquet"))
            resultat["indata_mb"] = round(sum(f.stat().st_size for f in spar) / 1e6, 1)
            resultat["tabeller_mb"] = round(sum(f.stat().st_size for f in (a / PERIOD / "tabeller").glob("*")) / 1e6,
                                            1)
        resultat["skriv_sparad_huvudbok_s"] = round(_skrivtid(projekt), 2)
        delar = _skrivtid_delar(projekt)
        if delar is not None:
            resultat["skriv_huvudbok_per_namnd_s"] = round(delar, 2)
    finally:
        text.unlink(missing_ok=True)
    print(json.dumps(resultat, ensure_ascii=False))


def _skrivtid(projekt) -> float:
    """Tiden för att skriva den sparade huvudboken en gång (sker en gång per arbetsprocess)."""
    from rapportverk.kallor import las_indata
    from rapportverk.period import Period
    from rapportverk.utdata import indataspar

    indata = las_indata(projekt, Period.tolka(PERIOD))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        indataspar.skriv(indata.huvudbok, Path(tmp))
        return time.perf_counter() - start


def _skrivtid_delar(projekt) -> float | None:
    """Tiden för att skriva den prövade huvudboken delad per nämnd (utdata.huvudbokscache; en gång per indata)."""
    try:
        from rapportverk.utdata import huvudbokscache
    except ImportError:  # en rapportverk utan den
        return None
    from rapportverk.kallor import las_indata
    from rapportverk.period import Period

    p = Period.tolka(PERIOD)
    indata = las_indata(projekt, p, strikt=False)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        huvudbokscache.skriv(Path(tmp) / "delar-x", "x" * 64, indata)
        return time.perf_counter() - start


if __name__ == "__main__":
    main()
