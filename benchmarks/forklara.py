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
    print(json.dumps({"rader": indata.huvudbok.height, "inlasning_s": round(las, 2),
                      "forklara_s": {k: round(v, 3) for k, v in tider.items()}, "kommando_s": round(kommando, 2),
                      "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))


if __name__ == "__main__":
    main()
