"""Husets färger och tabellernas mått, en gång för båda formaten.

DOCX-renderaren och generatorn av Word-referensmallen (resurser/skapa_referens.py) läser konstanterna här;
PDF:en får dem som CSS-variabler (`--mork`, `--tabellhuvud` …) som HTML-mallen skriver före stilmallen, och
stil.css använder variablerna. En region som byter färg i sin egen stilmall gör det där, som förut.

Färger som hex utan '#', som WordprocessingML vill ha dem; mått i punkter.
"""

from __future__ import annotations

from rapportverk.dokument.layout_tabell import AVSTAVA_FRAN, AVSTAVA_KANT

MORK = "1F4E79"  # rubriker, titel, länkar, tabellrubrikens linje
TEXT = "1A1A1A"
GRA = "4A4A4A"  # sidhuvud, sidfot, enhetsrad, källa
TABELLHUVUD = "DDE6EF"  # rubrikradernas bakgrund
RADLINJE = "C9D1D9"  # tunn linje mellan tabellens rader

# Markeringarna (saknad text, varningar): ram och bakgrund, och typen också i text (layoutens etikett).
SAKNAS_RAM, SAKNAS_BAKGRUND = "B7791F", "FFF6E0"
VARNING_RAM, VARNING_BAKGRUND = "B42318", "FDECEA"
MARKERING_RAM_PT = 1.5

RUBRIKLINJE_PT = 0.75  # under tabellens sista rubrikrad
LUFT_EFTER_TABELL_PT = 14.0  # före texten som följer en tabell
LUFT_EFTER_FIGUR_PT = 12.0  # efter en figurs bildtext
TABELLTEXT_PT = 9.5
CELLUTFYLLNAD_PT = (2.5, 5.0)  # över och under, vänster och höger


def css_variabler() -> str:
    """Konstanterna som CSS-variabler på :root, för HTML-mallen."""
    farger = {"mork": MORK, "text": TEXT, "gra": GRA, "tabellhuvud": TABELLHUVUD, "radlinje": RADLINJE,
              "saknas-ram": SAKNAS_RAM, "saknas-bakgrund": SAKNAS_BAKGRUND, "varning-ram": VARNING_RAM,
              "varning-bakgrund": VARNING_BAKGRUND}
    matt = {"markering-ram": MARKERING_RAM_PT, "rubriklinje": RUBRIKLINJE_PT, "tabelltext": TABELLTEXT_PT,
            "luft-efter-tabell": LUFT_EFTER_TABELL_PT, "luft-efter-figur": LUFT_EFTER_FIGUR_PT}
    delar = [f"--{k}: #{v.lower()};" for k, v in farger.items()]
    delar += [f"--{k}: {v:g}pt;" for k, v in matt.items()]
    over, sida = CELLUTFYLLNAD_PT
    delar.append(f"--cellutfyllnad: {over:g}pt {sida:g}pt;")
    # WeasyPrint avstavar kolumnrubrikerna själv (mjuka bindestreck i texten ändrar PDF:ens text), men med
    # layoutens gränser och samma ordlista (pyphen), så att brytpunkterna blir desamma som i DOCX-filen.
    delar.append(f"--avstavning: {AVSTAVA_FRAN} {AVSTAVA_KANT} {AVSTAVA_KANT};")
    return ":root { " + " ".join(delar) + " }"


def attondelar(pt: float) -> int:
    """Punkter som åttondels punkter (linjebredd i WordprocessingML)."""
    return round(pt * 8)


def twips(pt: float) -> int:
    """Punkter som twips (tjugondels punkter)."""
    return round(pt * 20)
