"""Diagram (matplotlib, husstil i mallar/) med alternativtext som genereras från samma data.

Bilderna är deterministiska PNG (ingen programvaru- eller tidsstämpel), så samma indata ger samma fil.
"""

from __future__ import annotations

import functools
import io
import itertools
import math

import polars as pl

from rapportverk.berakning import Tabell as Berakning

# Det som hör till bygget som pågår (stil, PNG eller inte, förrådet) står i ritning; namnen finns också här.
from rapportverk.dokument.ritning import STIL as STIL
from rapportverk.dokument.ritning import Diagrambild, png_ritas, sparat, stil
from rapportverk.dokument.ritning import med_stil as med_stil
from rapportverk.formatering import belopp, manad_kort, manadsnamn, skala, tal

# Husets palett (samma som i den inbyggda diagram.mplstyle). Blått mot orange skiljs åt också vid rött-grönt-
# färgblindhet (protanopi, deuteranopi) och blått-gult (tritanopi); grått har alltid en egen linjestil och egna
# markörer. Varje färg har kontrast minst 4,5:1 mot vit botten (WCAG 1.4.3), så de duger också för text.
MORKBLA, ORANGE, GRA, TURKOS = "#1f5f8b", "#b35000", "#4d4d4d", "#00766b"
PALETT = (MORKBLA, ORANGE, GRA, TURKOS)
# Ljus fyllning för jämförelsestaplar (budget, föregående år): bara som yta, alltid med mörkblå kant och
# streckmönster, så att stapeln har kontrast mot botten (WCAG 1.4.11) och skiljs från de mörka utan färg.
LJUS_FYLLNING = "#dce8f2"
MONSTER = "//"
TEXTFARG = "#1a1a1a"


def kontrast(farg: str, bakgrund: str = "#ffffff") -> float:
    """Kontrastförhållandet mellan två färger enligt WCAG 2.1 (1–21)."""

    def luminans(hexfarg: str) -> float:
        h = hexfarg.lstrip("#")
        kanaler = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in kanaler)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    ljus, mork = sorted((luminans(farg), luminans(bakgrund)), reverse=True)
    return (ljus + 0.05) / (mork + 0.05)


def vit_kontur() -> dict:
    """En vit kant runt en linje som ritas över staplar: linjen syns mot både mörka och ljusa staplar."""
    from matplotlib import patheffects

    return {"path_effects": [patheffects.Stroke(linewidth=3.2, foreground="white"), patheffects.Normal()]}


def jamforelsestaplar() -> dict:
    """Utseendet för ljusa jämförelsestaplar (budget, föregående år): fyllning, kant och mönster."""
    return {"color": LJUS_FYLLNING, "edgecolor": MORKBLA, "hatch": MONSTER, "linewidth": 0.6}


class _Agg:
    """Det lilla av pyplot som diagrammen använder (stilen och subplots), direkt på matplotlibs Figure och
    Agg-ritaren: pyplot och dess fönsterhantering läses aldrig in, och en figur lever bara så länge någon håller
    den (ingen global lista att stänga den i)."""

    def __init__(self) -> None:
        import matplotlib.style
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.style = matplotlib.style
        self._figur, self._rityta = Figure, FigureCanvasAgg

    def subplots(self, nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float] | None = None, **kw):
        fig = self._figur(figsize=figsize)
        self._rityta(fig)
        return fig, fig.subplots(nrows, ncols, **kw)


@functools.cache
def figurer() -> _Agg:
    return _Agg()


# Upplösning för PNG-bilden i DOCX-filen (200 ppi vid 16 cm; förut 132–176); SVG:n i PDF:en har ingen.
DPI = 200


def till_png(fig) -> Diagrambild:
    """Diagrammet som deterministisk PNG (om bygget behöver den) och SVG: ingen tidsstämpel, samma id:n i SVG:n
    (hashsalt), och texten som text i SVG:n (fonttype none), så att PDF:en får diagrammets text i rapportens
    typsnitt."""
    import matplotlib

    _runda_vardeaxlar(fig)
    # En ritare för alla mätningar: textens mått beror bara på upplösningen, inte på figurens bredd, och
    # matplotlib sparar dem per ritare (en ny ritare per bredd mätte varje text igen, ~0,1 s per diagram).
    ritare = fig.canvas.get_renderer()
    _i_textbredd(fig, ritare)
    ruta = _gemensam_ruta(fig, ritare)
    buf = io.BytesIO()
    if png_ritas():
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches=ruta)
    bild = Diagrambild(buf.getvalue())
    svg = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "rapportverk"}):
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches=ruta)
    bild.svg = svg.getvalue()
    return bild


