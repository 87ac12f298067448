"""`rapport jamfor A B`: vad som skiljer två byggen — indata, huvudboksrader och siffror — och varför.

A och B är byggkataloger med manifest (t.ex. ut/2024-08 före och efter en rättelse). Indata jämförs på
manifestens kontrollsummor, huvudbokens rader på nyckeln (period, enhet, konto, serie) i de sparade raderna
(indataspar.py), och siffrorna cell för cell i tabellernas sifferfiler (siffror.py). Varje ändrad siffra
förklaras med de ändrade huvudboksrader som ligger i cellens urval och i dess månader och serie
(måttets bassummor, berakning.matt). Resultatet är ett fryst värde; utskriften sköter jamforutskrift.py.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from rapportverk.berakning.matt import UPPSTALLNINGSMATT, Bas
from rapportverk.berakning.urval import filtrera, manader
from rapportverk.fel import Fel, RapportverkFel, visningsnamn
from rapportverk.formatering import belopp, cell, tal
from rapportverk.period import Period
from rapportverk.utdata import indataspar, manifest, siffror

# Högst så många förklarande rader per siffra; resten räknas (en hel ny export ändrar alla rader).
MAX_RADER = 20
CELLNYCKEL = ("dokument", "namnd", "tabell", "rad", "kolumn", "forekomst")
DATA = (".parquet", ".csv", ".xlsx", ".xls", ".duckdb", ".json")


@dataclass(frozen=True)
class Indataandring:
    fil: str
    slag: str  # huvudbok, data, textblock, mall, konfiguration, kod
    andring: str  # andrad, ny, borttagen
    rapporter: tuple[str, ...]


@dataclass(frozen=True)
class Radandring:
    id: int
    andring: str  # andrad, ny, borttagen
    period: str
    enhet: str
    konto: str
    serie: str
    gammalt: float | None
    nytt: float | None
    fil_a: str | None
    rad_a: int | None
    fil_b: str | None
    rad_b: int | None

    @property
    def skillnad(self) -> float:
        return (self.nytt or 0.0) - (self.gammalt or 0.0)

    @property
    def plats(self) -> str:
        """Fil och rad där raden står nu (eller stod, om den tagits bort)."""
        return f"{self.fil_b}:{self.rad_b}" if self.fil_b else f"{self.fil_a}:{self.rad_a}"


@dataclass(frozen=True)
class Sifferandring:
    dokument: str
    rapport: str
    namnd: str
    tabell: str
    rubrik: str
    rad: str
    kolumn: str
    kolumnrubrik: str
    typ: str
    enhet: str
    andring: str  # andrad, ny, borttagen
    gammalt: float | None
    nytt: float | None
    gammalt_visat: str
    nytt_visat: str
    skillnad_visad: str
    rader: tuple[int, ...]  # Radandring.id för de rader som förklarar ändringen (högst MAX_RADER)
    ovriga_rader: int = 0

    @property
    def skillnad(self) -> float | None:
        return None if self.gammalt is None or self.nytt is None else self.nytt - self.gammalt

    def i_kronor(self, varde: float | None) -> str:
        """Värdet till kronan (belopp) eller med två decimaler (procent), svenskt formaterat."""
        if self.typ == "belopp":
            return belopp(varde, "kr", 0) + (" kr" if varde is not None else "")
        return tal(varde, 2) + (" %-enh." if varde is not None and self.typ == "procent" else "")


@dataclass(frozen=True)
class Jamforelse:
    a: str
    b: str
    indata: tuple[Indataandring, ...]
    rader: tuple[Radandring, ...]
    siffror: tuple[Sifferandring, ...]
    bara_i_a: tuple[str, ...] = ()  # rapporter som bara finns i det ena bygget (jämförs inte cell för cell)
    bara_i_b: tuple[str, ...] = ()
    anmarkningar: tuple[str, ...] = ()

    @property
    def siffror_andrade(self) -> bool:
        return bool(self.siffror)


def jamfor(a: Path, b: Path) -> Jamforelse:
    """Jämför byggkatalogerna a (före) och b (efter)."""
    ma, mb = manifest.las(a), manifest.las(b)
    pa, pb = ma["rapporter"], mb["rapporter"]
    indata = indataandringar(pa, pb)
    anm: list[str] = []
    if ma.get("period") != mb.get("period"):
        anm.append(f"byggena gäller olika perioder ({ma.get('period')} och {mb.get('period')}); rapporterna har "
                   "olika namn och jämförs inte siffra för siffra — jämför två byggen av samma period.")
    rader_a, rader_b = _sparade_rader(a, pa, anm), _sparade_rader(b, pb, anm)
    andrade_filer = {i.fil for i in indata if i.slag == "data"}
    alla_filer = {f for p in (*pa.values(), *pb.values()) for f in p["indata"]}
    radram = radandringar(rader_a, rader_b, andrade_filer, alla_filer)
    kallor = {k for r in (rader_a, rader_b) if r is not None for k in r["kalla"].unique().to_list()}
    indata = tuple(dataclasses.replace(i, slag="huvudbok") if i.slag == "data" and any(
        _hor_till(k, {i.fil}) for k in kallor) else i for i in indata)
    gemensamma = sorted(set(pa) & set(pb))
    celler = sifferandringar(_siffror(a, pa, gemensamma), _siffror(b, pb, gemensamma))
    andringar = _forklara(celler, radram, rader_a, rader_b)
    return Jamforelse(visningsnamn(a), visningsnamn(b), indata, _som_radandringar(radram), andringar,
                      tuple(sorted(set(pa) - set(pb))), tuple(sorted(set(pb) - set(pa))), tuple(anm))


# --- indata ---------------------------------------------------------------------------------------------


def _filer(poster: dict[str, dict[str, Any]]) -> dict[str, tuple[str, list[str]]]:
    ut: dict[str, tuple[str, list[str]]] = {}
    for nyckel, post in sorted(poster.items()):
        for fil, sha in post["indata"].items():
            ut.setdefault(fil, (sha, []))[1].append(nyckel)
        ut.setdefault("rapportverk (programkoden)", (f"{post.get('version')}/{post.get('kod')}", []))[1].append(nyckel)
    return ut


def slag(fil: str) -> str:
    """Vad en indatafil är, efter namnet: textblock, mall, konfiguration, data (huvudboken avgörs av raderna)."""
    namn = fil.lower()
    if namn.startswith("rapportverk (") or namn.startswith(manifest.VERKTYG + "src/"):
        return "kod"
    if namn.endswith(".md") and "/texter/" in f"/{namn}":
        return "textblock"
    if namn.endswith((".yaml", ".yml")):
        return "konfiguration"
    if namn.endswith(DATA):
        return "data"
    return "mall"


def indataandringar(pa: dict[str, dict[str, Any]], pb: dict[str, dict[str, Any]]) -> tuple[Indataandring, ...]:
    fa, fb = _filer(pa), _filer(pb)
    ut = []
    for fil in sorted(set(fa) | set(fb)):
        if fil in fa and fil in fb and fa[fil][0] == fb[fil][0]:
            continue
        andring = "ny" if fil not in fa else "borttagen" if fil not in fb else "andrad"
        ut.append(Indataandring(fil, slag(fil), andring, tuple((fb.get(fil) or fa[fil])[1])))
    return tuple(ut)


# --- huvudbokens rader ----------------------------------------------------------------------------------


def _sparade_rader(katalog: Path, poster: dict[str, dict[str, Any]], anm: list[str]) -> pl.DataFrame | None:
    namn = sorted({n for p in poster.values() if (n := indataspar.fil_i(p["utdata"])) is not None})
    if not namn:
        if any(p["rapport"] for p in poster.values()):
            anm.append(f"{visningsnamn(katalog)} har inga sparade huvudboksrader (byggd med en äldre version av "
                       "rapportverk); ändrade rader kan inte visas.")
        return None
    delar = []
    for n in namn:
        fil = katalog / n
        if not fil.exists():
            raise RapportverkFel(Fel("filen med byggets huvudboksrader saknas; bygg rapporterna igen.",
                                     visningsnamn(fil)))
        delar.append(indataspar.las(fil))
    return pl.concat(delar, how="diagonal_relaxed").unique(maintain_order=True) if len(delar) > 1 else delar[0]


def _hor_till(kalla: str, filer: set[str]) -> bool:
    """Källnamnet på raderna (som användaren ser det) mot manifestets nyckel (relativ till projektroten)."""
    return any(kalla == f or f.endswith("/" + kalla) or kalla.endswith("/" + f) for f in filer)


def radandringar(a: pl.DataFrame | None, b: pl.DataFrame | None, andrade_filer: set[str],
                 alla_filer: set[str]) -> pl.DataFrame:
    """Rader som lagts till, tagits bort eller fått annat belopp, på nyckeln. Bara rader ur filer som ändrats
    (eller vars källa inte är en fil i manifestet, t.ex. en SQL-källa) jämförs, så att två byggen av en
    10M-radersbok jämförs på sekunder."""
    schema = {"id": pl.Int64, "andring": pl.Utf8, **dict.fromkeys(indataspar.NYCKEL, pl.Utf8),
              "gammalt": pl.Float64, "nytt": pl.Float64, "fil_a": pl.Utf8, "rad_a": pl.Int64, "fil_b": pl.Utf8,
              "rad_b": pl.Int64}
    if a is None or b is None:
        return pl.DataFrame(schema=schema)

    def valda(ram: pl.DataFrame) -> pl.DataFrame:
        kallor = [k for k in ram["kalla"].unique().to_list()
                  if _hor_till(k, andrade_filer) or not _hor_till(k, alla_filer)]
        # Samma nyckel på flera rader (en transaktionslista) summeras först, så att jämförelsen är per nyckel.
        return (ram.filter(pl.col("kalla").is_in(kallor))
                .select(*indataspar.NYCKEL, "belopp", "kalla", "rad")
                .with_columns(pl.col("period").cast(pl.Utf8).str.slice(0, 7),
                              *[pl.col(k).cast(pl.Utf8) for k in indataspar.NYCKEL[1:]])
                .group_by(*indataspar.NYCKEL).agg(pl.col("belopp").sum(), pl.col("kalla").first(),
                                                  pl.col("rad").min()))

    va, vb = valda(a), valda(b)
    ihop = va.join(vb, on=list(indataspar.NYCKEL), how="full", coalesce=True, suffix="_b", nulls_equal=True)
    andrade = ihop.filter(pl.col("belopp").is_null() | pl.col("belopp_b").is_null()
                          | ((pl.col("belopp") - pl.col("belopp_b")).abs() >= 0.005))
    return (andrade.sort(*indataspar.NYCKEL)
            .select(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("id"),
                    pl.when(pl.col("belopp").is_null()).then(pl.lit("ny"))
                    .when(pl.col("belopp_b").is_null()).then(pl.lit("borttagen")).otherwise(pl.lit("andrad"))
                    .alias("andring"),
                    *[pl.col(k).cast(pl.Utf8) for k in indataspar.NYCKEL],
                    pl.col("belopp").alias("gammalt"), pl.col("belopp_b").alias("nytt"),
                    pl.col("kalla").alias("fil_a"), pl.col("rad").alias("rad_a"),
                    pl.col("kalla_b").alias("fil_b"), pl.col("rad_b")))


def _som_radandringar(ram: pl.DataFrame) -> tuple[Radandring, ...]:
    return tuple(Radandring(**r) for r in ram.iter_rows(named=True))


# --- siffrorna ------------------------------------------------------------------------------------------


def _siffror(katalog: Path, poster: dict[str, dict[str, Any]], rapporter: list[str]) -> pl.DataFrame:
    delar = []
    for nyckel in rapporter:
        for namn in sorted(poster[nyckel]["utdata"]):
            if not namn.startswith(siffror.KATALOG + "/"):
                continue
            fil = katalog / namn
            if not fil.exists():
                raise RapportverkFel(Fel("sifferfilen saknas fast manifestet listar den; bygg rapporterna igen.",
                                         visningsnamn(fil)))
            delar.append(pl.read_parquet(fil).with_columns(pl.lit(nyckel).alias("dokument")))
    ram = pl.concat(delar) if delar else pl.DataFrame(schema={**siffror.SCHEMA, "dokument": pl.Utf8})
    # Samma radnamn kan stå två gånger i en tabell (varav-rader); ordningen skiljer dem åt.
    return ram.sort("dokument", "namnd", "tabell", "radindex", maintain_order=True).with_columns(
        pl.int_range(pl.len()).over("dokument", "namnd", "tabell", "rad", "kolumn").alias("forekomst"))


def sifferandringar(a: pl.DataFrame, b: pl.DataFrame) -> pl.DataFrame:
    """Cellerna som skiljer (värde, visad text, eller finns bara i det ena bygget)."""
    ihop = a.join(b, on=list(CELLNYCKEL), how="full", coalesce=True, suffix="_b", nulls_equal=True)
    va, vb = pl.col("varde"), pl.col("varde_b")
    tolerans = pl.when(pl.col("typ").fill_null(pl.col("typ_b")) == "belopp").then(0.005).otherwise(1e-9)
    finns_a, finns_b = pl.col("cell_id").is_not_null(), pl.col("cell_id_b").is_not_null()
    olika = ((va.is_null() != vb.is_null()) | ((va - vb).abs() > tolerans)
             | (pl.col("visat").fill_null("") != pl.col("visat_b").fill_null("")))
    return ihop.filter(~finns_a | ~finns_b | olika).with_columns(
        pl.when(~finns_a).then(pl.lit("ny")).when(~finns_b).then(pl.lit("borttagen")).otherwise(pl.lit("andrad"))
        .alias("andring")).sort("dokument", "namnd", "tabell", pl.col("radindex_b").fill_null(pl.col("radindex")),
                                "kolumn", maintain_order=True)


def bassummor_for(kolumn: str) -> list[Bas]:
    """Huvudbokens bassummor (t.ex. ack_utfall, ack_budget) som måttet i kolumnen räknas av; tom för inmatade tal."""
    matt = UPPSTALLNINGSMATT.get(kolumn)
    return [b for b in matt.baser if b.kalla == "huvudbok" and b.serie is not None] if matt else []


def forklarande_rader(andrade: pl.DataFrame, sparade: pl.DataFrame, urval_json: str | None, kolumn: str,
                      period: str) -> set[tuple[str, ...]]:
    """Nycklarna bland de ändrade raderna som ligger i cellens urval och i dess mått (serie och månader)."""
    urval = siffror.urval_fran_json(urval_json)
    if urval is None or urval.kalla != "huvudbok" or andrade.height == 0:
        return set()
    p = Period.tolka(period)
    traff = filtrera(sparade, urval)
    nycklar: set[tuple[str, ...]] = set()
    for bas in bassummor_for(kolumn):
        rader = manader(traff, bas.serie or "", *bas.manader(p)).select(
            pl.col("period").cast(pl.Utf8).str.slice(0, 7), "enhet", "konto", "serie")
        nycklar |= {tuple(str(v) for v in r) for r in rader.iter_rows()}
    return nycklar


def _forklara(celler: pl.DataFrame, radram: pl.DataFrame, rader_a: pl.DataFrame | None,
              rader_b: pl.DataFrame | None) -> tuple[Sifferandring, ...]:
    # Cellens urval filtrerar på hierarkins kolumner, så de ändrade raderna tas ur de sparade raderna
    # (med hierarkin så som den var i det bygget); en cell i A förklaras med A:s rader, i B med B:s.
    def sparade(ram: pl.DataFrame | None) -> pl.DataFrame:
        if ram is None or radram.height == 0:
            return pl.DataFrame()
        nycklar = radram.select(*indataspar.NYCKEL)
        return (ram.with_columns(pl.col("period").cast(pl.Utf8).str.slice(0, 7).alias("_manad"),
                                 *[pl.col(k).cast(pl.Utf8) for k in indataspar.NYCKEL[1:]])
                .join(nycklar.rename({"period": "_manad"}), on=["_manad", *indataspar.NYCKEL[1:]], how="semi")
                .drop("_manad"))

    sa, sb = sparade(rader_a), sparade(rader_b)
    id_for = {tuple(r[:4]): r[4] for r in radram.select(*indataspar.NYCKEL, "id").iter_rows()}
    ut = []
    for c in celler.iter_rows(named=True):
        nycklar: set[tuple[str, ...]] = set()
        for sida, suffix in ((sa, ""), (sb, "_b")):
            if sida.height and c["cell_id" + suffix] is not None:
                nycklar |= forklarande_rader(radram, sida, c["urval" + suffix], c["kolumn"], c["period" + suffix])
        ids = sorted(id_for[n] for n in nycklar if n in id_for)
        ny = {k: c[k + "_b"] if c.get(k + "_b") is not None else c[k] for k in siffror.SCHEMA}
        skillnad = (None if c["varde"] is None or c["varde_b"] is None else c["varde_b"] - c["varde"])
        ut.append(Sifferandring(
            c["dokument"], ny["rapport"], ny["namnd"], c["tabell"], ny["rubrik"], c["rad"], c["kolumn"],
            ny["kolumnrubrik"], ny["typ"], ny["enhet"], c["andring"], c["varde"], c["varde_b"],
            c["visat"] or "", c["visat_b"] or "",
            cell(ny["typ"], skillnad, ny["enhet"], ny["decimaler"]) if skillnad is not None else "",
            tuple(ids[:MAX_RADER]), max(0, len(ids) - MAX_RADER)))
    return tuple(ut)


def som_json(j: Jamforelse) -> str:
    """Jämförelsen för CI: samma innehåll som utskriften, med oavrundade tal."""
    def sifra(s: Sifferandring) -> dict[str, Any]:
        return {"dokument": s.dokument, "rapport": s.rapport, "namnd": s.namnd, "tabell": s.tabell,
                "rubrik": s.rubrik, "rad": s.rad, "kolumn": s.kolumn, "kolumnrubrik": s.kolumnrubrik, "typ": s.typ,
                "andring": s.andring, "gammalt": s.gammalt, "nytt": s.nytt, "skillnad": s.skillnad,
                "gammalt_visat": s.gammalt_visat, "nytt_visat": s.nytt_visat, "skillnad_visad": s.skillnad_visad,
                "rader": list(s.rader), "ovriga_rader": s.ovriga_rader}

    data = {"a": j.a, "b": j.b, "siffror_andrade": j.siffror_andrade, "antal_andrade_siffror": len(j.siffror),
            "indata": [{"fil": i.fil, "slag": i.slag, "andring": i.andring, "rapporter": list(i.rapporter)}
                       for i in j.indata],
            "rader": [{**{k: getattr(r, k) for k in Radandring.__dataclass_fields__}, "skillnad": r.skillnad}
                      for r in j.rader],
            "siffror": [sifra(s) for s in j.siffror],
            "rapporter_bara_i_a": list(j.bara_i_a), "rapporter_bara_i_b": list(j.bara_i_b),
            "anmarkningar": list(j.anmarkningar)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
