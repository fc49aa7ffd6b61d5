import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

import corpuskit
from corpuskit.errors import ConfigError
from corpuskit.formats import csv as csv_format
from corpuskit.model import Article, Failure
from corpuskit.plugins import Sink, Source


def _read(data: bytes, **options) -> list:
    return list(
        csv_format.read_csv(
            Source(path="m.csv", stream=io.BytesIO(data), format="csv", options=options)
        )
    )


def test_round_trip_keeps_every_field():
    """An Article with every field set survives CSV writing and reading."""
    article = Article(
        id="x1",
        title="T, with comma",
        text='Para "one".\n\nPara two.',
        date=dt.datetime(2021, 10, 15, 3, 4, tzinfo=dt.timezone.utc),
        date_raw="Fri, 15 Oct 2021 03:04:00 GMT",
        url="http://example.org/a",
        authors=("A. Writer", "B; Other"),
        language="en",
        meta={"k": [1, 2]},
    )
    buffer = io.BytesIO()
    csv_format.write_csv([article], Sink(path="m.csv", stream=buffer, format="csv"))
    assert [article] == _read(buffer.getvalue())


def test_column_mapping_reads_foreign_files():
    """--columns maps fields to other column names; unmapped columns land in meta."""
    data = b"headline,body,published,section\nHi,Some text.,2021-10-15,world\n"
    (article,) = _read(data, columns="title=headline,text=body,date=published")
    assert ("Hi", "Some text.", dt.date(2021, 10, 15)) == (
        article.title,
        article.text,
        article.date,
    )
    assert {"section": "world"} == article.meta
    assert 2 == article.source.line


def test_mapping_to_a_missing_column_fails_at_the_header():
    """A mapping to a column the file lacks is one failure at line 1."""
    (failure,) = _read(b"a,b\n1,2\n", columns="text=body")
    assert (1, True) == (failure.line, "no column 'body'" in failure.message)


def test_bad_mapping_is_a_config_error():
    """A malformed --columns value is a ConfigError."""
    with pytest.raises(ConfigError):
        _read(b"a\n1\n", columns="text")


def test_rows_with_the_wrong_cell_count_fail_at_their_line():
    """A row with too many cells fails at its own line; multi-line cells count their lines."""
    data = b'title,text\nA,"two\nlines"\nB,x,extra\nC,y\n'
    items = _read(data)
    assert ["A", "C"] == [item.title for item in items if isinstance(item, Article)]
    assert [4] == [item.line for item in items if isinstance(item, Failure)]


def test_csv_is_chosen_by_suffix(tmp_path):
    """A .csv file reads through corpuskit.read with no --format."""
    path = tmp_path / "x.csv"
    path.write_text("title,text\nT,body\n")
    assert ["T"] == [article.title for article in corpuskit.read(path)]


@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_corpuskit_errors(data):
    """Any bytes give Articles or Failures, never another exception."""
    for item in _read(data):
        assert isinstance(item, Article | Failure)
