"""Tests of corpuskit.formats._dates: the date field of built-in formats."""

# The project writes `assert expected == actual` (SIM300 calls it a Yoda condition),
# and naive datetimes are expected values here (DTZ001).

from __future__ import annotations

import datetime as dt

import pytest

from corpuskit import DateError
from corpuskit.formats._dates import parse_date_field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-10-15", dt.date(2021, 10, 15)),
        ("15 Oct 2021", dt.date(2021, 10, 15)),
        ("2021-10-15T10:20:30", dt.datetime(2021, 10, 15, 10, 20, 30)),
    ],
)
def test_a_day_or_a_time(text: str, expected: dt.date) -> None:
    """A day gives a date, a time a datetime."""
    value = parse_date_field(text)
    assert (expected, type(expected)) == (value, type(value))


@pytest.mark.parametrize("text", ["2021-10", "2021", "banana"])
def test_less_than_a_day_is_an_error(text: str) -> None:
    """A field without a full day raises DateError."""
    with pytest.raises(DateError):
        parse_date_field(text)
