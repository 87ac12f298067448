"""2022: en brygga mellan 2021 och 2023 (inga publicerade mål).

Rullande tolv månader (R12) för 2023-2024 läser 24 månader bakåt, alltså 2022. Året byggs ur de färdiga åren: per
kostnadsställe och blad ligger årets utfall och budget mitt emellan 2021 och 2023 (utfallet med lite brus).
Utfallets nivå per månad går linjärt från 2021 års mot 2023 års (summan över året blir medelvärdet) gånger bladets
säsongsprofil, och varje konto får sin andel av medlet av de två årens belopp. Kontoplanen är 2022 års: kontona som
infördes 2023 förs tillbaka till sina föregångare (data/brygga_2022.yaml). Budgeten läggs som 2023 på ett konto per
kostnadsställe och blad.

Kostnadsställena är de som gällde 2022 (organisation.csv: giltig_till 2022-12 eller öppen). Omorganisationen 2023
flyttade kostnadsställen men behöll koderna, så varje rad finns både i hierarkin som gäller 2022 och i den från
2023: en rapport för 2023-2024 som läser 2022 som jämförelseår kopplar raderna till den nya indelningen.
Finansförvaltningens kostnadsställen finns först från 2023; regionens rader (8xxx) bokas 2022 på
regionförvaltningens centrala kostnadsställen (oförändrade 2023), med nivåer i rimlig relation till 2023.
"""

from __future__ import annotations

from .gemensamt import fordela, las_yaml, perioder, rng_for
from .kontoplan import KONTO, PLATT, Budget, Utfall, sasong, tecken
from .organisation import NAMNDER, Enhet, finans_enheter, organisationsrader

_DATA = las_yaml("brygga_2022.yaml")
BRYGGAR = 2022
# Konto från 2023 -> kontot som användes till och med 2022.
KONTO_FORE_2023: dict[str, str] = _DATA["konto_fore_2023"]
# Regionens rader 2022: konto -> (basenhet, utfall i förhållande till 2023).
REGIONRADER_2022: dict[str, tuple[str, float]] = {
    konto: (d["basenhet"], d["utfall_mot_2023"]) for konto, d in _DATA["regionrader"].items()}
REGIONRADER_BUDGET_2022: float = _DATA["regionrader_budget_mot_2023"]


def _arsbelopp(data: dict[tuple[str, str, str], int], ar: int) -> dict[tuple[str, str], dict[str, int]]:
    """Verksamhetens årsbelopp (utan 8xxx) per (kostnadsställe, blad) och konto i 2022 års kontoplan."""
    ut: dict[tuple[str, str], dict[str, int]] = {}
    for (period, kod, konto), v in data.items():
        if int(period[:4]) != ar or konto[0] == "8" or v == 0:
            continue
        konto = KONTO_FORE_2023.get(konto, konto)
        cell = ut.setdefault((kod, KONTO[konto].blad), {})
        cell[konto] = cell.get(konto, 0) + v
    return ut


def _kontovikter(*belopp_per_ar: dict[str, int]) -> dict[str, float]:
    """Kontots belopp summerat över åren (samma tecken inom ett blad): varje konto får medlet av sina år."""
    vikter: dict[str, float] = {}
    for belopp in belopp_per_ar:
        for konto in sorted(belopp):
            vikter[konto] = vikter.get(konto, 0.0) + abs(belopp[konto])
    return vikter


def _rfg_enhet(organisation: list[Enhet], basenhet: str) -> str:
    """Kostnadsstället där en regionrad bokas 2022."""
    return next(e.kod for e in organisation if e.delomrade.namnd == _DATA["regionrader_namnd"]
                and e.delomrade.namn == _DATA["regionrader_delomrade"] and e.basenhet.namn == basenhet)


