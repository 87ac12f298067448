"""Vad ett textblock i dokumentet kommer från: filen, källtextens hash och de framräknade värdena.

Redaktörer skriver i Word; `rapport hamta` (redaktion/) för tillbaka texten till rätt fil. För det märker
dokumentet varje textblocks innehåll (`Textblock` … `Textblockslut`) och varje värde som ett `{{ uttryck }}`
räknade fram (`Genererad`, med uttryckets nummer i källtexten). Reglerna står här, en gång: hur källtexten
hashas, hur front matter skiljs av, och hur uttrycken numreras, så att byggen och hämtning räknar lika.
"""

from __future__ import annotations

import hashlib
import re

from rapportverk.dokument.modell import Figur, Genererad, Inline, Tabell, Text

# Privata tecken runt ett värde: VSTART nummer VMITT värde VSLUT. De rensas ur redaktörernas text innan mallen
# renderas (markdown.rensa), så ingen text kan förfalska dem.
VSTART, VMITT, VSLUT = "\ue002", "\ue004", "\ue003"
MARKORER = (VSTART, VMITT, VSLUT)

# Ett uttryck `{{ … }}` med Jinjas blankstegsstyrning (`{{-`, `-}}`, `+`) i källtexten.
UTTRYCK = re.compile(r"\{\{([-+]?)(.*?)([-+]?)\}\}", re.DOTALL)
_VARDE = re.compile(f"{VSTART}(\\d+){VMITT}([^{VSTART}{VMITT}{VSLUT}]*){VSLUT}")



def kallhash(kropp: str) -> str:
    """sha256 av textblockets källtext utan front matter (`textstatus.dela(...)[1]`, det som byggdes)."""
    return hashlib.sha256(kropp.encode("utf-8")).hexdigest()


def fingeravtryck(text: str) -> str:
    """Kort hash av en framräknad text eller tabell: visar om någon ändrat den i Word."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def uttryck(kalla: str) -> list[str]:
    """Källtextens `{{ … }}`, i ordning: nummer N i `Genererad` är `uttryck(kalla)[N]`."""
    return [m.group(0) for m in UTTRYCK.finditer(kalla)]


def marke_varden(kalla: str) -> str:
    """Källtexten med varje uttrycks utdata inom markörer, med uttryckets nummer; utdata i övrigt lika (Jinjas
    blankstegsstyrning står kvar på de yttre klamrarna, och inga radbrytningar läggs till)."""
    raknare = iter(range(1_000_000))

    def ersatt(m: re.Match[str]) -> str:
        fore, inre, efter = m.groups()
        return f'{{{{{fore} "{VSTART}{next(raknare)}{VMITT}" }}}}{{{{{inre}}}}}{{{{ "{VSLUT}" {efter}}}}}'

    return UTTRYCK.sub(ersatt, kalla)


def dela_varden(text: str) -> list[Inline]:
    """Text med markerade värden → Text och Genererad. Markörer som inte bildar ett helt värde (ett värde som
    själv innehöll Markdown eller en radbrytning) tas bort: värdet blir vanlig text."""
    ut: list[Inline] = []
    pos = 0
    for m in _VARDE.finditer(text):
        if m.start() > pos:
            ut.append(Text(utan_markorer(text[pos:m.start()])))
        ut.append(Genererad(m.group(2), int(m.group(1))))
        pos = m.end()
    if pos < len(text):
        ut.append(Text(utan_markorer(text[pos:])))
    return [i for i in ut if not (isinstance(i, Text) and not i.text)]


_NUMMER = re.compile(f"{VSTART}\\d+{VMITT}")


def utan_markorer(text: str) -> str:
    """Texten utan värdenas markörer (i tabellceller, kod och bildtexter, där värdet blir vanlig text)."""
    if VSTART not in text and VSLUT not in text and VMITT not in text:
        return text
    return _NUMMER.sub("", text).replace(VSTART, "").replace(VMITT, "").replace(VSLUT, "")


TEXTTABELL, TEXTBILD = "texttabell-", "bild-"


def ur_text(b: Tabell | Figur) -> bool:
    """En tabell (GFM) eller bild (`![alt](fil)`) som redaktören skrev i ett textblock; andra tabeller och
    figurer (tabell(), diagram()) är genererade: de hämtas aldrig tillbaka."""
    return b.id.startswith(TEXTTABELL if isinstance(b, Tabell) else TEXTBILD)
