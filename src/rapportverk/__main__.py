"""`python -m rapportverk`: som kommandot `rapport`. Ett Ctrl-C medan modulerna läses in ger samma svenska rad och
kod 130 som ett Ctrl-C under bygget, inte en traceback."""

import sys

try:
    from rapportverk.cli import kommandorad
except KeyboardInterrupt:
    from rapportverk.avslut import avbruten

    sys.stderr.write("Avbrutet. Inga ofullständiga filer har skrivits.\n")
    avbruten()

kommandorad()
