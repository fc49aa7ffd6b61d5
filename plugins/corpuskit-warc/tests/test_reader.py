"""Tests of corpuskit_warc.reader: records to Articles, dates, damaged files."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import json
from pathlib import Path

import corpuskit
import pytest
from corpuskit import Article, ParseError, Source
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit_warc.reader import read_warc
from warc_records import PARAGRAPHS, record, sample_records

BERLIN_SUMMER = dt.timezone(dt.timedelta(hours=2))


def _read(data: bytes, path: str = "t.warc") -> list[Article]:
    items = list(read_warc(Source(path=path, stream=io.BytesIO(data), format="warc")))
    assert all(isinstance(item, Article) for item in items)
    return [item for item in items if isinstance(item, Article)]


def test_html_responses_and_wet_text_become_articles() -> None:
    """Two HTML 200 responses and one conversion record give Articles; the rest is passed over."""
    articles = _read(b"".join(sample_records()))
    actual = [(a.id, a.url, a.title, a.meta["warc_type"]) for a in articles]
    expected = [
        (
            "urn:uuid:00000000-0000-0000-0000-000000000003",
            "https://news.example/ferry",
            "Ferry company adds evening crossings",
            "response",
        ),
        (
            "urn:uuid:00000000-0000-0000-0000-000000000006",
            "https://news.example/ferry-2",
            "Second crossing",
            "response",
        ),
        (
            "urn:uuid:00000000-0000-0000-0000-000000000007",
            "https://news.example/ferry",
            "",
            "conversion",
        ),
    ]
    assert expected == actual


def test_publication_and_crawl_dates_are_kept_apart() -> None:
    """Article.date is the page's publication date; WARC-Date goes to meta["crawl_date"]."""
    first, _second, wet = _read(b"".join(sample_records()))
    actual = (
        first.date,
        first.date_raw,
        first.meta["crawl_date"],
        wet.date,
        wet.meta["crawl_date"],
    )
    expected = (
        dt.datetime(2023, 7, 14, 8, tzinfo=BERLIN_SUMMER),
        "2023-07-14T08:00:00+02:00",
        "2024-02-03T04:05:06Z",
        None,
        "2024-02-03T04:05:06Z",
    )
    assert expected == actual


def test_body_and_wet_text() -> None:
    """The HTML body is the article's paragraphs; WET text is kept as canonical text."""
    first, _second, wet = _read(b"".join(sample_records()))
    assert ("\n\n".join(PARAGRAPHS), "Ferry timetable\n\nBoats leave at eight.") == (
        first.text,
        wet.text,
    )


def test_byte_offsets_point_at_records() -> None:
    """Each Article's source names the byte where its record starts."""
    records = sample_records()
    starts = [sum(len(r) for r in records[:index]) for index in (2, 5, 6)]
    assert starts == [
        a.source.byte_offset for a in _read(b"".join(records)) if a.source is not None
    ]


def test_lines_point_at_records() -> None:
    """Each Article's source line is the line of the decompressed stream where its record starts."""
    data = b"".join(sample_records())
    assert [
        (data.count(b"\n", 0, a.source.byte_offset) + 1, True)
        for a in _read(data)
        if a.source is not None and a.source.byte_offset is not None
    ] == [
        (a.source.line, data[: a.source.byte_offset].endswith(b"\n"))
        for a in _read(data)
        if a.source is not None
    ]


def test_truncated_file_keeps_records_before_damage() -> None:
    """A file cut inside its third article record gives two Articles, then the damage offset."""
    records = sample_records()
    data = b"".join(records)
    cut = sum(len(r) for r in records[:6]) + 40
    items: list[object] = []
    with pytest.raises(ParseError) as caught:
        items.extend(
            read_warc(Source(path="cut.warc", stream=io.BytesIO(data[:cut]), format="warc"))
        )
    expected_offset = sum(len(r) for r in records[:6])
    line = data.count(b"\n", 0, expected_offset) + 1
    assert (
        2,
        f"cut.warc:{line}: damaged WARC data from byte {expected_offset} (after 6 whole records)",
    ) == (
        len(items),
        ":".join(str(caught.value).split(":", 3)[:3]),
    )


def test_garbage_between_records_is_damage() -> None:
    """Bytes that are not a WARC header end the file with an error naming their offset."""
    records = sample_records()
    data = b"".join(records[:3]) + b"this is not a warc record\r\n\r\n" + b"".join(records[3:])
    offset = sum(len(r) for r in records[:3])
    with pytest.raises(ParseError, match=f"from byte {offset} "):
        _read(data)


def test_gzipped_file_through_corpuskit(tmp_path: Path) -> None:
    """A .warc.gz of one gzip member per record reads like the plain file, by suffix."""
    path = tmp_path / "sample.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in sample_records()))
    assert 3 == len(list(corpuskit.read(path)))


def test_short_last_record_is_damage() -> None:
    """A last record whose block ends before its Content-Length is reported, not read as whole."""
    whole = record("conversion", "https://x.example/", b"some text\n" * 20, number=9)
    with pytest.raises(ParseError, match="damaged WARC data from byte 0"):
        _read(whole[:-60])


@settings(max_examples=40)
@given(st.integers(min_value=0, max_value=len(b"".join(sample_records()))))
def test_any_cut_gives_a_prefix_then_at_most_one_error(cut: int) -> None:
    """Cutting a file anywhere yields a prefix of its Articles and raises nothing but ParseError."""
    data = b"".join(sample_records())
    full = _read(data)
    got: list[object] = []
    with contextlib.suppress(ParseError):
        got.extend(read_warc(Source(path="t.warc", stream=io.BytesIO(data[:cut]), format="warc")))
    assert full[: len(got)] == got


def _warc(shared: Path, name: str) -> Path:
    return shared / "corpora" / "warc" / name


@pytest.mark.parametrize(
    "name", ["resiliparse/tests/data/warcfile.warc", "resiliparse/tests/data/warcfile.warc.gz"]
)
def test_common_crawl_excerpt(shared_dir: Path, name: str) -> None:
    """The Common Crawl excerpt gives one Article per HTML response record, with its record id."""
    inventory = json.loads(_warc(shared_dir, "inventory.json").read_text(encoding="utf-8"))
    articles = list(corpuskit.read(_warc(shared_dir, name)))
    ids = {a.id for a in articles}
    assert (inventory[name]["records"]["response"], len(articles)) == (len(ids), len(articles))


def test_whirlwind_wet(shared_dir: Path) -> None:
    """The whirlwind WET file yields its one conversion record as text."""
    (article,) = corpuskit.read(_warc(shared_dir, "commoncrawl_whirlwind/whirlwind.warc.wet.gz"))
    assert ("https://an.wikipedia.org/wiki/Escopete", "conversion", True) == (
        article.url,
        article.meta["warc_type"],
        article.text.startswith("Escopete"),
    )


@pytest.mark.parametrize(
    ("name", "before"),
    [
        ("resiliparse/tests/data/clipped.warc.gz", 0),
        ("warcio/test/data/example-trunc.warc", 1),
        ("warcio/test/data/example.arc", 0),
    ],
)
def test_broken_files_give_records_then_one_error(shared_dir: Path, name: str, before: int) -> None:
    """Each broken file yields the Articles before the damage, then one failure naming a byte."""
    reader = corpuskit.read(_warc(shared_dir, name), format="warc", on_error="skip")
    articles = list(reader)
    assert (before, 1, True) == (
        len(articles),
        len(reader.failures),
        "damaged WARC data from byte" in reader.failures[0].message,
    )
