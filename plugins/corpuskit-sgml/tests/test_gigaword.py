"""Tests for corpuskit_sgml.gigaword, on fixtures written after the published Gigaword layout."""

from __future__ import annotations

import datetime as dt

from corpuskit_sgml.gigaword import read_gigaword, sniff_gigaword
from hypothesis import given
from hypothesis import strategies as st
from sgml_support import assert_only_corpuskit_outcomes, read_bytes

from corpuskit import Article, Failure

STORY = b"""<DOC id="XIN_ENG_19950101.0001" type="story" >
<HEADLINE>
Example Headline Over
Two Lines
</HEADLINE>
<DATELINE>
BEIJING, January 1 (Xinhua)
</DATELINE>
<TEXT>
<P>
The first paragraph of an example story, wrapped
over two lines.
</P>
<P>
The second paragraph says AT&amp;T &lt;and&gt; more.
</P>
</TEXT>
</DOC>
"""
MULTI = b"""<DOC id="AFP_ENG_20010203.0042" type="multi" >
<TEXT>
<P>
Item one.
</P>
</TEXT>
</DOC>
"""


def read(data: bytes) -> list[Article | Failure]:
    """Read ``data`` with the Gigaword reader."""
    return read_bytes(read_gigaword, data, "gigaword")


def test_story_fields() -> None:
    """id, title, reflowed paragraphs, the day from the id, type and dateline in meta."""
    (article,) = read(STORY)
    assert isinstance(article, Article)
    expected = (
        "XIN_ENG_19950101.0001",
        "Example Headline Over Two Lines",
        (
            "The first paragraph of an example story, wrapped over two lines.\n\n"
            "The second paragraph says AT&T <and> more."
        ),
        dt.date(1995, 1, 1),
        "19950101",
        {"type": "story", "dateline": "BEIJING, January 1 (Xinhua)"},
    )
    assert expected == (
        article.id,
        article.title,
        article.text,
        article.date,
        article.date_raw,
        dict(article.meta),
    )


def test_documents_without_headline() -> None:
    """A document with no HEADLINE has an empty title; documents keep file order and offsets."""
    data = STORY + MULTI
    items = [item for item in read(data) if isinstance(item, Article)]
    assert [("XIN_ENG_19950101.0001", 0), ("AFP_ENG_20010203.0042", len(STORY))] == [
        (item.id, item.source.byte_offset if item.source else None) for item in items
    ]
    assert ("", "multi") == (items[1].title, items[1].meta["type"])


def test_sniff() -> None:
    """The sniffer knows <DOC id=…> and rejects TREC's bare <DOC>."""
    assert (0.9, 0.0) == (sniff_gigaword(STORY), sniff_gigaword(b"<DOC>\n<DOCNO>X</DOCNO>"))


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_corpuskit_errors(data: bytes) -> None:
    """Any bytes give Articles and Failures, or a corpuskit error, never another exception."""
    assert_only_corpuskit_outcomes(read, data)


@given(
    st.lists(
        st.sampled_from([STORY, MULTI, b"<DOC ", b"</DOC>", b"<P>", b"\x00\xfe", b"id="]),
        max_size=8,
    )
)
def test_shuffled_pieces_raise_only_corpuskit_errors(pieces: list[bytes]) -> None:
    """Documents, stray tags and bad bytes in any order read without a foreign exception."""
    assert_only_corpuskit_outcomes(read, b"".join(pieces))
