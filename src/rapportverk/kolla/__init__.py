"""`rapport kolla`: en controllers första timme med egna exporter. Känner igen exportens form (kodning,
avgränsare, decimaltecken, rubrikrad, kolumner, periodformat, tecken och enhet), föreslår källan i konfigurationen,
prövar förslaget med rapportverks egna läsare och stämmer av exporten mot organisationen och rapportraderna."""

from rapportverk.kolla.resultat import Beslut, Kollresultat, Okand, Provlasning, Summa, som_json
from rapportverk.kolla.undersok import Val, kolla

__all__ = ["Beslut", "Kollresultat", "Okand", "Provlasning", "Summa", "Val", "kolla", "som_json"]
