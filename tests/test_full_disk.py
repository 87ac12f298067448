"""En full disk mitt i ett bygge: den tidigare rapporten (DOCX, PDF, siffror och manifestets post) ligger kvar byte för
byte, inga halva eller temporära filer blir kvar, och `rapport verifiera` är överens med det som finns.

Disken är ett riktigt litet filsystem (tmpfs) som testet monterar och fyller, inte en attrapp.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from conftest import kraver
from felaktig_indata.test_felaktig_indata import DELAR, kor, projekt  # noqa: F401 (fixturen projekt)


@pytest.fixture
def liten_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True, text=True)
    kraver(r.returncode == 0, f"kan inte montera ett litet filsystem (kräver root): {r.stderr.strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def alla_filer(katalog: Path) -> dict[str, str]:
    return {str(p.relative_to(katalog)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(katalog.rglob("*")) if p.is_file()}


def fyll(disk: Path, kvar: int) -> None:
    """Fyll disken så att ungefär `kvar` byte är lediga."""
    ledigt = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "fyllnad").write_bytes(b"\0" * max(ledigt - kvar, 0))


def test_full_disk_lamnar_forra_bygget_helt(projekt, capsys, liten_disk):  # noqa: F811
    """Disken fylls så att allt mindre utrymme finns kvar för ett nytt bygge av samma rapport, 4 kB i taget, tills
    bygget får plats. Varje gång disken tar slut (i DOCX:en, i PDF:en, i siffrorna eller i manifestet) ska den
    förra rapporten ligga kvar orörd."""
    ut = liten_disk / "ut"
    argv = [a if a != "ut" else str(ut) for a in DELAR]
    argv[argv.index("pdf")] = "docx,pdf"
    kod, text = kor(capsys, *argv)
    assert kod == 0, text
    fore = alla_filer(ut)
    assert any(n.endswith(".docx") for n in fore) and any(n.endswith(".pdf") for n in fore)

    fulla: set[str] = set()  # filerna där disken tog slut
    for kvar in range(4, 400, 4):
        fyll(liten_disk, kvar * 1024)
        kod, text = kor(capsys, *argv, "--full")
        (liten_disk / "fyllnad").unlink()
        assert alla_filer(ut) == fore, f"{kvar} kB: den förra rapporten ändrades\n{text}"
        if kod == 0:
            break
        assert kod == 1 and "Traceback" not in text, text
        assert "disken är full" in text and "Inga tidigare filer har ersatts" in text, text
        fulla |= {suffix for suffix in (".docx", ".pdf", ".parquet", "manifest.json") if f"{suffix}: disken" in text}
    assert kod == 0, "bygget fick aldrig plats"
    assert {".docx", ".pdf", "manifest.json"} <= fulla, fulla

    kod, text = kor(capsys, "verifiera", str(ut / "2021-04"))
    assert kod == 0, text
