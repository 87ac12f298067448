"""En PostgreSQL-server att kasta: initdb + pg_ctl i en temporär katalog, på en ledig port på 127.0.0.1.

PostgreSQL vägrar köra som root; körs testerna som root startas servern som användaren `postgres` (runuser),
och katalogerna ägs då av den. Inloggning över TCP kräver lösenord (scram), så att testerna går samma väg
som en riktig server: lösenordet ur en miljövariabel. Används av tests/test_sql.py och benchmarks/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ANVANDARE = "rapport"


def binarer() -> Path | None:
    """Katalogen med initdb och pg_ctl (Debians postgresql), eller None."""
    for kat in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (kat / "initdb").exists() and (kat / "pg_ctl").exists():
            return kat
    return None


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Kluster:
    port: int
    losenord: str
    katalog: Path

    def uri(self, databas: str = "postgres") -> str:
        """Utan lösenord, som i en konfiguration."""
        return f"postgresql://{ANVANDARE}@127.0.0.1:{self.port}/{databas}"

    def uri_med_losenord(self, databas: str = "postgres") -> str:
        return f"postgresql://{ANVANDARE}:{self.losenord}@127.0.0.1:{self.port}/{databas}"


@contextmanager
def kluster(losenord: str = "hemligt-i-test") -> Iterator[Kluster]:
    """Starta en server, lämna den, och stoppa och radera den efteråt."""
    bin_ = binarer()
    if bin_ is None:
        raise FileNotFoundError("PostgreSQL saknas (Debian-paketet postgresql)")
    som: list[str] = []
    katalog = Path(tempfile.mkdtemp(prefix="rapportverk-pg-", dir="/tmp"))
    if os.geteuid() == 0:
        import pwd

        pg = pwd.getpwnam("postgres")
        som = ["runuser", "-u", "postgres", "--"]
        os.chown(katalog, pg.pw_uid, pg.pw_gid)
    data = katalog / "data"
    pwfil = katalog / "losenord"
    pwfil.write_text(losenord + "\n")
    if som:
        os.chown(pwfil, pg.pw_uid, pg.pw_gid)
    port = ledig_port()
    try:
        subprocess.run([*som, str(bin_ / "initdb"), "-D", str(data), "-U", ANVANDARE, f"--pwfile={pwfil}",
                        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True)
        subprocess.run([*som, str(bin_ / "pg_ctl"), "-D", str(data), "-w", "-l", str(katalog / "logg"), "-o",
                        f"-p {port} -k {katalog} -c listen_addresses=127.0.0.1 -c fsync=off -c jit=off", "start"],
                       check=True, capture_output=True)
        yield Kluster(port, losenord, katalog)
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*som, str(bin_ / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                           capture_output=True)
        shutil.rmtree(katalog, ignore_errors=True)


def ladda(uri_med_losenord: str, tabeller: dict, numeric: dict[str, str] | None = None) -> None:
    """Skriv Polars-ramar som tabeller; `numeric` gör om kolumner till numeric (som i många lager)."""
    import adbc_driver_postgresql.dbapi as pg

    with pg.connect(uri_med_losenord) as con, con.cursor() as cur:
        for namn, ram in tabeller.items():
            cur.execute(f'DROP TABLE IF EXISTS "{namn}"')
            cur.adbc_ingest(namn, ram.to_arrow(), mode="create")
        for kolumn, typ in (numeric or {}).items():
            tabell, kol = kolumn.split(".")
            cur.execute(f'ALTER TABLE "{tabell}" ALTER COLUMN "{kol}" TYPE {typ}')
        con.commit()
