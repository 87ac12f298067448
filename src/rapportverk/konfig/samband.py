"""Kontroller av en laddad konfiguration som pydantic inte kan göra: namn som ska finnas, rubrikfält, filer
inom projektet, kostnadsslag och kontointervall som inte får överlappa."""

from __future__ import annotations

import string
from typing import Any

from rapportverk.fel import Fel, forslag
from rapportverk.formatering import RUBRIKFALT
from rapportverk.konfig.anslutning import dold
from rapportverk.konfig.modell import KALLNAMN, REGION, Konfig
from rapportverk.konfig.projekt import Projekt, inom_projektet, utanfor_text
from rapportverk.konfig.yamlrader import Vag, rad_for


def kontrollera(p: Projekt, matt: dict[str, list[str]]) -> list[Fel]:
    k = p.konfig
    fel: list[Fel] = []
    sedda: set[str] = set()
    for i, n in enumerate(k.namnder):
        if n.id in sedda:
            fel.append(p.fel(f"nämnden '{n.id}' står två gånger under namnder; ta bort den ena.", ("namnder", i)))
        if n.id == REGION:
            fel.append(p.fel(f"'{REGION}' är reserverat för hela regionen och kan inte vara en nämnds id; välj ett "
                             "annat id.", ("namnder", i, "id")))
        sedda.add(n.id)
    nivaer = p.org_nivaer
    dimensioner = [*nivaer, "kostnadsslag"]
    for namn, t in k.tabeller.items():
        if t.typ == "matt" and t.rader not in dimensioner:
            fel.append(p.fel(
                f"okänd radindelning '{t.rader}' i tabellen '{namn}'{forslag(t.rader or '', dimensioner)}; "
                f"välj en av: {', '.join(dimensioner)}.", ("tabeller", namn, "rader")))
        elif t.underrader is not None:
            # Underraderna är en lägre nivå i organisationen än raderna (nivaer räknas nerifrån: enhet först).
            lagre = nivaer[:nivaer.index(t.rader)] if t.typ == "matt" and t.rader in nivaer else []
            if t.underrader not in lagre:
                fel.append(p.fel(
                    f"underraderna '{t.underrader}' i tabellen '{namn}' är inte en organisationsnivå under "
                    f"'{t.rader}'{forslag(t.underrader, lagre)}; välj en av: {', '.join(lagre) or 'inga'}.",
                    ("tabeller", namn, "underrader")))
        tillatna = matt.get(t.typ, [])
        for i, kol in enumerate(t.kolumner):
            if tillatna and kol.matt not in tillatna:
                fel.append(p.fel(
                    f"okänd kolumn '{kol.matt}' i tabellen '{namn}'{forslag(kol.matt, tillatna)}",
                    ("tabeller", namn, "kolumner", i)))
            for falt in ("rubrik", "grupp"):
                fel.extend(_rubrikfel(p, getattr(kol, falt), ("tabeller", namn, "kolumner", i, falt)))
        for falt in ("rubrik", "fotnot", "tom_text"):
            fel.extend(_rubrikfel(p, getattr(t, falt), ("tabeller", namn, falt)))
        if t.kontogrupp and t.kontogrupp not in k.kontogrupper:
            fel.append(p.fel(f"tabellen '{namn}' filtrerar på kontogruppen '{t.kontogrupp}', som inte finns under "
                             f"kontogrupper{forslag(t.kontogrupp, k.kontogrupper)}.", ("tabeller", namn, "kontogrupp")))
        if t.typ == "matt" and any(c.matt in ("reduktionsplan", "diff_mot_plan", "forandring_mot_plan_procent")
                                   for c in t.kolumner) and t.minskning is None:
            fel.append(p.fel(f"tabellen '{namn}' visar en reduktionsplan men anger inte 'minskning' "
                             "(t.ex. 0.15 för 15 %).", ("tabeller", namn)))
        fel.extend(_uppstallningsfel(p, namn, t))
    for namn, d in k.diagram.items():
        if d.tabell and d.tabell not in k.tabeller:
            fel.append(p.fel(f"diagrammet '{namn}' pekar på tabellen '{d.tabell}', som inte finns"
                             f"{forslag(d.tabell, k.tabeller)}.", ("diagram", namn, "tabell")))
        elif d.tabell and d.kolumn not in [c.matt for c in k.tabeller[d.tabell].kolumner]:
            kolumner = [c.matt for c in k.tabeller[d.tabell].kolumner]
            fel.append(p.fel(f"diagrammet '{namn}' visar kolumnen '{d.kolumn}', som inte finns i tabellen "
                             f"'{d.tabell}'{forslag(d.kolumn or '', kolumner)}.", ("diagram", namn, "kolumn")))
        fel.extend(_rubrikfel(p, d.rubrik, ("diagram", namn, "rubrik")))
    for namn, lista in k.listor.items():
        if lista.kalla not in k.kallor.listor:
            fel.append(p.fel(f"listan '{namn}' läser källan '{lista.kalla}', som inte finns under kallor.listor"
                             f"{forslag(lista.kalla, k.kallor.listor)}.", ("listor", namn, "kalla")))
        fel.extend(_listfel(p, namn, lista))
        for falt in ("rubrik", "radrubrik", "summarad"):
            fel.extend(_rubrikfel(p, getattr(lista, falt), ("listor", namn, falt)))
        for i, kol in enumerate(lista.kolumner):
            fel.extend(_rubrikfel(p, kol.rubrik, ("listor", namn, "kolumner", i, "rubrik")))
    fel.extend(_rapportfel(p))
    fel.extend(_nyckeltalsfel(p))
    for namn, pt in k.pivottabeller.items():
        for falt in ("rubrik", "radrubrik", "kalltext"):
            fel.extend(_rubrikfel(p, getattr(pt, falt), ("pivottabeller", namn, falt)))
        if not k.kallor.indikatorer:
            fel.append(p.fel(f"pivottabellen '{namn}' visar indikatorer, men kallor.indikatorer saknas i {p.fil}.",
                             ("pivottabeller", namn, "kalla")))
    for i, pk in enumerate(k.kallor.prognos):
        if pk.niva not in nivaer:
            fel.append(p.fel(f"okänd nivå '{pk.niva}' för prognosen{forslag(pk.niva, nivaer)}; välj en av: "
                             f"{', '.join(nivaer)}.", ("kallor", "prognos", i, "niva")))
    for vag, fil in [*_filer(k), *((("rapporter", n, "texter"), r.texter) for n, r in k.rapporter.items())]:
        sokvag = p.sokvag(fil)
        if not inom_projektet(sokvag, p.katalog, k):
            # Filen läses inte (och visas aldrig) förrän konfigurationen säger att den får läsas.
            fel.append(p.fel(utanfor_text(dold(p.som_skriven(vag, fil)), p.katalog), vag))
        elif vag[-1] != "texter" and not sokvag.exists():
            fel.append(p.fel(f"filen '{dold(p.som_skriven(vag, fil))}' finns inte; kontrollera sökvägen "
                             f"(den är relativ till katalogen där {p.fil_for(vag)} ligger).", vag))
    for namn, r in k.rapporter.items():
        # Ett formatfält med bredd eller utfyllnad ('{period:.>8}', '{namnd:>999999999}') kan bli '..', en dold fil
        # eller en jättelik sträng: fälten i ett filnamn står utan formatering.
        try:
            formaterade = [f for _, f, spec, konv in string.Formatter().parse(r.filnamn) if f and (spec or konv)]
        except ValueError:
            formaterade = []
        if formaterade:
            fel.append(p.fel(f"filnamnet '{r.filnamn}' i rapporttypen '{namn}' formaterar fältet "
                             f"'{formaterade[0]}'; skriv fälten utan ':' eller '!', t.ex. {{namnd}}.",
                             ("rapporter", namn, "filnamn")))
        if any(t in r.filnamn for t in ("/", "\\", "..")) or r.filnamn.startswith("."):
            fel.append(p.fel(f"filnamnet '{r.filnamn}' i rapporttypen '{namn}' får inte innehålla /, \\ eller .. "
                             "och inte börja med en punkt: rapporterna skrivs alltid i utkatalogen (--ut).",
                             ("rapporter", namn, "filnamn")))
    return fel


