"""Tabelldata som inte kommer ur huvudboken: omställningsåtgärder, budgetomfördelningar, nämndernas prognoser och
investeringar (data/atgarder.yaml, budgetomfordelningar.yaml, prognoser.csv, investeringar.yaml). Där rapporten
har publicerat siffror prövas valen mot exempeldata/publicerat.yaml innan filerna skrivs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import xlsxwriter

from .gemensamt import avrunda, csv_text, decimaltal, las_csv, las_yaml, skriv_text
from .organisation import NAMN_FOR_NAMND, RS, bygg_organisation, organisationsrader
from .publicerat import ARSPROGNOS_2021, INVESTERINGAR_PUBLICERAT, OMSTALLNING, PROGNOS_RS_SEPTEMBER, avrundas_till
from .publicerat import BUDGETOMFORDELNINGAR as PUBLICERADE_OMFORDELNINGAR

# (nämnd, enhet, åtgärd, period, plan helår, plan ack, effekt ack), Mkr.
ATGARDER: tuple[tuple[str, str, str, str, float, float, float], ...] = tuple(
    tuple(r) for r in las_yaml("atgarder.yaml")["atgarder"])
# (period, nämnd, grupp, text, Mkr), i bilagans ordning.
BUDGETOMFORDELNINGAR: tuple[tuple[str, str, str, str, float], ...] = tuple(
    (period, namnd, grupp, text, mkr)
    for namnd, per_grupp in las_yaml("budgetomfordelningar.yaml")["budgetomfordelningar"].items()
    for grupp, rader in per_grupp.items() for period, text, mkr in rader)
# Årsprognos (avvikelse mot budget, Mkr) per nämnd och delområde; delområden som saknas är i balans.
_PROGNOSER = [(r["namnd"], r["delomrade"], r["period"], float(r["avvikelse_mkr"])) for r in las_csv("prognoser.csv")]
PROGNOSER = tuple(r for r in _PROGNOSER if r[2].startswith("2021-"))
# 2024 i 2024 års indelning. Prognosen per oktober var inte klar när månadsrapporten skrevs: inga rader för
# 2024-10.
PROGNOSER_2024 = tuple(r for r in _PROGNOSER if r[2].startswith("2024-"))
_INVESTERINGAR = las_yaml("investeringar.yaml")
INVESTERINGSOMRADEN: tuple[str, ...] = tuple(_INVESTERINGAR["omraden"])
# Period -> (utfall ack, prognos, årsbudget) per område i INVESTERINGSOMRADEN:s ordning, Mkr.
INVESTERINGAR: dict[str, tuple[tuple[float, float, float], ...]] = {
    period: tuple(tuple(per_omrade[o]) for o in INVESTERINGSOMRADEN)
    for period, per_omrade in _INVESTERINGAR["perioder"].items()}


def _exakt(v: float) -> Fraction:
    """Ett belopp med högst tre decimaler, exakt."""
    return Fraction(round(v * 1000), 1000)


def _jamfor(namn: str, varden: Sequence[Fraction], tryckt: Sequence[str]) -> None:
    if not all(avrundas_till(v, t) for v, t in zip(varden, tryckt, strict=True)):
        raise ValueError(f"{namn}: {[float(v) for v in varden]} ger inte de publicerade {tryckt}")


def kontrollera_mot_publicerat() -> None:
    """Regionstyrelsens åtgärder, budgetomfördelningarna och årsprognosen ger de publicerade siffrorna."""
    rs = [(enhet, atgard, _exakt(h), _exakt(e), _exakt(p)) for n, enhet, atgard, _, h, p, e in ATGARDER if n == RS]
    for (atgard, *varden), (namn, tryckt) in zip([r[1:] for r in rs], OMSTALLNING["atgarder"].items(), strict=True):
        if atgard != namn:
            raise ValueError(f"omställning: åtgärden {atgard!r}, publicerat {namn!r}")
        _jamfor(f"omställning {atgard}", varden, tryckt)
    grupper = {f"Summa {enhet}": [r for r in rs if r[0] == enhet] for enhet in dict.fromkeys(r[0] for r in rs)}
    grupper[f"Summa {NAMN_FOR_NAMND[RS]}"] = rs
    if list(grupper) != list(OMSTALLNING["delsummor"]):
        raise ValueError(f"omställning: delsummorna {list(grupper)}")
    for namn, rader in grupper.items():
        helar, effekt, plan = (sum((r[i] for r in rader), Fraction(0)) for i in (2, 3, 4))
        _jamfor(f"omställning {namn}", (helar, effekt, plan, effekt / plan * 100), OMSTALLNING["delsummor"][namn])
    summor: dict[str, Fraction] = {}
    for _, namnd, _, _, mkr in BUDGETOMFORDELNINGAR:
        summor[f"Summa {NAMN_FOR_NAMND[namnd]}"] = summor.get(f"Summa {NAMN_FOR_NAMND[namnd]}", 0) + _exakt(mkr)
    summor["Nettoförändring"] = sum((_exakt(r[4]) for r in BUDGETOMFORDELNINGAR), Fraction(0))
    for namn, tryckt in PUBLICERADE_OMFORDELNINGAR.items():
        _jamfor(f"budgetomfördelningar {namn}", [summor[namn]], [tryckt])
    for delomrade, tryckt in ARSPROGNOS_2021.items():
        varde = sum((Fraction(v) for n, d, p, v in PROGNOSER if n == RS and d == delomrade and p == "2021-04"),
                    Fraction(0))
        _jamfor(f"årsprognos {delomrade}", [varde], [tryckt])


def kontrollera_prognoser() -> None:
    """Prognosraderna pekar på delområden som finns; regionstyrelsens september-summa är den publicerade."""
    fran_2023 = {(e[5], e[3]) for e in organisationsrader(bygg_organisation()) if e[7] == ""}
    for namnd, delomrade, period, _ in PROGNOSER_2024:
        if (namnd, delomrade) not in fran_2023:
            raise ValueError(f"prognos {period}: {namnd}/{delomrade} finns inte i 2024 års organisation")
    summa = sum(Fraction(v) for n, _, p, v in PROGNOSER_2024 if n == RS and p == "2024-09")
    if summa != Fraction(PROGNOS_RS_SEPTEMBER) or any(p == "2024-10" for *_, p, _ in PROGNOSER_2024):
        raise ValueError(f"regionstyrelsens prognos per september: {float(summa)}")


def skriv_investeringar(ut: Path) -> None:
    okt = INVESTERINGAR["2024-10"]
    delar = [(_exakt(u), _exakt(p), _exakt(b), _exakt(b) - _exakt(p)) for u, p, b in okt]
    delar.append(tuple(sum((d[i] for d in delar), Fraction(0)) for i in range(4)))
    for (namn, *pub), varden in zip(INVESTERINGAR_PUBLICERAT, delar, strict=True):
        if [avrunda(v, 0) for v in varden] != [Fraction(x) for x in pub]:
            raise ValueError(f"investeringar 2024-10 {namn}: {[float(v) for v in varden]} mot {pub}")
    rader = [("period", "investeringsomrade", "utfall_ack", "prognos", "arsbudget")]
    for period, varden in INVESTERINGAR.items():
        for omrade, (u, p, b) in zip(INVESTERINGSOMRADEN, varden, strict=True):
            rader.append((period, omrade, decimaltal(u, 3), decimaltal(p, 3), decimaltal(b, 3)))
    skriv_text(ut, "investeringar.csv", csv_text(rader))


def skriv_prognos(ut: Path, filnamn: str, prognoser: Sequence[tuple[str, str, str, float]], skapad: datetime
                  ) -> None:
    wb = xlsxwriter.Workbook(str(ut / filnamn))
    # Fasta dokumentegenskaper: annars skrivs aktuell tid in och filen blir olika vid varje körning.
    wb.set_properties({"title": "Prognos", "author": "Region Nordanå", "created": skapad})
    ws = wb.add_worksheet("Prognos")
    for j, rubrik in enumerate(("Nämnd", "Delområde", "Period", "Prognos avvikelse mkr")):
        ws.write_string(0, j, rubrik)
    ordnade = sorted(prognoser, key=lambda r: (r[2], r[0], r[1]))
    for i, (namnd, delomrade, period, mkr) in enumerate(ordnade, 1):
        ws.write_string(i, 0, namnd)
        ws.write_string(i, 1, delomrade)
        ws.write_string(i, 2, period)
        ws.write_number(i, 3, mkr)
    wb.close()


def skriv_atgarder(ut: Path) -> None:
    rader = [("namnd", "enhet", "atgard", "period", "plan_helar_mkr", "plan_ack_mkr", "effekt_ack_mkr")]
    for namnd, enhet, atgard, period, helar, plan, effekt in ATGARDER:
        rader.append((namnd, enhet, atgard, period, *(decimaltal(v, 3) for v in (helar, plan, effekt))))
    skriv_text(ut, "atgarder.csv", csv_text(rader))


def skriv_budgetomfordelningar(ut: Path) -> None:
    rader = [("period", "namnd", "grupp", "text", "belopp_mkr")]
    rader += [(p, n, g, t, decimaltal(b, 3)) for p, n, g, t, b in BUDGETOMFORDELNINGAR]
    skriv_text(ut, "budgetomfordelningar.csv", csv_text(rader))
