"""Tests for corpuskit_email.dates."""

from __future__ import annotations

import datetime as dt
import email.utils

import pytest
from corpuskit_email.dates import EXTRA_ZONES, parse_email_date
from hypothesis import given
from hypothesis import strategies as st


def zone(hours: float) -> dt.timezone:
    """A fixed zone ``hours`` east of UTC."""
    return dt.timezone(dt.timedelta(hours=hours))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Fri, 23 Apr 1993 16:24:16 GMT", dt.datetime(1993, 4, 23, 16, 24, 16, tzinfo=zone(0))),
        ("22 Apr 1993 21:46:06 -0400", dt.datetime(1993, 4, 22, 21, 46, 6, tzinfo=zone(-4))),
        ("5 Apr 93 20:41:08 GMT", dt.datetime(1993, 4, 5, 20, 41, 8, tzinfo=zone(0))),
        (
            "Wed,  7 Apr 1993 15:39:55 -0400 (EDT)",
            dt.datetime(1993, 4, 7, 15, 39, 55, tzinfo=zone(-4)),
        ),
        ("Sun, 25 Apr 93 12:00:00 EDT(-0400)", dt.datetime(1993, 4, 25, 12, 0, tzinfo=zone(-4))),
        ("Wed, 21 Apr 1993 08:28:50 +02", dt.datetime(1993, 4, 21, 8, 28, 50, tzinfo=zone(2))),
        ("6 Apr 93 17:44:19 NZST", dt.datetime(1993, 4, 6, 17, 44, 19, tzinfo=zone(12))),
        ("Sun, 2 May 1993 19:11:39 IDT", dt.datetime(1993, 5, 2, 19, 11, 39, tzinfo=zone(3))),
        (" 6 Apr 1993 15:36 EST  ", dt.datetime(1993, 4, 6, 15, 36, tzinfo=zone(-5))),
        ("20 Apr 1993 16:11 UT", dt.datetime(1993, 4, 20, 16, 11, tzinfo=zone(0))),
        ("Tuesday, 20 Apr 1993 10:00:00 MST", dt.datetime(1993, 4, 20, 10, 0, tzinfo=zone(-7))),
        ("29 Apr 93 08:52:17", dt.datetime(1993, 4, 29, 8, 52, 17)),
    ],
)
def test_usenet_spellings(raw: str, expected: dt.datetime) -> None:
    """RFC 822 dates and the Usenet spellings around them are read, zones kept."""
    assert (expected, None) == parse_email_date(raw)


def test_unknown_zone_is_naive_with_a_note() -> None:
    """An unknown zone name keeps the wall time, naive, and says so."""
    assert (
        dt.datetime(1993, 4, 6, 17, 44, 19),
        "unknown zone 'XYZ': the time is kept without a zone",
    ) == parse_email_date("6 Apr 93 17:44:19 XYZ")


@pytest.mark.parametrize("raw", ["", "garbage", "32 Foo 1993 99:99:99"])
def test_not_a_date(raw: str) -> None:
    """Text that is no date gives None and a note."""
    date, note = parse_email_date(raw)
    assert (None, True) == (date, bool(note))


def test_extra_zones_are_not_rfc822_zones() -> None:
    """The extra zone table adds names only; it never overrides what email.utils reads."""
    assert [] == [
        name
        for name in EXTRA_ZONES
        if email.utils.parsedate_tz(f"1 Jan 2000 00:00 {name}")
        != email.utils.parsedate_tz("1 Jan 2000 00:00 XYZ")
    ]


@given(
    st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2060, 1, 1)),
    st.integers(min_value=-12 * 60, max_value=14 * 60),
)
def test_round_trip_of_formatted_dates(moment: dt.datetime, minutes: int) -> None:
    """email.utils.format_datetime output reads back as the same aware moment."""
    aware = moment.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
    assert (aware, None) == parse_email_date(email.utils.format_datetime(aware))


@given(st.text(max_size=60))
def test_any_text_gives_a_date_or_a_note(raw: str) -> None:
    """No text makes parse_email_date raise; without a date there is a note."""
    date, note = parse_email_date(raw)
    assert date is not None or note is not None
