"""Inget går förlorat: en körning som dödas mitt i lämnar den förra rapporten eller ingen — aldrig en halv fil.

Ctrl-C ger kod 130 och en svensk rad; två körningar mot samma ut/ förstör inte varandras filer.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROT = Path(__file__).resolve().parents[1]
ARGV = [sys.executable, "-m", "rapportverk", "delar", "--period", "2021-04", "--namnd", "regionstyrelsen"]


def hel_pdf(fil: Path) -> bool:
    data = fil.read_bytes()
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


@pytest.fixture(scope="module")
def forra(tmp_path_factory) -> dict[str, bytes]:
    """En första, hel rapport att jämföra med."""
    ut = tmp_path_factory.mktemp("forra")
    subprocess.run([*ARGV, "--ut", str(ut)], cwd=ROT, check=True, capture_output=True)
    katalog = ut / "2021-04"
    return {p.name: p.read_bytes() for p in katalog.iterdir() if p.suffix in (".pdf", ".docx")}


@pytest.mark.parametrize("efter", [0.8, 1.6, 2.4, 3.2])
def test_kill_9_lamnar_forra_eller_hel_fil(tmp_path, forra, efter):
    katalog = tmp_path / "2021-04"
    katalog.mkdir()
    for namn, data in forra.items():
        (katalog / namn).write_bytes(data)
    process = subprocess.Popen([*ARGV, "--ut", str(tmp_path)], cwd=ROT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(efter)
    process.kill()
    process.wait()
    for namn, data in forra.items():
        fil = katalog / namn
        assert fil.exists(), f"{namn} försvann"
        if fil.suffix == ".pdf":
            assert hel_pdf(fil)
        # Antingen den förra filen eller en ny, hel fil (samma indata ger samma byte).
        assert fil.read_bytes() == data


def _fangar_sigint(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True  # ingen /proc (eller processen är borta): skicka ändå
    fangade = next((r.split()[1] for r in status.splitlines() if r.startswith("SigCgt:")), "0")
    return bool(int(fangade, 16) & (1 << (signal.SIGINT - 1)))


# Ett bygge som tar flera sekunder (sex nämnder i en process): en nämnds rapport kan vara klar på en sekund när
# maskinen är ledig, och då hinner avbrottet inte fram medan bygget pågår.
ARGV_LANG = [sys.executable, "-m", "rapportverk", "delar", "--period", "2024-08", "--jobb", "1", "--format", "pdf"]


def test_ctrl_c_ger_130_och_svensk_rad(tmp_path):
    process = subprocess.Popen([*ARGV_LANG, "--ut", str(tmp_path)], cwd=ROT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    # En bakgrundsprocess startar med SIGINT ignorerad tills main() sätter sin hanterare; på en belastad maskin
    # kan importerna ta längre tid än en fast väntan. Vänta tills processen fångar SIGINT (Linux: SigCgt i
    # /proc/<pid>/status) och en stund till, så att bygget har börjat.
    slut = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < slut and not _fangar_sigint(process.pid):
        time.sleep(0.05)
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, fel = process.communicate(timeout=60)
    assert process.returncode == 130, fel[-3000:]
    assert "Avbrutet" in fel and "Traceback" not in fel
    for fil in (tmp_path / "2024-08").glob("*") if (tmp_path / "2024-08").exists() else []:
        assert not fil.name.endswith((".pdf", ".docx")) or hel_pdf(fil) or fil.suffix == ".docx"
    # Förberedda filer som inte publicerades tas bort.
    assert not [f for f in tmp_path.rglob("*") if f.name.endswith((".tmp", ".gammal"))]


def test_tva_samtidiga_korningar(tmp_path, forra):
    processer = [subprocess.Popen([*ARGV, "--ut", str(tmp_path)], cwd=ROT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in processer:
        _, fel = p.communicate(timeout=120)
        assert p.returncode == 0, fel
    for namn, data in forra.items():
        assert (tmp_path / "2021-04" / namn).read_bytes() == data


PUBLICERA = """
import sys
from pathlib import Path
from rapportverk.utdata import manifest
katalog, vem = Path(sys.argv[1]), sys.argv[2]
for i in range(40):
    with manifest.las_katalogen(katalog):
        manifest.publicera(katalog, "2021-04", "k.yaml", {f"{vem}-{i}": {"utdata": {}, "indata": {}}}, [])
"""


def test_samtidiga_manifest_tappar_inga_poster(tmp_path):
    """Två körningar som publicerar mot samma katalog samtidigt: varje post finns kvar i manifestet (låset)."""
    import json

    processer = [subprocess.Popen([sys.executable, "-c", PUBLICERA, str(tmp_path), vem], cwd=ROT,
                                  stderr=subprocess.PIPE, text=True) for vem in ("a", "b")]
    for p in processer:
        _, fel = p.communicate(timeout=120)
        assert p.returncode == 0, fel
    poster = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["rapporter"]
    assert len(poster) == 80

