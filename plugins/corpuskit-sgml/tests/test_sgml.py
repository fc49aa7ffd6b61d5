"""Tests for corpuskit_sgml._sgml: streaming documents out of a file, entities, text shapes."""

from __future__ import annotations

import io
import re

import pytest
from corpuskit_sgml import _sgml
from corpuskit_sgml._sgml import (
    Document,
    Stray,
    attributes,
    clean,
    documents,
    one_line,
    paragraph_text,
)
from hypothesis import given
from hypothesis import strategies as st

START = re.compile(rb"<DOC[\s>]")
END = b"</DOC>"
PIECES = [
    b"<DOC>a</DOC>",
    b'<DOC id="x">\nb\n</DOC>',
    b"\n",
    b"<!-- note -->",
    b"junk",
    b"<DOC>",
    b"</DOC>",
]


def split(data: bytes) -> list[Document | Stray]:
    """Every item ``documents`` yields for ``data``."""
    return list(documents(io.BytesIO(data), START, END))


def test_documents_with_lines_and_offsets() -> None:
    """Each document comes with the line and byte offset of its start tag."""
    data = b'<!DOCTYPE x SYSTEM "x.dtd">\n<DOC>\none\n</DOC>\n\n<DOC>two</DOC>\n'
    expected = [
        Document(b"<DOC>\none\n</DOC>", 2, 28),
        Document(b"<DOC>two</DOC>", 6, 46),
    ]
    assert expected == split(data)


def test_strays() -> None:
    """Junk, an end without a start, a start without an end and a truncated file are Strays."""
    data = b"junk\n<DOC>a</DOC>\n</DOC>\n<DOC>lost\n<DOC>b</DOC>\n<DOC>cut"
    expected = [
        Stray(1, "text outside any document"),
        Document(b"<DOC>a</DOC>", 2, 5),
        Stray(3, "</DOC> without a start tag"),
        Stray(4, "document without </DOC>"),
        Document(b"<DOC>b</DOC>", 5, 35),
        Stray(6, "the file ends inside a document"),
    ]
    assert expected == split(data)


@given(st.lists(st.sampled_from(PIECES), max_size=12), st.integers(min_value=1, max_value=40))
def test_block_size_does_not_change_the_result(pieces: list[bytes], block: int) -> None:
    """Reading in tiny blocks gives the same documents and strays as reading the file whole."""
    data = b"".join(pieces)
    whole = split(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_sgml, "_BLOCK", block)
        assert whole == split(data)


@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_offsets_point_at_start_tags(pieces: list[bytes]) -> None:
    """Every document's bytes are found at its byte offset, on its line."""
    data = b"".join(pieces)
    for item in split(data):
        if isinstance(item, Document):
            assert item.data == data[item.byte_offset : item.byte_offset + len(item.data)]
            assert data.count(b"\n", 0, item.byte_offset) + 1 == item.line


def test_clean_decodes_entities_and_drops_controls() -> None:
    """Numeric, hex and named entities decode; control codes vanish; unknown entities stay."""
    assert "a<b & c\u00e9 \u00e9 &nosuch; d\te" == clean(
        "a&lt;b &amp; c&eacute; &#xE9; &nosuch; &#2;d&#5;\te&#3;"
    )


def test_one_line_and_paragraph_text() -> None:
    """one_line collapses white space; paragraph_text reflows <P> and keeps plain lines."""
    assert "A B" == one_line("\n  A\n <b>B</b> ")
    assert "one two\n\nthree" == paragraph_text("<P>\none\ntwo\n</P>\n<P>three</P>")
    assert "  kept\nlines" == paragraph_text("\n  kept  \nlines\n\n")


def test_attributes() -> None:
    """Quoted, single-quoted and bare attribute values are read by lower-case name."""
    assert {"id": "A", "type": "story", "n": "3"} == attributes(" ID=\"A\" type='story' n=3 ")
