"""Tests for corpuskit.segment.paragraphs."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from corpuskit import paragraphs
from corpuskit.model import Span


def test_blank_lines_split():
    """Blank and whitespace-only lines separate paragraphs; single newlines do not."""
    text = "One\nstill one\n\nTwo\r\n \t\r\nThree  \n"
    assert ["One\nstill one", "Two", "Three"] == [text[s:e] for s, e in paragraphs(text)]


def test_offsets():
    """Offsets point into the original text."""
    assert [Span(2, 5), Span(7, 10)] == paragraphs("  abc\n\ndef\n")


@given(st.text(alphabet=st.sampled_from(list("ab .\n\r\t")), max_size=60))
def test_paragraphs_tile_text(text):
    """Paragraph spans are trimmed, ordered and hold every non-whitespace character."""
    spans = paragraphs(text)
    assert all(text[s:e] == text[s:e].strip() and s < e for s, e in spans)
    assert all(a.end < b.start for a, b in pairwise(spans))
    assert "".join(text.split()) == "".join("".join(text[s:e] for s, e in spans).split())