# I filnamnet är {namnd} nämndens id (regionstyrelsen), i rubrikerna dess namn (Regionstyrelsen).
FILNAMNSFALT = ("rapport", "namnd", "period")


def _rapportfel(p: Projekt) -> list[Fel]:
    """Rapporttypernas titel, filnamn, källor och nämnder."""
    k = p.konfig
    fel: list[Fel] = []
    kallnamn = [*KALLNAMN, *k.kallor.listor]
    for namn, r in k.rapporter.items():
        fel.extend(_rubrikfel(p, r.titel, ("rapporter", namn, "titel")))
        fel.extend(_rubrikfel(p, r.filnamn, ("rapporter", namn, "filnamn"), FILNAMNSFALT))
        for i, kalla in enumerate(r.kallor or []):
            if kalla not in kallnamn:
                fel.append(p.fel(f"rapporttypen '{namn}' läser källan '{kalla}', som inte finns"
                                 f"{forslag(kalla, kallnamn)}; välj bland: {', '.join(kallnamn)}.",
                                 ("rapporter", namn, "kallor", i)))
        if r.region and r.region not in k.rapporter:
            fel.append(p.fel(f"rapporttypen '{namn}' anger region: '{r.region}', som inte är en rapporttyp"
                             f"{forslag(r.region, k.rapporter)}.", ("rapporter", namn, "region")))
        elif r.region and k.rapporter[r.region].omfang != "region":
            fel.append(p.fel(f"rapporttypen '{r.region}' (region för '{namn}') gäller inte hela regionen; lägg till "
                             "omfang: region i den.", ("rapporter", namn, "region")))
        for i, t in enumerate(r.namndavsnitt):
            if t not in k.tabeller:
                fel.append(p.fel(f"namndavsnitt i rapporttypen '{namn}' visar tabellen '{t}', som inte finns"
                                 f"{forslag(t, k.tabeller)}.", ("rapporter", namn, "namndavsnitt", i)))
        for i, nd in enumerate(r.namnder or []):
            if nd not in p.namnd_ids:
                fel.append(p.fel(f"rapporttypen '{namn}' byggs för nämnden '{nd}', som inte finns under namnder"
                                 f"{forslag(nd, p.namnd_ids)}.", ("rapporter", namn, "namnder", i)))
    return fel


