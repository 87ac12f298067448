"""Lösenord i en anslutningstext: var det står (för konfigurationens kontroll) och texten utan det (för allt som
skrivs ut eller sparas: fel, manifest). Samma mönster används för båda, så att det som döljs också vägras.

Former som känns igen: användarinformationen i en URI (`postgresql://anvandare:LÖSEN@värd/db`), parametrar vars
namn slutar på password, passwd eller pwd i vilket skiftläge som helst (`?password=`, `?sslpassword=`,
`?PWD=`), libpq:s nyckel=värde-form (`host=x password=LÖSEN`, också med citattecken), ODBC-formen
(`Server=x;Pwd=LÖSEN;`) och ett lösenord inuti `options=-c …password=LÖSEN`, även procentkodat.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

DOLT = "***"

# En användare med lösenord före @ i en URI, var som helst i en text (t.ex. i en drivrutins felmeddelande).
_ANVANDARINFO = re.compile(r"(?P<fore>[A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s]*):(?P<varde>[^@/?#\s]*)@")
# Ett namn som slutar på password/passwd/pwd, ett = (kanske procentkodat) och värdet, med eller utan citattecken.
# password_encryption= och liknande träffas inte: namnet måste sluta där.
_NYCKEL = re.compile(
    r"(?P<fore>(?P<nyckel>[A-Za-z0-9_.\-]*(?:password|passwd|pwd))\s*(?:=|%3D)\s*)"
    r"(?P<varde>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^\s&;'\"]*)",
    re.IGNORECASE)


def losenord_i(anslutning: str) -> str | None:
    """Var i anslutningen ett lösenord står (utan lösenordet), eller None."""
    return next(iter(_stallen(anslutning)), None)


def dold(text: str, *hemliga: str) -> str:
    """`text` utan lösenord: de former som beskrivs ovan, och varje sträng i `hemliga` (t.ex. lösenordet ur en
    miljövariabel) som den är och procentkodad. Går inte lösenordet att peka ut efter det döljs hela texten."""
    for h in sorted(filter(None, hemliga), key=len, reverse=True):
        text = text.replace(h, DOLT).replace(quote(h, safe=""), DOLT)
    text = _ANVANDARINFO.sub(lambda m: f"{m['fore']}:{DOLT}@", text)
    text = _NYCKEL.sub(lambda m: f"{m['fore']}{DOLT}", text)
    # Kvar bara i en form som mönstren inte kan ersätta på plats (t.ex. procentkodat namn): hellre inget alls.
    return DOLT if _stallen(text, utom=DOLT) else text


def _stallen(text: str, utom: str | None = None) -> list[str]:
    """Var lösenord står, avkodat först (så att pass%77ord= och options=-c%20password%3D… också syns). `utom`: ett
    värde som inte räknas (det som redan dolts)."""
    stallen = []
    for t in dict.fromkeys((unquote(text), text)):
        if "://" in t:
            try:
                losen = urlsplit(t).password
            except ValueError:  # t.ex. en felaktig port; mönstret nedan ser ändå användarinformationen
                losen = None
            if losen is not None and losen != utom:
                stallen.append("efter användarnamnet (användare:lösenord@)")
        stallen += ["efter användarnamnet (användare:lösenord@)" for m in _ANVANDARINFO.finditer(t)
                    if m["varde"] != utom]
        stallen += [f"i '{m['nyckel'].lstrip('0123456789-_.')}='" for m in _NYCKEL.finditer(t)
                    if m["varde"].strip("'\"") != utom]
    return stallen
