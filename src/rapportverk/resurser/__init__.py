"""Det inbyggda som följer med paketet: HTML-sidmallen, grundstilmallen, diagramstilen och Word-referensmallen.

Filerna är paketdata och hittas med `importlib.resources`, så ett installerat paket (hjul) har dem, och en miljö
som installerats från en utcheckning läser aldrig en annan utchecknings `mallar/`. Ett projekt ersätter dem med
egna filer: `stil` och `wordmall` i rapporttypen, en `dokument.html.j2` bredvid stilmallen (eller i
`mallar/gemensamt/`) och en `diagram.mplstyle` bredvid layoutmallen eller i `mallar/`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

HTMLMALL = "dokument.html.j2"
STILMALL = "stil.css"
DIAGRAMSTIL = "diagram.mplstyle"
WORDMALL = "referens.docx"


def katalog() -> Path:
    """Katalogen med de inbyggda filerna. Paketet installeras som vanliga filer (inte zip), så en sökväg finns."""
    return Path(str(resources.files(__name__)))


def fil(namn: str) -> Path:
    return katalog() / namn