def _uppstallningsfel(p: Projekt, namn: str, t: Any) -> list[Fel]:
    """Kostnadsslag och tabeller som rader hänvisar till ska finnas, och summor och kontroller får bara
    hänvisa till rader i tabellen (summor: rader ovanför)."""
    k = p.konfig
    fel: list[Fel] = []
    kostnadsslag = [r.namn for r in p.kostnadsslag.rader]
    kanda: list[str] = []
    for i, r in enumerate(t.uppstallning):
        vag = ("tabeller", namn, "uppstallning", i)
        if r.kostnadsslag and r.kostnadsslag not in kostnadsslag:
            fel.append(p.fel(f"kostnadsslaget '{r.kostnadsslag}' finns inte i {p.kostnadsslag_fil}"
                             f"{forslag(r.kostnadsslag, kostnadsslag)}.", vag))
        if r.fran is not None:
            annan = k.tabeller.get(r.fran)
            if annan is None or annan.typ != "uppstallning" or r.fran == namn:
                uppst = [n for n, a in k.tabeller.items() if a.typ == "uppstallning" and n != namn]
                fel.append(p.fel(f"raden '{r.rad}' hämtas från tabellen '{r.fran}', som inte är en annan uppställning"
                                 f"{forslag(r.fran, uppst)}.", (*vag, "fran")))
            elif r.rad not in [a.namn for a in annan.uppstallning]:
                fel.append(p.fel(f"raden '{r.rad}' finns inte i uppställningen '{r.fran}'"
                                 f"{forslag(r.rad or '', [a.namn for a in annan.uppstallning])}.", (*vag, "rad")))
        if r.manuell and k.kallor.regionprognos is None:
            fel.append(p.fel(f"raden '{r.rad}' är manuell men kallor.regionprognos saknas; lägg till filen med "
                             "radens utfall och prognos.", vag))
        for a in r.av:
            if a not in kanda:
                fel.append(p.fel(f"summaraden '{r.summa}' summerar '{a}', som inte är en rad ovanför"
                                 f"{forslag(a, kanda)}.", vag))
        kanda.append(r.namn)
    for i, kontroll in enumerate(t.kontroller):
        annan = k.tabeller.get(kontroll.tabell) if kontroll.tabell else t
        if annan is None or annan.typ != "uppstallning":
            uppst = [n for n, a in k.tabeller.items() if a.typ == "uppstallning"]
            fel.append(p.fel(f"kontrollen i tabellen '{namn}' jämför med tabellen '{kontroll.tabell}', som inte är "
                             f"en uppställning{forslag(kontroll.tabell or '', uppst)}.",
                             ("tabeller", namn, "kontroller", i, "tabell")))
            continue
        for falt, rader in (("rad", kanda), ("lika_med", [a.namn for a in annan.uppstallning])):
            rad = getattr(kontroll, falt)
            if rad not in rader:
                fel.append(p.fel(f"kontrollen i tabellen '{namn}' hänvisar till raden '{rad}', som inte finns i "
                                 f"uppställningen{forslag(rad, rader)}.", ("tabeller", namn, "kontroller", i, falt)))
    return fel


