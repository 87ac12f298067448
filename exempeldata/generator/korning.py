"""En körning: alla filer i en katalog, i den ordning de beror av varandra, med kontrollerna emellan."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from .balans import BALANSKONTON, generera_balans, kontrollera_balans, skriv_balans
from .brygga_2022 import generera_brygga, kontrollera_brygga
from .delarsrapport_2021 import generera_ovriga, generera_rs, kontrollera_rs
from .gemensamt import EXEMPELDATA
from .huvudbok import skriv_budget, skriv_huvudbok, skriv_kontoplan
from .kontoplan import Budget, Utfall, kontrollera_kontoplan
from .mal_region import kontrollera_malrader, mal_rader, skriv_mal
from .manadsrapport_2024 import boka_realisationsvinst, generera_manadsar
from .organisation import bygg_organisation, skriv_organisation
from .personal import skriv_personal
from .prognos_region import PROGNOS_RADER_VERKSAMHET, budget_per_rad, prognos_rader, skriv_prognos_region
from .publicerat import PUBLICERAT, PUBLICERAT_MANAD
from .tabeller import (
    PROGNOSER,
    PROGNOSER_2024,
    kontrollera_mot_publicerat,
    kontrollera_prognoser,
    skriv_atgarder,
    skriv_budgetomfordelningar,
    skriv_investeringar,
    skriv_prognos,
)


def generera(ut: Path = EXEMPELDATA) -> None:
    """Skriv alla genererade filer i katalogen ut (skapas om den saknas)."""
    ut.mkdir(parents=True, exist_ok=True)
    kontrollera_kontoplan()
    organisation = bygg_organisation()
    koder = [e.kod for e in organisation]
    if len(set(koder)) != len(koder):
        raise ValueError("kostnadsställeskoder är inte unika")
    utfall: Utfall = {}
    budget: Budget = {}
    for mal in PUBLICERAT.values():
        generera_rs(mal, organisation, utfall, budget)
        generera_ovriga(organisation, mal.ar, utfall, budget)
        kontrollera_rs(mal, organisation, utfall, budget)
    for manadsmal in PUBLICERAT_MANAD.values():
        generera_manadsar(manadsmal, organisation, utfall, budget)
    boka_realisationsvinst(utfall)
    kontoplan = {k[2] for k in utfall} | {k[2] for k in budget}
    brygga_utfall, brygga_budget = generera_brygga(organisation, utfall, budget)
    kontrollera_brygga(organisation, utfall, budget, brygga_utfall, brygga_budget, kontoplan)
    utfall.update(brygga_utfall)
    budget.update(brygga_budget)
    skriv_organisation(ut, organisation)
    skriv_kontoplan(ut, kontoplan, BALANSKONTON)
    for ar in sorted({int(k[0][:4]) for k in utfall}):
        skriv_huvudbok(ut, utfall, ar)
    for ar in sorted({int(k[0][:4]) for k in budget}):
        skriv_budget(ut, budget, ar)
    kontrollera_mot_publicerat()
    skriv_prognos(ut, "prognos_2021.xlsx", PROGNOSER, datetime(2021, 9, 15))
    kontrollera_prognoser()
    skriv_prognos(ut, "prognos_2024.xlsx", PROGNOSER_2024, datetime(2024, 10, 15))
    skriv_investeringar(ut)
    skriv_personal(ut)
    skriv_atgarder(ut)
    skriv_budgetomfordelningar(ut)
    # Regionens delårsrapport: balanshuvudbok, regionens prognos och mål (läser filerna ovan).
    generera_region(ut)
    for fil in sorted(ut.iterdir()):
        if fil.suffix in (".csv", ".parquet", ".xlsx"):
            summa = hashlib.sha256(fil.read_bytes()).hexdigest()[:16]
            print(f"{fil.name:32} {fil.stat().st_size:>9} byte  sha256 {summa}")


def generera_region(katalog: Path) -> None:
    """Regionens filer ur de redan skrivna: balanshuvudböckerna, prognosen per rad och målen."""
    balans = generera_balans(katalog)
    for rad in kontrollera_balans(katalog, balans):
        print(f"kontroll balans  {rad}")
    skriv_balans(katalog, balans)
    prognos = prognos_rader(katalog)
    budget = budget_per_rad(katalog)
    for period, per_rad in prognos.items():
        print(f"kontroll prognos {period}: verksamheten = nämndernas summa "
              f"{sum(per_rad[n][0] for n in PROGNOS_RADER_VERKSAMHET)} Mkr; finansnetto, orealiserade och "
              "generella statsbidrag stämmer")
    for namn, b in budget.items():
        print(f"  budget helår 2024 {namn:50} {b:10.1f} Mkr")
    skriv_prognos_region(katalog, prognos)
    rader = mal_rader()
    antal = kontrollera_malrader(rader)
    for period, per in antal.items():
        print(f"kontroll mål {period}: " + ", ".join(f"{t}/{b} {n}" for (t, b), n in sorted(per.items())))
    skriv_mal(katalog, rader)
