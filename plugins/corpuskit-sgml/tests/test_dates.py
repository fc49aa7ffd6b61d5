"""Tests for corpuskit_sgml._dates."""

from __future__ import annotations

import datetime as dt

import pytest
from corpuskit_sgml._dates import parse_day
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("910514", dt.date(1991, 5, 14)),
        ("19940512", dt.date(1994, 5, 12)),
        (" 03/24/87 ", dt.date(1987, 3, 24)),
        ("January 1, 1989, Sunday, Home Edition", dt.date(1989, 1, 1)),
        ("Sept. 3 1990", dt.date(1990, 9, 3)),
        ("4 January 1994", dt.date(1994, 1, 4)),
        ("010203", dt.date(2001, 2, 3)),
    ],
)
def test_known_spellings(text: str, expected: dt.date) -> None:
    """Each known spelling gives its day."""
    assert expected == parse_day(text)


@pytest.mark.parametrize("text", ["", "soon", "991399", "13/45/87", "Smarch 3, 1990"])
def test_unknown_or_impossible(text: str) -> None:
    """Unknown spellings and impossible days give None."""
    assert parse_day(text) is None


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)))
def test_round_trip_of_digit_spellings(day: dt.date) -> None:
    """YYYYMMDD, YYMMDD and MM/DD/YY spellings of a day read back as that day."""
    spellings = [day.strftime("%Y%m%d"), day.strftime("%y%m%d"), day.strftime("%m/%d/%y")]
    assert [day] * 3 == [parse_day(text) for text in spellings]


@given(st.text(max_size=40))
def test_any_text_gives_a_day_or_none(text: str) -> None:
    """No text makes parse_day raise."""
    assert parse_day(text) is None or isinstance(parse_day(text), dt.date)
