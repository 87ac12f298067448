"""Små linjediagram, ett per indikator (small multiples), med alternativtext som räknas från samma data.

`{{ sparklinjer("namn") }}` ritar indikatorerna i pivottabellen `namn`: samma urval och samma perioder som
tabellen. Varje ruta har sin egen y-skala (indikatorerna har olika enheter); senaste mätningen är markerad
och står som text. Alternativtexten säger första och senaste värdet och riktningen för varje indikator.
"""

from __future__ import annotations

import datetime as dt
import math

import polars as pl

from rapportverk.dokument.diagram import GRA, MORKBLA, figurer, stil, till_png
from rapportverk.dokument.pivottabell import RIKTNING, bedomningar, kolumner_for, kolumnrubrik, urval, varde_text
from rapportverk.dokument.ritning import sparat
from rapportverk.konfig.modell import Pivottabell
from rapportverk.period import Period

KOLUMNER = 3
BREDD_TUM = 6.3  # hela figuren; en ruta är en tredjedel
RUTHOJD_TUM = 1.45  # per rad rutor: rubrik på två rader i tabelltextens storlek och linjen under


def serier(ram: pl.DataFrame, pdef: Pivottabell, period: Period) -> list[dict]:
    """Per indikator: namn, enhet, decimaler och mätningarna (period, värde) inom tabellens perioder."""
    kol = kolumner_for(pdef, period)
    start = min((k.forsta for k in kol), default=period.forsta_dag)
    start = dt.date(start.year, start.month, 1)
    ut = []
    for (id_,), grupp in urval(ram, pdef).group_by("id", maintain_order=True):
        matningar = (grupp.filter((pl.col("period") <= period.forsta_dag) & (pl.col("period") >= start))
                     .drop_nulls("varde").sort("period", maintain_order=True))
        dec = grupp["decimaler"].drop_nulls() if "decimaler" in grupp.columns else pl.Series([])
        ut.append({"id": id_, "namn": grupp["namn"][-1],
                   "enhet": grupp["enhet"].drop_nulls()[-1] if "enhet" in grupp.columns and
                   grupp["enhet"].drop_nulls().len() else "",
                   "decimaler": int(dec[-1]) if dec.len() else None,
                   "perioder": matningar["period"].to_list(), "typer": matningar["periodtyp"].to_list(),
                   "varden": matningar["varde"].to_list()})
    return ut


def _etikett(datum: dt.date, typ: str) -> str:
    from rapportverk.berakning.indikatorserier import Kolumn

    if typ == "ar":
        return str(datum.year)
    return kolumnrubrik(Kolumn("kvartal" if typ == "kvartal" else "manad", datum))


@sparat
def sparklinjer(ram: pl.DataFrame, pdef: Pivottabell, period: Period, rubrik: str) -> tuple[bytes, str]:
    mpl = figurer()
    data = serier(ram, pdef, period)
    bed = bedomningar(urval(ram, pdef), pdef, period)
    rader = max(1, math.ceil(len(data) / KOLUMNER))
    kol = kolumner_for(pdef, period)
    x0 = min((k.forsta for k in kol), default=period.forsta_dag)

    def x(d: dt.date) -> int:
        return (d.year - x0.year) * 12 + d.month - x0.month

    with mpl.style.context(stil()):
        # Texten i diagramstilens storlek (font.size, tabelltextens 9,5 pt i den inbyggda), inte mindre än
        # tabellens text; rubriken bryts på två rader i stället för att krympa.
        storlek = _textstorlek()
        fig, axlar = mpl.subplots(rader, KOLUMNER, figsize=(BREDD_TUM, RUTHOJD_TUM * rader + 0.2), squeeze=False)
        sista_x = x(period.forsta_dag)
        for i, ax in enumerate(axlar.flat):
            if i >= len(data):
                ax.axis("off")
                continue
            s = data[i]
            ax.set_title(_kort(s["namn"], storlek), fontsize=storlek, loc="left")
            ax.set_xticks([])
            ax.set_yticks([])
            for kant in ax.spines.values():
                kant.set_visible(False)
            # Plats till höger om sista punkten för dess värde.
            ax.set_xlim(-1, sista_x + 1 + 0.4 * (sista_x + 2))
            if not s["varden"]:
                ax.text(0.5, 0.4, "Ingen mätning", transform=ax.transAxes, ha="center", fontsize=storlek, color=GRA)
                continue
            xs = [x(d) for d in s["perioder"]]
            ax.plot(xs, s["varden"], color=MORKBLA, linewidth=1.2, marker="o", markersize=1.8)
            ax.plot(xs[-1:], s["varden"][-1:], color=MORKBLA, marker="o", markersize=3.5)
            ax.annotate(varde_text(s["varden"][-1], s["enhet"], s["decimaler"]), (xs[-1], s["varden"][-1]),
                        xytext=(4, 0), textcoords="offset points", fontsize=storlek, va="center")
            lo, hi = min(s["varden"]), max(s["varden"])
            marg = (hi - lo) * 0.25 or abs(hi) * 0.1 or 1.0
            ax.set_ylim(lo - marg, hi + marg)
        fig.tight_layout(pad=0.3, h_pad=0.6, w_pad=0.8)
        png = till_png(fig)
    return png, alternativtext(data, bed, rubrik)


def _textstorlek() -> float:
    """Diagramstilens textstorlek i punkter (font.size i den stil som är aktiv)."""
    from matplotlib import rcParams

    return float(rcParams["font.size"])


def _kort(namn: str, storlek: float) -> str:
    """Rutans rubrik på högst två rader som ryms i rutans bredd, mätt i diagramstilens typsnitt; längre rubriker
    kortas med '…'."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    typsnitt = FontProperties(size=storlek)
    bredd = BREDD_TUM * 72 / KOLUMNER * 0.9

    def ryms(text: str) -> bool:
        return text_to_path.get_text_width_height_descent(text, typsnitt, ismath=False)[0] <= bredd

    rader: list[str] = []
    for ord_ in namn.split():
        if rader and ryms(f"{rader[-1]} {ord_}"):
            rader[-1] += f" {ord_}"
        else:
            rader.append(ord_)
    if len(rader) <= 2:
        return "\n".join(rader)
    andra = " ".join(rader[1:])
    while andra and not ryms(andra + "…"):
        andra = andra[:-1]
    return rader[0] + "\n" + andra.rstrip(" ,(") + "…"


def alternativtext(data: list[dict], bed: dict, rubrik: str) -> str:
    delar = [f"Små linjediagram, ett per indikator: {rubrik}."]
    for s in data:
        if not s["varden"]:
            delar.append(f"{s['namn']}: ingen mätning.")
            continue
        forsta = _med_enhet(s["varden"][0], s)
        sista = _med_enhet(s["varden"][-1], s)
        fran = _etikett(s["perioder"][0], s["typer"][0])
        till = _etikett(s["perioder"][-1], s["typer"][-1])
        riktning = RIKTNING[bed[s["id"]].riktning].split(" ", 1)[1]
        if len(s["varden"]) == 1:
            delar.append(f"{s['namn']}: en mätning, {sista} ({till}).")
        else:
            delar.append(f"{s['namn']}: från {forsta} ({fran}) till {sista} ({till}), {riktning}.")
    return " ".join(delar).replace("\u00a0", " ")


def _med_enhet(varde: float, s: dict) -> str:
    """Värdet som i tabellen; en enhet som tabellen skriver i radrubriken (dagar …) skrivs här efter talet."""
    text = varde_text(varde, s["enhet"], s["decimaler"])
    return text if (s["enhet"] or "") in ("%", "antal", "") else f"{text} {s['enhet']}"
