"""Kontroller av en inmatad källas rader som formatet inte kan uttrycka (kolumnerna prövas av normalisera):
en omfördelning har precis en mottagare, ett manuellt värde står en gång per period. Varje kontroll får den
lästa ramen och filens namn och ger fynden med fil och rad."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from rapportverk.fel import Fel


def omfordelning_namnd_eller_rad(ram: pl.DataFrame, visning: str) -> list[Fel]:
    """Varje omfördelning gäller precis en av en nämnds ram (namnd) och en rad i uppställningarna (radnamn)."""
    if "radnamn" not in ram.columns:
        ram = ram.with_columns(pl.lit(None, dtype=pl.Utf8).alias("radnamn"))
    fel = ram.filter(pl.col("namnd").is_not_null() == pl.col("radnamn").is_not_null())
    return [Fel("omfördelningen anger både nämnd och radnamn; skriv nämnden för en ändrad ram eller radens namn "
                "(t.ex. Generella statsbidrag och utjämning) för en ändrad budget på en rad, inte båda."
                if namnd is not None else
                "omfördelningen anger varken nämnd eller radnamn; skriv nämndens id i kolumnen namnd, eller radens "
                "namn i kolumnen radnamn.", visning, rad)
            for namnd, rad in fel.select("namnd", "rad").iter_rows()]


def manuella_dubbletter(ram: pl.DataFrame, visning: str) -> list[Fel]:
    """Ett manuellt värde står en gång per period: två rader vore två svar på samma fråga."""
    return [Fel(f"värdet '{namn}' står {g.height} gånger för perioden {period:%Y-%m} (rad "
                f"{', '.join(str(r) for r in g['rad'].to_list())}); ta bort dubbletterna.", visning, g["rad"][1])
            for (period, namn), g in ram.group_by("period", "namn", maintain_order=True) if g.height > 1]


RADKONTROLLER: dict[str, Callable[[pl.DataFrame, str], list[Fel]]] = {
    "budgetomfordelningar": omfordelning_namnd_eller_rad,
    "manuella_varden": manuella_dubbletter,
}
