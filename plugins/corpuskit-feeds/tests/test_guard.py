"""Tests of corpuskit_feeds.guard: entity attacks are refused before parsing."""

from __future__ import annotations

import io
import sys
import tracemalloc
from pathlib import Path

import pytest
from corpuskit import Article, ParseError, Source

from corpuskit_feeds.guard import check_entities
from corpuskit_feeds.reader import read_feed


def _ten_references(level: int) -> str:
    name = f"lol{level}" if level else "lol"
    return f"&{name};" * 10


LAUGHS = "\n".join(
    ['<?xml version="1.0"?>', "<!DOCTYPE rss [", ' <!ENTITY lol "lol">']
    + [f' <!ENTITY lol{n} "{_ten_references(n - 1)}">' for n in range(1, 10)]
    + ["]>", '<rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>']
)

OPENED: list[str] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if (
        event == "open"
        and args
        and isinstance(args[0], str)
        and args[0].endswith("corpuskit-secret.txt")
    ):
        OPENED.append(args[0])


sys.addaudithook(_audit)


def _read(data: bytes) -> list[object]:
    return list(read_feed(Source(path="f.rss", stream=io.BytesIO(data), format="feed")))


def test_billion_laughs_is_refused_without_expansion() -> None:
    """The billion-laughs feed raises ParseError, and reading it allocates little memory."""
    tracemalloc.start()
    try:
        with pytest.raises(ParseError, match="refers to other entities") as caught:
            _read(LAUGHS.encode())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert ("f.rss", True) == (caught.value.path, peak < 5_000_000)


def test_external_entity_is_refused_without_opening_the_file(tmp_path: Path) -> None:
    """A SYSTEM entity naming a local file is refused and the file is never opened."""
    secret = tmp_path / "corpuskit-secret.txt"
    secret.write_text("do not read me", encoding="utf-8")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>'
    )
    OPENED.clear()
    with pytest.raises(ParseError, match="external entity 'xxe' is refused"):
        _read(feed.encode())
    assert [] == OPENED


def test_parameter_entity_is_refused() -> None:
    """A parameter entity is refused, external or not."""
    feed = b'<!DOCTYPE rss [<!ENTITY % p "x">]><rss version="2.0"><channel/></rss>'
    with pytest.raises(ParseError, match="parameter entity 'p'"):
        check_entities(feed, "f.rss")


def test_simple_internal_entity_is_allowed() -> None:
    """An internal entity without references passes the guard and is expanded by the parser."""
    feed = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY site "tag:example.org,">\n]>\n'
        b'<rss version="2.0"><channel>'
        b"<item><guid isPermaLink='false'>&site;2024:/a</guid><title>A</title></item></channel></rss>"
    )
    (article,) = _read(feed)
    assert isinstance(article, Article)
    assert "tag:example.org,2024:/a" == article.id


def test_malformed_prolog_is_scanned() -> None:
    """When expat cannot read the prolog, the pattern scan still refuses an external entity."""
    feed = b'<!DOCTYPE rss [<!bogus> <!ENTITY xxe SYSTEM "file:///etc/hostname">]><rss><channel/></rss>'
    with pytest.raises(ParseError, match="external or parameter entity"):
        check_entities(feed, "f.rss")


def test_no_entities_is_a_fast_pass() -> None:
    """A feed without entity declarations passes untouched."""
    assert check_entities(b'<rss version="2.0"><channel/></rss>', "f.rss") is None
