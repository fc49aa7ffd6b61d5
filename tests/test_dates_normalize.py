"""Tests of corpuskit.dates.normalize: spellings, ambiguity, zones, errors and properties."""

# The project writes `assert expected == actual` (SIM300 calls it a Yoda condition),
# and naive datetimes are expected values here (DTZ001).

from __future__ import annotations

import datetime as dt
import email.utils

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit import DateError, NormalizedDate, Precision, infer_date_order, normalize_date
from corpuskit.dates.normalize import TWO_DIGIT_YEAR_PIVOT

UTC = dt.timezone.utc
EDT = dt.timezone(dt.timedelta(hours=-4))
REFERENCE = dt.date(2021, 10, 15)  # a Friday


def _tz(hours: float) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2021-10-15", dt.date(2021, 10, 15), Precision.DAY),
        ("2021-10-15T10:20", dt.datetime(2021, 10, 15, 10, 20), Precision.MINUTE),
        (
            "2021-10-15T10:20:30Z",
            dt.datetime(2021, 10, 15, 10, 20, 30, tzinfo=UTC),
            Precision.SECOND,
        ),
        (
            "2021-10-15 10:20:30.25+02:00",
            dt.datetime(2021, 10, 15, 10, 20, 30, 250000, tzinfo=_tz(2)),
            Precision.MICROSECOND,
        ),
        (
            "20211015T102030-0330",
            dt.datetime(2021, 10, 15, 10, 20, 30, tzinfo=_tz(-3.5)),
            Precision.SECOND,
        ),
        ("20211015", dt.date(2021, 10, 15), Precision.DAY),
        ("2021-W41-5", dt.date(2021, 10, 15), Precision.DAY),
        ("2021W415", dt.date(2021, 10, 15), Precision.DAY),
        ("2021-W41", dt.date(2021, 10, 11), Precision.WEEK),
        ("2021-288", dt.date(2021, 10, 15), Precision.DAY),
        ("2021-10", dt.date(2021, 10, 1), Precision.MONTH),
        ("2021", dt.date(2021, 1, 1), Precision.YEAR),
        (
            "2021-10-15T10:20:30.123456789",
            dt.datetime(2021, 10, 15, 10, 20, 30, 123456),
            Precision.MICROSECOND,
        ),
        (
            "Fri, 15 Oct 2021 10:20:30 GMT",
            dt.datetime(2021, 10, 15, 10, 20, 30, tzinfo=UTC),
            Precision.SECOND,
        ),
        (
            "15 Oct 21 10:20:30 -0400",
            dt.datetime(2021, 10, 15, 10, 20, 30, tzinfo=EDT),
            Precision.SECOND,
        ),
        (
            "Fri, 15 Oct 2021 10:20:30 EDT",
            dt.datetime(2021, 10, 15, 10, 20, 30, tzinfo=EDT),
            Precision.SECOND,
        ),
        (
            "Sun, 18 Apr 93 13:35:23 EDT(-0400)",
            dt.datetime(1993, 4, 18, 13, 35, 23, tzinfo=EDT),
            Precision.SECOND,
        ),
        (
            "Fri, 15 Oct 2021 10:20 +0000 (UTC)",
            dt.datetime(2021, 10, 15, 10, 20, tzinfo=UTC),
            Precision.MINUTE,
        ),
        ("Fri Oct 15 10:20:30 2021", dt.datetime(2021, 10, 15, 10, 20, 30), Precision.SECOND),
        (
            "Fri Oct 15 10:20:30 PDT 2021",
            dt.datetime(2021, 10, 15, 10, 20, 30, tzinfo=_tz(-7)),
            Precision.SECOND,
        ),
        (
            "15 Oct 2021 10:20:30 Z",
            dt.datetime(2021, 10, 15, 10, 20, 30, tzinfo=UTC),
            Precision.SECOND,
        ),
        (
            "15-OCT-2021 10:20:30.79",
            dt.datetime(2021, 10, 15, 10, 20, 30, 790000),
            Precision.MICROSECOND,
        ),
        (
            " 5-OCT-2021 10:20:30.79&#5;&#5;&#5;RM",
            dt.datetime(2021, 10, 5, 10, 20, 30, 790000),
            Precision.MICROSECOND,
        ),
        ("Oct. 15, 2021", dt.date(2021, 10, 15), Precision.DAY),
        ("Oct 15 2021", dt.date(2021, 10, 15), Precision.DAY),
        ("15 October 2021", dt.date(2021, 10, 15), Precision.DAY),
        ("15th of October, 2021", dt.date(2021, 10, 15), Precision.DAY),
        ("October 15th, 2021", dt.date(2021, 10, 15), Precision.DAY),
        ("2021 Oct 15", dt.date(2021, 10, 15), Precision.DAY),
        ("15OCT2021", dt.date(2021, 10, 15), Precision.DAY),
        (
            "Friday, October 15, 2021 3:04 PM EDT",
            dt.datetime(2021, 10, 15, 15, 4, tzinfo=EDT),
            Precision.MINUTE,
        ),
        ("October 15, 2021 at 9 a.m.", dt.datetime(2021, 10, 15, 9), Precision.HOUR),
        ("3:04 PM on October 15, 2021", dt.datetime(2021, 10, 15, 15, 4), Precision.MINUTE),
        ("October 2021", dt.date(2021, 10, 1), Precision.MONTH),
        ("Oct. '21", dt.date(2021, 10, 1), Precision.MONTH),
        ("25/03/2021", dt.date(2021, 3, 25), Precision.DAY),
        ("03/25/2021", dt.date(2021, 3, 25), Precision.DAY),
        ("25.03.2021", dt.date(2021, 3, 25), Precision.DAY),
        ("2021/03/25", dt.date(2021, 3, 25), Precision.DAY),
        ("04/04/2021", dt.date(2021, 4, 4), Precision.DAY),
        ("25.03.21 10:20", dt.datetime(2021, 3, 25, 10, 20), Precision.MINUTE),
        ("Freitag, 15. Oktober 2021", dt.date(2021, 10, 15), Precision.DAY),
        ("15. März 2021", dt.date(2021, 3, 15), Precision.DAY),
        ("Frid Dec 30, 2016", dt.date(2016, 12, 30), Precision.DAY),
        ("@1634300000", dt.datetime(2021, 10, 15, 12, 13, 20, tzinfo=UTC), Precision.SECOND),
    ],
)
def test_spellings(text: str, value: dt.date, precision: Precision) -> None:
    """Each common spelling reads to its value at the precision it gives."""
    found = normalize_date(text)
    assert (value, precision) == (found.value, found.precision)
    assert type(value) is type(found.value)


