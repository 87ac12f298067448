"""Delar av README som genereras från koden, så att dokumentationen inte kan glida isär från den."""

from __future__ import annotations

from rapportverk.berakning.matt import ATGARDSMATT, INVESTERINGSMATT, MATT, PERSONALMATT, SJUKFRANVAROMATT, Matt


def _tabell(register: dict[str, Matt]) -> str:
    rader = ["| mått | standardrubrik | formel |", "|---|---|---|"]
    rader += [f"| `{m.nyckel}` | {m.rubrik} | {m.formel} |" for m in register.values()]
    return "\n".join(rader)


def mattlista() -> str:
    """Markdown-tabeller över måtten, som de står i README (avsnittet Mått)."""
    return (f"{_tabell(MATT)}\n\nFör tabeller av typen `atgarder`:\n\n{_tabell(ATGARDSMATT)}\n\n"
            f"För tabeller av typen `investeringar`:\n\n{_tabell(INVESTERINGSMATT)}\n\n"
            f"För tabeller av typen `personal`:\n\n{_tabell(PERSONALMATT)}\n\n"
            f"För tabeller av typen `sjukfranvaro`:\n\n{_tabell(SJUKFRANVAROMATT)}\n")


if __name__ == "__main__":
    print(mattlista())
