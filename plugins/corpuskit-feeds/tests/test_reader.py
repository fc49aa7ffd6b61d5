"""Tests of corpuskit_feeds.reader: entries to Articles, dates, malformed feeds."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import corpuskit
import pytest
from corpuskit import Article, Failure, ParseError, Source, SourceRef, canonical_text
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


def test_entries_carry_their_line_and_byte_offset() -> None:
    """Each Article's source is the line and byte offset where its <item> starts."""
    starts = [RSS.index(b"<item>"), RSS.rindex(b"<item>")]
    expected = [
        SourceRef(path="f.xml", line=RSS.count(b"\n", 0, at) + 1, byte_offset=at, format="feed")
        for at in starts
    ]
    assert expected == [item.source for item in _read(RSS) if isinstance(item, Article)]


def _feed(titles: list[str]) -> bytes:
    items = "".join(f"<item>\n<title>{title}</title>\n</item>\n" for title in titles)
    return f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n{items}</channel></rss>'.encode()


@settings(max_examples=60)
@given(st.lists(st.sampled_from(["Rain", "Sun", "Fog"]), min_size=1, max_size=5), st.data())
def test_a_cut_feed_yields_the_entries_before_the_cut_then_one_failure(
    titles: list[str], data: st.DataObject
) -> None:
    """Cut anywhere, a feed yields the items that end before the cut, then one Failure on a line of the file."""
    feed = _feed(titles)
    cut = data.draw(st.integers(1, len(feed) - 1))  # an empty file holds no entry and no damage
    kept = feed[:cut]
    ended = sum(1 for at in range(len(titles)) if _nth_end(feed, at) <= cut)
    *articles, failure = _read(kept)
    assert (titles[:ended], True) == (
        [article.title for article in articles if isinstance(article, Article)],
        isinstance(failure, Failure) and 1 <= (failure.line or 0) <= kept.count(b"\n") + 1,
    )


def _nth_end(feed: bytes, nth: int) -> int:
    at = -1
    for _ in range(nth + 1):
        at = feed.index(b"</item>", at + 1)
    return at + len(b"</item>")


def test_damage_inside_an_entry_ends_the_feed_at_its_line() -> None:
    """An undeclared entity in the second item: the first item, then a Failure on the entity's line."""
    feed = _feed(["Rain", "Sun &nbsp; again", "Fog"] + [f"Calm {n}" for n in range(40)])
    items = _read(feed)
    line = feed[: feed.index(b"&nbsp;")].count(b"\n") + 1
    assert (["Rain"], line, True) == (
        [item.title for item in items if isinstance(item, Article)],
        items[-1].line,
        isinstance(items[-1], Failure) and "undefined entity" in items[-1].message,
    )


def test_damage_before_the_first_entry_is_read_past() -> None:
    """A broken comment before the root is reported first, then every entry is read."""
    feed = b"<!-- a -- b -->\n" + _feed(["Rain", "Sun"])
    first, *rest = _read(feed)
    assert (Failure, 1, ["Rain", "Sun"]) == (
        type(first),
        first.source.line if isinstance(first, Article) else first.line,
        [item.title for item in rest if isinstance(item, Article)],
    )


def test_utf16_feed_reads_with_lines() -> None:
    """A UTF-16 feed reads like its UTF-8 twin, lines included, without byte offsets."""
    text = (
        _feed(["Zürich", "Kraków"])
        .decode()
        .replace('version="1.0"', 'version="1.0" encoding="utf-16"')
    )
    items = _read(text.encode("utf-16"))
    utf8 = _read(_feed(["Zürich", "Kraków"]))
    assert [(a.title, a.source.line) for a in utf8 if isinstance(a, Article) and a.source] == [
        (a.title, a.source.line)
        for a in items
        if isinstance(a, Article) and a.source and a.source.byte_offset is None
    ]


def test_first_entry_comes_before_the_stream_is_read_through() -> None:
    """A feed of over 2 MB hands out its first Article having read less than a quarter of it."""
    feed = _feed([f"Story {n} " + "word " * 40 for n in range(12000)])
    stream = io.BytesIO(feed)
    reader = read_feed(Source(path="f.xml", stream=stream, format="feed"))
    next(reader)
    assert (True, True) == (len(feed) > 2_000_000, stream.tell() < len(feed) // 4)


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
