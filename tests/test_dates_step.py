"""Tests of corpuskit.dates.step: filling Article.date from date_raw."""

# The project writes `assert expected == actual` (SIM300 calls it a Yoda condition),
# and naive datetimes are expected values here (DTZ001).

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from corpuskit import Article, Drop, SourceRef
from corpuskit.dates import DateFill, fill_date, fill_dates


def _article(date_raw: str | None, date: dt.date | None = None, path: str = "a.txt") -> Article:
    return Article.create(
        title="t", text="body", date_raw=date_raw, date=date, source=SourceRef(path=path)
    )


def test_fills_date_from_raw() -> None:
    """A readable date_raw fills the date."""
    result = fill_date(_article("Fri, 15 Oct 2021 10:20:30 GMT"))
    assert isinstance(result, Article)
    assert dt.datetime(2021, 10, 15, 10, 20, 30, tzinfo=dt.timezone.utc) == result.date


def test_never_overwrites_a_given_date() -> None:
    """A date the source gave is kept; a disagreeing date_raw is recorded, not applied."""
    article = _article("2021-10-16", date=dt.date(2021, 10, 15))
    result = fill_date(article)
    assert isinstance(result, Article)
    assert (dt.date(2021, 10, 15), "2021-10-16") == (result.date, result.meta["date_conflict"])


def test_agreeing_given_date_is_untouched() -> None:
    """A date that agrees with date_raw leaves the Article as it was."""
    article = _article("2021-10-15", date=dt.date(2021, 10, 15))
    assert article is fill_date(article)


def test_reasons() -> None:
    """Each failure drops with its own reason."""
    reasons = [
        result.reason
        for result in (
            fill_date(_article(None)),
            fill_date(_article("banana")),
            fill_date(_article("03/04/2021")),
            fill_date(_article("October 2021")),
        )
        if isinstance(result, Drop)
    ]
    assert ["date-missing", "date-unreadable", "date-ambiguous", "date-imprecise"] == reasons


def test_keep_records_the_reason_in_meta() -> None:
    """With on_failure='keep' the Article stays, with meta['date_error']."""
    result = DateFill(on_failure="keep")(_article("banana"))
    assert isinstance(result, Article)
    assert "date-unreadable" == result.meta["date_error"]["reason"]


def test_fill_dates_infers_order_per_source() -> None:
    """Each source's own unambiguous dates decide its day/month order."""
    articles = [
        _article("25/03/2021", path="eu.txt"),
        _article("03/04/2021", path="eu.txt"),
        _article("03/25/2021", path="us.txt"),
        _article("03/04/2021", path="us.txt"),
    ]
    dates = [result.date for result in fill_dates(articles) if isinstance(result, Article)]
    assert [
        dt.date(2021, 3, 25),
        dt.date(2021, 4, 3),
        dt.date(2021, 3, 25),
        dt.date(2021, 3, 4),
    ] == dates


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_step_is_pure(day: dt.date) -> None:
    """The input Article is unchanged and the output holds the date of its date_raw."""
    article = _article(day.isoformat())
    result = fill_date(article)
    assert article.date is None
    assert isinstance(result, Article)
    assert day == result.date
