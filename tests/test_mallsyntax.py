"""Jinjas syntaxfel på svenska, utan engelska inslag (issue 22: "a Jinja syntax error in mixed Swedish and English")."""

import re

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment

from rapportverk.dokument.mallsyntax import svenska

FALL = {
    "{{ a(": "mallen tar slut mitt i ett uttryck",
    "{{ a b }}": "här väntades }} men mallen har 'b'",
    "{{ a ! }}": "tecknet ! kan inte stå i ett uttryck",
    "{% foo %}": "taggen {% foo %} finns inte (tillåtna är bland andra if, for, set, include och macro)",
    "{{ }}": "ett uttryck saknas före }}",
    "{% %}": "{% följs inte av ett taggnamn (t.ex. {% if … %})",
    "{% for x in y %}": "mallen tar slut innan blocket {% for %} är stängt (här väntas {% endfor %} eller {% else %})",
    "{% if x %}{% endfor %}": ("{% endfor %} står innan blocket {% if %} är stängt (här väntas {% elif %}, "
                               "{% else %} eller {% endif %})"),
    "{{ a(1 2) }}": "här väntades ',' men mallen har ett tal",
    "{{ a[1 }}": "'}' kan inte stå här (här väntades ']')",
    "{{ 'abc }}": "citattecknet ' stängs aldrig",
    "{% endif %}": ("{% endif %} hör inte till något öppet block; kontrollera att blocken öppnas och stängs i rätt "
                    "ordning"),
    "{{ a | }}": "här väntades ett namn men mallen har }}",
    "{% set %}": "ett uttryck saknas före %}",
    "{{ a(x=) }}": "')' kan inte stå här",
}


def _meddelande(kalla: str) -> str:
    with pytest.raises(jinja2.TemplateSyntaxError) as fel:
        SandboxedEnvironment().from_string(kalla)
    return fel.value.message or ""


@pytest.mark.parametrize(("kalla", "vantat"), FALL.items())
def test_jinjas_syntaxfel_helt_pa_svenska(kalla, vantat):
    text = svenska(_meddelande(kalla))
    assert text == vantat
    assert not re.search(r"\b(expected|unexpected|Jinja|token|got|tag|end of)\b", text)