def _listfel(p: Projekt, namn: str, lista: Any) -> list[Fel]:
    """En summarad i en lista med rader summerar kolumner med tal: listan ska ha en sådan, och summaradens text
    står i första kolumnen, som då ska vara text."""
    fel: list[Fel] = []
    if lista.typ != "rader" or not lista.summarad:
        return fel
    if not any(kol.summeras for kol in lista.kolumner):
        fel.append(p.fel(f"listan '{namn}' har summarad: '{lista.summarad}' men ingen kolumn att summera; ge en "
                         "kolumn typ: tal (eller typ: procent med summera: true), eller ta bort summarad.",
                         ("listor", namn, "summarad")))
    elif lista.kolumner[0].typ != "text":
        fel.append(p.fel(f"summaradens text '{lista.summarad}' står i listans första kolumn, men "
                         f"'{lista.kolumner[0].falt}' har typ: {lista.kolumner[0].typ}; sätt en textkolumn först.",
                         ("listor", namn, "summarad")))
    return fel


def _nyckeltalsfel(p: Projekt) -> list[Fel]:
    """Nyckeltalens celler ska peka på en tabell och en av dess kolumner (raderna prövas när tabellen byggs)."""
    fel: list[Fel] = []
    for namn, n in p.konfig.nyckeltal.items():
        for falt in ("taljare", "namnare"):
            for i, c in enumerate(getattr(n, falt)):
                vag = ("nyckeltal", namn, falt, i)
                if c.manuell is not None:
                    if p.konfig.kallor.manuella_varden is None:
                        fel.append(p.fel(f"nyckeltalet '{namn}' läser det manuella värdet '{c.manuell}', men "
                                         "kallor.manuella_varden saknas; lägg till filen (period;namn;varde) där.",
                                         (*vag, "manuell")))
                    continue
                t = p.konfig.tabeller.get(c.tabell or "")
                if t is None:
                    fel.append(p.fel(f"nyckeltalet '{namn}' läser tabellen '{c.tabell}', som inte finns"
                                     f"{forslag(c.tabell, p.konfig.tabeller)}.", (*vag, "tabell")))
                elif c.kolumn not in [k.matt for k in t.kolumner]:
                    kol = [k.matt for k in t.kolumner]
                    fel.append(p.fel(f"nyckeltalet '{namn}' läser kolumnen '{c.kolumn}', som inte finns i tabellen "
                                     f"'{c.tabell}'{forslag(c.kolumn, kol)}.", (*vag, "kolumn")))
    return fel


