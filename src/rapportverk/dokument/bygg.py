"""Bygg dokumentmodellen för en rapport, en nämnd och en period."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from rapportverk import sandlada
from rapportverk.dokument import funktioner, ritning
from rapportverk.dokument.funktioner.bygge import Bygge, titeltext
from rapportverk.dokument.layout import ordna
from rapportverk.dokument.layout_tabell import SAMMANSATTNINGAR
from rapportverk.dokument.mall import Kontext, miljo, rendera
from rapportverk.dokument.markdown import tolka
from rapportverk.dokument.modell import Block, Dokument, Liggande, Lista, Markering, Meta, Rubrik, Sidbrytning, text_av
from rapportverk.dokument.ritning import Forrad
from rapportverk.dokument.sparbarhet import bilaga
from rapportverk.dokument.tabell import slug
from rapportverk.dokument.textstatus import Anvant, hinder
from rapportverk.fel import Fel, RapportverkFel, visningsnamn
from rapportverk.konfig import Projekt
from rapportverk.konfig.modell import Namnd
from rapportverk.period import Period
from rapportverk.underlag import Underlag

__all__ = ["bygg_dokument", "textrotter", "titeltext"]


def textrotter(projekt: Projekt, rapport: str, namnd: str, period: Period) -> list[Path]:
    """Sökordning för textblock: nämndens egna för perioden, gemensamma för perioden, mallens standardtexter."""
    rdef = projekt.konfig.rapporter[rapport]
    rot = projekt.sokvag(rdef.texter) / str(period)
    mallkatalog = projekt.sokvag(rdef.mall).parent
    return [rot / namnd, rot / "gemensamt", mallkatalog / namnd / "texter", mallkatalog / "texter"]


def bygg_dokument(underlag: Underlag, rapport: str, namnd: str, slutlig: bool = False,
                  lasta: list[Path] | None = None, bilagor: tuple[str, ...] = (),
                  tabeller: list[tuple[str, str]] | None = None, textblock: list[Anvant] | None = None,
                  png: bool = True, forrad: Forrad | None = None) -> Dokument:
    """Bygg dokumentmodellen ur underlaget: layoutmallen med textblocken, tabellerna och diagrammen.

    `lasta` fylls med varje mall- och textfil som lästes och diagramstilen (Projekt.diagramstil, som alla diagram
    ritas med), för manifestet; `tabeller` med (nämnd, tabell) för varje tabell dokumentet läste, i den
    ordningen, för sifferfilen; `textblock` med varje textblock mallen bad om (också saknade), med fil och status,
    i den ordning de renderades (fylls också när bygget slutar med fel). Med `png=False` får diagrammen bara sin
    SVG (en PDF); DOCX-filen och förhandsgranskningen behöver PNG-bilden. `forrad`: diagram som redan ritats
    (utdata.diagramforrad i byggkatalogen), som hämtas i stället för att ritas igen."""
    projekt, period = underlag.projekt, underlag.period
    rdef = projekt.rapport(rapport)
    nd = projekt.namnd(namnd)
    mallfil = projekt.sokvag(rdef.mall)
    g = projekt.konfig.granser
    env = miljo([mallfil.parent / namnd, mallfil.parent], sandlada.Granser(g.mall_tid_s, g.mall_utdata_tecken))
    titel = titeltext(rdef.titel, period, nd.namn)
    kontext = Kontext({}, _varden(projekt, rapport, nd, period, titel, slutlig))
    b = Bygge(underlag, rapport, namnd, slutlig, env, kontext, textrotter(projekt, rapport, namnd, period),
              projekt.diagramstil(rapport), lasta if lasta is not None else [],
              textblock=textblock if textblock is not None else [])
    b.lasta.append(b.stil)
    b.kontext.funktioner.update(funktioner.alla(b))
    with ritning.med_stil(b.stil, png, forrad):
        md = rendera(env, b.kontext, namn=mallfil.name, visning=visningsnamn(mallfil))
        b.lasta.extend(Path(f) for f in _mallfiler(env, mallfil.name))
        _samlade_fel(b)
        block = tolka(md, b.kontext.infogade, visning=visningsnamn(mallfil))
        if "sparbarhet" in {*bilagor, *rdef.bilagor} and b.visade:
            block = [*block, Sidbrytning(), *bilaga(b.visade, underlag, b.namnnamn)]
    if tabeller is not None:
        tabeller.extend(b.tabeller)
    block = _rubriker(block, rdef.numrera_rubriker)
    # I ett utkast syns huvudbokens avvikelser överst, så att ingen missar dem.
    block = [Markering(f"Avstämning: {f}", "varning") for f in underlag.avstamning] + block
    meta = Meta(titel=f"{titel} – {nd.namn}", forfattare=projekt.konfig.organisation.namn, amne=titel,
                sidhuvud=f"{nd.namn} · {titel}", nyckelord=(nd.namn, str(period)))
    return ordna(Dokument(meta, tuple(block)), (*projekt.konfig.avstavning, *SAMMANSATTNINGAR))


def _varden(projekt: Projekt, rapport: str, nd: Namnd, period: Period, titel: str, slutlig: bool) -> dict:
    """Värdena mallen ser ({{ namnd.namn }}, {{ period }}, {{ rapport.titel }} …)."""
    rdef = projekt.konfig.rapporter[rapport]
    return {
        "namnd": {"id": nd.id, "namn": nd.namn, "diarienummer": nd.diarienummer_for(rapport, str(period)) or ""},
        "period": period, "ar": period.ar, "manad": period.manad, "kvartal": period.kvartal, "titel": titel,
        "organisation": projekt.konfig.organisation.namn, "slutlig": slutlig,
        "rapport": {"namn": rapport, "titel": titel, "antagen": rdef.antagen or "",
                    "datum": rdef.datum.isoformat() if rdef.datum else "", "periodtyp": rdef.periodtyp,
                    "omfang": rdef.omfang, "namndavsnitt": list(rdef.namndavsnitt),
                    "namndavsnitt_placering": rdef.namndavsnitt_placering},
        "namnder": [{"id": n.id, "namn": n.namn} for n in projekt.konfig.namnder],
        # Kommunallagen 11 kap. 16 §: delårsrapporten omfattar minst halva och högst två tredjedelar av året.
        "lagstadgad_delarsrapport": 6 <= period.manad <= 8,
    }


def _samlade_fel(b: Bygge) -> None:
    """Felen som samlades under renderingen, och i en slutlig version avstämningen, saknade textblock och textblock
    som inte är klara: alla på en gång, så att de kan rättas i ett svep."""
    fel = list(b.fel)
    if b.underlag.avstamning and b.slutlig:
        fel.extend(b.underlag.avstamning)
    fel.extend(Fel(f"textblocket '{n}' saknas; skapa {visningsnamn(b.rotter[0] / (n + '.md'))} "
                   "(krävs med --slutlig).") for n in b.saknade)
    if b.slutlig:
        fel.extend(hinder(b.textblock, b.rdef.klarmarkering))
    if fel:
        raise RapportverkFel(fel)


def _mallfiler(env: Any, namn: str) -> list[str]:
    """Layoutmallens fil (och nämndens egen om den finns) så som laddaren hittade den."""
    mall = env.get_template(namn)
    return [mall.filename] if mall.filename else []


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
                ut.append(dataclasses.replace(b, punkter=tuple(tuple(ga(p)) for p in b.punkter)))
            else:
                ut.append(b)
        return ut

    return ga(block)
