"""Tabeller av mått: rader per organisationsnivå eller kostnadsslag, summarad från oavrundade värden."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import polars as pl

from rapportverk.berakning.matt import BASSUMMOR, MATT, Matt, bassummor
from rapportverk.berakning.modell import Avvikande, Kolumn, Rad, Tabell, Urval
from rapportverk.konfig.modell import Kolumn as KolumnDef
from rapportverk.konfig.modell import Tabell as TabellDef
from rapportverk.period import Period

RADRUBRIK = {"kostnadsslag": "Kostnadsslag", "enhet": "Kostnadsställe", "basenhet": "Basenhet",
             "delomrade": "Område", "omrade": "Område", "namnd": "Nämnd"}


# Ett litet belopp skrivs 0 i en kolumn av hela Mkr, som i de flesta publicerade tabellerna (månadsrapportens
# resultatrapport, nämndernas kostnadsslag). Där den publicerade tabellen ger det en decimal (regionens tabell per
# nämnd: −0,4 för en liten nämnd) anger tabellen eller kolumnen extra_decimaler.
EXTRA_DECIMALER = 0


def kolumner(definitioner: list[KolumnDef], register: dict[str, Matt], tdef: TabellDef) -> tuple[Kolumn, ...]:
    """Tabellens kolumner; rubrikerna är mallar ({ar}, {man} …) som fylls i utanför beräkningen. Decimalerna:
    kolumnens, måttets eller tabellens; extra decimaler för små tal: kolumnens, annars tabellens (bara
    beloppskolumner) eller EXTRA_DECIMALER."""
    ut = []
    for k in definitioner:
        m = register[k.matt]
        dec = k.decimaler if k.decimaler is not None else (m.decimaler if m.decimaler is not None else tdef.decimaler)
        extra = k.extra_decimaler
        if extra is None and m.typ == "belopp" and tdef.extra_decimaler is not None:
            extra = tdef.extra_decimaler
        ut.append(Kolumn(k.matt, k.rubrik or m.rubrik, m.typ, dec, k.grupp or None,  # type: ignore[arg-type]
                         EXTRA_DECIMALER if extra is None else extra))
    matt = [register[k.matt] for k in definitioner]
    return tuple(dataclasses.replace(k, delar=_delar(m, matt)) for k, m in zip(ut, matt, strict=True))


def _delar(m: Matt, matt: list[Matt]) -> tuple[tuple[str, int], ...]:
    """Kolumnerna som måttet är en summa av (nyckel, koefficient) när var och en står i tabellen: ack avvikelse =
    ack utfall − ack budget. Då kan en rad där den visade avvikelsen inte är skillnaden mellan de visade talen
    (0 och −1 men avvikelsen 0) få avrundningsnoten."""
    if len(m.summa.delar) < 2:
        return ()
    ensamma = {a.summa.delar[0][0]: a.nyckel for a in matt if len(a.summa.delar) == 1 and a.summa.delar[0][1] == 1}
    if not all(o in ensamma for o, _k in m.summa.delar):
        return ()
    return tuple((ensamma[o], k) for o, k in m.summa.delar)


def mattabell(namn: str, tdef: TabellDef, huvudbok: pl.DataFrame, radordning: list[str], period: Period,
              prognos: pl.DataFrame | None = None, urval: Urval | None = None) -> Tabell:
    """Bygg en tabell av mått.

    `huvudbok` är redan filtrerad på nämnd och sektion och har en kolumn `rad` för radindelningen
    (och `varav` för kostnadsslag). `radordning` ger raderna i visningsordning; en rad utan data visas
    med nollor om den står i ordningen. `prognos` har kolumnerna `rad` och `prognos_avvikelse`,
    och en rad med rad = null som gäller bara summan. `urval` är huvudbokens filter för hela tabellen (nämnd,
    sektion, kontogrupp); varje rad får det plus sin egen nyckel, så att en cell kan förklaras i efterhand.
    """
    bas_urval = urval or Urval()
    dimension = tdef.rader or "radnyckel"
    kol = kolumner(tdef.kolumner, MATT, tdef)
    uttryck = bassummor(period)
    bas = huvudbok.group_by("radnyckel").agg(uttryck)
    avstamning = avstam(bas, radordning)
    ordning = pl.DataFrame({"radnyckel": radordning}, schema={"radnyckel": pl.Utf8})
    bas = ordning.join(bas, on="radnyckel", how="left").with_columns(pl.col(BASSUMMOR).fill_null(0.0))
    summa = bas.select(pl.col(BASSUMMOR).sum())
    varav = None
    if "varav" in huvudbok.columns:
        varav = (huvudbok.filter(pl.col("varav").is_not_null()).group_by("varav", "radnyckel")
                 .agg(uttryck).sort("varav"))

    bas, summa, varav = _med_prognos(bas, summa, varav, prognos)
    minskning = pl.lit(tdef.minskning or 0.0).alias("minskning")
    bas, summa = bas.with_columns(minskning), summa.with_columns(minskning)
    if varav is not None:
        varav = varav.with_columns(minskning)
    varden = [MATT[k.nyckel].uttryck().alias(k.nyckel) for k in kol]
    rader_v = bas.with_columns(varden)
    summa_v = summa.with_columns(varden)
    # Varav-raderna per rad, i varav-ordning (en gång för tabellen, inte ett filter per rad).
    varav_per_rad: dict[str, list[dict]] = {}
    if varav is not None:
        for v in varav.with_columns(varden).iter_rows(named=True):
            if v["radnyckel"] is not None:  # som ett filter på radens nyckel: null är ingen rads
                varav_per_rad.setdefault(v["radnyckel"], []).append(v)

    rader: list[Rad] = []
    for rad in rader_v.iter_rows(named=True):
        rad_urval = bas_urval.med(**{dimension: rad["radnyckel"]})
        rader.append(Rad(rad["radnyckel"], "normal", tuple(rad[k.nyckel] for k in kol), urval=rad_urval))
        for v in varav_per_rad.get(rad["radnyckel"], []):
            rader.append(Rad(f"varav {v['varav']}", "varav", tuple(v[k.nyckel] for k in kol), niva=1,
                             urval=rad_urval.med(varav=v["varav"])))
    s = summa_v.row(0, named=True)
    delar = tuple(i for i, r in enumerate(rader) if r.typ == "normal")
    rader.append(Rad(tdef.summarad, "summa", tuple(s[k.nyckel] for k in kol), urval=bas_urval, delar=delar))
    if tdef.tecken == "omvant":
        rader = [omvand(r, kol) for r in rader]
    return Tabell(namn, tdef.rubrik, RADRUBRIK.get(tdef.rader or "", ""), kol, tuple(rader),
                  tdef.enhet, avstamning)


def med_underrader(over: Tabell, under: Tabell, foralder: Mapping[str, str]) -> Tabell:
    """Varje rad i `over` (t.ex. ett område) följd av sina rader i `under` (delområdena), indragna ett steg; raden
    ovanför blir deras delsumma och tabellens summarad summan av delsummorna. `foralder` ger varje underrads
    överordnade rad. Båda tabellerna är räknade ur samma huvudbok, så delarna summerar till raden ovanför."""
    barn: dict[str, list[Rad]] = {}
    for r in under.rader:
        if r.typ == "normal" and r.etikett in foralder:
            barn.setdefault(foralder[r.etikett], []).append(r)
    rader: list[Rad] = []
    for r in over.rader:
        if r.typ == "summa":
            delar = tuple(i for i, x in enumerate(rader) if x.niva == 0 and x.typ in ("normal", "delsumma"))
            rader.append(dataclasses.replace(r, delar=delar))
            continue
        if r.typ != "normal" or r.etikett not in barn:
            rader.append(r)
            continue
        forsta = len(rader) + 1
        delar = tuple(range(forsta, forsta + len(barn[r.etikett])))
        rader.append(dataclasses.replace(r, typ="delsumma", delar=delar))
        rader.extend(dataclasses.replace(b, niva=1) for b in barn[r.etikett])
    return dataclasses.replace(over, rader=tuple(rader))


def summarad(tdef: TabellDef, standard: str) -> str:
    """Summaradens text: tabellens `summarad`, eller tabelltypens egen när konfigurationen har standardvärdet."""
    return tdef.summarad if tdef.summarad != "Summa" else standard


def avstam(bas: pl.DataFrame, radordning: list[str]) -> tuple[Avvikande, ...]:
    """Huvudbokens belopp som inte hamnar på någon rad i tabellen (t.ex. kostnadsställen utan plats i
    hierarkin), så att summaraden aldrig tyst blir mindre än huvudboken. Tom när allt stämmer till öret."""
    utanfor = (bas.filter(~pl.col("radnyckel").is_in(radordning) | pl.col("radnyckel").is_null())
               .with_columns(pl.max_horizontal(pl.col(BASSUMMOR).abs()).alias("_abs"))
               .filter(pl.col("_abs") >= 0.005).sort("_abs", descending=True))
    return tuple(Avvikande(r["radnyckel"], r["ack_utfall"], r["arsbudget"]) for r in utanfor.iter_rows(named=True))


def omvand(rad: Rad, kol: tuple[Kolumn, ...]) -> Rad:
    """Kostnader som positiva tal (tabeller som visar kostnader så, t.ex. en reduktionsplan)."""
    varden = tuple(-v if v is not None and k.typ == "belopp" else v for v, k in zip(rad.varden, kol, strict=True))
    urval = dataclasses.replace(rad.urval, tecken=-rad.urval.tecken) if rad.urval else None
    return dataclasses.replace(rad, varden=varden, urval=urval)


def _med_prognos(bas: pl.DataFrame, summa: pl.DataFrame, varav: pl.DataFrame | None,
                 prognos: pl.DataFrame | None) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame | None]:
    if prognos is None:
        tom = pl.lit(None, dtype=pl.Float64).alias("prognos_avvikelse")
        return (bas.with_columns(tom), summa.with_columns(tom),
                varav.with_columns(tom) if varav is not None else None)
    per_rad = prognos.filter(pl.col("radnyckel").is_not_null())
    bas = bas.join(per_rad, on="radnyckel", how="left")
    if per_rad.height:
        bas = bas.with_columns(pl.col("prognos_avvikelse").fill_null(0.0))
    total = prognos["prognos_avvikelse"].sum()
    summa = summa.with_columns(pl.lit(total, dtype=pl.Float64).alias("prognos_avvikelse"))
    if varav is not None:
        varav = varav.with_columns(pl.lit(None, dtype=pl.Float64).alias("prognos_avvikelse"))
    return bas, summa, varav