def test_raw_is_kept() -> None:
    """The text is returned as given, surrounding blanks included."""
    assert normalize_date("  2021-10-15 ").raw == "  2021-10-15 "


def test_ambiguous_day_month_reports_both_readings() -> None:
    """Without a policy, 03/04/2021 is ambiguous and carries the other reading."""
    found = normalize_date("03/04/2021")
    assert (True, dt.date(2021, 3, 4), (dt.date(2021, 4, 3),)) == (
        found.ambiguous,
        found.value,
        found.alternatives,
    )


@pytest.mark.parametrize(
    ("dayfirst", "expected"), [(True, dt.date(2021, 4, 3)), (False, dt.date(2021, 3, 4))]
)
def test_dayfirst_policy_decides(dayfirst: bool, expected: dt.date) -> None:
    """A dayfirst policy gives one reading, not ambiguous."""
    found = normalize_date("03/04/2021", dayfirst=dayfirst)
    assert (expected, False, ()) == (found.value, found.ambiguous, found.alternatives)


def test_yearfirst_reads_two_digit_year_first() -> None:
    """Yearfirst reads 10-09-03 as 2010-09-03."""
    assert dt.date(2010, 9, 3) == normalize_date("10-09-03", yearfirst=True).value


@pytest.mark.parametrize(
    ("text", "year"),
    [("1 Jan 68", 2068), ("1 Jan 69", 1969), ("1 Jan 00", 2000), ("1 Jan 99", 1999)],
)
def test_two_digit_year_pivot(text: str, year: int) -> None:
    """Two-digit years below the pivot are 20xx, the others 19xx."""
    assert TWO_DIGIT_YEAR_PIVOT == 69
    assert year == normalize_date(text).value.year


