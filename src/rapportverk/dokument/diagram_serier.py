"""Diagram över tid: R12, utfall mot budget per månad och investeringar (matplotlib, husstilen).

Alternativtexten genereras från samma tal som ritas, och månader utan data visas som luckor — aldrig som
nollor, så att ett R12-värde aldrig räknas på ett ofullständigt år.
"""

from __future__ import annotations

import polars as pl

from rapportverk.berakning import Tabell as Berakning
from rapportverk.dokument.diagram import (
    GRA,
    MORKBLA,
    ORANGE,
    diagramtal,
    figurer,
    jamforelsestaplar,
    stil,
    tal_axel,
    till_png,
    vit_kontur,
)
from rapportverk.dokument.ritning import sparat
from rapportverk.formatering import manad_kort, manadsnamn, skala, tal

# Teckenförklaringen står ovanför diagrammet, inte på staplarna: svart text på mörka staplar har ingen kontrast.
OVANFOR = {"loc": "lower left", "bbox_to_anchor": (0, 1.01), "ncol": 3, "borderaxespad": 0}


def _enh(enhet: str) -> str:
    return {"mkr": "Mkr", "tkr": "Tkr", "kr": "kr"}[enhet]


@sparat
def r12(serie: pl.DataFrame, ar: int, till_manad: int, rubrik: str, enhet: str) -> tuple[bytes, str]:
    """Staplar per månad i fjol och i år, och rullande tolv månaders förändring i procent (högeraxel).

    `serie` har kolumnerna ar, manad, belopp och finns (bool) för minst tre år t.o.m. `ar`.
    """
    mpl = figurer()
    s = serie.sort("ar", "manad").with_columns(
        pl.when(pl.col("finns")).then(pl.col("belopp")).otherwise(None).alias("belopp"))
    # R12(m) och R12(m − 12) kräver 24 hela månader; en lucka ger null, inte ett missvisande tal.
    s = s.with_columns(pl.col("belopp").rolling_sum(12).alias("r12"))
    s = s.with_columns(((pl.col("r12") / pl.col("r12").shift(12) - 1) * 100).alias("r12_procent"))
    fore = s.filter(pl.col("ar") == ar - 1)
    nu = s.filter((pl.col("ar") == ar) & (pl.col("manad") <= till_manad))
    with mpl.style.context(stil()):
        fig, ax = mpl.subplots(figsize=(6.3, 2.9))
        x = list(range(1, 13))
        ax.bar([m - 0.2 for m in fore["manad"]], (fore["belopp"].fill_null(0) / skala(enhet)).abs(), width=0.4,
               label=f"Kostnader {ar - 1}", **jamforelsestaplar())
        ax.bar([m + 0.2 for m in nu["manad"]], (nu["belopp"].fill_null(0) / skala(enhet)).abs(), width=0.4,
               color=MORKBLA, label=f"Kostnader {ar}")
        ax.set_xticks(x, [manad_kort(m) for m in x])
        ax.set_ylabel(_enh(enhet))
        tal_axel(ax, "y")
        ax.grid(axis="y", color="#dddddd")
        ax.grid(axis="x", visible=False)
        ax2 = ax.twinx()
        ax2.plot(nu["manad"], nu["r12_procent"], color=ORANGE, marker="o", markersize=3, label="R12 förändring %",
                 **vit_kontur())
        ax2.set_ylabel("R12 %")
        tal_axel(ax2, "y", minst=1)
        ax2.spines["right"].set_visible(True)
        linjer = ax.get_legend_handles_labels()
        linjer2 = ax2.get_legend_handles_labels()
        ax.legend(linjer[0] + linjer2[0], linjer[1] + linjer2[1], **OVANFOR)
        png = till_png(fig)
    sista = nu.filter(pl.col("manad") == till_manad)
    delar = [f"Stapel- och linjediagram: {rubrik}."]
    if sista.height and sista["belopp"][0] is not None:
        delar.append(f"{manadsnamn(till_manad).capitalize()} {ar}: {diagramtal(abs(sista['belopp'][0]), enhet)} "
                     f"{_enh(enhet)}.")
    if sista.height and sista["r12_procent"][0] is not None:
        delar.append(f"Rullande tolv månader har kostnaderna förändrats med {tal(sista['r12_procent'][0], 1)} "
                     "procent mot tolv månader tidigare.")
    else:
        delar.append("R12-förändringen kan inte räknas: det saknas data för någon av de senaste 24 månaderna.")
    return png, " ".join(delar)


