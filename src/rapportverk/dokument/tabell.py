"""Beräknad tabell (oavrundad) → dokumentets tabell (formaterad svensk text). Formateringen sker här, en gång."""

from __future__ import annotations

import math
import re

from rapportverk.berakning import Tabell as Berakning
from rapportverk.dokument.modell import Huvudcell, Justering, Tabell, Tabellrad
from rapportverk.formatering import ENHETSTEXT, belopp, cell, tolka_tal


def slug(text: str) -> str:
    """Stabilt ankar-id av en rubrik: 'Analys av budgetavvikelse' → 'analys-av-budgetavvikelse'."""
    vikt = text.lower().translate(str.maketrans("åäöé", "aaoe"))
    return re.sub(r"[^a-z0-9]+", "-", vikt).strip("-") or "avsnitt"


def dokumenttabell(t: Berakning, bred: bool = False) -> Tabell:
    kol = t.kolumner
    grupper = [k.grupp for k in kol]
    huvud: list[tuple[Huvudcell, ...]] = []
    if any(grupper):
        # Två rubrikrader: grupperade kolumner delar en cell överst och har sin egen rubrik under.
        overst: list[Huvudcell] = [Huvudcell("", 1, "vanster")]
        i = 0
        while i < len(kol):
            g = grupper[i]
            if g is None:
                overst.append(Huvudcell(kol[i].rubrik))
                i += 1
                continue
            spann = 1
            while i + spann < len(kol) and grupper[i + spann] == g:
                spann += 1
            overst.append(Huvudcell(g, spann))
            i += spann
        underst = [Huvudcell(t.radrubrik, 1, "vanster")] + [Huvudcell(k.rubrik if k.grupp else "") for k in kol]
        huvud = [tuple(overst), tuple(underst)]
    else:
        huvud = [(Huvudcell(t.radrubrik, 1, "vanster"), *(Huvudcell(k.rubrik) for k in kol))]
    rader = tuple(
        Tabellrad((r.etikett, *("" if r.typ == "rubrik" else cell(k.typ, v, t.enhet, k.decimaler,
                                                                   extra=k.extra_decimaler)
                                for k, v in zip(kol, r.varden, strict=True))), r.typ, r.niva)
        for r in t.rader)
    justering: tuple[Justering, ...] = ("vanster", *("hoger" for _ in kol))
    # "Belopp i miljoner kronor" bara där det finns belopp (inte över en tabell med antal och procent).
    enhetstext = ENHETSTEXT.get(t.enhet) if any(k.typ == "belopp" for k in kol) else None
    return Tabell(f"tabell-{slug(t.namn)}", t.rubrik, tuple(huvud), rader, justering, enhetstext, bred=bred)


def avrundningsdifferens(t: Berakning, modell: Tabell) -> bool:
    """Om en visad summa skiljer sig från summan av sina visade delar i någon kolumn (−177, −2 och −498 men
    summan −678), eller en visad skillnad på en rad från skillnaden mellan de visade talen (5,7 och 5,9 men
    förändringen −0,3): då behövs avrundningsnoten. Summor räknas från oavrundade belopp (DESIGN §4), så det
    händer. En kolumn räknas bara där summaradens oavrundade värde är delarnas summa (inte procent, inte en prognos
    som bara finns för summan)."""
    if _radskillnad(t, modell):
        return True
    for i, r in enumerate(t.rader):
        for c, k in enumerate(t.kolumner):
            if not r.delar or k.typ == "procent":
                continue
            summa, delar = r.varden[c], [t.rader[j].varden[c] for j in r.delar]
            if summa is None or None in delar:
                continue
            if not math.isclose(sum(delar), summa, rel_tol=1e-9, abs_tol=1e-6):  # type: ignore[arg-type]
                continue
            visad = tolka_tal(modell.rader[i].celler[c + 1])
            if visad != sum(tolka_tal(modell.rader[j].celler[c + 1]) for j in r.delar):
                return True
    return False


def _radskillnad(t: Berakning, modell: Tabell) -> bool:
    index = {k.nyckel: c for c, k in enumerate(t.kolumner)}
    for i, r in enumerate(t.rader):
        for c, k in enumerate(t.kolumner):
            delar = [(index.get(n), kf) for n, kf in k.delar]
            if not delar or any(j is None for j, _ in delar):
                continue  # en del av skillnaden visas inte i tabellen
            if r.varden[c] is None or any(r.varden[j] is None for j, _ in delar):  # type: ignore[index]
                continue
            celler = [modell.rader[i].celler[j + 1] for j in (c, *(j for j, _ in delar))]  # type: ignore[operator]
            if not all(celler):
                continue
            try:
                visad, *visade = (tolka_tal(x) for x in celler)
            except ValueError:  # "–" eller en text: ingen skillnad att jämföra
                continue
            if visad != sum(d * kf for d, (_, kf) in zip(visade, delar, strict=True)):
                return True
    return False


def avstamningstext(t: Berakning) -> str | None:
    """En svensk mening om belopp i huvudboken som saknar rad i tabellen, eller None när den stämmer."""
    if not t.avstamning:
        return None
    delar = [f"{a.nyckel or 'utan plats i hierarkin'} ({belopp(a.ack_utfall, 'kr', 2)} kr ack utfall, "
             f"{belopp(a.arsbudget, 'kr', 2)} kr årsbudget)" for a in t.avstamning[:10]]
    fler = f" och {len(t.avstamning) - 10} till" if len(t.avstamning) > 10 else ""
    return (f"tabellen '{t.rubrik}' stämmer inte med huvudboken: belopp på {'; '.join(delar)}{fler} saknar rad "
            "i tabellen; lägg till koderna i hierarkin eller rätta huvudboken.")


def kontrolltexter(t: Berakning) -> list[str]:
    """En svensk mening per kontroll i tabellen som inte stämmer (t.ex. balansräkningen går inte ihop)."""
    return [f"tabellen '{t.rubrik}' går inte ihop: '{k.rad}' och '{k.lika_med}' skiljer sig med "
            f"{belopp(k.skillnad, 'kr', 2)} kr i kolumnen '{k.kolumn}'; rätta indata (t.ex. ingående balanser eller "
            "kontoplanens indelning) så att raderna blir lika."
            for k in t.kontroller]
