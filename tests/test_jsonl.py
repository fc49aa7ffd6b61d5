import io
import json

from hypothesis import given
from hypothesis import strategies as st

from corpuskit.formats import jsonl
from corpuskit.model import Article, Failure, SourceRef
from corpuskit.plugins import Sink, Source
from strategies_local import full_articles


def _write(articles) -> bytes:
    buffer = io.BytesIO()
    jsonl.write_jsonl(articles, Sink(path="m.jsonl", stream=buffer, format="jsonl"))
    return buffer.getvalue()


def _read(data: bytes) -> list:
    return list(jsonl.read_jsonl(Source(path="m.jsonl", stream=io.BytesIO(data), format="jsonl")))


@given(st.lists(full_articles(), max_size=5))
def test_round_trip_is_lossless(articles):
    """Every field survives JSONL writing and reading."""
    assert articles == _read(_write(articles))


def test_lone_surrogates_round_trip():
    """Text that is not encodable as UTF-8 still round-trips through JSON escapes."""
    article = Article.create(title="\ud800", text="x")
    assert [article] == _read(_write([article]))


def test_source_points_at_the_line_and_keeps_the_origin():
    """A read article's source is the JSONL line; the first provenance is kept as origin."""
    origin = SourceRef(path="a.txt", line=5, format="dateheader")
    data = _write([Article.create(title="t", source=origin)])
    (article,) = _read(b"\n" + data)
    assert ("m.jsonl", 2, 1, origin) == (
        article.source.path,
        article.source.line,
        article.source.byte_offset,
        article.source.origin,
    )
    assert json.loads(_write([article]))["source"] == origin.to_dict()


def test_bad_lines_are_failures_with_their_line():
    """Invalid JSON, non-objects and wrong field types fail at their line; good lines still read."""
    data = b'{"title": "ok"}\n{bad\n[1]\n{"title": 5}\n\xff\n'
    items = _read(data)
    assert ["ok"] == [item.title for item in items if isinstance(item, Article)]
    assert [2, 3, 4, 5] == [item.line for item in items if isinstance(item, Failure)]


@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_corpuskit_errors(data):
    """Any bytes give Articles or Failures, never another exception."""
    for item in _read(data):
        assert isinstance(item, Article | Failure)