@sparat
def manad_budget(serie: pl.DataFrame, budget: pl.DataFrame, ar: int, till_manad: int, rubrik: str, enhet: str
                 ) -> tuple[bytes, str]:
    """Utfall i år (t.o.m. perioden) och budget i år som staplar, utfall i fjol som linje."""
    mpl = figurer()
    nu = serie.filter((pl.col("ar") == ar) & (pl.col("manad") <= till_manad))
    fore = serie.filter(pl.col("ar") == ar - 1)
    bud = budget.filter(pl.col("ar") == ar)
    with mpl.style.context(stil()):
        fig, ax = mpl.subplots(figsize=(6.3, 2.8))
        ax.bar([m - 0.2 for m in nu["manad"]], (nu["belopp"] / skala(enhet)).abs(), width=0.4, color=MORKBLA,
               label=f"Utfall {ar}")
        ax.bar([m + 0.2 for m in bud["manad"]], (bud["belopp"] / skala(enhet)).abs(), width=0.4,
               label=f"Budget {ar}", **jamforelsestaplar())
        ax.plot(fore["manad"], (fore["belopp"] / skala(enhet)).abs(), color=GRA, linestyle="--", marker="s",
                markersize=3, label=f"Utfall {ar - 1}", **vit_kontur())
        ax.set_xticks(range(1, 13), [manad_kort(m) for m in range(1, 13)])
        ax.set_ylabel(_enh(enhet))
        tal_axel(ax, "y")
        ax.grid(axis="y", color="#dddddd")
        ax.grid(axis="x", visible=False)
        ax.legend(**OVANFOR)
        png = till_png(fig)
    ack_nu = nu["belopp"].sum()
    ack_bud = bud.filter(pl.col("manad") <= till_manad)["belopp"].sum()
    ack_fore = fore.filter(pl.col("manad") <= till_manad)["belopp"].sum()
    alt = (f"Stapeldiagram: {rubrik}. T.o.m. {manadsnamn(till_manad)} {ar}: utfall {diagramtal(abs(ack_nu), enhet)}, "
           f"budget {diagramtal(abs(ack_bud), enhet)} och utfall samma period {ar - 1} "
           f"{diagramtal(abs(ack_fore), enhet)} "
           f"{_enh(enhet)}. Streckad linje är {ar - 1}.")
    return png, alt


@sparat
def investeringar(t: Berakning, rubrik: str, enhet: str) -> tuple[bytes, str]:
    """Liggande staplar per investeringsområde: utfall t.o.m. perioden mot årsbudget."""
    mpl = figurer()
    nycklar = [k.nyckel for k in t.kolumner]
    rader = [r for r in t.rader if r.typ == "normal"]
    utfall = [(r.varden[nycklar.index("utfall_ack")] or 0) / skala(enhet) for r in rader]
    budget = [(r.varden[nycklar.index("arsbudget")] or 0) / skala(enhet) for r in rader]
    with mpl.style.context(stil()):
        fig, ax = mpl.subplots(figsize=(6.3, 0.5 * len(rader) + 1.0))
        y = list(range(len(rader)))[::-1]
        ax.barh([v + 0.2 for v in y], utfall, height=0.4, color=MORKBLA, label="Utfall")
        ax.barh([v - 0.2 for v in y], budget, height=0.4, label="Årsbudget", **jamforelsestaplar())
        ax.set_yticks(y, [r.etikett for r in rader])
        tal_axel(ax)
        ax.set_xlabel(_enh(enhet))
        ax.legend(**OVANFOR)
        png = till_png(fig)
    alt = (f"Stapeldiagram: {rubrik}. " + "; ".join(
        f"{r.etikett} utfall {diagramtal(r.varden[nycklar.index('utfall_ack')], enhet)} av budget "
        f"{diagramtal(r.varden[nycklar.index('arsbudget')], enhet)}" for r in rader) + f" {_enh(enhet)}.")
    return png, alt
