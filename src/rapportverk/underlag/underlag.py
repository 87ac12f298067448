"""Underlaget för ett bygge: allt som räknas ur konfiguration och data för en period, räknat en gång.

Dokumentets mallfunktioner, diagrammen, sifferfilen, `rapport forklara` och förhandsgranskningen läser samma
underlag, så en tabell som visas, ritas och skrivs till sifferfilen räknas bara en gång. Ett underlag gäller en
inläsning av data: förhandsgranskningen skapar ett nytt när konfigurationen eller data ändras, och en
arbetsprocess i ett batchbygge använder sitt för alla nämnder (tabellerna över hela regionen räknas då en gång
per process).

Svaren minns med argumenten som nyckel. Ett fel minns inte (nästa anrop försöker igen). Underlaget är trådsäkert:
förhandsgranskningen bygger sidan och PDF:en i var sin tråd, och ett lås gör att ett svar räknas en gång och att
två diagram aldrig ritas samtidigt (matplotlib tål inte det).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

import polars as pl

from rapportverk.berakning import Tabell, indikatorer, personal
from rapportverk.berakning import mal as malberakning
from rapportverk.berakning.bidrag import per_grupp
from rapportverk.berakning.listor import listsummor
from rapportverk.berakning.modell import Urval
from rapportverk.fel import Fel
from rapportverk.kallor import Indata
from rapportverk.kallor.mal import MALKRAV
from rapportverk.konfig import REGION, Projekt
from rapportverk.period import Period
from rapportverk.underlag import tabeller
from rapportverk.underlag.serier import diagramserier

T = TypeVar("T")
# Vad en beräkning behöver av huvudboken: ingenting, en nämnds rader (nämndens id) eller hela (HELA).
INGEN, HELA = "", None
# Tabelltyperna som inte läser huvudboken.
_UTAN_HUVUDBOK = ("atgarder", "budgetomfordelningar", "investeringar", "personal", "sjukfranvaro")


class Huvudboksdelar(Protocol):
    """Den sparade, prövade och kopplade huvudboken delad per nämnd (utdata.huvudbokscache)."""

    def namnd(self, namnd: str) -> pl.DataFrame:
        """Nämndens rader, i samma ordning som i hela huvudboken."""

    def hela(self) -> pl.DataFrame:
        """Hela huvudboken, i samma ordning som las_indata ger den."""


class Underlag:
    """Konfiguration, data och period för ett bygge, och allt som räknas ur dem. Skapas en gång per inläst data.

    Med `delar` kan `indata` ha bara en del av huvudboken (Indata.huvudbok_namnder): varje beräkning säger då vilken
    del den behöver — en nämnds rader för nämndens tabeller, nyckeltal och diagram, hela huvudboken för regionens
    tabeller (omfang: region, uppställningar) — och underlaget läser den delen ur `delar` först. Svaren blir
    desamma som med hela huvudboken, eftersom en nämnds beräkningar bara läser nämndens rader."""

    def __init__(self, projekt: Projekt, indata: Indata, period: Period, delar: Huvudboksdelar | None = None) -> None:
        self.projekt = projekt
        self.indata = indata  # för byggets egna behov (manifestet, indataspåret); dokumentet läser metoderna
        self.period = period
        self._delar = delar
        self._las = threading.RLock()
        self._svar: dict[Hashable, Any] = {}
        # Antal svar som har räknats (inte hämtats ur minnet): förhandsgranskningens prov på att en ändrad
        # text inte räknar om något.
        self.berakningar = 0

    def minns(self, nyckel: Hashable, berakna: Callable[[], T]) -> T:
        """Svaret för nyckeln, räknat med `berakna` första gången. Också för det ett senare lager härleder ur
        underlaget ensamt (ett ritat diagram): det lever lika länge som data det räknades av."""
        with self._las:
            if nyckel in self._svar:
                return self._svar[nyckel]
            svar = berakna()
            self._svar[nyckel] = svar
            self.berakningar += 1
            return svar

    # --- källorna ------------------------------------------------------------------------------------------

    def har(self, kalla: str) -> bool:
        """Om rapporttypen läser källan (en som inte läses ger en tom ram, inte None)."""
        return self.indata.har(kalla)

    def finns(self, kalla: str) -> bool:
        """Om källan finns i data (personal, indikatorer …): konfigurerad och läst."""
        return getattr(self.indata, kalla) is not None

    @property
    def avstamning(self) -> tuple[Fel, ...]:
        """Huvudbokens avvikelser mot organisationen och kontoplanen (varningar i ett utkast)."""
        return self.indata.avstamning

    # --- ekonomi -------------------------------------------------------------------------------------------

    def tabell(self, namn: str, namnd: str) -> Tabell:
        """Tabellen `namn` för nämnden. En tabell som är densamma för alla nämnder räknas en gång."""
        namnd = self.tabellens_namnd(namn, namnd)
        tdef = self.projekt.konfig.tabeller.get(namn)
        behov = _tabellbehov(tdef.typ, tdef.omfang, namnd) if tdef is not None else INGEN
        return self.minns(("tabell", namn, namnd),
                          lambda: tabeller.bygg_tabell(self.projekt, self._med(behov), namn, namnd, self.period))

    def tabellens_namnd(self, namn: str, namnd: str) -> str:
        """Nämnden tabellen räknas för: regionen för en tabell som är densamma i varje nämnds rapport (dess
        rubriker och fotnot får regionens namn i {namnd}), annars nämnden."""
        tdef = self.projekt.konfig.tabeller.get(namn)
        if tdef is not None and tabeller.galler_hela_regionen(tdef, self.indata):
            self.projekt.namnd(namnd)  # en okänd nämnd är ett fel också här
            return REGION
        return namnd

    def manuellt_varde(self, namn: str) -> tuple[float | None, list[str]]:
        """Värdet `namn` ur kallor.manuella_varden för perioden (None om filen inte har det för perioden), och
        alla namn i filen — så att ett okänt namn kan få ett förslag."""
        ram = self.indata.manuella_varden
        if ram is None:
            return None, []
        varde = ram.filter((pl.col("namn") == namn) & (pl.col("period") == self.period.forsta_dag))["varde"]
        return (varde[0] if varde.len() else None), ram["namn"].unique(maintain_order=True).to_list()

    def nyckeltal(self, namnd: str, sektion: str = "verksamhet") -> dict[str, float | None]:
        """Varje mått för nämnden som helhet (det {{ ack_avvikelse() }} visar)."""
        return self.minns(("nyckeltal", namnd, sektion),
                          lambda: tabeller.nyckeltal(self.projekt, self._med(_namndens(namnd)), namnd, self.period,
                                                     sektion))

    def senaste_prognos(self, namnd: str) -> tuple[Period, float] | None:
        """Nämndens senaste prognosavvikelse för helåret t.o.m. perioden: (prognosens period, avvikelse i kr)."""
        return self.minns(("senaste_prognos", namnd),
                          lambda: tabeller.senaste_prognosen(self.projekt, self._med(_namndens(namnd)), namnd,
                                                             self.period))

    def diagramserier(self, namn: str, namnd: str) -> dict[str, pl.DataFrame]:
        """Serierna diagrammet `namn` ritar (diagram över tid; ett stapeldiagram läser sin tabell)."""
        ddef = self.projekt.konfig.diagram[namn]
        # r12 ser vilka månader som har utfall någonstans i regionen, så den läser hela huvudboken.
        behov = (INGEN if ddef.typ == "sjukfranvaro" else
                 _namndens(namnd) if ddef.omfang == "namnd" and ddef.typ != "r12" else HELA)
        return self.minns(("diagramserier", namn, namnd),
                          lambda: diagramserier(self.projekt, self._med(behov), ddef, namnd, self.period))

    def bidrag(self, urval: Urval, matt: str) -> pl.DataFrame:
        """Måttet per kostnadsställe och kostnadsslag för en tabellrads urval (bilagan Spårbarhet)."""
        return self.minns(("bidrag", urval, matt),
                          lambda: per_grupp(self.huvudbok_for(urval), urval, matt, self.period))

    # --- huvudboken, hela eller en nämnds del ---------------------------------------------------------------

    def huvudbok_for(self, urval: Urval) -> pl.DataFrame:
        """Huvudboken med åtminstone urvalets rader (en nämnds del när urvalet gäller en nämnd)."""
        return self._med(_urvalsbehov(urval)).huvudbok

    def _med(self, behov: str | None) -> Indata:
        """Indata vars huvudbok har det beräkningen behöver (INGEN, en nämnds id eller HELA). Med bara en del
        av huvudboken läses den del som behövs ur `delar`; svaren som redan räknats gäller sina nämnder och
        behålls."""
        with self._las:
            tackt = self.indata.huvudbok_namnder
            if tackt is None or self._delar is None or behov == INGEN or (behov is not None and behov in tackt):
                return self.indata
            if behov is HELA:
                self.indata = dataclasses.replace(self.indata, huvudbok=self._delar.hela(), huvudbok_namnder=None)
            else:
                self.indata = dataclasses.replace(self.indata, huvudbok=self._delar.namnd(behov),
                                                  huvudbok_namnder=frozenset({behov}))
            return self.indata

    # --- personal (namnd REGION: hela regionen) -----------------------------------------------------------

    def _personal(self, namnd: str, kon: str | None = None, aldersgrupp: str | None = None) -> pl.DataFrame:
        assert self.indata.personal is not None, "pröva finns('personal') först"
        return personal.urval(self.indata.personal, None if namnd == REGION else namnd, kon, aldersgrupp)

    def anstallda(self, namnd: str, fran: Period, till: Period, kon: str | None = None,
                  kolumn: str = "anstallda") -> float | None:
        """Genomsnittligt antal per månad fran..till (summan över kön och åldersgrupper varje månad)."""
        return self.minns(("anstallda", namnd, fran, till, kon, kolumn),
                          lambda: personal.medelantal(self._personal(namnd, kon), fran, till, kolumn))

    def utan_sjukfranvaro(self, namnd: str, period: Period | None = None, kon: str | None = None) -> float | None:
        """Andel anställda i procent utan någon sjukdag i år t.o.m. perioden (eller en annan månad)."""
        p = period or self.period
        return self.minns(("utan_sjukfranvaro", namnd, p, kon),
                          lambda: personal.andel_utan_sjukfranvaro(self._personal(namnd, kon), p))

    def sjukfranvaro(self, namnd: str, fran: Period, till: Period, kon: str | None = None,
                     aldersgrupp: str | None = None) -> float | None:
        """Sjukfrånvaro i procent för månaderna fran..till."""
        return self.minns(("sjukfranvaro", namnd, fran, till, kon, aldersgrupp),
                          lambda: personal.sjukfranvaro(self._personal(namnd, kon, aldersgrupp), fran, till))

    # --- indikatorer och listor ----------------------------------------------------------------------------

    def indikatorer(self) -> pl.DataFrame | None:
        """Alla indikatorernas mätningar (pivottabellernas och småbildernas indata), None utan källan."""
        return self.indata.indikatorer

    def indikator_ids(self) -> list[str]:
        assert self.indata.indikatorer is not None, "pröva finns('indikatorer') först"
        ram = self.indata.indikatorer
        return self.minns(("indikator_ids",), lambda: ram["id"].unique().sort().to_list())

    def indikator(self, id_: str) -> dict[str, Any]:
        """Senaste värdet t.o.m. perioden, förändringen mot mätningen före och värdet samma period i fjol."""
        assert self.indata.indikatorer is not None, "pröva finns('indikatorer') först"
        ram = self.indata.indikatorer
        return self.minns(("indikator", id_),
                          lambda: indikatorer.senaste(ram.drop_nulls("varde"), id_, self.period))

    def listkallor(self) -> list[str]:
        """Listorna (under kallor.listor) som lästes."""
        return list(self.indata.listor or {})

    def lista(self, kalla: str) -> pl.DataFrame | None:
        """Listans aktuella rader i filens ordning: med en kolumn `period` den senaste periodens rader t.o.m.
        rapportperioden, annars alla. None om listan inte lästes."""
        ram = (self.indata.listor or {}).get(kalla)
        if ram is None:
            return None
        return self.minns(("lista", kalla), lambda: _aktuella(ram, self.period))

    def listsummor(self, kalla: str, kolumner: tuple[str, ...]) -> tuple[float | None, ...]:
        """Summorna av listans talkolumner (namnen på de tolkade kolumnerna, Listkolumn.varden) över de aktuella
        raderna, oavrundade."""
        ram = self.lista(kalla)
        assert ram is not None, "pröva lista(kalla) först"
        return self.minns(("listsummor", kalla, kolumner), lambda: listsummor(ram, kolumner))

    # --- mål -----------------------------------------------------------------------------------------------

    def mal(self, namnd: str | None = None, rot: str | None = None, perspektiv: str | None = None) -> pl.DataFrame:
        """Varje måls senaste bedömning t.o.m. perioden (alla nämnder, eller en), med målet `rot` och allt under
        det och med ett perspektiv (berakning.mal.urval); tom ram utan målfil."""
        if (namnd, rot, perspektiv) != (None, None, None):
            return self.minns(("mal", namnd, rot, perspektiv),
                              lambda: malberakning.urval(self.mal(), namnd, rot, perspektiv))
        return self.minns(("mal",), self._alla_mal)

    def _alla_mal(self) -> pl.DataFrame:
        if self.indata.mal is None:  # utan målfil: inga mål bedömda (avsnittet säger det i klartext)
            return pl.DataFrame(schema={**{k.namn: pl.Utf8 for k in MALKRAV}, "period": pl.Date, "rad": pl.Int64,
                                        "kalla": pl.Utf8})
        return malberakning.aktuella_mal(self.indata.mal, self.period)

    def mal_ids(self) -> list[str]:
        """Varje måls id i målfilerna, alla perioder (ett mål som ännu inte är bedömt är inte okänt)."""
        ram = self.indata.mal
        return [] if ram is None else self.minns(("mal_ids",), lambda: ram["id"].unique(maintain_order=True).to_list())

    def mal_perspektiv(self) -> list[str] | None:
        """Perspektiven i målfilerna, alla perioder, i den ordning de först står; None när ingen målfil har
        kolumnen perspektiv (då går målen inte att välja per perspektiv)."""
        ram = self.indata.mal
        if ram is None or "perspektiv" not in ram.columns:
            return None
        return self.minns(("mal_perspektiv",),
                          lambda: ram["perspektiv"].drop_nulls().unique(maintain_order=True).to_list())

    def malfiler(self) -> list[str]:
        """Målfilerna som lästes (som de visas i fel), i konfigurationens ordning."""
        ram = self.indata.mal
        return [] if ram is None else ram["kalla"].unique(maintain_order=True).to_list()

    def mal_antal(self, typ: str, namnd: str | None = None, rot: str | None = None,
                  perspektiv: str | None = None) -> dict[str, int]:
        """Antal mål av typen per bedömning (Helt, Delvis, Inte, Inga data), för alla nämnder eller en, under
        ett mål och med ett perspektiv."""
        return self.minns(("mal_antal", typ, namnd, rot, perspektiv),
                          lambda: malberakning.antal_per_bedomning(self.mal(None, rot, perspektiv), typ, namnd))

    def mal_per_namnd(self, typ: str, rot: str | None = None, perspektiv: str | None = None
                      ) -> dict[str, dict[str, int]]:
        """Per nämnd (konfigurationens ordning, bara nämnder med mål av typen) antal per bedömning."""
        return self.minns(("mal_per_namnd", typ, rot, perspektiv),
                          lambda: malberakning.antal_per_namnd(self.mal(None, rot, perspektiv), typ,
                                                               self.projekt.namnd_ids))

def _namndens(namnd: str) -> str | None:
    return HELA if namnd == REGION else namnd


def _tabellbehov(typ: str, omfang: str, namnd: str) -> str | None:
    """En tabell av mått för en nämnd läser nämndens rader; en uppställning och en tabell över hela regionen
    läser hela huvudboken; de inmatade tabelltyperna ingen."""
    if typ in _UTAN_HUVUDBOK:
        return INGEN
    return _namndens(namnd) if typ == "matt" and omfang == "namnd" else HELA


def _urvalsbehov(urval: Urval) -> str | None:
    """Ett urval med en nämnd (och inga delar) läser nämndens rader, annars hela huvudboken."""
    if urval.kalla not in ("huvudbok", "summa"):
        return INGEN
    namnd = dict(urval.lika).get("namnd")
    return _namndens(namnd) if urval.kalla == "huvudbok" and not urval.delar and namnd else HELA


def _aktuella(ram: pl.DataFrame, period: Period) -> pl.DataFrame:
    if "period" in ram.columns:
        tidigare = ram.filter(pl.col("period") <= period.forsta_dag)
        senaste = tidigare["period"].max()
        ram = tidigare.filter(pl.col("period") == senaste) if senaste is not None else tidigare
    return ram.sort("rad")
