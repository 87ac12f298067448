"""Bilagan Spårbarhet: för varje ekonomisk tabell i rapporten, bidragen per kostnadsställe och kostnadsslag
bakom varje rad, så att revisorerna kan följa en siffra till huvudboken utan att öppna Excel."""

from __future__ import annotations

from rapportverk.berakning.bidrag import huvudboksmatt
from rapportverk.berakning.modell import Tabell as Berakning
from rapportverk.dokument.modell import Block, Huvudcell, Justering, Rubrik, Stycke, Tabell, Tabellrad, Text
from rapportverk.dokument.tabell import ENHETSTEXT, slug
from rapportverk.formatering import cell
from rapportverk.underlag import Underlag


def bilaga(tabeller: list[tuple[str, Berakning]], underlag: Underlag, namn_for: dict[str, str]) -> list[Block]:
    """Rubrik, en förklarande mening och en tabell per ekonomisk tabell (första kolumnen som är ett
    huvudboksbelopp, t.ex. ack utfall)."""
    block: list[Block] = [
        Rubrik(1, (Text("Bilaga: Spårbarhet"),), "bilaga-sparbarhet"),
        Stycke((Text("Bilagan visar vad varje rad i rapportens ekonomiska tabeller består av: beloppet per "
                     "kostnadsställe och kostnadsslag, ur huvudboken. Raderna under en tabellrad summerar till "
                     "radens värde (skillnader i sista siffran beror på avrundning). Med kommandot rapport "
                     "forklara visas varje enskild huvudboksrad med fil och radnummer."),)),
    ]
    for namnd, t in tabeller:
        # Årets utfall om tabellen visar det (inte föregående års), annars första beloppet ur huvudboken.
        mojliga = [k for k in t.kolumner if k.typ == "belopp" and huvudboksmatt(k.nyckel)]
        kol = next((k for k in mojliga if k.nyckel in ("ack_utfall", "utfall", "saldo")), mojliga[0] if mojliga
                   else None)
        normala = [r for r in t.rader if r.typ in ("normal", "varav") and r.urval is not None]
        if kol is None or not normala:
            continue
        rader: list[Tabellrad] = []
        for r in normala:
            grupper = underlag.bidrag(r.urval, kol.nyckel)  # type: ignore[arg-type]
            rader.append(Tabellrad((r.etikett, "", cell("belopp", r.varden[t.kolumner.index(kol)], t.enhet,
                                                           kol.decimaler, extra=kol.extra_decimaler)), "delsumma"))
            for g in grupper.iter_rows(named=True):
                rader.append(Tabellrad((g["enhet"], g["kostnadsslag"],
                                        cell("belopp", g["varde"], t.enhet, kol.decimaler + 1,
                                             extra=kol.extra_decimaler)), niva=1))
        rubrik = f"{t.rubrik} – {kol.rubrik}" + (f" ({namn_for.get(namnd, namnd)})" if namnd else "")
        block.append(Rubrik(2, (Text(rubrik),), f"sparbarhet-{slug(t.namn)}-{slug(namnd)}"))
        huvud = (tuple(Huvudcell(text, 1, j) for text, j in (("Rad / kostnadsställe", "vanster"),
                                                              ("Kostnadsslag", "vanster"), (kol.rubrik, "hoger"))),)
        justering: tuple[Justering, ...] = ("vanster", "vanster", "hoger")
        block.append(Tabell(f"sparbarhet-{slug(t.namn)}-{slug(namnd)}", f"Underlag: {rubrik}", huvud, tuple(rader),
                            justering, ENHETSTEXT.get(t.enhet)))
    return block
