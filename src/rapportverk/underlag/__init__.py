"""Underlaget: det ett bygge räknar ur konfiguration och data, en gång, och som dokumentet läser (se underlag.py).

`tabeller` är biblioteksgränssnittet för en enskild tabell (kommandot `rapport tabell`, skript och tester).
"""

# Målens ord och typer, som dokumentet visar och prövar mallens argument mot. De hör till beräkningen (issue 20
# punkt 4) men nås härifrån, så att dokumentet aldrig läser källorna direkt.
from rapportverk.kallor.mal import BEDOMNINGAR, MALTYPER
from rapportverk.underlag.underlag import Underlag

__all__ = ["BEDOMNINGAR", "MALTYPER", "Underlag"]
