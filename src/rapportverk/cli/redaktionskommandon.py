"""Kommandot hamta: text som redaktörer ändrat i Word förs tillbaka till textblocken (redaktion.hamta)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rapportverk.cli import svenska  # noqa: F401 (typers texter på svenska)
from rapportverk.cli.app import app
from rapportverk.cli.konsol import tillstand, ut

_STATUS = {"oforandrat": "oförändrat", "andrat": "ändrat", "konflikt": "KONFLIKT", "for_hand": "FÖR HAND",
           "saknas": "SAKNAS"}


@app.command()
def hamta(
    filer: Annotated[list[Path], typer.Argument(help="DOCX-filer som redaktörer ändrat i Word eller LibreOffice.",
                                                exists=True, dir_okay=False)],
    skriv: Annotated[bool, typer.Option("--skriv", help="Skriv ändringarna till textblocken (annars visas de "
                                                        "bara).")] = False,
) -> None:
    """Hämta text som ändrats i DOCX-filer tillbaka till textblocken: visa skillnaden per block, skriv med --skriv.

    En fil som ändrats sedan dokumentet byggdes skrivs aldrig: Words version sparas bredvid (.fran-word.md).
    Kod 1 om något måste göras för hand (konflikt, ändrade tal eller tabeller, text utanför textblocken)."""
    projektrot = Path(tillstand["konfig"]).resolve().parent.parent
    # Läses här: python-docx behövs bara när en DOCX hämtas, och 'rapport --help' ska starta snabbt.
    from rapportverk.redaktion.hamta import hamta as hamta_text

    resultat = hamta_text(filer, projektrot, skriv)
    for r in resultat:
        ut.print(r.fil, highlight=False, markup=False)
        for b in r.block:
            if b.status == "oforandrat" and not b.meddelanden:
                continue
            ut.print(f"  Textblock {b.kalla}: {_STATUS[b.status]}", highlight=False, markup=False)
            if b.diff:
                ut.print(b.diff.rstrip("\n"), highlight=False, markup=False)
            for m in b.meddelanden:
                ut.print(f"    {m}", highlight=False, markup=False)
            if b.konfliktfil:
                ut.print(f"    Words version sparad i {b.konfliktfil}.", highlight=False, markup=False)
            elif skriv and b.status == "andrat":
                ut.print(f"    Skrev {b.kalla}.", highlight=False, markup=False)
        for m in r.meddelanden:
            ut.print(f"  {m}", highlight=False, markup=False)
        andrade = sum(b.status != "oforandrat" for b in r.block)
        ut.print(f"  {len(r.block)} textblock, {andrade} med ändringar.", highlight=False)
    if not skriv:
        ut.print("Inget skrevs; kör med --skriv för att skriva ändringarna till textblocken.", highlight=False)
    # Kod 1 när något behöver en människa: konflikt, ändring för hand, ändrade tal, text utanför blocken.
    if any(r.meddelanden or any(b.status in ("konflikt", "for_hand", "saknas") or b.meddelanden for b in r.block)
           for r in resultat):
        raise typer.Exit(1)
