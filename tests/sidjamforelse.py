"""DOCX mot PDF, sida för sida: bygg exempelrapporterna, låt LibreOffice lägga ut DOCX-filerna och jämför med PDF:en.

Jämförs: antal sidor, sidan där varje rubrik står (rubrikerna ur DOCX-filens rubrikstycken, letade i
`pdftotext -bbox-layout` i båda PDF:erna, i dokumentordning), rubriker som står sist på en sida (strandade) och sidor
som är mer än halvtomma fast nästa block hade fått plats (sidornas svärta ur `pdftoppm`).

Körs av tests/test_sidparitet.py, eller för hand (skriver tabellen):

    PYTHONPATH=src python tests/sidjamforelse.py [--ut KATALOG] [--bara NAMN ...]
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]

# (rapporttyp, period, nämnder eller None för alla): exempelrapporterna i issue 21.
EXEMPEL = (
    ("delarsrapport", "2024-08", None),
    ("delarsrapport_region", "2024-08", ["region"]),
    ("delarsrapport", "2021-04", ["regionstyrelsen"]),
    ("manadsrapport", "2024-10", None),
    ("indikatorer", "2024-01", None),
    ("aterrapport", "2024", None),
)

PT_PER_TUM = 72
DPI = 36  # svärtan läses i 2 pt per bildpunkt
SIDHUVUD_PT = 60  # text som slutar ovanför är sidhuvud (brödtexten börjar 62–68 pt ned)
SIDFOT_PT = 52  # text som börjar närmare nederkanten än så är sidfot (brödtexten slutar 57–62 pt upp)
KROPP_OVER_PT, KROPP_UNDER_PT = 64.0, 60.0  # kroppens ungefärliga kanter, för hur tom en sida är
BLOCKGLAPP_PT = 8.0  # vitt mellan två block (stycken, tabeller); inom ett stycke är glappet mindre
HALVTOM = 0.5
_SIDFOT = re.compile(r"^Sida \d+ av \d+$")


@dataclasses.dataclass
class Rad:
    y0: float
    y1: float
    text: str


@dataclasses.dataclass
class Sida:
    nummer: int
    bredd: float
    hojd: float
    rader: list[Rad]  # brödtextens rader, utan sidhuvud och sidfot
    svarta: list[bool] = dataclasses.field(default_factory=list)  # en per bildpunktsrad: något som inte är vitt

    @property
    def liggande(self) -> bool:
        return self.bredd > self.hojd

    def innehall_nederst(self) -> float:
        """Var sidans innehåll (text, tabeller, bilder) slutar, i pt från överkanten."""
        nederst = max((r.y1 for r in self.rader), default=KROPP_OVER_PT)
        steg = PT_PER_TUM / DPI
        for i in range(len(self.svarta) - 1, -1, -1):
            y = i * steg
            if self.svarta[i] and KROPP_OVER_PT <= y <= self.hojd - SIDFOT_PT:
                return max(nederst, y + steg)
        return nederst

    def forsta_block(self) -> float:
        """Höjden (pt) på sidans första block: från kroppens överkant till första glappet på BLOCKGLAPP_PT."""
        steg = PT_PER_TUM / DPI
        borjan = slut = None
        vitt = 0.0
        for i, svart in enumerate(self.svarta):
            y = i * steg
            if y < KROPP_OVER_PT - 6 or y > self.hojd - SIDFOT_PT:
                continue
            if svart:
                borjan = y if borjan is None else borjan
                slut, vitt = y + steg, 0.0
            elif borjan is not None:
                vitt += steg
                if vitt >= BLOCKGLAPP_PT:
                    break
        return 0.0 if borjan is None or slut is None else slut - KROPP_OVER_PT


@dataclasses.dataclass
class Jamforelse:
    namn: str
    sidor_pdf: int
    sidor_docx: int
    rubriker: list[tuple[str, int | None, int | None]]  # (text, sida i PDF, sida i DOCX)
    strandade: dict[str, list[tuple[int, str]]]  # format → (sida, rubrik)
    halvtomma: dict[str, list[tuple[int, float]]]  # format → (sida, andel tom)

    @property
    def rubriker_fel(self) -> list[tuple[str, int | None, int | None]]:
        return [r for r in self.rubriker if r[1] != r[2]]


def bygg_exempel(ut: Path, bara: tuple[str, ...] = ()) -> list[Path]:
    """Bygg exempelrapporterna (DOCX och PDF) under `ut`; DOCX-filerna, PDF:en ligger bredvid."""
    from rapportverk.bygg.bygge import bygg
    from rapportverk.underlag.tabeller import ladda_projekt

    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    filer = []
    for rapport, period, namnder in EXEMPEL:
        if bara and not any(b in rapport or b in period for b in bara):
            continue
        b = bygg(projekt, rapport, period, namnder=namnder, ut=ut, inkrementellt=False, kommando=["test"])
        for r in b.resultat:
            assert r.byggd is not None, (rapport, r.namnd, r.fel, r.internt)
            filer += [f for f in r.byggd.filer if f.suffix == ".docx"]
    return sorted(filer)


def libreoffice_pdf(docx: list[Path], ut: Path) -> dict[Path, Path]:
    """DOCX-filerna utlagda av LibreOffice som PDF i `ut` (ett anrop för alla), per DOCX-fil."""
    ut.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo_home_") as hem:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(ut), *map(str, docx)],
                       check=True, capture_output=True, env={**os.environ, "HOME": hem}, timeout=900)
    return {d: ut / (d.stem + ".pdf") for d in docx}


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").replace("\u00a0", " ").split())


def las_sidor(pdf: Path) -> list[Sida]:
    """Sidornas textrader (pdftotext -bbox-layout) och svärta (pdftoppm, gråskala)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    sidor = []
    for n, m in enumerate(re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S), 1):
        bredd, hojd = float(m[1]), float(m[2])
        rader = []
        for r in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>',
                             m[3], re.S):
            text = _normal(" ".join(html.unescape(w) for w in re.findall(r"<word[^>]*>(.*?)</word>", r[3])))
            y0, y1 = float(r[1]), float(r[2])
            if y1 <= SIDHUVUD_PT or y0 >= hojd - SIDFOT_PT or _SIDFOT.match(text):
                continue
            rader.append(Rad(y0, y1, text))
        sidor.append(Sida(n, bredd, hojd, rader))
    with tempfile.TemporaryDirectory(prefix="sidor_") as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), f"{tmp}/s"], check=True)
        for fil in sorted(Path(tmp).iterdir(), key=lambda f: int(re.findall(r"(\d+)\.pgm$", f.name)[0])):
            sida = sidor[int(re.findall(r"(\d+)\.pgm$", fil.name)[0]) - 1]
            sida.svarta = _svarta_rader(fil.read_bytes())
    return sidor


