"""Indikatorer över tid: perioder som kolumner, Riktning ur serien och Nivå mot målet. Rena funktioner.

En mätning har `periodtyp` (manad, kvartal, ar) och `period` = periodens sista månad (första dagen).
Ingen formatering här: dokument/pivottabell.py gör symboler och text av koderna.

Riktning (koder): `battre`, `oforandrad`, `samre` — eller `okar`/`minskar` när indikatorn inte säger om högre
är bättre — och None när serien är för kort för regeln. Nivå: `nar` (når målet), `nar_inte`, `mal_saknas`,
`matning_saknas`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import polars as pl

from rapportverk.period import Period

Metod = Literal["rullande", "fg", "forra"]


Arsvarde = Literal["senaste", "medel"]


@dataclass(frozen=True)
class Kolumn:
    """En periodkolumn: `typ` kvartal, manad eller ar, `slut` = sista månadens första dag (för innevarande år
    rapportperiodens månad, så att bara mätningar t.o.m. perioden räknas)."""

    typ: Literal["kvartal", "manad", "ar"]
    slut: dt.date

    @property
    def forsta(self) -> dt.date:
        """Kolumnens första månad för ett år (januari), annars dess sista (som förut för kvartal och månad)."""
        return dt.date(self.slut.year, 1, 1) if self.typ == "ar" else self.slut


def periodkolumner(period: Period, kvartal: int, manader: int) -> list[Kolumn]:
    """`kvartal` hela kvartal t.o.m. perioden (äldst först), sedan `manader` månader t.o.m. perioden."""
    sista_kv = period.plus_manader(-(period.manad % 3))  # närmaste kvartalsslut t.o.m. perioden
    kolumner = [Kolumn("kvartal", sista_kv.plus_manader(-3 * i).forsta_dag) for i in range(kvartal - 1, -1, -1)]
    kolumner += [Kolumn("manad", period.plus_manader(-i).forsta_dag) for i in range(manader - 1, -1, -1)]
    return kolumner


def arskolumner(period: Period, ar: int) -> list[Kolumn]:
    """`ar` kalenderår t.o.m. periodens år (äldst först); innevarande år räknas t.o.m. perioden."""
    return [Kolumn("ar", dt.date(a, 12, 1) if a < period.ar else period.forsta_dag)
            for a in range(period.ar - ar + 1, period.ar + 1)]


def arsvarde(serie: pl.DataFrame, kolumn: Kolumn, regel: Arsvarde = "senaste") -> float | None:
    """Ett års värde ur indikatorns mätningar under året t.o.m. kolumnens slut. Ett helårsvärde (periodtyp ar)
    används om det finns; annars kvartalsvärdena, och finns inga sådana månadsvärdena — aldrig en blandning, så
    att samma månader inte räknas två gånger. `senaste`: den sista av dem; `medel`: medelvärdet av dem."""
    aret = serie.filter((pl.col("period") >= kolumn.forsta) & (pl.col("period") <= kolumn.slut)).drop_nulls("varde")
    for typ in ("ar", "kvartal", "manad"):
        matningar = aret.filter(pl.col("periodtyp") == typ).sort("period", maintain_order=True)
        if matningar.height:
            if regel == "medel":
                return float(matningar["varde"].mean())  # type: ignore[arg-type]
            return float(matningar["varde"][-1])
    return None


def i_kolumn(ram: pl.DataFrame, kolumn: Kolumn) -> pl.Expr:
    """Villkoret för att en mätning visas i kolumnen: ett kvartal visar kvartalsvärden och helårsvärden
    (i fjärde kvartalet, som i publicerade uppföljningar); en månad visar månadsvärden."""
    typer = ["kvartal", "ar"] if kolumn.typ == "kvartal" else ["manad"]
    return pl.col("periodtyp").is_in(typer) & (pl.col("period") == kolumn.slut)


def pivot(ram: pl.DataFrame, kolumner: list[Kolumn], regel: Arsvarde = "senaste") -> dict[str, list[float | None]]:
    """{id: [värde per kolumn]} — None där indikatorn inte mättes. En årskolumn får `arsvarde` med `regel`."""
    ut: dict[str, list[float | None]] = {}
    for id_ in ram["id"].unique(maintain_order=True).to_list():
        serie = ram.filter(pl.col("id") == id_)
        rad: list[float | None] = []
        for k in kolumner:
            if k.typ == "ar":
                rad.append(arsvarde(serie, k, regel))
                continue
            traff = serie.filter(i_kolumn(serie, k)).drop_nulls("varde")
            rad.append(traff["varde"][-1] if traff.height else None)
        ut[id_] = rad
    return ut


@dataclass(frozen=True)
class Bedomning:
    id: str
    senaste: float | None
    senaste_period: dt.date | None
    jamforelse: float | None
    forandring_procent: float | None
    riktning: str | None
    niva: str
    mal: float | None


def bedom(ram: pl.DataFrame, period: Period, metod: Metod = "rullande", manader: int = 12,
          dodzon: float = 5.0) -> list[Bedomning]:
    """Riktning och nivå per indikator (i ramens ordning) ur mätningarna t.o.m. perioden."""
    t_o_m = ram.filter(pl.col("period") <= period.forsta_dag)
    ut = []
    for id_ in ram["id"].unique(maintain_order=True).to_list():
        alla = ram.filter(pl.col("id") == id_)
        serie = t_o_m.filter(pl.col("id") == id_).drop_nulls("varde").sort("period", maintain_order=True)
        hogre = _hogre_battre(alla)
        mal = _senaste_ej_null(alla, "mal")
        if serie.height == 0:
            ut.append(Bedomning(id_, None, None, None, None, None, "matning_saknas", mal))
            continue
        senaste, slut = serie["varde"][-1], serie["period"][-1]
        jamf = jamforelsevarde(serie, metod, manader)
        nu = _medel(serie, slut, manader) if metod == "rullande" else senaste
        forandring = None if jamf is None or nu is None else _procent(nu, jamf)
        ut.append(Bedomning(id_, senaste, slut, jamf, forandring, riktning(forandring, hogre, dodzon),
                            niva(senaste, mal, hogre), mal))
    return ut


def jamforelsevarde(serie: pl.DataFrame, metod: Metod, manader: int) -> float | None:
    """Värdet som den senaste mätningen (eller det rullande medelvärdet) jämförs med."""
    slut = serie["period"][-1]
    if metod == "forra":
        return serie["varde"][-2] if serie.height > 1 else None
    if metod == "fg":
        typ = serie["periodtyp"][-1]
        fg = serie.filter((pl.col("periodtyp") == typ) & (pl.col("period") == _plus(slut, -12)))
        return fg["varde"][-1] if fg.height else None
    return _medel(serie, _plus(slut, -manader), manader)


def _medel(serie: pl.DataFrame, slut: dt.date, manader: int) -> float | None:
    """Medelvärdet av mätningarna med slutmånad i (slut − manader, slut]."""
    fonster = serie.filter((pl.col("period") > _plus(slut, -manader)) & (pl.col("period") <= slut))
    return float(fonster["varde"].mean()) if fonster.height else None  # type: ignore[arg-type]


def _procent(nu: float, jamf: float) -> float:
    if jamf == 0:
        return 0.0 if nu == 0 else (100.0 if nu > 0 else -100.0)
    return (nu - jamf) / abs(jamf) * 100


def riktning(forandring_procent: float | None, hogre_battre: bool | None, dodzon: float) -> str | None:
    if forandring_procent is None:
        return None
    if abs(forandring_procent) <= dodzon:
        return "oforandrad"
    if hogre_battre is None:
        return "okar" if forandring_procent > 0 else "minskar"
    return "battre" if (forandring_procent > 0) == hogre_battre else "samre"


def niva(varde: float | None, mal: float | None, hogre_battre: bool | None) -> str:
    if varde is None:
        return "matning_saknas"
    if mal is None:
        return "mal_saknas"
    nar = varde >= mal if hogre_battre is not False else varde <= mal
    return "nar" if nar else "nar_inte"


def _hogre_battre(ram: pl.DataFrame) -> bool | None:
    if "riktning" not in ram.columns:
        return None
    varde = _senaste_ej_null(ram, "riktning")
    return None if varde is None else str(varde).strip().lower() in ("hogre", "högre")


def _senaste_ej_null(ram: pl.DataFrame, kolumn: str):
    if kolumn not in ram.columns:
        return None
    s = ram[kolumn].drop_nulls()
    return s[-1] if s.len() else None


def _plus(datum: dt.date, manader: int) -> dt.date:
    return Period(datum.year, datum.month).plus_manader(manader).forsta_dag
