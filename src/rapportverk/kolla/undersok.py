"""`rapport kolla` som biblioteksfunktion: granska en export, föreslå källan och pröva förslaget med läsaren."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from pydantic import ValidationError

from rapportverk.fel import Fel, RapportverkFel, forslag, visningsnamn
from rapportverk.kallor.filer import RAD
from rapportverk.kallor.hierarki import kontomappning
from rapportverk.kolla import oppna
from rapportverk.kolla.avstamning import andra_kallor, avstam, las_organisation, okanda_koder, overlapp
from rapportverk.kolla.belopp import kanna_enhet, kanna_tecken, kontoslag, median_belopp
from rapportverk.kolla.forslag import ordnat, provlas, yamlblock
from rapportverk.kolla.kolumner import kanna_kolumner, kanna_serie
from rapportverk.kolla.resultat import Beslut, Kollresultat, Provlasning
from rapportverk.kolla.tal import kanna_talform
from rapportverk.konfig import Projekt, ladda
from rapportverk.konfig.modell import Kalla, Sql
from rapportverk.konfig.projekt import inom_projektet
from rapportverk.period import Period

# Listelementens indrag under kallor: huvudbok: i startprojektets konfiguration.
INDRAG = 4


@dataclass(frozen=True)
class Val:
    """Det användaren anger själv när kolla inte kan avgöra det (eller avgör fel): fält → kolumn, och nycklar som
    separator, decimal, kodning, rubrikrad, blad, serie, enhet och tecken."""

    kolumner: dict[str, str] = field(default_factory=dict)
    tvingat: dict[str, str] = field(default_factory=dict)
    ersatt: Path | None = None  # en källa i konfigurationen som förslaget ska ersätta
    tabell: str | None = None  # en tabell eller vy i en databas (FIL är då databasen)
    losenord_miljo: str | None = None
    konfigfel: str | None = None  # varför konfigurationen inte kunde läsas (las_projekt)


def kolla(export: str | Path, projekt: Projekt | None = None, val: Val | None = None) -> Kollresultat:
    """Granska exporten och föreslå dess källa under kallor.huvudbok. Med `projekt` prövas koderna mot organisationen
    och kontoplanen och stäms beloppen av mot rapportraderna; utan det bara filen själv."""
    val = val or Val()
    anm: list[str] = []
    sql, sokvag, visning, plats = _plats(str(export), projekt, val)
    if isinstance(sql, Fel):
        return _tomt(visning, "sql", [sql])
    ersatter, fel = _ersatt(projekt, val)
    if fel:
        return _tomt(visning, "", fel)
    if projekt is None and val.konfigfel:
        anm.append(f"{val.konfigfel}; koderna prövas inte mot organisationen och kontoplanen och beloppen stäms inte "
                   "av")
    elif projekt is None:
        anm.append("ingen konfiguration hittades, så koderna prövas inte mot organisationen och kontoplanen och "
                   "beloppen stäms inte av; sökvägen i förslaget är relativ till den här katalogen")
    elif sokvag is not None and not inom_projektet(sokvag, projekt.katalog, projekt.konfig):
        anm.append(f"filen ligger utanför projektet ({projekt.katalog.parent}); kopiera den till projektets data/, "
                   "eller lägg dess katalog under tillat_utanfor_projektet, annars läser konfigurationen den inte")
    redan = _redan_kalla(projekt, sokvag)
    if redan is not None and redan != ersatter:
        anm.append(f"filen är redan en källa under kallor.huvudbok i {projekt.fil if projekt else ''} "
                   f"(fil: {redan}); förslaget visar hur kolla skulle läsa den")
    ra, fel = oppna.las(sokvag or Path(), visning, val.tvingat, projekt, sql)
    if ra is None:
        return _tomt(visning, "sql" if sql else Kalla(fil=str(export)).filformat, fel)
    ram = ra.ram.drop(RAD)
    if ram.height == 0:
        return _tomt(visning, ra.format, [Fel("filen har bara en rubrikrad och inga data; exportera den igen.",
                                              visning)])
    saknas = [k for k in val.kolumner.values() if k not in ram.columns]
    if saknas:
        return _tomt(visning, ra.format, [Fel(f"kolumnen '{k}' (--kolumn) finns inte i exporten"
                                              f"{forslag(k, ram.columns)}; kolumnerna är {', '.join(ram.columns)}.",
                                              visning) for k in saknas])

    org = None
    if projekt is not None:
        org, f = las_organisation(projekt, None)
        if f:
            anm.append(f"organisationen kunde inte läsas ({f[0]}), så kostnadsställena prövas inte")
    kolumner, egen = kanna_kolumner(ram, _kanda(projekt, org), val.kolumner)
    beslut: dict[str, Beslut] = dict(ra.beslut)
    oklara = [f for f in ("period", "enhet", "konto", "belopp") if kolumner[f].varde is None]
    if oklara:
        fel = [Fel(f"kolumnen för {f} går inte att avgöra: {kolumner[f].skal}; ange den med --kolumn {f}=KOLUMN.",
                   visning) for f in oklara]
        return _tomt(visning, ra.format, fel, beslut, kolumner, ram)

    grund: dict[str, Any] = {"sql": _sqlnycklar(sql)} if sql else {"fil": plats}
    grund |= {k: v for k, v in ra.nycklar.items() if (k, v) != ("rubrikrad", 1)}
    period_e = egen[kolumner["period"].varde]  # type: ignore[index]
    beslut["periodformat"] = Beslut(period_e.periodformat, f"kolumnen '{period_e.namn}' har värden som "
                                    f"'{period_e.exempel}'")
    if period_e.periodformat != "datum":
        grund["periodformat"] = period_e.periodformat
    else:
        beslut["periodformat"] = Beslut("datum", f"kolumnen '{period_e.namn}' har datum; månaden tas ur dem")
    belopp = ram[kolumner["belopp"].varde]  # type: ignore[index]
    decimaler = None
    if belopp.dtype == pl.Utf8:
        talform = kanna_talform(belopp.head(200_000).to_list())
        beslut["decimal"], beslut["tusental"], decimaler = talform.decimal, talform.tusental, talform.decimaler
        if "decimal" in val.tvingat:
            beslut["decimal"] = Beslut(val.tvingat["decimal"], "angivet med --decimal")
        if beslut["decimal"].varde:
            grund["decimal"] = beslut["decimal"].varde
    grund["kolumner"] = {f: b.varde for f, b in kolumner.items() if b.varde is not None}

    # Första läsningen: utan tecken, enhet och serie, för att se beloppen som de står i exporten.
    ra_kalla = Kalla.model_validate({**grund, "serie": "utfall", "dubbletter": "summera"})
    fore, fel = provlas(ra_kalla, projekt, sokvag, visning)
    if fore is None:
        return _tomt(visning, ra.format, fel, beslut, kolumner, ram)
    slag = kontoslag(fore["konto"].unique().to_list(), projekt.kostnadsslag if projekt else None)
    beslut["tecken"] = kanna_tecken(fore["konto"], fore["belopp"], slag.get)
    andra, a = andra_kallor(projekt, {p.resolve() for p in (sokvag, val.ersatt) if p}) if projekt else ([], [])
    anm += a
    referens = median_belopp(pl.concat([r["belopp"] for r in andra])) if andra else None
    beslut["enhet"] = kanna_enhet(fore["belopp"], decimaler, referens, kolumner["belopp"].varde or "")
    beslut["serie"] = kanna_serie(_namn(export, val), kolumner["serie"])
    ar = fore["period"].dt.year().unique().sort().to_list()
    if len(ar) == 1:
        beslut["ar"] = Beslut(str(ar[0]), f"alla rader är från {ar[0]}: en rad från ett annat år blir då ett fel")
    if fore.select("period", "enhet", "konto").is_duplicated().any() and kolumner["serie"].varde is None:
        beslut["dubbletter"] = Beslut("summera", "flera rader har samma period, kostnadsställe och konto: en "
                                      "transaktionslista, som summeras")
    for nyckel in ("serie", "enhet", "tecken"):
        if nyckel in val.tvingat:
            beslut[nyckel] = Beslut(val.tvingat[nyckel], f"angivet med --{nyckel}")
    forslaget = ordnat({**grund, **{k: (int(b.varde) if k == "ar" else b.varde) for k, b in beslut.items()
                                    if k in ("ar", "serie", "tecken", "enhet", "dubbletter") and b.varde}})
    try:
        kalla = Kalla.model_validate(forslaget)
    except ValidationError as exc:
        fel = [Fel(f"förslaget godtas inte av konfigurationen ({e['msg']}); rätta flaggan.", visning)
               for e in exc.errors()]
        return _tomt(visning, ra.format, fel, beslut, kolumner, ram)

    efter, fel = provlas(kalla, projekt, sokvag, visning)
    prov = _provlasning(efter, fel, slag)
    res: dict[str, Any] = {}
    if efter is not None and projekt is not None and org is not None:
        senaste = efter["period"].max()
        org_p, _ = las_organisation(projekt, Period(senaste.year, senaste.month))  # type: ignore[union-attr]
        if org_p is not None:
            res["okanda"] = tuple(okanda_koder(efter, org_p, projekt))
            per_manad, per_namnd = avstam(efter, org_p, projekt)
            res["per_manad"], res["per_namnd"] = tuple(per_manad), tuple(per_namnd)
        res["overlapp"] = overlapp(andra, efter)
        anm += res["overlapp"]
    manader = tuple(sorted({f"{p:%Y-%m}" for p in fore["period"].unique().to_list()}))
    kommentar = _kommentar(ra.format, beslut)
    ovrigt = {"utanfor_projektet": any("utanför projektet" in x for x in anm), "sokvag": str(sokvag or ""),
              "redan_kalla": redan, "kommentar": kommentar, "overlapp": res.pop("overlapp", [])}
    return Kollresultat(
        visning, ra.format, beslut, kolumner, tuple(c for c in ram.columns if c not in grund["kolumner"].values()),
        ram.height, manader, forslaget, yamlblock(forslaget, INDRAG, kommentar), prov,
        anmarkningar=tuple(anm), ersatter=ersatter, ovrigt=ovrigt,
        **res)


def _plats(export: str, projekt: Projekt | None, val: Val) -> tuple[Sql | Fel | None, Path | None, str, str]:
    """Databasen (för en tabell), filens sökväg, namnet som visas och sökvägen i förslaget (relativ till
    konfigurationsfilen, som alla sökvägar där)."""
    uri = "://" in export
    sokvag = None if uri else Path(export).resolve()
    plats = export if sokvag is None else (os.path.relpath(sokvag, projekt.katalog) if projekt else export)
    visning = export if sokvag is None else visningsnamn(sokvag)
    if val.tabell is None:
        return None, sokvag, visning, plats
    try:
        sql = Sql(anslutning=plats, tabell=val.tabell, losenord_miljo=val.losenord_miljo)
    except ValidationError as exc:
        text = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        return Fel(f"databasen eller tabellen godtas inte: {text}.", visning), None, visning, plats
    return sql, None, f"{visning} ({val.tabell})", plats


def _sqlnycklar(sql: Sql) -> dict[str, Any]:
    return {k: v for k, v in sql.model_dump(exclude_defaults=True).items()}


def _ersatt(projekt: Projekt | None, val: Val) -> tuple[str | None, list[Fel]]:
    if val.ersatt is None:
        return None, []
    if projekt is None:
        return None, [Fel("--ersatt behöver en konfiguration; kör i projektkatalogen eller ange --konfig.")]
    mal = val.ersatt.resolve()
    filer = [k.fil for k in projekt.konfig.kallor.huvudbok if k.fil is not None]
    for fil in filer:
        if projekt.sokvag(fil) == mal:
            return fil, []
    return None, [Fel(f"ingen källa under kallor.huvudbok läser {visningsnamn(mal)} (--ersatt); källorna läser "
                      f"{', '.join(filer) or 'inga filer'}.", projekt.fil)]


def _redan_kalla(projekt: Projekt | None, sokvag: Path | None) -> str | None:
    if projekt is None or sokvag is None:
        return None
    return next((k.fil for k in projekt.konfig.kallor.huvudbok if k.fil and projekt.sokvag(k.fil) == sokvag), None)


def _kanda(projekt: Projekt | None, org: pl.DataFrame | None) -> dict[str, Any]:
    kanda: dict[str, Any] = {}
    if org is not None:
        enheter = set(org["enhet"].to_list())
        kanda["enhet"] = lambda varden: enheter.intersection(varden)
    if projekt is not None:
        plan = projekt.kostnadsslag
        kanda["konto"] = lambda varden: set(
            kontomappning(sorted(set(varden)), plan).filter(pl.col("kostnadsslag").is_not_null())["konto"].to_list())
    return kanda


def _namn(export: str | Path, val: Val) -> str:
    return f"{Path(str(export)).name} {val.tabell or ''} {val.tvingat.get('blad', '')}".strip()


def _provlasning(ram: pl.DataFrame | None, fel: list[Fel], slag: dict[str, str | None]) -> Provlasning:
    if ram is None:
        return Provlasning(0, tuple(fel))
    klass = ram["konto"].replace_strict(list(slag), list(slag.values()), default=None, return_dtype=pl.Utf8)
    med = ram.with_columns(klass.alias("slag"))
    kostnader = float(med.filter(pl.col("slag") == "kostnad")["belopp"].sum())
    intakter = float(med.filter(pl.col("slag") == "intakt")["belopp"].sum())
    return Provlasning(ram.height, (), kostnader, intakter, float(ram["belopp"].sum()))


def _kommentar(format_: str, beslut: dict[str, Beslut]) -> str:
    delar = []
    if (k := beslut.get("kodning")) and k.varde == "cp1252":
        delar.append("Windows-1252")
    if (s := beslut.get("separator")) and s.varde:
        delar.append(f"avgränsare '{s.varde}'" if s.varde != "\t" else "tabbavgränsad")
    if (d := beslut.get("decimal")) and d.varde:
        delar.append("decimalkomma" if d.varde == "," else "decimalpunkt")
    if (r := beslut.get("rubrikrad")) and r.varde not in (None, "1"):
        delar.append(f"rubriken på rad {r.varde}")
    tecken = beslut["tecken"].varde
    delar.append("kostnader positiva" if tecken == "kostnad_positiv" else "kostnader negativa")
    delar.append(f"belopp i {beslut['enhet'].varde}")
    return f"Föreslagen av rapport kolla ({format_}): {', '.join(delar)}."


def _tomt(visning: str, format_: str, fel: list[Fel], beslut: dict[str, Beslut] | None = None,
          kolumner: dict[str, Beslut] | None = None, ram: pl.DataFrame | None = None) -> Kollresultat:
    """Ett resultat utan förslag: exporten gick inte att läsa, eller något som behövs gick inte att avgöra."""
    valda = {b.varde for b in (kolumner or {}).values()}
    ovriga = tuple(c for c in ram.columns if c not in valda) if ram is not None else ()
    return Kollresultat(visning, format_, beslut or {}, kolumner or {}, ovriga, 0 if ram is None else ram.height, (),
                        {}, "", None, fel=tuple(fel))


def las_projekt(konfigfil: Path) -> tuple[Projekt | None, str | None]:
    """Projektet att pröva exporten mot, eller None och varför: kolla granskar filen också utan konfiguration (en
    controller som inte har någon än) eller med en konfiguration som har fel (som kanske är det som ska rättas)."""
    if not konfigfil.exists():
        return None, None
    try:
        return ladda(konfigfil), None
    except RapportverkFel as exc:
        forsta = exc.fel[0]
        fler = f" (och {len(exc.fel) - 1} fel till)" if len(exc.fel) > 1 else ""
        return None, f"konfigurationen kunde inte läsas: {forsta}{fler}"
