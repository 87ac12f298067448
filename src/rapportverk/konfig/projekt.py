"""Ett laddat projekt: den validerade konfigurationen med sin plats på disken och sina radnummer, och vad som
räknas som innanför projektet."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rapportverk import resurser
from rapportverk.fel import Fel, RapportverkFel, forslag, visningsnamn
from rapportverk.konfig.modell import REGION, Konfig, Kostnadsslagplan, Namnd, Rapport
from rapportverk.konfig.rapportfiler import Ursprung
from rapportverk.konfig.yamlrader import Vag, rad_for


@dataclass(frozen=True)
class Projekt:
    """Den validerade konfigurationen med sin plats på disken och sina radnummer."""

    konfig: Konfig
    kostnadsslag: Kostnadsslagplan
    katalog: Path
    fil: str
    rader: dict[Vag, int]
    kostnadsslag_fil: str
    kostnadsslag_rader: dict[Vag, int]
    # Delar som kommer från konfig/rapporter/*.yaml: deras fil och rader (fel pekar dit).
    ursprung: Ursprung = field(default_factory=dict)
    rapportfiler: tuple[Path, ...] = ()
    # Konfigurationen som den här bygger på (`bas:`), för manifestet.
    basfil: Path | None = None

    def sokvag(self, relativ: str) -> Path:
        """Filer i konfigurationen anges relativt konfigurationsfilens katalog."""
        return (self.katalog / relativ).resolve()

    def som_skriven(self, vag: Vag, relativ: str) -> str:
        """Sökvägen som den står i sin fil: en rapportfils sökvägar är relativa till rapportfilen men sparas
        relativa till konfigurationen, och ett fel ska visa det användaren skrev (../../mallar/x.md)."""
        fil = self.fil_for(vag)
        for rapportfil in self.rapportfiler:
            if visningsnamn(rapportfil) == fil and not os.path.isabs(relativ):
                return os.path.relpath(self.katalog / relativ, rapportfil.parent)
        return relativ

    def visa(self, relativ: str) -> str:
        return visningsnamn(self.sokvag(relativ))

    def stilmall(self, rapport: str) -> Path:
        """Rapporttypens stilmall: dess egen (`stil`) eller den inbyggda."""
        stil = self.konfig.rapporter[rapport].stil
        return self.sokvag(stil) if stil else resurser.fil(resurser.STILMALL)

    def diagramstil(self, rapport: str) -> Path:
        """Diagramstilen: `diagram.mplstyle` bredvid rapporttypens layoutmall eller i katalogen ovanför (projektets
        mallar/), annars den inbyggda."""
        r = self.konfig.rapporter.get(rapport)
        if r is not None:
            mallkatalog = self.sokvag(r.mall).parent
            for katalog in (mallkatalog, mallkatalog.parent):
                fil = katalog / resurser.DIAGRAMSTIL
                if fil.is_file() and inom_projektet(fil, self.katalog, self.konfig):
                    return fil.resolve()
        return resurser.fil(resurser.DIAGRAMSTIL)

    def resursbas(self, rapport: str) -> Path:
        """Katalogen som relativa adresser i stil- och HTML-mallen (bilder, typsnitt) utgår från: stilmallens egen
        katalog, eller layoutmallens när rapporttypen använder den inbyggda stilmallen."""
        r = self.konfig.rapporter[rapport]
        return self.sokvag(r.stil or r.mall).parent

    def wordmall(self, rapport: str) -> Path:
        """Rapporttypens Word-referensmall: dess egen (`wordmall`) eller den inbyggda."""
        mall = self.konfig.rapporter[rapport].wordmall
        return self.sokvag(mall) if mall else resurser.fil(resurser.WORDMALL)

    def fel(self, text: str, vag: Vag) -> Fel:
        for n in range(len(vag), 0, -1):
            if vag[:n] in self.ursprung:
                fil, rader, bas = self.ursprung[vag[:n]]
                return Fel(text, fil, rad_for(rader, (*bas, *vag[n:])))
        return Fel(text, self.fil, rad_for(self.rader, vag))

    def fil_for(self, vag: Vag) -> str:
        """Filen där en del av konfigurationen står (rapportverk.yaml eller en fil under rapporter/)."""
        for n in range(len(vag), 0, -1):
            if vag[:n] in self.ursprung:
                return self.ursprung[vag[:n]][0]
        return self.fil

    @property
    def org_nivaer(self) -> list[str]:
        return self.konfig.hierarkier.organisation.nivaer

    def rapport(self, namn: str) -> Rapport:
        """Rapporttypen `namn`, eller ett svenskt fel med förslag och de som finns (det enda stället det prövas)."""
        if namn not in self.konfig.rapporter:
            kanda = sorted(self.konfig.rapporter)
            raise RapportverkFel(f"rapporttypen '{namn}' finns inte{forslag(namn, kanda)}; välj en av: "
                                 f"{', '.join(kanda)} (se 'rapport bygg --lista'). En ny rapporttyp läggs i "
                                 f"{self.katalog.name}/rapporter/<namn>.yaml.")
        return self.konfig.rapporter[namn]

    def namnd(self, namnd_id: str) -> Namnd:
        if namnd_id == REGION:
            return Namnd(id=REGION, namn=self.konfig.organisation.namn)
        for n in self.konfig.namnder:
            if n.id == namnd_id:
                return n
        raise RapportverkFel(
            f"nämnden '{namnd_id}' finns inte i {self.fil}{forslag(namnd_id, self.namnd_ids)}; "
            f"välj en av: {', '.join(self.namnd_ids)}."
        )

    @property
    def namnd_ids(self) -> list[str]:
        return [n.id for n in self.konfig.namnder]


def inom_projektet(sokvag: Path, konfigkatalog: Path, konfig: Konfig) -> bool:
    """Projektet är konfigurationskatalogens överordnade katalog; därutöver bara kataloger som konfigurationen
    uttryckligen tillåter (tillat_utanfor_projektet). Symboliska länkar följs innan det prövas."""
    tillatna = [konfigkatalog.parent.resolve(),
                *((konfigkatalog / t).resolve() for t in konfig.tillat_utanfor_projektet)]
    return any(sokvag.resolve().is_relative_to(t) for t in tillatna)


def utanfor_text(fil: str, konfigkatalog: Path) -> str:
    return (f"'{fil}' ligger utanför projektet ({konfigkatalog.parent.resolve()}); flytta in den i projektet, eller "
            "lägg dess katalog under tillat_utanfor_projektet om den verkligen ska läsas därifrån.")
