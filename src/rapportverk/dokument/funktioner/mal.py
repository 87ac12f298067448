"""Mallfunktionerna för måluppfyllelsen: mål med bedömning som tabell, antal, mening och diagram, nyckeltalen och
de finansiella målen."""

from __future__ import annotations

import polars as pl

from rapportverk.berakning.mal import kvot
from rapportverk.dokument import mal as malvisning
from rapportverk.dokument.funktioner.bygge import Bygge, bind
from rapportverk.dokument.funktioner.tabeller import varde
from rapportverk.dokument.mall import Funktioner, Mallfel
from rapportverk.dokument.modell import Stycke, Text
from rapportverk.fel import forslag
from rapportverk.formatering import manadsnamn, tal, tolka_tal
from rapportverk.konfig import REGION
from rapportverk.konfig.modell import MALTYPER, Cell


def _maltyp(typ: str) -> str:
    if typ not in MALTYPER:
        raise Mallfel(f"okänd måltyp '{typ}'{forslag(typ, MALTYPER)}; välj en av {', '.join(MALTYPER)}.")
    return typ


def _per(bygge: Bygge) -> str:
    return f"{manadsnamn(bygge.period.manad)} {bygge.period.ar}"


def _egen(bygge: Bygge) -> str | None:
    """Nämnden vars mål räknas; None i regionens rapport (alla nämnders)."""
    return None if bygge.nd.id == REGION else bygge.nd.id


def mal_tabell(typ: str, rubrik: str | None = None, namnd: str | None = None, *, bygge: Bygge) -> str:
    """Målen av typen med bedömning och analys (för en nämnd, eller alla med en kolumn för nämnden)."""
    data = bygge.underlag.mal(namnd or None)
    ental = malvisning.BENAMNING[_maltyp(typ)][1]
    rubrik = rubrik or f"{ental.capitalize()} och bedömning per {_per(bygge)}"
    if data.filter(pl.col("typ") == typ).height == 0:
        return bygge.infoga(Stycke((Text(f"Inga {ental} är bedömda t.o.m. {_per(bygge)}."),)))
    med_namnd = namnd is None and typ in ("delmal", "indikator")
    return bygge.infoga(malvisning.maltabell(f"mal-{typ}-{namnd or 'alla'}", rubrik, data, typ, bygge.namnnamn,
                                             med_namnd))


def mal_antal(typ: str, *, bygge: Bygge) -> dict[str, int]:
    """Antal mål av typen per bedömning (Helt, Delvis, Inte, Inga data), för löptext."""
    return bygge.underlag.mal_antal(_maltyp(typ), _egen(bygge))


def mal_mening(typ: str, namnd: str | None = None, *, bygge: Bygge) -> str:
    """En mening om hur många mål av typen som nås helt, delvis eller inte (för nämnden eller regionen)."""
    return malvisning.mening(bygge.underlag.mal_antal(_maltyp(typ), namnd or _egen(bygge)), typ)


def mal_antalstabell(typ: str, rubrik: str | None = None, *, bygge: Bygge) -> str:
    """Tabell med antal mål av typen per nämnd och bedömning."""
    plural = malvisning.BENAMNING[_maltyp(typ)][1]
    rubrik = rubrik or f"Antal {plural} per nämnd och bedömning per {_per(bygge)}"
    return bygge.infoga(malvisning.antalstabell(f"malantal-{typ}", rubrik, bygge.underlag.mal(), typ,
                                                bygge.namnnamn))


def mal_diagram(typ: str, rubrik: str | None = None, *, bygge: Bygge) -> str:
    """Stapeldiagram med antal mål av typen per nämnd och bedömning."""
    plural = malvisning.BENAMNING[_maltyp(typ)][1]
    rubrik = rubrik or f"{plural.capitalize()} per nämnd och bedömning per {_per(bygge)}"
    per_namnd = bygge.underlag.mal_per_namnd(typ)
    if not per_namnd:
        return bygge.infoga(Stycke((Text(f"Inga {plural} finns för perioden."),)))
    png, alt = bygge.ritad(("mal_diagram", typ, rubrik),
                           lambda: malvisning.maldiagram(per_namnd, bygge.namnnamn, rubrik))
    return bygge.figur(png, alt, rubrik)


