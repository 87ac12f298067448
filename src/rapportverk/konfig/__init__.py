"""Konfiguration: YAML-filer validerade med pydantic, med radnummer för felmeddelanden."""

from rapportverk.konfig.ladda import STANDARDFIL, Projekt, ladda

__all__ = ["STANDARDFIL", "Projekt", "ladda"]
