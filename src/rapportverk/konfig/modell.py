"""Konfigurationens form, validerad med pydantic. Okända nycklar är fel (extra='forbid')."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from rapportverk.konfig.anslutning import losenord_i

# Namnen här är konfigurationens hela form: resten av rapportverk importerar dem från modell.
from rapportverk.konfig.grund import (
    _ID,
    BEDOMNINGAR,
    MALTYPER,
    MAX_BELOPP,
    REGION,
    SERIER,
    Enhet,
    Modell,
    Periodformat,
)
from rapportverk.konfig.innehall import (
    KALLNAMN,
    Cell,
    Diagram,
    Kolumn,
    Kostnadsslagplan,
    Kostnadsslagrad,
    Lista,
    Listkolumn,
    Nyckeltal,
    Pivottabell,
    Rapport,
    Rapportfil,
    Tabell,
)


class Organisation(Modell):
    """`max_belopp`: det största belopp i kronor (efter källans enhet) som en källa får innehålla; ett större är
    nästan alltid ett fel i exporten (fel enhet eller decimaltecken, 1e20) och stoppar läsningen med fil och rad."""

    namn: str
    kortnamn: str | None = None
    max_belopp: float = Field(MAX_BELOPP, gt=0, allow_inf_nan=False)


class Fil(Modell):
    """Hur en fil läses. `kolumner` översätter normaliserade namn till filens egna kolumnnamn. `rubrikrad`: raden
    med kolumnnamnen, räknad som i Excel eller en textredigerare, när exporten har rubriker och datum ovanför."""

    fil: str
    format: Literal["csv", "parquet", "excel"] | None = None
    blad: str | None = None
    separator: str = Field(";", min_length=1, max_length=1)
    decimal: Literal[",", "."] = ","
    kodning: Literal["utf-8", "cp1252"] = "utf-8"
    rubrikrad: int = Field(1, ge=1, le=10_000)
    kolumner: dict[str, str] = {}

    @property
    def filformat(self) -> str:
        if self.format:
            return self.format
        slut = (self.fil or "").lower().rsplit(".", 1)[-1]
        return {"parquet": "parquet", "xlsx": "excel", "xlsm": "excel"}.get(slut, "csv")

    @model_validator(mode="after")
    def _rubrikrad_i_textfil(self) -> Fil:
        # En Parquet-fil (och en databastabell) har kolumnnamnen i sig: det finns inga rader ovanför att hoppa över.
        if self.rubrikrad != 1 and self.fil is not None and self.filformat == "parquet":
            raise ValueError("'rubrikrad' gäller bara CSV och Excel, eftersom en Parquet-fil har kolumnnamnen i sig; "
                             "ta bort rubrikrad under källan")
        return self


class Sql(Modell):
    """En källa i en databas (kallor/sql.py): en DuckDB-fil (relativ till konfigurationen) eller en server-URI
    (postgresql://anvandare@vard:5432/databas), och en fråga eller en tabell/vy. Lösenordet står aldrig här:
    det läses ur miljövariabeln `losenord_miljo` eller ur drivrutinens egna filer (.pgpass, tjänstefil).
    `urval` begränsar raderna på databasens egna kolumner (t.ex. Bolag: "100"); värdena skickas som
    bundna parametrar, liksom periodens gränser. `forsta_ar`: det första år tabellen har data (t.ex. en
    balanstabell som börjar senare än resultatet); en rapport vars månader alla ligger före det året läser inga
    rader därifrån utan att det är ett fel."""

    anslutning: str = Field(min_length=1)
    fraga: str | None = Field(None, min_length=1)
    tabell: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")
    losenord_miljo: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    tidsgrans_s: float = Field(60.0, gt=0, le=86_400)
    urval: dict[str, str | int | list[str | int]] = {}
    forsta_ar: int | None = Field(None, ge=1900, le=2200)

    @field_validator("anslutning")
    @classmethod
    def _utan_losenord(cls, anslutning: str) -> str:
        # Var som helst i texten (URI, parametrar, nyckel=värde, options); felet nämner var men aldrig lösenordet,
        # eftersom det skrivs ut och kan hamna i en logg.
        plats = losenord_i(anslutning)
        if plats is not None:
            raise ValueError(f"anslutningen innehåller ett lösenord ({plats}); ta bort det ur konfigurationen och "
                             "ange i stället losenord_miljo: (namnet på en miljövariabel med lösenordet) eller "
                             "använd .pgpass")
        return anslutning

    @model_validator(mode="after")
    def _fraga_eller_tabell(self) -> Sql:
        if (self.fraga is None) == (self.tabell is None):
            raise ValueError("ange antingen 'fraga' (en SELECT-fråga) eller 'tabell' (en tabell eller vy), inte båda")
        return self


class Kalla(Fil):
    """`ar`: året filen ska innehålla (rader utanför är fel). `dubbletter`: `fel` när samma nyckel står på
    flera rader (en export med en rad per period, kostnadsställe, konto och serie), `summera` för en
    transaktionslista där flera rader per nyckel är väntat. En källa är antingen en fil (`fil`) eller en
    databas (`sql`)."""

    fil: str | None = None  # type: ignore[assignment]
    sql: Sql | None = None
    enhet: Enhet = "kr"
    tecken: Literal["kostnad_negativ", "kostnad_positiv"] = "kostnad_negativ"
    periodformat: Periodformat = "ÅÅÅÅ-MM"
    serie: str | None = Field(None, pattern=_ID)
    ar: int | None = Field(None, ge=1900, le=2200)
    dubbletter: Literal["fel", "summera"] = "fel"

    @model_validator(mode="after")
    def _fil_eller_sql(self) -> Kalla:
        if (self.fil is None) == (self.sql is None):
            raise ValueError("en källa anger antingen 'fil' eller 'sql', inte båda")
        if self.sql is not None and self.rubrikrad != 1:
            raise ValueError("'rubrikrad' gäller bara CSV och Excel, eftersom en databastabell har kolumnnamnen i "
                             "sig; ta bort rubrikrad under källan")
        return self


class Prognoskalla(Kalla):
    niva: str
    typ: Literal["avvikelse", "helarsutfall"] = "avvikelse"


def _som_lista(v: Any) -> Any:
    return [v] if isinstance(v, dict) else v


class Kallor(Modell):
    """Huvudboken och prognosen kan bestå av flera filer (t.ex. en per år)."""

    huvudbok: list[Kalla] = Field(min_length=1)
    prognos: list[Prognoskalla] = []
    atgarder: Kalla | None = None
    budgetomfordelningar: Kalla | None = None
    personal: Kalla | None = None
    investeringar: Kalla | None = None
    # En eller flera filer; en period skrivs ÅÅÅÅ-MM (månad), ÅÅÅÅ-Q1 (kvartal) eller ÅÅÅÅ (år).
    indikatorer: list[Kalla] = []
    listor: dict[str, Fil] = {}
    # Regionens prognos per rad i uppställningarna (skatteintäkter, finansnetto, resultaträkningens rader …) som
    # avvikelse mot årsbudget, och utfall för manuella rader (t.ex. resultatutjämningsreserven).
    regionprognos: Kalla | None = None
    # Mål och indikatorer med bedömning (Helt, Delvis, Inte, Inga data), en eller flera filer.
    mal: list[Kalla] = []
    # Värden som inte finns i huvudboken men behövs i nyckeltalen (ansvarsförbindelse, låneskuld): period;namn;varde.
    manuella_varden: Kalla | None = None

    _prognos_lista = field_validator("prognos", "indikatorer", "mal", mode="before")(
        classmethod(lambda cls, v: [] if v is None else _som_lista(v)))

    @model_validator(mode="after")
    def _prognos_samma_form(self) -> Kallor:
        if len({(p.niva, p.typ) for p in self.prognos}) > 1:
            raise ValueError("alla prognosfiler ska ha samma 'niva' och 'typ'")
        return self


class OrganisationsHierarki(Fil):
    nivaer: list[str] = Field(min_length=2)

    @field_validator("nivaer")
    @classmethod
    def _nivaer(cls, v: list[str]) -> list[str]:
        if v[0] != "enhet" or v[-1] != "namnd":
            raise ValueError("nivåerna ska börja med 'enhet' och sluta med 'namnd'")
        if len(set(v)) != len(v):
            raise ValueError("samma nivå står två gånger")
        return v


class Hierarkier(Modell):
    organisation: OrganisationsHierarki
    kostnadsslag: str


class Namnd(Modell):
    """`diarienummer`: ett för alla rapporter, eller ett per rapport och period, t.ex. `{"2021": RS 848-2021,
    "2024": RS 311-2024, "manadsrapport 2024-10": RS 402-2024}`. Nycklarna är en period (2024-08), ett år (2024),
    en rapporttyp (manadsrapport) eller rapporttyp och period/år; den mest precisa som passar gäller, och utan
    någon som passar skrivs inget diarienummer (hellre inget än ett från ett annat år)."""

    id: str = Field(pattern=_ID)
    namn: str
    diarienummer: str | dict[str, str] | None = None

    def diarienummer_for(self, rapport: str, period: str) -> str | None:
        """Diarienumret för rapporttypen och perioden ('2024-08' eller '2024')."""
        if not isinstance(self.diarienummer, dict):
            return self.diarienummer
        ar = period[:4]
        for nyckel in (f"{rapport} {period}", f"{rapport} {ar}", period, ar, rapport):
            if nyckel in self.diarienummer:
                return self.diarienummer[nyckel]
        return None


class Granser(Modell):
    """Hur mycket arbete en layoutmall eller ett textblock får ge: en mall som fastnar i en loop stoppas med ett
    meddelande som namnger den, i stället för att låsa bygget."""

    mall_tid_s: float = Field(10.0, gt=0, le=600)
    mall_utdata_tecken: int = Field(5_000_000, gt=0)


class Konfig(Modell):
    """`kontogrupper` namnger kontointervall som tabeller och diagram kan filtrera på (t.ex. resekostnader)."""

    organisation: Organisation
    kallor: Kallor
    hierarkier: Hierarkier
    namnder: list[Namnd] = Field(min_length=1)
    tabeller: dict[str, Tabell] = {}
    diagram: dict[str, Diagram] = {}
    rapporter: dict[str, Rapport] = {}
    kontogrupper: dict[str, list[str]] = {}
    listor: dict[str, Lista] = {}
    pivottabeller: dict[str, Pivottabell] = {}
    nyckeltal: dict[str, Nyckeltal] = {}
    granser: Granser = Granser()
    # Kataloger utanför projektet som konfigurationen uttryckligen får läsa från (t.ex. en exportkatalog på en
    # filserver). Utan dem läses bara filer i projektet: konfigurationskatalogens överordnade katalog.
    tillat_utanfor_projektet: list[str] = []
    # Sammansättningar som kolumnrubriker får avstavas i, med | i fogarna (budget|avvikelse); läggs till de
    # inbyggda i dokument/layout_tabell.py. Ett ord som ingen av dem känner igen avstavas efter ordlistan.
    avstavning: list[str] = []
    avrundningsnot: str = Field("Avrundningsdifferenser kan förekomma.", description=(
        "Noten under en tabell där en visad summa skiljer sig från summan av de visade delarna; tom: ingen not."))

    @field_validator("avstavning")
    @classmethod
    def _avstavning(cls, v: list[str]) -> list[str]:
        for ord_ in v:
            delar = ord_.split("|")
            if len(delar) < 2 or not all(d.isalpha() for d in delar):
                raise ValueError(f"'{ord_}' ska vara ett ord med | i fogarna, t.ex. budget|avvikelse")
        return v

    @field_validator("kontogrupper")
    @classmethod
    def _kontogrupper(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for namn, intervall in v.items():
            Kostnadsslagrad(namn=namn, konton=intervall)  # samma regler för intervall som kostnadsslagen
        return v


__all__ = ["BEDOMNINGAR", "KALLNAMN", "MALTYPER", "MAX_BELOPP", "REGION", "SERIER", "Cell", "Diagram", "Enhet", "Fil",
           "Granser", "Hierarkier", "Kalla", "Kallor", "Kolumn", "Konfig", "Kostnadsslagplan", "Kostnadsslagrad",
           "Lista", "Listkolumn", "Modell", "Namnd", "Nyckeltal", "Organisation", "OrganisationsHierarki",
           "Periodformat", "Pivottabell", "Prognoskalla", "Rapport", "Rapportfil", "Sql", "Tabell"]