def nyckeltal(namn: str, *, bygge: Bygge) -> float | None:
    """Ett nyckeltal under nyckeltal i konfigurationen, räknat ur rapportens tabeller (oavrundat)."""
    ndef = bygge.projekt.konfig.nyckeltal.get(namn)
    if ndef is None:
        raise Mallfel(f"okänt nyckeltal '{namn}'{forslag(namn, bygge.projekt.konfig.nyckeltal)}; nyckeltalen står "
                      f"under nyckeltal i {bygge.projekt.fil}.")

    def hamta(c: Cell) -> float | None:
        if c.manuell is None:
            return varde(c.tabell, c.rad, c.kolumn, bygge=bygge)  # type: ignore[arg-type]  # Cell kräver alla tre
        v, kanda = bygge.underlag.manuellt_varde(c.manuell)
        if c.manuell not in kanda:
            kalla = bygge.projekt.konfig.kallor.manuella_varden
            fil = bygge.projekt.visa(kalla.fil) if kalla is not None and kalla.fil else "kallor.manuella_varden"
            raise Mallfel(f"nyckeltalet '{namn}' läser det manuella värdet '{c.manuell}', som inte finns i {fil}"
                          f"{forslag(c.manuell, kanda)}; lägg till en rad med namnet och värdet för perioden.")
        return v

    return kvot(ndef, hamta)


def finansiella_mal(rubrik: str | None = None, *, bygge: Bygge) -> str:
    """De finansiella målen: utfall eller prognos räknas ur nyckeltalet när målet anger ett, annars står
    värdet i målfilen."""
    data = bygge.underlag.mal().filter(pl.col("typ") == "finansiellt").sort("rad")
    rubrik = rubrik or f"Finansiella mål per {_per(bygge)}"
    if data.height == 0:
        return bygge.infoga(Stycke((Text("Inga finansiella mål är bedömda för perioden."),)))
    rader = []
    varden: list[tuple[dict, float | None, str]] = []
    for r in data.iter_rows(named=True):
        if r["nyckeltal"]:
            ndef = bygge.projekt.konfig.nyckeltal[r["nyckeltal"]]
            varden.append((r, nyckeltal(r["nyckeltal"], bygge=bygge), ndef.enhet))
        else:
            varden.append((r, None, ""))
    # Ett talformat per kolumn: utfallen och målvärdena med nyckeltalens enhet och lika många decimaler (de
    # flesta som något nyckeltal i kolumnen har), inte "9 %" under "−6,1 %" eller "100" under "1,0".
    nyckeltalen = [bygge.projekt.konfig.nyckeltal[r["nyckeltal"]] for r in data.iter_rows(named=True)
                   if r["nyckeltal"]]
    decimaler = max((n.decimaler for n in nyckeltalen), default=0)
    for r, v, enhet in varden:
        utfall, malvarde = r["utfall"] or "", r["malvarde"] or ""
        if r["nyckeltal"]:
            utfall = "–" if v is None else f"{tal(v, decimaler)}\u00a0{enhet}".strip()
            malvarde = _med_enhet(malvarde, decimaler, enhet)
        rader.append((r["text"], utfall, malvarde, malvisning.bedomning(r["bedomning"]), r["analys"] or ""))
    return bygge.infoga(malvisning.finansiell_tabell("mal-finansiella", rubrik, rader))


def _med_enhet(text: str, decimaler: int, enhet: str) -> str:
    """Ett målvärde ur målfilen i kolumnens format ("100" → "100,0 %"); tomt → "–"; text som inte är ett tal
    ("minst föregående år") står kvar."""
    if not text.strip():
        return "–"
    try:
        return f"{tal(tolka_tal(text), decimaler)}\u00a0{enhet}".strip()
    except ValueError:
        return text


def funktioner(bygge: Bygge) -> Funktioner:
    return bind(bygge, mal_tabell, mal_antal, mal_mening, mal_antalstabell, mal_diagram, nyckeltal, finansiella_mal)
