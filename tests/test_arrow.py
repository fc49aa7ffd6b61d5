"""Tests for corpuskit.arrow: the Arrow schema, Arrow and pandas round trips, foreign tables."""

import datetime as dt
import decimal
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import corpuskit
from corpuskit import Article, SourceRef
from corpuskit.arrow import article_batches, batch_items, schema
from corpuskit.errors import ConfigError, MissingDependencyError, ParseError, WriteError
from strategies_local import same_sources, sourced_articles

pa = pytest.importorskip("pyarrow")

article_lists = st.lists(sourced_articles(), max_size=6)


@given(article_lists, st.integers(1, 4))
def test_arrow_round_trip_is_lossless(articles, batch_size):
    """Articles -> Arrow -> Articles gives equal Articles with equal provenance, in any batch size."""
    table = corpuskit.to_arrow(articles, batch_size=batch_size)
    back = list(corpuskit.from_arrow(table, batch_size=batch_size))
    assert articles == back
    assert same_sources(articles, back)
    assert [a.date.isoformat() if a.date else None for a in articles] == [
        b.date.isoformat() if b.date else None for b in back
    ]


@given(article_lists)
def test_pandas_round_trip_is_lossless(articles):
    """Articles -> pandas -> Articles gives equal Articles with equal provenance."""
    pytest.importorskip("pandas")
    back = list(corpuskit.from_pandas(corpuskit.to_pandas(articles)))
    assert articles == back
    assert same_sources(articles, back)


@given(st.lists(sourced_articles(), max_size=4))
def test_derived_date_columns_follow_the_date(articles):
    """date_day is the calendar day of the date; date_utc is the instant of aware datetimes only."""
    table = corpuskit.to_arrow(articles)
    days = table.column("date_day").to_pylist()
    instants = table.column("date_utc").to_pylist()
    for article, day, instant in zip(articles, days, instants, strict=True):
        date = article.date
        if date is None:
            assert (None, None) == (day, instant)
        elif isinstance(date, dt.datetime):
            assert date.date() == day
            assert (date if date.utcoffset() is not None else None) == instant
        else:
            assert (date, None) == (day, instant)


def test_schema_is_the_documented_one():
    """The schema has the documented columns, types and version marker."""
    expected = [
        ("id", "string"),
        ("title", "string"),
        ("text", "string"),
        ("date", "string"),
        ("date_day", "date32[day]"),
        ("date_utc", "timestamp[us, tz=UTC]"),
        ("date_raw", "string"),
        ("url", "string"),
        ("authors", "list<item: string>"),
        ("language", "string"),
        (
            "source",
            "struct<path: string, line: int64, byte_offset: int64, format: string, origin: string>",
        ),
        ("meta", "string"),
    ]
    actual = [(field.name, str(field.type)) for field in schema()]
    assert expected == actual
    assert {b"corpuskit.schema": b"1"} == schema().metadata


def test_batches_are_bounded():
    """article_batches cuts the stream into batches of at most batch_size rows."""
    articles = [Article.create(text=str(n)) for n in range(7)]
    assert [3, 3, 1] == [batch.num_rows for batch in article_batches(articles, batch_size=3)]


def test_root_provenance_drops_the_chain():
    """provenance='root' stores the first provenance only, as the file formats do."""
    root = SourceRef(path="first.txt", line=4, format="dateheader")
    article = Article(id="a", source=SourceRef(path="b.jsonl", line=1, origin=root))
    batch = next(article_batches([article], provenance="root"))
    expected = {"path": "first.txt", "line": 4, "byte_offset": None, "format": "dateheader"}
    assert {**expected, "origin": None} == batch.column("source").to_pylist()[0]


def test_empty_input_gives_an_empty_table_with_the_schema():
    """No Articles give a table with no rows and the full schema."""
    table = corpuskit.to_arrow([])
    assert (0, schema()) == (table.num_rows, table.schema)


