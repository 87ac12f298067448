"""Mät `rapport forklara` på benchmarkhuvudboken (make bench-data först): en cell per slag (en rad, en summa,
en procent), och hela kommandot med inläsning. Skriver JSON på stdout.

    python benchmarks/forklara.py --upprepningar 3
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HAR = Path(__file__).resolve().parent
KONFIG = HAR / "rapportverk.yaml"
PERIOD = "2021-04"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--upprepningar", type=int, default=3)
    arg = ap.parse_args()

    from rapportverk.analys.forklara import forklara
    from rapportverk.period import Period
    from rapportverk.underlag.tabeller import bygg_tabell, ladda_projekt, las_indata

    projekt, p = ladda_projekt(KONFIG), Period.tolka(PERIOD)
    start = time.perf_counter()
    indata = las_indata(projekt, p)
    las = time.perf_counter() - start
    namnd = projekt.namnd_ids[0]
    t = bygg_tabell(projekt, indata, "budgetavvikelse_per_omrade", namnd, p)
    celler = {"rad": (t.rader[0].etikett, "ack_avvikelse"), "summa": (t.rader[-1].etikett, "ack_avvikelse"),
              "procent": (t.rader[-1].etikett, "nettokostnadsutveckling")}
    tider: dict[str, float] = {}
    for slag, (rad, kolumn) in celler.items():
        matningar = []
        for _ in range(arg.upprepningar):
            s = time.perf_counter()
            forklara(projekt, indata, p, namnd, "budgetavvikelse_per_omrade", rad, kolumn)
            matningar.append(time.perf_counter() - s)
        tider[slag] = statistics.median(matningar)
    # Hela kommandot i en ny process: konfiguration, inläsning och förklaring, som en användare kör det.
    s = time.perf_counter()
    rapport = str(Path(sys.executable).parent / "rapport")
    subprocess.run([rapport, "--konfig", str(KONFIG), "forklara", "--period", PERIOD,
                    "--namnd", namnd, "--tabell", "budgetavvikelse_per_omrade", "--rad", t.rader[-1].etikett,
                    "--kolumn", "ack_avvikelse"], check=True, capture_output=True)
    kommando = time.perf_counter() - s
    resultat = {"rader": indata.huvudbok.height, "inlasning_s": round(las, 2),
                "forklara_s": {k: round(v, 3) for k, v in tider.items()}, "kommando_s": round(kommando, 2)}
    resultat |= _med_sparad_huvudbok(projekt, p, indata, rapport, namnd, t.rader[-1].etikett, arg.upprepningar,
                                     kommando)
    resultat["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(resultat))


def _med_sparad_huvudbok(projekt, p, indata, rapport: str, namnd: str, rad: str, upprepningar: int,
                         utan: float) -> dict:
    """Samma kommando efter ett bygge som sparat den prövade huvudboken per nämnd (utdata.huvudbokscache, issue 23
    punkt 3): forklara läser då bara nämndens del. Omväxlande med kommandot utan sparad huvudbok; kvoten mellan
    medianerna. Tomt med en rapportverk som inte har den."""
    try:
        from rapportverk.utdata import huvudbokscache
    except ImportError:
        return {}
    with tempfile.TemporaryDirectory(prefix="rapportverk-forklara-") as tmp:
        ut = Path(tmp) / "ut"
        s = time.perf_counter()
        huvudbokscache.forbered(projekt, KONFIG, p, ut, lambda: indata)
        skriv = time.perf_counter() - s
        kommando = [rapport, "--konfig", str(KONFIG), "forklara", "--period", PERIOD, "--namnd", namnd, "--tabell",
                    "budgetavvikelse_per_omrade", "--rad", rad, "--kolumn", "ack_avvikelse"]
        med, utan_ = [], [utan]
        for i in range(upprepningar):
            s = time.perf_counter()
            subprocess.run([*kommando, "--bygge", str(ut)], check=True, capture_output=True)
            med.append(time.perf_counter() - s)
            if i:  # den första mätningen utan gjordes ovan
                s = time.perf_counter()
                subprocess.run(kommando, check=True, capture_output=True)
                utan_.append(time.perf_counter() - s)
    return {"skriv_sparad_huvudbok_per_namnd_s": round(skriv, 2),
            "kommando_med_sparad_huvudbok_s": round(statistics.median(med), 2),
            "kommando_utan_sparad_huvudbok_s": round(statistics.median(utan_), 2),
            "kvot_med_mot_utan": round(statistics.median(med) / statistics.median(utan_), 3)}


if __name__ == "__main__":
    main()
