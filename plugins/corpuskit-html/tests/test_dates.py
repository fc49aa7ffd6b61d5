"""Tests of corpuskit_html.dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml.html import document_fromstring

from corpuskit_html.dates import PublicationDate, find_publication_date, parse_iso_date

UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-11-20", dt.date(2019, 11, 20)),
        ("2019-11-20T05:57:50Z", dt.datetime(2019, 11, 20, 5, 57, 50, tzinfo=UTC)),
        (
            "2019-11-20T05:57:50-0500",
            dt.datetime(2019, 11, 20, 5, 57, tzinfo=dt.timezone(dt.timedelta(hours=-5))).replace(
                second=50
            ),
        ),
        ("2019-11-20 05:57", dt.datetime(2019, 11, 20, 5, 57)),
        ("Wed, 20 Nov 2019 05:57:50 +0000", dt.datetime(2019, 11, 20, 5, 57, 50, tzinfo=UTC)),
        ("yesterday", None),
        ("2019-13-45", None),
    ],
)
def test_parse_iso_date(text: str, expected: dt.date | None) -> None:
    """ISO and RFC 2822 dates are read with the precision and zone they give."""
    assert expected == parse_iso_date(text)


@given(st.text(max_size=40))
def test_parse_iso_date_never_raises(text: str) -> None:
    """Any text gives a date or None."""
    assert parse_iso_date(text) is None or isinstance(parse_iso_date(text), dt.date)


def _page(head: str, body: str = "") -> object:
    return document_fromstring(f"<html><head>{head}</head><body><p>text</p>{body}</body></html>")


def test_json_ld_comes_first() -> None:
    """JSON-LD datePublished is preferred to a meta tag and a <time> element."""
    tree = _page(
        '<meta property="article:published_time" content="2020-01-02">'
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        '"datePublished": "2020-01-01T10:00:00+01:00"}]}</script>',
        '<time datetime="2020-01-03">3 Jan</time>',
    )
    expected = PublicationDate(
        value=dt.datetime(2020, 1, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        raw="2020-01-01T10:00:00+01:00",
        source="json-ld",
    )
    assert expected == find_publication_date(tree)


def test_meta_then_time_then_url() -> None:
    """Without JSON-LD the meta tag, then <time>, then the URL give the date."""
    meta = _page('<meta property="article:published_time" content="2020-01-02">')
    time = _page("", '<time datetime="2020-01-03">3 Jan</time>')
    url = _page("")
    actual = (
        find_publication_date(meta),
        find_publication_date(time),
        find_publication_date(url, "https://example.org/news/2020/01/04/pier.html"),
    )
    expected = (
        PublicationDate(
            value=dt.date(2020, 1, 2),
            raw="2020-01-02",
            source="meta[property=article:published_time]",
        ),
        PublicationDate(value=dt.date(2020, 1, 3), raw="2020-01-03", source="time"),
        PublicationDate(value=dt.date(2020, 1, 4), raw="2020/01/04", source="url"),
    )
    assert expected == actual


def test_broken_json_ld_is_skipped() -> None:
    """Invalid JSON-LD does not stop the search."""
    tree = _page(
        '<script type="application/ld+json">{not json</script>'
        '<meta name="date" content="2021-05-06">'
    )
    assert PublicationDate(
        value=dt.date(2021, 5, 6), raw="2021-05-06", source="meta[name=date]"
    ) == find_publication_date(tree)
