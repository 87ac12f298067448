"""Pydantics valideringsfel som svenska meddelanden med fil och rad (ett per fel, alla på en gång)."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from rapportverk.fel import Fel, RapportverkFel, forslag
from rapportverk.konfig.yamlrader import Vag, rad_for


def validera(modell: type[BaseModel], data: Any, rader: dict[Vag, int], fil: str) -> Any:
    try:
        return modell.model_validate(data)
    except ValidationError as exc:
        raise RapportverkFel([_oversatt(e, modell, rader, fil) for e in exc.errors()]) from None


def _vagtext(vag: Vag) -> str:
    text = ""
    for del_ in vag:
        text += f"[{del_ + 1}]" if isinstance(del_, int) else (f".{del_}" if text else str(del_))
    return text


# Pydantics feltyper där meddelandet bara är vad värdet ska vara.
_SKA_VARA = {
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), "ett heltal"),
    **dict.fromkeys(("float_type", "float_parsing"), "ett tal (t.ex. 1e14 eller 2.5)"),
    "finite_number": "ett ändligt tal",
    **dict.fromkeys(("bool_type", "bool_parsing"), "true eller false"),
    "list_type": "en lista (rader som börjar med '- ')",
}


def _oversatt(e: dict[str, Any], modell: type[BaseModel], rader: dict[Vag, int], fil: str) -> Fel:
    vag: Vag = tuple(d for d in e["loc"] if not (isinstance(d, str) and d[:1].isupper()))
    nyckel = str(vag[-1]) if vag else ""
    var = f" i '{_vagtext(vag[:-1])}'" if len(vag) > 1 else ""
    typ, ctx = e["type"], e.get("ctx", {})
    if typ == "extra_forbidden":
        text = f"okänd nyckel '{nyckel}'{var}{forslag(nyckel, _falt(modell, vag[:-1]))}"
    elif typ == "missing":
        text = f"nyckeln '{nyckel}' saknas{var}; lägg till den"
    elif typ == "literal_error":
        text = (f"värdet '{e['input']}' för '{_vagtext(vag)}' är inte tillåtet; välj något av "
                f"{str(ctx.get('expected')).replace(' or ', ' eller ')}")
    elif typ in ("string_type", "string_pattern_mismatch", "string_too_short", "string_too_long"):
        text = f"'{_vagtext(vag)}' ska vara " + (
            "text med små bokstäver a–z, siffror och _ (t.ex. regionstyrelsen)"
            if typ == "string_pattern_mismatch" else "en text" if typ == "string_type" else "ett enda tecken")
    elif typ in _SKA_VARA:
        text = f"'{_vagtext(vag)}' ska vara {_SKA_VARA[typ]}"
    elif typ == "greater_than_equal":
        text = f"'{_vagtext(vag)}' ska vara minst {_gransvarde(ctx.get('ge'))}"
    elif typ == "less_than_equal":
        text = f"'{_vagtext(vag)}' får vara högst {_gransvarde(ctx.get('le'))}"
    elif typ == "greater_than":
        text = f"'{_vagtext(vag)}' ska vara större än {ctx.get('gt', 0):g}"
    elif typ == "too_short":
        text = f"'{_vagtext(vag)}' får inte vara tom"
    elif typ in ("dict_type", "model_type", "model_attributes_type"):
        text = f"'{_vagtext(vag) or 'filen'}' ska innehålla nycklar med värden (namn: värde)"
    elif typ == "value_error":
        text = f"{_vagtext(vag) or 'filen'}: {str(e['msg']).removeprefix('Value error, ')}"
    else:
        text = f"ogiltigt värde för '{_vagtext(vag)}' ({e['msg']})"
    return Fel(f"{text}.", fil, rad_for(rader, vag))


def _falt(modell: type[BaseModel], vag: Vag) -> list[str]:
    """Fältnamnen i den modell som vägen pekar ut, för förslag vid felstavade nycklar."""
    typ: Any = modell
    for del_ in vag:
        typ = _modelltyp(typ)
        if isinstance(typ, type) and issubclass(typ, BaseModel) and isinstance(del_, str):
            falt = typ.model_fields.get(del_)
            if falt is None:
                return []
            typ = falt.annotation
        else:
            args = typing.get_args(typ)
            typ = args[-1] if args else None
    typ = _modelltyp(typ)
    return list(typ.model_fields) if isinstance(typ, type) and issubclass(typ, BaseModel) else []


def _modelltyp(typ: Any) -> Any:
    if typing.get_origin(typ) in (typing.Union, types.UnionType):
        for arg in typing.get_args(typ):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return typ


def _gransvarde(v: Any) -> str:
    return f"{v:g}".replace(".", ",") if isinstance(v, (int, float)) else str(v)