def _runda_vardeaxlar(fig) -> None:
    """Varje värdeaxel slutar på en markering ovanför och under data (ingen punkt över axelns översta tal, målvärdet
    inte på ramen). Månader och kategorier (fasta markeringar, textetiketter) behåller sina gränser: rundade gav de
    ett tomt band före januari och efter december."""
    from matplotlib.category import StrCategoryLocator
    from matplotlib.ticker import FixedLocator

    for ax in fig.axes:
        if not ax.axison:
            continue
        for axel, granser, satt in ((ax.xaxis, ax.get_xlim, ax.set_xlim), (ax.yaxis, ax.get_ylim, ax.set_ylim)):
            lokal = axel.get_major_locator()
            if isinstance(lokal, FixedLocator | StrCategoryLocator):
                continue
            lag, hog = sorted(granser())
            steg = lokal.tick_values(lag, hog)
            under = [t for t in steg if t <= lag + 1e-12 * max(1.0, abs(lag))]
            over = [t for t in steg if t >= hog - 1e-12 * max(1.0, abs(hog))]
            if under and over:
                nya = (max(under), min(over))
                satt(*(nya if granser()[0] <= granser()[1] else nya[::-1]))


# Bildens bredd på sidan (modellens Figur.bredd_cm, textbredden): diagrammet ritas så att rutan runt allt det
# visar är precis så bred, så att bilden står i naturlig storlek och texten i stilens 9,5 pt i varje diagram.
BREDD_TUM = 16.0 / 2.54


def _i_textbredd(fig, ritare) -> None:
    """Ändra figurens bredd tills rutan runt diagrammet (axlarnas etiketter, förklaringen) är BREDD_TUM bred. Förut
    ritades figuren 6,3 tum bred och rutan skalades till textbredden: långa etiketter gjorde den bredare och
    texten 8,7 pt, korta smalare och texten 10,8 pt. Axlarna står på andelar av figuren, så etiketterna behåller
    sin storlek och axlarna tar skillnaden; två varv räcker."""
    from matplotlib import rcParams

    for _ in range(4):
        ruta = fig.get_tightbbox(ritare).padded(float(rcParams["savefig.pad_inches"]))
        skillnad = BREDD_TUM - ruta.width
        if abs(skillnad) < 0.25 / DPI:
            return
        fig.set_figwidth(fig.get_figwidth() + skillnad)


def _gemensam_ruta(fig, ritare):
    """Den tajta rutan runt diagrammet (tum), en gång för båda bilderna och utökad till hela bildpunkter vid DPI:
    PNG-bilden (DOCX) och SVG:n (PDF) får då exakt samma proportioner, och samma höjd på sidan vid samma bredd.
    Var och en med bbox_inches="tight" mätte texten med sin egen ritare, och DOCX-filens bild blev upp till 1 pt
    högre än PDF:ens."""
    from matplotlib import rcParams
    from matplotlib.transforms import Bbox

    ruta = fig.get_tightbbox(ritare).padded(float(rcParams["savefig.pad_inches"]))
    (x0, y0), (x1, y1) = ruta.get_points()
    bredd, hojd = (math.ceil(round((b - a) * DPI, 6)) / DPI for a, b in ((x0, x1), (y0, y1)))
    return Bbox.from_bounds(x0, y1 - hojd, bredd, hojd)


def diagramtal(varde_kr: float | None, enhet: str, decimaler: int = 0) -> str:
    """Ett belopp i diagrammet eller dess alternativtext: som i tabellen, men aldrig "0" för ett belopp som inte
    är noll (det får en eller två decimaler till), så att en liten nämnds avvikelse syns."""
    return belopp(varde_kr, enhet, decimaler, synlig=True)


def tal_axel(ax, axel: str = "x", minst: int = 0) -> None:
    """Axelns tal med svenskt decimalkomma och minustecken; minst `minst` decimaler (procent: en)."""
    (ax.xaxis if axel == "x" else ax.yaxis).set_major_formatter(_axeltal(minst))


