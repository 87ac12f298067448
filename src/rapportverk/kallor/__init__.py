"""Källor: läs filer, mappa kolumner, tecken, enhet och period, koppla hierarkier."""

from rapportverk.kallor.indata import Indata, las_indata

__all__ = ["Indata", "las_indata"]
