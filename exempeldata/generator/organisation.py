"""Nämnder, delområden, basenheter och kostnadsställen (data/organisation.yaml), beloppsmallarna för nämnderna
utan publicerade mål (data/mallar.yaml) och omorganisationen 2023."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gemensamt import csv_text, las_yaml, skriv_text

_ORG = las_yaml("organisation.yaml")

NAMNDER: tuple[tuple[str, str, str], ...] = tuple((n["id"], n["namn"], n["siffra"]) for n in _ORG["namnder"])
NAMN_FOR_NAMND = {nid: namn for nid, namn, _ in NAMNDER}
# Regionstyrelsen bär de publicerade målen och finansförvaltningen; generatorn behandlar den särskilt.
RS = "regionstyrelsen"
if NAMNDER[0][0] != RS:
    raise ValueError("organisation.yaml: regionstyrelsen ska vara den första nämnden")


@dataclass(frozen=True)
class Basenhet:
    namn: str
    antal: int  # antal kostnadsställen
    blad: tuple[str, ...] | None = None  # None: alla blad som delområdet har
    suffix: tuple[str, ...] = ("ledning", "verksamhet", "utveckling", "projekt", "stöd", "drift")


@dataclass(frozen=True)
class Delomrade:
    namnd: str
    omrade: str
    namn: str
    mall: str  # nyckel i MALLAR (övriga nämnder) eller "rs" (beloppen styrs av målen)
    basenheter: tuple[Basenhet, ...]
    konton: dict[str, tuple[str, ...]] = field(default_factory=dict)  # blad -> konton (ersätter allmänna)


@dataclass(frozen=True)
class Enhet:
    kod: str
    namn: str
    basenhet: Basenhet
    delomrade: Delomrade


def _basenhet(b: dict[str, Any]) -> Basenhet:
    blad = tuple(b["blad"]) if b.get("blad") else None
    if "suffix" not in b:
        return Basenhet(b["namn"], b["antal"], blad)
    return Basenhet(b["namn"], b["antal"], blad, tuple(b["suffix"]))


def _delomrade(d: dict[str, Any]) -> Delomrade:
    konton = {blad: tuple(k) for blad, k in d.get("konton", {}).items()}
    return Delomrade(d["namnd"], d["omrade"], d["namn"], d["mall"], tuple(map(_basenhet, d["basenheter"])), konton)


ORGANISATION: tuple[Delomrade, ...] = tuple(map(_delomrade, _ORG["delomraden"]))
FINANSFORVALTNING = _delomrade(_ORG["finansforvaltning"])

_MALLAR = las_yaml("mallar.yaml")
# Mall -> blad -> (årsbelopp i Mkr för ett kostnadsställe av normalstorlek, konton eller None).
MALLAR: dict[str, dict[str, tuple[float, tuple[str, ...] | None]]] = {
    mall: {blad: (mkr, None if konton is None else tuple(konton)) for blad, (mkr, konton) in per_blad.items()}
    for mall, per_blad in _MALLAR["mallar"].items()}
MALL_UTFALL_MOT_BUDGET: dict[str, float] = _MALLAR["utfall_mot_budget"]

_OMORG = _ORG["omorganisation"]
OMORGANISATION_FRAN, OMORGANISATION_TILL = str(_OMORG["fran"]), str(_OMORG["till"])


def bygg_organisation() -> list[Enhet]:
    """Kostnadsställen: kod = nämndens siffra + delområdets löpnummer (2) + löpnummer inom delområdet (2)."""
    enheter: list[Enhet] = []
    prefix = {nid: siffra for nid, _, siffra in NAMNDER}
    lopnr: dict[str, int] = {}
    for d in ORGANISATION:
        lopnr[d.namnd] = lopnr.get(d.namnd, 0) + 1
        n = 0
        for b in d.basenheter:
            for k in range(b.antal):
                n += 1
                kod = f"{prefix[d.namnd]}{lopnr[d.namnd]:02d}{n:02d}"
                namn = b.namn if b.antal == 1 else f"{b.namn}, {b.suffix[k % len(b.suffix)]}"
                if k >= len(b.suffix):
                    namn += f" {k // len(b.suffix) + 1}"
                enheter.append(Enhet(kod, namn, b, d))
        if n > 99:
            raise ValueError(f"för många kostnadsställen i {d.namn}")
    return enheter


def ny_placering(e: Enhet) -> tuple[str, str]:
    """(delområde, område) för ett kostnadsställe från omorganisationen; det som inte flyttas är oförändrat."""
    d = e.delomrade
    if d.namnd != _OMORG["namnd"]:
        return d.namn, d.omrade
    delas = _OMORG["delas"]
    if d.namn == delas["delomrade"]:
        return delas["namnbyte"].get(e.basenhet.namn, e.basenhet.namn), delas["omrade"]
    for nytt, gamla in _OMORG["slas_ihop"].items():
        if d.namn in gamla:
            return nytt, nytt
    return d.namn, d.omrade


def nya_delomraden() -> list[str]:
    """Delområdena som omorganisationen skapar, i resultatrapportens ordning: de sammanslagna, sedan de delade."""
    delas = _OMORG["delas"]
    delade = next(d for d in ORGANISATION if d.namnd == _OMORG["namnd"] and d.namn == delas["delomrade"])
    return [*_OMORG["slas_ihop"], *(delas["namnbyte"].get(b.namn, b.namn) for b in delade.basenheter)]


def finans_enheter(organisation: list[Enhet]) -> list[Enhet]:
    """Finansförvaltningens kostnadsställen (från 2023), numrerade efter nämndens övriga delområden."""
    f = FINANSFORVALTNING
    siffra = next(s for nid, _, s in NAMNDER if nid == f.namnd)
    lopnr = 1 + len({e.delomrade.namn for e in organisation if e.delomrade.namnd == f.namnd})
    b = f.basenheter[0]
    return [Enhet(f"{siffra}{lopnr:02d}{k + 1:02d}", f"{b.namn}, {b.suffix[k]}", b, f) for k in range(b.antal)]


def organisationsrader(organisation: list[Enhet]) -> list[tuple[str, ...]]:
    """Hierarkin med giltighet. Ett kostnadsställe vars placering ändrades 2023 har en rad t.o.m. 2022-12 och
    en från 2023-01 (samma kod). Radordningen ger delområdenas ordning vid varje period: 2021 som
    delårsrapporten, 2024 som månadsrapportens resultatrapport."""
    gamla, nya, oforandrade = [], [], []
    for e in organisation:
        bas = (e.kod, e.namn, e.basenhet.namn)
        nytt = ny_placering(e)
        if nytt == (e.delomrade.namn, e.delomrade.omrade):
            oforandrade.append((*bas, *nytt, e.delomrade.namnd, "", ""))
        else:
            gamla.append((*bas, e.delomrade.namn, e.delomrade.omrade, e.delomrade.namnd, "", OMORGANISATION_TILL))
            nya.append((*bas, *nytt, e.delomrade.namnd, OMORGANISATION_FRAN, ""))
    f = FINANSFORVALTNING
    fin = [(e.kod, e.namn, e.basenhet.namn, f.namn, f.omrade, f.namnd, OMORGANISATION_FRAN, "")
           for e in finans_enheter(organisation)]
    rs_nya = {d: [r for r in nya if r[3] == d] for d in nya_delomraden()}
    fore = _OMORG["nya_fore"]
    rader: list[tuple[str, ...]] = []
    for r in sorted(oforandrade + gamla):
        if r[5] != RS:
            continue
        if r[3] == fore and r[6] == "" and not any(x[3] == fore for x in rader):
            # De nya delområdena (utom de oförändrade) före primärvården, i resultatrapportens ordning.
            for nya_d in rs_nya.values():
                rader += sorted(nya_d)
        rader.append(r)
    rader += fin
    rader += sorted(r for r in oforandrade if r[5] != RS)
    return rader


def skriv_organisation(ut: Path, organisation: list[Enhet]) -> None:
    rader = [("enhet", "enhetsnamn", "basenhet", "delomrade", "omrade", "namnd", "giltig_fran", "giltig_till")]
    rader += organisationsrader(organisation)
    skriv_text(ut, "organisation.csv", csv_text(rader))
    skriv_text(ut, "namnder.csv", csv_text([("id", "namn"), *((nid, namn) for nid, namn, _ in NAMNDER)]))
