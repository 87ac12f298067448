"""Anslutningarna till databaserna bakom SQL-källorna (DuckDB-fil, PostgreSQL, andra servrar genom Polars), med en
tidsgräns som mäts här (Ctrl-C avbryter frågan direkt) och databasens fel på svenska."""

from __future__ import annotations

import contextlib
import math
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import polars as pl

from rapportverk.konfig import Projekt
from rapportverk.konfig.anslutning import dold
from rapportverk.konfig.modell import Sql


class SqlFel(Exception):
    """Ett fel från databasen, redan översatt till svenska. las_sql för det genom `dold` innan det visas."""


class _Databas:
    fraga: Callable[[str, tuple[Any, ...]], pl.DataFrame]

    def __enter__(self) -> _Databas:
        return self

    def __exit__(self, *_: object) -> None:
        self.stang()

    def stang(self) -> None:
        pass


def oppna(projekt: Projekt, sql: Sql) -> _Databas:
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
            raise SqlFel("DuckDB är inte installerat; installera rapportverk med tillägget sql "
                          "(pip install 'rapportverk[sql]').") from None
        self._duckdb, self._tidsgrans = duckdb, tidsgrans
        try:
            # Skrivskyddad räcker inte: DuckDB:s filfunktioner (read_csv, COPY … TO) når annars varje fil på
            # maskinen från en fråga i konfigurationen. Utan extern åtkomst läser en fråga bara databasfilen, och
            # låst konfiguration hindrar att en fråga slår på åtkomsten igen med SET.
            self._con = duckdb.connect(sokvag, read_only=True, config={"enable_external_access": False,
                                                                        "lock_configuration": True})
        except duckdb.Error as exc:
            raise SqlFel(f"DuckDB-filen '{dold(visning)}' kan inte öppnas ({_forsta_rad(exc)}); kontrollera sökvägen "
                          "under anslutning eller skapa filen igen.") from None

    def fraga(self, sql: str, param: tuple[Any, ...]) -> pl.DataFrame:
        # En fråga i konfigurationen är en SELECT; con.sql kör annars varje sats den får, också efter ett ';'.
        try:
            antal = len(self._duckdb.extract_statements(sql))
        except self._duckdb.Error as exc:
            raise SqlFel(f"databasen godtar inte frågan: {_forsta_rad(exc)}; rätta 'fraga'.") from None
        if antal != 1:
            raise SqlFel(f"frågan innehåller {antal} satser; 'fraga' ska vara en enda SELECT utan ';' mitt i.")
        # DuckDB har ingen egen tidsgräns för en fråga: vakten avbryter den.
        try:
            return _inom_tidsgrans(self._tidsgrans, self._con.interrupt,
                                   lambda: self._con.sql(sql, params=list(param) or None).pl())
        except self._duckdb.Error as exc:
            raise SqlFel(f"databasen godtar inte frågan: {_forsta_rad(exc)}; rätta 'fraga' eller 'tabell' "
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
                raise SqlFel(f"miljövariabeln {sql.losenord_miljo} (losenord_miljo) är inte satt; sätt den till "
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
            raise SqlFel("drivrutinen för PostgreSQL är inte installerad; installera rapportverk med tillägget "
                          "sql (pip install 'rapportverk[sql]').") from None
        try:
            self._con = pg.connect(self.uri)
        except Exception as exc:
            raise SqlFel(self._anslutningsfel(self.tvatta(str(exc)))) from None

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
        except SqlFel:
            raise
        except Exception as exc:
            text = self.tvatta(str(exc))
            if getattr(exc, "sqlstate", None) == "57014" or "statement timeout" in text:
                raise SqlFel(_tidsgransfel(self._sql.tidsgrans_s)) from None
            raise SqlFel(f"databasen godtar inte frågan: {_serverfel(text)}; rätta 'fraga' eller 'tabell' "
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
            raise SqlFel(f"det finns ingen ADBC-drivrutin för '{schema}' installerad; installera drivrutinen "
                          "för servern (se docs/ci-it/sql.md, Andra servrar).") from None
        except Exception as exc:
            raise SqlFel(f"frågan mot {self.vard} misslyckades: {_serverfel(self.tvatta(str(exc)))}.") from None


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
        raise SqlFel(_tidsgransfel(sekunder))
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
