"""Tests of corpuskit_feeds.split: cutting a feed into header and entries as it streams."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit_feeds import split
from corpuskit_feeds.split import Damage, Entry, Header, split_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Valley Post</title>
<item><title>One</title></item>
<!-- <item>not an item</item> -->
<item>
<title><![CDATA[Two </item> <item>]]></title>
</item>
</channel>
</rss>
"""


class Trickle(io.RawIOBase):
    """A stream that returns at most ``step`` bytes a read, so tokens straddle reads."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data = data
        self.step = step
        self.at = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = self.step if size < 0 else min(size, self.step)
        piece = self.data[self.at : self.at + size]
        self.at += len(piece)
        return piece


def _pieces(data: bytes, step: int | None = None) -> list[Header | Entry | Damage]:
    stream = io.BytesIO(data) if step is None else Trickle(data, step)
    return list(split_feed(stream))


def _entry(data: bytes, start: bytes, end: bytes, nth: int = 0) -> Entry:
    """The Entry expected for the ``nth`` span of ``data`` from ``start`` to the end of ``end``."""
    at = -1
    for _ in range(nth + 1):
        at = data.index(start, at + 1)
    stop = data.index(end, at) + len(end)
    return Entry(data[at:stop], data.count(b"\n", 0, at) + 1, at)


def test_rss_feed_is_cut_into_header_and_items() -> None:
    """The header ends at the first item and is closed by </channel></rss>; comments and CDATA hide tags."""
    header = RSS[: RSS.index(b"<item>")]
    expected = [
        Header(header, b"</channel></rss>", whole=False),
        _entry(RSS, b"<item>", b"</item>"),
        _entry(RSS, b"<item>\n", b"]]></title>\n</item>"),
    ]
    assert expected == _pieces(RSS)


@given(st.integers(1, 40))
def test_reads_of_any_size_cut_the_same(step: int) -> None:
    """However the stream splits its bytes, the pieces are the same."""
    assert _pieces(RSS) == _pieces(RSS, step)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "\n", "\n\n  ", "<!-- c -->\n", "<?pi x?>"]),
            st.text(alphabet="ab <>&\n", max_size=30),
        ),
        max_size=8,
    ),
    st.integers(1, 64),
)
def test_every_item_is_found_with_its_line_and_offset(
    items: list[tuple[str, str]], step: int
) -> None:
    """Each item is cut exactly, at its line and byte offset, whatever comes between items."""
    parts = [b'<?xml version="1.0"?>\n<rss>\n<channel><title>T</title>\n']
    for gap, title in items:
        escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts += [gap.encode(), f"<item><title>{escaped}</title></item>".encode()]
    data = b"".join([*parts, b"\n</channel></rss>\n"])
    expected = [_entry(data, b"<item>", b"</item>", nth) for nth in range(len(items))]
    entries = [piece for piece in _pieces(data, step) if not isinstance(piece, Header)]
    assert expected == entries


def test_atom_entries_and_an_entry_document() -> None:
    """Atom entries are cut under </feed>; a lone entry document is its own entry, with an empty header."""
    feed = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>\n<entry><id>1</id></entry></feed>'
    lone = b'<?xml version="1.0"?>\n<entry xmlns="http://www.w3.org/2005/Atom"><id>1</id></entry>\n'
    actual = (_pieces(feed)[0].closers, _pieces(lone))  # type: ignore[union-attr]
    expected = (
        b"</feed>",
        [
            Header(b'<?xml version="1.0"?>\n', b"", whole=False),
            _entry(lone, b"<entry", b"</entry>"),
        ],
    )
    assert expected == actual


def test_prefixed_items_count_only_in_feed_namespaces() -> None:
    """<r:item> in RSS's namespace is an entry; <g:item> of another namespace is not."""
    data = (
        b'<r:rss xmlns:r="http://backend.userland.com/rss2" xmlns:g="http://base.example/ns">'
        b"<r:channel><g:item>x</g:item><r:item><r:title>A</r:title></r:item></r:channel></r:rss>"
    )
    expected = [b"<r:item><r:title>A</r:title></r:item>"]
    assert expected == [piece.data for piece in _pieces(data) if isinstance(piece, Entry)]


def test_empty_item_is_an_entry() -> None:
    """A self-closing <item/> is an entry of its own."""
    data = b"<rss><channel><item/><item><title>B</title></item></channel></rss>"
    assert [b"<item/>", b"<item><title>B</title></item>"] == [
        piece.data for piece in _pieces(data) if isinstance(piece, Entry)
    ]


def test_feed_without_entries_is_one_whole_header() -> None:
    """A feed without entries yields its whole text as the header."""
    data = b"<rss><channel><title>Empty</title></channel></rss>\n"
    assert [Header(data, b"", whole=True)] == _pieces(data)


def test_utf16_feed_is_read_as_utf8_with_its_lines() -> None:
    """A UTF-16 feed is re-encoded: the declaration says utf-8, lines stay, byte offsets go."""
    text = '<?xml version="1.0" encoding="utf-16"?>\n<rss><channel>\n<item><title>Zürich</title></item>\n</channel></rss>'
    header, entry = _pieces(text.encode("utf-16"))
    assert (
        b'<?xml version="1.0" encoding="utf-8"?>\n<rss><channel>\n',
        Entry("<item><title>Zürich</title></item>".encode(), 3, None),
    ) == (header.data, entry)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"<rss><channel>\n<item><title>A</title>",
            Damage(2, "the feed ends inside the <item> of line 2"),
        ),
        (
            b"<rss><channel>\n<item><title>A</title></item>\n</channel></rs",
            Damage(3, "the feed ends inside the end tag that starts here"),
        ),
        (
            b"<rss><channel>\n<item><title>A</title></item>\n",
            Damage(2, "the feed ends before <channel> of line 1 closes"),
        ),
        (b"<rss><channel>\n<title>A</rss>", Damage(2, "</rss> closes <title> of line 2")),
        (
            b"<rss><channel>\n<item><title>A</title>\n<item>",
            Damage(3, "<item> opens inside the <item> of line 2"),
        ),
        (b"<rss></rss>\n<rss>", Damage(2, "a second root element <rss>")),
        (b"<rss><channel>\n<!-- open", Damage(2, "the comment that starts here does not end")),
        (b"<rss>\n<!ENTITY x 'y'><channel>", Damage(2, "a declaration outside the document type")),
    ],
)
def test_damage_is_the_last_piece_with_its_line(data: bytes, expected: Damage) -> None:
    """The scan stops at the first damage, which says where and what."""
    assert expected == _pieces(data)[-1]


def test_an_entry_over_the_limit_is_damage(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry longer than MAX_ENTRY_BYTES is damage at its first line, not held on."""
    monkeypatch.setattr(split, "MAX_ENTRY_BYTES", 100)
    data = b"<rss><channel>\n<item><title>" + b"x" * 500 + b"</title></item></channel></rss>"
    assert (
        Damage(2, "the <item> that starts here is longer than 100 bytes") == _pieces(data, 16)[-1]
    )


def test_a_header_over_the_limit_is_damage(monkeypatch: pytest.MonkeyPatch) -> None:
    """No entry within MAX_HEADER_BYTES is damage on the line of the byte at the limit."""
    monkeypatch.setattr(split, "MAX_HEADER_BYTES", 100)
    data = b"<rss><channel>" + b"<title>x</title>\n" * 50 + b"<item/></channel></rss>"
    assert [Damage(6, "no <item> or <entry> in the first 100 bytes")] == _pieces(data, 16)
