"""Underlaget: det ett bygge räknar ur konfiguration och data, en gång, och som dokumentet läser (se underlag.py).

`tabeller` är biblioteksgränssnittet för en enskild tabell (kommandot `rapport tabell`, skript och tester).
"""

from rapportverk.underlag.underlag import Underlag

__all__ = ["Underlag"]
