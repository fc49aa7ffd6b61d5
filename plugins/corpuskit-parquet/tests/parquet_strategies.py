"""Hypothesis strategies for the Parquet tests: Articles with every field, dates of every kind, provenance."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from corpuskit import Article, SourceRef

_offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
dates = (
    st.none() | st.dates() | st.datetimes(timezones=st.none() | st.just(dt.timezone.utc) | _offsets)
)
"""No date, a day, a naive datetime, or an aware one with any whole-minute offset."""

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)

sources = st.builds(
    SourceRef,
    path=st.text(min_size=1, max_size=10),
    line=st.none() | st.integers(1, 2**40),
    byte_offset=st.none() | st.integers(0, 2**40),
    format=st.none() | st.sampled_from(["jsonl", "csv"]),
    origin=st.none()
    | st.builds(SourceRef, path=st.text(min_size=1, max_size=10), line=st.integers(1, 99)),
)

articles = st.builds(
    Article,
    id=st.text(min_size=1, max_size=12),
    title=st.text(max_size=20),
    text=st.text(max_size=120),
    date=dates,
    date_raw=st.none() | st.text(max_size=12),
    url=st.none() | st.text(max_size=12),
    authors=st.lists(st.text(max_size=8), max_size=3),
    language=st.none() | st.sampled_from(["en", "de"]),
    source=st.none() | sources,
    meta=st.dictionaries(st.text(max_size=6), json_values, max_size=3),
)
