"""En påhittad region i full skala för mätningarna: 40 nämnder, 2 400 kostnadsställen, 450 konton.

Allt är deterministiskt (fast frö, inga klockslag): samma antal rader ger samma filer byte för byte.
Huvudboken skrivs per storlek till `data/lager/<rader>/` och länkas (hård länk) in under `data/`, där
`benchmarks/rapportverk.yaml` läser den; de små filerna (organisation, prognos, texter …) är desamma
för alla storlekar.

    python benchmarks/syntetisk.py --rader 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import polars as pl

HAR = Path(__file__).resolve().parent
DATA = HAR / "data"
LAYOUT = HAR.parent / "mallar" / "delarsrapport"
VERSION = 1  # höj när datans form ändras, så att gamla filer i data/lager/ görs om
FRO = 20210430

NAMNDER, OMRADEN, DELOMRADEN, ENHETER, KONTON = 40, 4, 3, 5, 450
PERIOD = "2021-04"
# Utfall 2020-01..2021-04 och budget 2020-01..2021-12: 40 månadsserier som delar raderna lika.
FILER: dict[str, tuple[str, list[tuple[int, int]]]] = {
    "huvudbok_utfall_2020": ("utfall", [(2020, m) for m in range(1, 13)]),
    "huvudbok_utfall_2021": ("utfall", [(2021, m) for m in range(1, 5)]),
    "budget_2020": ("budget", [(2020, m) for m in range(1, 13)]),
    "budget_2021": ("budget", [(2021, m) for m in range(1, 13)]),
}
MANADSSERIER = sum(len(m) for _, m in FILER.values())

NAMNDNAMN = ["Hälso- och sjukvårdsnämnden", "Kollektivtrafiknämnden", "Kulturnämnden", "Utbildningsnämnden",
             "Tandvårdsnämnden", "Fastighetsnämnden", "Servicenämnden", "Regionala utvecklingsnämnden",
             "Primärvårdsnämnden", "Psykiatrinämnden"]
VADERSTRECK = ["Nord", "Syd", "Öst", "Väst"]
OMRADESNAMN = ["Vård", "Stöd", "Utveckling", "Ledning"]
DELNAMN = ["A", "B", "C"]


@dataclass(frozen=True)
class Form:
    """Den deklarerade formen; smoketestet kontrollerar att filerna har just den."""

    rader: int
    namnder: int = NAMNDER
    kostnadsstallen: int = NAMNDER * OMRADEN * DELOMRADEN * ENHETER
    konton: int = KONTON
    version: int = VERSION


def namnd_id(i: int) -> str:
    return f"forvaltning_{i + 1:02d}"


def namnd_namn(i: int) -> str:
    return f"{NAMNDNAMN[i % len(NAMNDNAMN)]} {VADERSTRECK[i // len(NAMNDNAMN)]}"


def omrade(n: int, o: int) -> str:
    # Namnen bär nämndens nummer: en nod får bara ha en förälder i hierarkin.
    return f"{OMRADESNAMN[o]} {n + 1:02d}"


def delomrade(n: int, o: int, d: int) -> str:
    return f"{omrade(n, o)} {DELNAMN[d]}"


def konton() -> list[str]:
    # 89 är relativt prima mot 5 000: 450 olika konton spridda över 3000–7999 (alla verksamhetens kostnadsslag).
    return [str(3000 + (i * 89) % 5000) for i in range(KONTON)]


def organisation() -> pl.DataFrame:
    rader = []
    for n in range(NAMNDER):
        for o in range(OMRADEN):
            for d in range(DELOMRADEN):
                dom = delomrade(n, o, d)
                for e in range(ENHETER):
                    kod = 10000 + len(rader)
                    rader.append({"enhet": str(kod), "enhetsnamn": f"Enhet {kod}", "basenhet": f"{dom}:{e // 2 + 1}",
                                  "delomrade": dom, "omrade": omrade(n, o), "namnd": namnd_id(n)})
    return pl.DataFrame(rader)


def _par(rader: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kostnadsställe, konto och grundbelopp per par; varje par bokas varje månad i varje serie."""
    if rader % MANADSSERIER:
        raise ValueError(f"antalet rader ska vara delbart med {MANADSSERIER}")
    per_manad = rader // MANADSSERIER
    antal_kst = NAMNDER * OMRADEN * DELOMRADEN * ENHETER
    if per_manad > antal_kst * KONTON:
        raise ValueError("för många rader för organisationen och kontoplanen")
    antal = np.full(antal_kst, per_manad // antal_kst) + (np.arange(antal_kst) < per_manad % antal_kst)
    kst = np.repeat(np.arange(antal_kst), antal)
    j = np.arange(len(kst)) - np.repeat(np.cumsum(antal) - antal, antal)
    # Steg 7 är relativt prima mot 450: ett kostnadsställe får aldrig samma konto två gånger.
    konto = (kst * 37 + j * 7) % KONTON
    rng = np.random.default_rng(FRO)
    # Fler konton per kostnadsställe ger mindre belopp per konto, så nämndernas summor liknar varandra.
    grund = rng.lognormal(10.5, 1.0, len(kst)) * (104 / np.maximum(antal[kst], 1))
    intakt = np.array([int(k) < 4000 for k in konton()])[konto]
    return kst, konto, np.where(intakt, grund * 0.8, -grund)


def huvudbok(rader: int) -> dict[str, pl.DataFrame]:
    kst, konto, grund = _par(rader)
    kst_kod = (kst + 10000).astype(str)
    konto_kod = np.array(konton())[konto]
    rng = np.random.default_rng(FRO + 1)
    ut: dict[str, pl.DataFrame] = {}
    for namn, (serie, manader) in FILER.items():
        delar = []
        for ar, m in manader:
            if serie == "utfall":
                faktor = (1.04 if ar == 2021 else 1.0) * (1 + 0.05 * np.sin(m / 12 * 2 * np.pi))
                belopp = grund * faktor * rng.normal(1.0, 0.08, len(grund))
            else:
                belopp = grund * (1.02 if ar == 2021 else 0.99)
            delar.append(pl.DataFrame({"Period": np.full(len(grund), f"{ar}{m:02d}"), "Kostnadsstalle": kst_kod,
                                       "Konto": konto_kod, "Belopp": np.round(belopp, 2)}))
        ut[namn] = pl.concat(delar)
    return ut


def _decimal(v: float, decimaler: int = 3) -> str:
    return f"{v:.{decimaler}f}".replace(".", ",")


def sma_filer() -> dict[str, str]:
    """Prognos, åtgärder, budgetomfördelningar och personal som CSV (semikolon, decimalkomma)."""
    rng = np.random.default_rng(FRO + 2)
    prognos = ["Nämnd;Delområde;Period;Prognos avvikelse mkr"]
    atgarder = ["namnd;enhet;atgard;period;plan_helar_mkr;plan_ack_mkr;effekt_ack_mkr"]
    omford = ["period;namnd;grupp;text;belopp_mkr"]
    personal = ["period;namnd;kon;aldersgrupp;anstallda;tillsvidareanstallda;ordinarie_timmar;sjuk_timmar;"
                "utan_sjukfranvaro"]
    for n in range(NAMNDER):
        nid = namnd_id(n)
        for o in range(2):
            prognos.append(f"{nid};{delomrade(n, o, 0)};{PERIOD};{_decimal(rng.normal(0, 8), 1)}")
        for a, atgard in enumerate(("Minskade resekostnader", "Samordnade inköp", "Färre hyrda lokaler")):
            plan = 1.0 + a + n % 3
            atgarder.append(f"{nid};{omrade(n, a)};{atgard};{PERIOD};{_decimal(plan)};{_decimal(plan / 3)};"
                            f"{_decimal(plan / 3 * rng.uniform(0.6, 1.2))}")
        if n % 4 == 0:
            omford.append(f"{PERIOD};{nid};{omrade(n, 0)};Omfördelad ram;{_decimal(rng.uniform(-5, 5), 2)}")
        for ar, m in [(2020, m) for m in range(1, 13)] + [(2021, m) for m in range(1, 5)]:
            for kon in ("K", "M"):
                for grupp in ("<30", "30-49", ">49"):
                    antal = int(40 + rng.integers(0, 200))
                    timmar = antal * 165.0
                    personal.append(f"{ar}-{m:02d};{nid};{kon};{grupp};{antal};{int(antal * 0.85)};"
                                    f"{_decimal(timmar, 1)};{_decimal(timmar * rng.uniform(0.03, 0.09), 1)};"
                                    f"{int(antal * 0.6)}")
    return {"prognos.csv": "\n".join(prognos) + "\n", "atgarder.csv": "\n".join(atgarder) + "\n",
            "budgetomfordelningar.csv": "\n".join(omford) + "\n", "personal.csv": "\n".join(personal) + "\n"}


TEXT = """\
{{ namnd.namn }} redovisar nettokostnader på {{ ack_utfall() | abs | mkr }} miljoner kronor t.o.m.
{{ period | manad }}, vilket är {{ ack_avvikelse() | abs | mkr }} miljoner kronor
{{ "sämre" if ack_avvikelse() < 0 else "bättre" }} än budget. Nettokostnadsutvecklingen är
{{ nettokostnadsutveckling() | procent }} jämfört med samma period föregående år.

Verksamheten har under perioden arbetat vidare med de prioriterade uppdragen. Arbetet följs upp
månadsvis i ledningsgruppen, och avvikelser analyseras per område.

- Uppföljningen av kostnader per kostnadsställe har förbättrats.
- Planeringen för hösten är klar.
- Samverkan med andra förvaltningar har ökat.
"""


def texter() -> dict[str, str]:
    """Ett gemensamt textblock för varje text("…") i layoutmallen som inte har en standardtext."""
    namn = sorted(set(re.findall(r'text\("([a-z_]+)"\)', (LAYOUT / "rapport.md").read_text(encoding="utf-8"))))
    return {f"{n}.md": TEXT for n in namn if not (LAYOUT / "texter" / f"{n}.md").exists()}


def _skriv(fil: Path, data: bytes) -> None:
    fil.parent.mkdir(parents=True, exist_ok=True)
    if fil.exists() and fil.read_bytes() == data:
        return
    tmp = fil.with_name(f".{fil.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, fil)


def forbered(rader: int, katalog: Path = DATA) -> Form:
    """Skapa (eller återanvänd) huvudboken med `rader` rader och de små filerna, och gör storleken aktiv."""
    f = Form(rader)
    lager = katalog / "lager" / str(rader)
    markering = lager / "form.json"
    if not markering.exists() or json.loads(markering.read_text()) != asdict(f):
        for namn, ram in huvudbok(rader).items():
            lager.mkdir(parents=True, exist_ok=True)
            ram.write_parquet(lager / f"{namn}.parquet", statistics=False)
        markering.write_text(json.dumps(asdict(f)))
    for namn in FILER:
        mal = katalog / f"{namn}.parquet"
        tmp = katalog / f".{namn}.parquet.lank"
        tmp.unlink(missing_ok=True)
        os.link(lager / f"{namn}.parquet", tmp)
        os.replace(tmp, mal)
    _skriv(katalog / "organisation.csv", organisation().write_csv(separator=";").encode())
    for namn, text in sma_filer().items():
        _skriv(katalog / namn, text.encode())
    for namn, text in texter().items():
        _skriv(katalog / "texter" / PERIOD / "gemensamt" / namn, text.encode())
    (katalog / "aktiv.json").write_text(json.dumps(asdict(f)))
    return f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rader", type=int, default=1_000_000)
    print(forbered(ap.parse_args().rader))


if __name__ == "__main__":
    main()
