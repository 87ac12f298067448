import math
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapportverk.formatering import (
    ENHETSTEXT,
    avrunda,
    belopp,
    manad_kort,
    manadsnamn,
    period_text,
    procent,
    skala,
    tal,
    tolka_tal,
)

NBSP = "\u00a0"
MINUS = "\u2212"
NEGATIV_NOLLA = re.compile(r"^[−-]0(,0*)?$")
TILLATET = re.compile(r"^[0-9\u00a0\u2212,]*$")


@pytest.mark.parametrize(
    ("varde", "decimaler", "forvantat"),
    [
        (0.5, 0, "1"),
        (-0.5, 0, "−1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (1083.5, 0, f"1{NBSP}084"),
        (-1083.5, 0, f"{MINUS}1{NBSP}084"),
        (-1083, 0, f"{MINUS}1{NBSP}083"),
        (-0.4, 0, "0"),
        (-0.04, 1, "0,0"),
        (-0.0, 0, "0"),
        (0, 2, "0,00"),
        (2.45, 1, "2,5"),
        (-2.45, 1, "−2,5"),
        (1.005, 2, "1,01"),
        (7.5, 1, "7,5"),
        (1696.6, 1, f"1{NBSP}696,6"),
        (1234567.891, 2, f"1{NBSP}234{NBSP}567,89"),
        (Decimal("-0.05"), 1, "−0,1"),
        (None, 0, ""),
        (math.nan, 0, ""),
        (math.inf, 1, ""),
        (-math.inf, 0, ""),
        (Decimal("NaN"), 0, ""),
    ],
)
def test_tal_kanda_fall(varde, decimaler, forvantat):
    assert tal(varde, decimaler) == forvantat


def test_enkelt_minus():
    assert tal(-1083.5, enkelt_minus=True) == f"-1{NBSP}084"
    assert tal(-0.4, enkelt_minus=True) == "0"
    assert procent(-24.349, enkelt_minus=True) == f"-24,3{NBSP}%"


def test_belopp():
    assert belopp(-1_150_123_456, "mkr") == f"{MINUS}1{NBSP}150"
    assert belopp(1234, "tkr", 1) == "1,2"
    assert belopp(2_450_000, "mkr", 1) == "2,5"
    assert belopp(-499_999, "mkr") == "0"
    assert belopp(1234, "kr") == f"1{NBSP}234"
    assert belopp(None, "tkr") == ""
    assert belopp(math.nan) == ""


def test_belopp_okand_enhet():
    with pytest.raises(ValueError, match="Okänd enhet"):
        belopp(1, "Mkr")
    with pytest.raises(ValueError, match="Okänd enhet"):
        skala("miljoner")


def test_skala_och_enhetstext():
    assert skala("kr") == 1
    assert skala("tkr") == 1e3
    assert skala("mkr") == 1e6
    assert set(ENHETSTEXT) == {"kr", "tkr", "mkr"}
    assert ENHETSTEXT["mkr"] == "Belopp i miljoner kronor"


def test_procent():
    assert procent(11.04) == f"11,0{NBSP}%"
    assert procent(-24.349) == f"{MINUS}24,3{NBSP}%"
    assert procent(7.5, tecken=False) == "7,5"
    assert procent(7.5, 0) == f"8{NBSP}%"
    assert procent(-0.04) == f"0,0{NBSP}%"
    assert procent(None) == ""
    assert procent(math.inf) == ""
    assert procent(math.nan, tecken=False) == ""


def test_manader():
    assert manadsnamn(4) == "april"
    assert manadsnamn(8) == "augusti"
    assert " ".join(manad_kort(m) for m in range(1, 13)) == "jan feb mar apr maj jun jul aug sep okt nov dec"
    assert period_text(2024, 8) == "augusti 2024"
    assert period_text(2021, 4) == "april 2021"
    for ogiltig in (0, 13):
        with pytest.raises(ValueError, match="Ogiltig månad"):
            manadsnamn(ogiltig)
        with pytest.raises(ValueError, match="Ogiltig månad"):
            manad_kort(ogiltig)


@pytest.mark.parametrize(
    ("text", "forvantat"),
    [
        (f"{MINUS}1{NBSP}083", Decimal(-1083)),
        ("-1 083,5", Decimal("-1083.5")),
        ("1\u202f234,25", Decimal("1234.25")),
        (" 7,5 ", Decimal("7.5")),
        ("0", Decimal(0)),
    ],
)
def test_tolka_tal(text, forvantat):
    assert tolka_tal(text) == forvantat


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1e5", "nan", "inf", "−", "1,", ",5", "--1", "7,5 %"])
def test_tolka_tal_skrap(text):
    with pytest.raises(ValueError):
        tolka_tal(text)


def test_avrunda():
    assert avrunda(None) is None
    assert avrunda(math.nan) is None
    assert avrunda(-math.inf) is None
    assert avrunda(2.45, 1) == Decimal("2.5")
    assert avrunda(-1083.5) == Decimal(-1084)
    r = avrunda(-0.4)
    assert r == 0 and not r.is_signed()
    with pytest.raises(ValueError):
        avrunda(1.0, -1)


decimaler = st.integers(min_value=0, max_value=4)
alla_tal = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**20), max_value=10**20),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**15), max_value=10**15),
)
andliga = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(alla_tal, decimaler)
def test_utdata_alltid_ren(x, d):
    for text in (tal(x, d), belopp(x, "mkr", d), procent(x, d, tecken=False)):
        assert "nan" not in text.lower() and "inf" not in text.lower()
        assert not NEGATIV_NOLLA.match(text)
        assert TILLATET.match(text), repr(text)
    r = avrunda(x, d)
    assert r is None or not (r.is_zero() and r.is_signed())


@given(andliga, decimaler)
def test_tolka_tillbaka(x, d):
    assert tolka_tal(tal(x, d)) == avrunda(x, d)
    assert tolka_tal(tal(x, d, enkelt_minus=True)) == avrunda(x, d)


@given(andliga, decimaler)
def test_halvt_bort_fran_noll(x, d):
    forvantat = Decimal(repr(x)).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
    assert avrunda(x, d) == forvantat


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_halvor_avrundas_bort_fran_noll(n):
    # n + 0,5 är exakt representerbart; resultatet ska ha större belopp.
    x = n + 0.5 if n >= 0 else n - 0.5
    assert avrunda(x) == (n + 1 if n >= 0 else n - 1)


@given(andliga, andliga, decimaler)
def test_monoton(x, y, d):
    x, y = min(x, y), max(x, y)
    assert avrunda(x, d) <= avrunda(y, d)


def test_numpy_tal():
    import numpy as np

    assert tal(np.float64(-1083.5)) == "\u22121\u00a0084"
    assert tal(np.int64(7)) == "7"
    assert tal(np.float32(2.5), 1) == "2,5"
