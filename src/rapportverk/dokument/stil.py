"""Husets färger, typografi, sidans marginaler och tabellernas mått, en gång för båda formaten.

DOCX-renderaren och generatorn av Word-referensmallen (rendera/skapa_referens.py) läser konstanterna här;
PDF:en får dem som CSS-variabler (`--mork`, `--h1-storlek` …) och sidornas marginaler, som HTML-mallen skriver före
stilmallen, och stil.css använder variablerna. En region som byter färg i sin egen stilmall gör det där, som förut.
Samma mått i båda formaten är det som gör att LibreOffice och Word bryter DOCX-filens sidor där PDF:en bryter, så att
innehållsförteckningens sidnummer stämmer i båda (tests/test_sidparitet.py mäter det).

Färger som hex utan '#', som WordprocessingML vill ha dem; mått i punkter.
"""

from __future__ import annotations

import dataclasses

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
RADLINJE_PT = 0.5  # mellan tabellens rader
SUMMALINJE_PT = 1.0  # över en summarad
LUFT_EFTER_TABELL_PT = 14.0  # före texten som följer en tabell
LUFT_EFTER_FIGUR_PT = 12.0  # efter en figurs bildtext
TABELLTEXT_PT = 9.5
CELLUTFYLLNAD_PT = (2.5, 5.0)  # över och under, vänster och höger
INDRAG_PT = 9.9  # per indragssteg i tabellens första kolumn (utöver cellutfyllnaden)
LISTINDRAG_PT = 18.0  # punktlistans text från vänsterkanten, per nivå (Word-mallens numrering: 360 twips)
# Tecknet där ett ord avstavas: bindestreck-minus, som Word och LibreOffice visar vid ett mjukt bindestreck.
# WeasyPrints eget (U+2010) saknas i Carlito, och raden med reservtypsnittets tecken blir nästan 1 pt högre.
AVSTAVNINGSTECKEN = "-"


# Typsnittets "enkla radavstånd" i em: (ascent + descent + lineGap) / em i Carlito, som har Calibris mått. Word och
# LibreOffice mäter radavståndet i den enheten, CSS i typsnittsstorlekar.
TYPSNITT_ENKEL_RAD = 1.2207


@dataclasses.dataclass(frozen=True)
class Textmatt:
    """En textstils storlek (pt), radhöjd (gånger storleken, som CSS line-height) och luft före och efter (pt).

    Luften mellan två block är den största av den förras efter och den senares före i båda formaten: CSS slår ihop
    marginalerna, och LibreOffice gör detsamma med en DOCX-fils styckeavstånd."""

    storlek: float
    radhojd: float
    fore: float = 0.0
    efter: float = 0.0

    @property
    def radhojd_pt(self) -> float:
        """Radhöjden i punkter, avrundad till hela twips: samma höjd i båda formaten, rad för rad."""
        return twips(self.storlek * self.radhojd) / 20

    def radavstand(self) -> int:
        """Radhöjden som WordprocessingML:s exakta radavstånd (w:line i twips, w:lineRule="exact"). Med
        proportionellt radavstånd räknar LibreOffice typsnittets enkla rad en twip kortare än CSS (en brödtextrad
        14,25 pt i stället för 14,3 pt), och på en hel sida blir det ett par punkter: nog för att ett block som
        precis ryms längst ned i PDF:en hamnar på nästa sida där, men inte i DOCX-filen."""
        return twips(self.radhojd_pt)

    def css_radhojd(self) -> str:
        """Radhöjden som CSS line-height: ett tal (ärvs som tal), gånger storleken exakt `radhojd_pt`."""
        return f"{self.radhojd_pt / self.storlek:.6f}".rstrip("0")


BRODTEXT = Textmatt(11, 1.3, 0, 7)
RUBRIKER = {1: Textmatt(18, 1.15, 20, 8), 2: Textmatt(14, 1.15, 16, 6), 3: Textmatt(12, 1.15, 12, 4),
            4: Textmatt(11, 1.15, 10, 4)}  # nivå 5 och 6 som 4