def test_foreign_table_reads_through_a_column_mapping():
    """Mapped columns fill fields, typed dates become dates, unknown columns go to meta."""
    table = pa.table(
        {
            "headline": ["Storm", None],
            "body": ["Boats stayed in.", "Quiet day."],
            "published": pa.array(
                [dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone.utc), None],
                pa.timestamp("us", tz="UTC"),
            ),
            "day": pa.array([dt.date(2024, 3, 1), None], pa.date32()),
            "writers": [["A. Smith", "B. Jones"], None],
            "section": ["harbour", "weather"],
        }
    )
    articles = list(
        corpuskit.from_arrow(
            table, columns="title=headline,text=body,date=published,authors=writers"
        )
    )
    first, second = articles
    assert ("Storm", "Boats stayed in.") == (first.title, first.text)
    assert dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone.utc) == first.date
    assert "2024-03-01T09:30:00+00:00" == first.date_raw
    assert ("A. Smith", "B. Jones") == first.authors
    assert {"day": "2024-03-01", "section": "harbour"} == dict(first.meta)
    assert ("", None, ()) == (second.title, second.date, second.authors)
    assert corpuskit.content_id("Storm", "Boats stayed in.", first.date_raw) == first.id


def test_string_dates_are_parsed_and_kept_raw():
    """A string date column is parsed like a CSV date cell and kept as date_raw."""
    table = pa.table({"text": ["x", "y"], "date": ["2024-03-01", "March 2, 2024 10:15"]})
    first, second = corpuskit.from_arrow(table)
    assert (dt.date(2024, 3, 1), "2024-03-01") == (first.date, first.date_raw)
    assert dt.datetime(2024, 3, 2, 10, 15) == second.date


def test_missing_mapped_column_is_a_config_error():
    """Mapping a field to a column the table lacks names the column and the field."""
    table = pa.table({"text": ["x"]})
    with pytest.raises(ConfigError, match="no column 'body' \\(for field 'text'\\)"):
        list(corpuskit.from_arrow(table, columns={"text": "body"}))


def test_bad_row_raises_with_its_row_number():
    """A row whose date is not a date raises ParseError naming row 2."""
    table = pa.table({"text": ["x", "y"], "date": ["2024-03-01", "not a date"]})
    with pytest.raises(ParseError, match=r"^<arrow>:2: not an Article: .*'not a date'"):
        list(corpuskit.from_arrow(table))


def test_batch_items_reports_bad_rows_as_failures_and_goes_on():
    """batch_items yields a Failure for a bad row and the Articles after it."""
    table = pa.table({"text": ["x", "y", "z"], "meta": ["{}", "[1]", None]})
    items = list(batch_items(table.to_batches(), path="t.parquet", format="parquet"))
    assert ["Article", "Failure", "Article"] == [type(item).__name__ for item in items]
    assert "t.parquet:2: not an Article: the meta column must hold JSON objects" == str(items[1])
    assert SourceRef(path="t.parquet", line=3, format="parquet") == items[2].source


def test_lone_surrogate_is_a_write_error_naming_the_article():
    """Arrow strings are UTF-8: a lone surrogate in the text is a WriteError naming the Article."""
    article = Article(id="bad", text="a\ud800b")
    with pytest.raises(WriteError, match="article bad: field 'text'"):
        corpuskit.to_arrow([article])


def test_lone_surrogate_in_meta_survives():
    """The meta column is JSON with escapes, so a lone surrogate there round-trips."""
    article = Article(id="m", meta={"k": "a\ud800"})
    assert [article] == list(corpuskit.from_arrow(corpuskit.to_arrow([article])))


def test_missing_pyarrow_names_the_extra(monkeypatch):
    """Without pyarrow, to_arrow raises MissingDependencyError with the pip line."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'corpuskit\[arrow\]'"):
        corpuskit.to_arrow([])


def test_importing_corpuskit_does_not_import_the_optional_dependencies():
    """`import corpuskit` loads none of pyarrow, pandas, datasets or fsspec."""
    code = (
        "import sys, corpuskit; "
        "print(sorted(m for m in ('pyarrow', 'pandas', 'datasets', 'fsspec') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "[]" == result.stdout.strip()


def test_foreign_typed_cells_go_into_meta_as_json_values():
    """Decimals, times and structs of other columns reach meta as strings and objects."""
    table = pa.table(
        {
            "text": ["x"],
            "price": pa.array([decimal.Decimal("1.50")], pa.decimal128(5, 2)),
            "at": pa.array([dt.time(9, 30)], pa.time64("us")),
            "place": [{"town": "Harbour", "days": [dt.date(2024, 3, 1)]}],
        }
    )
    (article,) = corpuskit.from_arrow(table)
    expected = {
        "price": "1.50",
        "at": "09:30:00",
        "place": {"town": "Harbour", "days": ["2024-03-01"]},
    }
    assert expected == article.meta.to_dict()
