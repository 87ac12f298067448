"""Förhandsgranskningen: tid från sparad fil till uppdaterad sida, för exempelprojektets delårsrapport
(Regionstyrelsen, april 2021). Målet är högst 0,5 s.

    .venv/bin/python benchmarks/forhandsgranska.py                 # 9 sparningar per filslag, i chromium
    .venv/bin/python benchmarks/forhandsgranska.py --antal 15 --utan-mellanlager
    .venv/bin/python benchmarks/forhandsgranska.py --utan-webblasare   # bara servern (ingen chromium)

Körs på en kopia av konfig/, mallar/ och exempeldata/ i en temporär katalog. Varje mätning sparar en fil
som en redigerare gör (skriv en tillfällig fil, byt namn) och mäter tills ändringen syns:
- i webbläsaren (headless chromium via Selenium): i rapportens ram på den öppna sidan, utan omladdning —
  det redaktören ser. Tiden omfattar bevakningen (inotify + 50 ms samlingsfönster), bygget, händelsen till
  sidan, hämtningen av den nya HTML:en och ramens inläsning;
- med --utan-webblasare: tills GET /rapport/ ger den nya texten.
Filslagen: ett textblock (dokumentet byggs om), layoutmallen (dokumentet byggs om) och stilmallen (bara HTML).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

HAR = Path(__file__).resolve().parent
ROT = HAR.parent
sys.path.insert(0, str(ROT / "src"))

from rapportverk import resurser  # noqa: E402
from rapportverk.forhandsgranska import Forhandsgranskning  # noqa: E402
from rapportverk.forhandsgranska.server import skapa_server  # noqa: E402
from rapportverk.period import Period  # noqa: E402

VANTA = """
const [text, klar] = [arguments[0], arguments[arguments.length - 1]];
const start = performance.now();
(function titta() {
  const ram = document.getElementById("rapport");
  const dok = ram && ram.contentDocument;
  if (dok && dok.documentElement && dok.documentElement.innerHTML.includes(text)) return klar(true);
  if (performance.now() - start > 10000) return klar(false);
  setTimeout(titta, 5);
})();
"""

# filslag → (fil i kopian, ändring som ger en unik markör i den visade HTML:en)
FILSLAG: dict[str, tuple[str, Callable[[str, str], str]]] = {
    "textblock": ("exempeldata/texter/2021-04/regionstyrelsen/viktiga_handelser.md",
                  lambda t, m: t + f"\nMätning {m}.\n"),
    "layoutmall": ("mallar/delarsrapport/rapport.md", lambda t, m: t.replace("## Årsprognos", f"## Årsprognos {m}")),
    "stilmall": ("mallar/delarsrapport/stil.css", lambda t, m: t + f"\n/* {m} */\n"),
}


def spara(fil: Path, text: str) -> None:
    tmp = fil.with_name(fil.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, fil)


def webblasare():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")
    alternativ = webdriver.ChromeOptions()
    alternativ.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1200,900"):
        alternativ.add_argument(a)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                            options=alternativ)


def hamta(port: int, vag: str) -> str:
    anslutning = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        anslutning.request("GET", vag)
        return anslutning.getresponse().read().decode("utf-8")
    finally:
        anslutning.close()


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--antal", type=int, default=9, help="sparningar per filslag")
    tolk.add_argument("--utan-mellanlager", action="store_true",
                      help="ett nytt underlag vid varje bygge: räkna om tabeller och rita om diagram varje gång")
    tolk.add_argument("--utan-webblasare", action="store_true", help="mät bara tills servern ger den nya HTML:en")
    a = tolk.parse_args()

    with tempfile.TemporaryDirectory(prefix="rapportverk-forhandsgranska-") as tmp:
        rot = Path(tmp)
        for katalog in ("konfig", "mallar", "exempeldata"):
            shutil.copytree(ROT / katalog, rot / katalog)
        # En egen stilmall i kopian (som en region har), så att en ändring av den kan mätas.
        shutil.copy(resurser.fil(resurser.STILMALL), rot / "mallar" / "delarsrapport" / "stil.css")
        konfig = rot / "konfig" / "rapportverk.yaml"
        konfig.write_text(konfig.read_text(encoding="utf-8").replace(
            "    mall: ../mallar/delarsrapport/rapport.md\n",
            "    mall: ../mallar/delarsrapport/rapport.md\n    stil: ../mallar/delarsrapport/stil.css\n"),
            encoding="utf-8")
        os.chdir(rot)
        byggtider: list[float] = []

        def logg(rad: str) -> None:
            pass

        session = Forhandsgranskning(rot / "konfig" / "rapportverk.yaml", "delarsrapport", "regionstyrelsen",
                                     Period(2021, 4), ut=rot / "ut", logg=logg, minns=not a.utan_mellanlager)
        server = skapa_server("127.0.0.1", 0)
        start = time.perf_counter()
        session.starta()
        print(f"Första bygget (data + dokument + HTML): {time.perf_counter() - start:.2f} s")
        server.session = session
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        port = server.server_port
        drivrutin = None if a.utan_webblasare else webblasare()
        try:
            if drivrutin is not None:
                drivrutin.set_script_timeout(15)
                drivrutin.get(f"http://127.0.0.1:{port}/")
                assert drivrutin.execute_async_script(VANTA, "Analys av budgetavvikelse")
                drivrutin.execute_script("window.sammaSida = true;")
            print(f"{'filslag':<12} {'median':>8} {'min':>8} {'max':>8} {'bygget':>8}   (ms, {a.antal} sparningar, "
                  f"{'webbläsare' if drivrutin else 'bara servern'}, "
                  f"{'utan' if a.utan_mellanlager else 'med'} mellanlager)")
            for slag, (relativ, andra) in FILSLAG.items():
                fil = rot / relativ
                original = fil.read_text(encoding="utf-8")
                tider: list[float] = []
                byggtider.clear()
                for i in range(a.antal):
                    markor = f"matning-{slag}-{i}"
                    version = session.lage.version
                    t0 = time.perf_counter()
                    spara(fil, andra(original, markor))
                    if drivrutin is not None:
                        assert drivrutin.execute_async_script(VANTA, markor), f"{markor} syntes inte"
                    else:
                        while markor not in hamta(port, "/rapport/"):
                            time.sleep(0.002)
                    tider.append(time.perf_counter() - t0)
                    lage = session.vanta(version, 5)
                    byggtider.append(lage.sekunder)
                    time.sleep(0.3)
                spara(fil, original)
                time.sleep(0.5)
                ms = [t * 1000 for t in tider]
                print(f"{slag:<12} {statistics.median(ms):8.0f} {min(ms):8.0f} {max(ms):8.0f} "
                      f"{statistics.median(byggtider) * 1000:8.0f}")
            if drivrutin is not None:
                assert drivrutin.execute_script("return window.sammaSida === true"), "sidan laddades om"
        finally:
            if drivrutin is not None:
                drivrutin.quit()
            server.shutdown()
            session.stoppa()
            server.server_close()


if __name__ == "__main__":
    main()
