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

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from rapportverk.fel import Fel, forslag
from rapportverk.kallor.databas import SqlFel, oppna
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
        with oppna(projekt, sql) as db:
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
    except SqlFel as exc:
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
