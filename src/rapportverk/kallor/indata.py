"""Läs alla källor i konfigurationen till normaliserade ramar. Alla fel samlas innan de visas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from rapportverk.fel import Fel, RapportverkFel, forslag
from rapportverk.kallor.dubbletter import kontrollera_huvudboksfil, nyckelkoder, overlappande_filer
from rapportverk.kallor.filer import RAD, las_ra, styrtecken
from rapportverk.kallor.hierarki import (
    giltig_organisation,
    kontomappning,
    kontrollera_organisation,
    okanda_varden,
    omappade,
)
from rapportverk.kallor.listor import las_lista
from rapportverk.kallor.mal import (
    MALKRAV,
    MALVALFRIA,
    REGIONPROGNOSKRAV,
    REGIONPROGNOSVALFRIA,
    komplettera,
    kontrollera_mal,
)
from rapportverk.kallor.mappning import Kolumnkrav, normalisera
from rapportverk.kallor.perioder import KOLUMNORDNING, indikatorperioder
from rapportverk.kallor.radkontroller import RADKONTROLLER
from rapportverk.kallor.sql import Uttag, etikett, las_sql, med_nyckel
from rapportverk.konfig import Projekt
from rapportverk.konfig.modell import SERIER, Fil, Kalla
from rapportverk.period import Period

T, B, N, P = "text", "belopp", "tal", "period"
# Huvudbokens källrad: UInt32 räcker för varje fil och är hälften av Int64 (10M rader: 40 MB mindre).
RADTYP = pl.UInt32
KRAV = {
    "huvudbok": [Kolumnkrav("period", P), Kolumnkrav("enhet", T), Kolumnkrav("konto", T),
                 Kolumnkrav("serie", T, obligatorisk=False), Kolumnkrav("belopp", B)],
    "prognos": [Kolumnkrav("namnd", T), Kolumnkrav("nod", T), Kolumnkrav("period", P), Kolumnkrav("belopp", B)],
    "atgarder": [Kolumnkrav("namnd", T), Kolumnkrav("enhet", T), Kolumnkrav("atgard", T),
                 Kolumnkrav("period", P), Kolumnkrav("plan_helar", B), Kolumnkrav("plan_ack", B),
                 Kolumnkrav("effekt_ack", B)],
    "budgetomfordelningar": [Kolumnkrav("period", P), Kolumnkrav("namnd", T), Kolumnkrav("grupp", T),
                             Kolumnkrav("text", T), Kolumnkrav("belopp", B),
                             Kolumnkrav("radnamn", T, obligatorisk=False)],
    "personal": [Kolumnkrav("period", P), Kolumnkrav("namnd", T), Kolumnkrav("kon", T), Kolumnkrav("aldersgrupp", T),
                 Kolumnkrav("anstallda", N), Kolumnkrav("tillsvidareanstallda", N), Kolumnkrav("ordinarie_timmar", N),
                 Kolumnkrav("sjuk_timmar", N), Kolumnkrav("utan_sjukfranvaro", N)],
    "investeringar": [Kolumnkrav("period", P), Kolumnkrav("investeringsomrade", T), Kolumnkrav("utfall_ack", B),
                      Kolumnkrav("prognos", B), Kolumnkrav("arsbudget", B), Kolumnkrav("namnd", T, obligatorisk=False)],
    # Värden som inte finns i huvudboken (ansvarsförbindelse, låneskuld …), i kronor, för nyckeltalen.
    "manuella_varden": [Kolumnkrav("period", P), Kolumnkrav("namn", T), Kolumnkrav("varde", B),
                        Kolumnkrav("kommentar", T, obligatorisk=False)],
    # Perioden läses som text: ÅÅÅÅ-MM (månad), ÅÅÅÅ-Q1 (kvartal) eller ÅÅÅÅ (år), se indikatorperioder.
    "indikatorer": [Kolumnkrav("id", T), Kolumnkrav("namn", T), Kolumnkrav("grupp", T, obligatorisk=False),
                    Kolumnkrav("period", T), Kolumnkrav("varde", N), Kolumnkrav("enhet", T, obligatorisk=False),
                    Kolumnkrav("riktning", T, obligatorisk=False), Kolumnkrav("mal", N, obligatorisk=False),
                    Kolumnkrav("decimaler", N, obligatorisk=False)],
}
# Ett tomt värde betyder "inte mätt": raden visar att indikatorn finns (tom cell, Nivå ?).
VALFRIA = {"indikatorer": ("grupp", "enhet", "riktning", "mal", "decimaler", "varde"),
           "manuella_varden": ("kommentar",),
           # En omfördelning gäller en nämnd eller en rad i uppställningarna (t.ex. generella statsbidrag).
           "budgetomfordelningar": ("namnd", "radnamn"),
           # En investering kan höra till en nämnd; utan kolumnen (eller med tom nämnd) gäller den regionen.
           "investeringar": ("namnd",)}


@dataclass(frozen=True)
class Indata:
    """Normaliserade ramar. Varje rad bär `kalla` (fil) och `rad` (rad i filen)."""

    huvudbok: pl.DataFrame
    organisation: pl.DataFrame
    prognos: pl.DataFrame | None
    atgarder: pl.DataFrame | None
    budgetomfordelningar: pl.DataFrame | None
    personal: pl.DataFrame | None = None
    investeringar: pl.DataFrame | None = None
    indikatorer: pl.DataFrame | None = None
    listor: dict[str, pl.DataFrame] | None = None
    avstamning: tuple[Fel, ...] = ()
    # Källorna som lästes (None: alla). En rapporttyp som inte läser huvudboken får en tom huvudbok.
    lasta_kallor: frozenset[str] | None = None
    regionprognos: pl.DataFrame | None = None
    mal: pl.DataFrame | None = None
    # Vad varje SQL-källa gav (fråga, parametrar, kontrollsumma), för manifestet.
    sql: tuple[Uttag, ...] = ()
    manuella_varden: pl.DataFrame | None = None
    # Nämnderna vars huvudboksrader `huvudbok` har (None: hela huvudboken). En del av huvudboken kommer ur den
    # sparade, redan prövade huvudboken (utdata.huvudbokscache); underlaget läser resten när en tabell behöver den.
    huvudbok_namnder: frozenset[str] | None = None
    # Den del av `avstamning` som gäller huvudbokens koder (organisationen, kostnadsslagen och serierna).
    huvudboksfel: tuple[Fel, ...] = ()

    def har(self, kalla: str) -> bool:
        return self.lasta_kallor is None or kalla in self.lasta_kallor


def las_kalla(projekt: Projekt, kalla: Fil, typ: str, krav: list[Kolumnkrav] | None = None,
              tomma_tillatna: tuple[str, ...] = (), period: Period | None = None,
              uttag: list[Uttag] | None = None) -> tuple[pl.DataFrame | None, list[Fel]]:
    """En källa som normaliserad ram med `kalla` och `rad`. En SQL-källa läser med `period` bara de månader
    en rapport behöver (huvudboken) och lägger vad den gav i `uttag`. Text i andra källor än huvudboken (namn,
    kommentarer) som inte går att visa i ett dokument är ett fel med fil och rad; huvudbokens koder prövas mot
    organisationen och kontoplanen i stället."""
    ram, fel = _las_kalla(projekt, kalla, typ, krav, tomma_tillatna, period, uttag)
    if ram is not None and not fel and typ != "huvudbok":
        fel = styrtecken(ram)
    return (None, fel) if fel else (ram, fel)


def _las_kalla(projekt: Projekt, kalla: Fil, typ: str, krav: list[Kolumnkrav] | None = None,
              tomma_tillatna: tuple[str, ...] = (), period: Period | None = None,
              uttag: list[Uttag] | None = None) -> tuple[pl.DataFrame | None, list[Fel]]:
    """En källa som normaliserad ram med `kalla` och `rad`. En SQL-källa läser med `period` bara de månader
    en rapport behöver (huvudboken) och lägger vad den gav i `uttag`."""
    if getattr(kalla, "sql", None) is not None:
        return _las_sql(projekt, kalla, typ, krav or KRAV[typ], tomma_tillatna or VALFRIA.get(typ, ()), period,
                        uttag)
    visning = projekt.visa(kalla.fil)
    try:
        ra = las_ra(kalla, projekt.sokvag(kalla.fil), visning, RADTYP if typ == "huvudbok" else pl.Int64)
    except RapportverkFel as exc:
        return None, exc.fel
    if ra.height == 0:
        return None, [Fel("filen har bara en rubrikrad och inga data; exportera den igen.", visning)]
    ram, fel = normalisera(ra, kalla, krav or KRAV[typ], visning, tomma_tillatna or VALFRIA.get(typ, ()),
                           projekt.konfig.organisation.max_belopp)
    if fel:
        return None, fel
    return ram.rename({RAD: "rad"}).with_columns(pl.lit(visning).alias("kalla")), []


def _las_sql(projekt: Projekt, kalla: Kalla, typ: str, krav: list[Kolumnkrav], tomma_tillatna: tuple[str, ...],
             period: Period | None, uttag: list[Uttag] | None) -> tuple[pl.DataFrame | None, list[Fel]]:
    ra, fel, u = las_sql(projekt, kalla, typ, krav, period)
    if ra is None:
        return None, fel
    visning = etikett(projekt, kalla)
    ram, fel = normalisera(ra, kalla, krav, visning, tomma_tillatna, projekt.konfig.organisation.max_belopp)
    if fel:
        return None, med_nyckel(fel, ra, kalla)
    if uttag is not None and u is not None:
        uttag.append(u)
    return ram.rename({RAD: "rad"}).with_columns(pl.lit(visning).alias("kalla")), []


def kallnamn(projekt: Projekt, kalla: Kalla) -> str:
    """Filen, eller för en SQL-källa konfigurationens fil och rad."""
    return projekt.visa(kalla.fil) if kalla.sql is None else etikett(projekt, kalla)


def las_indata(projekt: Projekt, period: Period | None = None, strikt: bool = True,
               kallor: Iterable[str] | None = None) -> Indata:
    """Läs alla källor. Med `period` används organisationen som gäller då, och bara de månader
    en rapport för perioden läser (januari två år bakåt t.o.m. årets slut) kopplas mot hierarkierna.

    Med `strikt=False` (utkast) stoppar koder som saknas i hierarkierna inte läsningen: raderna behålls
    och fynden lämnas i `avstamning`, så att rapporten kan visa dem som varningar.

    `kallor` (t.ex. en rapporttyps `kallor`) väljer källorna: namn under kallor (huvudbok, indikatorer …) eller
    listor under kallor.listor. Utan huvudbok läses varken huvudboken eller organisationen, och perioden behöver
    inget utfall."""
    valda = None if kallor is None else frozenset(kallor)
    k = projekt.konfig
    fel: list[Fel] = []
    delar = []
    las_huvudbok = valda is None or "huvudbok" in valda
    uttag: list[Uttag] = []
    for kalla in (k.kallor.huvudbok if las_huvudbok else []):
        ram, f = las_kalla(projekt, kalla, "huvudbok", period=period, uttag=uttag)
        fel.extend(f)
        if ram is None or ram.height == 0:  # tomt: en SQL-källa vars data börjar efter rapportens månader
            continue
        if kalla.serie:
            ram = ram.with_columns(pl.lit(kalla.serie).alias("serie"))
        elif "serie" not in ram.columns:
            fel.append(projekt.fel(f"källan '{kalla.fil or kallnamn(projekt, kalla)}' anger varken 'serie' eller en "
                                   "kolumn för serie; skriv t.ex. serie: utfall.", ("kallor", "huvudbok")))
            continue
        ram = _kategoriska(ram.select("period", "enhet", "konto", "serie", "belopp", "kalla",
                                      pl.col("rad").cast(RADTYP)), kalla.serie)
        fel.extend(kontrollera_huvudboksfil(ram, kalla, kallnamn(projekt, kalla), nyckelkoder([ram])[0]))
        delar.append(ram)

    org_kalla = k.hierarkier.organisation
    if not las_huvudbok:
        return _utan_huvudbok(projekt, valda or frozenset(), period, strikt)
    org_krav = [Kolumnkrav(n, T) for n in projekt.org_nivaer]
    org_krav += [Kolumnkrav("giltig_fran", T, obligatorisk=False), Kolumnkrav("giltig_till", T, obligatorisk=False)]
    org, f = las_kalla(projekt, org_kalla, "organisation", org_krav, tomma_tillatna=("giltig_fran", "giltig_till"))
    fel.extend(f)
    if org is not None:
        org, f = giltig_organisation(org, period, projekt.visa(org_kalla.fil))
        fel.extend(f)
        fel.extend(kontrollera_organisation(org.rename({"rad": RAD}), projekt.org_nivaer, projekt.namnd_ids,
                                            projekt.visa(org_kalla.fil)))

    # En rapporttyp som läser huvudboken läser också alla andra källor (som förut); urvalet gäller typer utan den.
    ovriga, listor, f = _las_ovriga(projekt, None, uttag)
    fel.extend(f)
    # Överlappen prövas på nycklar packade lika för alla filerna (en fils egna packning kan skilja sig från en
    # annans), räknade först här: under läsningen hålls inga nycklar kvar.
    fel.extend(overlappande_filer(delar))
    if fel:
        raise RapportverkFel(fel)
    utan_utfall = period is not None and not any(
        r.filter((pl.col("period") == period.forsta_dag) & (pl.col("serie") == "utfall")).height for r in delar)
    if utan_utfall:
        perioder = [r.select(pl.col("period").filter(pl.col("serie") == "utfall").max()).item() for r in delar]
        senaste = max((p for p in perioder if p is not None), default=None)
    if period is not None:
        # Från januari två år bakåt: R12-förändringen för varje månad i år behöver 24 månader bakåt. En fil som
        # redan ligger inom fönstret kopieras inte.
        fran, till = Period(period.ar - 2, 1).forsta_dag, Period(period.ar, 12).forsta_dag
        delar = [r if r.select((pl.col("period").min() >= fran) & (pl.col("period").max() <= till)).item()
                 else r.filter(pl.col("period").is_between(fran, till)) for r in delar]
    huvudbok = pl.concat(delar) if len(delar) > 1 else delar[0]
    del delar
    assert org is not None
    huvudbok, f = _koppla_hierarkier(huvudbok, org, projekt)
    huvudboksfel = tuple(f)
    # Samma avstämning för de andra källornas rader som för huvudbokens koder: varning i utkast, fel annars.
    f += omappade_kallrader(projekt, ovriga, org, period)
    if f and strikt:
        raise RapportverkFel(f)
    if utan_utfall:
        tips = f" Senaste månad med utfall är {senaste:%Y-%m}." if senaste else ""
        raise RapportverkFel(Fel(f"huvudboken har inget utfall för perioden {period}; kontrollera perioden eller "
                                 f"läs in månadens export.{tips}"))

    # Ett okänt konto har ingen sektion; räkna det till verksamheten så att avstämningen ser det.
    if huvudbok["sektion"].null_count():
        huvudbok = huvudbok.with_columns(pl.col("sektion").fill_null("verksamhet"))
    return Indata(huvudbok, org, ovriga["prognos"], ovriga["atgarder"], ovriga["budgetomfordelningar"],
                  ovriga["personal"], ovriga["investeringar"], ovriga["indikatorer"], listor, tuple(f), valda,
                  ovriga["regionprognos"], ovriga["mal"], tuple(uttag), ovriga["manuella_varden"],
                  huvudboksfel=huvudboksfel)


# De andra källornas ramar i Indata (utom listorna): de som _las_ovriga läser, och de som den sparade huvudboken
# bär med sig (utdata.huvudbokscache).
OVRIGA = ("prognos", "atgarder", "budgetomfordelningar", "personal", "investeringar", "indikatorer",
          "manuella_varden", "regionprognos", "mal")


def las_indata_med_huvudbok(projekt: Projekt, period: Period | None, strikt: bool, huvudbok: pl.DataFrame,
                            org: pl.DataFrame, huvudboksfel: tuple[Fel, ...],
                            namnder: frozenset[str] | None, kallor: Iterable[str] | None = None,
                            lasta: tuple[dict[str, pl.DataFrame | None], dict[str, pl.DataFrame]] | None = None
                            ) -> Indata:
    """Som las_indata med alla källor, men med huvudboken redan läst, prövad och kopplad mot hierarkierna (en del
    av den: `namnder`, None för hela) och organisationen som gällde för perioden. De andra källorna läses och
    prövas som i las_indata (eller är redan lästa och prövade: `lasta`, ramarna i OVRIGA och listorna), och
    avstämningen blir densamma: huvudbokens fynd först, sedan de andra källornas.
    `kallor`: rapporttypens källor, som i las_indata (de måste ta med huvudboken)."""
    uttag: list[Uttag] = []
    if lasta is not None:
        ovriga, listor = lasta
    else:
        ovriga, listor, fel = _las_ovriga(projekt, None, uttag)
        if fel:
            raise RapportverkFel(fel)
    f = [*huvudboksfel, *omappade_kallrader(projekt, ovriga, org, period)]
    if f and strikt:
        raise RapportverkFel(f)
    return Indata(huvudbok, org, ovriga["prognos"], ovriga["atgarder"], ovriga["budgetomfordelningar"],
                  ovriga["personal"], ovriga["investeringar"], ovriga["indikatorer"], listor, tuple(f),
                  None if kallor is None else frozenset(kallor),
                  ovriga["regionprognos"], ovriga["mal"], tuple(uttag), ovriga["manuella_varden"],
                  huvudbok_namnder=namnder, huvudboksfel=tuple(huvudboksfel))


def _las_ovriga(projekt: Projekt, valda: frozenset[str] | None, uttag: list[Uttag]
                ) -> tuple[dict[str, pl.DataFrame | None], dict[str, pl.DataFrame], list[Fel]]:
    """Alla källor utom huvudboken och organisationen (None: alla, annars de valda); fel samlas."""
    k = projekt.konfig
    fel: list[Fel] = []

    def vald(namn: str) -> bool:
        return valda is None or namn in valda

    ovriga: dict[str, pl.DataFrame | None] = dict.fromkeys(OVRIGA)
    if vald("prognos") and k.kallor.prognos:
        delar = []
        for kalla in k.kallor.prognos:
            ram, f = las_kalla(projekt, kalla, "prognos", uttag=uttag)
            fel.extend(f)
            if ram is not None:
                delar.append(ram)
        ovriga["prognos"] = pl.concat(delar) if delar else None
    for namn in ("atgarder", "budgetomfordelningar", "personal", "investeringar", "manuella_varden"):
        kalla = getattr(k.kallor, namn)
        if vald(namn) and kalla is not None:
            ram, f = las_kalla(projekt, kalla, namn, uttag=uttag)
            if ram is not None and namn in RADKONTROLLER:
                f = RADKONTROLLER[namn](ram, kallnamn(projekt, kalla))
            ovriga[namn] = None if f else ram
            fel.extend(f)
    if vald("indikatorer"):
        ovriga["indikatorer"], f = las_indikatorer(projekt, uttag)
        fel.extend(f)
    listor: dict[str, pl.DataFrame] = {}
    for namn, kalla in k.kallor.listor.items():
        if vald(namn) or vald("listor"):
            ram, f = las_lista(projekt, namn, kalla)
            fel.extend(f)
            if ram is not None:
                listor[namn] = ram
    ovriga["regionprognos"], ovriga["mal"], f = las_regionkallor(projekt, valda, uttag)
    fel.extend(f)
    return ovriga, listor, fel


def las_regionkallor(projekt: Projekt, valda: frozenset[str] | None = None, uttag: list[Uttag] | None = None
                     ) -> tuple[pl.DataFrame | None, pl.DataFrame | None, list[Fel]]:
    """Regionens prognos per rad och målfilerna (de källor som regionens delårsrapport läser)."""
    k = projekt.konfig
    fel: list[Fel] = []
    regionprognos = None
    if k.kallor.regionprognos is not None and (valda is None or "regionprognos" in valda):
        regionprognos, f = las_kalla(projekt, k.kallor.regionprognos, "regionprognos", REGIONPROGNOSKRAV,
                                     tomma_tillatna=REGIONPROGNOSVALFRIA, uttag=uttag)
        fel.extend(f)
    delar = []
    for kalla in (k.kallor.mal if valda is None or "mal" in valda else []):
        ram, f = las_kalla(projekt, kalla, "mal", MALKRAV, tomma_tillatna=MALVALFRIA, uttag=uttag)
        fel.extend(f)
        if ram is not None:
            ram = komplettera(ram)
            visning = etikett(projekt, kalla) if kalla.sql is not None else projekt.visa(kalla.fil)
            fel.extend(kontrollera_mal(ram, projekt.namnd_ids, list(k.nyckeltal), visning))
            delar.append(ram)
    mal = pl.concat(delar, how="diagonal_relaxed") if delar else None
    return regionprognos, mal, fel


def _utan_huvudbok(projekt: Projekt, valda: frozenset[str], period: Period | None = None, strikt: bool = True
                  ) -> Indata:
    """Bara de valda källorna; huvudboken och organisationen är tomma ramar med rätt kolumner."""
    uttag: list[Uttag] = []
    ovriga, listor, fel = _las_ovriga(projekt, valda, uttag)
    if fel:
        raise RapportverkFel(fel)
    avstamning = omappade_kallrader(projekt, ovriga, None, period)  # utan organisation: bara nämnderna prövas
    if avstamning and strikt:
        raise RapportverkFel(avstamning)
    nivaer = projekt.org_nivaer
    org = pl.DataFrame(schema=dict.fromkeys(nivaer, pl.Utf8))
    huvudbok = pl.DataFrame(schema={"period": pl.Date, "enhet": pl.Utf8, "konto": pl.Utf8, "serie": pl.Utf8,
                                    "belopp": pl.Float64, "kalla": pl.Utf8, "rad": RADTYP,
                                    **dict.fromkeys(nivaer[1:], pl.Utf8), "kostnadsslag": pl.Utf8,
                                    "sektion": pl.Utf8})
    return Indata(huvudbok, org, ovriga["prognos"], ovriga["atgarder"], ovriga["budgetomfordelningar"],
                  ovriga["personal"], ovriga["investeringar"], ovriga["indikatorer"], listor, tuple(avstamning), valda,
                  ovriga["regionprognos"], ovriga["mal"], tuple(uttag), ovriga["manuella_varden"])


def omappade_kallrader(projekt: Projekt, ovriga: dict[str, pl.DataFrame | None], org: pl.DataFrame | None,
                       period: Period | None) -> list[Fel]:
    """Rader i de inmatade källorna som inte hör till någon rad i rapporterna: en nämnd som inte är konfigurerad
    (prognos, åtgärder, budgetomfördelningar, personal), en prognosnod som inte finns under sin nämnd i
    organisationen (med `org`; bara rapportårets prognoser, som organisationen vid perioden gäller för) och en rad i
    regionens prognos som ingen uppställning har. Investeringarna behöver inget: varje område är sin egen rad."""
    k = projekt.konfig
    namnder = projekt.namnd_ids
    fel: list[Fel] = []

    def okand_namnd(kalla: str, vad: str, flera: str) -> list[Fel]:
        ram = ovriga.get(kalla)
        if ram is None or "namnd" not in ram.columns:
            return []
        return okanda_varden(ram.filter(~pl.col("namnd").is_in(namnder)), ["namnd"], lambda r: (
            f"{vad} gäller nämnden '{r['namnd']}'{_rader(r['antal'])}, som inte finns under namnder i "
            f"konfigurationen{forslag(r['namnd'], namnder)}, så {'de' if r['antal'] > 1 else 'den'} kommer inte med "
            f"hos någon nämnd; rätta nämndens id i filen eller lägg till nämnden i {projekt.fil}."), flera)

    fel += okand_namnd("prognos", "prognosraden", "prognosrader")
    fel += okand_namnd("atgarder", "åtgärdsraden", "åtgärdsrader")
    fel += okand_namnd("budgetomfordelningar", "budgetomfördelningen", "budgetomfördelningar")
    fel += okand_namnd("personal", "personalraden", "personalrader")
    fel += okand_namnd("investeringar", "investeringen", "investeringar")

    prognos = ovriga.get("prognos")
    niva = k.kallor.prognos[0].niva if k.kallor.prognos else None
    if prognos is not None and org is not None and niva in org.columns:
        if period is not None:
            prognos = prognos.filter(pl.col("period").dt.year() == period.ar)
        noder = org.select("namnd", pl.col(niva).alias("nod")).unique()
        utan = prognos.filter(pl.col("namnd").is_in(namnder)).join(noder, on=["namnd", "nod"], how="anti")
        orgfil = projekt.visa(k.hierarkier.organisation.fil)

        def nodtext(r: dict) -> str:
            kanda = noder.filter(pl.col("namnd") == r["namnd"])["nod"].to_list()
            return (f"prognosen för {niva} '{r['nod']}' i nämnden '{r['namnd']}'{_rader(r['antal'])} kan inte "
                    f"placeras på någon rad, eftersom {niva} '{r['nod']}' inte finns under nämnden i "
                    f"organisationshierarkin ({orgfil}){forslag(r['nod'], kanda)}; rätta namnet i prognosfilen "
                    "eller lägg till noden i hierarkin.")
        fel += okanda_varden(utan, ["namnd", "nod"], nodtext, "prognosrader")

    # Regionens prognos och omfördelningar på rader läses per radnamn av uppställningarnas rader med kostnadsslag,
    # konton eller manuell.
    rader = sorted({r.etikett or r.namn for t in k.tabeller.values() if t.typ == "uppstallning"
                    for r in t.uppstallning if r.kostnadsslag or r.konton or r.manuell})
    omf = ovriga.get("budgetomfordelningar")
    if omf is not None and "radnamn" in omf.columns:
        utan_rad = omf.filter(pl.col("radnamn").is_not_null() & ~pl.col("radnamn").is_in(rader))
        fel += okanda_varden(utan_rad, ["radnamn"], lambda r: (
            f"budgetomfördelningen på raden '{r['radnamn']}'{_rader(r['antal'])} finns inte i någon uppställning"
            f"{forslag(r['radnamn'], rader)}, så den ändrar ingen ursprunglig budget; skriv radens namn som i "
            "uppställningen (kostnadsslag, rad eller etikett)."), "budgetomfördelningar")
    regionprognos = ovriga.get("regionprognos")
    if regionprognos is not None:
        utan = regionprognos.filter(~pl.col("radnamn").is_in(rader))
        fel += okanda_varden(utan, ["radnamn"], lambda r: (
            f"raden '{r['radnamn']}'{_rader(r['antal'])} finns inte i någon uppställning{forslag(r['radnamn'], rader)}"
            ", så dess prognos och utfall kommer inte med; skriv radens namn som i uppställningen (kostnadsslag, rad "
            "eller etikett) eller lägg till raden där."), "rader i regionens prognos")
    return fel


def _rader(antal: int) -> str:
    return f" ({antal} rader)" if antal > 1 else ""


def las_indikatorer(projekt: Projekt, uttag: list[Uttag] | None = None) -> tuple[pl.DataFrame | None, list[Fel]]:
    """Alla indikatorfiler i en ram, med `periodtyp` (manad, kvartal, ar) och `period` = periodens sista månad."""
    delar, fel = [], []
    for kalla in projekt.konfig.kallor.indikatorer:
        ram, f = las_kalla(projekt, kalla, "indikatorer", uttag=uttag)
        fel.extend(f)
        if ram is not None:
            ram, f = indikatorperioder(ram, kalla.periodformat, kallnamn(projekt, kalla))
            fel.extend(f)
            delar.append(ram)
    if fel or not delar:
        return None, fel
    kolumner = sorted({c for d in delar for c in d.columns}, key=lambda c: [*KOLUMNORDNING, c].index(c))
    delar = [d.with_columns(pl.lit(None, dtype=pl.Float64 if c in ("mal", "decimaler") else pl.Utf8).alias(c)
                            for c in kolumner if c not in d.columns).select(kolumner) for d in delar]
    return pl.concat(delar), []


def _kategoriska(ram: pl.DataFrame, serie: str | None) -> pl.DataFrame:
    """En fils rader med kostnadsställe, konto, serie och fil som kategoriska kolumner: några tusen olika värden på
    miljontals rader (10M rader: en halv GB mindre medan filerna läses). Filens namn och serien, när källan anger
    den, är samma på varje rad och görs inte om rad för rad."""
    kat = pl.Categorical
    return ram.with_columns(pl.col("enhet", "konto").cast(kat), pl.lit(ram["kalla"][0], dtype=kat).alias("kalla"),
                            pl.lit(serie, dtype=kat).alias("serie") if serie else pl.col("serie").cast(kat))


def _koppla_hierarkier(huvudbok: pl.DataFrame, org: pl.DataFrame, projekt: Projekt
                       ) -> tuple[pl.DataFrame, list[Fel]]:
    nivaer = projekt.org_nivaer
    # Kategoriska kolumner: några tusen olika värden på miljontals rader. Kopplingen och varje filter per nämnd
    # blir heltalsjämförelser, och minnet en bråkdel av textkolumnernas (10M rader: 2,8 → 2,0 GB). Kontot också
    # (4 byte per rad i stället för 16); kontogrupperna jämför då kategoriernas text (berakning.urval). En kolumn
    # som redan är kategorisk (satta per fil) görs inte om.
    kat = pl.Categorical
    huvudbok = huvudbok.with_columns(pl.col(c).cast(kat) for c in ("enhet", "konto", "serie", "kalla")
                                     if huvudbok.schema[c] != kat)
    konton = kontomappning(huvudbok["konto"].unique().sort().to_list(), projekt.kostnadsslag)
    konton = konton.with_columns(pl.col(c).cast(kat) for c, t in konton.schema.items()
                                 if t == pl.Utf8 and c != "konto")
    org = org.select(pl.col(nivaer).cast(kat))
    # Som två vänsterkopplingar mot de små tabellerna (kostnadsställena, kontona): radens plats i varje tabell (null
    # när koden saknas där) och tabellens kolumner hämtade därifrån. Billigare än att först söka de olika (enhet,
    # konto)-paren bland miljontals rader, och huvudbokens egna kolumner kopieras inte.
    fullt = huvudbok.hstack([*org.drop("enhet").gather(_platser(huvudbok["enhet"], org["enhet"])).get_columns(),
                             *konton.drop("konto").gather(_platser(huvudbok["konto"], konton["konto"])).get_columns()])
    # Raderna med en kod som saknas söks bara när det finns några (ett filter över alla rader kostar minne).
    fel = []
    if fullt["namnd"].null_count():
        fel += omappade(fullt.filter(pl.col("namnd").is_null()), "enhet", "kostnadsstället",
                        f"organisationshierarkin ({projekt.visa(projekt.konfig.hierarkier.organisation.fil)})")
    if fullt["kostnadsslag"].null_count():
        fel += omappade(fullt.filter(pl.col("kostnadsslag").is_null()), "konto", "kontot",
                        f"kostnadsslagen ({projekt.kostnadsslag_fil})")
    if not fullt["serie"].is_in(SERIER).all():
        fel += omappade(fullt.filter(~pl.col("serie").is_in(SERIER)), "serie", "serien",
                        f"de serier som måtten räknar med ({', '.join(SERIER)})",
                        "rätta serien i filen eller 'serie' under källan i konfigurationen")
    return fullt, fel


def _platser(koder: pl.Series, nycklar: pl.Series) -> pl.Series:
    """Var varje kod står bland `nycklar` (olika värden), null när den saknas där: en vänsterkoppling gjord på de
    kategoriska kolumnernas heltalskoder, utan en hashtabell över miljontals texter."""
    kat = pl.Categorical
    k, n = koder.cast(kat).to_physical(), nycklar.cast(kat).to_physical()
    tabell = pl.repeat(None, max(k.max() or 0, n.max() or 0) + 1, dtype=pl.UInt32, eager=True)
    tabell.scatter(n, pl.int_range(n.len(), dtype=pl.UInt32, eager=True))
    return tabell.gather(k)
