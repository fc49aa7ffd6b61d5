"""The feed format passes corpuskit's conformance kit, streaming included."""

from __future__ import annotations

import itertools
from pathlib import Path

import corpuskit
from corpuskit.testing import FormatConformance, sample_articles

_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">\n<channel>\n'
    "<title>Generated</title>\n<link>https://news.example.org/</link>\n"
)
_TAIL = "</channel>\n</rss>\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_large_feed(path: Path, size: int) -> None:
    """Write one RSS 2.0 feed of at least ``size`` bytes: a channel of generated items."""
    with path.open("w", encoding="utf-8") as out:
        written = out.write(_HEAD)
        for article in sample_articles(seed=3):
            if written >= size:
                break
            paragraphs = "".join(f"<p>{part}</p>" for part in article.text.split("\n\n"))
            written += out.write(
                f"<item>\n<title>{_escape(article.title)}</title>\n"
                f"<link>{article.url}</link>\n<guid>{article.id}</guid>\n"
                f"<pubDate>{article.date_raw}</pubDate>\n"
                f"<description>{_escape(paragraphs)}</description>\n</item>\n"
            )
        out.write(_TAIL)


class TestFeedConformance(FormatConformance):
    """feed reads its samples with each entry's line, streams a large feed and survives bad bytes."""

    format_name = "feed"
    samples = ("samples/valley.rss", "samples/lake.atom")
    large_sample = write_large_feed
    large_size, max_read, max_held = 3 << 20, 1 << 20, 2 << 20


def test_large_feed_reads_back_its_items(tmp_path: Path) -> None:
    """The generated large feed reads back to the titles it was written with (the helper is sound)."""
    path = tmp_path / "large.rss"
    write_large_feed(path, 200_000)
    titles = [article.title for article in corpuskit.read(path)]
    expected = [article.title for article in itertools.islice(sample_articles(seed=3), len(titles))]
    assert (True, expected) == (len(titles) > 10, titles)
