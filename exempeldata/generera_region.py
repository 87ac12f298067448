"""Exempeldata för regionens delårsrapport per augusti 2024 (issue 9), deterministiskt.

Kör:  .venv/bin/python exempeldata/generera_region.py [KATALOG]   (anropas också sist av generera.py)

Läser de genererade resultathuvudböckerna (huvudbok_utfall_2023/2024.parquet), investeringar.csv och
prognos_2024.xlsx och skriver:

- huvudbok_balans_2023.parquet, huvudbok_balans_2024.parquet: balansräkningens konton på finansförvaltningens
  kostnadsställe 10702. Kolumner Period (ÅÅÅÅMM), Kostnadsstalle, Konto, Serie, Belopp (kronor, huvudbokens
  tecken: tillgångar negativa, skulder och eget kapital positiva). Serie "ib" = årets ingående balans (en rad
  per konto, daterad januari), serie "utfall" = månadens rörelse. Varje månad summerar resultat- och
  balansräkningens konton för alla kostnadsställen till exakt noll; banken (1930) är det som tar upp skillnaden.
- prognos_region_2024.csv: regionens helårsprognos per rapportrad (avvikelse mot helårsbudget, Mkr) per 2024-04,
  2024-08 och 2024-09, och resultatutjämningsreservens manuella rader.
- mal_2024.csv: regionmål, nämndernas delmål och indikatorer och de finansiella målen med bedömning, per 2024-04
  och 2024-08.
- kontoplan.csv: balanskontona läggs till (filen skrivs av generera.py med resultatkontona).

Alla belopp räknas i heltal (ören); slumpen kommer från namngivna frön.
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import polars as pl

KATALOG = Path(__file__).resolve().parent
FRO = "rapportverk-exempeldata-region-v1"
ORE_PER_KR = 100
MKR = 1_000_000 * ORE_PER_KR  # ören per Mkr
ENHET = "10702"  # Finansförvaltning, finansiella poster
AR = (2023, 2024)

# ---------------------------------------------------------------------------------------------------------
# Balansräkningens konton
# ---------------------------------------------------------------------------------------------------------

BALANSKONTON: tuple[tuple[str, str], ...] = (
    ("1110", "Byggnader, anskaffningsvärde"),
    ("1119", "Byggnader, ackumulerade avskrivningar"),
    ("1210", "Maskiner och inventarier, anskaffningsvärde"),
    ("1219", "Maskiner och inventarier, ackumulerade avskrivningar"),
    ("1310", "Aktier och andelar"),
    ("1410", "Förråd"),
    ("1510", "Kundfordringar"),
    ("1710", "Förutbetalda kostnader och upplupna intäkter"),
    ("1810", "Kortfristiga placeringar"),
    ("1930", "Bank"),
    ("2010", "Eget kapital"),
    ("2210", "Avsättningar för pensioner"),
    ("2350", "Långfristiga skulder"),
    ("2440", "Leverantörsskulder"),
    ("2710", "Personalens skatter och avgifter"),
    ("2910", "Upplupna kostnader och förutbetalda intäkter"),
)
KONTON = [k for k, _ in BALANSKONTON]
BANK, EGET_KAPITAL = "1930", "2010"

# Ingående balans 2023 (kronor, huvudbokens tecken). En region med ca 11 000 Mkr kostnader per år. Eget kapital
# räknas fram så att summan blir noll. Banken är tilltagen så att den räcker genom två år med underskott och
# investeringar på 700-900 Mkr per år (se kontrollen att banken aldrig blir en skuld).
IB_2023: dict[str, int] = {
    "1110": -9_046_318_512,
    "1119": 3_512_604_377,
    "1210": -3_021_775_940,
    "1219": 1_806_231_118,
    "1310": -151_250_000,
    "1410": -118_942_306,
    "1510": -904_117_583,
    "1710": -697_380_221,
    "1810": -2_512_806_442,
    "1930": -2_614_390_000,
    "2210": 1_903_516_275,
    "2350": 1_200_000_000,
    "2440": 802_644_190,
    "2710": 451_908_733,
    "2910": 1_598_270_664,
}
# Rörelsekapitalets konton: (standardavvikelse per månad i Mkr, årlig tillväxt). Saldot dras tillbaka mot den
# ingående balansen (uppräknad med tillväxten) så att det rör sig några Mkr upp och ned per månad.
ROERELSEKAPITAL: dict[str, tuple[float, float]] = {
    "1410": (1.5, 0.02),
    "1510": (6.0, 0.03),
    "1710": (5.0, 0.03),
    "2440": (10.0, 0.03),
    "2710": (4.0, 0.04),
    "2910": (8.0, 0.03),
}
PENSION_PER_MANAD_MKR = (10.0, 20.0)  # avsättningen för pensioner växer varje månad
AMORTERING = ("06", 50 * MKR)  # långfristiga skulder: en amortering i juni varje år

# Investeringar: 1110 bär Fastighet, 1210 övriga områden (investeringar.csv).
INVESTERINGSKONTO = {"Fastighet": "1110", "MT": "1210", "IT": "1210", "Hjälpmedel": "1210",
                     "Verksamhetsservice": "1210", "Regional utveckling": "1210"}
# 2023 har inga rader i investeringar.csv: ett rimligt helår (Mkr) per område.
INVESTERINGAR_2023_MKR = {"Fastighet": 452.6, "MT": 128.3, "IT": 58.9, "Hjälpmedel": 47.2,
                          "Verksamhetsservice": 6.4, "Regional utveckling": 3.1}
# Månadsprofil för investeringsutgifter (lågt i januari och juli, högt mot årets slut).
INVESTERINGSPROFIL = (0.5, 0.7, 0.9, 1.0, 1.1, 1.2, 0.6, 1.0, 1.1, 1.2, 1.3, 1.9)
# Efter den sista kända perioden 2024: 90 % av det som återstår till prognosen i den perioden.
INVESTERINGAR_REST_ANDEL = Decimal("0.9")


def rng_for(*delar: object) -> random.Random:
    return random.Random("|".join([FRO, *map(str, delar)]))


def fordela(total: int, vikter: Sequence[float]) -> list[int]:
    """Dela ett heltal efter vikter med största-rest-metoden; summan bevaras exakt."""
    s = sum(vikter)
    if total == 0:
        return [0] * len(vikter)
    exakt = [abs(total) * v / s for v in vikter]
    delar = [int(e) for e in exakt]
    ordning = sorted(range(len(vikter)), key=lambda i: (-(exakt[i] - delar[i]), i))
    for i in ordning[: abs(total) - sum(delar)]:
        delar[i] += 1
    return delar if total > 0 else [-d for d in delar]


def _decimal_ur_text(text: str) -> Decimal:
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
            u = int(_decimal_ur_text(rad["utfall_ack"]) * MKR)
            p = int(_decimal_ur_text(rad["prognos"]) * MKR)
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
            rng = rng_for("investering", ar, omrade)
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
            rng = rng_for("investering", ar, omrade)
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
        pension_rng = rng_for("pension", ar)
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
                rng = rng_for("rorelsekapital", konto, period)
                mal = IB_2023[konto] * ORE_PER_KR * (1 + tillvaxt * t / 12)
                drag = -0.2 * (saldo[konto] - mal)
                rr[konto] = round((drag + rng.gauss(0.0, sd) * MKR) / (MKR / 1000)) * (MKR // 1000)  # jämna tkr
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
                    raise ValueError(f"{period} konto {k}: saldo {v / MKR:.1f} Mkr har fel tecken")
            minsta_bank = -saldo[BANK] if minsta_bank is None else min(minsta_bank, -saldo[BANK])
        rapport.append(f"{ar}: varje månad resultat + balans = 0,00 kr; Σ ib = 0; lägsta banksaldo "
                       f"{minsta_bank / MKR:.1f} Mkr")
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
                rapport.append(f"{p}: 1110 + 1210 jan..{p[5:]} = {(ack['1110'] + ack['1210']) / MKR:.3f} Mkr "
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


def skriv_kontoplan(katalog: Path) -> None:
    """Lägg balanskontona till kontoplan.csv (resultatkontona skrivs av generera.py); idempotent."""
    fil = katalog / "kontoplan.csv"
    with fil.open(encoding="utf-8", newline="") as f:
        befintliga = {r["konto"]: r["benamning"] for r in csv.DictReader(f, delimiter=";")}
    befintliga.update(dict(BALANSKONTON))
    _skriv_text(katalog, "kontoplan.csv", _csv([("konto", "benamning"), *sorted(befintliga.items())]))


# ---------------------------------------------------------------------------------------------------------
# Regionens prognos per rapportrad
#
# Avvikelse mot helårsbudgeten (budget_2024.csv), Mkr, huvudbokens tecken: positivt = bättre än budget.
# Så blev prognosen rimlig (budget och utfall ur de genererade filerna, se utskriften vid körning):
# - Verksamheten (intäkter + kostnader + avskrivningar) är exakt summan av nämndernas prognoser i
#   prognos_2024.xlsx. Fördelningen: intäkterna över budget (riktade statsbidrag och realisationsvinsten i maj,
#   ack avvikelse +138 Mkr i augusti), avskrivningarna något över budget (ack -31 Mkr i augusti) och resten
#   på kostnaderna.
# - Skatteintäkterna: SKR:s prognoser sjönk under våren (ack -89 Mkr i augusti) och vände uppåt i höstas, så
#   prognosen går från +25 till -45 och -30 Mkr.
# - Generella statsbidrag: över budget hela året (ack +124 Mkr i augusti).
# - Finansnettot: räntorna något lägre än budget (likvidströmmar +15..+22 Mkr); värderegleringarna är
#   orealiserade vinster i pensionsmedlen (ack +385 Mkr i augusti) som antas ligga kvar till årets slut.
# - Realisationsvinsten (konto 3972, i maj) var inte känd i april.
# - Resultatutjämningsreserven: regionen prognostiserar att disponera 120 Mkr (april: 80 Mkr); ingen
#   reservering. Utfallet hittills är 0: disponeringen beslutas i bokslutet.
# ---------------------------------------------------------------------------------------------------------

PROGNOS_PERIODER = ("2024-04", "2024-08", "2024-09")
# Period -> (Verksamhetens intäkter, Avskrivningar, Skatteintäkter, Generella statsbidrag, Finansiella
# likvidströmmar, Finansiella värderegleringar, Samtliga realisationsvinster, RUR reservering, RUR disponering).
# Verksamhetens kostnader räknas så att verksamheten blir nämndernas summa.
PROGNOS_VAL: dict[str, tuple[str, ...]] = {
    "2024-04": ("150.0", "-20.0", "25.0", "90.0", "15.0", "190.0", "0.0", "0.0", "80.0"),
    "2024-08": ("200.0", "-40.0", "-45.0", "135.0", "20.0", "385.0", "2.345", "0.0", "120.0"),
    "2024-09": ("230.0", "-45.0", "-30.0", "145.0", "22.0", "430.0", "2.345", "0.0", "120.0"),
}
# Rapportrader och deras kontointervall (dokumentation och budgetutskrift; filen anger bara avvikelsen).
PROGNOS_RADER: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Verksamhetens intäkter", (("3000", "3999"),)),
    ("Verksamhetens kostnader", (("4000", "7799"), ("7900", "7999"))),
    ("Avskrivningar", (("7800", "7899"),)),
    ("Skatteintäkter", (("8000", "8099"),)),
    ("Generella statsbidrag och utjämning", (("8100", "8299"),)),
    ("Finansiella intäkter", (("8300", "8399"), ("8600", "8699"))),
    ("Finansiella kostnader", (("8400", "8599"), ("8700", "8999"))),
    ("Generella statsbidrag", (("8100", "8299"),)),
    ("Finansiella likvidströmmar", (("8300", "8599"),)),
    ("Finansiella värderegleringar", (("8600", "8999"),)),
    ("Samtliga realisationsvinster", (("3970", "3979"),)),
    ("Orealiserade vinster och förluster i värdepapper", (("8600", "8699"),)),
    ("Reservering till resultatutjämningsreserv", ()),
    ("Disponering av resultatutjämningsreserv", ()),
)
MANUELLA = ("Reservering till resultatutjämningsreserv", "Disponering av resultatutjämningsreserv")


def namndernas_prognos(katalog: Path) -> dict[str, Decimal]:
    df = pl.read_excel(katalog / "prognos_2024.xlsx", sheet_name="Prognos")
    ut: dict[str, Decimal] = {}
    for period, belopp in zip(df["Period"], df["Prognos avvikelse mkr"], strict=True):
        ut[period] = ut.get(period, Decimal(0)) + Decimal(repr(belopp))
    return ut


def budget_per_rad(katalog: Path) -> dict[str, Decimal]:
    """Helårsbudget 2024 per rad i Mkr, huvudbokens tecken (exportens kostnader positiva vänds)."""
    per_konto: dict[str, int] = {}
    with (katalog / "budget_2024.csv").open(encoding="cp1252", newline="") as f:
        for rad in csv.DictReader(f, delimiter=";"):
            kr = -_decimal_ur_text(rad["Belopp tkr"]) * 1000
            per_konto[rad["Konto"]] = per_konto.get(rad["Konto"], 0) + int(kr * ORE_PER_KR)
    return {namn: Decimal(summa_i_intervall(per_konto, *iv)) / MKR for namn, iv in PROGNOS_RADER if iv}


def prognos_rader(katalog: Path) -> dict[str, dict[str, tuple[Decimal, Decimal | None]]]:
    """Period -> rad -> (prognos avvikelse, utfall för manuella rader)."""
    namnder = namndernas_prognos(katalog)
    ut: dict[str, dict[str, tuple[Decimal, Decimal | None]]] = {}
    for period in PROGNOS_PERIODER:
        ink, avskr, skatt, gs, likvid, varde, real, reserv, dispon = map(Decimal, PROGNOS_VAL[period])
        kost = namnder[period] - ink - avskr
        rader = {
            "Verksamhetens intäkter": ink, "Verksamhetens kostnader": kost, "Avskrivningar": avskr,
            "Skatteintäkter": skatt, "Generella statsbidrag och utjämning": gs,
            # Regionens finansiella konton: 84xx (kostnader, likvidströmmar) och 86xx (intäkter,
            # värderegleringar); 83xx och 87xx-89xx används inte.
            "Finansiella intäkter": varde, "Finansiella kostnader": likvid,
            "Generella statsbidrag": gs, "Finansiella likvidströmmar": likvid, "Finansiella värderegleringar": varde,
            "Samtliga realisationsvinster": real, "Orealiserade vinster och förluster i värdepapper": varde,
        }
        ut[period] = {namn: (v, None) for namn, v in rader.items()}
        ut[period]["Reservering till resultatutjämningsreserv"] = (reserv, Decimal(0))
        ut[period]["Disponering av resultatutjämningsreserv"] = (dispon, Decimal(0))
        # Kontroller.
        r = {k: v for k, (v, _) in ut[period].items()}
        if r["Verksamhetens intäkter"] + r["Verksamhetens kostnader"] + r["Avskrivningar"] != namnder[period]:
            raise ValueError(f"prognos {period}: verksamheten är inte nämndernas summa")
        if (r["Finansiella intäkter"] + r["Finansiella kostnader"]
                != r["Finansiella likvidströmmar"] + r["Finansiella värderegleringar"]):
            raise ValueError(f"prognos {period}: finansnettot")
        if r["Orealiserade vinster och förluster i värdepapper"] != r["Finansiella värderegleringar"]:
            raise ValueError(f"prognos {period}: orealiserade vinster")
        if r["Generella statsbidrag"] != r["Generella statsbidrag och utjämning"]:
            raise ValueError(f"prognos {period}: generella statsbidrag")
        if set(ut[period]) != {n for n, _ in PROGNOS_RADER}:
            raise ValueError(f"prognos {period}: rader saknas")
    # Realisationsvinsten i prognosen per augusti och september är den bokade (3970-3979, jan-aug 2024).
    bokad = Decimal(sum(summa_i_intervall(r, ("3970", "3979")) for p, r in las_resultat(katalog, 2024).items()
                        if p <= "202408")) / MKR
    for period in ("2024-08", "2024-09"):
        if ut[period]["Samtliga realisationsvinster"][0] != bokad:
            raise ValueError(f"prognos {period}: realisationsvinst {bokad} Mkr i huvudboken")
    return ut


def skriv_prognos(katalog: Path, rader: dict[str, dict[str, tuple[Decimal, Decimal | None]]]) -> None:
    ut = [("period", "rad", "prognos_avvikelse_mkr", "utfall_mkr")]
    for period, per_rad in rader.items():
        for namn, _ in PROGNOS_RADER:
            v, u = per_rad[namn]
            ut.append((period, namn, _mkr(v), "" if u is None else _mkr(u)))
    _skriv_text(katalog, "prognos_region_2024.csv", _csv(ut))


def _mkr(v: Decimal) -> str:
    return f"{v:.3f}".replace(".", ",")


# ---------------------------------------------------------------------------------------------------------
# Mål och indikatorer
# ---------------------------------------------------------------------------------------------------------

RS, HSN, RUN, FOLK, PAT = ("regionstyrelsen", "halso_och_sjukvardsnamnden", "regionala_utvecklingsnamnden",
                           "folkhogskolestyrelsen", "patientnamnden")
BEDOMNINGAR = ("Helt", "Delvis", "Inte", "Inga data")

# (id, text, bedömning per augusti, analys)
REGIONMAL: tuple[tuple[str, str, str, str], ...] = (
    ("rm_god_vard", "Invånarna har tillgång till en jämlik, säker och tillgänglig hälso- och sjukvård", "Delvis",
     "Fler invånare har fast läkarkontakt och de digitala tjänsterna används mer, men väntetiderna till den "
     "specialiserade vården är fortfarande för långa."),
    ("rm_hallbar_region", "Nordanå är en attraktiv och hållbar region att bo, verka och leva i", "Delvis",
     "Resandet med kollektivtrafiken ökar och folkhögskolornas deltagare fullföljer i högre grad; effekterna på "
     "näringslivet kan bedömas först vid årets slut."),
    ("rm_attraktiv_arbetsgivare", "Regionen är en attraktiv arbetsgivare som kan rekrytera och behålla "
     "medarbetare med rätt kompetens", "Helt",
     "Sjukfrånvaron och personalomsättningen har minskat jämfört med föregående år. Beroendet av inhyrd "
     "personal är dock fortfarande högt."),
    ("rm_klimat", "Regionens verksamheter minskar sin klimatpåverkan i takt med de nationella klimatmålen",
     "Inga data",
     "Klimatbokslutet för året sammanställs först under våren; de mätningar som finns pekar på minskade "
     "utsläpp från tjänsteresor."),
)

# (id, nämnd, regionmål, text, bedömning per augusti)
DELMAL: tuple[tuple[str, str, str, str, str], ...] = (
    ("dm_rs_sjukfranvaro", RS, "rm_attraktiv_arbetsgivare",
     "Sjukfrånvaron bland regionens medarbetare ska minska jämfört med föregående år", "Helt"),
    ("dm_rs_hyrpersonal", RS, "rm_attraktiv_arbetsgivare",
     "Kostnaderna för inhyrd personal ska minska och vara högst tre procent av personalkostnaderna", "Inte"),
    ("dm_rs_klimat", RS, "rm_klimat",
     "Utsläppen av växthusgaser från tjänsteresor och transporter ska minska", "Inga data"),
    ("dm_rs_digitala_tjanster", RS, "rm_god_vard",
     "Fler invånare ska använda regionens digitala vård- och invånartjänster", "Helt"),
    ("dm_hsn_vardgaranti", HSN, "rm_god_vard",
     "Vårdgarantins tidsgränser ska uppfyllas i primärvården och den specialiserade vården", "Delvis"),
    ("dm_hsn_vardskador", HSN, "rm_god_vard",
     "Andelen patienter som drabbas av vårdskador ska minska", "Inga data"),
    ("dm_hsn_fast_kontakt", HSN, "rm_god_vard",
     "Fler invånare ska ha en fast läkarkontakt i primärvården", "Helt"),
    ("dm_hsn_bup", HSN, "rm_god_vard",
     "Barn och unga ska få en första bedömning i barn- och ungdomspsykiatrin inom 30 dagar", "Delvis"),
    ("dm_run_kollektivtrafik", RUN, "rm_hallbar_region",
     "Resandet med kollektivtrafiken i länet ska öka", "Helt"),
    ("dm_run_naringsliv", RUN, "rm_hallbar_region",
     "Företagen i länet ska få bättre tillgång till kompetens och kapital", "Inga data"),
    ("dm_folk_fullfoljd", FOLK, "rm_hallbar_region",
     "Fler deltagare på allmän kurs ska fullfölja sin utbildning", "Helt"),
    ("dm_pat_aterkoppling", PAT, "rm_god_vard",
     "Patienternas klagomål ska återkopplas till vårdgivaren inom fastställd tid", "Inga data"),
)

# (id, delmål, text, bedömning, utfall, målvärde) — utfall och målvärde som text med decimalkomma eller tomma.
INDIKATORER: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("ind_sjukfranvaro_total", "dm_rs_sjukfranvaro", "Sjukfrånvaro, procent av ordinarie arbetstid", "Helt",
     "6,1", "6,5"),
    ("ind_sjukfranvaro_lang", "dm_rs_sjukfranvaro", "Andel av sjukfrånvaron som är längre än 60 dagar, procent",
     "Helt", "38,4", "40,0"),
    ("ind_personalomsattning", "dm_rs_sjukfranvaro", "Extern personalomsättning, procent", "Helt", "7,8", "9,0"),
    ("ind_hyrpersonal_andel", "dm_rs_hyrpersonal", "Inhyrd personal i procent av personalkostnaderna", "Inte",
     "4,6", "3,0"),
    ("ind_hyrlakare_primarvard", "dm_rs_hyrpersonal", "Andel läkarbesök i primärvården gjorda av hyrläkare, procent",
     "Inte", "17,2", "10,0"),
    ("ind_tjansteresor_co2", "dm_rs_klimat", "Koldioxidutsläpp från tjänsteresor, ton", "Inga data", "", "1450"),
    ("ind_fossilfria_fordon", "dm_rs_klimat", "Andel fossilfria fordon i regionens fordonsflotta, procent",
     "Delvis", "71,5", "80,0"),
    ("ind_digitala_besok", "dm_rs_digitala_tjanster", "Andel digitala vårdbesök i primärvården, procent", "Helt",
     "14,3", "12,0"),
    ("ind_inloggade_invanare", "dm_rs_digitala_tjanster", "Andel invånare som loggat in i e-tjänsterna, procent",
     "Helt", "68,9", "65,0"),
    ("ind_forstabesok_90", "dm_hsn_vardgaranti", "Andel förstabesök i specialiserad vård inom 90 dagar, procent",
     "Inte", "61,7", "80,0"),
    ("ind_operation_90", "dm_hsn_vardgaranti", "Andel operationer och åtgärder inom 90 dagar, procent", "Delvis",
     "72,4", "80,0"),
    ("ind_medicinsk_bedomning_3", "dm_hsn_vardgaranti",
     "Andel medicinska bedömningar i primärvården inom tre dagar, procent", "Helt", "86,2", "85,0"),
    ("ind_vardskador", "dm_hsn_vardskador", "Andel vårdtillfällen med vårdskada, procent", "Inga data", "", "8,0"),
    ("ind_trycksar", "dm_hsn_vardskador", "Andel patienter med trycksår i slutenvården, procent", "Delvis",
     "10,9", "9,0"),
    ("ind_vardrelaterade_infektioner", "dm_hsn_vardskador", "Andel patienter med vårdrelaterad infektion, procent",
     "Inga data", "", "6,0"),
    ("ind_fast_lakarkontakt", "dm_hsn_fast_kontakt", "Andel listade med namngiven fast läkarkontakt, procent",
     "Helt", "41,8", "40,0"),
    ("ind_kontinuitet", "dm_hsn_fast_kontakt",
     "Kontinuitetsindex för patienter med många besök i primärvården", "Helt", "0,52", "0,50"),
    ("ind_bup_forsta_bedomning", "dm_hsn_bup", "Andel förstabesök i BUP inom 30 dagar, procent", "Delvis",
     "74,0", "90,0"),
    ("ind_bup_utredning", "dm_hsn_bup", "Andel påbörjade utredningar i BUP inom 30 dagar, procent", "Inte",
     "38,5", "90,0"),
    ("ind_resor_kollektivtrafik", "dm_run_kollektivtrafik", "Antal påstigande i kollektivtrafiken, miljoner",
     "Helt", "9,8", "9,5"),
    ("ind_nojdhet_kollektivtrafik", "dm_run_kollektivtrafik", "Andel nöjda resenärer, procent", "Helt", "77,0",
     "75,0"),
    ("ind_foretagsstod", "dm_run_naringsliv", "Antal företag som fått regionalt företagsstöd", "Inga data", "",
     "120"),
    ("ind_kompetens_insatser", "dm_run_naringsliv",
     "Antal deltagare i regionens kompetensinsatser för företag", "Delvis", "340", "500"),
    ("ind_fullfoljd_allman_kurs", "dm_folk_fullfoljd", "Andel deltagare på allmän kurs som fullföljer, procent",
     "Helt", "83,5", "80,0"),
    ("ind_aterkoppling_tid", "dm_pat_aterkoppling",
     "Andel klagomål som återkopplats till vårdgivaren inom fyra veckor, procent", "Inga data", "", "90,0"),
)

# (id, text, nyckeltal, målvärde, bedömning per augusti, analys). Utfallet räknas av verktyget ur nyckeltalet.
FINANSIELLA: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("fm_resultat", "Resultatet ska uppgå till minst 1 procent av skatteintäkter och generella statsbidrag",
     "resultat_andel_skatter", "1,0", "Inte",
     "Prognosen för årets resultat är ett underskott, främst till följd av hälso- och sjukvårdsnämndens "
     "kostnader. Målet nås inte i år."),
    ("fm_sjalvfinansiering", "Investeringarna ska finansieras med egna medel", "sjalvfinansiering_investeringar",
     "100", "Inte",
     "Avskrivningar och resultat räcker inte till årets investeringar i fastigheter och medicinsk teknik; "
     "mellanskillnaden tas från likvida medel."),
    ("fm_soliditet", "Soliditeten ska inte försämras jämfört med föregående årsskifte", "soliditet", "", "Inte",
     "Underskottet minskar det egna kapitalet och soliditeten är lägre än vid årsskiftet."),
)

# Per april: bedömningar (och utfall) som skilde sig från augusti. id -> (bedömning, utfall eller None =
# samma som i augusti).
APRIL_AVVIKER: dict[str, tuple[str, str | None]] = {
    "rm_attraktiv_arbetsgivare": ("Delvis", None),
    "dm_rs_sjukfranvaro": ("Delvis", None),
    "dm_hsn_fast_kontakt": ("Inga data", None),
    "dm_run_kollektivtrafik": ("Delvis", None),
    "dm_folk_fullfoljd": ("Inga data", None),
    "ind_sjukfranvaro_total": ("Delvis", "6,7"),
    "ind_fast_lakarkontakt": ("Inte", "38,6"),
    "ind_resor_kollektivtrafik": ("Delvis", "9,3"),
    "ind_fullfoljd_allman_kurs": ("Inga data", ""),
    "ind_medicinsk_bedomning_3": ("Delvis", "83,9"),
    "fm_soliditet": ("Delvis", None),
}


def mal_rader() -> list[tuple[str, ...]]:
    rader: list[tuple[str, ...]] = []
    namnd_for = {d[0]: d[1] for d in DELMAL}
    for period in ("2024-04", "2024-08"):
        ut: list[list[str]] = []
        for id_, text, bed, analys in REGIONMAL:
            ut.append([period, "regionmal", id_, "", "", text, bed, "", "", "", analys])
        for id_, namnd, over, text, bed in DELMAL:
            ut.append([period, "delmal", id_, namnd, over, text, bed, "", "", "", ""])
        for id_, over, text, bed, utfall, malvarde in INDIKATORER:
            ut.append([period, "indikator", id_, namnd_for[over], over, text, bed, utfall, malvarde, "", ""])
        for id_, text, nyckeltal, malvarde, bed, analys in FINANSIELLA:
            ut.append([period, "finansiellt", id_, "", "", text, bed, "", malvarde, nyckeltal, analys])
        if period == "2024-04":
            for r in ut:
                if r[2] in APRIL_AVVIKER:
                    bed, utfall = APRIL_AVVIKER[r[2]]
                    r[6] = bed
                    if utfall is not None:
                        r[7] = utfall
        rader += [tuple(r) for r in ut]
    return rader


def kontrollera_mal(rader: list[tuple[str, ...]]) -> dict[str, dict[tuple[str, str], int]]:
    """Unika id, giltiga hänvisningar och bedömningar; antal per period, typ och bedömning."""
    antal: dict[str, dict[tuple[str, str], int]] = {}
    for period in ("2024-04", "2024-08"):
        per = [r for r in rader if r[0] == period]
        typ = {r[2]: r[1] for r in per}
        if len(typ) != len(per):
            raise ValueError(f"mål {period}: id är inte unika")
        for r in per:
            _, t, id_, namnd, over, text, bed, utfall, malvarde, nyckeltal, analys = r
            if not id_.isascii() or id_ != id_.lower() or " " in id_ or bed not in BEDOMNINGAR or not text:
                raise ValueError(f"mål {period} {id_}: id eller bedömning")
            vantad = {"regionmal": None, "delmal": "regionmal", "indikator": "delmal", "finansiellt": None}[t]
            if (vantad is None) != (over == "") or (vantad and typ.get(over) != vantad):
                raise ValueError(f"mål {period} {id_}: överordnat {over!r}")
            if (t in ("regionmal", "finansiellt")) != (namnd == "") or (t in ("regionmal", "finansiellt")
                                                                         and not analys):
                raise ValueError(f"mål {period} {id_}: nämnd eller analys")
            if nyckeltal and utfall:
                raise ValueError(f"mål {period} {id_}: utfall räknas ur nyckeltalet")
            for tal in (utfall, malvarde):
                if tal and not re.fullmatch(r"-?\d+(,\d+)?", tal):
                    raise ValueError(f"mål {period} {id_}: {tal!r} är inget tal med decimalkomma")
            antal.setdefault(period, {})
            antal[period][t, bed] = antal[period].get((t, bed), 0) + 1
    if [r[2:] for r in rader if r[0] == "2024-04"] == [r[2:] for r in rader if r[0] == "2024-08"]:
        raise ValueError("mål: april och augusti är lika")
    return antal


def skriv_mal(katalog: Path, rader: list[tuple[str, ...]]) -> None:
    rubrik = ("period", "typ", "id", "namnd", "overordnat", "text", "bedomning", "utfall", "malvarde", "nyckeltal",
              "analys")
    _skriv_text(katalog, "mal_2024.csv", _csv([rubrik, *rader]))


# ---------------------------------------------------------------------------------------------------------

def _skriv_text(katalog: Path, namn: str, text: str) -> None:
    (katalog / namn).write_bytes(text.encode("utf-8"))


def _csv(rader: Sequence[Sequence[object]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\n").writerows(rader)
    return buf.getvalue()


def generera_region(katalog: Path = KATALOG) -> None:
    """Läs generera.py:s filer i katalogen och skriv regionens filer där."""
    balans = generera_balans(katalog)
    for rad in kontrollera_balans(katalog, balans):
        print(f"kontroll balans  {rad}")
    skriv_balans(katalog, balans)
    skriv_kontoplan(katalog)
    prognos = prognos_rader(katalog)
    budget = budget_per_rad(katalog)
    for period, per_rad in prognos.items():
        print(f"kontroll prognos {period}: verksamheten = nämndernas summa "
              f"{sum(per_rad[n][0] for n in PROGNOS_RADER_VERKSAMHET)} Mkr; finansnetto, orealiserade och "
              "generella statsbidrag stämmer")
    for namn, b in budget.items():
        print(f"  budget helår 2024 {namn:50} {b:10.1f} Mkr")
    skriv_prognos(katalog, prognos)
    rader = mal_rader()
    antal = kontrollera_mal(rader)
    for period, per in antal.items():
        print(f"kontroll mål {period}: " + ", ".join(f"{t}/{b} {n}" for (t, b), n in sorted(per.items())))
    skriv_mal(katalog, rader)


PROGNOS_RADER_VERKSAMHET = ("Verksamhetens intäkter", "Verksamhetens kostnader", "Avskrivningar")


if __name__ == "__main__":
    import sys

    generera_region(Path(sys.argv[1]) if len(sys.argv) > 1 else KATALOG)
