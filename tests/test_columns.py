"""Tests for corpuskit.columns: the FIELD=COLUMN mapping and the authors cell."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit.columns import ARTICLE_FIELDS, column_map, split_authors
from corpuskit.errors import ConfigError

names = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8)


@given(st.dictionaries(st.sampled_from(ARTICLE_FIELDS), names, max_size=4))
def test_string_and_mapping_spellings_agree(mapping):
    """`a=x,b=y` reads to the same mapping as the dict it spells."""
    text = ",".join(f"{field}={column}" for field, column in mapping.items())
    assert mapping == column_map(text)
    assert mapping == column_map(mapping)


def test_spaces_and_empty_items_are_ignored():
    """Spaces around names and empty items between commas do not matter."""
    assert {"text": "body", "title": "headline"} == column_map(" text = body ,, title=headline ,")


@pytest.mark.parametrize(
    ("value", "message"),
    [("text", "FIELD=COLUMN pairs"), ("body=text", "unknown fields \\['body'\\]")],
)
def test_bad_mappings_are_config_errors(value, message):
    """A pair without '=' or an unknown field raises ConfigError saying what is expected."""
    with pytest.raises(ConfigError, match=message):
        column_map(value)


def test_authors_cell_spellings():
    """Authors are a JSON list or names separated by ';'."""
    assert ["A", "B"] == split_authors('["A", "B"]')
    assert ["A", "B"] == split_authors(" A ; B ;")
