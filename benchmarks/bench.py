"""`make bench`: varje rad i prestandatabellen (issue 23) med sin referens mätt i samma körning, som en kvot.

    python benchmarks/bench.py                  # tabellen på stdout, siffrorna i benchmarks/data/bench.json
    python benchmarks/bench.py --upprepningar 5
    python benchmarks/readme_tabell.py          # skriv tabellen i README.md (mellan bench-markeringarna)

Maskinen delas med andra, så väggklockan störs: vårt kommando och referensen körs omväxlande, var och en i en ny
process, och medianen visas. Referenserna:
(a) en nämnds PDF (exempelregionen, regionstyrelsen 2021-04) mot WeasyPrint ensamt på samma HTML, båda från start
    i en ny process (Python, import och rendering); diagrammen ritas varje gång (förra körningens tas bort), och
    samma kommando en gång till med diagrammen kvar i byggkatalogen;
(b) läsa + alla tabeller vid 10M rader (steg.py tabeller) mot en minimal Polars-kedja över samma Parquet med samma
    slags kontroller (dubbletter, överlappande filer, okända koder): läsa, koppla hierarkin, filtrera perioden,
    gruppera; toppminnet för båda;
(c) 40 nämnder DOCX + PDF med två processer vid 10M rader, i sekunder, och mot WeasyPrint ensamt på samma 40
    rapporters HTML i två processer (bara sidutläggningen, den del av batchen som ingen ändring här kan göra kortare
    utan att ändra PDF:ernas byte);
(d) inkrementellt bygge efter ett ändrat textblock mot det hela bygget (jamfor.py);
(e) `rapport forklara` på en cell från start vid 10M rader (i en byggkatalog med den sparade huvudboken per nämnd),
    i sekunder och mot Polars som läser samma rader och summerar dem.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import syntetisk

HAR = Path(__file__).resolve().parent
ROT = HAR.parent
KONFIG = HAR / "rapportverk.yaml"
PERIOD = "2021-04"
RESULTAT = syntetisk.DATA / "bench.json"

# Referensen för (b): samma filer och kontroller som bygget, skrivna så enkelt som Polars tillåter.
REFERENS_TABELLER = r"""
import json, resource, sys, time
import polars as pl
start = time.perf_counter()
data = sys.argv[1]
filer = {"utfall": ["huvudbok_utfall_2020", "huvudbok_utfall_2021"], "budget": ["budget_2020", "budget_2021"]}
org = pl.read_csv(f"{data}/organisation.csv", separator=";", schema_overrides={"enhet": pl.Int32})
serier = pl.Enum(list(filer))
delar = [pl.scan_parquet(f"{data}/{n}.parquet").select(
             pl.lit(serie, serier).alias("serie"), pl.lit(n).alias("fil"), pl.col("Period").cast(pl.Int32),
             pl.col("Kostnadsstalle").cast(pl.Int32), pl.col("Konto").cast(pl.Int32), "Belopp")
         for serie, namn in filer.items() for n in namn]
hb = pl.concat(delar).filter(pl.col("Period").is_between(202001, 202104)).collect()
# Överlappande filer (samma serie och månad i två filer), dubbletter och okända kostnadsställen.
overlapp = hb.select("serie", "Period", "fil").unique().group_by("serie", "Period").len().filter(pl.col("len") > 1)
dubbletter = hb.select(pl.struct("serie", "Period", "Kostnadsstalle", "Konto").hash().is_duplicated().sum()).item()
okanda = hb.select(pl.col("Kostnadsstalle").unique()).join(org, left_on="Kostnadsstalle", right_on="enhet",
                                                          how="anti").height
