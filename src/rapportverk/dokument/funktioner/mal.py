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
from rapportverk.dokument.tabell import slug
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


def _var_malen_star(bygge: Bygge) -> str:
    """Var målen står, för ett fel: målfilerna och konfigurationens kallor.mal."""
    filer = bygge.underlag.malfiler()
    if not filer:
        return f"inga mål är lästa; målfilerna står under kallor.mal i {bygge.projekt.fil}"
    return f"målen står i {', '.join(filer)} (kallor.mal i {bygge.projekt.fil})"


def _villkor(bygge: Bygge, namnd: str | None, mal: str | None, perspektiv: str | None
             ) -> tuple[str | None, str | None, str | None]:
    """Nämnden, målet och perspektivet som mallen valde, prövade mot konfigurationen och målfilerna: ett okänt
    namn är ett fel med förslag och med var målen står (tomt = inget villkor; nämnden 'region' står kvar, se
    _alla och _namnden)."""
    namnd, mal, perspektiv = (str(v) if v else None for v in (namnd, mal, perspektiv))
    if namnd is not None:
        bygge.kand_namnd(namnd)
    if mal is not None and mal not in bygge.underlag.mal_ids():
        raise Mallfel(f"okänt mål '{mal}'{forslag(mal, bygge.underlag.mal_ids())}; {_var_malen_star(bygge)}.")
    if perspektiv is not None:
        kanda = bygge.underlag.mal_perspektiv()
        filer = bygge.underlag.malfiler()
        if kanda is None:
            if not filer:
                raise Mallfel(f"perspektivet '{perspektiv}' kan inte väljas: {_var_malen_star(bygge)}.")
            vilken = f"målfilen {filer[0]}" if len(filer) == 1 else f"målfilerna {', '.join(filer)}"
            raise Mallfel(f"perspektivet '{perspektiv}' kan inte väljas: {vilken} har ingen kolumn perspektiv; "
                          "lägg till kolumnen (t.ex. Invånare, Medarbetare, Ekonomi) i filen, eller peka ut filens "
                          f"egen kolumn med kolumner: {{perspektiv: …}} under kallor.mal i {bygge.projekt.fil}.")
        if perspektiv not in kanda:
            raise Mallfel(f"okänt perspektiv '{perspektiv}'{forslag(perspektiv, kanda)}; perspektiven i kolumnen "
                          f"perspektiv är {', '.join(kanda) or 'inga (kolumnen är tom)'}; {_var_malen_star(bygge)}.")
    return namnd, mal, perspektiv


def _alla(namnd: str | None) -> str | None:
    """Nämnden för en tabell, ett diagram eller en lista: utan nämnd eller med 'region' alla nämnders mål."""
    return None if namnd == REGION else namnd


def _namnden(bygge: Bygge, namnd: str | None) -> str | None:
    """Nämnden för ett antal eller en mening: utan nämnd rapportens (alla i regionens rapport), med 'region' alla
    nämnders."""
    return _egen(bygge) if namnd is None else _alla(namnd)


def _id(namn: str, typ: str, namnd: str | None, mal: str | None, perspektiv: str | None) -> str:
    """Tabellens id: som förut utan mål och perspektiv, och olika för varje mål i en loop."""
    return "-".join([namn, typ, *([namnd] if namnd else []), *(slug(v) for v in (mal, perspektiv) if v)])


def mal_tabell(typ: str, rubrik: str | None = None, namnd: str | None = None, mal: str | None = None,
               perspektiv: str | None = None, *, bygge: Bygge) -> str:
    """Målen av typen med bedömning och analys (för en nämnd, eller alla med en kolumn för nämnden); `mal` väljer
    ett mål och allt under det, `namnd` en nämnds mål och `perspektiv` ett perspektiv (docs/redaktorer/index.md,
    Mål och indikatorer).

    `mal` väljer ett mål och allt under det (ett regionmåls delmål och deras indikatorer, genom kolumnen
    overordnat i alla led, målet självt medräknat), `namnd` en nämnds mål ('region': alla nämnders) och
    `perspektiv` målen med ett perspektiv (kolumnen perspektiv i målfilen; ett mål utan eget perspektiv har sitt
    överordnade måls). Villkoren gäller tillsammans:
    `mal_tabell("indikator", mal="rm_god_vard", namnd="halso_och_sjukvardsnamnden")`."""
    namnd, mal, perspektiv = _villkor(bygge, namnd, mal, perspektiv)
    namnd = _alla(namnd)
    data = bygge.underlag.mal(namnd, mal, perspektiv)
    ental = malvisning.BENAMNING[_maltyp(typ)][1]
    rubrik = rubrik or f"{ental.capitalize()} och bedömning per {_per(bygge)}"
    if data.filter(pl.col("typ") == typ).height == 0:
        return bygge.infoga(Stycke((Text(f"Inga {ental} är bedömda t.o.m. {_per(bygge)}."),)))
    med_namnd = namnd is None and typ in ("delmal", "indikator")
    return bygge.infoga(malvisning.maltabell(_id("mal", typ, namnd or "alla", mal, perspektiv), rubrik, data, typ,
                                             bygge.namnnamn, med_namnd))