def generera_brygga(organisation: list[Enhet], utfall: Utfall, budget: Budget) -> tuple[Utfall, Budget]:
    """Utfall (ören) och budget (kronor) för BRYGGAR ur året före och året efter."""
    ar = BRYGGAR
    manader = range(1, 13)
    u22: Utfall = {}
    b22: Budget = {}
    u_fore, u_efter = _arsbelopp(utfall, ar - 1), _arsbelopp(utfall, ar + 1)
    for kod, blad in sorted(u_fore.keys() | u_efter.keys()):
        fore, efter = u_fore.get((kod, blad), {}), u_efter.get((kod, blad), {})
        a, b = sum(fore.values()), sum(efter.values())
        rng = rng_for("brygga-utfall", ar, kod, blad)
        total = round((a + b) / 2 * rng.uniform(0.97, 1.03))
        # Årsnivåerna gäller mitt i respektive år: månad m 2022 ligger (m + 5,5) / 24 av vägen från 2021 till 2023.
        vikter = [abs(a + (m + 5.5) / 24 * (b - a)) * sasong(blad)[m - 1] * rng.uniform(0.93, 1.07)
                  for m in manader]
        kontovikt = _kontovikter(fore, efter)
        konton = sorted(kontovikt)
        for m, belopp in zip(manader, fordela(total, vikter), strict=True):
            for konto, v in zip(konton, fordela(belopp, [kontovikt[k] * rng.uniform(0.9, 1.1) for k in konton]),
                                strict=True):
                if v:
                    u22[f"{ar}{m:02d}", kod, konto] = v
    b_fore, b_efter = _arsbelopp(budget, ar - 1), _arsbelopp(budget, ar + 1)
    for kod, blad in sorted(b_fore.keys() | b_efter.keys()):
        fore, efter = b_fore.get((kod, blad), {}), b_efter.get((kod, blad), {})
        total = round((sum(fore.values()) + sum(efter.values())) / 2)
        kalla = efter or fore  # det tyngsta kontot, helst 2023 års
        konto = max(sorted(kalla), key=lambda k, kalla=kalla: abs(kalla[k]))
        for m, v in zip(manader, fordela(total, sasong(blad)), strict=True):
            if v:
                b22[f"{ar}{m:02d}", kod, konto] = v
    # Regionens rader.
    efter_u: dict[str, int] = {}
    efter_b: dict[str, int] = {}
    for data, summor in ((utfall, efter_u), (budget, efter_b)):
        for (period, _, konto), v in data.items():
            if konto[0] == "8" and int(period[:4]) == ar + 1:
                summor[konto] = summor.get(konto, 0) + v
    for konto, (basenhet, faktor) in sorted(REGIONRADER_2022.items()):
        kod = _rfg_enhet(organisation, basenhet)
        rng = rng_for("brygga-regionrad", ar, konto)
        for m, v in zip(manader, fordela(round(efter_u.get(konto, 0) * faktor),
                                         [rng.uniform(0.93, 1.07) for _ in manader]), strict=True):
            if v:
                u22[f"{ar}{m:02d}", kod, konto] = v
        for m, v in zip(manader, fordela(round(efter_b.get(konto, 0) * REGIONRADER_BUDGET_2022), PLATT),
                        strict=True):
            if v:
                b22[f"{ar}{m:02d}", kod, konto] = v
    return u22, b22


def _manad_plus(period: str, n: int) -> str:
    """"ÅÅÅÅ-MM" plus n månader."""
    i = int(period[:4]) * 12 + int(period[5:]) - 1 + n
    return f"{i // 12}-{i % 12 + 1:02d}"


def kontrollera_brygga(organisation: list[Enhet], utfall: Utfall, budget: Budget, u22: Utfall, b22: Budget,
                       kontoplan: set[str]) -> None:
    """Bryggårets rader: rätt år, konton i kontoplanen, rätt tecken, rätt hierarki för varje rapport som läser
    dem, alla nämnder varje månad, och varje nämnds nettokostnad mellan året före och året efter."""
    ar = BRYGGAR
    namnd_for = {e.kod: e.delomrade.namnd for e in (*organisation, *finans_enheter(organisation))}
    for serie, data in (("utfall", u22), ("budget", b22)):
        for (period, kod, konto), v in data.items():
            if int(period[:4]) != ar or kod not in namnd_for or konto not in kontoplan or konto in KONTO_FORE_2023:
                raise ValueError(f"{serie} {ar}: oväntad rad {(period, kod, konto)}")
            if konto[0] != "8" and v * tecken(KONTO[konto].blad) <= 0:
                raise ValueError(f"{serie} {ar}: fel tecken {(period, kod, konto)} {v}")
        finns: dict[str, set[str]] = {}
        for period, kod, _ in data:
            finns.setdefault(period, set()).add(namnd_for[kod])
        for period in perioder(ar, range(1, 13)):
            if finns.get(period) != {n for n, *_ in NAMNDER}:
                raise ValueError(f"{serie} {period}: alla nämnder har inte rader")
    # En rapport för period P läser huvudboken från P - 23 månader (R12; diagrammen från januari två år före P)
    # t.o.m. december P:s år och kopplar alla rader till hierarkin som gäller vid P: varje kostnadsställe som
    # läses måste finnas där. Prövas med det vidare fönstret, januari två år före P.
    rader = organisationsrader(organisation)
    koder_per_period: dict[str, set[str]] = {}
    for data in (utfall, budget, u22, b22):
        for period, kod, _ in data:
            koder_per_period.setdefault(f"{period[:4]}-{period[4:]}", set()).add(kod)
    for i in range(36):
        p = _manad_plus(f"{ar}-01", i)
        giltiga = {r[0] for r in rader if (not r[6] or r[6] <= p) and (not r[7] or p <= r[7])}
        fran, till = f"{int(p[:4]) - 2}-01", f"{p[:4]}-12"
        lasta = set().union(*(k for q, k in koder_per_period.items() if fran <= q <= till))
        if not lasta <= giltiga:
            raise ValueError(f"rapport {p}: kostnadsställen utan plats i hierarkin: {sorted(lasta - giltiga)}")
    # Bryggan per nämnd (verksamheten): strikt mellan året före och året efter.
    for serie, data, ny in (("utfall", utfall, u22), ("budget", budget, b22)):
        summa: dict[tuple[str, int], int] = {}
        for (period, kod, konto), v in (*data.items(), *ny.items()):
            if konto[0] != "8" and kod in namnd_for:
                nyckel = (namnd_for[kod], int(period[:4]))
                summa[nyckel] = summa.get(nyckel, 0) + v
        for n, *_ in NAMNDER:
            fore, mitt, efter = (summa.get((n, a), 0) for a in (ar - 1, ar, ar + 1))
            if not min(fore, efter) < mitt < max(fore, efter):
                raise ValueError(f"{serie} {ar} {n}: {mitt} ligger inte mellan {fore} och {efter}")

