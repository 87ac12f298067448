"""Kommandoraden: `python exempeldata/generera.py [--ut KATALOG] [--foresla-mal ÅR]` (eller `python -m
exempeldata.generator` från projektets rot)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .gemensamt import EXEMPELDATA


def main(argv: Sequence[str]) -> None:
    tolk = argparse.ArgumentParser(prog="generera.py", description="Skapa exempelregionens data på nytt.")
    tolk.add_argument("--ut", type=Path, default=EXEMPELDATA, metavar="KATALOG",
                      help="katalog att skriva filerna i (standard: exempeldata/)")
    tolk.add_argument("--foresla-mal", type=int, metavar="ÅR",
                      help="lös målproblemet för ett år (kräver scipy) och skriv förslaget till "
                           "generator/data/valda_mal.yaml i stället för att generera")
    args = tolk.parse_args(argv)
    if args.foresla_mal is not None:
        from .foresla import foresla_mal

        print(foresla_mal(args.foresla_mal), end="")
        return
    from .korning import generera

    generera(args.ut)
