"""Textfilens form: teckenkodning, avgränsare och rubrikrad. Rena funktioner på byte och text."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence

from rapportverk.kolla.resultat import Beslut

SEPARATORER = (";", ",", "\t", "|")
SEPARATORNAMN = {";": "semikolon", ",": "komma", "\t": "tabb", "|": "lodstreck"}
# Så många rader räcker för att se formen; resten prövas av läsaren själv (provläsningen).
PROVRADER = 400
# Text som kodats till UTF-8 två gånger: 'å' blir 'Ã¥', 'ä' 'Ã¤', 'ö' 'Ã¶'.
_DUBBELKODAD = re.compile("Ã[\u00a5\u00a4\u00b6\u2026\u201e\u2013\u00a9]")
_TAL = re.compile(r"^[-+\u2212]?\d[\d\s\u00a0\u202f.,']*$")
_DATUM = re.compile(r"^\d{4}-\d{2}(-\d{2})?([ T]\d{2}:\d{2}(:\d{2})?)?$")


class BinarFil(ValueError):
    """Filen är inte text (eller text i en kodning rapportverk inte läser); meddelandet säger vad den är."""


def kanna_kodning(data: bytes) -> Beslut:
    """UTF-8 (med eller utan BOM) eller Windows-1252. En fil med bara ASCII-tecken läses likadant med båda."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinarFil("filen är kodad som UTF-16, som rapportverk inte läser; spara om den som CSV i UTF-8 (eller "
                       "Windows-1252) och kör igen.")
    if b"\x00" in data[:65536]:
        raise BinarFil("filen är binär, inte text; exportera den som CSV, Excel (.xlsx) eller Parquet.")
    if data.startswith(b"\xef\xbb\xbf"):
        return Beslut("utf-8", "UTF-8 med byte-ordningsmärke (BOM) först i filen")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        rad = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return Beslut(None, f"filen är varken UTF-8 eller Windows-1252 (byte 0x{data[exc.start]:02X} på rad "
                          f"{rad}); spara om den som UTF-8", saker=False)
        return Beslut("cp1252", f"inte giltig UTF-8 (byte 0x{data[exc.start]:02X} på rad {rad}) men giltig "
                      f"Windows-1252, med tecken som {_exempeltecken(text)}")
    if text.isascii():
        return Beslut("utf-8", "bara ASCII-tecken, så UTF-8 och Windows-1252 ger samma text")
    if _DUBBELKODAD.search(text):
        return Beslut("utf-8", "giltig UTF-8, men texten har 'Ã¥' och liknande där det borde stå å, ä, ö: filen har "
                      "kodats om två gånger; exportera den igen", saker=False)
    return Beslut("utf-8", f"giltig UTF-8 med tecken som {_exempeltecken(text)}")


def _exempeltecken(text: str) -> str:
    tecken = [c for c, _ in Counter(c for c in text if not c.isascii() and c.isprintable()).most_common(5)]
    return ", ".join(tecken) if tecken else "inga utanför ASCII"


def rader(text: str, antal: int = PROVRADER) -> list[str]:
    """De första raderna som läsaren delar dem (på radslut, med ett avslutande CR borttaget)."""
    return [r.removesuffix("\r") for r in text.lstrip("\ufeff").split("\n", antal)[:antal]]


def dela(radtext: Sequence[str], separator: str) -> list[list[str]]:
    """Raderna delade i fält som CSV-läsaren delar dem (citattecken respekteras)."""
    return [next(csv.reader([r], delimiter=separator), []) for r in radtext]


