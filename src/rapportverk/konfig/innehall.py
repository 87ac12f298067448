"""Konfigurationens beskrivning av vad rapporterna innehåller: tabeller och deras kolumner och rader, diagram,
listor, pivottabeller, nyckeltal och rapporttyperna."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from rapportverk.konfig.grund import _ID, _KONTO, Enhet, Modell


class Kolumn(Modell):
    matt: str
    rubrik: str | None = None
    grupp: str | None = None
    decimaler: int | None = Field(None, ge=0, le=6)
    extra_decimaler: int | None = Field(None, ge=0, le=3, description=(
        "Högst så många decimaler till för ett tal som inte är noll men annars skulle skrivas 0; 0 = aldrig."))


class Uppstallningsrad(Modell):
    """En rad i en uppställning (regionens resultat, resultaträkning, balansräkning, kassaflöde, balanskrav).

    Precis en av: `namnder: true` (en rad per nämnd, verksamhetens konton); `kostnadsslag` (en rad i
    kostnadsslagsplanen); `konton` (kontointervall, vilken sektion som helst) med radnamnet i `rad`;
    `fran` (raden `rad` i en annan uppställning, med samma värden); `manuell: true` (värdena för raden `rad`
    läses ur kallor.regionprognos: utfall och prognos, t.ex. resultatutjämningsreserven); eller `summa`
    (radens namn) med `av`: raderna ovanför den summerar; eller `rubrik` (en rubrikrad utan belopp). Summor
    räknas från delarnas oavrundade belopp. `typ: varav` visar raden indragen under raden ovanför.
    `tecken: omvant` byter tecken på radens belopp (tillgångar som positiva tal, avdrag i en kedja).
    """

    namnder: bool = False
    kostnadsslag: str | None = None
    konton: list[str] = []
    fran: str | None = None
    manuell: bool = False
    rubrik: str | None = None
    rad: str | None = None
    summa: str | None = None
    av: list[str] = []
    etikett: str | None = None
    typ: Literal["normal", "delsumma", "summa", "varav"] | None = None
    tecken: Literal["normal", "omvant"] = "normal"

    @field_validator("konton")
    @classmethod
    def _kontointervall(cls, v: list[str]) -> list[str]:
        return Kostnadsslagrad(namn="rad", konton=v).konton if v else v

    @model_validator(mode="after")
    def _en_sort(self) -> Uppstallningsrad:
        sorter = [self.namnder, self.kostnadsslag is not None, bool(self.konton), self.fran is not None,
                  self.manuell, self.summa is not None, self.rubrik is not None]
        if sum(sorter) != 1:
            raise ValueError("en rad i en uppställning anger precis en av 'namnder: true', 'kostnadsslag', "
                             "'konton', 'fran', 'manuell: true', 'summa' och 'rubrik'")
        if self.summa is not None and not self.av:
            raise ValueError(f"summaraden '{self.summa}' behöver 'av': raderna den summerar")
        if (self.konton or self.fran or self.manuell) and not self.rad:
            raise ValueError("en rad med 'konton', 'fran' eller 'manuell' behöver 'rad': radens namn i tabellen")
        return self

    @property
    def namn(self) -> str:
        """Namnet som summarader och kontroller hänvisar till."""
        return self.summa or self.rad or self.kostnadsslag or self.rubrik or "namnder"


class Kontroll(Modell):
    """Två rader som ska vara lika i varje beloppskolumn (t.ex. summa tillgångar och summa eget kapital och
    skulder). `lika_med` är en rad i samma uppställning, eller med `tabell` en rad i en annan uppställning (då
    jämförs kolumnerna med samma mått). En skillnad visas som varning i utkast och är ett fel med --slutlig."""

    rad: str
    lika_med: str
    tabell: str | None = None


class Cell(Modell):
    """En cell i en tabell (`tabell`, `rad`, `kolumn`), eller ett värde ur kallor.manuella_varden (`manuell`)."""

    tabell: str | None = None
    rad: str | None = None
    kolumn: str | None = None
    manuell: str | None = None
    tecken: Literal[1, -1] = 1

    @model_validator(mode="after")
    def _en_form(self) -> Cell:
        tabellcell = (self.tabell, self.rad, self.kolumn)
        if self.manuell is not None and any(v is not None for v in tabellcell):
            raise ValueError("en cell är antingen `manuell` eller `tabell`, `rad` och `kolumn`, inte båda")
        if self.manuell is None and any(v is None for v in tabellcell):
            raise ValueError("en cell behöver `tabell`, `rad` och `kolumn` (eller `manuell` för ett manuellt värde)")
        return self


class Nyckeltal(Modell):
    """Ett finansiellt nyckeltal: summan av `taljare` delad med summan av `namnare` (celler i tabeller,
    oavrundade) gånger `faktor`. Används i måltabeller (kolumnen nyckeltal) och i texter."""

    rubrik: str
    taljare: list[Cell] = Field(min_length=1)
    namnare: list[Cell] = []
    faktor: float = 100.0
    decimaler: int = Field(1, ge=0, le=6)
    enhet: str = "%"


class Tabell(Modell):
    rubrik: str
    typ: Literal["matt", "atgarder", "budgetomfordelningar", "uppstallning", "investeringar", "personal",
                 "sjukfranvaro"] = "matt"
    rader: str | None = None
    # En lägre organisationsnivå vars rader står indragna under varje rad (delområden under sitt område).
    underrader: str | None = None
    uppstallning: list[Uppstallningsrad] = []
    kolumner: list[Kolumn] = []
    enhet: Enhet = "mkr"
    decimaler: int = Field(0, ge=0, le=6)
    extra_decimaler: int | None = Field(None, ge=0, le=3, description=(
        "Extra decimaler för små belopp i tabellens beloppskolumner (se Kolumn); utan värdet inga: 0."))
    summarad: str = "Summa"
    sektion: str = "verksamhet"
    omfang: Literal["namnd", "region"] = "namnd"
    kontogrupp: str | None = None
    tecken: Literal["normal", "omvant"] = "normal"
    minskning: float | None = Field(None, gt=0, lt=1)
    kontroller: list[Kontroll] = []
    fotnot: str | None = None
    tom_text: str | None = Field(None, min_length=1)

    @field_validator("kolumner", mode="before")
    @classmethod
    def _kortform(cls, v: Any) -> Any:
        # En kolumn kan skrivas som bara måttets namn.
        if isinstance(v, list):
            return [{"matt": k} if isinstance(k, str) else k for k in v]
        return v

    @model_validator(mode="after")
    def _matt_kraver(self) -> Tabell:
        if self.typ == "uppstallning" and not self.uppstallning:
            raise ValueError("en tabell av typen 'uppstallning' behöver raderna under 'uppstallning'")
        if self.typ == "matt" and not self.rader:
            raise ValueError("en tabell av typen 'matt' behöver 'rader' (en organisationsnivå eller kostnadsslag)")
        if self.typ == "matt" and not self.kolumner:
            raise ValueError("en tabell av typen 'matt' behöver minst en kolumn under 'kolumner'")
        return self


class Diagram(Modell):
    """stapel: en kolumn ur en tabell per rad; manadslinje: utfall per månad i år mot föregående år;
    sjukfranvaro: sjukfrånvaro i procent per månad i år och i fjol, med målvärde om det anges;
    r12: kostnad per månad i år och i fjol med rullande tolv månaders förändring i procent;
    manad_budget: utfall och budget per månad i år mot utfall i fjol; investeringar: utfall mot årsbudget.
    `sektion: alla` tar med skatter och finansnetto (regionens resultat)."""

    typ: Literal["stapel", "manadslinje", "sjukfranvaro", "r12", "investeringar", "manad_budget"]
    malvarde: float | None = None
    omfang: Literal["namnd", "region"] = "namnd"
    kontogrupp: str | None = None
    kostnadsslag: str | None = None
    rubrik: str
    tabell: str | None = None
    kolumn: str | None = None
    sektion: str = "verksamhet"
    enhet: Enhet = "mkr"
    ackumulerad: bool = False

    @model_validator(mode="after")
    def _stapel_kraver(self) -> Diagram:
        if self.typ == "stapel" and not (self.tabell and self.kolumn):
            raise ValueError("ett stapeldiagram behöver 'tabell' och 'kolumn'")
        return self


Listkolumntyp = Literal["text", "tal", "procent", "datum"]


class Listkolumn(Modell):
    """En kolumn i en lista. `typ: tal` och `typ: procent` läses som tal (decimalkomma och mellanslag mellan
    tusentalen, som i källorna; procent får sluta med %), skrivs med `decimaler` och högerställs som i tabellerna;
    `typ: datum` läses och skrivs ÅÅÅÅ-MM-DD. `enhet` står efter rubriken (procent: %). `summera`: kolumnen
    summeras på listans summarad (standard: tal ja, procent nej)."""

    falt: str
    rubrik: str
    symboler: dict[str, str] = {}
    typ: Listkolumntyp = "text"
    decimaler: int | None = Field(None, ge=0, le=6)
    enhet: str | None = None
    summera: bool | None = None

    @model_validator(mode="after")
    def _typ_kraver(self) -> Listkolumn:
        if self.typ not in ("tal", "procent"):
            for falt in ("decimaler", "enhet", "summera"):
                if getattr(self, falt) is not None:
                    raise ValueError(f"'{falt}' gäller bara kolumner med 'typ: tal' eller 'typ: procent' "
                                     f"(kolumnen '{self.falt}' har typ: {self.typ})")
        if self.symboler and self.typ != "text":
            raise ValueError(f"'symboler' gäller bara textkolumner (kolumnen '{self.falt}' har typ: {self.typ})")
        return self

    @property
    def numerisk(self) -> bool:
        return self.typ in ("tal", "procent")

    @property
    def summeras(self) -> bool:
        """Kolumnen summeras på summaraden: tal som standard, procent bara med `summera: true`."""
        return self.numerisk and (self.summera if self.summera is not None else self.typ == "tal")

    @property
    def visade_decimaler(self) -> int:
        """Decimalerna som kolumnen skrivs med: tal 0, procent 1 om inget anges."""
        return self.decimaler if self.decimaler is not None else (1 if self.typ == "procent" else 0)

    @property
    def visad_rubrik(self) -> str:
        """Rubriken med enheten efter (procent: %), som tabellernas 'Ack avvikelse %'."""
        enhet = self.enhet if self.enhet is not None else ("%" if self.typ == "procent" else "")
        return f"{self.rubrik} {enhet}" if enhet and not self.rubrik.endswith(enhet) else self.rubrik

    @property
    def varden(self) -> str:
        """Namnet på kolumnen med de tolkade värdena i listans ram (källorna lägger den bredvid texten)."""
        return f"{self.typ}:{self.falt}"


class Lista(Modell):
    """En lista ur en fil (t.ex. uppdrag med status): kolumner, och symboler som står före ett värde
    så att en status aldrig visas med färg ensam. Har filen en kolumn `period` visas den senaste
    periodens rader t.o.m. rapportperioden.

    `grupp`: ett fält vars värden blir rubrikrader (i filens ordning). `typ: antal` gör en sammanställning:
    en rad per värde i `grupp` och en kolumn per status (nycklarna i första kolumnens `symboler`, i den
    ordningen), med antalet rader i filen, och en summarad. En lista med rader får en summarad med `summarad`:
    den summerar kolumnerna med tal (se Listkolumn) från de oavrundade värdena."""

    rubrik: str
    kalla: str
    kolumner: list[Listkolumn] = Field(min_length=1)
    typ: Literal["rader", "antal"] = "rader"
    grupp: str | None = None
    radrubrik: str = ""
    summarad: str | None = None

    @model_validator(mode="after")
    def _antal_kraver(self) -> Lista:
        if self.typ == "antal" and not (self.grupp and self.kolumner[0].symboler):
            raise ValueError("en lista med 'typ: antal' behöver 'grupp' (raderna) och en kolumn med 'symboler' "
                             "(kolumnerna, i ordning)")
        return self

    @property
    def typade(self) -> list[Listkolumn]:
        """Kolumnerna som läses som tal, procent eller datum."""
        return [k for k in self.kolumner if k.typ != "text"]


class Riktningsregel(Modell):
    """Hur Riktning räknas ur en indikators serie (se berakning/riktning.py).

    `rullande`: medelvärdet av mätningarna de senaste `manader` månaderna t.o.m. den senaste mätningen mot
    medelvärdet för `manader` månader närmast före; `fg`: senaste mätningen mot samma period ett år tidigare;
    `forra`: senaste mätningen mot mätningen före. En förändring inom ±`dodzon` procent av jämförelsevärdet
    ger →."""

    metod: Literal["rullande", "fg", "forra"] = "rullande"
    manader: int = Field(12, ge=1, le=60)
    dodzon: float = Field(5.0, ge=0, le=100)


class Pivottabell(Modell):
    """Indikatorer med perioderna som kolumner, Riktning och Nivå. `kolumner: kvartal` (standard): `kvartal` hela
    kvartal före rapportperioden (äldst först) och `manader` månader t.o.m. perioden; `kolumner: ar`: `ar`
    kalenderår t.o.m. periodens år, ett värde per år enligt `arsvarde`. `grupper` väljer och ordnar grupperna
    (annars alla, i filens ordning); varje grupp får en rubrikrad. `indikatorer` väljer enskilda indikatorer (id).
    `bred: true` lägger tabellen på en liggande sida (standard: stående)."""

    rubrik: str
    kalla: Literal["indikatorer"] = "indikatorer"
    radrubrik: str = "Indikator"
    grupper: list[str] = []
    indikatorer: list[str] = []
    kolumner: Literal["kvartal", "ar"] = "kvartal"
    kvartal: int = Field(8, ge=0, le=40)
    manader: int = Field(1, ge=0, le=24)
    ar: int = Field(3, ge=1, le=20)
    arsvarde: Literal["senaste", "medel"] = "senaste"
    riktning: Riktningsregel | None = Riktningsregel()
    niva: bool = True
    bred: bool = False
    kalltext: str | None = None  # står under tabellen som "Källa: …"

    @model_validator(mode="after")
    def _kolumnernas_nycklar(self) -> Pivottabell:
        satta = self.model_fields_set
        if self.kolumner == "ar" and satta & {"kvartal", "manader"}:
            raise ValueError("'kvartal' och 'manader' gäller 'kolumner: kvartal'; med 'kolumner: ar' anger 'ar' "
                             "hur många år som visas")
        if self.kolumner == "kvartal" and satta & {"ar", "arsvarde"}:
            raise ValueError("'ar' och 'arsvarde' gäller 'kolumner: ar'; lägg till den raden (eller ta bort dem)")
        return self


KALLNAMN = ("huvudbok", "prognos", "atgarder", "budgetomfordelningar", "personal", "investeringar", "indikatorer",
            "regionprognos", "mal", "manuella_varden")


class Rapport(Modell):
    """En rapporttyp: layoutmall, stil, Word-mall, textblockens rot och filnamn.

    `periodtyp`: hur perioden anges (manad 2024-01, kvartal 2024-Q1, ar 2024). `kallor`: de källor
    rapporttypen läser (namn under kallor, eller en lista under kallor.listor); utan `kallor` läses allt och
    huvudboken måste ha utfall för perioden. `namnder`: nämnderna som byggs när ingen anges (annars alla).
    `antagen` och `datum` står på titelsidan (t.ex. för en återrapport)."""

    titel: str
    mall: str
    # Utan stil och wordmall används rapportverks inbyggda (paketdata, rapportverk/resurser/).
    stil: str | None = None
    wordmall: str | None = None
    texter: str
    filnamn: str = "{rapport}-{namnd}-{period}"
    numrera_rubriker: bool = True
    status_utkast: str = "Utkast"
    status_slutlig: str = "Slutlig version"
    periodtyp: Literal["manad", "kvartal", "ar"] = "manad"
    kallor: list[str] | None = None
    namnder: list[str] | None = None
    antagen: str | None = None
    datum: dt.date | None = None
    beskrivning: str | None = None
    # `omfang: region`: en rapport för hela regionen (filnamnets {namnd} blir 'region'). `region`: den
    # rapporttyp som `--region` bygger (t.ex. delarsrapport → delarsrapport_region).
    omfang: Literal["namnd", "region"] = "namnd"
    region: str | None = None
    # Nämndernas avsnitt i regionens rapport: tabellerna per nämnd, som bilaga eller i rapportens avsnitt.
    namndavsnitt: list[str] = []
    namndavsnitt_placering: Literal["bilaga", "avsnitt"] = "bilaga"
    # Bilagor som alltid tas med (annars med --bilaga): sparbarhet = underlaget per kostnadsställe och kostnadsslag.
    bilagor: list[Literal["sparbarhet"]] = []
    klarmarkering: bool = Field(False, description=(
        "true: med --slutlig måste varje textblock rapporten använder ha status: klar i sin front matter; ett "
        "textblock utan front matter stoppar då också bygget. Med false (standard) stoppar bara de textblock "
        "vars front matter säger status: utkast. Se docs/redaktorer/status.md."))

    @property
    def laser_huvudbok(self) -> bool:
        return self.kallor is None or "huvudbok" in self.kallor


class Rapportfil(Rapport):
    """En fil konfig/rapporter/<namn>.yaml: en rapporttyp och de tabeller, diagram, listor och pivottabeller
    som bara den använder (de läggs till konfigurationens; samma namn två gånger är ett fel)."""

    tabeller: dict[str, Tabell] = {}
    diagram: dict[str, Diagram] = {}
    listor: dict[str, Lista] = {}
    pivottabeller: dict[str, Pivottabell] = {}
    nyckeltal: dict[str, Nyckeltal] = {}


class Kostnadsslagrad(Modell):
    namn: str
    konton: list[str] = Field(min_length=1)
    varav: bool = False
    sektion: str = Field("verksamhet", pattern=_ID)

    @field_validator("konton")
    @classmethod
    def _intervall(cls, v: list[str]) -> list[str]:
        for k in v:
            m = _KONTO.match(str(k).strip())
            if not m:
                raise ValueError(f"'{k}' är inget konto eller kontointervall; skriv t.ex. 4000-4999 eller 4511")
            if m.group(2) and (len(m.group(1)) != len(m.group(2)) or int(m.group(1)) > int(m.group(2))):
                raise ValueError(f"intervallet '{k}' ska ha lika många siffror i båda ändar och börja lägst")
        return [str(k).strip() for k in v]


class Kostnadsslagplan(Modell):
    rader: list[Kostnadsslagrad] = Field(min_length=1)
