"""Mätningarna: rapportverk på en påhittad region i full skala, med en tabell att klistra in i README.

    make bench          # 1M och 10M rader (några minuter)
    make bench-snabb    # bara 1M rader
    python benchmarks/kor.py --storlekar 10M --upprepningar 5
    python benchmarks/kor.py --storlekar 10M --src ../gren/src   # en annan källkod, t.ex. en föreslagen ändring
    python benchmarks/kor.py --med-dela   # också: läsa om indata i varje arbetsprocess mot att skicka den (pickle)

Varje steg körs i en egen process, så att toppminnet (RSS) gäller just steget. Korta steg upprepas och
medianen visas; batchen (40 rapporter) körs en gång per antal processer. Målen mäts och visas, men
ingenting här underkänner en körning: siffrorna hör till maskinen de mättes på.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import syntetisk

HAR = Path(__file__).resolve().parent
ROT = HAR.parent
STORLEKAR = {"1M": 1_000_000, "10M": 10_000_000}


def kor_steg(*argv: str, src: Path | None = None) -> dict:
    miljo = {**os.environ, "PYTHONPATH": str(src)} if src else None
    r = subprocess.run([sys.executable, str(HAR / "steg.py"), *argv], cwd=ROT, capture_output=True, text=True,
                       env=miljo)
    if r.returncode != 0:
        raise SystemExit(f"steget {' '.join(argv)} misslyckades:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout)


def kor_upprepat(steg: str, upprepningar: int, src: Path | None = None) -> dict:
    """Varje upprepning i en ny process: toppminnet blir då stegets eget, inte summan av flera omgångar."""
    delar = [kor_steg(steg, "--upprepningar", "1", src=src) for _ in range(upprepningar)]
    ut = {k: [x for d in delar for x in d[k]] if isinstance(v, list) else v for k, v in delar[0].items()}
    ut["rss_mb"] = max(d["rss_mb"] for d in delar)
    ut["median"] = {k: statistics.median(v) for k, v in ut.items() if isinstance(v, list) and v}
    return ut


def maskin() -> dict:
    cpu = next((rad.split(":", 1)[1].strip() for rad in Path("/proc/cpuinfo").read_text().splitlines()
                if rad.startswith("model name")), platform.processor())
    minne = next((int(rad.split()[1]) // 1024 // 1024 for rad in Path("/proc/meminfo").read_text().splitlines()
                  if rad.startswith("MemTotal")), 0)
    return {"datum": dt.date.today().isoformat(), "cpu": cpu, "karnor": len(os.sched_getaffinity(0)),
            "minne_gb": minne, "python": platform.python_version(), "polars": version("polars"),
            "weasyprint": version("weasyprint"), "last_fore": os.getloadavg()[0]}


def _tal(v: float, decimaler: int = 2) -> str:
    return f"{v:.{decimaler}f}".replace(".", ",")


def tabell(resultat: dict[str, dict], info: dict) -> str:
    storlekar = list(resultat)
    rader: list[tuple[str, list[str], str]] = []

    def rad(namn: str, mal: str, f) -> None:
        varden = []
        for s in storlekar:
            try:
                varden.append(f(resultat[s]))
            except KeyError:
                varden.append("–")
        rader.append((namn, varden, mal))

    def m(r: dict, steg: str, nyckel: str) -> float:
        return r[steg]["median"][nyckel]

    rad("(a) läsa konfiguration och indata", "", lambda r: f"{_tal(m(r, 'tabeller', 'las'))} s")
    rad("(a) alla tabeller för alla 40 nämnder", "", lambda r: f"{_tal(m(r, 'tabeller', 'tabeller'))} s "
        f"({r['tabeller']['antal_tabeller']} st + nyckeltal)")
    rad("(a) läsa + alla tabeller", "≤ 3 s (10M)",
        lambda r: f"{_tal(m(r, 'tabeller', 'las') + m(r, 'tabeller', 'tabeller'))} s")
    rad("(e) toppminne, läsa + tabeller", "≤ 2 GB (10M)", lambda r: f"{r['tabeller']['rss_mb']:.0f} MB")
    rad("(b) en nämnds DOCX (med PDF-layouten för sidnumren)", "", lambda r: f"{_tal(m(r, 'rapport', 'docx'))} s")
    rad("(c) en nämnds PDF", "", lambda r: f"{_tal(m(r, 'rapport', 'pdf'))} s")
    rad("(b+c) en nämnds DOCX + PDF", "≤ 2 s", lambda r: f"{_tal(m(r, 'rapport', 'docx_pdf'))} s "
        f"({r['rapport']['sidor']} sidor)")
    rad("    första bygget i en ny process", "", lambda r: f"{_tal(m(r, 'rapport', 'kall_docx_pdf'))} s")
    rad("    varav dokumentmodell (tabeller, diagram, text)", "",
        lambda r: f"{_tal(m(r, 'rapport', 'dokumentmodell'))} s")
    rad("        varav diagrammen (utan dem: med diagrammen redan ritade)", "",
        lambda r: f"{_tal(m(r, 'rapport', 'dokumentmodell') - m(r, 'rapport', 'dokumentmodell_utan_diagram'))} s")
    rad("    varav rendera_pdf", "", lambda r: f"{_tal(m(r, 'rapport', 'rendera_pdf'))} s")
    rad("(f) WeasyPrint ensamt på samma HTML", "", lambda r: f"{_tal(m(r, 'rapport', 'weasyprint'))} s")
    rad("(c)/(f) vår PDF mot WeasyPrint ensamt", "≤ 1,10",
        lambda r: _tal(m(r, 'rapport', 'pdf') / m(r, 'rapport', 'weasyprint')))
    rad("    samma kvot i processortid", "",
        lambda r: _tal(m(r, 'rapport', 'cpu_pdf') / m(r, 'rapport', 'cpu_weasyprint')))
    rad("    rendera_pdf mot WeasyPrint ensamt", "",
        lambda r: _tal(m(r, 'rapport', 'rendera_pdf') / m(r, 'rapport', 'weasyprint')))
    for jobb in (1, 2):
        rad(f"(d) batch, 40 nämnder DOCX + PDF, {jobb} process{'er' if jobb > 1 else ''}",
            "≤ 60 s (2 kärnor)" if jobb == 2 else "",
            lambda r, j=jobb: f"{_tal(r[f'batch{j}']['sekunder'][0], 1)} s "
                              f"(processortid {_tal(r[f'batch{j}']['cpu'][0], 0)} s)")
        rad(f"(e) toppminne batch, {jobb} process{'er' if jobb > 1 else ''} (största processen)", "",
            lambda r, j=jobb: f"{r[f'batch{j}']['rss_mb']:.0f} MB")
    def samma(r: dict) -> str:
        if r["batch1"]["indata"] != r["batch2"]["indata"]:
            # t.ex. en mall eller en modul som någon redigerade under tiden (indata och kodsumma i manifestet)
            return "– (indata eller kod ändrades mellan körningarna)"
        return "ja" if r["batch1"]["utdata"] == r["batch2"]["utdata"] else "NEJ"

    rad("    samma byte med 1 och 2 processer", "ja", samma)
    rad("indata till en arbetsprocess: läsa om", "", lambda r: f"{_tal(r['dela']['las'][0])} s")
    rad("indata till en arbetsprocess: pickla + avpickla", "",
        lambda r: f"{_tal(r['dela']['pickle'][0] + r['dela']['unpickle'][0])} s ({r['dela']['pickle_mb']:.0f} MB)")

    huvud = "| mätning | " + " | ".join(f"{s} rader" for s in storlekar) + " | mål |"
    linje = "|---|" + "---:|" * len(storlekar) + "---|"
    kropp = [f"| {n} | " + " | ".join(v) + f" | {mal} |" for n, v, mal in rader if set(v) != {"–"}]
    text = "\n".join([huvud, linje, *kropp])
    return (f"{text}\n\nMätt {info['datum']} på {info['cpu']}, {info['karnor']} kärnor, {info['minne_gb']} GB minne; "
            f"Python {info['python']}, Polars {info['polars']}, WeasyPrint {info['weasyprint']}. Medianer; "
            f"belastning (1 min) före {_tal(info['last_fore'])}, efter {_tal(info['last_efter'])}"
            + ("." if info.get("src", "installerad") == "installerad" else f"; källkod {info['src']}."))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--storlekar", nargs="+", choices=list(STORLEKAR), default=list(STORLEKAR))
    ap.add_argument("--upprepningar", type=int, default=3, help="för läsning + tabeller")
    ap.add_argument("--rapport-upprepningar", type=int, default=5, help="för en nämnds rapport")
    ap.add_argument("--utan-batch", action="store_true", help="hoppa över batchen (d)")
    ap.add_argument("--med-dela", action="store_true", help="mät också hur indata bäst når arbetsprocesserna")
    ap.add_argument("--src", type=Path, help="mät en annan källkod för rapportverk (katalogen med rapportverk/), "
                    "t.ex. en gren med en föreslagen ändring")
    a = ap.parse_args()
    info = maskin()
    info["src"] = str(a.src) if a.src else "installerad"
    resultat: dict[str, dict] = {}
    for storlek in a.storlekar:
        print(f"Förbereder {storlek} rader …", file=sys.stderr, flush=True)
        syntetisk.forbered(STORLEKAR[storlek])
        r: dict = {}
        print(f"  {storlek}: tabeller …", file=sys.stderr, flush=True)
        r["tabeller"] = kor_upprepat("tabeller", a.upprepningar, a.src)
        for namn, argv in [("rapport", ["rapport", "--upprepningar", str(a.rapport_upprepningar)]),
                           *([("dela", ["dela"])] if a.med_dela else []),
                           *([] if a.utan_batch else [("batch1", ["batch", "--jobb", "1"]),
                                                      ("batch2", ["batch", "--jobb", "2"])])]:
            print(f"  {storlek}: {namn} …", file=sys.stderr, flush=True)
            r[namn] = kor_steg(*argv, src=a.src)
        resultat[storlek] = r
    info["last_efter"] = os.getloadavg()[0]
    (syntetisk.DATA / "resultat.json").write_text(json.dumps({"maskin": info, "resultat": resultat}, indent=1))
    print(tabell(resultat, info))


if __name__ == "__main__":
    main()
