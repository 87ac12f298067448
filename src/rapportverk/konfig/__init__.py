"""Konfiguration: YAML-filer validerade med pydantic, med radnummer för felmeddelanden."""

from rapportverk.konfig.ladda import STANDARDFIL, ladda
from rapportverk.konfig.modell import REGION
from rapportverk.konfig.projekt import Projekt

__all__ = ["REGION", "STANDARDFIL", "Projekt", "ladda"]