def test_ambiguous_zone_is_flagged() -> None:
    """IST reads as India time first, flagged, with the Irish and Israeli readings."""
    found = normalize_date("15 Oct 2021 10:00 IST")
    offsets = [value.utcoffset() for value in (found.value, *found.alternatives)]  # type: ignore[union-attr]
    assert [dt.timedelta(hours=5.5), dt.timedelta(hours=1), dt.timedelta(hours=2)] == offsets
    assert found.ambiguous
    assert "IST" == found.zone


def test_unknown_zone_stays_naive_with_a_note() -> None:
    """An abbreviation outside the table gives a naive datetime and a note."""
    found = normalize_date("Thu Sep 25 10:36:28 BRST 2003")
    assert (None, ("unknown zone 'BRST' ignored",)) == (found.value.tzinfo, found.notes)  # type: ignore[union-attr]


def test_military_zone_is_ambiguous() -> None:
    """A military letter is read the military way and flagged (RFC 822 reversed the signs)."""
    found = normalize_date("15 Oct 2021 10:00 A")
    assert (dt.timedelta(hours=1), True) == (found.value.utcoffset(), found.ambiguous)  # type: ignore[union-attr]


def test_no_zone_is_naive_unless_tz() -> None:
    """A time without a zone is naive; tz makes it aware; a zone in the text wins over tz."""
    assert normalize_date("2021-10-15T10:00").value.tzinfo is None  # type: ignore[union-attr]
    aware = normalize_date("2021-10-15T10:00", tz="Europe/Berlin").value
    assert dt.timedelta(hours=2) == aware.utcoffset()  # type: ignore[union-attr]
    kept = normalize_date("2021-10-15T10:00Z", tz="Europe/Berlin").value
    assert dt.timedelta(0) == kept.utcoffset()  # type: ignore[union-attr]


def test_unix_only_when_asked() -> None:
    """A bare number is a Unix time only with unix=True."""
    assert (
        dt.datetime(2021, 10, 15, 12, 13, 20, tzinfo=UTC)
        == normalize_date("1634300000", unix=True).value
    )
    with pytest.raises(DateError):
        normalize_date("1634300000")


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("yesterday", dt.date(2021, 10, 14), Precision.DAY),
        ("3 days ago", dt.date(2021, 10, 12), Precision.DAY),
        ("last Friday", dt.date(2021, 10, 8), Precision.DAY),
        ("next week", dt.date(2021, 10, 18), Precision.WEEK),
        ("this month", dt.date(2021, 10, 1), Precision.MONTH),
        ("two weeks later", dt.date(2021, 10, 29), Precision.DAY),
        ("10:30", dt.datetime(2021, 10, 15, 10, 30), Precision.MINUTE),
        ("Sep 25", dt.date(2021, 9, 25), Precision.DAY),
    ],
)
def test_relative_against_reference(text: str, value: dt.date, precision: Precision) -> None:
    """Relative expressions and partial dates resolve against the reference."""
    found = normalize_date(text, reference=REFERENCE)
    assert (value, precision) == (found.value, found.precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("banana", "no date in 'banana'"),
        ("Feb 30, 2021", "not a valid date"),
        ("October 15, 2021 13:44 AM", "hour 13 with AM"),
        ("yesterday", "no date"),
        ("Sep 25", "no year"),
        ("1,700", "no date"),
    ],
)
def test_errors_say_what(text: str, message: str) -> None:
    """Text without a date raises DateError saying what was not understood."""
    with pytest.raises(DateError, match=message):
        normalize_date(text)


def test_bytes_are_decoded() -> None:
    """Bytes are read as UTF-8."""
    assert dt.date(2014, 1, 19) == normalize_date(b"2014 January 19").value


def test_other_types_are_refused() -> None:
    """Anything but text is a TypeError."""
    with pytest.raises(TypeError):
        normalize_date(13)  # type: ignore[arg-type]


def test_infer_date_order() -> None:
    """The order with more unambiguous members wins; none or a tie leaves it undecided."""
    assert infer_date_order(["25/03/2021", "03/04/2021", "13.1.2020"]).dayfirst is True
    assert infer_date_order(["03/25/2021", "03/04/2021"]).dayfirst is False
    assert infer_date_order(["03/04/2021", "2021-10-15"]).dayfirst is None
    assert infer_date_order(["25/03/2021", "03/25/2021"]).dayfirst is None


