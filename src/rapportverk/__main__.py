"""`python -m rapportverk`: som kommandot `rapport` (start.kommandorad)."""

from rapportverk.start import kommandorad

kommandorad()