def mal_antal(typ: str, namnd: str | None = None, mal: str | None = None, perspektiv: str | None = None, *,
              bygge: Bygge) -> dict[str, int]:
    """Antal mål av typen per bedömning (Helt, Delvis, Inte, Inga data), för löptext: rapportens nämnd (alla i
    regionens rapport) eller `namnd` ('region': alla nämnders), under målet `mal` och med perspektivet
    `perspektiv` (som i mal_tabell)."""
    namnd, mal, perspektiv = _villkor(bygge, namnd, mal, perspektiv)
    return bygge.underlag.mal_antal(_maltyp(typ), _namnden(bygge, namnd), mal, perspektiv)


def mal_mening(typ: str, namnd: str | None = None, mal: str | None = None, perspektiv: str | None = None, *,
               bygge: Bygge) -> str:
    """En mening om hur många mål av typen som nås helt, delvis eller inte (för nämnden eller regionen), med
    samma val av nämnd, mål och perspektiv som mal_antal."""
    namnd, mal, perspektiv = _villkor(bygge, namnd, mal, perspektiv)
    return malvisning.mening(bygge.underlag.mal_antal(_maltyp(typ), _namnden(bygge, namnd), mal, perspektiv), typ)


def mal_antalstabell(typ: str, rubrik: str | None = None, namnd: str | None = None, mal: str | None = None,
                     perspektiv: str | None = None, *, bygge: Bygge) -> str:
    """Tabell med antal mål av typen per nämnd och bedömning; `namnd`, `mal` och `perspektiv` väljer som i
    mal_tabell."""
    namnd, mal, perspektiv = _villkor(bygge, namnd, mal, perspektiv)
    namnd = _alla(namnd)
    plural = malvisning.BENAMNING[_maltyp(typ)][1]
    rubrik = rubrik or f"Antal {plural} per nämnd och bedömning per {_per(bygge)}"
    return bygge.infoga(malvisning.antalstabell(_id("malantal", typ, namnd, mal, perspektiv), rubrik,
                                                bygge.underlag.mal(namnd, mal, perspektiv), typ, bygge.namnnamn))


def mal_diagram(typ: str, rubrik: str | None = None, namnd: str | None = None, mal: str | None = None,
                perspektiv: str | None = None, *, bygge: Bygge) -> str:
    """Stapeldiagram med antal mål av typen per nämnd och bedömning; `namnd`, `mal` och `perspektiv` väljer som
    i mal_tabell."""
    namnd, mal, perspektiv = _villkor(bygge, namnd, mal, perspektiv)
    namnd = _alla(namnd)
    plural = malvisning.BENAMNING[_maltyp(typ)][1]
    rubrik = rubrik or f"{plural.capitalize()} per nämnd och bedömning per {_per(bygge)}"
    per_namnd = bygge.underlag.mal_per_namnd(typ, mal, perspektiv)
    if namnd is not None:
        per_namnd = {n: a for n, a in per_namnd.items() if n == namnd}
    if not per_namnd:
        return bygge.infoga(Stycke((Text(f"Inga {plural} finns för perioden."),)))
    png, alt = bygge.ritad(("mal_diagram", typ, rubrik, namnd, mal, perspektiv),
                           lambda: malvisning.maldiagram(per_namnd, bygge.namnnamn, rubrik))
    return bygge.figur(png, alt, rubrik)


def mal_lista(typ: str, namnd: str | None = None, mal: str | None = None, perspektiv: str | None = None, *,
              bygge: Bygge) -> list[malvisning.Malpost]:
    """Målen av typen som data för mallens egna loopar (en sektion per mål), i målfilens ordning, med samma val av
    nämnd, mål och perspektiv som mal_tabell (alla nämnders mål om inget annat anges); fälten är id, text,
    bedomning, bedomningstext, namnd, namndnamn, perspektiv, utfall, malvarde, analys med flera.

    Varje mål har fälten id, typ, text, bedomning (Helt, Delvis, Inte, Inga data), symbol (●, ◐, ○, –),
    bedomningstext (symbol och ord, som i tabellerna), namnd (id), namndnamn, overordnat, perspektiv, utfall,
    malvarde och analys (tomma fält är tom text): `{% for m in mal_lista("regionmal") %}## {{ m.text }} …
    {{ mal_tabell("indikator", mal=m.id) }}{% endfor %}`."""
    namnd, mal, perspektiv = _villkor(bygge, namnd, mal, perspektiv)
    data = bygge.underlag.mal(_alla(namnd), mal, perspektiv).filter(pl.col("typ") == _maltyp(typ)).sort("kalla", "rad")
    return [malvisning.malpost(r, bygge.namnnamn) for r in data.iter_rows(named=True)]


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
    return bind(bygge, mal_tabell, mal_antal, mal_mening, mal_antalstabell, mal_diagram, mal_lista, nyckeltal,
                finansiella_mal)
