"""Tests for corpuskit.testing.strategies: what they draw is what they promise."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from corpuskit import canonical_text, content_id
from corpuskit.formats._dates import parse_date_field
from corpuskit.testing import article_problems
from corpuskit.testing.strategies import SpelledDate, articles, dates, texts, titles


@given(texts())
def test_texts_are_canonical(text):
    """Every drawn text is already canonical."""
    assert canonical_text(text) == text


@given(texts(min_paragraphs=2, max_paragraphs=2))
def test_texts_have_the_paragraphs_asked_for(text):
    """min_paragraphs and max_paragraphs bound the number of blank-line-separated paragraphs."""
    assert 2 == len(text.split("\n\n"))


@given(titles())
def test_titles_are_one_stripped_line(title):
    """A title has no line break and no surrounding whitespace."""
    assert (False, title) == ("\n" in title, title.strip())


@given(dates())
def test_dates_read_as_their_expected_value(spelled):
    """Corpuskit's date field reader reads every spelling as the value the strategy expects."""
    actual = parse_date_field(spelled.text)
    assert (spelled.expected, type(spelled.expected)) == (actual, type(actual))


@given(dates(times=True))
def test_dates_with_times_are_datetimes(spelled):
    """times=True draws only spellings with a time of day."""
    assert isinstance(spelled.expected, dt.datetime)


@given(dates(times=False, min_value=dt.date(2020, 1, 1), max_value=dt.date(2020, 12, 31)))
def test_dates_respect_their_bounds(spelled):
    """Days stay within min_value and max_value, and are plain dates without times."""
    assert (dt.date, 2020) == (type(spelled.expected), spelled.expected.year)


def test_spelled_date_unpacks():
    """A SpelledDate unpacks as (text, expected)."""
    text, expected = SpelledDate("5 March 2024", dt.date(2024, 3, 5))
    assert ("5 March 2024", dt.date(2024, 3, 5)) == (text, expected)


@given(articles(with_source=True))
def test_articles_are_valid(article):
    """Every drawn Article passes the conformance check's validity rules."""
    assert [] == article_problems(article)


@given(articles())
def test_article_ids_derive_from_content(article):
    """Ids are derived from title, text and raw date, as readers derive them."""
    assert content_id(article.title, article.text, article.date_raw) == article.id


@given(articles(dated=True))
def test_dated_articles_have_a_date_read_from_date_raw(article):
    """dated=True always gives a date that reading date_raw gives back."""
    assert article.date == parse_date_field(article.date_raw)


@given(articles(dated=False))
def test_undated_articles_have_no_date(article):
    """dated=False never sets a date."""
    assert (None, None) == (article.date, article.date_raw)


@given(st.data())
def test_articles_round_trip_through_to_dict(data):
    """Drawn Articles survive Article.to_dict / from_dict, so their meta is JSON."""
    article = data.draw(articles())
    assert article == type(article).from_dict(article.to_dict())
