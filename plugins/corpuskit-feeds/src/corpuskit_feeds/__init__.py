"""corpuskit-feeds: RSS 0.9x/1.0/2.0 and Atom feeds as corpuskit Articles, one per entry.

Importing this module is cheap: feedparser loads with the first feed read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpuskit import Article, Failure, Format, hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from corpuskit import Source

__all__ = ["NAME", "corpuskit_register_formats", "read_feed", "sniff_feed"]

NAME = "feed"
_ROOTS = re.compile(rb"<(?:rss|feed|rdf:RDF|RDF|channel)[\s>]")


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register the ``feed`` format (RSS and Atom)."""
    register(
        Format(
            name=NAME,
            suffixes=(".rss", ".atom", ".rdf"),
            reader=read_feed,
            sniff=sniff_feed,
            description="RSS 0.9x/1.0/2.0 and Atom feeds, one Article per entry (feedparser)",
        )
    )


def sniff_feed(head: bytes) -> float:
    """Score 0.7 when an RSS, RDF or Atom root element opens in the first bytes."""
    return 0.7 if _ROOTS.search(head[:4096]) else 0.0


def read_feed(source: Source) -> Iterator[Article | Failure]:
    """Read one feed file; see :func:`corpuskit_feeds.reader.read_feed`."""
    from corpuskit_feeds.reader import read_feed as read  # noqa: PLC0415 - lazy heavy import

    return read(source)
