"""Läs och kontrollera konfigurationen. Alla fynd samlas och visas tillsammans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rapportverk.fel import Fel, RapportverkFel, visningsnamn
from rapportverk.konfig.modell import Konfig, Kostnadsslagplan
from rapportverk.konfig.projekt import Projekt, inom_projektet, utanfor_text
from rapportverk.konfig.rapportfiler import Ursprung, sla_ihop
from rapportverk.konfig.samband import kontrollera, kontrollera_kostnadsslag
from rapportverk.konfig.validering import validera
from rapportverk.konfig.yamlrader import Vag, las_yaml, rad_for

STANDARDFIL = Path("konfig/rapportverk.yaml")


def ladda(sokvag: Path | str = STANDARDFIL, matt: dict[str, list[str]] | None = None,
          utan: frozenset[Path] = frozenset()) -> Projekt:
    """Läs konfigurationen. `matt` ger per tabelltyp de måttnamn kolumnerna får använda (från berakning);
    `utan` är rapportfiler (konfig/rapporter/*.yaml) som lämnas utanför."""
    sokvag = Path(sokvag)
    namn = visningsnamn(sokvag)
    data, rader = las_yaml(sokvag, namn)
    katalog = sokvag.resolve().parent
    data, arvt, basfil = _arv(katalog, data, rader, namn)
    data, ursprung, rapportfiler = sla_ihop(katalog, data, rader, namn, utan)
    ursprung = {**arvt, **ursprung}
    konfig = validera(Konfig, data, rader, namn)
    ks_sokvag = (katalog / konfig.hierarkier.kostnadsslag).resolve()
    ks_namn = visningsnamn(ks_sokvag)
    if not inom_projektet(ks_sokvag, katalog, konfig):
        # Kostnadsslagen läses innan resten kontrolleras, så de prövas här, innan filen öppnas.
        raise RapportverkFel(Fel(utanfor_text(konfig.hierarkier.kostnadsslag, katalog), namn,
                                 rad_for(rader, ("hierarkier", "kostnadsslag"))))
    if not ks_sokvag.exists():
        raise RapportverkFel(Fel(
            f"filen '{konfig.hierarkier.kostnadsslag}' under hierarkier.kostnadsslag finns inte; "
            "kontrollera sökvägen (den är relativ till konfigurationsfilen).",
            namn, rad_for(rader, ("hierarkier", "kostnadsslag"))))
    ks_data, ks_rader = las_yaml(ks_sokvag, ks_namn)
    plan = validera(Kostnadsslagplan, ks_data, ks_rader, ks_namn)
    projekt = Projekt(konfig, plan, katalog, namn, rader, ks_namn, ks_rader, ursprung, tuple(rapportfiler), basfil)
    fel = [*kontrollera(projekt, matt or {}), *kontrollera_kostnadsslag(projekt)]
    if fel:
        raise RapportverkFel(fel)
    return projekt


def _arv(katalog: Path, data: Any, rader: dict[Vag, int], namn: str) -> tuple[Any, Ursprung, Path | None]:
    """`bas: rapportverk.yaml`: en variant som tar allt från en annan konfiguration i samma katalog utom de
    nycklar den själv anger (under `kallor` ersätts varje källa för sig). Så kan t.ex. en variant som läser
    huvudboken ur en databas dela tabeller, diagram och rapporttyper med filvarianten. Fel i det ärvda
    pekar på basfilens rader."""
    if not isinstance(data, dict) or "bas" not in data:
        return data, {}, None
    bas = data["bas"]
    if not isinstance(bas, str) or "/" in bas or "\\" in bas or not (katalog / bas).is_file():
        raise RapportverkFel(Fel(f"'bas' ska vara namnet på en annan konfigurationsfil i samma katalog (t.ex. "
                                 f"rapportverk.yaml); '{bas}' finns inte där.", namn, rad_for(rader, ("bas",))))
    basfil = (katalog / bas).resolve()
    basnamn = visningsnamn(basfil)
    basdata, basrader = las_yaml(basfil, basnamn)
    if not isinstance(basdata, dict) or "bas" in basdata:
        raise RapportverkFel(Fel("basfilen ska vara en vanlig konfiguration utan egen 'bas'.", basnamn, 1))
    ursprung: Ursprung = {}
    ut = {k: v for k, v in data.items() if k != "bas"}
    for nyckel, varde in basdata.items():
        if nyckel == "kallor" and isinstance(ut.get("kallor"), dict) and isinstance(varde, dict):
            for kalla, kvarde in varde.items():
                if kalla not in ut["kallor"]:
                    ut["kallor"] = {**ut["kallor"], kalla: kvarde}
                    ursprung[("kallor", kalla)] = (basnamn, basrader, ("kallor", kalla))
        elif nyckel not in ut:
            ut[nyckel] = varde
            ursprung[(nyckel,)] = (basnamn, basrader, (nyckel,))
    return ut, ursprung, basfil
