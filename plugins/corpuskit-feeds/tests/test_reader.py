"""Tests of corpuskit_feeds.reader: entries to Articles, dates, malformed feeds."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import corpuskit
import pytest
from corpuskit import Article, Failure, ParseError, Source, canonical_text
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit_feeds import sniff_feed
from corpuskit_feeds.reader import html_to_text, read_feed
from expectations import check_all

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Post</title><link>https://valley.example/</link>
<language>de-CH</language>
<item><title>Bridge reopens</title><link>https://valley.example/bridge</link>
<guid>https://valley.example/bridge</guid>
<pubDate>Tue, 05 Mar 2024 09:30:00 +0100</pubDate><author>editor@valley.example (Eva Muster)</author>
<description>&lt;p&gt;The bridge is open again.&lt;/p&gt;&lt;p&gt;Cars may cross from noon.&lt;/p&gt;</description>
</item>
<item><title>Market day</title><pubDate>2024-03-06</pubDate><description>Stalls open at eight.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Lake News</title>
<entry><id>urn:lake:1</id><title type="html">Boats &lt;b&gt;return&lt;/b&gt;</title>
<link href="https://lake.example/boats"/><updated>2024-04-01T06:00:00Z</updated>
<author><name>Luc</name></author><author><name>Mia</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First boat.</p><p>Second boat.</p></div></content>
</entry></feed>"""


def _read(data: bytes) -> list[Article | Failure]:
    return list(read_feed(Source(path="f.xml", stream=io.BytesIO(data), format="feed")))


def test_rss_items() -> None:
    """RSS items give title, link, guid, zoned date, text paragraphs, language and feed meta."""
    first, second = _read(RSS)
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    actual = (
        first.id,
        first.title,
        first.url,
        first.date,
        first.date_raw,
        first.text,
        first.language,
        dict(first.meta),
        second.date,
    )
    expected = (
        "https://valley.example/bridge",
        "Bridge reopens",
        "https://valley.example/bridge",
        dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        "Tue, 05 Mar 2024 09:30:00 +0100",
        "The bridge is open again.\n\nCars may cross from noon.",
        "de",
        {
            "date_field": "published",
            "feed_title": "Valley Post",
            "feed_link": "https://valley.example/",
            "entry": 1,
        },
        dt.date(2024, 3, 6),
    )
    assert expected == actual


def test_atom_entry() -> None:
    """An Atom entry gives its id, HTML title as text, updated date, two authors and xhtml content."""
    (entry,) = _read(ATOM)
    assert isinstance(entry, Article)
    actual = (
        entry.id,
        entry.title,
        entry.date,
        entry.meta["date_field"],
        entry.authors,
        entry.text,
        entry.language,
    )
    expected = (
        "urn:lake:1",
        "Boats return",
        dt.datetime(2024, 4, 1, 6, tzinfo=dt.timezone.utc),
        "updated",
        ("Luc", "Mia"),
        "First boat.\n\nSecond boat.",
        "fr",
    )
    assert expected == actual


def test_bozo_feed_gives_entries_and_a_diagnostic() -> None:
    """A feed cut off after its first item yields that item, then one Failure saying it is malformed."""
    items = _read(RSS[: RSS.index(b"<item><title>Market")] + b"<item><title>Mar")
    assert [Article, Failure] == [type(item) for item in items[:1]] + [type(items[-1])]
    last = items[-1]
    assert isinstance(last, Failure)
    assert last.message.startswith("malformed feed, read as far as possible")


def test_read_through_corpuskit_by_sniffing(tmp_path: Path) -> None:
    """A .xml file is recognised as a feed by its content."""
    path = tmp_path / "news.xml"
    path.write_bytes(ATOM)
    assert ["urn:lake:1"] == [article.id for article in corpuskit.read(path)]


def test_html_to_text() -> None:
    """Block elements become paragraphs, scripts and tags go, entities are decoded."""
    markup = "<div>One &amp; <b>two</b><script>x()</script></div><p>Three</p>"
    assert "One & two\n\nThree" == html_to_text(markup)


@given(st.text(alphabet=st.sampled_from("ab <>/p&;#\n\t"), max_size=60))
def test_html_to_text_is_canonical(markup: str) -> None:
    """Whatever the markup, the text is canonical."""
    text = html_to_text(markup)
    assert canonical_text(text) == text


@settings(max_examples=50)
@given(st.binary(max_size=300))
def test_any_bytes_raise_nothing_unexpected(data: bytes) -> None:
    """Any bytes give Articles and Failures, or a ParseError; nothing else escapes."""
    try:
        items = _read(data)
    except ParseError:
        return
    assert all(isinstance(item, Article | Failure) for item in items)


def test_every_wellformed_fixture_reads(shared_dir: Path) -> None:
    """Every wellformed fixture reads; one is refused (XML safety), one is malformed as feedparser says."""
    refused = []
    for path in sorted((shared_dir / "corpora" / "feeds" / "wellformed").rglob("*")):
        if path.is_file():
            reader = corpuskit.read(path, format="feed", on_error="skip")
            list(reader)
            refused.extend(
                (path.name, "XML safety" in failure.message) for failure in reader.failures
            )
    assert [
        ("entry_title_type_empty-no-crash.xml", False),
        ("doctype_contains_entity_decl.xml", True),
    ] == refused


def test_expectations_agree(shared_dir: Path) -> None:
    """Every title, link and date expectation agrees, except links that need the HTTP context."""
    checks = check_all(shared_dir / "corpora" / "feeds" / "wellformed")
    disagree = [Path(check.path).name for check in checks if not check.agrees_as_text]
    assert (
        102,
        ["http_item_link_base_content_location.xml", "http_item_link_base_docuri.xml"],
    ) == (
        len(checks),
        disagree,
    )


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_sniff(name: str) -> None:
    """The feed sniffer scores RSS and Atom heads and nothing else."""
    head = RSS if name == "rss" else ATOM
    assert (0.7, 0.0) == (sniff_feed(head), sniff_feed(b"<html><body>"))