# --- properties -----------------------------------------------------------------------
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_GERMAN = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def _truncate(value: dt.datetime, precision: Precision) -> dt.date:
    if precision == Precision.YEAR:
        return dt.date(value.year, 1, 1)
    if precision == Precision.MONTH:
        return dt.date(value.year, value.month, 1)
    if precision == Precision.DAY:
        return value.date()
    if precision == Precision.MINUTE:
        return value.replace(second=0, microsecond=0)
    if precision == Precision.SECOND:
        return value.replace(microsecond=0)
    return value


SPELLINGS = {
    "iso-extended": (lambda d: d.isoformat(), Precision.MICROSECOND, {}),
    "iso-date": (lambda d: d.date().isoformat(), Precision.DAY, {}),
    "iso-basic": (lambda d: d.strftime("%Y%m%dT%H%M%S"), Precision.SECOND, {}),
    "iso-week": (lambda d: d.strftime("%G-W%V-%u"), Precision.DAY, {}),
    "iso-ordinal": (lambda d: d.strftime("%Y-%j"), Precision.DAY, {}),
    "year-month": (lambda d: d.strftime("%Y-%m"), Precision.MONTH, {}),
    "year": (lambda d: d.strftime("%Y"), Precision.YEAR, {}),
    "rfc2822": (lambda d: email.utils.format_datetime(d.replace(tzinfo=UTC)), Precision.SECOND, {}),
    "ctime": (lambda d: d.ctime(), Precision.SECOND, {}),
    "reuters": (
        lambda d: (
            f"{d.day:2d}-{_MONTHS[d.month - 1]}-{d.year} {d:%H:%M:%S}"
            f".{d.microsecond // 10000:02d}&#5;RM"
        ),
        Precision.MICROSECOND,
        {},
    ),
    "month-name": (lambda d: d.strftime("%B %d, %Y"), Precision.DAY, {}),
    "day-month-name": (lambda d: d.strftime("%d %B %Y"), Precision.DAY, {}),
    "abbreviated-dot": (lambda d: d.strftime("%b. %d, %Y"), Precision.DAY, {}),
    "weekday-12-hour": (lambda d: d.strftime("%A, %B %d, %Y %I:%M %p"), Precision.MINUTE, {}),
    "day-first-slashes": (lambda d: d.strftime("%d/%m/%Y"), Precision.DAY, {"dayfirst": True}),
    "month-first-slashes": (lambda d: d.strftime("%m/%d/%Y"), Precision.DAY, {"dayfirst": False}),
    "german": (lambda d: f"{d.day}. {_GERMAN[d.month - 1]} {d.year}", Precision.DAY, {}),
}
_DATETIMES = st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(2999, 12, 31))


@given(value=_DATETIMES, spelling=st.sampled_from(sorted(SPELLINGS)))
def test_round_trip_at_each_spellings_precision(value: dt.datetime, spelling: str) -> None:
    """Normalizing a formatted datetime gives it back at that spelling's precision."""
    render, precision, options = SPELLINGS[spelling]
    if spelling == "reuters":  # centiseconds
        value = value.replace(microsecond=value.microsecond // 10000 * 10000)
    found = normalize_date(render(value), **options)
    expected = _truncate(value, precision)
    if spelling == "iso-extended" and not value.microsecond:
        precision = Precision.SECOND
    if spelling == "rfc2822":
        expected = expected.replace(tzinfo=UTC)  # type: ignore[call-arg]
    assert (expected, precision) == (found.value, found.precision)


@given(
    st.text(max_size=40)
    | st.sampled_from(["03/04/2021", "Fri, 15 Oct 2021 10:20:30 IST", "next week"])
)
def test_deterministic_and_only_date_errors(text: str) -> None:
    """Normalizing twice gives equal results, and a failure is always a DateError."""
    outcomes = []
    for _ in range(2):
        try:
            outcomes.append(normalize_date(text, reference=REFERENCE))
        except DateError as exc:
            outcomes.append(str(exc))  # type: ignore[arg-type]
    assert outcomes[0] == outcomes[1]


def test_result_is_a_named_tuple() -> None:
    """NormalizedDate fields read by name."""
    found = normalize_date("2021-10-15")
    assert NormalizedDate(dt.date(2021, 10, 15), Precision.DAY, "2021-10-15") == found