agg = (hb.join(org.select("enhet", "delomrade", "namnd"), left_on="Kostnadsstalle", right_on="enhet")
       .group_by("namnd", "delomrade", (pl.col("Konto") // 100).alias("kostnadsslag"), "serie", "Period")
       .agg(pl.col("Belopp").sum()))
print(json.dumps({"sekunder": time.perf_counter() - start, "rader": hb.height, "grupper": agg.height,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# Referensen för (e): raderna bakom en nämnds summa för perioden (utfall och budget), deras summa.
REFERENS_FORKLARA = r"""
import json, sys, time
import polars as pl
start = time.perf_counter()
data, namnd = sys.argv[1], sys.argv[2]
org = pl.scan_csv(f"{data}/organisation.csv", separator=";", schema_overrides={"enhet": pl.String})
enheter = org.filter(pl.col("namnd") == namnd).select("enhet")
rader = (pl.scan_parquet([f"{data}/huvudbok_utfall_2021.parquet", f"{data}/budget_2021.parquet"])
         .filter(pl.col("Period") <= "202104").join(enheter, left_on="Kostnadsstalle", right_on="enhet").collect())
print(json.dumps({"sekunder": time.perf_counter() - start, "rader": rader.height, "summa": rader["Belopp"].sum()}))
"""

REFERENS_WEASYPRINT = r"""
import sys
from weasyprint import HTML
html, bas, ut = sys.argv[1:4]
HTML(string=open(html, encoding="utf-8").read(), base_url=bas).write_pdf(ut, pdf_variant="pdf/ua-1",
                                                                         pdf_identifier=True)
"""


def kor(argv: list[str], cwd: Path = ROT) -> tuple[float, float, str]:
    """Väggtid, processortid (kommandot och dess arbetsprocesser; på en delad maskin störs den mindre än
    väggklockan av andras processer) och stdout för ett kommando i en ny process."""
    miljo = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    fore = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    r = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=miljo)
    sekunder = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])} … misslyckades:\n{r.stderr[-3000:]}")
    efter = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = efter.ru_utime + efter.ru_stime - fore.ru_utime - fore.ru_stime
    return sekunder, cpu, r.stdout


def omvaxlande(par: dict[str, list[str]], upprepningar: int) -> dict[str, list[tuple[float, float, str]]]:
    ut: dict[str, list[tuple[float, float, str]]] = {k: [] for k in par}
    for _ in range(upprepningar):
        for namn, argv in par.items():
            ut[namn].append(kor(argv))
    return ut


def median(v: list[float]) -> float:
    return statistics.median(v)


def en_rapport(upprepningar: int) -> dict:
    """(a) Exempelregionens regionstyrelse 2021-04 som PDF mot WeasyPrint ensamt på samma HTML."""
    tmp = Path(tempfile.mkdtemp(prefix="rapportverk-bench-"))
    html = tmp / "rapport.html"
    skript = ("import sys\nfrom pathlib import Path\nfrom rapportverk.dokument.bygg import bygg_dokument\n"
              "from rapportverk.period import Period\nfrom rapportverk.rendera.html import html_for\n"
              "from rapportverk.underlag import Underlag\n"
              "from rapportverk.underlag.tabeller import ladda_projekt, las_indata\n"
              "projekt = ladda_projekt('konfig/rapportverk.yaml'); p = Period.tolka('2021-04')\n"
              "dok = bygg_dokument(Underlag(projekt, las_indata(projekt, p), p), 'delarsrapport', 'regionstyrelsen')\n"
              "css = projekt.stilmall('delarsrapport')\n"
              "Path(sys.argv[1]).write_text(html_for(dok, css, projekt.katalog.parent), encoding='utf-8')\n"
              "print(projekt.resursbas('delarsrapport').resolve().as_uri() + '/')\n")
    bas = kor([sys.executable, "-c", skript, str(html)])[2].strip()
    kommando = [sys.executable, "-m", "rapportverk", "delar", "--period", PERIOD, "--namnd", "regionstyrelsen",
                "--format", "pdf", "--full", "--ut", str(tmp / "ut")]
    r = omvaxlande({
        # Utan förra körningens diagram varje gång: diagrammen ritas, som före diagramförrådet (den sparade
        # huvudboken läses som förut från den andra körningen, så raden mäter samma sak som i tidigare tabeller).
        "rapport": ["sh", "-c", f'rm -rf "{tmp / "ut" / PERIOD / "diagram"}" && exec "$0" "$@"', *kommando],
        # Samma kommando en gång till, som när en text ändrats: diagrammen hämtas ur byggkatalogen.
        "sparade": kommando,
        "weasyprint": [sys.executable, "-c", REFERENS_WEASYPRINT, str(html), bas, str(tmp / "ref.pdf")],
    }, upprepningar)
    ours, ref = median([s for s, _, _ in r["rapport"]]), median([s for s, _, _ in r["weasyprint"]])
    sparade = median([s for s, _, _ in r["sparade"]])
    cpu = median([c for _, c, _ in r["rapport"]]) / median([c for _, c, _ in r["weasyprint"]])
    return {"rapport_s": ours, "weasyprint_s": ref, "kvot": ours / ref, "kvot_cpu": cpu, "sparade_s": sparade,
            "kvot_sparade": sparade / ref}


def tabeller(upprepningar: int) -> dict:
    """(b) 10M rader: läsa + alla tabeller mot den minimala Polars-kedjan, omväxlande, med toppminne."""
    ours, ref, ours_mb, ref_mb, ours_cpu, ref_cpu = [], [], [], [], [], []
    for _ in range(upprepningar):
        _, cpu, ut = kor([sys.executable, str(HAR / "steg.py"), "tabeller", "--upprepningar", "1"])
        d = json.loads(ut)
        ours.append(d["las"][0] + d["tabeller"][0])
        ours_mb.append(d["rss_mb"])
        ours_cpu.append(cpu)
        _, cpu, ut = kor([sys.executable, "-c", REFERENS_TABELLER, str(syntetisk.DATA)])
        d = json.loads(ut)
        ref.append(d["sekunder"])
        ref_mb.append(d["rss_mb"])
        ref_cpu.append(cpu)
    return {"rapportverk_s": median(ours), "polars_s": median(ref), "kvot": median(ours) / median(ref),
            "kvot_cpu": median(ours_cpu) / median(ref_cpu), "rapportverk_mb": max(ours_mb),
            "polars_mb": max(ref_mb)}


# Det ett bygge lämnar i byggkatalogen för forklara: den prövade huvudboken delad per nämnd (issue 23 punkt 3).
SPARA_HUVUDBOK = r"""
import sys
from pathlib import Path
from rapportverk.period import Period
from rapportverk.underlag.tabeller import ladda_projekt, las_indata
from rapportverk.utdata import huvudbokscache
projekt, p = ladda_projekt(sys.argv[1]), Period.tolka(sys.argv[2])
huvudbokscache.forbered(projekt, Path(sys.argv[1]), p, Path(sys.argv[3]), lambda: las_indata(projekt, p, strikt=False))
"""


def forklara(upprepningar: int) -> dict:
    """(e) `rapport forklara` från start på en summacell, i en byggkatalog där ett bygge sparat den prövade
    huvudboken per nämnd, mot Polars som läser nämndens rader och summerar."""
    namnd = "forvaltning_01"
    bygge = Path(tempfile.mkdtemp(prefix="rapportverk-bench-")) / "ut"
    kor([sys.executable, "-c", SPARA_HUVUDBOK, str(KONFIG), PERIOD, str(bygge)])
    r = omvaxlande({
        "forklara": [sys.executable, "-m", "rapportverk", "--konfig", str(KONFIG), "forklara", "--period", PERIOD,
                     "--namnd", namnd, "--tabell", "budgetavvikelse_per_omrade", "--rad", "Summa", "--kolumn",
                     "ack_avvikelse", "--bygge", str(bygge)],
        "polars": [sys.executable, "-c", REFERENS_FORKLARA, str(syntetisk.DATA), namnd],
    }, upprepningar)
    shutil.rmtree(bygge.parent, ignore_errors=True)
    ours = median([s for s, _, _ in r["forklara"]])
    ref = median([json.loads(u)["sekunder"] for _, _, u in r["polars"]])
    ref_process = median([s for s, _, _ in r["polars"]])
    cpu = median([c for _, c, _ in r["forklara"]]) / median([c for _, c, _ in r["polars"]])
    return {"forklara_s": ours, "polars_s": ref, "polars_process_s": ref_process, "kvot": ours / ref_process,
            "kvot_cpu": cpu}


def batch_och_inkrementellt() -> dict:
    """(c) och (d): jamfor.py bygger alla 40 nämnder med två processer, ändrar en text och bygger igen."""
    _, _, ut = kor([sys.executable, str(HAR / "jamfor.py")])
    d = json.loads(ut)
    ref = batch_weasyprint()
    # Resten av jamfor.py:s mätningar (jamfor, den sparade huvudboken) följer med i resultatfilen.
    return {"helt_s": d["helt_bygge_s"], "inkrementellt_s": d["inkrementellt_efter_en_text_s"], "kvot": d["kvot"],
            "namnder": d["namnder"], "jamfor": d, **ref, "kvot_weasyprint": d["helt_bygge_s"] / ref["weasyprint_s"]}


# Referensen för (c): HTML:en för varje nämnds rapport (samma som bygget ger WeasyPrint), skriven till en katalog.
SKRIV_HTML = r"""
import sys
from pathlib import Path
from rapportverk.dokument.bygg import bygg_dokument
from rapportverk.period import Period
from rapportverk.rendera.html import html_for
from rapportverk.underlag import Underlag
from rapportverk.underlag.tabeller import ladda_projekt, las_indata
projekt, p, ut = ladda_projekt(sys.argv[1]), Period.tolka(sys.argv[2]), Path(sys.argv[3])
underlag = Underlag(projekt, las_indata(projekt, p, strikt=False), p)
css = projekt.stilmall('delarsrapport')
for namnd in projekt.namnd_ids:
    dok = bygg_dokument(underlag, 'delarsrapport', namnd, png=False)
    (ut / f'{namnd}.html').write_text(html_for(dok, css, projekt.katalog.parent), encoding='utf-8')
print(projekt.resursbas('delarsrapport').resolve().as_uri() + '/')
"""

# WeasyPrint ensamt på var annan HTML-fil (del K av N), i en process: som en arbetsprocess läser in det en gång.
REFERENS_WEASYPRINT_BATCH = r"""
import sys
from pathlib import Path
from weasyprint import HTML
katalog, bas, k, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for i, fil in enumerate(sorted(katalog.glob('*.html'))):
    if i % n == k:
        HTML(string=fil.read_text(encoding='utf-8'), base_url=bas).write_pdf(
            fil.with_suffix('.pdf'), pdf_variant='pdf/ua-1', pdf_identifier=True)
"""


def batch_weasyprint() -> dict:
    """Referensen för (c): WeasyPrint ensamt på alla nämnders HTML, i två processer samtidigt (som --jobb 2), från
    start. Det är bara sidutläggningen; bygget gör dessutom data, diagram, DOCX-filen och siffrorna."""
    tmp = Path(tempfile.mkdtemp(prefix="rapportverk-bench-"))
    try:
        bas = kor([sys.executable, "-c", SKRIV_HTML, str(KONFIG), PERIOD, str(tmp)])[2].strip()
        antal = len(list(tmp.glob("*.html")))
        fore = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        processer = [subprocess.Popen([sys.executable, "-c", REFERENS_WEASYPRINT_BATCH, str(tmp), bas, str(k), "2"],
                                      cwd=ROT, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
                     for k in range(2)]
        if any([p.wait() for p in processer]):  # båda väntas in, också när den första misslyckades
            raise SystemExit("WeasyPrint-referensen för batchen misslyckades")
        sekunder = time.perf_counter() - start
        efter = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = efter.ru_utime + efter.ru_stime - fore.ru_utime - fore.ru_stime
        return {"weasyprint_s": sekunder, "weasyprint_cpu_s": cpu, "rapporter": antal}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _tal(v: float, decimaler: int = 2) -> str:
    return f"{v:.{decimaler}f}".replace(".", ",")


def _mal(klarat: bool) -> str:
    return "klarat" if klarat else "missat"


def tabell(r: dict) -> str:
    a, b, c, e = r["en_rapport"], r["tabeller"], r["batch"], r["forklara"]
    rader = [
        ("en nämnds PDF från start (exempelregionen, regionstyrelsen 2021-04)", f"{_tal(a['rapport_s'])} s",
         f"WeasyPrint ensamt på samma HTML, från start: {_tal(a['weasyprint_s'])} s",
         f"**{_tal(a['kvot'])}×** (processortid {_tal(a['kvot_cpu'])}×)",
         f"≤ 1,5× — {_mal(a['kvot'] <= 1.5)}"),
        ("samma igen, med diagrammen sparade i byggkatalogen (som efter en ändrad text)",
         f"{_tal(a['sparade_s'])} s", "samma referens", f"**{_tal(a['kvot_sparade'])}×**",
         "(målet gäller raden ovan)"),
        ("läsa + alla tabeller, 10M rader (`steg.py tabeller`)",
         f"{_tal(b['rapportverk_s'])} s, {b['rapportverk_mb']:.0f} MB",
         f"Polars-kedja med samma kontroller: {_tal(b['polars_s'])} s, {b['polars_mb']:.0f} MB",
         f"**{_tal(b['kvot'])}×** (processortid {_tal(b['kvot_cpu'])}×)",
         f"≤ 1,5× — {_mal(b['kvot'] <= 1.5)}; ≤ 1 GB — {_mal(b['rapportverk_mb'] <= 1024)}"),
        (f"{c['namnder']} nämnder DOCX + PDF, `--jobb 2`, 10M rader", f"{_tal(c['helt_s'], 1)} s",
         *((f"WeasyPrint ensamt på samma {c['rapporter']} HTML, två processer, från start: "
            f"{_tal(c['weasyprint_s'], 1)} s", f"**{_tal(c['kvot_weasyprint'])}×**") if "weasyprint_s" in c
           else ("–", "–")),
         f"≤ 30 s — {_mal(c['helt_s'] <= 30)}"),
        ("inkrementellt efter ett ändrat textblock (1 nämnd byggs om)", f"{_tal(c['inkrementellt_s'], 1)} s",
         f"hela bygget: {_tal(c['helt_s'], 1)} s", f"**{_tal(c['kvot'], 3)}**",
         f"≤ 0,05 — {_mal(c['kvot'] <= 0.05)}"),
        ("`rapport forklara` på en cell från start, 10M rader", f"{_tal(e['forklara_s'])} s",
         f"Polars läser samma nämnds rader och summerar, från start: {_tal(e['polars_process_s'])} s "
         f"(själva läsningen {_tal(e['polars_s'])} s)", f"**{_tal(e['kvot'])}×** (processortid {_tal(e['kvot_cpu'])}×)",
         f"≤ 2 s — {_mal(e['forklara_s'] <= 2)}"),
    ]
    m = r["maskin"]
    text = "\n".join(["| mätning | vår | referens, samma arbete | kvot | mål |", "|---|---:|---|---:|---|",
                      *(f"| {' | '.join(rad)} |" for rad in rader)])
    return (f"{text}\n\nMätt {m['datum']} med `make bench` på {m['cpu']}, {m['karnor']} kärnor; vårt kommando och "
            f"referensen omväxlande i nya processer, medianer av {m['upprepningar']}; belastning (1 min) före "
            f"{_tal(m['last_fore'])}, efter {_tal(m['last_efter'])}.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--upprepningar", type=int, default=3)
    ap.add_argument("--utan-batch", action="store_true", help="hoppa över (c) och (d), som tar längst")
    a = ap.parse_args()
    import kor as maskinen

    maskin = maskinen.maskin() | {"upprepningar": a.upprepningar}
    print("Förbereder 10M rader …", file=sys.stderr, flush=True)
    syntetisk.forbered(10_000_000)
    r: dict = {"maskin": maskin}
    for namn, f in [("en_rapport", lambda: en_rapport(a.upprepningar)),
                    ("tabeller", lambda: tabeller(a.upprepningar)),
                    ("forklara", lambda: forklara(a.upprepningar)),
                    *([] if a.utan_batch else [("batch", batch_och_inkrementellt)])]:
        print(f"  {namn} …", file=sys.stderr, flush=True)
        r[namn] = f()
    if a.utan_batch:  # förra körningens batch, så att tabellen blir hel
        forra = json.loads(RESULTAT.read_text()) if RESULTAT.exists() else {}
        r["batch"] = forra.get("batch", {"helt_s": float("nan"), "inkrementellt_s": float("nan"),
                                         "kvot": float("nan"), "namnder": 40}) | {"fran_forra": True}
    maskin["last_efter"] = os.getloadavg()[0]
    r["tabell"] = tabell(r)
    RESULTAT.write_text(json.dumps(r, indent=1, ensure_ascii=False), encoding="utf-8")
    print(r["tabell"])


if __name__ == "__main__":
    main()