def sprid_axel(ax, varden: list[float], spann: float, marginal: float) -> None:
    """Vidga x-axeln till minst `spann` (noll alltid med): annars fyller en avvikelse på −0,05 Mkr hela diagrammet
    och ser lika stor ut som en på −50 Mkr. Större spann lämnas åt matplotlib, så vanliga diagram ritas som förut."""
    lagst, hogst = min([0.0, *varden]), max([0.0, *varden])
    if hogst - lagst >= spann:
        return
    if hogst <= 0:
        lagst = hogst - spann
    elif lagst >= 0:
        hogst = lagst + spann
    else:
        mitt = (lagst + hogst) / 2
        lagst, hogst = mitt - spann / 2, mitt + spann / 2
    ax.set_xlim(lagst - marginal * spann, hogst + marginal * spann)


def axeldecimaler(markeringar: list[float]) -> int:
    """Så många decimaler som stegen mellan axelns markeringar kräver (steg 0,5 → en), så att två markeringar
    aldrig får samma text: med heltal blev −2,5 och −1,5 Mkr "−2" och "−2" när beloppen är små."""
    steg = [abs(b - a) for a, b in itertools.pairwise(markeringar) if b != a]
    decimaler = 0
    while steg and decimaler < 4 and any(abs(round(s, decimaler) - s) > 1e-9 * max(1.0, s) for s in steg):
        decimaler += 1
    return decimaler


def _axeltal(minst: int = 0):
    from matplotlib.ticker import Formatter

    class Axeltal(Formatter):
        decimaler = minst

        def set_locs(self, locs) -> None:
            super().set_locs(locs)
            self.decimaler = max(minst, axeldecimaler(sorted(float(v) for v in locs)))

        def __call__(self, x, pos=None) -> str:
            return tal(x, self.decimaler)

    return Axeltal()


@sparat
def stapel(t: Berakning, kolumn: str, rubrik: str, enhet: str) -> tuple[bytes, str]:
    """Liggande staplar per rad (utom summarader); varje stapel har sitt värde som etikett."""
    mpl = figurer()
    index = [k.nyckel for k in t.kolumner].index(kolumn)
    dec = t.kolumner[index].decimaler  # etiketter och alternativtext som i tabellen, så att de inte skiljer sig
    rader = [(r.etikett, r.varden[index] or 0.0) for r in t.rader if r.typ == "normal"]
    varden = [v / skala(enhet) for _, v in rader]
    with mpl.style.context(stil()):
        fig, ax = mpl.subplots(figsize=(6.3, 0.45 * len(rader) + 1.0))
        y = list(range(len(rader)))[::-1]
        # Negativt visas både med färg och med tecken i etiketten — aldrig med färg ensam.
        ax.barh(y, varden, color=[ORANGE if v < 0 else MORKBLA for v in varden], height=0.6)
        ax.set_yticks(y, [e for e, _ in rader])
        ax.axvline(0, color=GRA, linewidth=0.8)
        for yi, v, (_, kr) in zip(y, varden, rader, strict=True):
            ax.annotate(diagramtal(kr, enhet, dec), (v, yi), xytext=(4 if v >= 0 else -4, 0),
                        textcoords="offset points", ha="left" if v >= 0 else "right", va="center")
        ax.set_xlabel(f"{'Mkr' if enhet == 'mkr' else enhet}")
        tal_axel(ax)
        ax.margins(x=0.18)
        # Minsta spann: en enhet i tabellens sista decimal (1 Mkr när tabellen visar hela Mkr).
        sprid_axel(ax, varden, 10.0 ** -dec, 0.18)
        png = till_png(fig)
    return png, _stapel_alt(rader, rubrik, enhet, dec)


def _stapel_alt(rader: list[tuple[str, float]], rubrik: str, enhet: str, dec: int = 0) -> str:
    enh = "Mkr" if enhet == "mkr" else enhet
    if not rader:
        return f"Stapeldiagram: {rubrik}. Inga värden."
    lagst = min(rader, key=lambda r: r[1])
    hogst = max(rader, key=lambda r: r[1])
    delar = [f"Stapeldiagram: {rubrik}."]
    if lagst[1] < 0:
        delar.append(f"Störst negativ {lagst[0]} {diagramtal(lagst[1], enhet, dec)} {enh}.")
    if hogst[1] > 0:
        delar.append(f"Störst positiv {hogst[0]} {diagramtal(hogst[1], enhet, dec)} {enh}.")
    delar.append("Värden: " + "; ".join(f"{e} {diagramtal(v, enhet, dec)}" for e, v in rader) + ".")
    return " ".join(delar)