def _svarta_rader(pgm: bytes) -> list[bool]:
    """Per bildpunktsrad i en binär PGM (P5): finns något tydligt icke-vitt (ljusa tabellinjer räknas)?"""
    delar = pgm.split(maxsplit=4)
    bredd, hojd, data = int(delar[1]), int(delar[2]), delar[4]
    return [min(data[y * bredd:(y + 1) * bredd]) < 235 for y in range(hojd)]


def rubriker_i_docx(docx: Path) -> tuple[list[str], list[str], set[str]]:
    """Rubrikernas text i dokumentordning (stilarna Heading N), innehållsförteckningens poster, och texten i stycken
    som börjar en ny sida."""
    import docx as pydocx
    from docx.oxml.ns import qn

    doc = pydocx.Document(str(docx))
    rubriker, poster, nya = [], [], set()
    ny_sektion = False
    for p in doc.paragraphs:
        text = _normal(p.text)
        ppr = p._p.pPr
        stil = p.style.style_id if p.style is not None else ""
        if text and (ny_sektion or p.paragraph_format.page_break_before):
            nya.add(text)
        if text:
            ny_sektion = False
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            ny_sektion = True
        if stil.startswith("Heading") and text:
            rubriker.append(text)
        elif re.fullmatch(r"TOC\d", stil) and text:
            poster.append(_normal(p.text.split("\t")[0]))
    return rubriker, poster, nya


def hitta_rubriker(sidor: list[Sida], rubriker: list[str], poster: list[str] = ()) -> list[tuple[int, int] | None]:
    """(sida, radindex) för varje rubrik, letad i ordning efter den förra (en rubrik kan brytas på två rader), efter
    innehållsförteckningens poster (raden börjar med posten; sidnumret står efter)."""
    ut: list[tuple[int, int] | None] = []
    sida, rad = 0, -1
    for r in poster:
        hittad = next(((s, i) for s in range(sida, len(sidor)) for i, x in enumerate(sidor[s].rader)
                       if (s > sida or i > rad) and x.text.startswith(r)), None)
        if hittad:
            sida, rad = hittad
    for r in rubriker:
        hittad = None
        for s in range(sida, len(sidor)):
            rader = [x.text for x in sidor[s].rader]
            for i in range(rad + 1 if s == sida else 0, len(rader)):
                if any(" ".join(rader[i:i + k]) == r for k in (1, 2, 3)):
                    hittad = (s, i)
                    break
            if hittad:
                break
        ut.append(hittad)
        if hittad:
            sida, rad = hittad
    return ut


def strandade(sidor: list[Sida], rubriker: list[str], lagen: list[tuple[int, int] | None]) -> list[tuple[int, str]]:
    """Rubriker som bara har andra rubriker under sig på sin sida (sista texten på sidan, och inte sista sidan)."""
    rubrikrader: dict[int, set[int]] = {}
    for lage, r in zip(lagen, rubriker, strict=True):
        if lage:
            s, i = lage
            rubrikrader.setdefault(s, set()).update(range(i, i + _antal_rader(sidor[s], i, r)))
    ut = []
    for lage, r in zip(lagen, rubriker, strict=True):
        if not lage or lage[0] == len(sidor) - 1:
            continue
        s, i = lage
        if all(j in rubrikrader[s] for j in range(i, len(sidor[s].rader))):
            ut.append((s + 1, r))
    return ut


