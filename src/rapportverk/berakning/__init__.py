"""Beräkning: rena funktioner, ramar in och ut — ingen I/O, ingen formatering."""

from rapportverk.berakning.matt import MATT, MATT_PER_TYP
from rapportverk.berakning.modell import Kolumn, Rad, Tabell

__all__ = ["MATT", "MATT_PER_TYP", "Kolumn", "Rad", "Tabell"]