TABELLRUBRIK = Textmatt(11, TYPSNITT_ENKEL_RAD, 4, 1)  # över tabellen, fet i husets mörka färg
ENHETSRAD = Textmatt(8.5, TYPSNITT_ENKEL_RAD, 0, 4)  # 'Belopp i miljoner kronor' under tabellrubriken
TABELLTEXT = Textmatt(TABELLTEXT_PT, TYPSNITT_ENKEL_RAD)
LISTPUNKT = Textmatt(11, 1.3, 0, 2)  # sista punkten får brödtextens luft efter
FIGUR = Textmatt(11, 1.3, 8, 0)  # bildens stycke; bildtexten under har egen stil
BILDTEXT = Textmatt(9.5, 1.3, 4, LUFT_EFTER_FIGUR_PT)
KALLA = Textmatt(8.5, 1.3, 4, LUFT_EFTER_TABELL_PT)  # 'Källa: …' och noter under en tabell
SIDHUVUD = Textmatt(9, TYPSNITT_ENKEL_RAD)
# Innehållsförteckningen: rubriken som en rubrik på nivå 1 (samma luft överst på sidan), posterna som brödtext.
INNEHALLSRUBRIK = Textmatt(18, 1.15, 20, 12)
INNEHALL_NIVA1 = Textmatt(11, 1.3, 8, 3)  # fet, med luft före
INNEHALL_POST = Textmatt(11, 1.3, 0, 3)  # nivå 2 och 3

# Sidornas marginaler i cm (över, höger, under, vänster), stående och liggande, och sidhuvudets och sidfotens
# avstånd från papperskanten i DOCX-filen (PDF:en sätter dem i marginalrutorna, stil.css).
MARGINALER_CM = (2.4, 2.2, 2.2, 2.5)
LIGGANDE_MARGINALER_CM = (2.2, 2.4, 2.0, 2.4)
SIDHUVUD_AVSTAND_CM = 1.25


def css_variabler() -> str:
    """Konstanterna som CSS-variabler på :root, och sidornas marginaler, för HTML-mallen."""
    farger = {"mork": MORK, "text": TEXT, "gra": GRA, "tabellhuvud": TABELLHUVUD, "radlinje": RADLINJE,
              "saknas-ram": SAKNAS_RAM, "saknas-bakgrund": SAKNAS_BAKGRUND, "varning-ram": VARNING_RAM,
              "varning-bakgrund": VARNING_BAKGRUND}
    matt = {"markering-ram": MARKERING_RAM_PT, "rubriklinje": RUBRIKLINJE_PT, "radlinje-bredd": RADLINJE_PT,
            "summalinje": SUMMALINJE_PT, "indrag": INDRAG_PT, "tabelltext": TABELLTEXT_PT,
            "luft-efter-tabell": LUFT_EFTER_TABELL_PT, "luft-efter-figur": LUFT_EFTER_FIGUR_PT,
            "listindrag": LISTINDRAG_PT}
    delar = [f"--{k}: #{v.lower()};" for k, v in farger.items()]
    delar += [f"--{k}: {v:g}pt;" for k, v in matt.items()]
    over, sida = CELLUTFYLLNAD_PT
    delar.append(f"--cellutfyllnad: {over:g}pt {sida:g}pt; --cellutfyllnad-sida: {sida:g}pt;")
    # WeasyPrint avstavar kolumnrubrikerna själv (mjuka bindestreck i texten ändrar PDF:ens text), men med
    # layoutens gränser och samma ordlista (pyphen), så att brytpunkterna blir desamma som i DOCX-filen.
    delar.append(f"--avstavning: {AVSTAVA_FRAN} {AVSTAVA_KANT} {AVSTAVA_KANT}; "
                 f'--avstavningstecken: "{AVSTAVNINGSTECKEN}";')
    textstilar = {"brodtext": BRODTEXT, "tabellrubrik": TABELLRUBRIK, "enhetsrad": ENHETSRAD,
                  "tabelltext": TABELLTEXT, "listpunkt": LISTPUNKT, "figur": FIGUR, "bildtext": BILDTEXT,
                  "kalla": KALLA, "innehallsrubrik": INNEHALLSRUBRIK, "innehall-niva1": INNEHALL_NIVA1,
                  "innehall-post": INNEHALL_POST, **{f"h{n}": m for n, m in RUBRIKER.items()}}
    for namn, m in textstilar.items():
        delar.append(f"--{namn}-storlek: {m.storlek:g}pt; --{namn}-radhojd: {m.css_radhojd()}; "
                     f"--{namn}-fore: {m.fore:g}pt; --{namn}-efter: {m.efter:g}pt;")
    return (":root { " + " ".join(delar) + " }\n"
            f"@page {{ margin: {_cm(MARGINALER_CM)}; }}\n@page liggande {{ margin: {_cm(LIGGANDE_MARGINALER_CM)}; }}")


def _cm(marginaler: tuple[float, ...]) -> str:
    return " ".join(f"{m:g}cm" for m in marginaler)


def attondelar(pt: float) -> int:
    """Punkter som åttondels punkter (linjebredd i WordprocessingML)."""
    return round(pt * 8)


def twips(pt: float) -> int:
    """Punkter som twips (tjugondels punkter)."""
    return round(pt * 20)
