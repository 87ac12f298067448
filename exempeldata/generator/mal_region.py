"""Regionens mål och indikatorer med bedömning (mal_2024.csv), per 2024-04 och 2024-08 (data/mal_2024.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

from .gemensamt import csv_text, las_yaml, skriv_text

_DATA = las_yaml("mal_2024.yaml")
BEDOMNINGAR = ("Helt", "Delvis", "Inte", "Inga data")
# (id, text, bedömning per augusti, analys)
REGIONMAL = tuple((m["id"], m["text"], m["bedomning"], m["analys"]) for m in _DATA["regionmal"])
# Perspektivet per regionmål och för delmål med eget (indikatorerna och övriga delmål ärver det; tomt i filen).
PERSPEKTIV = {m["id"]: m["perspektiv"] for m in (*_DATA["regionmal"], *_DATA["delmal"]) if m.get("perspektiv")}
# (id, nämnd, regionmål, text, bedömning per augusti)
DELMAL = tuple((m["id"], m["namnd"], m["regionmal"], m["text"], m["bedomning"]) for m in _DATA["delmal"])
# (id, delmål, text, bedömning, utfall, målvärde): utfall och målvärde som text med decimalkomma eller tomma.
INDIKATORER = tuple((m["id"], m["delmal"], m["text"], m["bedomning"], m["utfall"], m["malvarde"])
                    for m in _DATA["indikatorer"])
# (id, text, nyckeltal, målvärde, bedömning per augusti, analys). Utfallet räknas av verktyget ur nyckeltalet.
FINANSIELLA = tuple((m["id"], m["text"], m["nyckeltal"], m["malvarde"], m["bedomning"], m["analys"])
                    for m in _DATA["finansiella"])
# Per april: id -> (bedömning, utfall eller None = samma som i augusti).
APRIL_AVVIKER: dict[str, tuple[str, str | None]] = {
    id_: (m["bedomning"], m.get("utfall")) for id_, m in _DATA["april_avviker"].items()}


def mal_rader() -> list[tuple[str, ...]]:
    rader: list[tuple[str, ...]] = []
    namnd_for = {d[0]: d[1] for d in DELMAL}
    for period in ("2024-04", "2024-08"):
        ut: list[list[str]] = []
        for id_, text, bed, analys in REGIONMAL:
            ut.append([period, "regionmal", id_, "", "", text, bed, "", "", "", analys, PERSPEKTIV[id_]])
        for id_, namnd, over, text, bed in DELMAL:
            ut.append([period, "delmal", id_, namnd, over, text, bed, "", "", "", "", PERSPEKTIV.get(id_, "")])
        for id_, over, text, bed, utfall, malvarde in INDIKATORER:
            ut.append([period, "indikator", id_, namnd_for[over], over, text, bed, utfall, malvarde, "", "", ""])
        for id_, text, nyckeltal, malvarde, bed, analys in FINANSIELLA:
            ut.append([period, "finansiellt", id_, "", "", text, bed, "", malvarde, nyckeltal, analys, "Ekonomi"])
        if period == "2024-04":
            for r in ut:
                if r[2] in APRIL_AVVIKER:
                    bed, utfall = APRIL_AVVIKER[r[2]]
                    r[6] = bed
                    if utfall is not None:
                        r[7] = utfall
        rader += [tuple(r) for r in ut]
    return rader


def kontrollera_malrader(rader: list[tuple[str, ...]]) -> dict[str, dict[tuple[str, str], int]]:
    """Unika id, giltiga hänvisningar och bedömningar; antal per period, typ och bedömning."""
    antal: dict[str, dict[tuple[str, str], int]] = {}
    for period in ("2024-04", "2024-08"):
        per = [r for r in rader if r[0] == period]
        typ = {r[2]: r[1] for r in per}
        if len(typ) != len(per):
            raise ValueError(f"mål {period}: id är inte unika")
        for r in per:
            _, t, id_, namnd, over, text, bed, utfall, malvarde, nyckeltal, analys, _perspektiv = r
            if not id_.isascii() or id_ != id_.lower() or " " in id_ or bed not in BEDOMNINGAR or not text:
                raise ValueError(f"mål {period} {id_}: id eller bedömning")
            vantad = {"regionmal": None, "delmal": "regionmal", "indikator": "delmal", "finansiellt": None}[t]
            if (vantad is None) != (over == "") or (vantad and typ.get(over) != vantad):
                raise ValueError(f"mål {period} {id_}: överordnat {over!r}")
            if (t in ("regionmal", "finansiellt")) != (namnd == "") or (t in ("regionmal", "finansiellt")
                                                                         and not analys):
                raise ValueError(f"mål {period} {id_}: nämnd eller analys")
            if nyckeltal and utfall:
                raise ValueError(f"mål {period} {id_}: utfall räknas ur nyckeltalet")
            for tal in (utfall, malvarde):
                if tal and not re.fullmatch(r"-?\d+(,\d+)?", tal):
                    raise ValueError(f"mål {period} {id_}: {tal!r} är inget tal med decimalkomma")
            antal.setdefault(period, {})
            antal[period][t, bed] = antal[period].get((t, bed), 0) + 1
    if [r[2:] for r in rader if r[0] == "2024-04"] == [r[2:] for r in rader if r[0] == "2024-08"]:
        raise ValueError("mål: april och augusti är lika")
    return antal


def skriv_mal(katalog: Path, rader: list[tuple[str, ...]]) -> None:
    rubrik = ("period", "typ", "id", "namnd", "overordnat", "text", "bedomning", "utfall", "malvarde", "nyckeltal",
              "analys", "perspektiv")
    skriv_text(katalog, "mal_2024.csv", csv_text([rubrik, *rader]))

