"""Rendera: dokumentmodellen → DOCX (python-docx) och PDF (HTML + CSS → WeasyPrint)."""
