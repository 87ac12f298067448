"""Huvudboken summerad en gång till den upplösning som tabellerna, nyckeltalen och diagrammen läser (issue 23).

Miljontals huvudboksrader blir några hundratusen: en rad per organisationsnod (den lägsta nivå någon tabell visar
och nivåerna ovanför), kontoklass, serie och månad. Varje tabell, nyckeltal och diagramserie är sedan ett filter
och en summa över summan. Summorna har samma kolumner som huvudboken (utom källrad, fil och de lägre nivåerna),
så att samma uttryck räknar på båda; `rapport forklara` och bilagan Spårbarhet läser huvudbokens egna rader.

En kontoklass är konton med samma kolumner ur kontoplanen (kostnadsslag, sektion …) och samma svar för varje
kontointervall som konfigurationen filtrerar på (kontogrupper, uppställningarnas rader). Klassen får sitt minsta
konto i kolumnen `konto`, så att ett kontofilter väljer samma belopp i summan som bland raderna.
"""

from __future__ import annotations

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
    klass = pl.col("konto").replace_strict(klasser["konto"], klasser["klass"], return_dtype=pl.UInt32)
    # Grupperna på heltal (de kategoriska kolumnernas koder och klassens nummer), i huvudbokens ordning
    # (maintain_order): summorna, och varje summa av dem, blir då desamma i varje körning. De andra kolumnerna
    # följer med från gruppens första rad.
    nycklar = [*(pl.col(c).to_physical().alias(f"_{c}") for c in (nivaer[0], "serie", "period")), klass.alias("_klass")]
    namn = [n.meta.output_name() for n in nycklar]
    foljer = [*nivaer, "serie", "period", *kontokolumner]
    summa = [pl.col("belopp").sum(), *(pl.col(c).first() for c in foljer)]
    # En skiva rader åt gången och sedan skivornas summor: minnet för nycklarna följer skivan, inte huvudboken.
    skivor = [huvudbok.slice(start, SKIVA).select(*nycklar, "belopp", *foljer)
              .group_by(namn, maintain_order=True).agg(summa) for start in range(0, huvudbok.height, SKIVA)]
    summor = pl.concat(skivor).group_by(namn, maintain_order=True).agg(summa)
    unika = klasser.unique("klass")
    representant = summor["_klass"].replace_strict(unika["klass"], unika["representant"],
                                                   return_dtype=huvudbok.schema["konto"]).alias("konto")
    ordning = [c for c in huvudbok.columns if c in (*foljer, "konto", "belopp")]
    return summor.with_columns(representant).select(ordning)
