"""Atomisk skrivning: färdiga filer får vanliga rättigheter, och ett fel lämnar målet orört."""

import os
import stat

import pytest

from rapportverk.skriv import skriv_atomiskt


def test_farsdig_fil_far_vanliga_rattigheter(tmp_path):
    gammal = os.umask(0o022)
    try:
        mal = tmp_path / "r.pdf"
        skriv_atomiskt(mal, lambda t: t.write_bytes(b"%PDF-1.7"))
        assert stat.S_IMODE(mal.stat().st_mode) == 0o644
    finally:
        os.umask(gammal)


def test_fel_under_skrivning_lamnar_forra_filen(tmp_path):
    mal = tmp_path / "r.pdf"
    mal.write_bytes(b"forra")

    def trasig(t):
        t.write_bytes(b"halv")
        raise RuntimeError("avbrott")

    with pytest.raises(RuntimeError):
        skriv_atomiskt(mal, trasig)
    assert mal.read_bytes() == b"forra"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]