def _rubrikfel(p: Projekt, mall: str | None, vag: Vag, falt: tuple[str, ...] = RUBRIKFALT) -> list[Fel]:
    if not mall:
        return []
    try:
        mall.format(**dict.fromkeys(falt, ""))
    except KeyError as exc:
        namn = str(exc.args[0])
        return [p.fel(f"okänt fält {{{namn}}} i rubriken '{mall}'{forslag(namn, falt)}; tillåtna fält: "
                      + ", ".join(f"{{{f}}}" for f in falt) + ".", vag)]
    except (ValueError, IndexError):
        return [p.fel(f"rubriken '{mall}' har en ogiltig klammer; skriv fält som {{ar}} och dubbla "
                      "klamrar {{ }} för en klammer i texten.", vag)]
    return []


def _filer(k: Konfig) -> list[tuple[Vag, str]]:
    kallor: list[tuple[Vag, Any]] = [(("kallor", "huvudbok", i), s) for i, s in enumerate(k.kallor.huvudbok)]
    kallor += [(("kallor", "prognos", i), s) for i, s in enumerate(k.kallor.prognos)]
    kallor += [(("kallor", "listor", n), s) for n, s in k.kallor.listor.items()]
    kallor += [(("kallor", "indikatorer", i), s) for i, s in enumerate(k.kallor.indikatorer)]
    kallor += [(("kallor", "mal", i), s) for i, s in enumerate(k.kallor.mal)]
    for namn in ("atgarder", "budgetomfordelningar", "personal", "investeringar", "regionprognos", "manuella_varden"):
        kalla = getattr(k.kallor, namn)
        if kalla is not None:
            kallor.append((("kallor", namn), kalla))
    filer: list[tuple[Vag, str]] = [((*vag, "fil"), s.fil) for vag, s in kallor if s.fil is not None]
    # En DuckDB-fil är en fil som de andra; en server-URI kontrolleras först när den läses.
    filer += [((*vag, "sql", "anslutning"), s.sql.anslutning) for vag, s in kallor
              if getattr(s, "sql", None) is not None and "://" not in s.sql.anslutning]
    filer.append((("hierarkier", "organisation", "fil"), k.hierarkier.organisation.fil))
    for namn, r in k.rapporter.items():
        filer.extend((("rapporter", namn, falt), getattr(r, falt)) for falt in ("mall", "stil", "wordmall")
                     if getattr(r, falt) is not None)
    return filer


def kontrollera_kostnadsslag(p: Projekt) -> list[Fel]:
    """Intervall får inte överlappa mellan vanliga rader; en varav-rad måste ligga inom raden ovanför."""
    fel: list[Fel] = []
    vanliga: list[tuple[int, str, str]] = []
    forra: int | None = None
    for i, rad in enumerate(p.kostnadsslag.rader):
        for intervall in rad.konton:
            if rad.varav:
                if forra is None or not any(_inom(intervall, o) for o in p.kostnadsslag.rader[forra].konton):
                    fel.append(Fel(f"varav-raden '{rad.namn}' har konton ({intervall}) som inte ingår i raden "
                                   "ovanför; en varav-rad måste vara en del av raden den står under.",
                                   p.kostnadsslag_fil, rad_for(p.kostnadsslag_rader, ("rader", i, "konton"))))
                continue
            for j, annan_namn, annat in vanliga:
                if j != i and _overlappar(intervall, annat):
                    fel.append(Fel(f"kontona {intervall} i raden '{rad.namn}' överlappar {annat} i raden "
                                   f"'{annan_namn}'; ett konto får bara höra till en rad.",
                                   p.kostnadsslag_fil, rad_for(p.kostnadsslag_rader, ("rader", i, "konton"))))
            vanliga.append((i, rad.namn, intervall))
        if not rad.varav:
            forra = i
    return fel


def grans(intervall: str) -> tuple[str, str]:
    """'4000-4999' → ('4000', '4999'); '4511' → ('4511', '4511')."""
    fran, _, till = intervall.partition("-")
    return fran, till or fran


def _overlappar(a: str, b: str) -> bool:
    (a1, a2), (b1, b2) = grans(a), grans(b)
    n = min(len(a1), len(b1))
    return not (a2[:n] < b1[:n] or b2[:n] < a1[:n])


def _inom(inre: str, yttre: str) -> bool:
    (i1, i2), (y1, y2) = grans(inre), grans(yttre)
    n = len(y1)
    return y1 <= i1[:n] and i2[:n] <= y2 and len(i1) >= n
