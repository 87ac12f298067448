"""Bygg dokumentmodellen för en rapport, en nämnd och en period."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from rapportverk import sandlada
from rapportverk.berakning import MATT, indikatorer, personal
from rapportverk.berakning import mal as malberakning
from rapportverk.berakning.matt import rubrik as rubrikmall
from rapportverk.dokument import diagram
from rapportverk.dokument import mal as malvisning
from rapportverk.dokument import pivottabell as pt
from rapportverk.dokument.diagramval import rita
from rapportverk.dokument.layout import ordna
from rapportverk.dokument.lista import aktuella, listtabell
from rapportverk.dokument.mall import Kontext, Mallfel, Tidsgransfel, las_text, miljo, rendera, textfil
from rapportverk.dokument.markdown import platshallare, rensa, tolka
from rapportverk.dokument.modell import (
    Block,
    Dokument,
    Figur,
    Innehall,
    Liggande,
    Lista,
    Markering,
    Meta,
    Rubrik,
    Sidbrytning,
    Stycke,
    Text,
    Titelsida,
    text_av,
)
from rapportverk.dokument.tabell import avstamningstext, dokumenttabell, kontrolltexter, slug
from rapportverk.fel import Fel, RapportverkFel, forslag, visningsnamn
from rapportverk.formatering import manadsnamn, tal
from rapportverk.kallor import Indata
from rapportverk.kallor.mal import MALKRAV, MALTYPER
from rapportverk.konfig import REGION, Projekt
from rapportverk.period import Period
from rapportverk.tabeller import bygg_tabell, nyckeltal, senaste_prognosen

PNG = b"\x89PNG\r\n\x1a\n"


def textrotter(projekt: Projekt, rapport: str, namnd: str, period: Period) -> list[Path]:
    """Sökordning för textblock: nämndens egna för perioden, gemensamma för perioden, mallens standardtexter."""
    rdef = projekt.konfig.rapporter[rapport]
    rot = projekt.sokvag(rdef.texter) / str(period)
    mallkatalog = projekt.sokvag(rdef.mall).parent
    return [rot / namnd, rot / "gemensamt", mallkatalog / namnd / "texter", mallkatalog / "texter"]


@dataclass(frozen=True)
class Berakningar:
    """Det dokumentbygget räknar ut ur konfiguration och data. Förhandsgranskningen skickar in varianter som
    minns svaren så länge data är oförändrad; annars används funktionerna som de är."""

    bygg_tabell: Callable[..., Any] = bygg_tabell
    rita: Callable[..., Any] = rita
    nyckeltal: Callable[..., Any] = nyckeltal
    senaste_prognosen: Callable[..., Any] = senaste_prognosen


def bygg_dokument(projekt: Projekt, indata: Indata, rapport: str, namnd: str, period: Period,
                  slutlig: bool = False, lasta: list[Path] | None = None,
                  berakningar: Berakningar | None = None, bilagor: tuple[str, ...] = ()) -> Dokument:
    """Bygg dokumentmodellen. `lasta` fylls med varje mall- och textfil som lästes (för manifestet). Diagrammen
    ritas med projektets diagramstil (Projekt.diagramstil), som också hamnar i `lasta`."""
    stil = projekt.diagramstil(rapport)
    if lasta is not None:
        lasta.append(stil)
    with diagram.med_stil(stil):
        return _bygg_dokument(projekt, indata, rapport, namnd, period, slutlig, lasta, berakningar, bilagor)


def _bygg_dokument(projekt: Projekt, indata: Indata, rapport: str, namnd: str, period: Period,
                   slutlig: bool = False, lasta: list[Path] | None = None,
                   berakningar: Berakningar | None = None, bilagor: tuple[str, ...] = ()) -> Dokument:
    lasta = lasta if lasta is not None else []
    b = berakningar or Berakningar()
    projekt.rapport(rapport)
    rdef = projekt.konfig.rapporter[rapport]
    nd = projekt.namnd(namnd)
    mallfil = projekt.sokvag(rdef.mall)
    g = projekt.konfig.granser
    env = miljo([mallfil.parent / namnd, mallfil.parent], sandlada.Granser(g.mall_tid_s, g.mall_utdata_tecken))
    rotter = textrotter(projekt, rapport, namnd, period)
    titel = titeltext(rdef.titel, period)
    fel: list[Fel] = []
    saknade: list[str] = []
    figurer = [0]
    pagaende: list[Path] = []  # textblocken som renderas just nu, inifrån och ut: text() i text() får inte gå runt
    cache: dict[str, dict[str, float | None]] = {}
    visade: list[tuple[str, Any]] = []  # (nämnd, tabell) i den ordning de visas, för bilagan Spårbarhet

    kontext = Kontext({}, {
        "namnd": {"id": nd.id, "namn": nd.namn, "diarienummer": nd.diarienummer or ""},
        "period": period, "ar": period.ar, "manad": period.manad, "kvartal": period.kvartal, "titel": titel,
        "organisation": projekt.konfig.organisation.namn, "slutlig": slutlig,
        "rapport": {"namn": rapport, "titel": titel, "antagen": rdef.antagen or "",
                    "datum": rdef.datum.isoformat() if rdef.datum else "", "periodtyp": rdef.periodtyp,
                    "omfang": rdef.omfang, "namndavsnitt": list(rdef.namndavsnitt),
                    "namndavsnitt_placering": rdef.namndavsnitt_placering},
        "namnder": [{"id": n.id, "namn": n.namn} for n in projekt.konfig.namnder],
        # Kommunallagen 11 kap. 16 §: delårsrapporten omfattar minst halva och högst två tredjedelar av året.
        "lagstadgad_delarsrapport": 6 <= period.manad <= 8,
    })
    personalurval = None if namnd == REGION else namnd

    def infoga(block: Block | list[Block]) -> str:
        kontext.infogade.append(block)
        return platshallare(len(kontext.infogade) - 1)

    def huvudbok_kravs(vad: str) -> None:
        if not indata.har("huvudbok"):
            raise Mallfel(f"{vad} räknas från huvudboken, men rapporttypen '{rapport}' läser den inte; lägg till "
                          f"huvudbok under kallor för rapporttypen ({projekt.fil_for(('rapporter', rapport))}).")

    def tabell(namn: str, bred: bool = False, namnd: str | None = None) -> str:
        """Tabellen ur konfigurationen; `namnd` väljer en annan nämnd (nämndernas avsnitt i regionens rapport)."""
        if namn not in projekt.konfig.tabeller:
            raise Mallfel(f"okänd tabell '{namn}'{forslag(namn, projekt.konfig.tabeller)}; tabellerna står under "
                          f"tabeller i {projekt.fil}.")
        vilken = namnd or nd.id
        if vilken != REGION and vilken not in projekt.namnd_ids:
            raise Mallfel(f"okänd nämnd '{vilken}'{forslag(vilken, projekt.namnd_ids)}.")
        tdef = projekt.konfig.tabeller[namn]
        if tdef.typ in ("matt", "uppstallning"):
            huvudbok_kravs(f"tabellen '{namn}'")
        t = b.bygg_tabell(projekt, indata, namn, vilken, period)
        varningar = [v for v in [avstamningstext(t)] if v] + kontrolltexter(t)
        if varningar and slutlig:
            fel.extend(Fel(v[0].upper() + v[1:]) for v in varningar)  # samla alla, visa tillsammans
            return ""
        if not any(r.typ == "normal" for r in t.rader):
            # En tabell med bara en nollsumma säger ingenting; säg det i klartext i stället.
            return infoga(Stycke((Text(f"{t.rubrik}: inga uppgifter att redovisa t.o.m. "
                                       f"{manadsnamn(period.manad)} {period.ar}."),)))
        noter = []
        if tdef.fotnot:
            noter.append(titeltext(tdef.fotnot, period))
        if t.utan_prognos:
            noter.append(f"Prognos saknas för {_upprakning(t.utan_prognos)}; prognosen är där lika med årsbudgeten.")
        dt_ = dataclasses.replace(dokumenttabell(t, bred), noter=tuple(noter))
        if tdef.typ in ("matt", "uppstallning"):
            visade.append(("" if vilken == nd.id else vilken, t))
        return "".join(infoga(Markering(v, "varning")) + "\n\n" for v in varningar) + infoga(dt_)

    def diagram(namn: str) -> str:
        ddef = projekt.konfig.diagram.get(namn)
        if ddef is None:
            raise Mallfel(f"okänt diagram '{namn}'{forslag(namn, projekt.konfig.diagram)}; diagrammen står under "
                          f"diagram i {projekt.fil}.")
        if ddef.typ not in ("sjukfranvaro", "investeringar"):
            huvudbok_kravs(f"diagrammet '{namn}'")
        png, alt, rubrik = b.rita(projekt, indata, namn, ddef, namnd, period)
        figurer[0] += 1
        return infoga(Figur(f"figur-{figurer[0]}", png, alt, f"Figur {figurer[0]}. {rubrik}"))

    def text(namn: str) -> str:
        if not isinstance(namn, str) or not namn or ".." in namn or namn.startswith(("/", "\\")) or "\\" in namn:
            raise Mallfel(f"textblocket '{namn}' har ett ogiltigt namn; skriv t.ex. \"viktiga_handelser\" eller "
                          "\"aktiviteter/vantetider\" (en underkatalog), utan '..'.")
        fil = textfil(rotter, namn)
        if fil is None:
            if slutlig:
                saknade.append(namn)
                return ""
            return infoga(Markering(f"[Text saknas: {namn}]"))
        visning = visningsnamn(fil)
        lasta.append(fil)
        if fil in pagaende:
            kedja = " → ".join(visningsnamn(f) for f in [*pagaende[pagaende.index(fil):], fil])
            raise Mallfel(f"textblocket tar med sig självt ({kedja}); ta bort text(\"{namn}\") ur kedjan.")
        pagaende.append(fil)
        try:
            md = rendera(env, kontext, kalla=rensa(las_text(fil)), visning=visning)
            return infoga(tolka(md, bild=_bildhanterare(fil, projekt.katalog.parent, visning), visning=visning))
        except Tidsgransfel:
            raise
        except RapportverkFel as exc:
            fel.extend(exc.fel)
            return ""
        finally:
            pagaende.pop()

    def matt(namn: str) -> Any:
        def varde(annan_namnd: str | None = None) -> float | None:
            vilken = annan_namnd or namnd
            if vilken not in projekt.namnd_ids and vilken != REGION:
                raise Mallfel(f"okänd nämnd '{vilken}'{forslag(vilken, projekt.namnd_ids)}.")
            if vilken not in cache:
                cache[vilken] = b.nyckeltal(projekt, indata, vilken, period)
            return cache[vilken][namn]
        return varde

    def varde(tabellnamn: str, rad: str, kolumn: str) -> float | None:
        if tabellnamn not in projekt.konfig.tabeller:
            raise Mallfel(f"okänd tabell '{tabellnamn}'{forslag(tabellnamn, projekt.konfig.tabeller)}.")
        t = b.bygg_tabell(projekt, indata, tabellnamn, namnd, period)
        etiketter = [r.etikett for r in t.rader]
        if rad not in etiketter:
            raise Mallfel(f"raden '{rad}' finns inte i tabellen '{tabellnamn}'{forslag(rad, etiketter)}.")
        nycklar = [k.nyckel for k in t.kolumner]
        if kolumn not in nycklar:
            raise Mallfel(f"kolumnen '{kolumn}' finns inte i tabellen '{tabellnamn}'{forslag(kolumn, nycklar)}.")
        return t.varde(rad, kolumn)

    def personaldata() -> Any:
        if indata.personal is None:
            raise Mallfel(f"personaluppgifter saknas; lägg till källan kallor.personal i {projekt.fil}.")
        return indata.personal

    def anstallda(kon: str | None = None, tillsvidare: bool = False, fg: bool = False) -> float | None:
        """Genomsnittligt antal månadsavlönade januari t.o.m. perioden (fg: samma månader i fjol)."""
        p = period.fg if fg else period
        kolumn = "tillsvidareanstallda" if tillsvidare else "anstallda"
        return personal.medelantal(personal.urval(personaldata(), personalurval, kon), Period(p.ar, 1), p, kolumn)

    def anstallda_manad(fg: bool = False) -> float | None:
        """Antal månadsavlönade anställda i periodens månad (fg: samma månad föregående år)."""
        p = period.fg if fg else period
        return personal.medelantal(personal.urval(personaldata(), personalurval), p, p)

    def utan_sjukfranvaro() -> float | None:
        """Andel anställda i procent som inte har haft någon sjukfrånvaro i år t.o.m. perioden."""
        return personal.andel_utan_sjukfranvaro(personal.urval(personaldata(), personalurval), period)

    def sjukfranvaro(kon: str | None = None, aldersgrupp: str | None = None, manad: str | None = None,
                     ack: bool = False, fg: bool = False, region: bool = False) -> float | None:
        """Sjukfrånvaro i procent för perioden (eller en annan månad 'ÅÅÅÅ-MM'); ack: januari t.o.m.;
        fg: samma tid föregående år; region: hela regionen i stället för nämnden."""
        try:
            p = Period.tolka(manad) if manad else period
        except ValueError as exc:
            raise Mallfel(str(exc)) from None
        p = p.fg if fg else p
        data = personal.urval(personaldata(), None if region else personalurval, kon, aldersgrupp)
        return personal.sjukfranvaro(data, Period(p.ar, 1) if ack else p, p)

    def lista(namn: str) -> str:
        ldef = projekt.konfig.listor.get(namn)
        if ldef is None:
            raise Mallfel(f"okänd lista '{namn}'{forslag(namn, projekt.konfig.listor)}; listorna står under "
                          f"listor i {projekt.fil}.")
        ram = (indata.listor or {}).get(ldef.kalla)
        if ram is None:
            raise Mallfel(f"listan '{namn}' saknar sin källa kallor.listor.{ldef.kalla} i {projekt.fil}.")
        return infoga(listtabell(namn, ldef, ram, period))

    def indikator(id_: str) -> dict[str, Any]:
        """Senaste värdet t.o.m. perioden, med förändring mot föregående mätning och mot samma period i fjol."""
        if indata.indikatorer is None:
            raise Mallfel(f"indikatorer saknas; lägg till källan kallor.indikatorer i {projekt.fil}.")
        kanda = indata.indikatorer["id"].unique().sort().to_list()
        if id_ not in kanda:
            raise Mallfel(f"okänd indikator '{id_}'{forslag(id_, kanda)}.")
        return indikatorer.senaste(indata.indikatorer.drop_nulls("varde"), id_, period)

    def pivotdef(namn: str) -> Any:
        pdef = projekt.konfig.pivottabeller.get(namn)
        if pdef is None:
            raise Mallfel(f"okänd pivottabell '{namn}'{forslag(namn, projekt.konfig.pivottabeller)}; de står under "
                          f"pivottabeller i {projekt.fil}.")
        if indata.indikatorer is None:
            raise Mallfel(f"pivottabellen '{namn}' behöver källan kallor.indikatorer"
                          + ("" if indata.har("indikatorer") else f" (lägg till indikatorer under kallor för "
                             f"rapporttypen '{rapport}')") + ".")
        return pdef

    def pivottabell(namn: str, forklaring: bool = True) -> str:
        """Indikatorerna med perioderna som kolumner, Riktning och Nivå (inställningar under pivottabeller)."""
        pdef = pivotdef(namn)
        t = pt.pivottabell(namn, pdef, indata.indikatorer, period, titeltext(pdef.rubrik, period))
        delar = [infoga(t)]
        if forklaring and (pdef.riktning or pdef.niva):
            delar.append(infoga(Stycke((Text(pt.forklaring(pdef)),))))
        return "\n\n".join(delar)

    def sparklinjer(namn: str) -> str:
        """Ett litet linjediagram per indikator i pivottabellen, med alternativtext från samma data."""
        from rapportverk.dokument.sparklinjer import sparklinjer as rita_sparklinjer

        pdef = pivotdef(namn)
        rubrik = f"Utveckling per indikator – {titeltext(pdef.rubrik, period)}"
        png, alt = rita_sparklinjer(indata.indikatorer, pdef, period, rubrik)
        figurer[0] += 1
        return infoga(Figur(f"figur-{figurer[0]}", png, alt, f"Figur {figurer[0]}. {rubrik}"))

    def rader(kalla: str, grupp: str | None = None) -> list[Any]:
        """Raderna i en lista under kallor.listor (som text), i filens ordning; med `grupp` en lista med
        {"grupp": värde, "rader": [...]} i den ordning grupperna först förekommer."""
        listor = indata.listor or {}
        if kalla not in listor:
            kanda = list(projekt.konfig.kallor.listor)
            raise Mallfel(f"okänd källa '{kalla}'{forslag(kalla, kanda)}; rader() läser listor under kallor.listor"
                          + ("" if indata.har(kalla) or indata.har("listor") else
                             f" (lägg till '{kalla}' under kallor för rapporttypen '{rapport}')") + ".")
        ram = aktuella(listor[kalla], period)
        alla = [{k: ("" if v is None else str(v)) for k, v in r.items() if k not in ("rad", "kalla")}
                for r in ram.iter_rows(named=True)]
        if grupp is None:
            return alla
        if grupp not in ram.columns:
            raise Mallfel(f"källan '{kalla}' har ingen kolumn '{grupp}'{forslag(grupp, ram.columns)}.")
        grupper: dict[str, list[dict[str, str]]] = {}
        for r in alla:
            grupper.setdefault(r[grupp], []).append(r)
        return [{"grupp": g, "rader": rr} for g, rr in grupper.items()]

    def maldata() -> Any:
        if indata.mal is None:  # utan målfil: inga mål bedömda (avsnittet säger det i klartext)
            return pl.DataFrame(schema={**{k.namn: pl.Utf8 for k in MALKRAV}, "period": pl.Date, "rad": pl.Int64,
                                        "kalla": pl.Utf8})
        return malberakning.aktuella_mal(indata.mal, period)

    namnnamn = {n.id: n.namn for n in projekt.konfig.namnder}

    def maltyp(typ: str) -> str:
        if typ not in MALTYPER:
            raise Mallfel(f"okänd måltyp '{typ}'{forslag(typ, MALTYPER)}; välj en av {', '.join(MALTYPER)}.")
        return typ

    def mal_tabell(typ: str, rubrik: str | None = None, namnd: str | None = None) -> str:
        """Målen av typen med bedömning och analys (för en nämnd, eller alla med en kolumn för nämnden)."""
        data = maldata().filter(pl.col("namnd") == namnd) if namnd else maldata()
        ental = malvisning.BENAMNING[maltyp(typ)][1]
        rubrik = rubrik or f"{ental.capitalize()} och bedömning per {manadsnamn(period.manad)} {period.ar}"
        if data.filter(pl.col("typ") == typ).height == 0:
            return infoga(Stycke((Text(f"Inga {ental} är bedömda t.o.m. {manadsnamn(period.manad)} {period.ar}."),)))
        med_namnd = namnd is None and typ in ("delmal", "indikator")
        return infoga(malvisning.maltabell(f"mal-{typ}-{namnd or 'alla'}", rubrik, data, typ, namnnamn, med_namnd))

    def mal_antal(typ: str) -> dict[str, int]:
        """Antal mål av typen per bedömning (Helt, Delvis, Inte, Inga data), för löptext."""
        return malberakning.antal_per_bedomning(maldata(), maltyp(typ), None if nd.id == REGION else nd.id)

    def mal_mening(typ: str, namnd: str | None = None) -> str:
        vilken = namnd or (None if nd.id == REGION else nd.id)
        return malvisning.mening(malberakning.antal_per_bedomning(maldata(), maltyp(typ), vilken), typ)

    def mal_antalstabell(typ: str, rubrik: str | None = None) -> str:
        plural = malvisning.BENAMNING[maltyp(typ)][1]
        rubrik = rubrik or f"Antal {plural} per nämnd och bedömning per {manadsnamn(period.manad)} {period.ar}"
        return infoga(malvisning.antalstabell(f"malantal-{typ}", rubrik, maldata(), typ, namnnamn))

    def mal_diagram(typ: str, rubrik: str | None = None) -> str:
        plural = malvisning.BENAMNING[maltyp(typ)][1]
        rubrik = rubrik or f"{plural.capitalize()} per nämnd och bedömning per {manadsnamn(period.manad)} {period.ar}"
        per_namnd = malberakning.antal_per_namnd(maldata(), typ, list(namnnamn))
        if not per_namnd:
            return infoga(Stycke((Text(f"Inga {plural} finns för perioden."),)))
        png, alt = malvisning.maldiagram(per_namnd, namnnamn, rubrik)
        figurer[0] += 1
        return infoga(Figur(f"figur-{figurer[0]}", png, alt, f"Figur {figurer[0]}. {rubrik}"))

    def nyckeltal_varde(namn: str) -> float | None:
        """Ett nyckeltal under nyckeltal i konfigurationen, räknat ur rapportens tabeller (oavrundat)."""
        ndef = projekt.konfig.nyckeltal.get(namn)
        if ndef is None:
            raise Mallfel(f"okänt nyckeltal '{namn}'{forslag(namn, projekt.konfig.nyckeltal)}; nyckeltalen står "
                          f"under nyckeltal i {projekt.fil}.")

        def hamta(c: Any) -> float | None:
            return varde(c.tabell, c.rad, c.kolumn)

        return malberakning.kvot(ndef, hamta)

    def finansiella_mal(rubrik: str | None = None) -> str:
        """De finansiella målen: utfall eller prognos räknas ur nyckeltalet när målet anger ett, annars står
        värdet i målfilen."""
        data = maldata().filter(pl.col("typ") == "finansiellt").sort("rad")
        rubrik = rubrik or f"Finansiella mål per {manadsnamn(period.manad)} {period.ar}"
        if data.height == 0:
            return infoga(Stycke((Text("Inga finansiella mål är bedömda för perioden."),)))
        rader = []
        for r in data.iter_rows(named=True):
            utfall = r["utfall"] or ""
            if r["nyckeltal"]:
                ndef = projekt.konfig.nyckeltal[r["nyckeltal"]]
                v = nyckeltal_varde(r["nyckeltal"])
                utfall = "–" if v is None else f"{tal(v, ndef.decimaler)}\u00a0{ndef.enhet}".strip()
            rader.append((r["text"], utfall, r["malvarde"] or "", malvisning.bedomning(r["bedomning"]),
                          r["analys"] or ""))
        return infoga(malvisning.finansiell_tabell("mal-finansiella", rubrik, rader))

    def namndavsnitt(niva: int = 2) -> str:
        """Varje nämnds tabeller (rapporttypens namndavsnitt) under en rubrik med nämndens namn."""
        delar = []
        for n in projekt.konfig.namnder:
            delar.append(f"{'#' * niva} {n.namn}")
            delar.extend(tabell(t, namnd=n.id) for t in rdef.namndavsnitt)
        return "\n\n".join(delar)

    def senaste_prognos(annan_namnd: str | None = None) -> dict[str, Any] | None:
        svar = b.senaste_prognosen(projekt, indata, annan_namnd or namnd, period)
        return None if svar is None else {"period": svar[0], "avvikelse": svar[1]}

    status = rdef.status_slutlig if slutlig else rdef.status_utkast
    titelrader = (None if nd.id == REGION else projekt.konfig.organisation.namn, nd.diarienummer, rdef.antagen,
                  f"Datum {rdef.datum.isoformat()}" if rdef.datum else None, status)
    kontext.funktioner.update({
        "tabell": tabell, "diagram": diagram, "text": text, "varde": varde,
        "pivottabell": pivottabell, "sparklinjer": sparklinjer, "rader": rader,
        "titelsida": lambda: infoga(Titelsida(titel, nd.namn, tuple(r for r in titelrader if r))),
        "innehall": lambda djup=2: infoga(Innehall(djup=djup)),
        "sidbrytning": lambda: infoga(Sidbrytning()),
        "anstallda": anstallda, "sjukfranvaro": sjukfranvaro, "lista": lista, "indikator": indikator,
        "senaste_prognos": senaste_prognos, "anstallda_manad": anstallda_manad,
        "utan_sjukfranvaro": utan_sjukfranvaro, "mal_tabell": mal_tabell, "mal_antal": mal_antal,
        "mal_mening": mal_mening, "mal_antalstabell": mal_antalstabell, "mal_diagram": mal_diagram,
        "nyckeltal": nyckeltal_varde, "finansiella_mal": finansiella_mal, "namndavsnitt": namndavsnitt,
        **{namn: matt(namn) for namn in MATT},
    })
    md = rendera(env, kontext, namn=mallfil.name, visning=visningsnamn(mallfil))
    lasta.extend(Path(f) for f in _mallfiler(env, mallfil.name))
    if indata.avstamning and slutlig:
        fel.extend(indata.avstamning)
    if saknade:
        fel.extend(Fel(f"textblocket '{n}' saknas; skapa {visningsnamn(rotter[0] / (n + '.md'))} "
                       "(krävs med --slutlig).") for n in saknade)
    if fel:
        raise RapportverkFel(fel)
    tolkat = tolka(md, kontext.infogade, visning=visningsnamn(mallfil))
    if "sparbarhet" in {*bilagor, *rdef.bilagor} and visade:
        from rapportverk.dokument.sparbarhet import bilaga

        tolkat = [*tolkat, Sidbrytning(), *bilaga(visade, indata, period, namnnamn)]
    block = _rubriker(tolkat, rdef.numrera_rubriker)
    # I ett utkast syns huvudbokens avvikelser överst, så att ingen missar dem.
    block = [Markering(f"Avstämning: {f}", "varning") for f in indata.avstamning] + block
    meta = Meta(titel=f"{titel} – {nd.namn}", forfattare=projekt.konfig.organisation.namn, amne=titel,
                sidhuvud=f"{nd.namn} · {titel}", nyckelord=(nd.namn, str(period)))
    return ordna(Dokument(meta, tuple(block)))


def _upprakning(delar: tuple[str, ...] | list[str]) -> str:
    """'a', 'a och b', 'a, b och c'."""
    return delar[0] if len(delar) == 1 else ", ".join(delar[:-1]) + " och " + delar[-1]


def titeltext(mall: str, period: Period) -> str:
    """Titel eller rubrik med fälten i README ({ar}, {manad} …) och {kvartal} (1–4)."""
    return rubrikmall(mall.replace("{kvartal}", str(period.kvartal)), period)


def _mallfiler(env: Any, namn: str) -> list[str]:
    """Layoutmallens fil (och nämndens egen om den finns) så som laddaren hittade den."""
    mall = env.get_template(namn)
    return [mall.filename] if mall.filename else []


def _bildhanterare(fil: Path, projektrot: Path, visning: str) -> Callable[[str, str], Block]:
    def bild(src: str, alt: str) -> Block:
        if ":" in src.split("/")[0]:
            raise RapportverkFel(Fel(f"bilden '{src}' hämtas från nätet eller via en adress; lägg bildfilen i "
                                     "projektet och skriv en relativ sökväg.", visning))
        sokvag = (fil.parent / src).resolve()
        if not sokvag.is_relative_to(projektrot.resolve()):
            raise RapportverkFel(Fel(f"bilden '{src}' ligger utanför projektet; kopiera den till projektet.",
                                     visning))
        if not sokvag.is_file() or not sokvag.read_bytes().startswith(PNG):
            raise RapportverkFel(Fel(f"bilden '{src}' finns inte eller är inte en PNG-fil.", visning))
        if not alt.strip():
            raise RapportverkFel(Fel(f"bilden '{src}' saknar alternativtext; skriv ![beskrivning]({src}).", visning))
        return Figur(f"bild-{slug(src)}", sokvag.read_bytes(), alt, alt)
    return bild


def _rubriker(block: list[Block], numrera: bool) -> list[Block]:
    """Ge varje rubrik ett unikt id och numrera nivå 1 ('1', '2', …) när rapporten vill det."""
    sedda: dict[str, int] = {}
    nummer = [0]

    def ga(lista: list[Block] | tuple[Block, ...]) -> list[Block]:
        ut: list[Block] = []
        for b in lista:
            if isinstance(b, Rubrik):
                bas = slug(text_av(b.innehall))
                sedda[bas] = sedda.get(bas, 0) + 1
                id_ = bas if sedda[bas] == 1 else f"{bas}-{sedda[bas]}"
                nr = None
                if numrera and b.niva == 1:
                    nummer[0] += 1
                    nr = str(nummer[0])
                ut.append(dataclasses.replace(b, id=id_, nummer=nr))
            elif isinstance(b, Liggande):
                ut.append(Liggande(tuple(ga(b.block))))
            elif isinstance(b, Lista):
                ut.append(Lista(tuple(tuple(ga(p)) for p in b.punkter), b.numrerad))
            else:
                ut.append(b)
        return ut

    return ga(block)
