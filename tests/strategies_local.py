"""Hypothesis strategies for the foundation tests (the public ones live in corpuskit.testing)."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from corpuskit.model import Article, SourceRef
from corpuskit.text import canonical_text

# Letters, digits, punctuation, spaces and a few non-ASCII characters; no control characters.
_chars = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\u2028\u2029\x85",
)
lines = st.text(_chars, max_size=40)
texts = st.lists(lines, max_size=8).map(lambda parts: canonical_text("\n".join(parts)))
titles = st.text(_chars, max_size=30).map(str.strip)
days = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31))
datetimes = st.datetimes(
    min_value=dt.datetime(1800, 1, 1),
    max_value=dt.datetime(2200, 12, 31),
    timezones=st.none()
    | st.just(dt.timezone.utc)
    | st.builds(
        dt.timezone,
        st.integers(-14 * 60, 14 * 60).map(lambda minutes: dt.timedelta(minutes=minutes)),
    ),
)
json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=10)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def dateheader_articles(draw: st.DrawFn) -> Article:
    """Articles the date-header format can hold: a title on one line, a date, canonical text."""
    title = draw(titles.filter(lambda t: "\r" not in t and "\n" not in t))
    date = draw(days | datetimes)
    text = draw(texts)
    return Article.create(title=title, text=text, date=date, date_raw=date.isoformat())


@st.composite
def full_articles(draw: st.DrawFn) -> Article:
    """Articles with every field set to arbitrary JSON-able values."""
    date = draw(st.none() | days | datetimes)
    return Article(
        id=draw(st.text(min_size=1, max_size=20)),
        title=draw(st.text(max_size=30)),
        text=draw(st.text(max_size=200)),
        date=date,
        date_raw=draw(st.none() | st.text(max_size=20)),
        url=draw(st.none() | st.text(max_size=20)),
        authors=draw(st.lists(st.text(max_size=10), max_size=3)),
        language=draw(st.none() | st.sampled_from(["en", "de", "fr"])),
        meta=draw(st.dictionaries(st.text(max_size=8), json_values, max_size=4)),
    )


def _source_chains(depth: int) -> st.SearchStrategy[SourceRef]:
    origin = st.none() if depth == 0 else st.none() | _source_chains(depth - 1)
    return st.builds(
        SourceRef,
        path=st.text(min_size=1, max_size=12),
        line=st.none() | st.integers(1, 2**40),
        byte_offset=st.none() | st.integers(0, 2**40),
        format=st.none() | st.sampled_from(["jsonl", "csv", "dateheader"]),
        origin=origin,
    )


sources = _source_chains(2)
"""SourceRefs with up to two levels of origin."""


@st.composite
def sourced_articles(draw: st.DrawFn) -> Article:
    """:func:`full_articles` with a provenance chain (or none)."""
    article = draw(full_articles())
    return attrs.evolve(article, source=draw(st.none() | sources))


def same_sources(expected: list[Article], actual: list[Article]) -> bool:
    """Whether the Articles carry equal ``source`` chains (equality ignores them)."""
    return [a.source for a in expected] == [a.source for a in actual]
