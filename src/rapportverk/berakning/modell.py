"""Resultatet av en beräkning: en fryst tabell med oavrundade värden som båda renderarna läser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Radtyp = Literal["normal", "rubrik", "delsumma", "summa", "varav"]
Kolumntyp = Literal["belopp", "procent", "antal"]


@dataclass(frozen=True)
class Kolumn:
    nyckel: str
    rubrik: str
    typ: Kolumntyp
    decimaler: int
    grupp: str | None = None
    # Högst så många decimaler till för ett värde som inte är noll men annars skulle skrivas 0 (−0,4 i en kolumn
    # av hela Mkr); 0 = aldrig. Bestäms ur konfigurationen i `tabell.kolumner`, används när talet skrivs.
    extra_decimaler: int = 0
    # Kolumnerna (nyckel, koefficient) som kolumnens mått är summan av, när alla står i tabellen (tabell.kolumner).
    delar: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Urval:
    """Vilka indatarader en tabellrad bygger på — ett filter, aldrig en lista av rader (STIL: spårbarhet utan
    uppsvällning). `kalla`: källan (huvudbok, prognos, investeringar …); `lika`: kolumn = värde i källans
    normaliserade ram (nycklar som börjar med _ är bara etiketter, t.ex. _rad = radens namn för en prognos per
    rad); `konton`: kontointervall; `tecken`: −1 när raden visas med omvänt tecken; `delar`: en
    summarad i en uppställning är summan av sina delar (med deras tecken). Månaderna och serien kommer från
    kolumnens mått."""

    kalla: str = "huvudbok"
    lika: tuple[tuple[str, str], ...] = ()
    konton: tuple[str, ...] = ()
    tecken: int = 1
    delar: tuple[Urval, ...] = ()

    def med(self, **villkor: str) -> Urval:
        return Urval(self.kalla, (*self.lika, *villkor.items()), self.konton, self.tecken, self.delar)


@dataclass(frozen=True)
class Rad:
    etikett: str
    typ: Radtyp
    varden: tuple[float | None, ...]
    niva: int = 0
    urval: Urval | None = None
    # En summarad: index (i tabellens rader) för raderna den är summan av, så att en avrundningsdifferens mellan
    # den visade summan och de visade delarna kan upptäckas. Tom för rader som inte är summor.
    delar: tuple[int, ...] = ()
    # Radens id i konfigurationen (en uppställnings radnamn, en nämnds id): stabilt när etiketten byts.
    id: str | None = None


@dataclass(frozen=True)
class Avvikande:
    """Belopp i huvudboken som saknar rad i tabellen: nyckeln (null = utan plats i hierarkin) och summorna."""

    nyckel: str | None
    ack_utfall: float
    arsbudget: float


@dataclass(frozen=True)
class Kontrollavvikelse:
    """Två rader som ska vara lika (en kontroll i konfigurationen) skiljer sig i en kolumn, oavrundat."""

    rad: str
    lika_med: str
    kolumn: str
    skillnad: float


@dataclass(frozen=True)
class Tabell:
    """Belopp i kronor, procent i procent. Enheten (`kr`, `tkr`, `mkr`) används först vid formatering.

    `avstamning` listar huvudbokens belopp som inte hamnade på någon rad (tom när tabellen stämmer till öret).
    """

    namn: str
    rubrik: str
    radrubrik: str
    kolumner: tuple[Kolumn, ...]
    rader: tuple[Rad, ...]
    enhet: str
    avstamning: tuple[Avvikande, ...] = ()
    kontroller: tuple[Kontrollavvikelse, ...] = ()
    # Rader i en uppställning vars prognos saknades i indata och därför är årsbudgeten (avvikelse 0).
    utan_prognos: tuple[str, ...] = ()

    def rad(self, etikett: str) -> Rad:
        """Raden med id:t (konfigurationens namn), eller annars med etiketten som den visas."""
        for r in self.rader:
            if r.id == etikett:
                return r
        for r in self.rader:
            if r.etikett == etikett:
                return r
        raise KeyError(etikett)

    @property
    def radnamn(self) -> list[str]:
        """Namnen en rad kan hämtas med: id:n och etiketterna (för förslag i fel)."""
        return list(dict.fromkeys([*(r.id for r in self.rader if r.id), *(r.etikett for r in self.rader)]))

    def varde(self, etikett: str, kolumn: str) -> float | None:
        index = [k.nyckel for k in self.kolumner].index(kolumn)
        return self.rad(etikett).varden[index]
