"""Tests for corpuskit.dedupe.clusters: records, settings and date keys."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit import Article
from corpuskit.dedupe import clusters
from corpuskit.dedupe.clusters import Collector, DedupeSettings, date_key
from corpuskit.dedupe.minhash import MinHasher
from corpuskit.errors import ConfigError


@given(st.lists(st.text(alphabet="ab c", max_size=30), max_size=12), st.integers(1, 5))
def test_signatures_survive_block_boundaries(texts, block_rows):
    """Records hold each article's signature in order, whatever the block size."""
    original = clusters._BLOCK_ROWS
    clusters._BLOCK_ROWS = block_rows
    try:
        collector = Collector(DedupeSettings(num_perm=16))
        for number, text in enumerate(texts):
            collector.add(Article(id=str(number), text=text))
        records = collector.finish()
    finally:
        clusters._BLOCK_ROWS = original
    expected = MinHasher(num_perm=16).signatures(texts).tolist() if texts else []
    assert expected == records.signatures.tolist()


def test_date_keys_order_days_and_times_as_instants():
    """A day counts from midnight, naive times as UTC, aware ones by their offset; no date is NaN."""
    tz = dt.timezone(dt.timedelta(hours=2))
    assert date_key(dt.date(2020, 1, 2)) == date_key(dt.datetime(2020, 1, 2, 0, 0))
    assert date_key(dt.datetime(2020, 1, 2, 2, 0, tzinfo=tz)) == date_key(dt.date(2020, 1, 2))
    assert date_key(None) != date_key(None)


@pytest.mark.parametrize(
    "options",
    [{"method": "fuzzy"}, {"threshold": 0.0}, {"bands": 4}, {"bands": 20, "rows": 8}],
)
def test_bad_settings_are_config_errors(options):
    """Unknown method, threshold out of range, half a banding or one too wide are refused."""
    with pytest.raises(ConfigError):
        DedupeSettings(**options)


def test_settings_round_trip_through_a_dict():
    """to_dict and from_dict give back equal settings, with the chosen banding filled in."""
    settings = DedupeSettings(threshold=0.7, num_perm=64)
    data = settings.to_dict()
    assert (data["bands"], data["rows"]) == settings.banding()
    assert settings.comparable() == DedupeSettings.from_dict(data).comparable()
