"""Huvudboken summerad en gång till den upplösning som tabellerna, nyckeltalen och diagrammen läser (issue 23).

Miljontals huvudboksrader blir några hundratusen: en rad per organisationsnod (den lägsta nivå någon tabell visar
och nivåerna ovanför), kontoklass, serie och månad. Varje tabell, nyckeltal och diagramserie är sedan ett filter
och en summa över summan. Summorna har samma kolumner som huvudboken (utom källrad, fil och de lägre nivåerna),
så att samma uttryck räknar på båda; `rapport forklara` och bilagan Spårbarhet läser huvudbokens egna rader.

En kontoklass är konton med samma kolumner ur kontoplanen (kostnadsslag, sektion …) och samma svar för varje
kontointervall som konfigurationen filtrerar på (kontogrupper, uppställningarnas rader). Klassen får sitt minsta
konto i kolumnen `konto` (som text; bland raderna är kontot kategoriskt), så att ett kontofilter väljer samma belopp
i summan som bland raderna.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl

from rapportverk.berakning.urval import i_intervall

SKIVA = 2_000_000


def kontoklasser(konton: pl.DataFrame, intervall: Sequence[Sequence[str]]) -> pl.DataFrame:
    """`konton` har kolumnen konto (ett konto per rad) och kontots kolumner ur kontoplanen. Svar: konto, `klass`
    (UInt32) och `representant` (klassens minsta konto)."""
    svar = [i_intervall(list(lista)).alias(f"_i{n}") for n, lista in enumerate(intervall)]
    egenskaper = [c for c in konton.columns if c != "konto"]
    ram = konton.with_columns(svar)
    nyckel = [*egenskaper, *(f"_i{n}" for n in range(len(intervall)))]
    klasser = (ram.group_by(nyckel).agg(pl.col("konto").min().alias("representant"))
               .sort("representant").with_row_index("klass"))
    return (ram.join(klasser, on=nyckel, how="left", nulls_equal=True)
            .select("konto", pl.col("klass").cast(pl.UInt32), "representant"))


def aggregera(huvudbok: pl.DataFrame, nivaer: Sequence[str], kontokolumner: Sequence[str],
              klasser: pl.DataFrame) -> pl.DataFrame:
    """Beloppen summerade per organisationsnod (`nivaer`: den lägsta nivån först, sedan nivåerna ovanför), kontoklass
    (`klasser` ur kontoklasser, för varje konto i huvudboken), serie och period. `kontokolumner` (kostnadsslag,
    sektion …) bestäms av kontot och följer med klassen, nivåerna ovanför av noden (varje nod har en förälder).
    Övriga kolumner (fil, källrad, lägre nivåer) tas bort."""
    klass = _klass(huvudbok, klasser)
    # Grupperna i huvudbokens ordning (maintain_order): summorna, och varje summa av dem, blir då desamma i varje
    # körning. Nyckeln är ett enda heltal av nodens, klassens, seriens och dagens nummer, som grupperas snabbare än
    # fyra kolumner; de andra kolumnerna följer med från gruppens första rad.
    antal_klasser = klasser["klass"].max() + 1 if klasser.height else 1
    klassen = (pl.col("_klass"), antal_klasser)
    delar = [_koder(huvudbok, nivaer[0]), klassen, _koder(huvudbok, "serie"), _dagar(huvudbok)]
    if math.prod(n for _, n in delar) >= 2**63:  # kategoriernas koder är stora: täta nummer i stället
        delar = [_tata(huvudbok, nivaer[0]), klassen, _tata(huvudbok, "serie"), _dagar(huvudbok)]
    nyckel = pl.lit(0, dtype=pl.UInt64)
    for uttryck, antal in delar:
        nyckel = nyckel * antal + uttryck.cast(pl.UInt64)
    nyckel = nyckel.alias("_nyckel")
    foljer = [*nivaer, "serie", "period", *kontokolumner]
    summa = [pl.col("_ore").sum(), pl.col("_klass").first(), *(pl.col(c).first() for c in foljer)]
    # Beloppen är hela ören (kallor avrundar dem): summerade som heltal blir summorna exakta, oberoende av ordning,
    # skivor och trådar — samma summa för en nämnd ur hela huvudboken som ur nämndens del av den.
    ore = (pl.col("belopp") * 100).round().cast(pl.Int64).alias("_ore")
    # En skiva rader åt gången och sedan skivornas summor: minnet för nycklarna följer skivan, inte huvudboken.
    skivor = [huvudbok.slice(start, SKIVA).with_columns(klass.alias("_klass")).select(nyckel, "_klass", ore, *foljer)
              .group_by("_nyckel", maintain_order=True).agg(summa) for start in range(0, huvudbok.height, SKIVA)]
    summor = pl.concat(skivor).group_by("_nyckel", maintain_order=True).agg(summa)
    unika = klasser.unique("klass")
    representant = summor["_klass"].replace_strict(unika["klass"], unika["representant"],
                                                   return_dtype=pl.Utf8).alias("konto")
    ordning = [c for c in huvudbok.columns if c in (*foljer, "konto", "belopp")]
    return summor.with_columns(representant, (pl.col("_ore") / 100).alias("belopp")).select(ordning)


def _klass(huvudbok: pl.DataFrame, klasser: pl.DataFrame) -> pl.Expr:
    """Varje rads kontoklass. Ett kategoriskt konto slås upp på sin heltalskod (en fjärdedel av tiden mot att slå
    upp kontots text)."""
    if huvudbok.schema["konto"] != pl.Categorical:
        return pl.col("konto").replace_strict(klasser["konto"], klasser["klass"], return_dtype=pl.UInt32)
    koder = klasser["konto"].cast(pl.Categorical).to_physical()
    storst = max(koder.max() or 0, huvudbok["konto"].to_physical().max() or 0)  # type: ignore[type-var]
    tabell = pl.repeat(None, int(storst) + 1, dtype=pl.UInt32, eager=True)  # type: ignore[arg-type]
    tabell.scatter(koder, klasser["klass"])
    return pl.lit(tabell).gather(pl.col("konto").to_physical())


def _koder(huvudbok: pl.DataFrame, kolumn: str) -> tuple[pl.Expr, int]:
    """En kategorisk kolumns koder (null får den största plus ett) och hur många nummer de kan ha."""
    storst = huvudbok[kolumn].to_physical().max()
    n = 0 if storst is None else int(storst) + 1  # type: ignore[arg-type]
    return pl.col(kolumn).to_physical().fill_null(n), n + 1


def _dagar(huvudbok: pl.DataFrame) -> tuple[pl.Expr, int]:
    """Perioden som dagar sedan huvudbokens första period, och hur många dagar de spänner över."""
    dagar = huvudbok["period"].to_physical()
    forsta, sista = dagar.min(), dagar.max()
    if forsta is None or sista is None:
        return pl.lit(0), 1
    return pl.col("period").to_physical() - forsta, int(sista) - int(forsta) + 1  # type: ignore[operator]


def _tata(huvudbok: pl.DataFrame, kolumn: str) -> tuple[pl.Expr, int]:
    """Kolumnens värden som täta nummer 0 … n − 1 (null får n) och antalet nummer, n + 1."""
    koder = huvudbok[kolumn].to_physical().unique().drop_nulls().sort()
    nummer = pl.col(kolumn).to_physical().replace_strict(
        koder, pl.int_range(koder.len(), dtype=pl.UInt64, eager=True), default=None)
    return nummer.fill_null(koder.len()), koder.len() + 1
