"""Källor i en databas: DuckDB (en fil, inbäddad) eller PostgreSQL (en server), genom Polars egna läsare.

rapportverk bygger frågan runt användarens fråga eller tabell: den väljer bara de mappade kolumnerna, och
för huvudboken bara månaderna en rapport läser (januari två år bakåt t.o.m. årets slut), summerade i
databasen till period × kostnadsställe × konto (× serie). Periodgränserna och `urval` skickas som bundna
parametrar ($1, $2 …), aldrig som text i frågan; kolumn- och tabellnamn (som inte kan bindas) måste finnas i
databasens svar på en första fråga utan rader och citeras. Resultatet får samma form som en inläst fil (källans
egna kolumnnamn och `_rad`), så att samma mappning av kolumner, tecken, enhet och period gäller.

Drivrutiner: PostgreSQL genom ADBC (`pl.read_database` på en ADBC-anslutning), som binder typade parametrar
och läser Arrow direkt; DuckDB genom sin egen anslutning (`read_only`) och `.pl()`. ConnectorX är snabbare att
starta men kan inte binda parametrar, och psycopg är flera gånger långsammare (se DESIGN §9 och benchmarks/).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import math
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import polars as pl

from rapportverk.fel import Fel, forslag
from rapportverk.kallor.filer import RAD
from rapportverk.kallor.mappning import Kolumnkrav
from rapportverk.konfig import Projekt
from rapportverk.konfig.anslutning import dold
from rapportverk.konfig.modell import Kalla, Sql
from rapportverk.konfig.yamlrader import Vag
from rapportverk.period import Period

MAX_NYCKLAR = 3


@dataclass(frozen=True)
class Uttag:
    """Vad en SQL-källa gav, för manifestet: frågan, dess parametrar och en kontrollsumma över raderna."""

    kalla: str
    anslutning: str
    fraga: str
    parametrar: tuple[str, ...]
    rader: int
    sha256: str

    def manifestpost(self) -> dict[str, Any]:
        # Anslutningen med lösenord vägras redan i konfigurationen; detta är andra låset (och en fråga kan ha ett,
        # t.ex. i DuckDB:s postgres_scan('… password=…')).
        return {"anslutning": dold(self.anslutning), "fraga": dold(self.fraga), "parametrar": list(self.parametrar),
                "rader": self.rader, "sha256": self.sha256}


class _SqlFel(Exception):
    """Ett fel från databasen, redan översatt till svenska. las_sql för det genom `dold` innan det visas."""


def kallvag(projekt: Projekt, kalla: Kalla) -> Vag:
    """Var källan står i konfigurationen, t.ex. ('kallor', 'huvudbok', 2), för fel med fil och rad."""
    kallor = projekt.konfig.kallor
    for namn in type(kallor).model_fields:
        varde = getattr(kallor, namn)
        if isinstance(varde, list):
            for i, k in enumerate(varde):
                if k is kalla:
                    return ("kallor", namn, i)
        elif varde is kalla:
            return ("kallor", namn)
    return ("kallor",)


def etikett(projekt: Projekt, kalla: Kalla) -> str:
    """Källans namn på rader och i fel: konfigurationsfilen och raden där `sql:` står."""
    f = projekt.fel("", (*kallvag(projekt, kalla), "sql"))
    return f"{f.fil}:{f.rad} (SQL)" if f.rad else f"{f.fil} (SQL)"


def las_sql(projekt: Projekt, kalla: Kalla, typ: str, krav: list[Kolumnkrav], period: Period | None
            ) -> tuple[pl.DataFrame | None, list[Fel], Uttag | None]:
    """Källans rader som en rå ram (källans kolumnnamn och `_rad`), eller fel med konfigurationens fil och rad."""
    assert kalla.sql is not None
    sql = kalla.sql
    vag = (*kallvag(projekt, kalla), "sql")

    def fel(text: str, *under: str) -> list[Fel]:
        return [projekt.fel(text, (*vag, *under))]

    try:
        with _oppna(projekt, sql) as db:
            kalltext = _kalltext(sql)
            schema = db.fraga(f"SELECT * FROM {kalltext} LIMIT 0", ()).schema
            kolumner, f = _kolumner(schema, kalla, krav)
            if f:
                return None, fel(f, "tabell" if sql.tabell else "fraga"), None
            urval_sql, urval_param, f = _urval(schema, sql, start=1)
            if f:
                return None, fel(f, "urval"), None
            villkor, param = list(urval_sql), list(urval_param)
            summera = typ == "huvudbok" and _ar_tal(schema[kolumner["belopp"]])
            if typ == "huvudbok" and period is not None:
                pvillkor, pparam, f = _periodfonster(schema, kolumner["period"], kalla, period, len(param) + 1)
                if f:
                    return None, fel(f, "fraga" if sql.fraga else "tabell"), None
                villkor += pvillkor
                param += pparam
            fraga = _bygg_fraga(kalltext, kolumner, villkor, summera)
            ra = db.fraga(fraga, tuple(param))
    except _SqlFel as exc:
        return None, fel(dold(str(exc))), None
    if summera and "_tomma" in ra.columns:
        tomma = ra.filter(pl.col("_tomma") > 0)
        if tomma.height:
            nycklar = "; ".join(_nyckel(r, kolumner, ("period", "enhet", "konto"))
                                for r in tomma.head(MAX_NYCKLAR).iter_rows(named=True))
            antal = int(tomma["_tomma"].sum())
            return None, fel(f"beloppskolumnen '{kolumner['belopp']}' är tom (NULL) på {antal} rader i databasen, "
                             f"bl.a. {nycklar}; fyll i beloppen (0 om inget) eller välj bort raderna i frågan."), None
        ra = ra.drop("_tomma")
    fore_data = sql.forsta_ar is not None and period is not None and period.ar < sql.forsta_ar
    if ra.height == 0 and not fore_data:
        fonster = f" för månaderna {Period(period.ar - 2, 1)} – {Period(period.ar, 12)}" if (
            typ == "huvudbok" and period is not None) else ""
        return None, fel(f"frågan gav inga rader{fonster}; kontrollera frågan, tabellen och urvalet, och att "
                         "lagret har laddats för perioden."), None
    uttag = Uttag(etikett(projekt, kalla), sql.anslutning, fraga, tuple(_som_text(p) for p in param), ra.height,
                  radsumma(ra))
    return ra.with_row_index(RAD, offset=1).with_columns(pl.col(RAD).cast(pl.Int64)), [], uttag


def med_nyckel(fel: list[Fel], ra: pl.DataFrame, kalla: Kalla) -> list[Fel]:
    """Radfel från mappningen, med radens nyckel (period, kostnadsställe, konto …) så att raden går att hitta i
    databasen: ett radnummer i ett frågeresultat säger ingen något."""
    if not fel:
        return fel
    falt = [kalla.kolumner.get(n, n) for n in ("period", "enhet", "konto", "namnd", "id")]
    falt = [c for c in falt if c in ra.columns]
    ut = []
    for f in fel:
        if f.rad is None or not falt or not 1 <= f.rad <= ra.height:
            ut.append(f)
            continue
        rad = ra.row(f.rad - 1, named=True)
        nyckel = ", ".join(f"{c} {rad[c]}" for c in falt)
        ut.append(Fel(f"{f.text.rstrip('.')} (raden med {nyckel}).", f.fil, f.rad))
    return ut


def radsumma(ram: pl.DataFrame) -> str:
    """SHA-256 över radernas värden, kolumn för kolumn: tal och datum som sina byte, text som längder plus
    tecken. Beror bara på värdena (inte på Polars filformat), och går fort även för miljontals rader."""
    h = hashlib.sha256()
    for s in ram.get_columns():
        h.update(f"{s.name}\0{s.dtype}\0".encode())
        if s.dtype.is_numeric() or s.dtype.is_temporal():
            h.update(s.to_numpy().tobytes())
        else:
            text = s.cast(pl.String)
            h.update(text.str.len_bytes().fill_null(-1).to_numpy().tobytes())
            h.update(text.fill_null("").str.join("").item().encode())
    return h.hexdigest()


# --- frågan ---------------------------------------------------------------------------------------------


def citera(namn: str) -> str:
    """Ett identifierare i dubbla citattecken (namn kan inte bindas som parametrar)."""
    return '"' + namn.replace('"', '""') + '"'


def _kalltext(sql: Sql) -> str:
    if sql.tabell:
        return ".".join(citera(d) for d in sql.tabell.split(".")) + " AS k"
    return f"({sql.fraga.strip().rstrip(';')}) AS k"  # type: ignore[union-attr]


def _kolumner(schema: pl.Schema, kalla: Kalla, krav: list[Kolumnkrav]) -> tuple[dict[str, str], str]:
    """Normaliserat namn → databasens kolumn, som för filer ('Konto' i databasen duger för 'konto')."""
    namn = list(schema)
    val: dict[str, str] = {}
    for k in krav:
        onskad = kalla.kolumner.get(k.namn, k.namn)
        lika = [c for c in namn if c.casefold() == onskad.casefold()]
        if onskad in namn:
            val[k.namn] = onskad
        elif len(lika) == 1:
            val[k.namn] = lika[0]
        elif k.obligatorisk:
            return val, (f"kolumnen '{onskad}' ({k.namn}) saknas i databasens svar{forslag(onskad, namn)}; frågan ger "
                         f"kolumnerna {', '.join(namn)} — ändra 'kolumner' i konfigurationen eller frågan.")
    return val, ""


def _ar_tal(dtype: pl.DataType) -> bool:
    # PostgreSQL:s numeric kommer genom ADBC som text med typnamnet kvar (DESIGN §9); summan görs om till float8.
    return dtype.is_numeric() or "numeric" in str(dtype).lower()


def _urval(schema: pl.Schema, sql: Sql, start: int) -> tuple[list[str], list[Any], str]:
    villkor: list[str] = []
    param: list[Any] = []
    for kolumn, varde in sql.urval.items():
        if kolumn not in schema:
            return [], [], (f"urvalet gäller kolumnen '{kolumn}', som saknas i databasens svar"
                            f"{forslag(kolumn, list(schema))}.")
        varden = varde if isinstance(varde, list) else [varde]
        platser = ", ".join(f"${start + len(param) + i}" for i in range(len(varden)))
        villkor.append(f"k.{citera(kolumn)} IN ({platser})")
        param.extend(varden)
    return villkor, param, ""


_PERIODTEXT = {"ÅÅÅÅ-MM": "{ar:04d}-{m:02d}", "ÅÅÅÅMM": "{ar:04d}{m:02d}", "ÅÅÅÅ-MM-DD": "{ar:04d}-{m:02d}-01"}


def _periodfonster(schema: pl.Schema, kolumn: str, kalla: Kalla, period: Period, start: int
                   ) -> tuple[list[str], list[Any], str]:
    """Januari två år bakåt t.o.m. december: `>= $n AND < $n+1` med gränser av kolumnens egen typ."""
    typ = schema[kolumn]
    fran, till = (period.ar - 2, 1), (period.ar + 1, 1)
    if typ in (pl.Date,) or isinstance(typ, pl.Datetime):
        granser: tuple[Any, Any] = (dt.date(*fran, 1), dt.date(*till, 1))
    elif typ == pl.String:
        monster = _PERIODTEXT[kalla.periodformat]
        granser = (monster.format(ar=fran[0], m=fran[1]), monster.format(ar=till[0], m=till[1]))
    elif typ.is_integer() and kalla.periodformat == "ÅÅÅÅMM":
        granser = (fran[0] * 100 + fran[1], till[0] * 100 + till[1])
    else:
        return [], [], (f"periodkolumnen '{kolumn}' har typen {typ}; använd ett datum, text i formatet "
                        f"{kalla.periodformat} eller heltal ÅÅÅÅMM (med periodformat: ÅÅÅÅMM).")
    c = f"k.{citera(kolumn)}"
    return [f"{c} >= ${start}", f"{c} < ${start + 1}"], list(granser), ""


def _bygg_fraga(kalltext: str, kolumner: dict[str, str], villkor: Sequence[str], summera: bool) -> str:
    """Huvudboken med tal som belopp summeras i databasen; annat läses rad för rad (i en bestämd ordning, så
    att radnumren och kontrollsumman blir desamma varje gång)."""
    where = f" WHERE {' AND '.join(villkor)}" if villkor else ""
    if summera:
        nycklar = [c for n, c in kolumner.items() if n != "belopp"]
        b = f"k.{citera(kolumner['belopp'])}"
        valda = [f"k.{citera(c)} AS {citera(c)}" for c in nycklar]
        valda += [f"CAST(sum({b}) AS DOUBLE PRECISION) AS {citera(kolumner['belopp'])}",
                  f"count(*) - count({b}) AS _tomma"]
        ordning = ", ".join(str(i + 1) for i in range(len(nycklar)))
        return f"SELECT {', '.join(valda)} FROM {kalltext}{where} GROUP BY {ordning} ORDER BY {ordning}"
    valda = [f"k.{citera(c)} AS {citera(c)}" for c in kolumner.values()]
    ordning = ", ".join(str(i + 1) for i in range(len(valda)))
    return f"SELECT {', '.join(valda)} FROM {kalltext}{where} ORDER BY {ordning}"


def _nyckel(rad: dict[str, Any], kolumner: dict[str, str], falt: Sequence[str]) -> str:
    return ", ".join(f"{kolumner[f]} {rad[kolumner[f]]}" for f in falt if f in kolumner)


def _som_text(v: Any) -> str:
    return v.isoformat() if isinstance(v, dt.date) else str(v)


# --- anslutningarna -------------------------------------------------------------------------------------


class _Databas:
    fraga: Callable[[str, tuple[Any, ...]], pl.DataFrame]

    def __enter__(self) -> _Databas:
        return self

    def __exit__(self, *_: object) -> None:
        self.stang()

    def stang(self) -> None:
        pass


def _oppna(projekt: Projekt, sql: Sql) -> _Databas:
    if "://" not in sql.anslutning:
        return _DuckDB(str(projekt.sokvag(sql.anslutning)), sql.anslutning, sql.tidsgrans_s)
    schema = urlsplit(sql.anslutning).scheme.lower()
    if schema in ("postgresql", "postgres"):
        return _Postgres(sql)
    return _AnnanServer(sql)


class _DuckDB(_Databas):
    def __init__(self, sokvag: str, visning: str, tidsgrans: float):
        try:
            import duckdb
        except ImportError:
            raise _SqlFel("DuckDB är inte installerat; installera rapportverk med tillägget sql "
                          "(pip install 'rapportverk[sql]').") from None
        self._duckdb, self._tidsgrans = duckdb, tidsgrans
        try:
            # Skrivskyddad räcker inte: DuckDB:s filfunktioner (read_csv, COPY … TO) når annars varje fil på
            # maskinen från en fråga i konfigurationen. Utan extern åtkomst läser en fråga bara databasfilen, och
            # låst konfiguration hindrar att en fråga slår på åtkomsten igen med SET.
            self._con = duckdb.connect(sokvag, read_only=True, config={"enable_external_access": False,
                                                                        "lock_configuration": True})
        except duckdb.Error as exc:
            raise _SqlFel(f"DuckDB-filen '{dold(visning)}' kan inte öppnas ({_forsta_rad(exc)}); kontrollera sökvägen "
                          "under anslutning eller skapa filen igen.") from None

    def fraga(self, sql: str, param: tuple[Any, ...]) -> pl.DataFrame:
        # En fråga i konfigurationen är en SELECT; con.sql kör annars varje sats den får, också efter ett ';'.
        try:
            antal = len(self._duckdb.extract_statements(sql))
        except self._duckdb.Error as exc:
            raise _SqlFel(f"databasen godtar inte frågan: {_forsta_rad(exc)}; rätta 'fraga'.") from None
        if antal != 1:
            raise _SqlFel(f"frågan innehåller {antal} satser; 'fraga' ska vara en enda SELECT utan ';' mitt i.")
        # DuckDB har ingen egen tidsgräns för en fråga: vakten avbryter den.
        try:
            return _inom_tidsgrans(self._tidsgrans, self._con.interrupt,
                                   lambda: self._con.sql(sql, params=list(param) or None).pl())
        except self._duckdb.Error as exc:
            raise _SqlFel(f"databasen godtar inte frågan: {_forsta_rad(exc)}; rätta 'fraga' eller 'tabell' "
                          "(eller kolumnnamnen under 'kolumner').") from None

    def stang(self) -> None:
        self._con.close()


class _Server(_Databas):
    """En server som nås med en URI. Lösenordet läggs till här, i minnet, och visas aldrig."""

    def __init__(self, sql: Sql):
        self._sql = sql
        delar = urlsplit(sql.anslutning)
        self.vard = f"{delar.hostname or 'localhost'}:{delar.port or self.standardport}"
        self.anvandare = delar.username or ""
        self._losenord = ""
        if sql.losenord_miljo:
            losenord = os.environ.get(sql.losenord_miljo)
            if losenord is None:
                raise _SqlFel(f"miljövariabeln {sql.losenord_miljo} (losenord_miljo) är inte satt; sätt den till "
                              "databasens lösenord innan du kör, eller ta bort losenord_miljo och använd .pgpass.")
            self._losenord = losenord
        netloc = delar.netloc
        if self._losenord:
            netloc = f"{quote(delar.username or '', safe='')}:{quote(self._losenord, safe='')}@" + (
                netloc.rsplit("@", 1)[-1])
        self.uri = urlunsplit((delar.scheme, netloc, delar.path, self.fragetext(delar.query), delar.fragment))

    standardport = 0

    def fragetext(self, query: str) -> str:
        return query

    def tvatta(self, text: str) -> str:
        """Aldrig lösenordet i ett fel, hur drivrutinen än formulerar sig (också om den citerar URI:n)."""
        return dold(text, self._losenord)


class _Postgres(_Server):
    standardport = 5432

    def fragetext(self, query: str) -> str:
        # libpq läser anslutningens tidsgräns och serverns statement_timeout ur URI:n.
        par = dict(parse_qsl(query))
        par.setdefault("connect_timeout", str(max(1, math.ceil(self._sql.tidsgrans_s))))
        # Uppåt, så att servern aldrig avbryter före klientens tidsgräns (_inom_tidsgrans avgör felet).
        tid = f"-c statement_timeout={math.ceil(self._sql.tidsgrans_s * 1000)}"
        par["options"] = f"{par['options']} {tid}" if "options" in par else tid
        return urlencode(par, quote_via=quote)

    def __init__(self, sql: Sql):
        super().__init__(sql)
        try:
            import adbc_driver_postgresql.dbapi as pg
        except ImportError:
            raise _SqlFel("drivrutinen för PostgreSQL är inte installerad; installera rapportverk med tillägget "
                          "sql (pip install 'rapportverk[sql]').") from None
        try:
            self._con = pg.connect(self.uri)
        except Exception as exc:
            raise _SqlFel(self._anslutningsfel(self.tvatta(str(exc)))) from None

    def _anslutningsfel(self, text: str) -> str:
        lag = text.lower()
        if "password authentication failed" in lag or "no password supplied" in lag or (
                "role" in lag and "does not exist" in lag) or "pg_hba.conf" in lag:
            var = (f"lösenordet i miljövariabeln {self._sql.losenord_miljo}" if self._sql.losenord_miljo
                   else "lösenordet i .pgpass (eller ange losenord_miljo)")
            return (f"inloggningen på databasservern {self.vard} som '{self.anvandare}' misslyckades; kontrollera "
                    f"användarnamnet i anslutning och {var}.")
        if "database" in lag and "does not exist" in lag:
            return (f"databasservern {self.vard} har ingen databas '{urlsplit(self._sql.anslutning).path.lstrip('/')}'"
                    "; kontrollera databasens namn sist i anslutning.")
        if "timeout expired" in lag:
            return (f"databasservern {self.vard} svarade inte inom {_tal(self._sql.tidsgrans_s)} s; kontrollera "
                    "värd och port i anslutning och att servern går att nå härifrån.")
        orsak = text.split("failed:", 1)[-1].strip().splitlines()[0] if "failed:" in text else _forsta_rad(text)
        return (f"databasservern {self.vard} går inte att nå ({orsak.strip()}); kontrollera värd och port i "
                "anslutning och att servern är igång.")

    def fraga(self, sql: str, param: tuple[Any, ...]) -> pl.DataFrame:
        opts = {"parameters": param} if param else None
        try:
            # Servern avbryter själv (statement_timeout); vakten avbryter också från klienten, om servern (eller
            # en pool framför den) inte tog emot inställningen.
            return _inom_tidsgrans(self._sql.tidsgrans_s, self._con.adbc_cancel,
                                   lambda: pl.read_database(sql, self._con, execute_options=opts))
        except _SqlFel:
            raise
        except Exception as exc:
            text = self.tvatta(str(exc))
            if getattr(exc, "sqlstate", None) == "57014" or "statement timeout" in text:
                raise _SqlFel(_tidsgransfel(self._sql.tidsgrans_s)) from None
            raise _SqlFel(f"databasen godtar inte frågan: {_serverfel(text)}; rätta 'fraga' eller 'tabell' "
                          "(eller kolumnnamnen under 'kolumner').") from None

    def stang(self) -> None:
        self._con.close()


class _AnnanServer(_Server):
    """Andra servrar (t.ex. SQL Server, mssql://) genom Polars och en ADBC-drivrutin för just den servern.
    Otestat här: bara DuckDB och PostgreSQL provas mot riktiga databaser."""

    def fraga(self, sql: str, param: tuple[Any, ...]) -> pl.DataFrame:
        opts = {"parameters": param} if param else None
        try:
            return pl.read_database_uri(sql, self.uri, engine="adbc", execute_options=opts)
        except ModuleNotFoundError:
            schema = urlsplit(self._sql.anslutning).scheme
            raise _SqlFel(f"det finns ingen ADBC-drivrutin för '{schema}' installerad; installera drivrutinen "
                          "för servern (se README, avsnittet om SQL-källor).") from None
        except Exception as exc:
            raise _SqlFel(f"frågan mot {self.vard} misslyckades: {_serverfel(self.tvatta(str(exc)))}.") from None


def _serverfel(text: str) -> str:
    """Serverns egen felrad ('ERROR:  syntax error at or near …') utan drivrutinens inramning."""
    for rad in text.splitlines():
        if "ERROR:" in rad:
            return rad.split("ERROR:", 1)[1].strip()
    return _forsta_rad(text)


def _forsta_rad(text: object) -> str:
    return (str(text).strip().splitlines() or [""])[0].strip().rstrip(".")


def _inom_tidsgrans(sekunder: float, avbryt: Callable[[], object], anrop: Callable[[], pl.DataFrame]
                    ) -> pl.DataFrame:
    """`anrop()` med tidsgränsen mätt här. När den gått ut avbryts frågan, och avbryts igen var tiondels sekund
    tills anropet återvänt: DuckDB glömmer ett avbrott som kommer innan frågan hunnit starta. Ett anrop som
    återvänder efter gränsen ger tidsgränsens fel, vad drivrutinen än svarade: ett avbrutet svar är inte data.

    Ctrl-C avbryter också frågan: medan huvudtråden står i drivrutinens C-kod kan Python inte köra sin
    signalhanterare, så vakten läser signalen ur en väckningspipe (signal.set_wakeup_fd) och avbryter frågan."""
    klar = threading.Event()
    avbruten = threading.Event()
    las, skriv = _vackning()

    def vakta() -> None:
        slut = time.monotonic() + sekunder
        while not klar.is_set():
            kvar = slut - time.monotonic()
            if kvar > 0 and not avbruten.is_set():
                if las is None:
                    klar.wait(min(kvar, 0.1))
                elif select.select([las], [], [], min(kvar, 0.1))[0]:
                    with contextlib.suppress(OSError):
                        if signal.SIGINT.value in os.read(las, 64):
                            avbruten.set()
                continue
            with contextlib.suppress(Exception):  # frågan kan just ha slutat; nästa varv eller klar avgör
                avbryt()
            klar.wait(0.1)

    vakt = threading.Thread(target=vakta, name="rapportverk-tidsgrans", daemon=True)
    slut = time.monotonic() + sekunder
    vakt.start()
    fel: Exception | None = None
    try:
        svar = anrop()
    except Exception as exc:
        fel = exc
    finally:
        ute = time.monotonic() >= slut
        klar.set()
        vakt.join()
        _stang_vackning(las, skriv)
    if avbruten.is_set():
        raise KeyboardInterrupt
    if ute:
        raise _SqlFel(_tidsgransfel(sekunder))
    if fel is not None:
        # Ctrl-C medan DuckDB kör: DuckDB kan se signalen själv och svara "Query interrupted" (RuntimeError eller
        # InterruptException). Det är användarens avbrott, inte ett internt fel.
        if type(fel).__name__ == "InterruptException" or "interrupted" in str(fel).lower():
            raise KeyboardInterrupt from None
        raise fel
    return svar


_GAMMAL_VACKNING: list[int] = []


def _vackning() -> tuple[int | None, int | None]:
    """En pipe som Pythons signalhanterare skriver signalnumret i (bara i huvudtråden går det att ordna)."""
    if threading.current_thread() is not threading.main_thread():
        return None, None
    las, skriv = os.pipe()
    os.set_blocking(skriv, False)
    try:
        _GAMMAL_VACKNING.append(signal.set_wakeup_fd(skriv, warn_on_full_buffer=False))
    except ValueError:
        os.close(las)
        os.close(skriv)
        return None, None
    return las, skriv


def _stang_vackning(las: int | None, skriv: int | None) -> None:
    if las is None or skriv is None:
        return
    signal.set_wakeup_fd(_GAMMAL_VACKNING.pop(), warn_on_full_buffer=False)
    os.close(las)
    os.close(skriv)


def _tidsgransfel(sekunder: float) -> str:
    return (f"frågan tog längre tid än tidsgränsen {_tal(sekunder)} s och avbröts; höj tidsgrans_s, begränsa "
            "frågan eller be lagrets förvaltare om ett index på period.")


def _tal(v: float) -> str:
    return f"{v:g}".replace(".", ",")
