"""Vad en PDF-rendering ger. En egen modul utan WeasyPrint: svaret från PDF-processen (rendera.pdfprocess) packas
upp i bygget, och då får klassens modul inte läsa in WeasyPrint (det tog en halv sekund)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfResultat:
    pdf: bytes
    sidnummer: dict[str, int]  # Rubrik.id -> sidan (1-baserad) där rubriken hamnar
    antal_sidor: int
