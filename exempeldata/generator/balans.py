"""Regionens balansräkning (huvudbok_balans_2023/2024.parquet), ur resultathuvudböckerna och investeringarna.

Kolumner Period (ÅÅÅÅMM), Kostnadsstalle, Konto, Serie, Belopp (kronor, huvudbokens tecken: tillgångar negativa,
skulder och eget kapital positiva). Serie "ib" = årets ingående balans (en rad per konto, daterad januari), serie
"utfall" = månadens rörelse. Varje månad summerar resultat- och balansräkningens konton för alla kostnadsställen
till exakt noll; banken är det som tar upp skillnaden. Data: data/balans.yaml. Alla belopp räknas i ören.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import polars as pl

from .gemensamt import MKR, ORE_PER_KR, fordela, las_yaml, rng_region

ORE_PER_MKR = MKR * ORE_PER_KR
_DATA = las_yaml("balans.yaml")
AR: tuple[int, ...] = tuple(_DATA["ar"])
ENHET: str = _DATA["kostnadsstalle"]
BALANSKONTON: tuple[tuple[str, str], ...] = tuple(_DATA["balanskonton"].items())
KONTON = [k for k, _ in BALANSKONTON]
BANK, EGET_KAPITAL = _DATA["bank"], _DATA["eget_kapital"]
# Ingående balans 2023 i kronor; eget kapital räknas fram så att summan blir noll.
IB_2023: dict[str, int] = _DATA["ib_2023"]
# Rörelsekapitalets konton: (standardavvikelse per månad i Mkr, årlig tillväxt).
ROERELSEKAPITAL: dict[str, tuple[float, float]] = {
    konto: (d["sd_mkr"], d["tillvaxt"]) for konto, d in _DATA["rorelsekapital"].items()}
PENSION_PER_MANAD_MKR: tuple[float, float] = tuple(_DATA["pension_per_manad_mkr"])
AMORTERING = (_DATA["amortering"]["manad"], _DATA["amortering"]["mkr"] * ORE_PER_MKR)  # (månad, ören)
INVESTERINGSKONTO: dict[str, str] = _DATA["investeringskonto"]
INVESTERINGAR_2023_MKR: dict[str, float] = _DATA["investeringar_2023_mkr"]
INVESTERINGSPROFIL: tuple[float, ...] = tuple(_DATA["investeringsprofil"])
INVESTERINGAR_REST_ANDEL = Decimal(_DATA["investeringar_rest_andel"])


def decimal_ur_text(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _ore(varde: float) -> int:
    return round(varde * ORE_PER_KR)


# ---------------------------------------------------------------------------------------------------------
# Läsning av de genererade filerna
# ---------------------------------------------------------------------------------------------------------

def las_resultat(katalog: Path, ar: int) -> dict[str, dict[str, int]]:
    """Period -> konto -> summa över alla kostnadsställen (ören)."""
    df = pl.read_parquet(katalog / f"huvudbok_utfall_{ar}.parquet")
    ut: dict[str, dict[str, int]] = {}
    for period, konto, belopp in zip(df["Period"], df["Konto"], df["Belopp"], strict=True):
        per = ut.setdefault(period, {})
        per[konto] = per.get(konto, 0) + _ore(belopp)
    return ut


def las_investeringar(katalog: Path) -> dict[str, dict[str, tuple[int, int]]]:
    """Period ÅÅÅÅ-MM -> område -> (utfall ack, prognos) i ören."""
    ut: dict[str, dict[str, tuple[int, int]]] = {}
    with (katalog / "investeringar.csv").open(encoding="utf-8", newline="") as f:
        for rad in csv.DictReader(f, delimiter=";"):
            u = int(decimal_ur_text(rad["utfall_ack"]) * ORE_PER_MKR)
            p = int(decimal_ur_text(rad["prognos"]) * ORE_PER_MKR)
            ut.setdefault(rad["period"], {})[rad["investeringsomrade"]] = (u, p)
    return ut


def summa_i_intervall(per_konto: dict[str, int], *intervall: tuple[str, str]) -> int:
    return sum(v for k, v in per_konto.items() if any(a <= k <= b for a, b in intervall))


# ---------------------------------------------------------------------------------------------------------
# Investeringar per månad
# ---------------------------------------------------------------------------------------------------------

def investeringar_per_manad(katalog: Path, ar: int, manader: list[str]) -> dict[str, dict[str, int]]:
    """Område -> period ÅÅÅÅMM -> investeringsutgift (ören, positiv), i hela kronor.

    2024: ack per område vid varje känd period i investeringar.csv är exakt filens utfall_ack; mellan två
    kända perioder fördelas ökningen på månaderna efter profilen, efter den sista en andel av det som
    återstår till den periodens prognos. 2023: INVESTERINGAR_2023_MKR efter profilen."""
    ut: dict[str, dict[str, int]] = {}
    nr = [int(p[4:]) for p in manader]
    if ar == 2024:
        inv = las_investeringar(katalog)
        kanda = sorted((int(p[5:]), v) for p, v in inv.items() if p.startswith(f"{ar}-"))
        for omrade in INVESTERINGSKONTO:
            rng = rng_region("investering", ar, omrade)
            per: dict[str, int] = {}
            fore_m, fore_u = 0, 0
            punkter = [(m, v[omrade][0]) for m, v in kanda]
            u_sist, p_sist = kanda[-1][1][omrade]
            rest = int((p_sist - u_sist) * INVESTERINGAR_REST_ANDEL) // ORE_PER_KR * ORE_PER_KR
            punkter.append((max(nr), u_sist + rest))
            for m, u in punkter:
                mnd = [x for x in nr if fore_m < x <= m]
                vikter = [INVESTERINGSPROFIL[x - 1] * rng.uniform(0.8, 1.2) for x in mnd]
                for x, v in zip(mnd, fordela((u - fore_u) // ORE_PER_KR, vikter), strict=True):
                    per[f"{ar}{x:02d}"] = v * ORE_PER_KR
                fore_m, fore_u = m, u
            ut[omrade] = per
    else:
        for omrade, mkr in INVESTERINGAR_2023_MKR.items():
            rng = rng_region("investering", ar, omrade)
            vikter = [INVESTERINGSPROFIL[x - 1] * rng.uniform(0.8, 1.2) for x in nr]
            kronor = fordela(round(mkr * 1_000_000), vikter)
            ut[omrade] = {p: v * ORE_PER_KR for p, v in zip(manader, kronor, strict=True)}
    for omrade, per in ut.items():
        if any(v < 0 for v in per.values()):
            raise ValueError(f"investeringar {ar} {omrade}: negativ månad")
    return ut


# ---------------------------------------------------------------------------------------------------------
# Balanshuvudboken
# ---------------------------------------------------------------------------------------------------------

def generera_balans(katalog: Path) -> dict[int, tuple[dict[str, int], dict[str, dict[str, int]]]]:
    """År -> (ib per konto, period -> konto -> rörelse), ören."""
    ut: dict[int, tuple[dict[str, int], dict[str, dict[str, int]]]] = {}
    ib = {k: v * ORE_PER_KR for k, v in IB_2023.items()}
    ib[EGET_KAPITAL] = -sum(ib.values())
    for ar in AR:
        resultat = las_resultat(katalog, ar)
        manader = sorted(resultat)
        if [int(p[4:]) for p in manader] != list(range(1, len(manader) + 1)):
            raise ValueError(f"resultathuvudboken {ar} saknar månader: {manader}")
        inv = investeringar_per_manad(katalog, ar, manader)
        saldo = dict(ib)
        rorelser: dict[str, dict[str, int]] = {}
        pension_rng = rng_region("pension", ar)
        for i, period in enumerate(manader):
            r = resultat[period]
            rr: dict[str, int] = {}
            rr["1110"] = -sum(inv[o].get(period, 0) for o, k in INVESTERINGSKONTO.items() if k == "1110")
            rr["1119"] = -summa_i_intervall(r, ("7810", "7819"))
            rr["1210"] = -sum(inv[o].get(period, 0) for o, k in INVESTERINGSKONTO.items() if k == "1210")
            rr["1219"] = -summa_i_intervall(r, ("7830", "7839"), ("7850", "7859"))
            rr["1810"] = -summa_i_intervall(r, ("8610", "8619"), ("8620", "8629"))
            rr["2210"] = round(pension_rng.uniform(*PENSION_PER_MANAD_MKR) * 1_000_000) * ORE_PER_KR
            rr["2350"] = -AMORTERING[1] if period[4:] == AMORTERING[0] else 0
            t = (ar - AR[0]) * 12 + i + 1  # månader sedan ib 2023
            for konto, (sd, tillvaxt) in ROERELSEKAPITAL.items():
                rng = rng_region("rorelsekapital", konto, period)
                mal = IB_2023[konto] * ORE_PER_KR * (1 + tillvaxt * t / 12)
                drag = -0.2 * (saldo[konto] - mal)
                # Jämna tkr.
                rr[konto] = (round((drag + rng.gauss(0.0, sd) * ORE_PER_MKR) / (ORE_PER_MKR / 1000))
                             * (ORE_PER_MKR // 1000))
            rr[BANK] = -(sum(rr.values()) + sum(r.values()))
            rorelser[period] = {k: v for k, v in rr.items() if v}
            for k, v in rr.items():
                saldo[k] += v
        ut[ar] = (ib, rorelser)
        # Nästa års ib: årets utgående balans, och årets resultat till eget kapital.
        ib = dict(saldo)
        ib[EGET_KAPITAL] += sum(sum(r.values()) for r in resultat.values())
    return ut


def kontrollera_balans(katalog: Path, balans: dict[int, tuple[dict[str, int], dict[str, dict[str, int]]]]
                       ) -> list[str]:
    """Alla kontroller; skriver ut en rad per kontroll och stoppar vid fel."""
    rapport: list[str] = []
    tillgang = {k for k in KONTON if k[0] == "1" and k not in ("1119", "1219")}
    ub_fore: dict[str, int] | None = None
    for ar, (ib, rorelser) in balans.items():
        resultat = las_resultat(katalog, ar)
        if sum(ib.values()) != 0:
            raise ValueError(f"ib {ar} summerar till {ib and sum(ib.values())}")
        if set(ib) != set(KONTON):
            raise ValueError(f"ib {ar}: konton {sorted(set(KONTON) ^ set(ib))}")
        if ub_fore is not None and ub_fore != ib:
            raise ValueError(f"ib {ar} är inte ub {ar - 1}")
        if set(rorelser) != set(resultat):
            raise ValueError(f"balansens månader {ar} är inte resultatets")
        saldo = dict(ib)
        minsta_bank = None
        for period in sorted(rorelser):
            summa = sum(rorelser[period].values()) + sum(resultat[period].values())
            if summa != 0:
                raise ValueError(f"{period}: resultat + balans summerar till {summa / ORE_PER_KR} kr")
            for k, v in rorelser[period].items():
                saldo[k] += v
            for k, v in saldo.items():
                if (k in tillgang and v >= 0) or (k not in tillgang and v <= 0):
                    raise ValueError(f"{period} konto {k}: saldo {v / ORE_PER_MKR:.1f} Mkr har fel tecken")
            minsta_bank = -saldo[BANK] if minsta_bank is None else min(minsta_bank, -saldo[BANK])
        rapport.append(f"{ar}: varje månad resultat + balans = 0,00 kr; Σ ib = 0; lägsta banksaldo "
                       f"{minsta_bank / ORE_PER_MKR:.1f} Mkr")
        ub_fore = dict(saldo)
        ub_fore[EGET_KAPITAL] += sum(sum(r.values()) for r in resultat.values())
        if ar == 2024:
            inv = las_investeringar(katalog)
            for p, per_omrade in sorted(inv.items()):
                if not p.startswith("2024-"):
                    continue
                ack = {k: sum(rorelser[q].get(k, 0) for q in rorelser if q <= p.replace("-", ""))
                       for k in ("1110", "1210")}
                for konto in ("1110", "1210"):
                    mal = sum(u for o, (u, _) in per_omrade.items() if INVESTERINGSKONTO[o] == konto)
                    if ack[konto] != -mal:
                        raise ValueError(f"{p} {konto}: {ack[konto]} mot investeringar.csv {-mal}")
                rapport.append(f"{p}: 1110 + 1210 jan..{p[5:]} = {(ack['1110'] + ack['1210']) / ORE_PER_MKR:.3f} Mkr "
                               f"= -Σ utfall_ack i investeringar.csv")
    return rapport


def skriv_balans(katalog: Path, balans: dict[int, tuple[dict[str, int], dict[str, dict[str, int]]]]) -> None:
    for ar, (ib, rorelser) in balans.items():
        rader = [(f"{ar}01", k, "ib", ib[k]) for k in KONTON]
        rader += [(p, k, "utfall", v) for p in sorted(rorelser) for k, v in sorted(rorelser[p].items())]
        df = pl.DataFrame(
            {
                "Period": [r[0] for r in rader],
                "Kostnadsstalle": [ENHET] * len(rader),
                "Konto": [r[1] for r in rader],
                "Serie": [r[2] for r in rader],
                "Belopp": [r[3] / ORE_PER_KR for r in rader],
            },
            schema={"Period": pl.Utf8, "Kostnadsstalle": pl.Utf8, "Konto": pl.Utf8, "Serie": pl.Utf8,
                    "Belopp": pl.Float64},
        )
        df.write_parquet(katalog / f"huvudbok_balans_{ar}.parquet", compression="zstd", compression_level=9,
                         statistics=True, row_group_size=1_000_000)