def _antal_rader(sida: Sida, i: int, rubrik: str) -> int:
    rader = [x.text for x in sida.rader]
    return next((k for k in (1, 2, 3) if " ".join(rader[i:i + k]) == rubrik), 1)


def halvtomma(sidor: list[Sida], nya_sidor: set[str]) -> list[tuple[int, float]]:
    """Sidor mer än halvtomma fast nästa sidas första block hade fått plats. Undantag: titelsidan, sista sidan, en
    sida före en ny sektion, sidbrytning eller orienteringsbyte (t.ex. innehållsförteckningen)."""
    ut = []
    for s in range(1, len(sidor) - 1):
        sida, nasta = sidor[s], sidor[s + 1]
        if nasta.liggande != sida.liggande or (nasta.rader and nasta.rader[0].text in nya_sidor):
            continue
        kropp = sida.hojd - KROPP_UNDER_PT - KROPP_OVER_PT
        ledigt = sida.hojd - KROPP_UNDER_PT - sida.innehall_nederst()
        if ledigt / kropp > HALVTOM and nasta.forsta_block() < ledigt - 14:
            ut.append((s + 1, round(ledigt / kropp, 2)))
    return ut


def jamfor(docx: Path, pdf: Path, lo_pdf: Path) -> Jamforelse:
    rubriker, poster, nya = rubriker_i_docx(docx)
    sidor = {"pdf": las_sidor(pdf), "docx": las_sidor(lo_pdf)}
    lagen = {f: hitta_rubriker(s, rubriker, poster) for f, s in sidor.items()}
    rader = [(r, p[0] + 1 if p else None, d[0] + 1 if d else None)
             for r, p, d in zip(rubriker, lagen["pdf"], lagen["docx"], strict=True)]
    return Jamforelse(docx.stem, len(sidor["pdf"]), len(sidor["docx"]), rader,
                      {f: strandade(s, rubriker, lagen[f]) for f, s in sidor.items()},
                      {f: halvtomma(s, nya) for f, s in sidor.items()})


def jamfor_alla(ut: Path, bara: tuple[str, ...] = ()) -> list[Jamforelse]:
    docx = bygg_exempel(ut / "bygge", bara)
    lo = libreoffice_pdf(docx, ut / "libreoffice")
    return [jamfor(d, d.with_suffix(".pdf"), lo[d]) for d in docx]


def tabell(jamforelser: list[Jamforelse], detaljer: bool = True) -> str:
    """Tabellen över alla rapporter, och (med `detaljer`) rubrikerna på fel sida, strandade och halvtomma sidor."""
    rader = [f"{'rapport':<52} {'sidor pdf/docx':>14} {'rubriker fel':>13} {'strandade pdf/docx':>19} "
             f"{'halvtomma pdf/docx':>19}"]
    for j in jamforelser:
        sidor = f"{j.sidor_pdf}/{j.sidor_docx}" + ("" if j.sidor_pdf == j.sidor_docx else " *")
        rader.append(f"{j.namn:<52} {sidor:>14} {len(j.rubriker_fel):>6} / {len(j.rubriker):<4} "
                     f"{len(j.strandade['pdf']):>9}/{len(j.strandade['docx']):<9} "
                     f"{len(j.halvtomma['pdf']):>9}/{len(j.halvtomma['docx']):<9}")
    fel = sum(len(j.rubriker_fel) for j in jamforelser)
    alla = sum(len(j.rubriker) for j in jamforelser)
    olika = sum(j.sidor_pdf != j.sidor_docx for j in jamforelser)
    rader.append(f"Totalt: {fel} av {alla} rubriker på annan sida, {olika} av {len(jamforelser)} rapporter med "
                 f"olika antal sidor, strandade {sum(len(j.strandade['pdf']) for j in jamforelser)} (pdf) / "
                 f"{sum(len(j.strandade['docx']) for j in jamforelser)} (docx), halvtomma "
                 f"{sum(len(j.halvtomma['pdf']) for j in jamforelser)} (pdf) / "
                 f"{sum(len(j.halvtomma['docx']) for j in jamforelser)} (docx)")
    if detaljer:
        for j in jamforelser:
            for r, p, d in j.rubriker_fel:
                rader.append(f"  {j.namn}: '{r}' pdf s. {p}, docx s. {d}")
            for f in ("pdf", "docx"):
                rader += [f"  {j.namn}: strandad i {f} s. {s}: '{r}'" for s, r in j.strandade[f]]
                rader += [f"  {j.namn}: halvtom i {f} s. {s} ({a:.0%} tom)" for s, a in j.halvtomma[f]]
    return "\n".join(rader)


def main(argv: list[str]) -> None:
    import argparse

    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--ut", type=Path, help="katalog för byggena (standard: en temporär, som tas bort)")
    a.add_argument("--bara", nargs="*", default=(), help="bara rapporttyper eller perioder som innehåller NAMN")
    arg = a.parse_args(argv)
    ut = arg.ut or Path(tempfile.mkdtemp(prefix="sidparitet_"))
    try:
        print(tabell(jamfor_alla(ut, tuple(arg.bara))))
    finally:
        if arg.ut is None:
            shutil.rmtree(ut, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
