"""Ett provdokument med alla blocktyper, för renderartester (oberoende av exempeldata)."""

from __future__ import annotations

import io

from rapportverk.dokument.modell import (
    Betonad,
    Dokument,
    Figur,
    Huvudcell,
    Innehall,
    Liggande,
    Lista,
    Markering,
    Meta,
    Rubrik,
    Sidbrytning,
    Stark,
    Stycke,
    Tabell,
    Tabellrad,
    Text,
    Titelsida,
)

M = "\u2212"
NB = "\u00a0"


def provbild() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3), dpi=100)
    ax.bar(["A", "B", "C"], [-260, 1, 17], color="#1f5f8b")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def omradestabell() -> Tabell:
    rader = [
        ("Regionförvaltningen gemensamt", f"{M}245", f"{M}212", "15,6", f"{M}260", f"{M}1{NB}696,6", f"{M}515"),
        ("Administrativ verksamhet", f"{M}70", f"{M}57", "23,9", "1", "1,2", f"{M}192"),
        ("Primärvård beställning", f"{M}476", f"{M}426", "11,8", "17", "3,5", f"{M}1{NB}459"),
    ]
    return Tabell(
        id="tabell-budgetavvikelse-per-omrade",
        rubrik="Analys av budgetavvikelse per område",
        huvud=(
            (Huvudcell("", 1, "vanster"), Huvudcell("Utfall 2021"), Huvudcell("Utfall 2020"),
             Huvudcell("Nettokostnadsutveckling %"), Huvudcell("Budgetavvikelse", 2), Huvudcell("Årsbudget 2021")),
            (Huvudcell("Område", 1, "vanster"), Huvudcell(""), Huvudcell(""), Huvudcell(""), Huvudcell("mkr"),
             Huvudcell("%"), Huvudcell("")),
        ),
        rader=(*(Tabellrad(r) for r in rader),
               Tabellrad(("varav Pensionskostnader", f"{M}490", "", "", "", "", ""), "varav", 1),
               Tabellrad(("Summa", f"{M}1{NB}150", f"{M}1{NB}036", "11,0", f"{M}225", f"{M}24,3", f"{M}3{NB}241"),
                         "summa")),
        justering=("vanster", "hoger", "hoger", "hoger", "hoger", "hoger", "hoger"),
        enhetstext="Belopp i miljoner kronor",
    )


def provdokument(antal_extra_stycken: int = 30) -> Dokument:
    block = [
        Titelsida("Delårsrapport per april 2021", "Regionstyrelsen",
                  ("Regionstyrelsens rapport", "RS 848-2021", "Utkast")),
        Innehall(),
        Rubrik(1, (Text("Inledning"),), "inledning", "1"),
        Stycke((Text("Rapporten följer upp "), Betonad((Text("perioden"),)), Text(" och "),
                Stark((Text("ekonomin"),)), Text("."))),
        Rubrik(2, (Text("Nämndens uppdrag"),), "namndens-uppdrag"),
        Lista(((Stycke((Text("Leda och samordna"),)),), (Stycke((Text("Följa upp"),)),))),
        Lista(((Stycke((Text("Första"),)),), (Stycke((Text("Andra"),)),)), numrerad=True),
        Markering("[Text saknas: viktiga_handelser]"),
        Rubrik(1, (Text("Ekonomisk analys"),), "ekonomisk-analys", "2"),
        omradestabell(),
        Figur("figur-1", provbild(), "Staplar: budgetavvikelse per område; störst negativ Regionförvaltningen "
              f"gemensamt {M}260 Mkr.", "Figur 1. Budgetavvikelse per område t.o.m. april 2021"),
        *[Stycke((Text(f"Stycke {i} med löptext som fyller sidan så att dokumentet får flera sidor. " * 4),))
          for i in range(antal_extra_stycken)],
        Sidbrytning(),
        Rubrik(1, (Text("Bilagor"),), "bilagor", "3"),
        Liggande((omradestabell(),)),
    ]
    return Dokument(Meta("Delårsrapport per april 2021 – Regionstyrelsen", "Region Nordanå",
                         "Delårsrapport", sidhuvud="Regionstyrelsen · Delårsrapport april 2021"), tuple(block))
