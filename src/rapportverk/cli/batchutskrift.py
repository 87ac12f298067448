"""Utskrifter för batchen: förlopp per nämnd, sammanfattning av fel och av en verifiering.

I en terminal en förloppsindikator (rich); i en logg (CI, pipe) en vanlig rad per nämnd, utan färgkoder.
Funktionerna skriver och lämnar tillbaka en avslutskod; kommandoraden avslutar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from rapportverk import formatering
from rapportverk.bygg.batch import Resultat
from rapportverk.bygg.inkrementell import Plan
from rapportverk.utdata.manifest import Skillnader


def sekunder(s: float) -> str:
    return formatering.sekunder(s)


def internt(traceback_: str, debug: bool) -> str:
    """Ett internt fel: sista raden, eller hela tracebacken med --debug."""
    if debug:
        return f"internt fel i rapportverk:\n{traceback_}"
    return (f"internt fel i rapportverk ({traceback_.splitlines()[-1] if traceback_ else 'okänt'}); kör igen med "
            "--debug och skicka utskriften till den som förvaltar rapportverk.")


def rad(r: Resultat, visa_filer: bool = True) -> str:
    if r.byggd is not None:
        # ut/2021-04/delarsrapport-x-2021-04.docx, .pdf: samma namn står inte två gånger på raden.
        forsta, *ovriga = r.byggd.filer
        filer = [str(forsta), *(f.suffix if f.with_suffix("") == forsta.with_suffix("") else str(f) for f in ovriga)]
        vad = "skrev " + ", ".join(filer) if visa_filer else "ombyggd"
        return f"{r.namnd}: {vad} ({r.byggd.sidor} sidor, {sekunder(r.sekunder)})"
    return f"{r.namnd}: misslyckades ({'internt fel' if r.internt else f'{len(r.fel)} fel'}; se sammanfattningen)"


@contextmanager
def framsteg(ut: Console, totalt: int, rubrik: str, visa_filer: bool = True) -> Iterator[Callable[[Resultat], None]]:
    """Ger en funktion som batchen anropar för varje färdig nämnd."""
    if ut.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=ut) as forlopp:
            uppgift = forlopp.add_task(rubrik, total=totalt)

            def visa(r: Resultat) -> None:
                forlopp.console.print(rad(r, visa_filer), markup=False, highlight=False, soft_wrap=True)
                forlopp.advance(uppgift)

            yield visa
        return
    klara = [0]

    def logga(r: Resultat) -> None:
        klara[0] += 1
        ut.print(f"[{klara[0]}/{totalt}] {rad(r, visa_filer)}", markup=False, highlight=False, soft_wrap=True)

    yield logga


def varningar(fel_ut: Console, resultat: list[Resultat]) -> None:
    """Utkastens varningsrutor också på stderr, så att de syns i en CI-logg."""
    for r in resultat:
        for text in (r.byggd.varningar if r.byggd is not None else ()):
            fel_ut.print(f"Varning ({r.namnd}): {text}", markup=False, soft_wrap=True)


def misslyckade(fel_ut: Console, resultat: list[Resultat], debug: bool) -> int:
    """Nämnderna som inte byggdes, med sina fel. Kod 0, 1, eller 3 om något var ett internt fel."""
    fel = [r for r in resultat if r.byggd is None]
    if not fel:
        return 0
    fel_ut.print(f"{len(fel)} {'nämnd' if len(fel) == 1 else 'nämnder'} kunde inte byggas:", markup=False)
    for r in fel:
        fel_ut.print(f"  {r.namnd}:", markup=False)
        for text in [str(f) for f in r.fel] or [internt(r.internt or "", debug)]:
            fel_ut.print(f"    Fel: {text}", markup=False, soft_wrap=True)
    return 3 if any(r.internt for r in fel) else 1


def skillnader(ut: Console, fel_ut: Console, s: Skillnader, katalog: Path, antal: int) -> int:
    """Vad verifieringen hittade, på svenska. Kod 1 om något skiljer, annars 0."""

    def vilka(rapporter: list[str]) -> str:
        if not rapporter:
            return ""
        if len(rapporter) == antal > 1:
            return f" (alla {antal} rapporter)"
        fler = f" och {len(rapporter) - 3} till" if len(rapporter) > 3 else ""
        return f" ({', '.join(rapporter[:3])}{fler})"

    def lista(rubrik: str, rader: dict[str, list[str]] | list[str]) -> None:
        if not rader:
            return
        ut.print(rubrik, markup=False, highlight=False)
        for namn in rader:
            om = vilka(rader[namn]) if isinstance(rader, dict) else ""
            ut.print(f"  {namn}{om}", markup=False, highlight=False, soft_wrap=True)

    lista("Indata som har ändrats sedan bygget:", s.andrade_indata)
    lista("Indata som saknas nu:", s.saknade_indata)
    lista("Indata som läses nu men inte lästes vid bygget:", s.nya_indata)
    lista(f"Filer i {katalog} som har ändrats efter bygget:", s.andrade_filer)
    lista(f"Filer i {katalog} som saknas:", s.saknade_filer)
    lista("Filer som byggs om till andra byte än i manifestet:", s.olika_ombyggen)
    lista("Rapporter som inte gick att bygga om:", {k: [] for k in s.misslyckade})
    lista("Versioner som skiljer sig från bygget:", s.andrade_versioner)
    if s.andrade_versioner and s.olika_ombyggen:
        orsak = ("inte med en ändring i indata" if not (s.andrade_indata or s.saknade_indata or s.nya_indata)
                 else "och kan också komma från de ändrade indata ovan")
        ut.print(f"Skillnaderna i utdata kommer med en versionsändring ({', '.join(s.andrade_versioner)}), {orsak}; "
                 "installera versionerna från låsfilen (make install) för att bygga byte för byte lika.",
                 markup=False, highlight=False, soft_wrap=True)
    if s.annan_kod:
        ut.print(f"Obs: {vilka(s.annan_kod).strip(' ()') or 'rapporterna'} byggdes med en annan version av "
                 "rapportverks kod än den som är installerad nu; skillnader i utdata kan komma därifrån.",
                 markup=False, highlight=False, soft_wrap=True)
    for nyckel, fel in s.misslyckade.items():
        for text in fel:
            fel_ut.print(f"Fel ({nyckel}): {text}", markup=False, soft_wrap=True)
    if s.tom:
        ut.print(f"Verifierat: alla {antal} rapporter byggs om byte för byte lika, och ingen indatafil har ändrats.",
                 markup=False, highlight=False)
        return 0
    fel_ut.print("Verifieringen hittade skillnader (se ovan).", markup=False)
    return 1


def plan(ut: Console, plan: Plan, antal: int) -> None:
    """Skälen till ett inkrementellt bygge: vilka nämnder som byggs om, och varför."""
    ut.print(f"Bygger om {len(plan.bygg)} av {antal} rapporter; {len(plan.behall)} är oförändrade sedan "
             "förra bygget (--full bygger om alla).", markup=False, highlight=False, soft_wrap=True)
    for namnd in plan.bygg:
        skal = plan.skal[namnd]
        fler = f" (och {len(skal) - 3} skäl till)" if len(skal) > 3 else ""
        ut.print(f"  {namnd}: {'; '.join(skal[:3])}{fler}", markup=False, highlight=False, soft_wrap=True)

