"""Jinjas syntaxfel på svenska.

Redaktören ska inte läsa en blandning av svenska och engelska ("ett uttryck är ofullständigt (expected token ','
…)"): Jinjas meddelanden har ett litet antal former, och var och en översätts här helt, med mallens egna tecken
({{ }}, {% %}) i stället för Jinjas namn på dem.
"""

from __future__ import annotations

import re

# Jinjas namn på det den läste → hur det ser ut i mallen.
_TECKEN = {
    "end of print statement": "}}", "end of statement block": "%}", "end of template": "mallens slut",
    "begin of print statement": "{{", "begin of statement block": "{%", "integer": "ett tal", "float": "ett tal",
    "name": "ett namn", "string": "en text", "data": "text", "comma": "','", "colon": "':'",
}

_LETAR = re.compile(r"Jinja was looking for the following tags: (?P<taggar>.*?)\. "
                    r"The innermost block that needs to be closed is '(?P<block>\w+)'\.")


def _tecken(jinja: str) -> str:
    return _TECKEN.get(jinja, f"'{jinja}'")


def _taggar(text: str) -> str:
    namn = [f"{{% {t} %}}" for t in re.findall(r"'(\w+)'", text)]
    return namn[0] if len(namn) == 1 else f"{', '.join(namn[:-1])} eller {namn[-1]}"


def svenska(meddelande: str) -> str:
    """Ett av Jinjas syntaxfel som en svensk bisats (utan punkt)."""
    oppet = _LETAR.search(meddelande)
    vantas = f"här väntas {_taggar(oppet['taggar'])}" if oppet else ""
    if meddelande.startswith("Unexpected end of template.") and oppet:
        return f"mallen tar slut innan blocket {{% {oppet['block']} %}} är stängt ({vantas})"
    if m := re.match(r"Encountered unknown tag '(\w+)'\.", meddelande):
        tagg = m[1]
        if oppet:
            return f"{{% {tagg} %}} står innan blocket {{% {oppet['block']} %}} är stängt ({vantas})"
        if tagg.startswith("end") or tagg in ("else", "elif"):
            return (f"{{% {tagg} %}} hör inte till något öppet block; kontrollera att blocken öppnas och stängs "
                    "i rätt ordning")
        return f"taggen {{% {tagg} %}} finns inte (tillåtna är bland andra if, for, set, include och macro)"
    if m := re.fullmatch(r"expected token '(.+?)', got '(.+?)'", meddelande):
        return f"här väntades {_tecken(m[1])} men mallen har {_tecken(m[2])}"
    if m := re.fullmatch(r"Expected an expression, got '(.+?)'", meddelande):
        return f"ett uttryck saknas före {_tecken(m[1])}"
    if meddelande.startswith("unexpected 'end of template'"):
        return "mallen tar slut mitt i ett uttryck"
    if m := re.fullmatch(r"unexpected '(.+?)'(?:, expected '(.+?)')?", meddelande):
        text = f"{_tecken(m[1])} kan inte stå här"
        return f"{text} (här väntades {_tecken(m[2])})" if m[2] else text
    if m := re.fullmatch(r"""unexpected char (['"])(.+?)\1 at \d+""", meddelande):
        if m[2] in "'\"":
            return f"citattecknet {m[2]} stängs aldrig"
        return f"tecknet {m[2]} kan inte stå i ett uttryck"
    if meddelande == "tag name expected":
        return "{% följs inte av ett taggnamn (t.ex. {% if … %})"
    # En form som inte finns ovan: hellre Jinjas egen text än ingen alls.
    return f"mallen kan inte tolkas ({meddelande})"
