"""Varje kommando i dokumentationen körs på riktigt (issue 25): docs/**/*.md och README.md.

Sidorna skriver kommandon i kodblock med språket `sh` (bara kommandon, ett per rad; `\\` fortsätter raden, `#`
inleder en kommentar) eller `console` (`$ kommando` följt av utskriften som sidan visar). Ett `python`-block är
ett program som körs som det står. Varje sida körs uppifrån och ned i ett eget projekt (SIDPROJEKT), som en läsare
gör, och varje kommando ska avsluta med kod 0 (eller den kod VANTAD_KOD anger, med skäl). Visar sidan utskriften
ska varje visad rad finnas i den verkliga utskriften, i samma ordning.

Ett helt kommando i löptexten (`rapport delar --period 2024-08 --region` i en mening eller i en tabell) körs också,
efter sidans kodblock (ar_anrop). Det som bara nämner ett kommando (`rapport forklara`) eller visar dess form med
en platshållare (`rapport jamfor A B`, `rapport delar … --slutlig`) körs inte, men kommandot och dess flaggor ska
finnas, liksom make-målen och skripten som löptexten nämner (test_kommandon_i_lopande_text_finns).

Det som inte går att köra i ett test står i INTE_KORBARA, med skälet, och ingen annanstans: ett nytt kommando på
en sida körs alltså av testet, eller står där. Ett block utan språk, eller ett `text`-block som innehåller ett
kommando, är ett fel, så att inget kommando kan gömma sig för testet.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest

ROT = Path(__file__).resolve().parents[1]
SIDOR = [*sorted((ROT / "docs").rglob("*.md")), ROT / "README.md"]

# Språk i kodblocken: de med kommandon, och de som bara visar text, konfiguration eller mallar.
KOMMANDOSPRAK = {"sh", "console", "python"}
TEXTSPRAK = {"text", "yaml", "markdown", "jinja"}

# Kommandon som ett test inte kan köra, ett per rad med skälet. Nyckeln är kommandot som det står på sidan.
INTE_KORBARA: dict[str, str] = {
    "make rapport": "installerar Python-paket och Debian-paket (apt-get) i en ny .venv; prövas av CI (.ci/run)",
    "make test": "kör hela testsviten, som det här testet är en del av; CI kör den (.ci/run)",
    "make snabbtest": "kör testsviten utan de långsamma testerna, som det här testet är en del av",
    "make lint": "installerar först .venv i arbetskatalogen; samma ruff och lint-imports körs av make test och CI",
    "make exempeldata": "skriver om exempeldata/ i arbetskatalogen; tests/test_exempeldata.py gör samma sak i en "
                        "tom katalog och jämför",
    "make las": "uppdaterar uv.lock från PyPI (nätet) och skriver om incheckade filer",
    "export RAPPORT_DB_LOSENORD='…'": "ett lösenord (en hemlighet i CI) till regionens datalager",
    "rapport --konfig konfig/rapportverk-dw.yaml delar --period 2024-08":
        "läser regionens eget datalager (en PostgreSQL-server med lösenord); SQL-källorna prövas mot en egen "
        "server i tests/test_sql.py",
    "rapport forhandsgranska --period 2021-04 --namnd regionstyrelsen":
        "startar en webbserver som går tills Ctrl-C; tests/test_forhandsgranska.py startar den och öppnar sidan",
}

# Platshållare i dokumentationens kommandon (VERSALER, t.ex. FIL.csv eller KATALOG) och vad testet sätter in.
# Ett kommando som ska köras får inte ha en platshållare som inte står här.
PLATSHALLARE: dict[str, str] = {
    "FIL.csv": "data/huvudbok_2024.csv",
    "KATALOG": "region-vast",
}

# Projektet varje sida körs i: exemplet (konfig/, mallar/ och exempeldata/ ur arkivet), ett startprojekt som
# `rapport ny` gör, eller en tom katalog (sidan gör själv projektet).
SIDPROJEKT: dict[str, str] = {
    "docs/ekonomistab/index.md": "tom",
    "docs/ekonomistab/manadsrutin.md": "ny",
}

# Kommandon som väntas avsluta med en annan kod än 0, med skälet.
VANTAD_KOD: dict[tuple[str, str], tuple[int, str]] = {
    ("docs/ekonomistab/index.md", "rapport kolla export/huvudbok_2024.xlsx"):
        (1, "exporten har samma månader som exemplets data/huvudbok_2024.csv, och kolla säger att den ska ersättas "
            "med --ersatt (som sidans nästa rad gör)"),
    ("docs/redaktorer/status.md", "rapport delar --period 2024-08 --slutlig"):
        (1, "exemplets delårsrapport har klarmarkering: true och fyra textblock för 2024-08 som inte är klara, så den "
            "slutliga versionen vägrar, som sidan visar"),
}


# --- sidorna ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    sida: str
    rad: int
    sprak: str
    text: str


@dataclass
class Kommando:
    text: str
    rad: int
    sprak: str
    utdata: list[str] = field(default_factory=list)


def block_i(sida: Path) -> list[Block]:
    """Kodblocken på sidan (också indragna, i listor), utan indraget."""
    namn = sida.relative_to(ROT).as_posix()
    rader = sida.read_text(encoding="utf-8").splitlines()
    block, i = [], 0
    while i < len(rader):
        m = re.fullmatch(r"( *)```(\S*)\s*", rader[i])
        if not m:
            i += 1
            continue
        indrag, start = len(m.group(1)), i
        i += 1
        innehall = []
        while i < len(rader) and not re.fullmatch(" " * indrag + r"```\s*", rader[i]):
            innehall.append(rader[i][indrag:])
            i += 1
        assert i < len(rader), f"{namn}:{start + 1}: kodblocket slutar aldrig"
        block.append(Block(namn, start + 1, m.group(2), "\n".join(innehall)))
        i += 1
    return block


def alla_block() -> list[Block]:
    return [b for sida in SIDOR for b in block_i(sida)]


def _fortsatt(rader: list[str]) -> list[tuple[int, str]]:
    """Rader som slutar med \\ fogas ihop med nästa; (radnummer i blocket, kommando)."""
    ut: list[tuple[int, str]] = []
    del_: list[str] = []
    for nr, rad in enumerate(rader):
        if not del_:
            start = nr
        if rad.rstrip().endswith("\\"):
            del_.append(rad.rstrip()[:-1].strip())
            continue
        del_.append(rad.strip())
        ut.append((start, " ".join(d for d in del_ if d)))
        del_ = []
    assert not del_, f"kommandot {' '.join(del_)!r} fortsätter efter blockets slut"
    return ut


def kommandon_i(block: Block) -> list[Kommando]:
    if block.sprak == "python":
        return [Kommando(block.text, block.rad, "python")]
    rader = block.text.splitlines()
    if block.sprak == "sh":
        return [Kommando(re.sub(r"\s+#.*$", "", text), block.rad + 1 + nr, "sh")
                for nr, text in _fortsatt(rader) if text and not text.startswith("#")]
    # console: "$ kommando" (med fortsättningsrader), sedan utskriften fram till nästa $.
    ut: list[Kommando] = []
    i = 0
    while i < len(rader):
        if rader[i].startswith("$ "):
            j = i
            while rader[j].rstrip().endswith("\\"):
                j += 1
            [(_, text)] = _fortsatt([rader[i][2:], *rader[i + 1:j + 1]])
            ut.append(Kommando(text, block.rad + 1 + i, "console"))
            i = j + 1
            continue
        assert ut, f"{block.sida}:{block.rad + 1 + i}: utskrift före första $-raden i ett console-block"
        ut[-1].utdata.append(rader[i])
        i += 1
    return ut


def kodspann_i(sida: Path) -> list[tuple[int, str]]:
    """Kod i löptexten (`…` i en mening eller en tabell), utanför kodblocken: (radnummer, text)."""
    ut, i, rader = [], 0, sida.read_text(encoding="utf-8").splitlines()
    while i < len(rader):
        m = re.fullmatch(r"( *)```\S*\s*", rader[i])
        if m:  # hoppa över kodblocket, som block_i läser
            i += 1
            while i < len(rader) and not re.fullmatch(" " * len(m.group(1)) + r"```\s*", rader[i]):
                i += 1
        else:
            ut += [(i + 1, k.strip()) for k in re.findall(r"`([^`]+)`", rader[i])]
        i += 1
    return ut


def _platshallare_i(text: str) -> list[str]:
    """Ord i VERSALER (FIL.csv, KATALOG, A) som står för något läsaren sätter in."""
    return re.findall(r"(?<![\w/.\"-])[A-ZÅÄÖ]+(?:\.\w+)?(?![\w/])", text)


def ar_anrop(text: str) -> bool:
    """Ett helt `rapport`-kommando i löptexten, som går att köra som det står: kommandot med minst ett argument
    eller en flagga, utan … och utan platshållare. `rapport forklara` ensamt är namnet på ett kommando."""
    if not text.startswith("rapport ") or "…" in text or "..." in text or _platshallare_i(text):
        return False
    return len(shlex.split(text)) >= (2 if text.split()[1].startswith("-") else 3)


def inline_kommandon(sida: str) -> list[Kommando]:
    return [Kommando(text, rad, "inline") for rad, text in kodspann_i(ROT / sida) if ar_anrop(text)]


def sidans_kommandon(sida: str) -> list[Kommando]:
    """Kodblockens kommandon i sidans ordning, sedan löptextens hela kommandon i sidans ordning: kodblocken är
    sidans genomgång, och löptexten (en tabell över kommandona, ett steg i en lista) förutsätter ofta det som
    genomgången byggt. Ett kommando i löptexten som ett kodblock på sidan redan kör körs inte två gånger."""
    block = [k for b in alla_block() if b.sida == sida and b.sprak in KOMMANDOSPRAK for k in kommandon_i(b)]
    i_block = {_normalisera(k.text) for k in block}
    lopande: list[Kommando] = []
    for k in inline_kommandon(sida):
        if _normalisera(k.text) not in i_block:
            lopande.append(k)
            i_block.add(_normalisera(k.text))  # samma kommando två gånger på sidan körs en gång
    return block + lopande


def _nyckel(kommando: Kommando) -> str:
    return kommando.text.splitlines()[0]


def korbara_sidor() -> list[str]:
    return sorted({s.relative_to(ROT).as_posix() for s in SIDOR
                   for k in sidans_kommandon(s.relative_to(ROT).as_posix()) if k.text not in INTE_KORBARA})


# --- det som inte kräver att något körs ---------------------------------------------------------------------


def test_varje_kodblock_har_ett_kant_sprak_och_kommandon_star_i_kommandoblock():
    fel = []
    for b in alla_block():
        if b.sprak not in KOMMANDOSPRAK | TEXTSPRAK:
            fel.append(f"{b.sida}:{b.rad}: kodblock med språket {b.sprak!r}; skriv sh eller console för kommandon, "
                       f"annars ett av {sorted(TEXTSPRAK)}")
        elif b.sprak in TEXTSPRAK and b.sida != "docs/referens/cli.md":
            # cli.md är kommandonas hjälptext (genererad), där "rapport ..." står i löptexten.
            for nr, rad in enumerate(b.text.splitlines(), start=b.rad + 1):
                if re.match(r"\s*(\$ |rapport |make |python )", rad):
                    fel.append(f"{b.sida}:{nr}: kommandot {rad.strip()!r} står i ett {b.sprak}-block; skriv det i "
                               "ett sh- eller console-block, så att testet kör det")
    assert not fel, "\n".join(fel)


def test_varje_kommando_kors_eller_star_med_skal_i_inte_korbara():
    alla = [k for b in alla_block() if b.sprak in KOMMANDOSPRAK for k in kommandon_i(b)]
    lopande = [k for s in SIDOR for k in inline_kommandon(s.relative_to(ROT).as_posix())]
    kommandon = {k.text for k in alla + lopande}
    assert kommandon, "hittade inga kommandon i dokumentationen"
    # Ett kommando i listan som ingen sida längre har är en inaktuell rad.
    assert not set(INTE_KORBARA) - kommandon, f"står i INTE_KORBARA men på ingen sida: {set(INTE_KORBARA) - kommandon}"
    assert all(skal.strip() for skal in INTE_KORBARA.values())
    # De andra körs av test_sidans_kommandon; de får inte ha en platshållare som testet inte vet vad den ska bytas mot.
    for text in {k.text for k in alla if k.sprak != "python"} - set(INTE_KORBARA):
        for ord_ in re.findall(r"(?<![\w/.-])[A-ZÅÄÖ]{2,}(?:\.\w+)?(?![\w/])", text):
            assert ord_ in PLATSHALLARE, f"{text!r}: platshållaren {ord_!r} saknas i PLATSHALLARE"
    for sida in SIDPROJEKT:
        assert sida in korbara_sidor(), f"SIDPROJEKT nämner {sida}, som inte har något kommando att köra"
    for (sida, kommando) in [*VANTAD_KOD, *STEG]:
        assert kommando in {_nyckel(k) for k in sidans_kommandon(sida)}, f"{sida} har inte kommandot {kommando!r}"


def _makemal() -> set[str]:
    return set(re.findall(r"(?m)^([\w-]+):", (ROT / "Makefile").read_text(encoding="utf-8")))


def test_kommandon_i_lopande_text_finns():
    """Varje kommando som löptexten nämner finns som det står: `rapport`-kommandot och dess flaggor, make-målet,
    Python-skriptet. (De hela `rapport`-kommandona körs dessutom av test_sidans_kommandon.)"""
    import typer

    from rapportverk.cli import app

    grupp = typer.main.get_command(app)
    assert isinstance(grupp, typer.core.TyperGroup)
    globala = {o for p in grupp.params for o in p.opts}
    fel = []
    for sida in SIDOR:
        if sida.parent.name == "referens":
            continue  # genererad ur koden och kontrollerad av test_dokumentation
        namn = sida.relative_to(ROT).as_posix()
        for rad, text in kodspann_i(sida):
            ord_ = text.replace("…", " ").split()
            if ord_[:1] == ["make"] and len(ord_) > 1 and ord_[1] not in _makemal():
                fel.append(f"{namn}:{rad}: `{text}`: Makefile har inget mål {ord_[1]!r}")
            elif ord_[:1] == ["python"] and len(ord_) > 1 and not (ROT / ord_[1]).is_file():
                fel.append(f"{namn}:{rad}: `{text}`: filen {ord_[1]} finns inte")
            elif ord_[:1] == ["rapport"] and len(ord_) > 1:
                kommando, flaggor = grupp, set(globala)
                if not ord_[1].startswith("-"):
                    if _platshallare_i(ord_[1]):
                        continue  # rapport KOMMANDO --help
                    kommando = grupp.commands.get(ord_[1])
                    if kommando is None:
                        fel.append(f"{namn}:{rad}: `{text}`: rapport har inget kommando {ord_[1]!r}")
                        continue
                    flaggor |= {o for p in kommando.params for o in (*p.opts, *p.secondary_opts)}
                for f in (o.split("=")[0] for o in ord_[1:] if o.startswith("--")):
                    if f not in flaggor | {"--help"}:
                        fel.append(f"{namn}:{rad}: `{text}`: rapport {ord_[1]} har ingen flagga {f}")
    assert not fel, "\n".join(fel)


def test_hela_kommandon_i_lopande_text():
    assert ar_anrop("rapport delar --period 2024-08 --region")
    assert ar_anrop('rapport forklara --rad "Primärvård beställning"')
    assert ar_anrop("rapport --help")
    assert not ar_anrop("rapport forklara")  # namnet på kommandot
    assert not ar_anrop("rapport jamfor A B")  # platshållare
    assert not ar_anrop("rapport delar … --slutlig")
    assert not ar_anrop("make bench")


def test_kommandona_hittas_i_blocken():
    sh = Block("x.md", 1, "sh", "rapport ny a   # kommentar\ncd a\nrapport delar \\\n    --period 2024-08\n")
    assert [(k.text, k.rad) for k in kommandon_i(sh)] == [
        ("rapport ny a", 2), ("cd a", 3), ("rapport delar --period 2024-08", 4)]
    console = Block("x.md", 1, "console", "$ rapport forklara \\\n    --rad X\nCell 1\n  …\n$ rapport tabell\nRad")
    assert [(k.text, k.utdata) for k in kommandon_i(console)] == [
        ("rapport forklara --rad X", ["Cell 1", "  …"]), ("rapport tabell", ["Rad"])]


def test_visad_utskrift_jamfors_rad_for_rad():
    assert _saknade(["Klart på 3,0 s: 1 av 1 rapporter.", "  …", "[1/1] a: skrev x.pdf, … (7 sidor, 2,4 s)"],
                    "Start\nKlart på 12,5 s: 1 av 1 rapporter.\n[1/1] a: skrev x.pdf, y (7 sidor, 0,9 s)\n") == []
    assert _saknade(["(8 sidor, 2,4 s)"], "(7 sidor, 2,4 s)") == ["(8 sidor, 2,4 s)"]
    assert _saknade(["b", "a"], "a\nb") == ["a"]  # samma ordning som på sidan


# --- att köra sidorna ---------------------------------------------------------------------------------------


def _normalisera(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _monster(rad: str) -> re.Pattern[str]:
    # "…" står för det som sidan utelämnar, och en tid ("2,4 s") varierar från körning till körning.
    delar = re.split(r"(…|\d+,\d s\b)", _normalisera(rad))
    return re.compile("".join(".*?" if d == "…" else r"\d+,\d s" if re.fullmatch(r"\d+,\d s", d) else re.escape(d)
                              for d in delar))


def _saknade(visade: list[str], utskrift: str) -> list[str]:
    """Visade rader som inte finns i utskriften (i ordning); en rad med bara … hoppas över."""
    verkliga = [_normalisera(r) for r in utskrift.splitlines()]
    saknade, i = [], 0
    for rad in visade:
        if _normalisera(rad) in ("", "…"):
            continue
        monster = _monster(rad)
        j = next((j for j in range(i, len(verkliga)) if monster.fullmatch(verkliga[j])), None)
        if j is None:
            saknade.append(rad.strip())
        else:
            i = j + 1
    return saknade


@dataclass
class Miljo:
    katalog: Path
    bin: Path

    def env(self) -> dict[str, str]:
        return {"PATH": f"{self.bin}:/usr/bin:/bin", "PYTHONPATH": str(ROT / "src"), "LANG": "C.UTF-8",
                "HOME": str(self.katalog), "COLUMNS": "200"}

    def kor(self, argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=self.env())

    def rapport(self, cwd: Path, *argv: str) -> subprocess.CompletedProcess:
        r = self.kor(["rapport", *argv], cwd)
        assert r.returncode == 0, f"förberedelsen rapport {' '.join(argv)}: {r.stderr}"
        return r


# Förberedelser och kontroller för enskilda kommandon: det sidan beskriver i texten runt kommandot (en ändrad fil,
# ett bygge före), och vad som ska gälla efteråt när sidan inte visar utskriften.
Forberedelse = Callable[[Miljo, Path], None]
Kontroll = Callable[[Miljo, Path, subprocess.CompletedProcess], None]


@dataclass(frozen=True)
class Steg:
    fore: Forberedelse | None = None
    efter: Kontroll | None = None


def _export_med_rubrik_pa_rad_4(m: Miljo, cwd: Path) -> None:
    # Startprojektets huvudbok för 2024 som en Excel-export ur Agresso: rubriken på rad 4, perioden som datum.
    from test_kolla import skriv_exporter

    (skriv_exporter(cwd) / "agresso_huvudbok_2024.xlsx").rename(cwd / "export/huvudbok_2024.xlsx")


def _kolla_foreslar_ersatt(m: Miljo, cwd: Path, r: subprocess.CompletedProcess) -> None:
    assert "rubrikrad: 4" in r.stdout and "ersätt den med --ersatt data/huvudbok_2024.csv" in r.stdout, r.stdout


def _kolla_ersatte(m: Miljo, cwd: Path, r: subprocess.CompletedProcess) -> None:
    assert "Ersatte källan ../data/huvudbok_2024.csv med förslaget i konfig/rapportverk.yaml." in r.stdout
    konfig = (cwd / "konfig/rapportverk.yaml").read_text(encoding="utf-8")
    assert "- fil: ../export/huvudbok_2024.xlsx" in konfig and "../data/huvudbok_2024.csv" not in konfig
    # Och rapporten byggs av exporten i stället, med samma siffror som av exemplets CSV-fil.
    m.rapport(cwd, "delar", "--period", "2024-08", "--namnd", "regionstyrelsen", "--format", "docx", "--ut", "ny")
    fore = pl.read_parquet(cwd / "ut/2024-08/tabeller/delarsrapport-regionstyrelsen-2024-08.parquet")
    efter = pl.read_parquet(cwd / "ny/2024-08/tabeller/delarsrapport-regionstyrelsen-2024-08.parquet")
    assert efter["visat"].to_list() == fore["visat"].to_list()


def _byggt_2024_10(m: Miljo, cwd: Path) -> None:
    assert (cwd / "ut/2024-10/manifest.json").is_file()  # byggt av sidans steg 3


def _ingen_siffra_andrad(m: Miljo, cwd: Path, r: subprocess.CompletedProcess) -> None:
    assert "Siffror: ingen siffra har ändrats." in r.stdout, r.stdout


def _slutlig(m: Miljo, cwd: Path, r: subprocess.CompletedProcess) -> None:
    assert "Klart på" in r.stdout and "3 av 3 rapporter byggda i ut/2024-08" in r.stdout, r.stdout


def _byggt_en_namnd_2021_04(m: Miljo, cwd: Path) -> None:
    m.rapport(cwd, "delar", "--period", "2021-04", "--namnd", "regionstyrelsen")


def _godkanda(m: Miljo, cwd: Path, r: subprocess.CompletedProcess) -> None:
    assert "Sammanfattning: 2 av 2 filer godkända i de automatiska kontrollerna." in r.stdout, r.stdout


def _andrat_textblock(m: Miljo, cwd: Path) -> None:
    with open(cwd / "exempeldata/texter/2024-08/regionstyrelsen/viktiga_handelser.md", "a", encoding="utf-8") as f:
        f.write("\nEn mening till om årets viktiga händelser.\n")


def _rattad_huvudboksrad(m: Miljo, cwd: Path) -> None:
    # Som sidan beskriver: två nämnders rapporter byggda till ut/, en rad i huvudboken rättad, byggda igen till efter/.
    shutil.rmtree(cwd / "ut", ignore_errors=True)
    bygg = ["delar", "--period", "2024-08", "--format", "pdf", "--namnd", "regionstyrelsen",
            "--namnd", "patientnamnden"]
    m.rapport(cwd, *bygg)
    fil = cwd / "exempeldata/huvudbok_utfall_2024.parquet"
    ram = pl.read_parquet(fil)
    rad = (pl.col("Period") == "202403") & (pl.col("Kostnadsstalle") == "10101") & (pl.col("Konto") == "5010")
    assert ram.filter(rad).height == 1
    ram.with_columns(pl.when(rad).then(pl.col("Belopp") + 1_234_567).otherwise(pl.col("Belopp")).alias("Belopp")
                     ).write_parquet(fil)
    m.rapport(cwd, *bygg, "--ut", "efter")


def _redaktor_skrev_samlad(m: Miljo, cwd: Path) -> None:
    # Som sidan beskriver: redaktören bytte "gemensam" mot "samlad" under Viktiga händelser i Word och skickade
    # tillbaka filen, som sparas bredvid projektet.
    from docx import Document

    dok = Document(cwd / "ut/2024-08/delarsrapport-regionstyrelsen-2024-08.docx")
    [stycke] = [p for p in dok.paragraphs if "en gemensam ingång" in p.text]
    for run in stycke.runs:
        run.text = run.text.replace("gemensam", "samlad")
    dok.save(cwd / "delarsrapport-regionstyrelsen-2024-08.docx")


def _samlad_skrevs(m: Miljo, cwd: Path, r: subprocess.CompletedProcess) -> None:
    text = (cwd / "exempeldata/texter/2024-08/regionstyrelsen/viktiga_handelser.md").read_text(encoding="utf-8")
    assert "har gett en samlad ingång för verksamheternas beställningar." in text and "gemensam ingång" not in text


def _datalager_2025(m: Miljo, cwd: Path) -> None:
    # Ett datalager med en tabell huvudbok_utfall: projektets huvudbok, som om den vore 2025 års (månader som ingen
    # annan källa har, så att kolla inte ser en överlappning).
    import duckdb

    ram = pl.read_csv(cwd / "data/huvudbok_2024.csv", separator=";", infer_schema=False)
    period = next(k for k in ram.columns if k.lower().startswith("period"))
    ram = ram.with_columns(pl.col(period).str.replace("^2024", "2025"))
    with duckdb.connect(str(cwd / "exempel.duckdb")) as db:
        db.register("ram", ram.to_arrow())
        db.execute("CREATE TABLE huvudbok_utfall AS SELECT * FROM ram")


def _min_rapport(m: Miljo, cwd: Path) -> None:
    # Steg 1 och 2 på sidan: rapporttypens YAML-fil precis som sidan visar den, och en liten layoutmall.
    [yaml] = [b.text for b in alla_block() if b.sida == "docs/ekonomistab/konfiguration.md"
              and "mallar/min_rapport/rapport.md" in b.text and b.sprak == "yaml"]
    (cwd / "konfig/rapporter/min_rapport.yaml").write_text(yaml + "\n", encoding="utf-8")
    (cwd / "mallar/min_rapport").mkdir()
    (cwd / "mallar/min_rapport/rapport.md").write_text(
        '{{ titelsida() }}\n\n# Inledning\n\n{{ text("inledning") }}\n', encoding="utf-8")


def _min_rapport_byggd(m: Miljo, cwd: Path, r: subprocess.CompletedProcess) -> None:
    pdf = cwd / "ut/2024-Q1/min-rapport-halso_och_sjukvardsnamnden-2024-Q1.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Uppföljning av indikatorer" in text and "Inledning" in text, text


def _sex_rapporter(m: Miljo, cwd: Path, r: subprocess.CompletedProcess) -> None:
    assert r.stdout == "6 rapporter i ut/2024-08\n", r.stdout


STEG: dict[tuple[str, str], Steg] = {
    ("docs/ekonomistab/index.md", "rapport kolla export/huvudbok_2024.xlsx"):
        Steg(_export_med_rubrik_pa_rad_4, _kolla_foreslar_ersatt),
    ("docs/ekonomistab/index.md", "rapport kolla export/huvudbok_2024.xlsx --skriv --ersatt data/huvudbok_2024.csv"):
        Steg(efter=_kolla_ersatte),
    ("docs/ekonomistab/manadsrutin.md", "rapport jamfor ut/2024-10 ny/2024-10"):
        Steg(_byggt_2024_10, _ingen_siffra_andrad),
    ("docs/ekonomistab/manadsrutin.md", "rapport delar --period 2024-08 --slutlig"): Steg(efter=_slutlig),
    ("docs/redaktorer/tillganglighet.md", "rapport kontrollera ut/2021-04/delarsrapport-regionstyrelsen-2021-04.pdf "
     "ut/2021-04/delarsrapport-regionstyrelsen-2021-04.docx"): Steg(_byggt_en_namnd_2021_04, _godkanda),
    ("docs/ekonomistab/index.md", "rapport kolla exempel.duckdb --tabell huvudbok_utfall"): Steg(_datalager_2025),
    ("docs/ekonomistab/konfiguration.md", "rapport bygg min_rapport --period 2024-Q1"):
        Steg(_min_rapport, _min_rapport_byggd),
    ("docs/ekonomistab/sparbarhet.md", "rapport forklara cbdb557e957"): Steg(_byggt_en_namnd_2021_04),
    ("docs/redaktorer/word.md", "rapport hamta delarsrapport-regionstyrelsen-2024-08.docx --skriv"):
        Steg(_redaktor_skrev_samlad, _samlad_skrevs),
    ("docs/ci-it/index.md", "from pathlib import Path"): Steg(efter=_sex_rapporter),
    ("docs/ci-it/index.md", "rapport delar --period 2024-08"): Steg(_andrat_textblock),
    ("docs/ci-it/index.md", "rapport jamfor ut/2024-08 efter/2024-08"): Steg(_rattad_huvudboksrad),
}


def _miljo(tmp_path: Path, sida: str) -> tuple[Miljo, Path]:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "rapport").write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m rapportverk "$@"\n')
    (bin_ / "rapport").chmod(0o755)
    (bin_ / "python").symlink_to(sys.executable)
    katalog = tmp_path / "arbete"
    katalog.mkdir()
    m = Miljo(katalog, bin_)
    slag = SIDPROJEKT.get(sida, "exempel")
    if slag == "exempel":
        for namn in ("konfig", "mallar", "exempeldata"):
            shutil.copytree(ROT / namn, katalog / namn, ignore=shutil.ignore_patterns("__pycache__", "*.duckdb"))
        return m, katalog
    if slag == "ny":
        m.rapport(katalog, "ny", "region")
        return m, katalog / "region"
    return m, katalog


@pytest.mark.slow
@pytest.mark.parametrize("sida", korbara_sidor())
def test_sidans_kommandon(sida: str, tmp_path: Path):
    m, cwd = _miljo(tmp_path, sida)
    for kommando in sidans_kommandon(sida):
        if kommando.text in INTE_KORBARA:
            continue
        plats = f"{sida}:{kommando.rad}: {_nyckel(kommando)}"
        steg = STEG.get((sida, _nyckel(kommando)), Steg())
        if steg.fore:
            steg.fore(m, cwd)
        text = kommando.text
        for platshallare, varde in PLATSHALLARE.items():
            text = re.sub(rf"(?<![\w/.-]){re.escape(platshallare)}(?![\w/])", varde, text)
        if kommando.text.startswith("cd "):
            cwd = cwd / shlex.split(text)[1]
            assert cwd.is_dir(), plats
            continue
        argv = [sys.executable, "-c", text] if kommando.sprak == "python" else ["bash", "-c", text]
        r = m.kor(argv, cwd)
        kod, skal = VANTAD_KOD.get((sida, _nyckel(kommando)), (0, ""))
        assert r.returncode == kod, f"{plats}\nkod {r.returncode} (väntad {kod} {skal})\n{r.stdout}\n{r.stderr}"
        saknade = _saknade(kommando.utdata, r.stdout)
        assert not saknade, f"{plats}: sidan visar rader som utskriften inte har:\n" + "\n".join(saknade) + \
            f"\n--- verklig utskrift ---\n{r.stdout}"
        if steg.efter:
            steg.efter(m, cwd, r)


def test_sidor_med_kommandon_att_kora():
    # Sidorna som test_sidans_kommandon kör; en sida som tappar alla sina kommandon syns här.
    assert set(korbara_sidor()) >= {"docs/ekonomistab/index.md", "docs/ekonomistab/manadsrutin.md",
                                    "docs/ekonomistab/sparbarhet.md", "docs/ci-it/index.md",
                                    "docs/redaktorer/tillganglighet.md"}
