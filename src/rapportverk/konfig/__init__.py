"""Konfiguration: YAML-filer validerade med pydantic, med radnummer för felmeddelanden."""

from rapportverk.konfig.ladda import REGION, STANDARDFIL, Projekt, ladda

__all__ = ["REGION", "STANDARDFIL", "Projekt", "ladda"]
