"""Det som alla konfigurationens modeller delar: basklassen (okända nycklar är fel) och några gemensamma värden."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

# Nämnd-id:t för regionen som helhet (regionens egen rapport och tabeller över alla nämnder).
REGION = "region"

Enhet = Literal["kr", "tkr", "mkr"]
Periodformat = Literal["ÅÅÅÅ-MM", "ÅÅÅÅMM", "ÅÅÅÅ-MM-DD"]
_ID = r"^[a-z][a-z0-9_]*$"
_KONTO = re.compile(r"^(\d+)(?:-(\d+))?$")
# Största rimliga belopp i kronor (organisation.max_belopp): 10^14 kr är långt över statens budget (drygt 10^12 kr),
# så ett större belopp är ett fel i exporten, inte en verklig siffra.
MAX_BELOPP = 1e14
# Huvudbokens serier som måtten räknar med (berakning.matt): rader med en annan serie hamnar i ingen tabell.
SERIER = ("utfall", "budget", "ib")
# Målens bedömningar och typer (kallor.mal läser dem, berakning.mal räknar dem, dokument visar dem): orden står
# här, så att inget lager behöver importera ett annat för att känna dem.
BEDOMNINGAR = ("Helt", "Delvis", "Inte", "Inga data")
MALTYPER = ("regionmal", "delmal", "indikator", "finansiellt")


class Modell(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
