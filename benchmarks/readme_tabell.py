"""Skriv prestandatabellen i README.md från senaste `make bench` (benchmarks/data/bench.json).

    python benchmarks/readme_tabell.py

Bara raderna mellan <!-- bench:start --> och <!-- bench:end --> skrivs om; resten av README.md lämnas orört.
"""

from __future__ import annotations

import json
from pathlib import Path

HAR = Path(__file__).resolve().parent
README = HAR.parent / "README.md"
RESULTAT = HAR / "data" / "bench.json"
START, SLUT = "<!-- bench:start -->", "<!-- bench:end -->"


def skriv_om(text: str, tabell: str) -> str:
    if text.count(START) != 1 or text.count(SLUT) != 1 or text.index(START) > text.index(SLUT):
        raise SystemExit(f"{README}: hittar inte markeringarna {START} … {SLUT} (en gång var, i den ordningen).")
    fore, rest = text.split(START)
    _, efter = rest.split(SLUT)
    return f"{fore}{START}\n{tabell.strip()}\n{SLUT}{efter}"


def main() -> None:
    if not RESULTAT.exists():
        raise SystemExit(f"{RESULTAT} saknas; kör make bench först.")
    tabell = json.loads(RESULTAT.read_text(encoding="utf-8"))["tabell"]
    README.write_text(skriv_om(README.read_text(encoding="utf-8"), tabell), encoding="utf-8")
    print(f"Skrev prestandatabellen i {README}.")


if __name__ == "__main__":
    main()