def kanna_separator(radtext: Sequence[str]) -> Beslut:
    """Avgränsaren som ger lika många fält (minst två) på nästan alla datarader och en rubrikrad med samma antal."""
    kandidater = []
    for sep in SEPARATORER:
        delade = dela(radtext, sep)
        bredd, andel = _databredd(delade)
        if bredd < 2:
            continue
        rubrik = kanna_rubrikrad(delade, bredd)
        kandidater.append((rubrik.varde is not None, andel >= 0.9, bredd, andel, sep))
    if not kandidater:
        return Beslut(None, "ingen av avgränsarna ; , tabb | delar raderna i minst två kolumner", saker=False,
                      flagga="--separator")
    kandidater.sort(reverse=True)
    har_rubrik, jamn, bredd, andel, sep = kandidater[0]
    namn = f"'{sep}'" if sep != "\t" else "tabb"
    if not jamn:
        return Beslut(sep, f"ger {bredd} kolumner, men bara på {andel:.0%} av raderna; ett värde med "
                      "avgränsaren i sig saknar kanske citattecken".replace("%", " %"), saker=False,
                      flagga="--separator")
    lika = [k for k in kandidater[1:] if k[:3] == (har_rubrik, jamn, bredd)]
    if lika:
        andra = ", ".join(f"'{k[4]}'" for k in lika)
        return Beslut(sep, f"både {namn} och {andra} ger {bredd} kolumner på varje rad", saker=False,
                      flagga="--separator")
    return Beslut(sep, f"ger {bredd} kolumner på {andel:.0%} av raderna".replace("%", " %"))


def _databredd(delade: list[list[str]]) -> tuple[int, float]:
    """Antalet fält på dataraderna (det vanligaste i filens senare del, där förspannet inte når) och andelen rader
    i den delen som har så många."""
    icke_tomma = [len(f) for f in delade if any(c.strip() for c in f)]
    if not icke_tomma:
        return 0, 0.0
    svans = icke_tomma[len(icke_tomma) // 3:] or icke_tomma
    bredd, antal = Counter(svans).most_common(1)[0]
    return bredd, antal / len(svans)


def ar_tal(cell: str | None) -> bool:
    """Ett tal eller ett datum, som i en datarad (inte i en rubrik)."""
    if cell is None:
        return False
    c = cell.strip()
    return bool(c) and (bool(_TAL.match(c)) or bool(_DATUM.match(c)))


def kanna_rubrikrad(rader_: Sequence[Sequence[str | None]], bredd: int | None = None) -> Beslut:
    """Den första raden med minst två kolumnnamn (text, inga tal, inga dubbletter) som följs av en datarad (med
    minst ett tal). Rader ovanför — rapportnamn, utskriftsdatum, tomma rader — hoppas över."""
    for i, rad in enumerate(rader_):
        if bredd is not None and len(rad) != bredd:
            continue
        namn = [c.strip() for c in rad if c is not None and c.strip()]
        if len(namn) < 2 or any(ar_tal(c) for c in namn) or len(set(namn)) != len(namn):
            continue
        nasta = next((r for r in rader_[i + 1:] if any(c is not None and c.strip() for c in r)), None)
        if nasta is None or (bredd is not None and len(nasta) != bredd) or not any(ar_tal(c) for c in nasta):
            continue
        if i == 0:
            return Beslut("1", "kolumnnamnen står på första raden")
        return Beslut(str(i + 1), f"kolumnnamnen står på rad {i + 1}; raderna ovanför ({_forspann(rader_[:i])}) "
                      "är inte data")
    if rader_ and any(ar_tal(c) for c in rader_[0]):
        return Beslut(None, "första raden innehåller tal: filen verkar sakna rubrikrad med kolumnnamn; exportera "
                      "den med kolumnnamn", saker=False, flagga="--rubrikrad")
    return Beslut(None, "ingen rad ser ut som kolumnnamn följda av data", saker=False, flagga="--rubrikrad")


def _forspann(rader_: Sequence[Sequence[str | None]]) -> str:
    texter = [" ".join(c.strip() for c in r if c is not None and c.strip()) for r in rader_]
    visade = [f"'{t[:40]}'" if t else "tom" for t in texter[:3]]
    return ", ".join(visade) + (" …" if len(texter) > 3 else "")
