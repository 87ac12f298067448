"""Ett mätsteg i en egen process, så att toppminnet (RSS) gäller just det steget. Skriver JSON på stdout.

    python benchmarks/steg.py tabeller --upprepningar 3
    python benchmarks/steg.py rapport --upprepningar 5
    python benchmarks/steg.py batch --jobb 2
    python benchmarks/steg.py dela
    python benchmarks/steg.py tabeller --profil benchmarks/data/profil-tabeller.html   # kräver pyinstrument
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

HAR = Path(__file__).resolve().parent
KONFIG = HAR / "rapportverk.yaml"
PERIOD = "2021-04"


def rss_mb(vem: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(vem).ru_maxrss / 1024  # Linux: kB


def tid(f: Callable[[], object]) -> float:
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def _projekt(konfig: Path = KONFIG):
    from rapportverk.period import Period
    from rapportverk.underlag.tabeller import ladda_projekt

    return ladda_projekt(konfig), Period.tolka(PERIOD)


def tabeller(upprepningar: int) -> dict:
    """(a) läs konfiguration och indata, och räkna varje tabell (och nämndens nyckeltal) för varje nämnd."""
    from rapportverk.underlag.tabeller import bygg_tabell, las_indata, nyckeltal

    las, rakna, antal = [], [], 0
    for _ in range(upprepningar):
        start = time.perf_counter()
        projekt, p = _projekt()
        indata = las_indata(projekt, p)
        mitt = time.perf_counter()
        antal = 0
        for namnd in projekt.namnd_ids:
            for namn in projekt.konfig.tabeller:
                bygg_tabell(projekt, indata, namn, namnd, p)
                antal += 1
            nyckeltal(projekt, indata, namnd, p)
        las.append(mitt - start)
        rakna.append(time.perf_counter() - mitt)
    return {"las": las, "tabeller": rakna, "antal_tabeller": antal, "rader": indata.huvudbok.height,
            "rss_mb": rss_mb()}


def rapport(upprepningar: int, konfig: Path = KONFIG) -> dict:
    """(b) en nämnds DOCX, (c) dess PDF, båda, och (f) WeasyPrint ensamt på samma HTML, i en process som redan läst
    indata (som en arbetsprocess i batchen). Dokumentmodellen också med diagrammen redan ritade: skillnaden är vad
    diagrammen kostar."""
    from weasyprint import HTML

    from rapportverk.bygg.rapport import bygg_rapport
    from rapportverk.dokument.bygg import bygg_dokument
    from rapportverk.rendera.html import html_for
    from rapportverk.rendera.pdf import rendera_pdf
    from rapportverk.underlag import Underlag
    from rapportverk.underlag.tabeller import las_indata
    from rapportverk.utdata.diagramforrad import Diagramforrad

    projekt, p = _projekt(konfig)
    indata = las_indata(projekt, p)
    namnd = projekt.namnd_ids[0]
    css = projekt.stilmall("delarsrapport")
    rot = projekt.katalog.parent
    ut = Path(tempfile.mkdtemp(prefix="rapportverk-bench-"))

    def underlag() -> Underlag:
        # Ett nytt underlag per mätning: ett bygge räknar tabellerna och ritar diagrammen en gång, som i en körning.
        return Underlag(projekt, indata, p)

    def bygg(format: tuple[str, ...]) -> Callable[[], object]:
        # En ny byggkatalog varje gång: annars hämtas diagrammen ur förra bygget (som efter en ändrad text) i
        # stället för att ritas, som i batchen.
        return lambda: bygg_rapport(underlag(), "delarsrapport", namnd, Path(tempfile.mkdtemp(dir=ut)), format)

    kall = tid(bygg(("docx", "pdf")))  # första bygget i processen: typsnitt, matplotlib, WeasyPrint värms upp
    dok = bygg_dokument(underlag(), "delarsrapport", namnd)
    html = html_for(dok, css, rot)
    bas = projekt.resursbas("delarsrapport").resolve().as_uri() + "/"
    forrad = Diagramforrad(ut / "forrad")
    bygg_dokument(underlag(), "delarsrapport", namnd, forrad=forrad)  # diagrammen sparas i förrådet
    steg = {
        "docx": bygg(("docx",)),
        "pdf": bygg(("pdf",)),
        "docx_pdf": bygg(("docx", "pdf")),
        "dokumentmodell": lambda: bygg_dokument(underlag(), "delarsrapport", namnd),
        "dokumentmodell_utan_diagram": lambda: bygg_dokument(underlag(), "delarsrapport", namnd, forrad=forrad),
        "rendera_pdf": lambda: rendera_pdf(dok, css, rot),
        "weasyprint": lambda: HTML(string=html, base_url=bas).write_pdf(pdf_variant="pdf/ua-1",
                                                                        pdf_identifier=True),
    }
    tider: dict[str, list[float]] = {k: [] for k in [*steg, *(f"cpu_{k}" for k in steg)]}
    for _ in range(upprepningar):  # omväxlande, så att störningar från maskinen fördelas jämnt
        for namn, f in steg.items():
            # Processortiden också: på en delad maskin störs den mindre än väggklockan av andras processer.
            cpu = time.process_time()
            tider[namn].append(tid(f))
            tider[f"cpu_{namn}"].append(time.process_time() - cpu)
    sidor = bygg_rapport(underlag(), "delarsrapport", namnd, ut, ("pdf",)).sidor
    shutil.rmtree(ut, ignore_errors=True)
    return {**tider, "kall_docx_pdf": [kall], "sidor": sidor, "namnd": namnd, "rss_mb": rss_mb()}


def batch(jobb: int) -> dict:
    """(d) hela kommandot för alla nämnder, som en användare kör det (start, inläsning, manifest ingår)."""
    with tempfile.TemporaryDirectory(prefix="rapportverk-bench-") as ut:
        fore = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "rapportverk", "--konfig", str(KONFIG), "delar", "--period",
                            PERIOD, "--alla", "--jobb", str(jobb), "--ut", ut], capture_output=True, text=True)
        sekunder = time.perf_counter() - start
        efter = resource.getrusage(resource.RUSAGE_CHILDREN)
        # Processortid för kommandot och dess arbetsprocesser: på en delad maskin säger den om tiden gick
        # till vårt arbete eller till att vänta på andras processer.
        cpu = efter.ru_utime + efter.ru_stime - fore.ru_utime - fore.ru_stime
        if r.returncode != 0:
            raise SystemExit(f"batchen misslyckades ({r.returncode}):\n{r.stderr[-3000:]}")
        manifest = json.loads((Path(ut) / PERIOD / "manifest.json").read_text(encoding="utf-8"))
        utdata = {k: v["utdata"] for k, v in manifest["rapporter"].items()}
        indata = {k: [v["indata"], v.get("kod")] for k, v in manifest["rapporter"].items()}
        filer = sum(len(v) for v in utdata.values())
    # Största processen bland kommandot och dess arbetsprocesser.
    return {"sekunder": [sekunder], "cpu": [cpu], "filer": filer, "utdata": utdata, "indata": indata,
            "rss_mb": rss_mb(resource.RUSAGE_CHILDREN)}


def dela() -> dict:
    """Vad det kostar att ge arbetsprocesserna indata: läsa om (det batch gör) mot att skicka den inlästa."""
    from rapportverk.underlag.tabeller import las_indata

    projekt, p = _projekt()
    start = time.perf_counter()
    indata = las_indata(projekt, p)
    las = time.perf_counter() - start
    start = time.perf_counter()
    data = pickle.dumps(indata, protocol=pickle.HIGHEST_PROTOCOL)
    packa = time.perf_counter() - start
    start = time.perf_counter()
    pickle.loads(data)
    packa_upp = time.perf_counter() - start
    return {"las": [las], "pickle": [packa], "unpickle": [packa_upp], "pickle_mb": len(data) / 1e6,
            "rss_mb": rss_mb()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("steg", choices=["tabeller", "rapport", "batch", "dela"])
    ap.add_argument("--upprepningar", type=int, default=3)
    ap.add_argument("--jobb", type=int, default=1)
    ap.add_argument("--profil", type=Path, help="skriv en pyinstrument-profil (HTML) av steget hit")
    a = ap.parse_args()
    if a.profil:
        from pyinstrument import Profiler

        profil = Profiler()
    with profil if a.profil else nullcontext():
        if a.steg == "tabeller":
            ut = tabeller(a.upprepningar)
        elif a.steg == "rapport":
            ut = rapport(a.upprepningar)
        elif a.steg == "batch":
            ut = batch(a.jobb)
        else:
            ut = dela()
    if a.profil:
        a.profil.write_text(profil.output_html(), encoding="utf-8")
    ut["median"] = {k: statistics.median(v) for k, v in ut.items() if isinstance(v, list) and v}
    json.dump(ut, sys.stdout)


if __name__ == "__main__":
    main()
