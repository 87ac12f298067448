"""`rapport forhandsgranska`: rapporten som HTML i webbläsaren, uppdaterad när en fil sparas.

Sidan visar exakt den HTML och CSS som PDF-renderaren får (`rendera.html.html_for`). Data läses och räknas en
gång per session; en ändring gör bara om det som behövs (se `bevakning`). Ett fel visas i
sidan med fil och rad, och det senaste lyckade bygget står kvar under felrutan tills felet är rättat.
Textblocken byggs med samma `bygg_dokument` som rapporten, alltså i samma sandlåda.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rapportverk.fel import Fel, RapportverkFel
from rapportverk.forhandsgranska.granskning import (
    AVSLUTAD,
    Forhandsgranskning,
    Kontroll,
    Lage,
    tillganglighetskontroll,
)
from rapportverk.forhandsgranska.server import adress, lokal, skapa_server
from rapportverk.period import Period


def kor(konfigfil: Path, rapport: str, namnd: str, period: Period | str, host: str = "127.0.0.1", port: int = 8000,
        slutlig: bool = False, ut: Path = Path("ut") / "forhandsgranskning", oppna: bool = False,
        kontroll: Kontroll | None = None, logg: Callable[[str], None] | None = None) -> int:
    """Starta förhandsgranskningen och kör tills Ctrl-C (kod 130). Fel i argumenten kastas som RapportverkFel."""
    logg = logg or (lambda rad: print(rad, flush=True))
    kontroll = kontroll if kontroll is not None else tillganglighetskontroll()
    p = period if isinstance(period, Period) else _period(period)
    server = skapa_server(host, port)  # först: en upptagen port ska inte vänta på ett helt bygge
    session = Forhandsgranskning(Path(konfigfil), rapport, namnd, p, slutlig=slutlig, ut=ut, logg=logg,
                                 kontroll=kontroll)
    try:
        lage = session.starta()
        server.session = session
        url = adress(server)
        titel = session.dok.meta.titel if session.dok is not None else f"{rapport} för {namnd} {p}"
        logg(f"Förhandsgranskar {titel} på {url}")
        logg("Sidan uppdateras när du sparar ett textblock, en mall, stilmallen, konfigurationen eller data. "
             "Avsluta med Ctrl-C." + (f" ({len(lage.fel)} fel visas i sidan.)" if lage.fel else ""))
        if not lokal(host):
            logg(f"Obs: sidan kan nås av andra datorer i nätet (--host {host}); rapporten kan innehålla "
                 "opublicerade siffror.")
        if oppna:
            import webbrowser

            webbrowser.open(url)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        logg(AVSLUTAD)
        return 130
    finally:
        session.stoppa()
        server.server_close()
    return 0


def _period(text: str) -> Period:
    try:
        return Period.tolka(text)
    except ValueError as exc:
        raise RapportverkFel(Fel(str(exc))) from None


__all__ = ["AVSLUTAD", "Forhandsgranskning", "Kontroll", "Lage", "kor", "tillganglighetskontroll"]
