"""Snabb start: det ett kommando inte använder läses inte in (issue 23, punkt 4)."""

import subprocess
import sys


def _moduler(kod: str) -> set[str]:
    r = subprocess.run([sys.executable, "-c", f"{kod}\nimport sys; print(' '.join(sys.modules))"],
                       capture_output=True, text=True, check=True)
    return set(r.stdout.split())


def test_diagram_ritas_utan_pyplot():
    moduler = _moduler("from rapportverk.dokument.diagram import figurer, till_png\n"
                       "fig, ax = figurer().subplots(figsize=(2, 1)); ax.plot([1, 2]); png = till_png(fig)\n"
                       "assert png.startswith(b'\\x89PNG')")
    assert "matplotlib.figure" in moduler
    assert "matplotlib.pyplot" not in moduler


def test_ordlistan_och_renderarna_lases_forst_nar_de_behovs():
    moduler = _moduler("import rapportverk.cli, rapportverk.bygg.rapport, rapportverk.dokument.layout_tabell")
    assert not {"pyphen", "weasyprint", "docx", "matplotlib"} & moduler

