"""Kommandoradens utskrifter och globala flaggor, delade av kommandona och ingången."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console

from rapportverk.konfig import STANDARDFIL

# I en pipe eller CI-logg finns ingen terminalbredd; 80 tecken skulle klippa radrubrikerna.
# Ingen Rich-markup och inga emojikoder: det som skrivs ut innehåller data (organisationsnamn, filnamn, värden), och
# `[/]` eller `[link=…]` i en CSV-cell får varken krascha utskriften eller ändra den.
ut = Console(width=None if sys.stdout.isatty() else 200, markup=False, emoji=False)
fel_ut = Console(stderr=True, highlight=False, markup=False, emoji=False)
tillstand: dict[str, Any] = {"debug": False, "konfig": STANDARDFIL}
