"""Måluppfyllelse i dokumentet: mål med bedömning (symbol och ord, aldrig färg ensam), antal per bedömning
som tabell, mening och diagram, och de finansiella målen med nyckeltal räknade ur rapportens tabeller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from rapportverk.berakning.mal import antal_per_bedomning, antal_per_namnd
from rapportverk.dokument.lista import bredder
from rapportverk.dokument.modell import Huvudcell, Justering, Tabell, Tabellrad
from rapportverk.dokument.ritning import sparat
from rapportverk.formatering import tal
from rapportverk.konfig.modell import BEDOMNINGAR

SYMBOL = {"Helt": "●", "Delvis": "◐", "Inte": "○", "Inga data": "–"}
# Hur en bedömning läses i löptext ("5 uppnås helt").
I_TEXT = {"Helt": "uppnås", "Delvis": "uppnås delvis", "Inte": "uppnås inte", "Inga data": "kan ännu inte bedömas"}
BENAMNING = {"regionmal": ("regionmål", "regionmål"), "delmal": ("delmål", "delmål"),
             "indikator": ("indikator", "indikatorer"), "finansiellt": ("finansiellt mål", "finansiella mål")}
# Bestämd form (singular, plural) och om ordet är ett n-ord ('den'/'ingen') eller t-ord ('det'/'inget').
BESTAMD = {"regionmal": ("regionmålet", "regionmålen", "t"), "delmal": ("delmålet", "delmålen", "t"),
           "indikator": ("indikatorn", "indikatorerna", "n"),
           "finansiellt": ("finansiella målet", "finansiella målen", "t")}


def bedomning(varde: str) -> str:
    return f"{SYMBOL.get(varde, '')} {varde}".strip()


@dataclass(frozen=True)
class Malpost:
    """Ett mål som mallen loopar över (mal_lista): fälten som text, tomt fält som tom text."""

    id: str
    typ: str
    text: str
    bedomning: str
    symbol: str
    bedomningstext: str
    namnd: str
    namndnamn: str
    overordnat: str
    perspektiv: str
    utfall: str
    malvarde: str
    analys: str

    def __str__(self) -> str:
        return self.text


def malpost(rad: dict[str, Any], namnder: dict[str, str]) -> Malpost:
    """En rad ur målfilen (efter berakning.mal.aktuella_mal) som Malpost."""
    def t(kolumn: str) -> str:
        v = rad.get(kolumn)
        return "" if v is None else str(v)

    return Malpost(id=t("id"), typ=t("typ"), text=t("text"), bedomning=t("bedomning"),
                   symbol=SYMBOL.get(t("bedomning"), ""), bedomningstext=bedomning(t("bedomning")), namnd=t("namnd"),
                   namndnamn=namnder.get(t("namnd"), t("namnd")), overordnat=t("overordnat"),
                   perspektiv=t("perspektiv"), utfall=t("utfall"), malvarde=t("malvarde"), analys=t("analys"))


def mening(antal: dict[str, int], typ: str) -> str:
    """'12 delmål: 5 uppnås, 2 uppnås delvis och 5 är ännu inte bedömda.' (noll hoppas över)."""
    total = sum(antal.values())
    ental, plural = BENAMNING.get(typ, (typ, typ))
    if total == 0:
        return f"Inga {plural} har bedömts för perioden."
    delar = [f"{n} {I_TEXT[b]}" for b, n in antal.items() if n]
    if len(delar) == 1:
        b = next(b for b, n in antal.items() if n)
        singular, best_plural, genus = BESTAMD.get(typ, (ental, plural, "t"))
        if total == 1:
            return f"{'Den' if genus == 'n' else 'Det'} enda {singular} {I_TEXT[b]}."
        if b in ("Helt", "Delvis"):
            return f"Alla {total} {plural} {I_TEXT[b]}."
        ingen = "Ingen" if genus == "n" else "Inget"
        return f"{ingen} av de {total} {best_plural} {'uppnås' if b == 'Inte' else 'kan bedömas ännu'}."
    text = delar[0] if len(delar) == 1 else ", ".join(delar[:-1]) + " och " + delar[-1]
    return f"{total} {ental if total == 1 else plural}: {text}."


def maltabell(id_: str, rubrik: str, mal: pl.DataFrame, typ: str, namnder: dict[str, str],
              med_namnd: bool) -> Tabell:
    """En rad per mål: (nämnd,) mål, bedömning, (utfall och målvärde för indikatorer,) analys."""
    urval = mal.filter(pl.col("typ") == typ).sort("kalla", "rad")  # fil för fil, inte raderna i filerna omväxlande
    med_varden = typ == "indikator"
    rubriker = [*(["Nämnd"] if med_namnd else []), BENAMNING.get(typ, (typ,))[0].capitalize(), "Bedömning",
                *(["Utfall", "Målvärde"] if med_varden else []), "Analys"]
    rader = []
    for r in urval.iter_rows(named=True):
        celler = [*([namnder.get(r["namnd"] or "", r["namnd"] or "")] if med_namnd else []), r["text"],
                  bedomning(r["bedomning"]), *([r["utfall"] or "", r["malvarde"] or ""] if med_varden else []),
                  r["analys"] or ""]
        rader.append(Tabellrad(tuple(celler)))
    huvud = (tuple(Huvudcell(t, 1, "vanster") for t in rubriker),)
    justering: tuple[Justering, ...] = tuple("vanster" for _ in rubriker)
    return Tabell(id_, rubrik, huvud, tuple(rader), justering,
                  bredder=bredder(rubriker, [r.celler for r in rader]))


def antalstabell(id_: str, rubrik: str, mal: pl.DataFrame, typ: str, namnder: dict[str, str]) -> Tabell:
    """Antal mål av typen per nämnd och bedömning, med symbolen i kolumnrubriken och en rad för regionen."""
    per_namnd = antal_per_namnd(mal, typ, list(namnder))
    rubriker = ["Nämnd", *(bedomning(b) for b in BEDOMNINGAR), "Totalt"]
    rader = [Tabellrad((namnder[n], *(tal(a[b]) for b in BEDOMNINGAR), tal(sum(a.values()))))
             for n, a in per_namnd.items()]
    totalt = antal_per_bedomning(mal, typ)
    rader.append(Tabellrad(("Totalt", *(tal(totalt[b]) for b in BEDOMNINGAR), tal(sum(totalt.values()))), "summa"))
    huvud = (tuple(Huvudcell(t, 1, "vanster" if i == 0 else "hoger") for i, t in enumerate(rubriker)),)
    justering: tuple[Justering, ...] = ("vanster", *("hoger" for _ in rubriker[1:]))
    return Tabell(id_, rubrik, huvud, tuple(rader), justering)


def finansiell_tabell(id_: str, rubrik: str, rader_: list[tuple[str, str, str, str, str]]) -> Tabell:
    """Finansiella mål: mål, utfall/prognos, målvärde, bedömning, analys (redan formaterade)."""
    rubriker = ["Finansiellt mål", "Utfall prognos", "Målvärde", "Bedömning", "Analys"]
    rader = tuple(Tabellrad(r) for r in rader_)
    huvud = (tuple(Huvudcell(t, 1, "vanster") for t in rubriker),)
    justering: tuple[Justering, ...] = ("vanster", "hoger", "hoger", "vanster", "vanster")
    return Tabell(id_, rubrik, huvud, rader, justering, bredder=bredder(rubriker, [r.celler for r in rader]))


@sparat
def maldiagram(per_namnd: dict[str, dict[str, int]], namnder: dict[str, str], rubrik: str) -> tuple[bytes, str]:
    """Liggande staplade staplar per nämnd: antal per bedömning, med mönster och etiketter (inte färg ensam)."""
    from rapportverk.dokument import diagram as d

    mpl = d.figurer()
    monster = {"Helt": "", "Delvis": "//", "Inte": "..", "Inga data": "xx"}
    farger = {"Helt": d.MORKBLA, "Delvis": d.TURKOS, "Inte": d.ORANGE, "Inga data": "#ffffff"}
    etiketter = [namnder[n] for n in per_namnd]
    with mpl.style.context(d.stil()):
        # Samma bredd som sidans text (16 cm), så att texten står i stilens storlek och inte skalas ned.
        fig, ax = mpl.subplots(figsize=(6.3, 0.5 * len(etiketter) + 1.4))
        vanster = [0] * len(etiketter)
        for b in BEDOMNINGAR:
            varden = [per_namnd[n][b] for n in per_namnd]
            staplar = ax.barh(etiketter, varden, left=vanster, label=bedomning(b), color=farger[b],
                              edgecolor=d.MORKBLA, hatch=monster[b], linewidth=0.6)
            for s, v in zip(staplar, varden, strict=True):
                if v:
                    mork = b in ("Helt", "Delvis", "Inte")
                    ax.text(s.get_x() + s.get_width() / 2, s.get_y() + s.get_height() / 2, str(v), ha="center",
                            va="center", color="white" if mork else d.TEXTFARG,
                            # rutan i stapelns färg döljer bara mönstret bakom siffran
                            bbox={"boxstyle": "round,pad=0.15", "fc": farger[b], "lw": 0})
            vanster = [a + v for a, v in zip(vanster, varden, strict=True)]
        ax.invert_yaxis()
        ax.set_xlabel("Antal")
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # antal mål: inga halva
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=4, frameon=False)
        png = d.till_png(fig)
    delar = []
    for n, a in per_namnd.items():
        delar.append(f"{namnder[n]}: " + ", ".join(f"{v} {b.lower()}" for b, v in a.items() if v))
    alt = f"{rubrik}. Liggande staplar med antal per bedömning. " + "; ".join(delar) + "."
    return png, alt
