"""Ingången för `rapport` och `python -m rapportverk`: startar PDF-processen innan kommandoraden läses in.

Kommandoraden (typer, Polars, konfigurationens modeller, mallarna) tar en tredjedel sekund att läsa in, och PDF-
processen en halv sekund att läsa in WeasyPrint. Startad först när bygget börjar var PDF-processen inte klar när
dokumentet var det: en nämnds PDF med sparade diagram väntade 0,3–0,4 s på den. Här startas den genast när
kommandot är ett bygge; bygget (bygg.bygge) tar den, eller stänger den när rapporterna byggs av arbetsprocesser.
Det är en gissning ur argumenten, inget beslut: en felaktig gissning kostar bara en process som stängs.
"""

from __future__ import annotations

import sys

from rapportverk import barnprocess

# Kommandona som bygger rapporter (varje bygge lägger ut sidorna, också för DOCX-filens innehållsförteckning).
BYGGKOMMANDON = frozenset({"delar", "manad", "bygg"})
# Kommandoradens egna flaggor som tar ett värde (före kommandot).
_MED_VARDE = frozenset({"--konfig"})


def bygger(argv: list[str]) -> bool:
    """Om argumenten ser ut att bygga rapporter: ett byggkommando, utan --help och --lista."""
    hoppa = False
    for i, arg in enumerate(argv):
        if hoppa:
            hoppa = False
        elif arg in _MED_VARDE:
            hoppa = True
        elif not arg.startswith("-"):
            resten = argv[i + 1:]
            return arg in BYGGKOMMANDON and not {"--help", "--lista"} & set(resten)
    return False


def kommandorad() -> None:
    """Konsolskriptet `rapport`: PDF-processen startas för ett bygge, sedan kommandoraden (cli.kommandorad). Ett
    Ctrl-C medan modulerna läses in ger samma svenska rad och kod 130 som ett Ctrl-C under bygget."""
    try:
        if bygger(sys.argv[1:]):
            barnprocess.forstarta("rapportverk.rendera.pdfprocess")
        from rapportverk.cli import kommandorad as cli
    except KeyboardInterrupt:
        from rapportverk.avslut import avbruten

        sys.stderr.write("Avbrutet. Inga ofullständiga filer har skrivits.\n")
        avbruten()
    cli()
