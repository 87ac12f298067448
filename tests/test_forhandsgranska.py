"""Förhandsgranskningen: servern på en ledig port, över en kopia av exempelprojektet som testerna ändrar i.

En server delas av modulens tester (första bygget med diagram tar en sekund); varje test som ändrar en fil
återställer den och väntar tills sidan är byggd igen. Webbläsartestet kör Debians chromium via Selenium.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import kraver

from rapportverk import resurser
from rapportverk.fel import RapportverkFel
from rapportverk.forhandsgranska import AVSLUTAD, Forhandsgranskning, kor
from rapportverk.forhandsgranska.bevakning import DATA, DOKUMENT, HTML
from rapportverk.forhandsgranska.server import adress, skapa_server
from rapportverk.period import Period

ROT = Path(__file__).resolve().parents[1]
P = Period(2021, 4)
RS = "regionstyrelsen"
NB, MINUS = "\u00a0", "\u2212"
TEXTER = Path("exempeldata/texter/2021-04/regionstyrelsen")
MALL = Path("mallar/delarsrapport/rapport.md")
SKARMBILD = ROT / "docs" / "bilder" / "forhandsgranska.png"


def kopiera_projekt(mal: Path) -> Path:
    for katalog in ("konfig", "mallar", "exempeldata"):
        shutil.copytree(ROT / katalog, mal / katalog, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return mal


def spara(fil: Path, text: str) -> None:
    """Spara som många redigerare gör: skriv en tillfällig fil och byt namn på den."""
    tmp = fil.with_name(fil.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, fil)


@dataclass
class Kor:
    rot: Path
    session: Forhandsgranskning
    port: int
    kontrollerade: list[Path]

    def hamta(self, vag: str, metod: str = "GET", **rubriker: str) -> tuple[int, str, dict[str, str]]:
        """Ett anrop med vägen precis som den står (http.client normaliserar inte '..')."""
        anslutning = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            anslutning.request(metod, vag, headers=rubriker)
            svar = anslutning.getresponse()
            return svar.status, svar.read().decode("utf-8", "replace"), dict(svar.getheaders())
        finally:
            anslutning.close()

    def lage(self) -> dict:
        return json.loads(self.hamta("/lage")[1])

    def vanta(self, villkor: Callable[[dict], bool], efter: int, timeout: float = 5.0) -> dict:
        """Vänta på ett nytt läge (version > efter) som uppfyller villkoret."""
        slut = time.monotonic() + timeout
        while time.monotonic() < slut:
            lage = self.lage()
            if lage["version"] > efter and villkor(lage):
                return lage
            time.sleep(0.02)
        raise AssertionError(f"inget nytt läge inom {timeout} s; senast {self.lage()}")

    @contextmanager
    def andrad(self, relativ: Path, ny: Callable[[str], str]) -> Iterator[Path]:
        """Skriv om en fil i kopian; återställ den efteråt och vänta tills sidan är felfri igen."""
        fil = self.rot / relativ
        original = fil.read_text(encoding="utf-8")
        try:
            spara(fil, ny(original))
            yield fil
        finally:
            fore = self.lage()["version"]
            spara(fil, original)
            self.vanta(lambda lage: not lage["fel"], fore)


@pytest.fixture(scope="module")
def kor_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kor]:
    rot = kopiera_projekt(tmp_path_factory.mktemp("projekt"))
    kontrollerade: list[Path] = []

    def kontroll(pdf: Path) -> tuple[bool, str]:
        kontrollerade.append(pdf)
        return True, f"Kontrollerade {pdf.name}: inga brister."

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(rot)  # felmeddelandena visar sökvägar relativt arbetskatalogen, som när en redaktör kör
        session = Forhandsgranskning(rot / "konfig" / "rapportverk.yaml", "delarsrapport", RS, P, ut=rot / "ut",
                                     logg=lambda rad: None, kontroll=kontroll)
        server = skapa_server("127.0.0.1", 0)
        session.starta()
        server.session = session
        trad = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        trad.start()
        try:
            yield Kor(rot, session, server.server_port, kontrollerade)
        finally:
            server.shutdown()
            session.stoppa()
            server.server_close()


# --- sidan och rapporten ----------------------------------------------------------------------------------


def test_sidan_visar_rapporten_med_rubriker_och_publicerade_tal(kor_server: Kor):
    status, sida, rubriker = kor_server.hamta("/")
    assert status == 200 and rubriker["Content-Type"].startswith("text/html")
    assert "Delårsrapport per april 2021 – Regionstyrelsen" in sida
    assert '<iframe id="rapport"' in sida and 'class="ruta fel"' not in sida
    status, html, rubriker = kor_server.hamta("/rapport/")
    assert status == 200 and "script-src" not in rubriker["Content-Security-Policy"]
    for rubrik in ("1. Inledning", "3. Ekonomisk analys", "Analys av budgetavvikelse", "Årsprognos"):
        assert rubrik in html
    # Summaraden i den publicerade tabellen: −1 150, −1 036, 11,0 %, −225, −24,3 %, −3 241.
    summa = re.search(r'id="tabell-budgetavvikelse-per-omrade".*?<tr class="rad-summa[^"]*">(.*?)</tr>', html, re.S)
    assert summa is not None
    celler = re.findall(r"<td[^>]*>([^<]*)</td>", summa.group(1))
    assert celler == [f"{MINUS}1{NB}150", f"{MINUS}1{NB}036", "11,0", f"{MINUS}225", f"{MINUS}24,3", f"{MINUS}3{NB}241"]


def test_rapporten_ar_samma_html_som_pdf_renderaren_far(kor_server: Kor):
    from rapportverk.dokument.bygg import bygg_dokument
    from rapportverk.rendera.html import html_for
    from rapportverk.underlag import Underlag
    from rapportverk.underlag.tabeller import ladda_projekt, las_indata

    projekt = ladda_projekt(kor_server.rot / "konfig" / "rapportverk.yaml")
    dok = bygg_dokument(Underlag(projekt, las_indata(projekt, P), P), "delarsrapport", RS)
    css = projekt.stilmall("delarsrapport")
    assert kor_server.hamta("/rapport/")[1] == html_for(dok, css)


# --- ändringar --------------------------------------------------------------------------------------------


def test_sparat_textblock_syns_inom_2_sekunder(kor_server: Kor):
    ny = "Redaktören lade till den här meningen just nu."
    with kor_server.andrad(TEXTER / "viktiga_handelser.md", lambda t: t + f"\n{ny}\n"):
        start = time.monotonic()
        while ny not in kor_server.hamta("/rapport/")[1]:
            assert time.monotonic() - start < 2.0, "den nya texten visades inte inom 2 s"
            time.sleep(0.02)


def test_handelsestrommen_meddelar_ny_version(kor_server: Kor):
    anslutning = http.client.HTTPConnection("127.0.0.1", kor_server.port, timeout=10)
    anslutning.request("GET", "/handelser")
    svar = anslutning.getresponse()
    assert svar.status == 200 and svar.getheader("Content-Type").startswith("text/event-stream")

    def nasta() -> dict:
        data = None
        while True:
            rad = svar.readline().decode("utf-8").rstrip("\n")
            if rad.startswith("data: "):
                data = json.loads(rad.removeprefix("data: "))
            elif rad == "" and data is not None:
                return data

    forsta = nasta()
    try:
        with kor_server.andrad(TEXTER / "medarbetare.md", lambda t: t + "\nEn ny mening om medarbetarna.\n"):
            andra = nasta()
        assert andra["html_version"] == forsta["html_version"] + 1 and andra["fel"] == []
    finally:
        anslutning.close()


# Fel i en mall eller ett textblock: (fil, hur den ändras, förväntad text, fil:rad i rutan).
FEL = {
    "mallsyntax": (MALL, lambda t: t.replace('{{ text("inledning") }}', '{{ text("inledning" }}'),
                   "fel i mallsyntaxen", "mallar/delarsrapport/rapport.md:8"),
    "okand_tabell": (MALL, lambda t: t.replace('tabell("omstallning")', 'tabell("omstalning")'),
                     "okänd tabell &#x27;omstalning&#x27; — menade du &#x27;omstallning&#x27;?",
                     "mallar/delarsrapport/rapport.md:50"),
    "textblock": (TEXTER / "arsprognos.md", lambda t: "Prognosen är {{ ack_avvikelsen() }} mkr.\n" + t,
                  "okänt namn &#x27;ack_avvikelsen&#x27; i mallen — menade du &#x27;ack_avvikelse&#x27;?",
                  f"{TEXTER}/arsprognos.md:1"),
}


@pytest.mark.parametrize("fall", list(FEL))
def test_fel_visas_i_sidan_med_fil_och_rad_och_forsvinner_nar_det_ratttas(kor_server: Kor, fall: str):
    fil, andra, text, plats = FEL[fall]
    fore_html = kor_server.hamta("/rapport/")[1]
    fore = kor_server.lage()["version"]
    with kor_server.andrad(fil, andra):
        kor_server.vanta(lambda lage: bool(lage["fel"]), fore)
        sida = kor_server.hamta("/")[1]
        ruta = re.search(r'<div class="ruta fel" role="alert">(.*?)</div>', sida, re.S)
        assert ruta is not None, sida
        assert f'<span class="plats">{plats}</span>' in ruta.group(1) and text in ruta.group(1)
        assert "Det senaste lyckade bygget visas nedan" in ruta.group(1)
        assert kor_server.hamta("/rapport/")[1] == fore_html  # det senaste lyckade bygget står kvar
    assert 'class="ruta fel"' not in kor_server.hamta("/")[1]


def test_saknat_textblock_visas_med_mallens_fil_och_rad(kor_server: Kor):
    fore = kor_server.lage()["version"]
    with kor_server.andrad(MALL, lambda t: t.replace("# Bilagor\n", '# Bilagor\n\n{{ text("nytt_avsnitt") }}\n')):
        lage = kor_server.vanta(lambda lage: bool(lage["obs"]), fore)
        assert lage["fel"] == []
        assert lage["obs"][0]["plats"] == (f"mallar/delarsrapport/rapport.md:68: textblocket 'nytt_avsnitt' saknas; "
                                           f"skapa {TEXTER}/nytt_avsnitt.md (i utkastet står en markering).")
        assert 'class="ruta obs"' in kor_server.hamta("/")[1]
        assert "[Text saknas: nytt_avsnitt]" in kor_server.hamta("/rapport/")[1]
    assert 'class="ruta' not in kor_server.hamta("/")[1]


def test_bara_det_som_andrats_gors_om(kor_server: Kor):
    """Stilmall → bara HTML; textblock → dokumentet med samma data och utan nya beräkningar; konfig → allt."""
    s = kor_server.session
    k = s.karta
    rot = kor_server.rot
    css = resurser.fil(resurser.STILMALL)
    text = rot / TEXTER / "atgarder.md"
    assert k.klassa(css) == HTML and k.klassa(resurser.fil(resurser.HTMLMALL)) == HTML
    assert k.klassa(text) == DOKUMENT and k.klassa(rot / MALL) == DOKUMENT
    assert k.klassa(rot / "mallar" / "delarsrapport" / "texter" / "budgetbilaga.md") == DOKUMENT
    assert k.klassa(rot / "konfig" / "rapportverk.yaml") == DATA
    assert k.klassa(rot / "konfig" / "kostnadsslag.yaml") == DATA
    assert k.klassa(rot / "exempeldata" / "huvudbok_utfall_2021.parquet") == DATA
    assert k.klassa(rot / "exempeldata" / "prognos_2021.xlsx") == DATA
    assert k.klassa(rot / "ut" / "2021-04" / "rapport.pdf") == 0
    assert k.klassa(rot / "exempeldata" / "texter" / "2024-08" / "gemensamt" / "ovrigt.md") == 0  # annan period
    assert rot not in k.rotter and all(r.is_relative_to(rot) or r == resurser.katalog().resolve() for r in k.rotter)

    projekt, underlag, dok = s.projekt, s.underlag, s.dok
    assert underlag is not None and underlag.berakningar > 0
    s.hantera({css})
    assert (s.projekt, s.underlag, s.dok) == (projekt, underlag, dok) and s.dok is dok
    berakningar = underlag.berakningar
    s.hantera({text})
    assert s.projekt is projekt and s.underlag is underlag and s.dok is not dok
    assert underlag.berakningar == berakningar, "ett textblock ska inte räkna om tabeller eller rita om diagram"
    assert s.hantera({rot / "ut" / "x.pdf", rot / "README.md"}) is None
    s.hantera({rot / "konfig" / "rapportverk.yaml"})
    assert s.projekt is not projekt and s.underlag is not underlag and not s.lage.fel


# --- säkerhet ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("vag", [
    "/../../etc/passwd", "/rapport/../../../etc/passwd", "/rapport/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/rapport/..%2f..%2fkonfig%2frapportverk.yaml", "/konfig/rapportverk.yaml", "/exempeldata/", "/mallar/",
    "/rapport/rapport.md", "/rapport/texter/", "/rapport//etc/passwd", "/rapport/lank.png", "/pdf/x.pdf",
    "/etc/passwd", "//etc/passwd",
])
def test_bara_forhandsgranskningen_serveras(kor_server: Kor, vag: str):
    lank = kor_server.rot / "mallar" / "delarsrapport" / "lank.png"
    if not lank.is_symlink():
        lank.symlink_to("/etc/passwd")  # en länk bredvid stilmallen som pekar ut ur projektet
    status, kropp, _ = kor_server.hamta(vag)
    assert status == 404 and "root:" not in kropp


def test_rapportens_egna_filer_serveras(kor_server: Kor):
    png = kor_server.rot / "mallar" / "delarsrapport" / "logotyp.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    status, _, rubriker = kor_server.hamta("/rapport/logotyp.png")
    assert status == 200 and rubriker["Content-Type"] == "image/png"


def test_frammande_vard_och_ursprung_nekas(kor_server: Kor):
    assert kor_server.hamta("/", Host="angripare.example:80")[0] == 403
    assert kor_server.hamta("/pdf", "POST", Origin="http://angripare.example")[0] == 403
    assert kor_server.hamta("/", Host=f"localhost:{kor_server.port}")[0] == 200


# --- PDF på begäran ---------------------------------------------------------------------------------------


def test_pdf_och_kontroll_pa_begaran(kor_server: Kor):
    status, kropp, _ = kor_server.hamta("/kontrollera", "POST", Origin=f"http://127.0.0.1:{kor_server.port}")
    svar = json.loads(kropp)
    assert status == 200 and "fel" not in svar, svar
    assert svar["sidor"] > 5 and svar["ok"] is True and "inga brister" in svar["sammanfattning"]
    assert svar["fil"].endswith("ut/2021-04/delarsrapport-regionstyrelsen-2021-04.pdf")
    status, pdf, rubriker = kor_server.hamta(svar["url"])
    assert status == 200 and rubriker["Content-Type"] == "application/pdf" and pdf.startswith("%PDF")
    assert kor_server.kontrollerade == [kor_server.rot / "ut" / "2021-04" / "delarsrapport-regionstyrelsen-2021-04.pdf"]


# --- start och stopp --------------------------------------------------------------------------------------


def test_okand_namnd_ar_ett_fel_pa_kommandoraden(tmp_path: Path):
    session = Forhandsgranskning(ROT / "konfig" / "rapportverk.yaml", "delarsrapport", "regionstyrelsn", P,
                                 logg=lambda rad: None)
    with pytest.raises(RapportverkFel, match="menade du 'regionstyrelsen'"):
        session.starta()


def test_upptagen_port_ger_svenskt_fel():
    with socket.socket() as upptagen:
        upptagen.bind(("127.0.0.1", 0))
        upptagen.listen()
        port = upptagen.getsockname()[1]
        with pytest.raises(RapportverkFel, match=f"porten {port} används redan"):
            kor(ROT / "konfig" / "rapportverk.yaml", "delarsrapport", RS, "2021-04", port=port, logg=lambda r: None)


def test_ctrl_c_avslutar_med_svensk_rad_och_kod_130(tmp_path: Path):
    skript = ("import sys; from pathlib import Path; from rapportverk.forhandsgranska import kor; "
              f"sys.exit(kor(Path({str(ROT / 'konfig' / 'rapportverk.yaml')!r}), 'delarsrapport', {RS!r}, "
              "'2021-04', port=0))")
    process = subprocess.Popen([sys.executable, "-c", skript], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        rader = []
        for rad in process.stdout:  # type: ignore[union-attr]
            rader.append(rad)
            if rad.startswith("Förhandsgranskar"):
                break
        assert re.search(r"på http://127\.0\.0\.1:\d+/$", rader[-1].rstrip()), rader
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 130
    assert rest.strip().splitlines()[-1] == AVSLUTAD


# --- i en riktig webbläsare -------------------------------------------------------------------------------


def _webblasare():
    saknas = [p for p in ("chromium", "chromedriver") if shutil.which(p) is None]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        saknas.append("selenium (pip)")
    kraver(not saknas, f"webbläsartestet kräver {', '.join(saknas)}: apt-get install chromium chromium-driver, "
           "pip install selenium")
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium får aldrig hämta en egen webbläsare eller drivrutin
    alternativ = webdriver.ChromeOptions()
    alternativ.binary_location = shutil.which("chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1200,860",
              "--lang=sv-SE"):
        alternativ.add_argument(a)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=alternativ)


VANTA_PA_TEXT = """
const [text, klar] = [arguments[0], arguments[arguments.length - 1]];
const start = performance.now();
(function titta() {
  const ram = document.getElementById("rapport");
  const dok = ram && ram.contentDocument;
  if (dok && dok.body && dok.body.textContent.includes(text)) return klar(performance.now() - start);
  if (performance.now() - start > 5000) return klar(-1);
  setTimeout(titta, 10);
})();
"""


@pytest.mark.slow
def test_sidan_i_webblasaren_uppdateras_av_sig_sjalv(kor_server: Kor, tmp_path: Path):
    from PIL import Image

    drivrutin = _webblasare()
    try:
        drivrutin.set_script_timeout(10)
        drivrutin.get(f"http://127.0.0.1:{kor_server.port}/")
        assert drivrutin.execute_async_script(VANTA_PA_TEXT, "Analys av budgetavvikelse per område") >= 0
        drivrutin.execute_script("window.sammaSida = true;")  # försvinner om sidan laddas om
        ny = "Den nya meningen syns utan att någon trycker på uppdatera."
        with kor_server.andrad(TEXTER / "ekonomisk_analys.md", lambda t: t + f"\n{ny}\n"):
            millisekunder = drivrutin.execute_async_script(VANTA_PA_TEXT, ny)
            assert 0 <= millisekunder < 2000, "sidan uppdaterades inte av sig själv inom 2 s"
            assert drivrutin.execute_script("return window.sammaSida === true")
            # Rulla så att den nya meningen och tabellen under den syns, och ta en skärmbild.
            drivrutin.execute_script("""
                const ram = document.getElementById("rapport");
                const t = ram.contentDocument.getElementById("analys-av-budgetavvikelse");
                window.scrollTo(0, ram.getBoundingClientRect().top + window.scrollY + t.offsetTop - 200);""")
            time.sleep(0.2)
            bild = tmp_path / "forhandsgranska.png"
            drivrutin.save_screenshot(str(bild))
    finally:
        drivrutin.quit()
    with Image.open(bild) as b:
        assert b.size[0] >= 1000
        if os.environ.get("RAPPORTVERK_SKARMBILD"):  # uppdatera bilden i docs/bilder: RAPPORTVERK_SKARMBILD=1 pytest …
            SKARMBILD.parent.mkdir(parents=True, exist_ok=True)
            b.convert("RGB").quantize(colors=128).save(SKARMBILD, optimize=True)


def test_adressen_som_skrivs_ut():
    server = skapa_server("127.0.0.1", 0)
    try:
        assert adress(server) == f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.server_close()


def test_tillganglighetskontrollen_kopplas_in_nar_den_finns(tmp_path: Path):
    from rapportverk.forhandsgranska import tillganglighetskontroll

    kontroll = tillganglighetskontroll()
    try:
        import rapportverk.kontroll  # noqa: F401
    except ImportError:
        assert kontroll is None
        return
    assert kontroll is not None
    ok, sammanfattning = kontroll(tmp_path / "finns-inte.pdf")
    assert ok is False and "finns-inte.pdf" in sammanfattning