@sparat
def manadslinje(serie: pl.DataFrame, ar: int, till_manad: int, rubrik: str, enhet: str) -> tuple[bytes, str]:
    """Linjer per månad: innevarande år t.o.m. perioden och hela föregående år."""
    mpl = figurer()
    nu = serie.filter((pl.col("ar") == ar) & (pl.col("manad") <= till_manad))
    fore = serie.filter(pl.col("ar") == ar - 1)
    with mpl.style.context(stil()):
        fig, ax = mpl.subplots(figsize=(6.3, 2.8))
        ax.plot(fore["manad"], fore["belopp"] / skala(enhet), color=GRA, linestyle="--", marker="s", markersize=3,
                label=str(ar - 1))
        ax.plot(nu["manad"], nu["belopp"] / skala(enhet), color=MORKBLA, marker="o", markersize=4, label=str(ar))
        ax.set_xticks(range(1, 13), [manad_kort(m) for m in range(1, 13)])
        ax.grid(axis="y", color="#dddddd")
        ax.grid(axis="x", visible=False)
        ax.set_ylabel("Mkr" if enhet == "mkr" else enhet)
        tal_axel(ax, "y")
        ax.legend(loc="best")
        png = till_png(fig)
    sista_nu = nu["belopp"][-1] if nu.height else None
    sista_fore = fore.filter(pl.col("manad") == till_manad)["belopp"]
    alt = (f"Linjediagram: {rubrik}. {manadsnamn(till_manad).capitalize()} {ar}: {diagramtal(sista_nu, enhet)} "
           f"{'Mkr' if enhet == 'mkr' else enhet}, samma månad {ar - 1}: "
           f"{diagramtal(sista_fore[0] if sista_fore.len() else None, enhet)}. Streckad linje är {ar - 1}.")
    return png, alt


@sparat
def sjukfranvaro(serie: pl.DataFrame, ar: int, till_manad: int, rubrik: str, malvarde: float | None
                 ) -> tuple[bytes, str]:
    """Sjukfrånvaro i procent per månad: i år t.o.m. perioden, hela föregående år och målvärdet."""
    mpl = figurer()
    nu = serie.filter((pl.col("ar") == ar) & (pl.col("manad") <= till_manad)).drop_nulls("procent")
    fore = serie.filter(pl.col("ar") == ar - 1).drop_nulls("procent")
    with mpl.style.context(stil()):
        fig, ax = mpl.subplots(figsize=(6.3, 2.6))
        ax.plot(fore["manad"], fore["procent"], color=GRA, linestyle="--", marker="s", markersize=3,
                label=str(ar - 1))
        ax.plot(nu["manad"], nu["procent"], color=MORKBLA, marker="o", markersize=4, label=str(ar))
        if malvarde is not None:
            ax.axhline(malvarde, color=ORANGE, linestyle=":", linewidth=1.5, label=f"Målvärde {tal(malvarde, 1)} %")
        ax.set_xticks(range(1, 13), [manad_kort(m) for m in range(1, 13)])
        ax.grid(axis="y", color="#dddddd")
        ax.grid(axis="x", visible=False)
        ax.set_ylabel("Procent")
        tal_axel(ax, "y", minst=1)
        ax.set_ylim(bottom=0)
        ax.legend(loc="best")
        png = till_png(fig)
    delar = [f"Linjediagram: {rubrik}."]
    if nu.height:
        delar.append(f"{manadsnamn(int(nu['manad'][-1])).capitalize()} {ar}: {tal(nu['procent'][-1], 1)} procent.")
        hogst = nu.sort("procent", descending=True).row(0, named=True)
        delar.append(f"Högst i år i {manadsnamn(int(hogst['manad']))}: {tal(hogst['procent'], 1)} procent.")
    if malvarde is not None:
        delar.append(f"Målvärdet är {tal(malvarde, 1)} procent.")
    delar.append(f"Streckad linje är {ar - 1}.")
    return png, " ".join(delar)
