"""Slutet på en process som avbrutits med Ctrl-C: kod 130, som skalet väntar sig."""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn


def avbruten() -> NoReturn:
    """Avsluta med kod 130 efter Ctrl-C. sys.exit räcker inte: kom avbrottet medan Python utvärderade en sträng
    (eval, som typer och pydantic gör med annoteringar), markerar CPython processen som avbruten av SIGINT också
    när undantaget fångats, och avslutar den då med signalen (kod −2) i stället för 130 (Modules/main.c,
    Py_RunMain). Samma avslut som annars: atexit-funktionerna körs och utskriften töms, bara tolkens egen
    nedstängning hoppas över."""
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)
